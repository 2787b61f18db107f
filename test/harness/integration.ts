// npm run test:integration: the integration suite inside a real VS Code extension host (code-server), once per
// scenario. Compiles nothing: run `npm run build && npm run compile-tests` first (npm test does).
//   node out/test/harness/integration.js [single|multi ...]
import * as fs from 'fs';
import * as path from 'path';
import { releaseAll } from './cleanup';
import { repoRoot } from './paths';
import { NEVER_STARTED, runExtensionTests, TIMED_OUT } from './runExtensionTests';
import { isScenario, makeWorkspace, Scenario, scenarioOptions, scenarios } from './workspaces';

const timeoutMs = Number(process.env.WARROOM_INTEGRATION_TIMEOUT_MS) || 180_000;
const compiledTests = path.join(repoRoot, 'out', 'test', 'integration');

function hasTests(dir: string): boolean {
  if (!fs.existsSync(dir)) return false;
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .some((e) => (e.isDirectory() ? hasTests(path.join(dir, e.name)) : e.name.endsWith('.test.js')));
}

async function runScenario(scenario: Scenario): Promise<boolean> {
  const label = `integration-${scenario}`;
  if (!hasTests(path.join(compiledTests, scenario))) {
    // A scenario whose tests did not compile (or were moved) must fail, not pass with nothing run.
    console.log(`${label}: no compiled tests in out/test/integration/${scenario}/ (run npm run compile-tests)`);
    return false;
  }
  // A workbench whose extension host never printed a line ran no test: that start is tried once
  // more, from a fresh workspace and server. A run whose tests began is never repeated.
  for (let attempt = 1; ; attempt++) {
    const code = await runScenarioOnce(scenario, label);
    if (code === NEVER_STARTED && attempt === 1) {
      console.log(`${label}: the extension host never started the tests; starting a fresh code-server once more`);
      continue;
    }
    if (code === TIMED_OUT || code === NEVER_STARTED) console.log(`${label}: timed out`);
    else if (code !== 0) console.log(`${label}: extension test host exited with ${code}`);
    return code === 0;
  }
}

async function runScenarioOnce(scenario: Scenario, label: string): Promise<number> {
  const workspace = makeWorkspace(scenario);
  try {
    console.log(`${label}: starting code-server + chromium on ${workspace.folders.join(', ')}`);
    return await runExtensionTests({
      label,
      extensionDevelopmentPath: repoRoot,
      extensionTestsPath: path.join(compiledTests, 'index'),
      target: workspace.target,
      env: { WARROOM_TEST_SCENARIO: scenario },
      timeoutMs,
      ...scenarioOptions(scenario),
    });
  } finally {
    workspace.remove();
  }
}

async function main(): Promise<number> {
  const requested = process.argv.slice(2);
  const unknown = requested.filter((s) => !isScenario(s));
  if (unknown.length > 0) {
    console.error(`unknown scenario(s): ${unknown.join(', ')}; known: ${scenarios.join(', ')}`);
    return 2;
  }
  if (!fs.existsSync(path.join(repoRoot, 'dist', 'extension.js'))) {
    console.error('dist/extension.js missing: run npm run build first');
    return 1;
  }
  let ok = true;
  // One at a time: the machines have 2 cores, and two workbenches at once only make both slower.
  for (const scenario of requested.length > 0 ? requested.filter(isScenario) : scenarios) {
    if (!(await runScenario(scenario))) ok = false;
  }
  return ok ? 0 : 1;
}

main()
  .catch((error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    return 1;
  })
  .then(async (code) => {
    await releaseAll();
    process.exit(code);
  });
