// Runbooks through the real workbench: the matched runbook under an incident, its walkthrough, and
// the real modal confirmations, clicked: Cancel sends nothing, "Run in Terminal" sends the exact
// command, a destructive one asks a second time. Screenshots go to test-artifacts/e2e-runbooks-*.png.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repoRoot } from '../harness/paths';
import { useWorkbench } from '../harness/workbench';
import { eventually, minutesAgo, panelFrame, readEvents, StoredEvent, writeIncident } from './fixtures';

const INCIDENT = 'INC-20261122-1200-rbk001';
const TITLE = 'Checkout database connection pool exhausted';
const TEST_RUNBOOK = fs.readFileSync(path.join(repoRoot, 'test', 'fixtures', 'terminal-check.runbook.yaml'), 'utf8');

describe('runbooks in the real workbench', function () {
  // No this.bail(): mocha skips a bailing suite outright when any earlier file has failed.
  let folder = '';
  let eventsFile = '';
  const commandRuns = (): StoredEvent[] => readEvents(eventsFile).filter((e) => e.type === 'command_run');

  const { ui } = useWorkbench({
    label: 'e2e-runbooks',
    settings: { 'terminal.integrated.defaultProfile.linux': 'bash', 'workbench.colorTheme': 'Default Dark Modern' },
    prepare: (workspace) => {
      folder = workspace.folders[0];
      fs.mkdirSync(path.join(folder, 'runbooks'));
      for (const file of ['checkout-db-pool-exhaustion.runbook.yaml', 'http-5xx-after-deploy.runbook.yaml', 'disk-full.runbook.yaml']) {
        fs.copyFileSync(path.join(repoRoot, 'runbooks', file), path.join(folder, 'runbooks', file));
      }
      fs.writeFileSync(path.join(folder, 'runbooks', 'terminal-check.runbook.yaml'), TEST_RUNBOOK);
      fs.mkdirSync(path.join(folder, 'scratch-checkout'));
      execFileSync('git', ['add', 'runbooks'], { cwd: folder });
      execFileSync('git', ['commit', '-q', '-m', 'Runbooks'], { cwd: folder });
      eventsFile = writeIncident(folder, INCIDENT, [
        {
          id: 'e2e-rb-declared',
          ts: minutesAgo(8),
          type: 'declared',
          author: 'Dana',
          title: TITLE,
          severity: 'SEV2',
          urgency: 'high',
          service: 'checkout',
          startedAt: minutesAgo(10),
          detectedAt: minutesAgo(9),
        },
      ]);
    },
  });
  /** Clicks a runbook row until its walkthrough shows. */
  const openFromRow = (label: string): Promise<void> =>
    ui().openFromTreeRow(label, panelFrame(ui().page).locator('h1', { hasText: label }));

  it('shows the matched runbooks under the incident', async () => {
    await ui().openViewContainer('War Room');
    await ui().resizeSideBar(620);
    await ui().treeRow(TITLE).click();
    await ui().page.keyboard.press('ArrowRight');
    await ui().treeRow('Runbooks').waitFor({ state: 'visible' });
    await ui().treeRow('Checkout database connection pool exhausted after a deploy').waitFor({ state: 'visible' });
    await ui().treeRow('Terminal check for the checkout service').waitFor({ state: 'visible' });
    const rows = await ui().treeRows();
    assert.ok(
      rows.some((r) => /Checkout database connection pool exhausted after a deploy\s*match \d+ · 8 steps/.test(r)),
      rows.join('\n'),
    );
    await ui().screenshot('1-tree');
  });

  it('opens the walkthrough of the pool runbook from its row', async () => {
    await openFromRow('Checkout database connection pool exhausted after a deploy');
    const page = panelFrame(ui().page);
    await page.locator('.wt-current .wt-step-title', { hasText: 'Confirm the pool is saturated' }).waitFor({ state: 'visible' });
    await page.locator('code', { hasText: 'deploy/checkout --since=15m' }).first().waitFor({ state: 'visible' });
    await ui().screenshot('2-walkthrough');
    await page.getByRole('button', { name: 'Mark step 1 done' }).click();
    await page.locator('.wt-current .wt-step-title', { hasText: 'Did a deploy of checkout start' }).waitFor({ state: 'visible' });
    assert.ok(readEvents(eventsFile).some((e) => e.type === 'runbook_step' && e.step === 'confirm-saturation' && e.status === 'done'));
    // The tree re-renders after the event; a click during that only selects the row, so wait for it.
    await ui()
      .treeRow('Checkout database connection pool exhausted after a deploy')
      .filter({ hasText: '1/8 steps' })
      .waitFor({ state: 'visible' });
    await ui().screenshot('3-step-done');
  });

  it('Cancel in the modal confirmation sends nothing to the terminal', async () => {
    await openFromRow('Terminal check for the checkout service');
    const page = panelFrame(ui().page);
    await page.getByRole('button', { name: /^Run in terminal: echo ran-for-checkout/ }).click();
    await ui().dialog().waitFor({ state: 'visible' });
    const text = await ui().dialog().innerText();
    assert.match(text, /echo ran-for-checkout > runbook-ran\.txt && sleep 2 && \(exit 3\)/);
    await ui().screenshot('4-confirm');
    await ui().dialogButton('Cancel').click();
    await ui().dialog().waitFor({ state: 'hidden' });
    await page.locator('.qa-status', { hasText: 'Not run' }).waitFor({ state: 'visible' });
    assert.equal(commandRuns().length, 0);
    assert.ok(!fs.existsSync(path.join(folder, 'runbook-ran.txt')));
  });

  it('"Run in Terminal" sends the exact command and records it, then its exit code when it ends', async () => {
    const page = panelFrame(ui().page);
    await page.getByRole('button', { name: /^Run in terminal: echo ran-for-checkout/ }).click();
    await ui().dialog().waitFor({ state: 'visible' });
    await ui().dialogButton('Run in Terminal').click();
    await eventually('the marker file', () => (fs.existsSync(path.join(folder, 'runbook-ran.txt')) ? true : undefined));
    const run = await eventually('the command_run event', () => commandRuns()[0]);
    assert.equal(run.command, 'echo ran-for-checkout > runbook-ran.txt && sleep 2 && (exit 3)');
    const exited = await eventually('the command_exited event', () => readEvents(eventsFile).find((e) => e.type === 'command_exited'));
    assert.equal(exited.run, run.id);
    assert.equal(exited.exitCode, 3);
    // The step lists the run with how it ended.
    await page.locator('.wt-runs li.wt-run-failed', { hasText: 'exit 3' }).waitFor({ state: 'visible' });
    await ui().screenshot('5-ran');
  });

  it('a destructive command needs a second confirmation naming why', async () => {
    const page = panelFrame(ui().page);
    await page.getByRole('button', { name: /^Run in terminal: rm -rf/ }).click();
    await ui().dialog().waitFor({ state: 'visible' });
    await ui().dialogButton('Run in Terminal').click();
    await ui().dialog().filter({ hasText: 'This command is destructive' }).waitFor({ state: 'visible' });
    assert.match(await ui().dialog().innerText(), /rm -rf \.\/scratch-checkout/);
    await ui().screenshot('6-destructive');
    await ui().dialogButton('Cancel').click();
    await page.locator('.qa-status', { hasText: 'Not run' }).waitFor({ state: 'visible' });
    assert.equal(commandRuns().length, 1);
    assert.ok(fs.existsSync(path.join(folder, 'scratch-checkout')));
  });

  it('marks the commands that ask twice in the runbook file, in dark and light themes', async () => {
    await ui().runCommand('View: Close All Editors');
    await ui().resizeSideBar(360);
    await ui().openFile('disk-full.runbook.yaml', 30);
    const lens = ui().page.locator('.contentWidgets .codelens-decoration, .codelens-decoration');
    await lens.filter({ hasText: 'Asks twice: deletes archived journal files' }).first().waitFor({ state: 'visible' });
    await lens.filter({ hasText: 'Asks twice: removes containers, images or volumes' }).first().waitFor({ state: 'visible' });
    await ui().page.mouse.move(1000, 700);
    await ui().screenshot('7-lens-dark');
    await ui().setColorTheme('Light Modern');
    await ui().screenshot('8-lens-light');
  });
});
