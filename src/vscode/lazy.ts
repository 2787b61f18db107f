// Heavy adapters load on first use, not at activation. esbuild turns these requires into
// `require('./git.js')` / `require('./http.js')` (separate bundles; see esbuild.mjs), so
// dist/extension.js stays small; unbundled (tests) they resolve to the compiled sources.
import type * as GitAdapter from '../adapters/git';

let git: typeof GitAdapter | undefined;

export function gitAdapter(): typeof GitAdapter {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  git ??= require('../adapters/git') as typeof GitAdapter;
  return git;
}
