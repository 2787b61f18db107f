// The war room panels in the real workbench (code-server + chromium): the timeline opened from the
// tree, a note added with the keyboard, a commit opened from an event, a hand-off on the role board
// reaching the tree, the panel back after a window reload, the XSS corpus in titles, notes, alert
// fields and authors with a canary that must stay unset in every frame, and the three themes.
// Screenshots go to test-artifacts/e2e-panels-*.png.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { useWorkbench } from '../harness/workbench';
import { declared, eventually, headSha, minutesAgo, panelFrame, readEvents, StoredEvent, writeIncident } from './fixtures';

const TITLE = 'Checkout returns 500 for card payments';
const INCIDENT = 'INC-20261122-1200-chk500';
const XSS_INCIDENT = 'INC-20261122-1300-xss000';
const NOTE = 'Error rate back under 1% after the rollback';

interface XssCorpus {
  readonly canary: string;
  readonly payloads: readonly string[];
}

const corpus = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../../test/fixtures/xss-payloads.json'), 'utf8')) as XssCorpus;

function seed(folder: string, sha: string): { file: string } {
  const file = writeIncident(folder, INCIDENT, [
    declared('ev-declared', TITLE, 'SEV1', 40),
    { id: 'ev-ic', ts: minutesAgo(37), type: 'role_assigned', author: 'Dana', role: 'commander', person: 'Dana' },
    {
      id: 'ev-alert',
      ts: minutesAgo(36),
      type: 'entry',
      author: 'PagerDuty',
      kind: 'alert',
      text: 'checkout 5xx rate above 5% for 5m',
      url: 'https://alerts.example.com/a/1',
    },
    { id: 'ev-deploy', ts: minutesAgo(35), type: 'entry', author: 'CI', kind: 'deploy', text: 'Deployed v2.4.1 to production', sha },
    { id: 'ev-hyp', ts: minutesAgo(30), type: 'entry', author: 'Dana', kind: 'hypothesis', text: 'DB pool exhausted since v2.4.1' },
  ]);
  const p = corpus.payloads;
  const events: StoredEvent[] = [declared('xss-declared', `${p[0]} ${p[1]}`, 'SEV2', 20)];
  p.forEach((payload, i) => {
    events.push({
      id: `xss-note-${i}`,
      ts: minutesAgo(19 - i / 10),
      type: 'entry',
      author: i % 2 ? payload : 'Eve',
      kind: 'note',
      text: payload,
    });
    events.push({
      id: `xss-alert-${i}`,
      ts: minutesAgo(19 - i / 10 - 0.05),
      type: 'entry',
      author: 'Alertmanager',
      kind: 'alert',
      text: `alert: ${payload}`,
      url: i % 2 ? `javascript:window.${corpus.canary}=${1000 + i}` : 'https://alerts.example.com/a/2',
      runbook: payload,
      step: payload,
    });
  });
  events.push({ id: 'xss-amend', ts: minutesAgo(5), type: 'amended', author: 'Eve', target: 'xss-note-0', text: p[3] });
  events.push({ id: 'xss-role', ts: minutesAgo(4), type: 'role_assigned', author: 'Eve', role: 'comms', person: p[5] });
  writeIncident(folder, XSS_INCIDENT, events);
  return { file };
}

describe('war room panels in the real workbench', function () {
  // Each step builds on the previous one; after a failure the rest would only repeat it.
  this.bail(true);
  let eventsFile: string;
  let sha: string;
  const { ui } = useWorkbench({
    label: 'e2e-panels',
    settings: { 'workbench.colorTheme': 'Default Dark Modern' },
    prepare: (workspace) => {
      sha = headSha(workspace.folders[0]);
      eventsFile = seed(workspace.folders[0], sha).file;
    },
    ready: async (workbench) => {
      // Opening the view activates the extension, which sets the context keys the palette entries need.
      await workbench.openViewContainer('War Room');
      await workbench.resizeSideBar(520);
      // The store has been read (and the context keys set with it) once the incident shows in the tree.
      await workbench.treeRow(TITLE).waitFor({ state: 'visible' });
      await workbench.page
        .locator('.statusbar-item', { hasText: /Update (in|overdue)/ })
        .first()
        .waitFor();
    },
  });

  /** Every frame of the page (workbench, webview hosts, panel pages): the canary must be unset in all. */
  async function canaries(): Promise<{ frames: number; panelPages: number; set: string[] }> {
    const set: string[] = [];
    let panelPages = 0;
    const frames = ui().page.frames();
    for (const frame of frames) {
      const probe = (await frame
        .evaluate(
          `({ canary: typeof window[${JSON.stringify(corpus.canary)}] === 'undefined' ? null : String(window[${JSON.stringify(corpus.canary)}]), panel: !!document.getElementById('app') })`,
        )
        .catch((error: unknown) => {
          console.log(`    could not look inside ${frame.url().slice(0, 80)}: ${String(error).slice(0, 200)}`);
          return undefined;
        })) as { canary: string | null; panel: boolean } | undefined;
      if (probe?.canary !== null && probe?.canary !== undefined) set.push(`${frame.url()}: ${probe.canary}`);
      if (probe?.panel) panelPages++;
    }
    return { frames: frames.length, panelPages, set };
  }

  /** canaries(), again until a panel page answers: VS Code swaps a webview's frame in as it loads. */
  async function canariesOnceLoaded(): Promise<{ frames: number; panelPages: number; set: string[] }> {
    const deadline = Date.now() + 30_000;
    for (;;) {
      const result = await canaries();
      if (result.panelPages >= 1 || result.set.length > 0 || Date.now() > deadline) return result;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }

  async function pickIncident(idOrTitle: string): Promise<void> {
    await ui().waitForQuickInput('Which incident?');
    await ui().fillQuickInput(idOrTitle);
    await ui().page.locator('.quick-input-widget .quick-input-list .monaco-list-row').first().waitFor();
    await ui().page.keyboard.press('Enter');
  }

  it('opens the timeline from the incident row in the tree', async () => {
    const row = ui().treeRow(TITLE);
    await row.waitFor({ state: 'visible' });
    // The incident is active when the window opens, so it correlates on its own. A click on a row's
    // action while the tree redraws with the result can reach the command without its row (VS Code
    // re-registers the rows), so wait for the result first.
    await row.locator('.monaco-tl-twistie').click();
    const suspects = ui().treeRow('Suspect deploys').first();
    await suspects
      .locator('.label-description')
      .filter({ hasNotText: /correlating|re-ranking|expand to correlate/ })
      .waitFor();
    await row.hover();
    await row.locator('.action-label[aria-label="Open Timeline"]').click();
    const frame = panelFrame(ui().page);
    await frame.locator('h1.title', { hasText: TITLE }).waitFor();
    await frame.locator('.row-text', { hasText: 'Deployed v2.4.1 to production' }).waitFor();
    await ui()
      .page.locator('.tabs-container .tab', { hasText: `Timeline: ${TITLE}` })
      .waitFor();
    await ui().screenshot('1-timeline-dark');
  });

  it('adds a note with the keyboard alone: it shows in the panel and in events.jsonl', async () => {
    const frame = panelFrame(ui().page);
    await frame.locator('#timeline-list').focus();
    await ui().page.keyboard.press('n');
    await ui().page.keyboard.type(NOTE);
    await ui().page.keyboard.press('Enter');
    await frame.locator('.row-text', { hasText: NOTE }).waitFor();
    const stored = await eventually('the note in events.jsonl', () =>
      readEvents(eventsFile).find((e) => e.type === 'entry' && e.text === NOTE),
    );
    assert.equal(stored.kind, 'note');
    assert.equal(stored.author, 'Test Responder');
    await frame.locator('.qa-status', { hasText: 'Added note' }).waitFor();
    await ui().screenshot('2-note-added');
  });

  it('opens the commit of a deploy event', async () => {
    // The commit view comes from the correlation feature (warroom.openCommit), the real command.
    await panelFrame(ui().page).locator('.row', { hasText: 'Deployed v2.4.1 to production' }).locator('.ref-sha').click();
    // Correlated already (the incident is active when the window opens): the multi-file diff titled
    // with the short sha; otherwise git show's text, which names the whole sha.
    await ui()
      .page.locator('.tabs-container .tab.active', { hasText: sha.slice(0, 7) })
      .or(ui().page.locator('.editor-group-container .monaco-editor .view-lines', { hasText: sha }))
      .first()
      .waitFor();
    await ui().screenshot('3-commit');
  });

  it('hands off the Incident Commander on the role board and the tree follows', async () => {
    await ui().runCommand('War Room: Open Role Board');
    await pickIncident(INCIDENT);
    const frame = panelFrame(ui().page);
    const commander = frame.locator('section.slot', { has: frame.locator('h2', { hasText: /^Incident Commander/ }) });
    await commander.locator('vscode-button', { hasText: 'Hand off…' }).click();
    await ui().page.keyboard.type('Riley');
    await ui().page.keyboard.press('Enter');
    await commander.locator('.holders strong', { hasText: 'Riley' }).waitFor();
    await ui()
      .treeRow(TITLE)
      .locator('.label-description', { hasText: /IC Riley$/ })
      .waitFor();
    const handOff = readEvents(eventsFile).at(-1);
    assert.deepEqual([handOff?.type, handOff?.role, handOff?.person], ['role_assigned', 'commander', 'Riley']);
    await ui().screenshot('4-roleBoard');
  });

  it('brings the timeline back after a window reload', async () => {
    await ui()
      .page.locator('.tabs-container .tab', { hasText: `Timeline: ${TITLE}` })
      .click();
    await panelFrame(ui().page).locator('.row-text', { hasText: NOTE }).waitFor();
    await ui().runCommand('Developer: Reload Window');
    await ui().page.locator('.monaco-workbench').waitFor({ state: 'visible' });
    const frame = panelFrame(ui().page);
    await frame.locator('h1.title', { hasText: TITLE }).waitFor({ timeout: 60_000 });
    // Re-read from the store, not from a copy: the note added before the reload is there.
    await frame.locator('.row-text', { hasText: NOTE }).waitFor();
    await ui()
      .page.locator('.tabs-container .tab', { hasText: `Roles: ${TITLE}` })
      .waitFor();
    await ui().screenshot('5-after-reload');
  });

  it('renders the XSS corpus as text in every panel and no payload runs', async () => {
    assert.ok(corpus.payloads.length >= 30, `${corpus.payloads.length} payloads`);
    await ui().runCommand('War Room: Open Timeline');
    await pickIncident(XSS_INCIDENT);
    const frame = panelFrame(ui().page);
    await frame.locator('h1.title', { hasText: `${corpus.payloads[0]} ${corpus.payloads[1]}` }).waitFor();
    await frame.locator('.row-text', { hasText: `alert: ${corpus.payloads.at(-1)}` }).waitFor();
    // Select the newest rows one by one so the detail pane renders them (and their links) too.
    await frame.locator('#timeline-list').focus();
    await ui().page.keyboard.press('End');
    for (let i = 0; i < 6; i++) await ui().page.keyboard.press('ArrowUp');
    await ui().screenshot('6-xss-timeline');
    const checked = [await canariesOnceLoaded()];

    await ui().runCommand('War Room: Open Role Board');
    await pickIncident(XSS_INCIDENT);
    await frame.locator('.holders strong', { hasText: corpus.payloads[5] }).waitFor();
    await frame.locator('vscode-button', { hasText: 'Assign…' }).first().click();
    await ui().screenshot('6-xss-roles');
    checked.push(await canariesOnceLoaded());

    await ui().runCommand('War Room: Compose Status Update');
    await pickIncident(XSS_INCIDENT);
    await frame.locator('h1.title', { hasText: corpus.payloads[0] }).waitFor();
    await ui().screenshot('6-xss-updates');

    checked.push(await canariesOnceLoaded());
    assert.deepEqual(
      checked.flatMap((r) => r.set),
      [],
      'a payload ran',
    );
    for (const result of checked) {
      assert.ok(result.panelPages >= 1, `checked inside ${result.panelPages} panel pages of ${result.frames} frames`);
    }
    console.log(`    canary unset in every frame, ${checked.map((r) => `${r.frames} frames / ${r.panelPages} panel page`).join(', ')}`);
  });

  it('reads well in dark, light and high contrast themes', async () => {
    await ui()
      .page.locator('.tabs-container .tab', { hasText: `Timeline: ${TITLE}` })
      .click();
    const frame = panelFrame(ui().page);
    await frame.locator('.row-text', { hasText: NOTE }).waitFor();
    for (const [theme, name] of [
      ['Light Modern', '7-light'],
      ['Dark High Contrast', '7-high-contrast'],
      ['Dark Modern', '7-dark'],
    ] as const) {
      await ui().setColorTheme(theme);
      const kind = theme.startsWith('Light') ? 'vscode-light' : theme.includes('High') ? 'vscode-high-contrast' : 'vscode-dark';
      await frame.locator(`body.${kind}`).waitFor();
      await frame.locator('.row-text', { hasText: NOTE }).waitFor();
      await ui().screenshot(name);
    }
  });
});
