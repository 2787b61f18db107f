// The extension tests entry point in the @vscode/test-electron contract: the extension host loads this module
// and awaits run(). Used by the code-server harness (npm run test:integration) and by @vscode/test-electron
// on desktop VS Code (npm run test:electron) alike.
import * as fs from 'fs';
import * as path from 'path';
import type MochaType from 'mocha';

/** Which folder of tests to run: set by the harness in the extension host's environment. */
export const SCENARIO_ENV = 'WARROOM_TEST_SCENARIO';

function testFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) return testFiles(full);
      return entry.isFile() && entry.name.endsWith('.test.js') ? [full] : [];
    })
    .sort();
}

// mocha 12 is an ES module; its CommonJS build loads on any Node the extension host may run on
// (desktop VS Code's Electron included), where require() of an ES module may not exist.
function loadMocha(): typeof MochaType {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('mocha/lib/mocha.cjs') as typeof MochaType;
}

export async function run(): Promise<void> {
  const scenario = process.env[SCENARIO_ENV] || 'single';
  if (!/^[a-z0-9-]+$/.test(scenario)) throw new Error(`bad ${SCENARIO_ENV}: ${scenario}`);
  const label = `integration-${scenario}`;
  const files = testFiles(path.join(__dirname, scenario));
  // A glob that matches nothing must not pass as "0 failed".
  if (files.length === 0) throw new Error(`${label}: no *.test.js files in ${path.join(__dirname, scenario)}`);

  const Mocha = loadMocha();
  const mocha = new Mocha({
    ui: 'bdd',
    color: false,
    timeout: 30_000,
    reporter: path.resolve(__dirname, '..', '..', '..', 'test', 'harness', 'summary-reporter.js'),
    reporterOptions: { label },
    // A developer narrows a run to the tests at hand; npm test and CI never set it.
    ...(process.env.WARROOM_TEST_GREP ? { grep: titleFilter(process.env.WARROOM_TEST_GREP) } : {}),
  });
  for (const file of files) mocha.addFile(file);
  await mocha.loadFilesAsync();
  const failures = await new Promise<number>((resolve) => mocha.run(resolve));
  if (failures > 0) throw new Error(`${label}: ${failures} test(s) failed`);
}

/**
 * `WARROOM_TEST_GREP`: the tests whose full title contains any of its `|`-separated texts, each
 * taken literally (a test that needs an earlier one's set-up can be run with it).
 */
export function titleFilter(texts: string): RegExp {
  const escaped = texts
    .split('|')
    .map((t) => t.trim())
    .filter(Boolean)
    .map((t) => t.replace(/[.*+?^${}()[\]\\]/g, '\\$&'));
  return new RegExp(escaped.join('|'));
}
