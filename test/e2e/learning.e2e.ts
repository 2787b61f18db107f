// Learning from incidents in the real workbench: a milestone set from the palette (pick, then a
// typed time) shows under the incident's Milestones; Draft Post-Incident Review opens the review
// beside its Markdown preview; a timeline row is marked as the detection from the Timeline panel.
// A milestone typed more than 30 days early is asked about in VS Code's own dialog, and Cancel sets nothing.
// A postmortem is imported from the Explorer's context menu, and the notification names it as the
// incident's title was cut, not by its whole heading.
// Screenshots in dark and light: test-artifacts/e2e-learning-*.png.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { useWorkbench } from '../harness/workbench';
import { declared, eventually, minutesAgo, panelFrame, readEvents, writeIncident } from './fixtures';

const TITLE = 'Checkout pool exhausted after v2.4.1';
const INCIDENT = 'INC-20261122-1200-learn0';

describe('learning from incidents in the real workbench', function () {
  this.bail(true);
  let eventsFile: string;
  let folder: string;
  const { ui } = useWorkbench({
    label: 'e2e-learning',
    settings: { 'workbench.colorTheme': 'Default Dark Modern' },
    prepare: (workspace) => {
      folder = workspace.folders[0];
      eventsFile = writeIncident(folder, INCIDENT, [
        declared('ev-declared', TITLE, 'SEV2', 90),
        { id: 'ev-ic', ts: minutesAgo(87), type: 'role_assigned', author: 'Dana', role: 'commander', person: 'Dana' },
        { id: 'ev-alert', ts: minutesAgo(86), type: 'entry', author: 'PagerDuty', kind: 'alert', text: 'checkout p99 above 2s for 5m' },
        { id: 'ev-ack', ts: minutesAgo(85), type: 'milestone_set', author: 'Dana', milestone: 'acknowledged', at: minutesAgo(85) },
        {
          id: 'ev-note',
          ts: minutesAgo(80),
          type: 'entry',
          author: 'Sam',
          kind: 'note',
          text: 'Pool at 100% since the deploy',
          file: 'src/db/pool.ts',
          line: 42,
        },
        { id: 'ev-pin', ts: minutesAgo(79), type: 'pinned', author: 'Dana', target: 'ev-note' },
        { id: 'ev-rb', ts: minutesAgo(70), type: 'entry', author: 'Sam', kind: 'action', text: 'Rolled back to v2.4.0' },
      ]);
    },
    ready: async (workbench) => {
      await workbench.openViewContainer('War Room');
      await workbench.resizeSideBar(520);
      await workbench.treeRow(TITLE).waitFor({ state: 'visible' });
    },
  });

  it('sets a milestone from the palette and shows every milestone, the durations and what is missing', async () => {
    await ui().runCommand('War Room: Set Milestone');
    await ui().waitForQuickInput('Which milestone?');
    await ui().pickQuickInputItem('Mitigated');
    await ui().waitForQuickInput('Mitigated: when?');
    await ui().typeInQuickInput('65m ago');
    await ui().waitForQuickInputClosed();
    await eventually('the milestone event', () =>
      readEvents(eventsFile).find((e) => e.type === 'milestone_set' && e.milestone === 'mitigated'),
    );
    // Collapsed by default (six milestones and four durations under every incident would crowd the tree).
    if (!(await ui().treeRow('Milestones').isVisible())) {
      await ui().openFromTreeRow(TITLE, ui().treeRow('Milestones'));
    }
    await ui().openFromTreeRow('Milestones', ui().treeRow('Time to mitigate'));
    await ui().waitForText('25m');
    await ui().screenshot('1-milestones-dark');
  });

  it('asks before a milestone more than 30 days before the incident, and Cancel sets nothing', async () => {
    const before = readEvents(eventsFile).length;
    await ui().runCommand('War Room: Set Milestone');
    await ui().waitForQuickInput('Which milestone?');
    await ui().pickQuickInputItem('Resolved');
    await ui().waitForQuickInput('Resolved: when?');
    await ui().typeInQuickInput('40d ago');
    const dialog = ui().dialog();
    await dialog.waitFor({ state: 'visible' });
    const text = await dialog.innerText();
    assert.match(text, /Resolved at .* would be 39 days before this incident began .*more than the 30 days/, text);
    assert.match(text, /Set It Anyway records it at that time; Cancel sets nothing\./, text);
    await ui().screenshot('1b-set-anyway-dark');
    await ui().dialogButton('Cancel').click();
    await dialog.waitFor({ state: 'hidden' });
    assert.equal(readEvents(eventsFile).length, before, 'nothing written after Cancel');
  });

  it('drafts the review and opens it beside its preview', async () => {
    await ui().runCommand('War Room: Draft Post-Incident Review');
    const reviews = path.join(folder, 'docs', 'incidents');
    await eventually('the review file', () => (fs.existsSync(reviews) && fs.readdirSync(reviews).length ? true : undefined));
    await ui()
      .page.locator('.tab', { hasText: /^Preview / })
      .first()
      .waitFor({ state: 'visible' });
    await ui().page.frameLocator('iframe.webview.ready').frameLocator('#active-frame').locator('text=Key moments').first().waitFor();
    await ui().screenshot('2-review-dark');
  });

  it('reads in the light theme', async () => {
    await ui().setColorTheme('Light Modern');
    await ui().screenshot('3-review-light');
    await ui().treeRow('Time to mitigate').waitFor({ state: 'visible' });
    await ui().screenshot('4-milestones-light');
  });

  it('offers Add Action Item on right-click in the review, and only there', async () => {
    const page = ui().page;
    const text = page.locator('.editor-group-container .monaco-editor .view-lines').first();
    await text.click();
    await text.click({ button: 'right' });
    const item = page.locator('.monaco-menu .action-label', { hasText: /^Add Action Item$/ });
    await item.first().waitFor({ state: 'visible' });
    await ui().screenshot('4b-review-context-menu-light');
    await page.keyboard.press('Escape');
    // An ordinary Markdown file gets no such entry.
    fs.writeFileSync(path.join(folder, 'NOTES.md'), '# Notes\n\nNothing to review here.\n');
    await ui().runCommand('View: Close All Editors');
    // Quick open without the palette's ">": a file by name.
    await page.keyboard.press('F1');
    await ui().fillQuickInput('NOTES.md');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'NOTES.md' }).first().waitFor({ state: 'visible' });
    await page.keyboard.press('Enter');
    await page
      .locator('.tab', { hasText: /^NOTES\.md/ })
      .first()
      .waitFor({ state: 'visible' });
    const notes = page.locator('.editor-group-container .monaco-editor .view-lines').first();
    await notes.click();
    await notes.click({ button: 'right' });
    await page.locator('.monaco-menu .action-label', { hasText: /^Cut$/ }).first().waitFor({ state: 'visible' });
    assert.equal(await item.count(), 0, 'Add Action Item offered in a file that is not a review');
    await page.keyboard.press('Escape');
    await ui().runCommand('View: Close All Editors');
  });

  it("marks a timeline row as the detection from the row's own action, in light and dark", async () => {
    // Alone in the editor area, so the page is the one visible webview.
    await ui().runCommand('View: Close All Editors');
    const row = ui().treeRow(TITLE);
    await row.hover();
    await row.locator('.action-label[aria-label="Open Timeline"]').click();
    const frame = panelFrame(ui().page);
    await frame.locator('.row-text', { hasText: 'Pool at 100% since the deploy' }).click();
    await frame.locator('vscode-button', { hasText: 'Mark as milestone…' }).waitFor();
    await ui().screenshot('5-timeline-row-light');
    await frame.locator('vscode-button', { hasText: 'Mark as milestone…' }).click();
    await ui().waitForQuickInput('Pool at 100% since the deploy');
    await ui().pickQuickInputItem('Detected');
    await ui().waitForQuickInputClosed();
    await eventually('the detection naming the row', () =>
      readEvents(eventsFile).find((e) => e.type === 'milestone_set' && e.milestone === 'detected' && e.eventId === 'ev-note'),
    );
    await frame.locator('.qa-status', { hasText: 'Marked as detected' }).waitFor();
    await ui().setColorTheme('Default Dark Modern');
    await frame.locator('body.vscode-dark').waitFor();
    await ui().screenshot('6-timeline-milestone-dark');
  });
  it("imports a postmortem from the Explorer's context menu, and names it as its title was cut", async () => {
    const page = ui().page;
    const heading =
      'Checkout and payments degraded for EU customers after the connection pool change ' +
      'rolled out with the v2.4.1 release train while the replica failover drill was running ' +
      'and the on-call rotation was handing over between the Dublin and Singapore teams';
    assert.ok(heading.length > 200);
    fs.mkdirSync(path.join(folder, 'postmortems'), { recursive: true });
    fs.writeFileSync(
      path.join(folder, 'postmortems', 'eu-checkout.md'),
      [
        `# ${heading}`,
        '',
        '## Timeline',
        '',
        '- 2026-11-20 09:12 UTC errors started',
        '- 2026-11-20 09:55 UTC resolved',
        '- later: call with the payments vendor',
        '',
      ].join('\n'),
    );
    fs.writeFileSync(path.join(folder, 'postmortems', 'README.md'), '# Postmortems\n\nOne file per incident, named by its day.\n');
    await ui().runCommand('View: Show Explorer');
    const row = (name: string) => page.locator('.explorer-folders-view .monaco-list-row', { hasText: new RegExp(`^${name}$`) }).first();
    await row('postmortems').click();
    await row('eu-checkout.md').click({ button: 'right' });
    const item = page.locator('.monaco-menu .action-label', { hasText: /^Import Postmortem$/ });
    await item.first().waitFor({ state: 'visible' });
    await ui().screenshot('7-explorer-import-dark');
    await item.first().click();
    const toast = page.locator('.notifications-toasts .notification-toast', { hasText: 'War Room: imported' }).first();
    await toast.waitFor({ state: 'visible' });
    const text = await toast.innerText();
    assert.match(text, /imported "Checkout and payments degraded for EU customers[^"]*…" as INC-\d{8}-\d{4}-/);
    assert.ok(!text.includes('Singapore'), `the whole heading was quoted: ${text}`);
    // The row it could not place, in a report beside named for the postmortem (not Untitled-N).
    await page.locator('.tabs-container .tab.active', { hasText: /^eu-checkout\.not-placed\.md/ }).waitFor({ state: 'visible' });
    await page.locator('.editor-instance .view-lines', { hasText: 'call with the payments vendor' }).first().waitFor({ state: 'visible' });
    await ui().screenshot('8-imported-dark');
    // A folder is not a postmortem: no such entry on its menu.
    await page.keyboard.press('Escape');
    await row('postmortems').click({ button: 'right' });
    await page
      .locator('.monaco-menu .action-label', { hasText: /^New File/ })
      .first()
      .waitFor({ state: 'visible' });
    assert.equal(await item.count(), 0, 'Import Postmortem offered on a folder');
    await page.keyboard.press('Escape');
    // Nor is the folder's README (package.json's when-clause leaves out READMEs, changelogs, runbooks...).
    await row('README.md').click({ button: 'right' });
    await page
      .locator('.monaco-menu .action-label', { hasText: /^Open to the Side$/ })
      .first()
      .waitFor({ state: 'visible' });
    assert.equal(await item.count(), 0, 'Import Postmortem offered on a README');
    await page.keyboard.press('Escape');
  });
});
