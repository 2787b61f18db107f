// npm run bench: compiles, then runs every out/bench/*.bench.js in a fresh Node process (so one
// figure's garbage does not slow the next) and passes their JSON lines through.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.dirname(path.dirname(new URL(import.meta.url).pathname));
const only = process.argv[2];
execFileSync('npx', ['tsc', '-p', 'tsconfig.test.json'], { cwd: root, stdio: 'inherit' });
execFileSync('node', ['esbuild.mjs', '--production'], { cwd: root, stdio: 'inherit' });
const dir = path.join(root, 'out/bench');
const files = fs
  .readdirSync(dir)
  .filter((f) => f.endsWith('.bench.js') && (!only || f.includes(only)))
  .sort();
let failed = 0;
for (const file of files) {
  const result = spawnSync('node', ['--expose-gc', path.join(dir, file)], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    failed++;
    console.error(`bench ${file} exited with ${result.status}`);
  }
}
process.exit(failed ? 1 : 0);
