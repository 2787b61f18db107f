// Where the tests find the repository, the shipped runbooks and the runbook corpus (test/fixtures/corpus).
import * as path from 'node:path';

/** out/test/unit/runbooks -> repository root. */
export const repoRoot = path.resolve(__dirname, '../../../..');
export const corpusDir = path.join(repoRoot, 'test/fixtures/corpus/runbooks');
export const shippedDir = path.join(repoRoot, 'runbooks');
