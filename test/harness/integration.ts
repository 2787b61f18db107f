// npm run test:integration: the integration suite inside a real VS Code extension host (code-server), once per
// scenario. Compiles nothing: run `npm run build && npm run compile-tests` first (npm test does).
//   node out/test/harness/integration.js [single|multi ...]
import * as fs from 'fs';
import * as path from 'path';
import { releaseAll } from './cleanup';
import { repoRoot } from './paths';
import { runExtensionTests, TIMED_OUT } from './runExtensionTests';
import { isScenario, makeWorkspace, Scenario, scenarioOptions, scenarios } from './workspaces';

const timeoutMs = Number(process.env.WARROOM_INTEGRATION_TIMEOUT_MS) || 180_000;
const compiledTests = path.join(repoRoot, 'out', 'test', 'integration');

function hasTests(dir: string): boolean {
  if (!fs.existsSync(dir)) return false;
  return fs.readdirSync(dir, { withFileTypes: true }).some((e) =>
    e.isDirectory() ? hasTests(path.join(dir, e.name)) : e.name.endsWith('.test.js'));
}

async function runScenario(scenario: Scenario): Promise<boolean> {
  const label = `integration-${scenario}`;
  if (!hasTests(path.join(compiledTests, scenario))) {
    // A scenario whose tests did not compile (or were moved) must fail, not pass with nothing run.
    console.log(`${label}: no compiled tests in out/test/integration/${scenario}/ (run npm run compile-tests)`);
    return false;
  }
  const workspace = makeWorkspace(scenario);
  try {
    console.log(`${label}: starting code-server + chromium on ${workspace.folders.join(', ')}`);
    const code = await runExtensionTests({
      label,
      extensionDevelopmentPath: repoRoot,
      extensionTestsPath: path.join(compiledTests, 'index'),
      target: workspace.target,
      env: { WARROOM_TEST_SCENARIO: scenario },
      timeoutMs,
      ...scenarioOptions(scenario),
    });
    if (code === TIMED_OUT) console.log(`${label}: timed out`);
    else if (code !== 0) console.log(`${label}: extension test host exited with ${code}`);
    return code === 0;
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
    console.error(error instanceof Error ? error.stack ?? error.message : error);
    return 1;
  })
  .then(async (code) => {
    await releaseAll();
    process.exit(code);
  });
