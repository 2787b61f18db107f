// The bundles as esbuild.mjs builds them from today's sources, into a folder of the tests' own: a
// test of what ships never reads a dist/ left by an older build, nor fails in a fresh clone that has
// none. Built once a process (about a second), removed when it exits.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '../../..');
let built: string | undefined;

/** The folder holding extension.js, the lazily loaded bundles, cli.js and webview/. */
export function freshBuild(): string {
  if (!built) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'warroom-build-'));
    process.on('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
    execFileSync(process.execPath, ['esbuild.mjs', `--outdir=${dir}`], { cwd: ROOT, stdio: 'pipe' });
    built = dir;
  }
  return built;
}
