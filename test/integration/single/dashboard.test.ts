// The reliability dashboard in a real VS Code: it opens on a workspace with several incidents,
// recurrence through a cause commit's files read from the folder's own git shows in the dashboard
// and under the incident in the tree, on-call load is counted against the folder's rotation file,
// the page's messages are checked, and exports are written.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { SuspectMarkedEvent } from '../../../src/core/correlation/suspectMarks';
import { GitRepo } from '../../support/gitRepo';
import { featureUnderTest, renderTree, waitFor, warRoom } from '../support/api';

function folder(): vscode.WorkspaceFolder {
  const first = vscode.workspace.workspaceFolders?.[0];
  assert.ok(first, 'the test workspace has a folder');
  return first;
}

const kpi = () => featureUnderTest('kpi');

const DAY = 86_400_000;
const HOUR = 3_600_000;
const ROTATION_START = Date.UTC(2026, 0, 5); // a Monday
const LOAD_ROTATION = [
  'people: [load-ana, load-ben]',
  'rotations:',
  '  - id: payments-primary',
  '    services: [payments-load]',
  '    members: [load-ana, load-ben]',
  '    start: 2026-01-05',
  '    length: 1w',
  "    handoff: '00:00'",
  '    timezone: UTC',
  '',
].join('\n');

/** Three pages in one rotation week two weeks back: Wednesday 12:00 (working hours), Wednesday 03:00 and Saturday 12:00 UTC. */
function loadWeek(now: Date): { monday: number; pages: number[]; paged: string; other: string } {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const monday = today - ((now.getUTCDay() + 6) % 7) * DAY - 14 * DAY;
  const week = Math.round((monday - ROTATION_START) / (7 * DAY));
  const [paged, other] = week % 2 === 0 ? ['load-ana', 'load-ben'] : ['load-ben', 'load-ana'];
  return { monday, pages: [monday + 2 * DAY + 12 * HOUR, monday + 2 * DAY + 3 * HOUR, monday + 5 * DAY + 12 * HOUR], paged, other };
}

describe('Reliability dashboard in a real VS Code', () => {
  let first: string;
  let second: string;
  let out: string;
  const rotationFile = () => path.join(folder().uri.fsPath, '.warroom', 'oncall.yaml');
  const week = loadWeek(new Date());

  before(async () => {
    out = fs.mkdtempSync(path.join(os.tmpdir(), 'warroom-dashboard-'));
    const repo = new GitRepo(folder().uri.fsPath);
    const shaA = repo.commit({ 'src/db/pool.ts': 'export const size = 10;\n' }, { date: new Date(), message: 'Pool of 10' });
    const shaB = repo.commit({ 'src/db/pool.ts': 'export const size = 4;\n' }, { date: new Date(), message: 'Pool of 4' });
    const api = await warRoom();
    const declare = async (title: string, sha: string) => {
      const id = await vscode.commands.executeCommand<string>('warroom.declareIncident', { title, severity: 'SEV2', service: 'orders-db' });
      const ref = api.model.find(id);
      assert.ok(ref);
      await api.model.append<SuspectMarkedEvent>(ref, { type: 'suspect_marked', sha, verdict: 'cause' });
      return id;
    };
    first = await declare('Orders time out: pool exhausted', shaA);
    second = await declare('Orders time out again', shaB);
    // On-call load: a rotation for payments-load and three of its incidents in one rotation week.
    fs.mkdirSync(path.dirname(rotationFile()), { recursive: true });
    fs.writeFileSync(rotationFile(), LOAD_ROTATION);
    for (const [i, at] of week.pages.entries()) {
      const started = new Date(at).toISOString();
      await api.model.declare(
        folder(),
        {
          type: 'declared',
          title: `Payments paging ${i + 1}`,
          severity: 'SEV3',
          urgency: 'high',
          service: 'payments-load',
          startedAt: started,
          detectedAt: started,
        },
        new Date(at),
      );
    }
  });

  after(async () => {
    fs.rmSync(rotationFile(), { force: true });
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    fs.rmSync(out, { recursive: true, force: true });
  });

  it('opens once for the workspace with the KPIs, the pattern in words and a strict page', async () => {
    const k = await kpi();
    await vscode.commands.executeCommand('warroom.openDashboard', { days: 90 });
    const panel = await k.openDashboard();
    assert.equal(panel, await k.openDashboard(), 'one dashboard for the workspace');
    assert.equal(panel.panel.viewType, 'warroom.dashboard');
    const html = panel.panel.webview.html;
    assert.match(html, /default-src 'none'/);
    // Its one bundle is inline (charts drawn by the page): no script comes by URL, from a CDN or anywhere.
    assert.doesNotMatch(html, /<script[^>]*\ssrc=/);
    assert.match(html, /<svg|createElementNS/);
    const state = await waitFor('the dashboard state with both incidents', () =>
      panel.state && panel.state.metrics.byService.some((s) => s.service === 'orders-db' && s.count === 2) ? panel.state : undefined,
    );
    assert.ok(state.metrics.count >= 2);
    assert.ok(
      state.metrics.patterns.some(
        (p) => p.text === '2 SEV-2 incidents on orders-db in 90 days, all touching src/db/pool.ts; no action items still open',
      ),
      state.metrics.patterns.map((p) => p.text).join('\n'),
    );
    assert.ok(state.metrics.recurrences.some((r) => r.incidentId === second && r.recurs === first));
  });

  it('shows on-call load for the period: per person per week, out of hours, weekends, fairness', async () => {
    const panel = await (await kpi()).openDashboard();
    assert.equal(panel.period, 90);
    const here = await waitFor('the on-call load against the rotation file', () =>
      panel.state?.oncall.find((f) => f.folder === folder().name && f.rotation && f.load.people.some((p) => p.person === week.paged)),
    );
    const { load } = here;
    assert.equal(load.weeks, 12.86);
    const row = (person: string) => {
      const found = load.people.find((p) => p.person === person);
      assert.ok(found, `${person} in ${load.people.map((p) => p.person).join(', ')}`);
      return found;
    };
    // 3 pages in 90 days (12.86 weeks): 0.23 a week; Wednesday 03:00 and Saturday 12:00 out of hours, Saturday at a weekend.
    assert.deepEqual(row(week.paged), {
      person: week.paged,
      pages: 3,
      incidents: 3,
      outOfHoursPages: 2,
      weekendPages: 1,
      incidentMinutes: 0,
      pagesPerWeek: 0.23,
      incidentsPerWeek: 0.23,
    });
    assert.equal(row(week.other).pages, 0, 'the other rotation member is listed with no pages');
    assert.deepEqual(load.spread, { most: week.paged, least: week.other, pagesPerWeek: 0.23 });
    assert.equal(load.pagesPerWeekLimit, 5);
    assert.ok(!load.overloaded.some((p) => p.person === week.paged));
    // The orders-db incidents have no rotation: their pages go to whoever declared them.
    assert.ok(load.unrotatedPages >= 2, String(load.unrotatedPages));
    // The period switch recounts: in 30 days (4.29 weeks) the same 3 pages are 0.7 a week.
    await panel.receive({ type: 'setPeriod', requestId: 'p30', days: 30 });
    const month = panel.state?.oncall.find((f) => f.folder === folder().name)?.load;
    assert.equal(month?.weeks, 4.29);
    assert.equal(month?.people.find((p) => p.person === week.paged)?.pagesPerWeek, 0.7);
    await panel.receive({ type: 'setPeriod', requestId: 'p90', days: 90 });
    // The limit is a setting: lowered under 0.23 pages a week, the paged member is named as over it.
    const config = vscode.workspace.getConfiguration('warroom');
    await config.update('oncall.pagesPerWeekLimit', 0.2, vscode.ConfigurationTarget.Global);
    try {
      const over = await waitFor('the dashboard redrawn with the lower limit', () => {
        const l = panel.state?.oncall.find((f) => f.folder === folder().name)?.load;
        return l?.pagesPerWeekLimit === 0.2 ? l : undefined;
      });
      assert.ok(
        over.overloaded.some((p) => p.person === week.paged),
        over.overloaded.map((p) => p.person).join(', '),
      );
    } finally {
      await config.update('oncall.pagesPerWeekLimit', undefined, vscode.ConfigurationTarget.Global);
    }
    await waitFor(
      'the default limit back',
      () => panel.state?.oncall.find((f) => f.folder === folder().name)?.load.pagesPerWeekLimit === 5,
    );
  });

  it('shows the recurrence under the later incident in the tree', async () => {
    const api = await warRoom();
    const row = await waitFor('the recurrence row', async () =>
      (await renderTree(api)).find((r) => r.node.incidentId === second && r.label.startsWith('recurs ')),
    );
    assert.equal(row.description, 'same service, both touched src/db/pool.ts');
    assert.equal((await kpi()).recurrence.of(first).length, 0, 'the earlier incident recurs nothing');
  });

  it('acts on the period switch and drops malformed messages from the page', async () => {
    const panel = await (await kpi()).openDashboard();
    assert.deepEqual(await panel.receive({ type: 'setPeriod', requestId: 'r1', days: 30 }), { accepted: true });
    assert.equal(panel.period, 30);
    assert.equal(panel.state?.metrics.days, 30);
    for (const [bad, answered] of [
      [{ type: 'setPeriod', requestId: 'r2', days: 7 }, true],
      [{ type: 'export', requestId: 'r3', format: 'html' }, true],
      [{ type: 'openIncident', incidentId: '../../etc' }, false],
      [{ type: 'setPeriod', requestId: 'r4', days: 90, extra: 1 }, true],
    ] as const) {
      const result = await panel.receive(bad);
      assert.equal(result.accepted, false, JSON.stringify(bad));
      assert.equal(!result.accepted && result.answered, answered, `answered: ${JSON.stringify(bad)}`);
    }
  });

  it('exports Markdown and CSV, and never writes over an existing file', async () => {
    const k = await kpi();
    const md = path.join(out, 'reliability.md');
    assert.equal(await k.exportDashboard('markdown', { target: md, days: 90 }), md);
    const markdown = fs.readFileSync(md, 'utf8');
    assert.match(markdown, /^# Reliability: the last 90 days[\s\S]*2 SEV-2 incidents on orders-db/);
    assert.match(markdown, /\n## On-call load\n/);
    assert.ok(markdown.includes(`| ${week.paged} | 3 | 0.23 | 2 | 1 | 3 | 0.23 | 0h 00m |`), markdown);
    assert.ok(markdown.includes(`Fairness: ${week.paged} is paged 0.23 more a week than ${week.other}.`), markdown);
    const csv = path.join(out, 'nested', 'reliability.csv');
    await vscode.commands.executeCommand('warroom.exportDashboardCsv', { target: csv, days: 90 });
    const csvText = fs.readFileSync(csv, 'utf8');
    assert.match(csvText, /^section,group,measure,value\nperiod,90d,from,/);
    // The on-call load is in the CSV as in the Markdown: one row per figure per person.
    for (const row of [`oncall,${week.paged},pages,3`, `oncall,${week.paged},pages_per_week,0.23`, 'oncall,all,rotation_file,1']) {
      assert.ok(csvText.split('\n').includes(row), `${row} in\n${csvText}`);
    }
    fs.writeFileSync(md, 'my notes\n');
    await assert.rejects(k.exportDashboard('markdown', { target: md }), /exists/);
    assert.equal(fs.readFileSync(md, 'utf8'), 'my notes\n');
  });
});
