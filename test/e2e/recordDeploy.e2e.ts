// Record a Deploy in the real workbench, as a responder does it from the palette: the branch's newest
// commits to pick from, the environment, when it happened; then the entry on the timeline and a deploy
// row in its words under Suspect deploys, where "no deploys marked" was. Then one to an environment of the
// team's own, typed, and offered with the others the next time, beside one a teammate's incident recorded.
// Then from the timeline panel's Deploy… button, the entry showing in the panel. Dark and light.
// Screenshots go to test-artifacts/e2e-record-deploy-*.png.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { useWorkbench } from '../harness/workbench';
import { declared, eventually, minutesAgo, panelFrame, readEvents } from './fixtures';

const TITLE = 'Card payments fail after the pool change';
const INCIDENT = 'INC-20261206-0100-pool00';
const EARLIER = 'INC-20261129-0100-lat000';

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
  let retry: string;
  let cache: string;
  const { ui } = useWorkbench({
    label: 'e2e-record-deploy',
    settings: { 'workbench.colorTheme': 'Default Dark Modern' },
    prepare: (workspace) => {
      const dir = workspace.folders[0];
      cache = commit(dir, 'src/cache.ts', 'export const ttl = 60;\n', 'Cache card BIN lookups for a minute', 190);
      pool = commit(dir, 'config/production.yaml', 'db:\n  pool:\n    max: 5\n', 'Tune the DB pool for the new replicas', 75);
      retry = commit(dir, 'src/retry.ts', 'export const retries = 1;\n', 'Cut the payment retry budget to one', 55);
      eventsFile = path.join(dir, '.warroom', INCIDENT, 'events.jsonl');
      fs.mkdirSync(path.dirname(eventsFile), { recursive: true });
      fs.writeFileSync(eventsFile, JSON.stringify(declared('ev-declared', TITLE, 'SEV1', 40)) + '\n');
      // A teammate's incident of last week, resolved, with a deploy to a region of the team's own: offered too.
      const earlier = path.join(dir, '.warroom', EARLIER, 'events.jsonl');
      fs.mkdirSync(path.dirname(earlier), { recursive: true });
      const week = 7 * 24 * 60;
      const lines = [
        declared('ev-earlier', 'Checkout latency in one region', 'SEV3', week),
        {
          id: 'ev-earlier-deploy',
          ts: minutesAgo(week - 10),
          type: 'entry',
          author: 'Sam',
          kind: 'deploy',
          text: 'Deployed a hotfix to eu-west-1',
          sha: cache,
          environment: 'eu-west-1',
        },
        { id: 'ev-earlier-resolved', ts: minutesAgo(week - 60), type: 'resolved', author: 'Sam', resolution: 'Rolled back in eu-west-1' },
      ];
      fs.writeFileSync(earlier, lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
    },
    ready: async (workbench) => {
      await workbench.openViewContainer('War Room');
      await workbench.resizeSideBar(640);
      await workbench.treeRow(TITLE).waitFor({ state: 'visible' });
    },
  });

  /** Record a Deploy's three questions, answered as a responder would: the commit, an offered environment, when. */
  async function answer(sha: string, environment: string, when: string): Promise<void> {
    await ui().waitForQuickInput('Which commit was deployed?');
    await ui().pickQuickInputItem(sha.slice(0, 7));
    await ui().waitForQuickInput('Which environment?');
    await ui().pickQuickInputItem(environment);
    await ui().waitForQuickInput('when?');
    await ui().typeInQuickInput(when);
    await ui().waitForQuickInputClosed();
  }

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
    await answer(pool, 'production', '45m ago');

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

  it("records one to an environment of the team's own, typed, and offers it the next time", async () => {
    await ui().runCommand('War Room: Record a Deploy…');
    await ui().waitForQuickInput('Which commit was deployed?');
    await ui().pickQuickInputItem(retry.slice(0, 7));
    await ui().waitForQuickInput('Which environment?');
    await ui().pickQuickInputItem('Another environment…');
    await ui().waitForQuickInput('A short lower-case name');
    await ui().fillQuickInput('Prod EU');
    await ui().page.locator('.quick-input-widget', { hasText: 'A lower-case name of at most 31' }).waitFor();
    await ui().screenshot('4-environment-refused-light');
    await ui().typeInQuickInput('prod-eu');
    await ui().waitForQuickInput('when?');
    await ui().typeInQuickInput('10m ago');
    await ui().waitForQuickInputClosed();

    const entry = await eventually('the second deploy entry', () =>
      readEvents(eventsFile).find((e) => e.type === 'entry' && e.kind === 'deploy' && e.sha === retry),
    );
    assert.equal(entry.environment, 'prod-eu');
    assert.match(String(entry.text), new RegExp(`^Deployed ${retry.slice(0, 7)} to prod-eu at \\d\\d:\\d\\d$`));
    // A part of production: its deploy row says so, and counts whole (no "not production" in its reasons).
    await ui()
      .treeRow(String(entry.text))
      .filter({ hasText: /prod-eu · / })
      .waitFor();

    await ui().runCommand('War Room: Record a Deploy…');
    await ui().waitForQuickInput('Which commit was deployed?');
    await ui().pickQuickInputItem(retry.slice(0, 7));
    await ui().waitForQuickInput('Which environment?');
    const rows = ui().page.locator('.quick-input-widget .monaco-list-row');
    await rows.filter({ hasText: 'canary' }).waitFor();
    const offered = await rows.allInnerTexts();
    assert.deepEqual(
      offered.map((t) => t.trim().split('\n')[0]).slice(0, 5),
      ['production', 'prod-eu', 'eu-west-1', 'staging', 'canary'],
      "the environments deployed to first (this incident's, then a teammate's incident's), then the usual ones",
    );
    await ui().screenshot('5-environments-offered-light');
    await ui().page.keyboard.press('Escape');
    await ui().waitForQuickInputClosed();
  });

  it("records one from the timeline panel's Deploy… button, and the panel shows it", async () => {
    const incident = ui().treeRow(TITLE);
    await incident.hover();
    await incident.locator('.action-label[aria-label="Open Timeline"]').click();
    const frame = panelFrame(ui().page);
    await frame.locator('h1.title', { hasText: TITLE }).waitFor();
    await frame.locator('#record-deploy-button').click();
    await answer(cache, 'staging', 'now');

    const text = `Deployed ${cache.slice(0, 7)} to staging`;
    await frame.locator('.row-text', { hasText: text }).waitFor();
    // Its right-click menu (Add Action Item) is told the panel's incident, not only the event's id.
    const context = await frame.locator('.row', { hasText: text }).first().getAttribute('data-vscode-context');
    assert.deepEqual(JSON.parse(String(context)), {
      webviewSection: 'timelineRow',
      eventId: JSON.parse(String(context)).eventId,
      incidentId: INCIDENT,
    });
    await frame.locator('.qa-status', { hasText: `Recorded the deploy of ${cache.slice(0, 7)}.` }).waitFor();
    const entry = await eventually('the third deploy entry', () =>
      readEvents(eventsFile).find((e) => e.type === 'entry' && e.kind === 'deploy' && e.sha === cache),
    );
    assert.deepEqual([entry.text, entry.environment, entry.deployedAt], [text, 'staging', undefined]);
    await ui().screenshot('6-panel-light');
    await ui().setColorTheme('Default Dark Modern');
    await frame.locator('#record-deploy-button').waitFor();
    await ui().screenshot('7-panel-dark');

    // D from the list does the same. Cancelled at the first question: nothing written, and the panel
    // says so without calling it a failure.
    await frame.locator('#timeline-list').focus();
    await ui().page.keyboard.press('d');
    await ui().waitForQuickInput('Which commit was deployed?');
    await ui().page.keyboard.press('Escape');
    await frame.locator('.qa-status', { hasText: /^No deploy recorded\.$/ }).waitFor();
    assert.equal(readEvents(eventsFile).filter((e) => e.type === 'entry' && e.kind === 'deploy').length, 3);
  });
});
