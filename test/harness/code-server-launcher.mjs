#!/usr/bin/env node
// Stands in for the VS Code executable that @vscode/test-electron's runTests() launches, on machines that
// cannot download desktop VS Code: takes the same command line (--extensionDevelopmentPath=,
// --extensionTestsPath=, --user-data-dir=, --extensions-dir=, a folder or .code-workspace), runs the tests in
// code-server + chromium, and exits with the test host's exit code.
//   WARROOM_VSCODE_EXECUTABLE=test/harness/code-server-launcher.mjs npm run test:electron
// Needs the compiled harness (npm run compile-tests).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const compiled = path.join(root, 'out', 'test', 'harness', 'runExtensionTests.js');
if (!fs.existsSync(compiled)) {
  console.error(`code-server-launcher: ${compiled} missing: run npm run compile-tests`);
  process.exit(1);
}
const { runExtensionTests } = await import(pathToFileURL(compiled).href);
const { releaseAll } = await import(pathToFileURL(path.join(root, 'out', 'test', 'harness', 'cleanup.js')).href);

const options = new Map();
const positional = [];
for (const arg of process.argv.slice(2)) {
  const match = /^--([^=]+)(?:=(.*))?$/.exec(arg);
  // Flags meant for desktop Electron (--no-sandbox, --disable-gpu-sandbox, --disable-extensions...) have
  // no meaning for code-server: accepted and ignored, as VS Code ignores flags it does not know.
  if (match) {
    if (match[2] !== undefined && !options.has(match[1])) options.set(match[1], match[2]);
  } else {
    positional.push(arg);
  }
}

const developmentPath = options.get('extensionDevelopmentPath');
const testsPath = options.get('extensionTestsPath');
if (!developmentPath || !testsPath) {
  console.error('code-server-launcher: needs --extensionDevelopmentPath= and --extensionTestsPath=');
  process.exit(2);
}
const opened = positional.length > 0 ? path.resolve(positional[positional.length - 1]) : undefined;
const target = !opened
  ? { kind: 'empty' }
  : opened.endsWith('.code-workspace')
    ? { kind: 'workspace', path: opened }
    : { kind: 'folder', path: opened };
const absolute = (p) => (p ? path.resolve(p) : undefined);

let code = 1;
try {
  code = await runExtensionTests({
    label: `launcher-${process.env.WARROOM_TEST_SCENARIO || path.basename(opened ?? 'empty')}`,
    extensionDevelopmentPath: path.resolve(developmentPath),
    extensionTestsPath: path.resolve(testsPath),
    target,
    userDataDir: absolute(options.get('user-data-dir')),
    extensionsDir: absolute(options.get('extensions-dir')),
    timeoutMs: Number(process.env.WARROOM_INTEGRATION_TIMEOUT_MS) || 180_000,
  });
} catch (error) {
  console.error(`code-server-launcher: ${error instanceof Error ? error.stack : error}`);
} finally {
  await releaseAll();
}
process.exit(code);
