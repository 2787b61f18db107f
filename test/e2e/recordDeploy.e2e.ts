// Record a Deploy in the real workbench, as a responder does it from the palette: the branch's newest
// commits to pick from, the environment, when it happened; then the entry on the timeline and a deploy
// row in its words under Suspect deploys, where "no deploys marked" was. Dark and light.
// Screenshots go to test-artifacts/e2e-record-deploy-*.png.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { useWorkbench } from '../harness/workbench';
import { declared, eventually, readEvents } from './fixtures';

const TITLE = 'Card payments fail after the pool change';
const INCIDENT = 'INC-20261206-0100-pool00';

/** A commit of `file` dated `minutesAgo`, by Dana. */
function commit(dir: string, file: string, text: string, message: string, minutesAgo: number): string {
  fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
  fs.writeFileSync(path.join(dir, file), text);
  const date = new Date(Date.now() - minutesAgo * 60_000).toISOString();
  const env = { ...process.env, GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date };
  execFileSync('git', ['add', '-A'], { cwd: dir, env });
  execFileSync('git', ['-c', 'user.name=Dana', '-c', 'user.email=dana@example.com', 'commit', '-q', '-m', message], { cwd: dir, env });
  return execFileSync('git', ['rev-parse', 'HEAD'], { cwd: dir, encoding: 'utf8' }).trim();
}

describe('Record a Deploy in the real workbench', function () {
  this.bail(true);
  let eventsFile: string;
  let pool: string;
  const { ui } = useWorkbench({
    label: 'e2e-record-deploy',
    settings: { 'workbench.colorTheme': 'Default Dark Modern' },
    prepare: (workspace) => {
      const dir = workspace.folders[0];
      commit(dir, 'src/cache.ts', 'export const ttl = 60;\n', 'Cache card BIN lookups for a minute', 190);
      pool = commit(dir, 'config/production.yaml', 'db:\n  pool:\n    max: 5\n', 'Tune the DB pool for the new replicas', 75);
      commit(dir, 'src/retry.ts', 'export const retries = 1;\n', 'Cut the payment retry budget to one', 55);
      eventsFile = path.join(dir, '.warroom', INCIDENT, 'events.jsonl');
      fs.mkdirSync(path.dirname(eventsFile), { recursive: true });
      fs.writeFileSync(eventsFile, JSON.stringify(declared('ev-declared', TITLE, 'SEV1', 40)) + '\n');
    },
    ready: async (workbench) => {
      await workbench.openViewContainer('War Room');
      await workbench.resizeSideBar(640);
      await workbench.treeRow(TITLE).waitFor({ state: 'visible' });
    },
  });

  it('picks a commit, the environment and when, and ranks with the deploy it wrote', async () => {
    await ui().treeRow(TITLE).locator('.monaco-tl-twistie').click();
    // The incident correlates on its own: nothing in this history marks a deploy.
    await ui()
      .treeRow('Suspect deploys')
      .first()
      .locator('.label-description', { hasText: /no deploys marked/ })
      .waitFor();

    await ui().runCommand('War Room: Record a Deploy…');
    await ui().waitForQuickInput('Which commit was deployed?');
    await ui().screenshot('1-pick-dark');
    await ui().pickQuickInputItem(pool.slice(0, 7));
    await ui().waitForQuickInput('Which environment?');
    await ui().pickQuickInputItem('production');
    await ui().waitForQuickInput('when?');
    await ui().typeInQuickInput('45m ago');
    await ui().waitForQuickInputClosed();

    const entry = await eventually('the deploy entry in events.jsonl', () =>
      readEvents(eventsFile).find((e) => e.type === 'entry' && e.kind === 'deploy'),
    );
    assert.equal(entry.sha, pool);
    assert.match(String(entry.text), new RegExp(`^Deployed ${pool.slice(0, 7)} to production at \\d\\d:\\d\\d$`));
    const ago = Date.now() - Date.parse(String(entry.deployedAt));
    assert.ok(ago > 44 * 60_000 && ago < 47 * 60_000, `deployedAt ${String(entry.deployedAt)}`);

    // Correlated again on its own: a deploy row in the entry's words, 5 minutes before the start.
    const row = ui()
      .treeRow(String(entry.text))
      .filter({ hasText: /production · \dm before/ });
    await row.waitFor();
    await ui()
      .treeRow('Suspect deploys')
      .first()
      .locator('.label-description', { hasText: /^1 deploy in 24 h/ })
      .waitFor();
    await ui().screenshot('2-ranked-dark');
    await ui().setColorTheme('Default Light Modern');
    await row.waitFor();
    await ui().screenshot('3-ranked-light');
  });
});
