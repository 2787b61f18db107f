// A game day in the real workbench: Start Drill from the palette (scenario, then speed), the drill
// incident declared, and what marks it a drill read in dark and light themes: the tree row, the
// status bar and the timeline header, and its deploy inject (v2.4.1, a tag of the workspace) ranked
// as a deploy under Suspect deploys. Screenshots go to test-artifacts/e2e-drills-*.png.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { useWorkbench } from '../harness/workbench';
import { panelFrame, panelPainted } from './fixtures';

const TITLE = 'Checkout database pool cut';
const SCENARIO = [
  `title: ${TITLE}`,
  'severity: SEV2',
  'service: checkout',
  'injects:',
  '  - at: 0m',
  '    kind: deploy',
  '    from: v2.4.1',
  '    text: "Deploy v2.4.1: db.pool.max 50 -> 25"',
  '  - at: 0m',
  '    kind: alert',
  '    from: alertmanager',
  '    text: "CheckoutDBPoolExhausted: 25/25 connections in use"',
  'expect:',
  '  - action: declare',
  '    within: 5m',
  '  - action: cause',
  '    within: 600m',
  '',
].join('\n');

describe('a drill in the real workbench', function () {
  this.bail(true);
  const { ui } = useWorkbench({
    label: 'e2e-drills',
    settings: { 'workbench.colorTheme': 'Default Dark Modern' },
    prepare: (workspace) => {
      fs.mkdirSync(path.join(workspace.folders[0], 'drills'), { recursive: true });
      fs.writeFileSync(path.join(workspace.folders[0], 'drills', 'db-pool-cut.drill.yaml'), SCENARIO);
      // The release the scenario's deploy names: a pool cut, tagged v2.4.1.
      const dir = workspace.folders[0];
      fs.mkdirSync(path.join(dir, 'config'), { recursive: true });
      fs.writeFileSync(path.join(dir, 'config', 'db.yaml'), 'pool:\n  max: 25\n');
      const git = (...args: string[]) =>
        execFileSync('git', ['-c', 'user.name=Dana', '-c', 'user.email=dana@example.com', ...args], { cwd: dir });
      git('add', 'config/db.yaml');
      git('commit', '-q', '-m', 'Cut the checkout DB pool to 25');
      git('tag', 'v2.4.1');
    },
    ready: async (workbench) => {
      await workbench.openViewContainer('War Room');
      await workbench.resizeSideBar(560);
    },
  });

  it('starts a drill at 10x and marks it drill in the tree, the status bar and the timeline header', async () => {
    await ui().runCommand('War Room: Start Drill');
    await ui().waitForQuickInput('Start Drill: which scenario?');
    await ui().pickQuickInputItem('db-pool-cut.drill.yaml');
    await ui().waitForQuickInput(`Start Drill: ${TITLE}, at which speed?`);
    await ui().pickQuickInputItem('10x');
    await ui().waitForQuickInputClosed();
    await ui().waitForText(/DRILL T\+[\d.]+m · 10x/, '.statusbar');

    await ui().runCommand('War Room: Declare Drill Incident');
    await ui().treeRow(`Drill: ${TITLE}`).waitFor({ state: 'visible' });
    // Declaring reveals the row (selected, focused, expanded): wait for it, or that focus would close the next palette.
    await ui()
      .page.locator('.sidebar .monaco-list-row.selected.focused', { hasText: `Drill: ${TITLE}` })
      .waitFor();
    await ui().treeRow('Timeline').first().waitFor({ state: 'visible' });
    await ui().waitForText(/DRILL SEV2/, '.statusbar');
    // The deploy inject names v2.4.1: a deploy row in its words, and the pool cut among the suspects.
    const row = (text: string) => ui().page.locator('.sidebar .monaco-list-row', { hasText: text }).first();
    // The drill's deploy is v2.4.1 going out: it ships the pool cut from the time it came due, and the
    // tag (when the release was cut) has no row of its own.
    await row('Drill inject T+0m · deploy from v2.4.1')
      .locator('.label-description', { hasText: /^production · .* · score \d/ })
      .waitFor({ state: 'visible' });
    await row('Cut the checkout DB pool to 25').waitFor({ state: 'visible' });
    assert.equal(
      await ui()
        .page.locator('.sidebar .monaco-list-row .label-name', { hasText: /^v2\.4\.1$/ })
        .count(),
      0,
    );

    await ui().runCommand('War Room: Open Timeline');
    const frame = panelFrame(ui().page);
    await frame.locator('h1.title', { hasText: TITLE }).waitFor();
    await frame.locator('.drill-mark', { hasText: 'DRILL' }).waitFor();
    await frame.locator('.row-text', { hasText: 'CheckoutDBPoolExhausted' }).waitFor();
    await ui().screenshot('1-dark');

    await ui().setColorTheme('Light Modern');
    await frame.locator('.drill-mark', { hasText: 'DRILL' }).waitFor();
    // The workbench's class changes before the page repaints: wait for the panel painted light.
    await panelPainted(frame, 'light');
    await ui().screenshot('2-light');

    await ui().runCommand('War Room: Stop Drill');
    await ui()
      .page.locator('.tabs-container .tab', { hasText: /^drill-db-pool-cut-/ })
      .first()
      .waitFor();
    await ui().screenshot('3-score-sheet');
  });
});
