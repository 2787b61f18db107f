// Where the harness finds the repository, code-server and chromium, and where it leaves artifacts.
// Compiled to out/test/harness/, so the repository root is three levels up from here.
import * as os from 'os';
import * as path from 'path';

export const repoRoot = path.resolve(__dirname, '..', '..', '..');

/** Screenshots and logs that CI keeps; git-ignored. */
export const artifactsDir = path.join(repoRoot, 'test-artifacts');

/** Same folder test/harness/install.mjs installs into. */
export const codeServerPrefix = process.env.WARROOM_CODE_SERVER_DIR || path.join(os.homedir(), '.cache', 'war-room', 'code-server');

export const codeServerEntry = path.join(codeServerPrefix, 'node_modules', 'code-server', 'out', 'node', 'entry.js');

export const chromiumExecutable = process.env.WARROOM_CHROMIUM || '/usr/bin/chromium';
