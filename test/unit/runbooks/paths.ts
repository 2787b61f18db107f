// Where the tests find the repository, the shipped runbooks and the shared corpus.
import * as path from 'node:path';

/** out/test/unit/runbooks -> repository root. */
export const repoRoot = path.resolve(__dirname, '../../../..');
export const corpusDir = path.resolve(repoRoot, '../shared/corpus/runbooks');
export const shippedDir = path.join(repoRoot, 'runbooks');
