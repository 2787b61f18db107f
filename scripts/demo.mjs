// npm run demo on a fresh machine: installs what is missing (npm packages, Debian packages,
// code-server), builds, then starts the demo. Everything it installs is reused by npm test.
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.dirname(path.dirname(new URL(import.meta.url).pathname));
const run = (cmd, args) => execFileSync(cmd, args, { cwd: root, stdio: 'inherit' });

if (!fs.existsSync(path.join(root, 'node_modules', '.package-lock.json'))) {
  run('npm', ['ci']);
}
run('node', ['test/harness/install.mjs']);
run('node', ['esbuild.mjs']);
run('npx', ['tsc', '-p', 'tsconfig.test.json']);
const child = spawn('node', ['out/scripts/demo.js', ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' });
process.on('SIGINT', () => child.kill('SIGINT'));
child.on('exit', (code) => process.exit(code ?? 1));
