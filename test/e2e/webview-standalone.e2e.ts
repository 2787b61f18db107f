// The panels' browser code in Debian chromium without VS Code: real HTML from panelHtml (with its
// CSP), real bundles, a fake acquireVsCodeApi, an incident of 10,000 events with the XSS corpus in
// titles, notes, authors, alert fields and runbook steps, and a runbook file made of the corpus (its
// walkthrough page). Runs under the e2e runner or alone:
//   npx tsc -p tsconfig.test.json && npx mocha out/test/e2e/webview-standalone.e2e.js

import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Browser, Page } from 'playwright-core';
import { foldIncident } from '../../src/core/fold';
import { TimelineRow } from '../../src/core/timelineView';
import { ReplyMessage } from '../../src/protocol/common';
import { buildRoleBoardState } from '../../src/protocol/roleBoard';
import { buildTimelineState, RowsChangedMessage } from '../../src/protocol/timeline';
import { buildUpdatesState } from '../../src/protocol/updates';
import * as runbookChecks from '../../src/adapters/runbooks';
import { Runbook } from '../../src/core/runbooks/model';
import { parseRunbookFile } from '../../src/core/runbooks/runbookFile';
import { WalkthroughState } from '../../src/protocol/walkthrough';
import { buildWalkthroughState, rememberingReasons } from '../../src/vscode/runbooks/walkthroughState';
import { bigIncidentEvents, loadXssPayloads } from '../unit/timeline/incidentFixture';
import {
  buildWebviewBundles,
  EXPECTED_PATHS,
  launchChromium,
  LIGHT_THEME,
  REPO_ROOT,
  serveStandalone,
  StandaloneServer,
} from './webviewStandalone';
import { waitForExpression } from '../harness/browser';

const EVENT_COUNT = 10_000;
const ARTIFACTS = path.join(REPO_ROOT, 'test-artifacts');

interface PageGlobals {
  __posted: { type: string; [field: string]: unknown }[];
  __cspViolations: string[];
  __xss?: unknown;
}

// Browser-side code is written as strings: this file compiles without the DOM lib (adding it
// would type every Node test against browser globals).
const js = <T>(page: Page, expression: string): Promise<T> => page.evaluate(expression) as Promise<T>;
const posted = (page: Page) => js<PageGlobals['__posted']>(page, 'window.__posted');
const canary = (page: Page) => js<unknown>(page, 'window.__xss');
const violations = (page: Page) => js<string[]>(page, 'window.__cspViolations');
const scrollList = (page: Page, fraction: number) =>
  js<void>(page, `(() => { const l = document.getElementById('timeline-list'); l.scrollTop = l.scrollHeight * ${fraction}; })()`);
const nextFrames = (page: Page) => js<void>(page, 'new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))');

/** A runbook file anyone could have committed: every payload as a step's title, text, command and link. */
function hostileRunbook(payloads: readonly string[]): Runbook {
  const steps = payloads.flatMap((payload, i) => [
    `## Step ${i} ${payload}`,
    '',
    payload,
    '',
    '```shell',
    `echo '${payload}'`,
    '```',
    '',
    `[${payload}](https://example.com/${i})`,
    '',
  ]);
  const text = [
    `# Checkout ${payloads[0]}`,
    '',
    payloads[1],
    '',
    ...steps,
    '## Clear the cache',
    '',
    '```shell',
    'rm -rf /var/cache/checkout',
    '```',
    '',
  ];
  const parsed = parseRunbookFile('runbooks/hostile.md', text.join('\n'));
  assert.deepEqual(parsed.problems, []);
  return parsed.runbooks[0];
}

describe('webview panels in a standalone browser (no VS Code)', function () {
  this.timeout(120_000);
  const payloads = loadXssPayloads();
  const incident = foldIncident('INC-20261122-1200-k3m9qz', bigIncidentEvents(EVENT_COUNT, payloads));
  const timelineState = buildTimelineState(incident, payloads[1]);
  // The walkthrough page as its first build shows it when time ran out after one command (the rest
  // "checking"), then with every answer.
  const runbook = hostileRunbook(payloads);
  const checks = rememberingReasons(runbookChecks);
  checks.begin(() => true);
  const walkthroughChecking = buildWalkthroughState(incident, runbook, checks, { trusted: true });
  checks.begin(() => false);
  const walkthroughChecked: WalkthroughState = buildWalkthroughState(incident, runbook, checks, { trusted: true });
  let bundleDir: string;
  let server: StandaloneServer;
  let browser: Browser;
  let page: Page;

  before(async () => {
    bundleDir = fs.mkdtempSync(path.join(os.tmpdir(), 'warroom-webview-'));
    await buildWebviewBundles(bundleDir);
    server = await serveStandalone(bundleDir, [
      { panel: 'timeline', title: incident.title, initialState: timelineState },
      { panel: 'roleBoard', title: incident.title, initialState: buildRoleBoardState(incident, payloads[2]) },
      {
        panel: 'updates',
        title: incident.title,
        initialState: buildUpdatesState(incident, { now: new Date(Date.parse(incident.updatedAt) + 60_000) }),
      },
      { panel: 'walkthrough', title: runbook.title, initialState: walkthroughChecking },
    ]);
    browser = await launchChromium();
    fs.mkdirSync(ARTIFACTS, { recursive: true });
  });

  after(async () => {
    await browser?.close();
    await server?.close();
    if (bundleDir) {
      fs.rmSync(bundleDir, { recursive: true, force: true });
    }
  });

  beforeEach(async () => {
    page = await browser.newPage({ viewport: { width: 1100, height: 800 } });
  });

  afterEach(async () => {
    await page.close();
  });

  async function openTimeline(): Promise<void> {
    await page.goto(server.url('timeline'));
    await waitForExpression(page, "document.body.dataset.painted === 'true'");
  }

  it('the corpus has at least 30 payloads and the incident 10,000 events', () => {
    assert.ok(payloads.length >= 30, `${payloads.length} payloads`);
    assert.ok(timelineState.rows.length >= EVENT_COUNT, `${timelineState.rows.length} rows`);
  });

  it('paints the list from the embedded state and keeps only a few hundred rows in the DOM', async () => {
    await openTimeline();
    const counts = await js<{ rows: number; count: string }>(
      page,
      `({ rows: document.querySelectorAll('.vlist-row').length, count: document.querySelector('.count').textContent })`,
    );
    assert.ok(counts.rows > 5, `rows on screen: ${counts.rows}`);
    assert.ok(counts.rows < 300, `rows in the DOM: ${counts.rows}`);
    assert.match(
      counts.count,
      new RegExp(`${timelineState.rows.length.toLocaleString('en-US')} of ${timelineState.rows.length.toLocaleString('en-US')}`),
    );
    const first = await posted(page);
    assert.deepEqual(first[0], { type: 'ready', version: incident.events.length });
    await page.screenshot({ path: path.join(ARTIFACTS, 'timeline-standalone-dark.png') });
  });

  it('renders rows near the middle after scrolling, still virtualized', async () => {
    await openTimeline();
    await scrollList(page, 0.5);
    await waitForExpression(page, "[...document.querySelectorAll('.vlist-row')].some((r) => Number(r.dataset.index) > 4000)");
    const rows = await js<number>(page, "document.querySelectorAll('.vlist-row').length");
    assert.ok(rows < 300, `rows in the DOM after scrolling: ${rows}`);
  });

  it('typing a note and pressing Enter posts addEntry; Ctrl+Down switches to a decision', async () => {
    await openTimeline();
    await page.locator('#quick-add-text input').click();
    await page.keyboard.type('Rolled back 4f2a9c1 <b>not bold</b>');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Control+ArrowDown');
    await page.keyboard.type('Fail over to eu-central');
    await page.keyboard.press('Enter');
    const adds = (await posted(page)).filter((m) => m.type === 'addEntry');
    assert.equal(adds.length, 2);
    assert.equal(adds[0].kind, 'note');
    assert.equal(adds[0].text, 'Rolled back 4f2a9c1 <b>not bold</b>');
    assert.match(String(adds[0].requestId), /^[A-Za-z0-9_-]{1,64}$/);
    assert.equal(adds[1].kind, 'decision');
    assert.equal(adds[1].text, 'Fail over to eu-central');
    assert.equal(await js<string>(page, "document.getElementById('quick-add-text').value"), '');
  });

  it('sends when it happened from the When field with the entry, then empties both; a failed add gives both back', async () => {
    await openTimeline();
    await page.locator('#quick-add-when input').click();
    await page.keyboard.type('23:10');
    await page.locator('#quick-add-text input').click();
    await page.keyboard.type('Restarted the checkout pods');
    await page.keyboard.press('Enter');
    const [add] = (await posted(page)).filter((m) => m.type === 'addEntry');
    assert.deepEqual([add.kind, add.text, add.at], ['note', 'Restarted the checkout pods', '23:10']);
    assert.equal(await js<string>(page, "document.getElementById('quick-add-when').value"), '');
    await page.screenshot({ path: path.join(ARTIFACTS, 'timeline-standalone-when-dark.png') });
    const reply = (message: ReplyMessage) => js<void>(page, `window.postMessage(${JSON.stringify(message)}, '*')`);
    await reply({ type: 'reply', requestId: String(add.requestId), ok: false, detail: 'When: "23:10" is in the future' });
    await waitForExpression(page, "document.getElementById('quick-add-when').value === '23:10'");
    assert.equal(await js<string>(page, "document.getElementById('quick-add-text').value"), 'Restarted the checkout pods');
    // Without a time nothing is sent for it: now.
    await page.locator('#quick-add-when input').fill('');
    await page.locator('#quick-add-text input').fill('');
    await page.locator('#quick-add-text input').click();
    await page.keyboard.type('Paged the database team');
    await page.keyboard.press('Enter');
    const adds = (await posted(page)).filter((m) => m.type === 'addEntry');
    assert.equal('at' in adds[adds.length - 1], false);
  });

  it('shows the reply to each request in the status line; a failed add gives the text back', async () => {
    await openTimeline();
    await page.locator('#quick-add-text input').click();
    await page.keyboard.type('Rolled back');
    await page.keyboard.press('Enter');
    await page.keyboard.type('Drained eu-west');
    await page.keyboard.press('Enter');
    const [first, second] = (await posted(page)).filter((m) => m.type === 'addEntry');
    const status = "document.querySelector('.qa-status').textContent";
    // No reply yet: the status says the request is under way (nothing times out).
    assert.equal(await js<string>(page, status), 'Adding note…');
    const reply = (message: ReplyMessage) => js<void>(page, `window.postMessage(${JSON.stringify(message)}, '*')`);
    await reply({ type: 'reply', requestId: String(first.requestId), ok: true, result: { detail: 'Added note.' } });
    await waitForExpression(page, `${status} === 'Added note.'`);
    await reply({ type: 'reply', requestId: String(second.requestId), ok: false, detail: 'Incident gone.' });
    await waitForExpression(page, `${status} === 'Adding note failed: Incident gone.'`);
    assert.equal(await js<string>(page, "document.getElementById('quick-add-text').value"), 'Drained eu-west');
  });

  it('shows a row appended by the extension (rowsChanged) at the bottom while following', async () => {
    await openTimeline();
    const row: TimelineRow = {
      id: 'ev-live',
      ts: new Date(Date.parse(incident.updatedAt) + 1000).toISOString(),
      sinceStartMs: 1,
      kind: 'note',
      author: 'frank',
      text: 'Live append <img src=x onerror=window.__xss=1000>',
      refs: [],
      pinned: false,
      amendable: true,
    };
    const message: RowsChangedMessage = { type: 'rowsChanged', rows: [row], version: incident.events.length + 1 };
    await js<void>(page, `window.postMessage(${JSON.stringify(message)}, '*')`);
    const find = "[...document.querySelectorAll('.row-text')].find((n) => n.textContent.startsWith('Live append'))";
    await waitForExpression(page, `${find} !== undefined`);
    const text = await js<string>(page, `${find}.textContent`);
    assert.equal(text, row.text);
  });

  it('a click on a sha posts openSha for that event, and keyboard amend posts amend', async () => {
    await openTimeline();
    await scrollList(page, 0);
    await page.waitForSelector('.ref-sha');
    const shaRow = timelineState.rows.find((r) => r.refs.some((ref) => ref.kind === 'sha'));
    assert.ok(shaRow);
    await page.locator('.ref-sha').first().click();
    const open = (await posted(page)).find((m) => m.type === 'openSha');
    const shaRef = shaRow.refs.find((r) => r.kind === 'sha');
    assert.deepEqual(open, { type: 'openSha', eventId: shaRow.id, sha: shaRef?.kind === 'sha' ? shaRef.sha : '' });

    await page.locator('#timeline-list').focus();
    await page.keyboard.press('Home');
    // The first rows are declared and role change (not amendable); move to the first entry.
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('e');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('Corrected text');
    await page.keyboard.press('Enter');
    const amend = (await posted(page)).find((m) => m.type === 'amend');
    assert.equal(amend?.target, timelineState.rows[2].id);
    assert.equal(amend?.text, 'Corrected text');
  });

  it('search narrows the list to matching rows and shows hostile text as text', async () => {
    await openTimeline();
    await page.locator('#search input').click();
    await page.keyboard.type('onerror');
    await waitForExpression(page, "!/^10,/.test(document.querySelector('.count').textContent)");
    const texts = await js<string[]>(page, "[...document.querySelectorAll('.row-text')].map((n) => n.textContent)");
    assert.ok(texts.length > 0);
    assert.ok(
      texts.some((t) => t.includes('<img src=x onerror=')),
      'a payload is shown verbatim as text',
    );
    await page.screenshot({ path: path.join(ARTIFACTS, 'timeline-standalone-search.png') });
  });

  it('no XSS payload executes in any panel, and none became markup', async () => {
    for (const panel of ['timeline', 'roleBoard', 'updates', 'walkthrough'] as const) {
      await page.goto(server.url(panel));
      await waitForExpression(page, "document.getElementById('app').getAttribute('aria-busy') === null");
      // Scroll through the timeline so rows carrying payloads are rendered too.
      if (panel === 'timeline') {
        for (const fraction of [0.1, 0.3, 0.5, 0.7, 0.9, 1]) {
          await scrollList(page, fraction);
          await nextFrames(page);
        }
      }
      assert.equal(await canary(page), undefined, `canary set in ${panel}`);
      assert.deepEqual(
        (await violations(page)).filter((v) => v.startsWith('script')),
        [],
        `script blocked by CSP in ${panel}`,
      );
      assert.equal(
        await js<number>(
          page,
          "document.querySelectorAll('#app img, #app iframe, #app script, #app object, #app embed, #app style').length",
        ),
        0,
      );
      await page.screenshot({ path: path.join(ARTIFACTS, `${panel}-standalone-dark.png`) });
    }
    const unexpected = server.requests.filter((p) => !EXPECTED_PATHS.has(p));
    assert.deepEqual(unexpected, [], 'the pages fetched something a payload asked for');
  });

  it('walkthrough: a command not checked yet reads as being checked, and its answer takes its place (dark and light)', async () => {
    const checking = 'checking whether it asks twice…';
    const rm = 'destructive: deletes files (rm) (asks twice)';
    const notes = () => js<string[]>(page, "[...document.querySelectorAll('.wt-command-notes')].map((n) => n.textContent)");
    await page.goto(server.url('walkthrough'));
    await waitForExpression(page, "document.getElementById('app').getAttribute('aria-busy') === null");
    const before = await notes();
    assert.equal(before.filter((n) => n.includes(checking)).length, payloads.length, 'every command but the first checked later');
    await page.locator('.wt-step').last().scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(ARTIFACTS, 'walkthrough-standalone-checking-dark.png') });
    await js<void>(page, `window.postMessage(${JSON.stringify({ type: 'state', state: walkthroughChecked })}, '*')`);
    await waitForExpression(
      page,
      `![...document.querySelectorAll('.wt-command-notes')].some((n) => n.textContent.includes(${JSON.stringify(checking)}))`,
    );
    assert.equal((await notes()).at(-1), rm, 'the last command, checked last');
    await js<void>(
      page,
      `(() => { const s = document.documentElement.style; for (const [k, v] of Object.entries(${JSON.stringify(LIGHT_THEME)})) s.setProperty(k, v); document.body.classList.replace('vscode-dark', 'vscode-light'); })()`,
    );
    await page.locator('.wt-step').last().scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(ARTIFACTS, 'walkthrough-standalone-checked-light.png') });
  });

  it('role board: "I\'m taking command" and a hand-off post typed messages', async () => {
    await page.goto(server.url('roleBoard'));
    await page.locator('#take-command').click();
    await page.getByRole('button', { name: 'Hand off…' }).first().click();
    await page.keyboard.type('grace');
    await page.keyboard.press('Enter');
    const messages = await posted(page);
    assert.ok(messages.some((m) => m.type === 'takeCommand'));
    const assign = messages.find((m) => m.type === 'assign');
    assert.equal(assign?.role, 'commander');
    assert.equal(assign?.person, 'grace');
  });

  it('updates composer: drafts per audience, copy posts the edited text', async () => {
    await page.goto(server.url('updates'));
    await page.waitForSelector('#due');
    const due = await page.locator('#due').textContent();
    assert.match(due ?? '', /Next update due in|overdue/);
    await page.getByRole('button', { name: 'Copy' }).first().click();
    const copy = (await posted(page)).find((m) => m.type === 'copy');
    assert.equal(copy?.audience, 'executive');
    assert.match(String(copy?.text), /Business impact/);
  });
});
