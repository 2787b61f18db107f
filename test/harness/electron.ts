// npm run test:electron: the same integration suite through @vscode/test-electron's standard runTests(),
// once per scenario. Where the internet is reachable it downloads desktop VS Code; with
// WARROOM_VSCODE_EXECUTABLE it uses that executable instead (on these machines:
// test/harness/code-server-launcher.mjs, which runs code-server + chromium).
import { runTests } from '@vscode/test-electron';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { repoRoot } from './paths';
import { makeWorkspace, Scenario, scenarioOptions, scenarios } from './workspaces';

async function runScenario(scenario: Scenario): Promise<boolean> {
  const workspace = makeWorkspace(scenario);
  // A fresh profile per run, so state from an earlier run (workspace storage, mementos) never leaks in.
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'wr-ud-'));
  const workspacePath = workspace.target.kind === 'empty' ? undefined : workspace.target.path;
  try {
    const code = await runTests({
      vscodeExecutablePath: process.env.WARROOM_VSCODE_EXECUTABLE
        ? path.resolve(repoRoot, process.env.WARROOM_VSCODE_EXECUTABLE)
        : undefined,
      extensionDevelopmentPath: repoRoot,
      extensionTestsPath: path.join(repoRoot, 'out', 'test', 'integration', 'index'),
      // Other installed extensions must not change what the tests see.
      launchArgs: [...(workspacePath ? [workspacePath] : []), '--disable-extensions', `--user-data-dir=${userDataDir}`],
      extensionTestsEnv: { WARROOM_TEST_SCENARIO: scenario },
    });
    return code === 0;
  } catch (error: unknown) {
    // runTests rejects with TestRunFailedError when the test host exits non-zero.
    console.error(`electron-${scenario}: ${error instanceof Error ? error.message : String(error)}`);
    return false;
  } finally {
    workspace.remove();
    fs.rmSync(userDataDir, { recursive: true, force: true });
  }
}

async function main(): Promise<number> {
  let ok = true;
  // runTests always passes --disable-workspace-trust, so a scenario that needs trust on runs only in
  // npm run test:integration.
  for (const scenario of scenarios.filter((s) => !scenarioOptions(s).workspaceTrust)) {
    if (!(await runScenario(scenario))) ok = false;
  }
  return ok ? 0 : 1;
}

void main().then((code) => process.exit(code));
