// The reliability dashboard in a real VS Code: it opens on a workspace with several incidents,
// recurrence through a cause commit's files read from the folder's own git shows in the dashboard
// and under the incident in the tree, the page's messages are checked, and exports are written.
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

describe('Reliability dashboard in a real VS Code', () => {
  let first: string;
  let second: string;
  let out: string;

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
  });

  after(async () => {
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
    for (const bad of [
      { type: 'setPeriod', requestId: 'r2', days: 7 },
      { type: 'export', requestId: 'r3', format: 'html' },
      { type: 'openIncident', incidentId: '../../etc' },
      { type: 'setPeriod', requestId: 'r4', days: 90, extra: 1 },
    ]) {
      assert.equal((await panel.receive(bad)).accepted, false, JSON.stringify(bad));
    }
  });

  it('exports Markdown and CSV, and never writes over an existing file', async () => {
    const k = await kpi();
    const md = path.join(out, 'reliability.md');
    assert.equal(await k.exportDashboard('markdown', { target: md, days: 90 }), md);
    assert.match(fs.readFileSync(md, 'utf8'), /^# Reliability: the last 90 days[\s\S]*2 SEV-2 incidents on orders-db/);
    const csv = path.join(out, 'nested', 'reliability.csv');
    await vscode.commands.executeCommand('warroom.exportDashboardCsv', { target: csv, days: 30 });
    assert.match(fs.readFileSync(csv, 'utf8'), /^section,group,measure,value\nperiod,30d,from,/);
    fs.writeFileSync(md, 'my notes\n');
    await assert.rejects(k.exportDashboard('markdown', { target: md }), /exists/);
    assert.equal(fs.readFileSync(md, 'utf8'), 'my notes\n');
  });
});
