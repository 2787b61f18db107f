// The foundation in a real VS Code: activation, the command table, the tree after declare /
// assign / resolve, appends from another process, corrupt lines in Problems.
import * as assert from 'node:assert/strict';
import { execFile, execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { promisify } from 'node:util';
import * as vscode from 'vscode';
import type { EntryEvent } from '../../../src/core/events';
import { repoRoot } from '../../harness/paths';
import { arriveAsPulled, EXTENSION_ID, renderTree, waitFor, warRoom } from '../support/api';

function folder(): vscode.WorkspaceFolder {
  const first = vscode.workspace.workspaceFolders?.[0];
  assert.ok(first, 'the test workspace has a folder');
  return first;
}

describe('War Room in a real VS Code', () => {
  it('activates and reports how long activation took', async () => {
    const api = await warRoom();
    assert.equal(vscode.extensions.getExtension(EXTENSION_ID)?.isActive, true);
    assert.ok(api.test.activationMs > 0 && api.test.activationMs < 60_000, String(api.test.activationMs));
  });

  it('ships no test hook: they are only under `test`, given when the harness runs the extension', async () => {
    const { test, ...shipped } = await warRoom();
    assert.deepEqual(Object.keys(shipped).sort(), ['features', 'model', 'ready', 'registerIncidentSection', 'tree']);
    assert.deepEqual(Object.keys(shipped.features.correlation ?? {}).sort(), ['state', 'topSuspectFile']);
    assert.deepEqual(Object.keys(shipped.features.panels ?? {}).sort(), ['registerUpdateSender', 'viewTypes']);
    assert.deepEqual(Object.keys(shipped.features.runbooks ?? {}), ['catalog']);
    // Learning, action items and KPIs ship nothing: their hooks are test-only.
    for (const name of ['learning', 'actionItems', 'kpi'] as const) {
      assert.equal(shipped.features[name], undefined, `features.${name} is not shipped`);
    }
    assert.equal(typeof test.features.learning?.reviewProblems, 'function');
    assert.equal(typeof test.features.actionItems?.scan, 'function');
    assert.equal(typeof test.features.kpi?.openDashboard, 'function');
    assert.equal(typeof test.features.correlation?.lastCopied, 'function');
    assert.equal(typeof test.features.runbooks?.usePrompts, 'function');
    assert.equal(typeof test.features.panels?.open, 'function');
  });

  it('registers exactly the commands package.json contributes', async () => {
    await warRoom();
    const pkg = vscode.extensions.getExtension(EXTENSION_ID)?.packageJSON as {
      contributes: { commands: { command: string }[]; views: Record<string, { id: string }[]> };
    };
    const contributed = pkg.contributes.commands.map((c) => c.command).sort();
    // VS Code adds its own commands per view (`<view id>.focus`, `.open`, `.removeView` ...).
    const views = Object.values(pkg.contributes.views)
      .flat()
      .map((v) => `${v.id}.`);
    const registered = (await vscode.commands.getCommands(true))
      .filter((c) => c.startsWith('warroom.') && !views.some((prefix) => c.startsWith(prefix)))
      .sort();
    assert.deepEqual(registered, contributed);
  });

  it('shows a declared incident, its Incident Commander, and moves it to Recently resolved', async () => {
    const api = await warRoom();
    const id = await vscode.commands.executeCommand<string>('warroom.declareIncident', {
      title: 'Checkout returns 500 for card payments',
      severity: 'SEV1',
      urgency: 'high',
      service: 'checkout',
      startedAt: '30m ago',
    });
    assert.match(id, /^INC-/);
    const file = path.join(folder().uri.fsPath, '.warroom', id, 'events.jsonl');
    assert.ok(fs.existsSync(file));
    assert.match(fs.readFileSync(path.join(folder().uri.fsPath, '.warroom', '.gitattributes'), 'utf8'), /events\.jsonl merge=union/);

    let rows = await renderTree(api);
    const active = rows.findIndex((r) => r.label === 'Active');
    const row = rows.find((r) => r.label === 'Checkout returns 500 for card payments');
    assert.ok(active >= 0 && row, rows.map((r) => r.label).join(' | '));
    assert.match(row.description ?? '', /^SEV1 · investigating · 3\dm · no IC$/);
    assert.equal(row.contextValue, 'incident;active;sev1');
    const gap = (all: typeof rows) => all.some((r) => r.label === 'No Incident Commander' && r.node.incidentId === id);
    assert.ok(gap(rows));

    await vscode.commands.executeCommand('warroom.assignRole', { incidentId: id, role: 'commander', person: 'Dana' });
    rows = await renderTree(api);
    assert.match(rows.find((r) => r.label === 'Checkout returns 500 for card payments')?.description ?? '', /IC Dana$/);
    assert.ok(rows.some((r) => r.label === 'Dana' && /Incident Commander/.test(r.description ?? '')));
    assert.ok(!gap(rows));

    await vscode.commands.executeCommand('warroom.addNote', { incidentId: id, text: 'DB pool exhausted since v2.4.1' });
    await vscode.commands.executeCommand('warroom.setSeverity', { incidentId: id, severity: 'SEV2' });
    rows = await renderTree(api);
    assert.ok(rows.some((r) => r.label === 'DB pool exhausted since v2.4.1'));
    assert.ok(rows.some((r) => r.label === 'Severity set to SEV2'));

    await vscode.commands.executeCommand('warroom.resolveIncident', { incidentId: id, resolution: 'Rolled back v2.4.1' });
    rows = await renderTree(api);
    const resolvedGroup = rows.findIndex((r) => r.label === 'Recently resolved');
    const resolvedRow = rows.findIndex((r) => r.label === 'Checkout returns 500 for card payments');
    assert.ok(resolvedGroup >= 0 && resolvedRow > resolvedGroup, rows.map((r) => r.label).join(' | '));
    assert.equal(rows[resolvedRow].contextValue, 'incident;resolved;sev2');
    assert.equal(api.model.find(id)?.incident.resolution, 'Rolled back v2.4.1');

    await vscode.commands.executeCommand('warroom.reopenIncident', { incidentId: id, reason: 'errors are back' });
    assert.equal(api.model.find(id)?.incident.status, 'investigating');
    await vscode.commands.executeCommand('warroom.resolveIncident', { incidentId: id, resolution: 'Rolled back again' });
  });

  it("draws an incident's own rows when another section throws, with that section's failure as one row", async () => {
    const api = await warRoom();
    // The incident the test above declared and resolved: no new incident for other suites to count.
    const id = api.model.all().find((r) => r.incident.title === 'Checkout returns 500 for card payments')?.incident.id;
    assert.ok(id);
    const broken = api.registerIncidentSection({
      id: 'broken-section',
      nodes: () => {
        throw new Error('Cannot find module ./missing.js');
      },
    });
    try {
      const mine = (await renderTree(api)).filter((r) => r.node.incidentId === id);
      const failed = mine.find((r) => r.label === 'broken-section');
      assert.equal(failed?.description, 'could not be shown: Cannot find module ./missing.js', mine.map((r) => r.label).join(' | '));
      assert.ok(
        mine.some((r) => r.label === 'Roles'),
        'the Roles rows are still drawn',
      );
      assert.ok(
        mine.some((r) => r.label === 'Timeline'),
        'the Timeline rows are still drawn',
      );
    } finally {
      broken.dispose();
    }
  });

  it('redraws ages on the minute tick row by row, keeping every row handle', async () => {
    const api = await warRoom();
    const id = await vscode.commands.executeCommand<string>('warroom.declareIncident', {
      title: 'Search results are stale',
      severity: 'SEV3',
      service: 'search',
    });
    const row = (await renderTree(api)).find((r) => r.node.incidentId === id && r.contextValue?.startsWith('incident;'));
    assert.ok(row);
    const seconds = (description: string | undefined) => Number(/ · (\d+)s · /.exec(description ?? '')?.[1]);
    const before = seconds(row.description);
    assert.ok(before < 60, row.description);
    const eventAge = async () => {
      const timeline = (await api.tree.getChildren(row.node)).find((n) => n.id.startsWith('timeline:'));
      const declared = timeline && (await api.tree.getChildren(timeline))[0];
      return Number(/^(\d+)s ago/.exec(declared?.description ?? '')?.[1]);
    };
    const eventBefore = await eventAge();
    // Just declared: one event, said in the singular.
    const timelineRow = (await api.tree.getChildren(row.node)).find((n) => n.id.startsWith('timeline:'));
    assert.equal(timelineRow && api.tree.getTreeItem(timelineRow).description, '1 event');
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    // Drawn again just before the tick: an incident another suite resolved meanwhile changes Recently
    // resolved, and the tick then (rightly) redraws the whole tree instead.
    const drawn = (await renderTree(api)).find((r) => r.node.incidentId === id && r.contextValue?.startsWith('incident;'));
    assert.ok(drawn);

    const fired: unknown[] = [];
    const listening = api.tree.onDidChangeTreeData((e) => fired.push(e));
    try {
      api.tree.tick();
    } finally {
      listening.dispose();
    }
    // The row objects VS Code already holds, not undefined (which would drop every handle).
    assert.equal(fired.length, 1);
    assert.ok(Array.isArray(fired[0]) && fired[0].includes(drawn.node), 'the incident row itself is redrawn');
    const item = api.tree.getTreeItem(drawn.node);
    assert.ok(
      seconds(typeof item.description === 'string' ? item.description : '') >= before + 2,
      `${String(item.description)} after ${row.description}`,
    );
    assert.ok((await eventAge()) >= eventBefore + 2, 'the rows under it are worked out afresh');
  });

  it('shows an event appended by another process without a reload', async () => {
    const api = await warRoom();
    const id = await vscode.commands.executeCommand<string>('warroom.declareIncident', {
      title: 'Payments latency',
      severity: 'SEV3',
      service: 'payments',
    });
    const file = path.join(folder().uri.fsPath, '.warroom', id, 'events.jsonl');
    const line = JSON.stringify({
      id: 'from-elsewhere-1',
      ts: new Date().toISOString(),
      type: 'entry',
      author: 'Other Window',
      kind: 'decision',
      text: 'Fail over to the replica',
    });
    execFileSync(process.execPath, ['-e', `require('fs').appendFileSync(${JSON.stringify(file)}, ${JSON.stringify(line + '\n')})`]);
    await waitFor(
      "the other process's event in the tree",
      async () => (await renderTree(api)).some((r) => r.label === 'Fail over to the replica') || undefined,
    );
  });

  it('shows an incident the CLI declared in a terminal, and its hand-off and resolution, without a reload', async () => {
    const api = await warRoom();
    // Run as a terminal would, beside the extension host, not blocking it (execFileSync would stop its
    // event loop for each CLI start, seconds on a loaded machine).
    const cli = async (...args: string[]) =>
      (
        await promisify(execFile)(process.execPath, [path.join(repoRoot, 'dist', 'cli.js'), ...args], {
          cwd: folder().uri.fsPath,
          encoding: 'utf8',
          env: { ...process.env, WARROOM_AUTHOR: 'pager-bot', WARROOM_DATA_DIR: '' },
        })
      ).stdout;
    const id = (
      await cli('declare', 'Search', 'returns', 'no', 'results', '--severity', 'SEV2', '--service', 'search', '--began', '5m ago')
    ).split(' ')[0];
    assert.match(id, /^INC-/);
    const row = await waitFor('the incident the CLI declared, in the tree', async () =>
      (await renderTree(api)).find((r) => r.label === 'Search returns no results' && r.node.incidentId === id),
    );
    assert.match(row.description ?? '', /^SEV2 · investigating · \dm · no IC$/);

    await cli('role', id, 'IC', 'Dana');
    await waitFor(
      'the Incident Commander the CLI assigned',
      async () =>
        /IC Dana$/.test((await renderTree(api)).find((r) => r.label === 'Search returns no results')?.description ?? '') || undefined,
    );
    await cli('resolve', id, 'Reindexed', 'the', 'catalogue');
    await waitFor('the resolution the CLI wrote', () => (api.model.find(id)?.incident.status === 'resolved' ? true : undefined));
    const rows = await renderTree(api);
    const resolvedGroup = rows.findIndex((r) => r.label === 'Recently resolved');
    assert.ok(resolvedGroup >= 0 && rows.findIndex((r) => r.label === 'Search returns no results') > resolvedGroup);
    assert.equal(api.model.find(id)?.incident.resolution, 'Reindexed the catalogue');
    assert.deepEqual(
      api.model.find(id)?.incident.events.map((e) => e.author),
      ['pager-bot', 'pager-bot', 'pager-bot'],
    );
  });

  it("appends through the model's one write path: the event as written, in the model at once", async () => {
    const api = await warRoom();
    const id = await vscode.commands.executeCommand<string>('warroom.declareIncident', {
      title: 'Search timeouts',
      severity: 'SEV4',
      service: 'search',
    });
    const ref = api.model.find(id);
    assert.ok(ref);
    const written = await api.model.append<EntryEvent>(ref, { type: 'entry', kind: 'note', text: 'Cache hit rate fell' });
    // No wait on the watcher: the model re-read the incident before append returned.
    assert.ok(api.model.find(id)?.incident.events.some((e) => e.id === written.id && e.author === written.author));
    const line = fs
      .readFileSync(path.join(folder().uri.fsPath, '.warroom', id, 'events.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .pop();
    assert.deepEqual(JSON.parse(line ?? ''), written);
    // A folder the model does not hold (not in this workspace) has no store: a plain error, nothing written.
    const stranger = { uri: vscode.Uri.file(path.join(folder().uri.fsPath, 'elsewhere')), name: 'elsewhere', index: 9 };
    await assert.rejects(
      api.model.append<EntryEvent>({ folder: stranger, incident: ref.incident }, { type: 'entry', kind: 'note', text: 'lost' }),
      {
        message: 'elsewhere has no incident store.',
      },
    );
  });

  it('puts a corrupt line in Problems with its line number, and loads the rest', async () => {
    const api = await warRoom();
    const id = await vscode.commands.executeCommand<string>('warroom.declareIncident', { title: 'Disk full on db-2', severity: 'SEV2' });
    const file = path.join(folder().uri.fsPath, '.warroom', id, 'events.jsonl');
    fs.appendFileSync(file, '<<<<<<< HEAD\n');
    await vscode.commands.executeCommand('warroom.addNote', { incidentId: id, text: 'after the merge debris' });
    const diagnostics = await waitFor('a diagnostic on events.jsonl', () => {
      const found = vscode.languages.getDiagnostics(vscode.Uri.file(file));
      return found.length ? found : undefined;
    });
    assert.equal(diagnostics.length, 1);
    assert.equal(diagnostics[0].range.start.line, 1, 'line 2 of the file (0-based 1)');
    assert.match(diagnostics[0].message, /not valid JSON/);
    assert.equal(diagnostics[0].source, 'War Room');
    assert.equal(api.model.find(id)?.incident.entries.at(-1)?.text, 'after the merge debris');
    assert.ok(fs.readFileSync(file, 'utf8').includes('<<<<<<< HEAD\n'), 'the file is never rewritten');
  });

  it('puts an incident whose events.jsonl is a folder in Problems, shows the rest, and still sees a later one', async () => {
    const api = await warRoom();
    const good = await vscode.commands.executeCommand<string>('warroom.declareIncident', {
      title: 'Cache hit rate dropped',
      severity: 'SEV3',
      service: 'cache',
    });
    const dataDir = path.join(folder().uri.fsPath, '.warroom');
    const bad = path.join(dataDir, 'INC-20261122-2300-folder');
    fs.mkdirSync(path.join(bad, 'events.jsonl'), { recursive: true });
    try {
      // What a window opening on this checkout does: read every incident of the folder.
      await vscode.commands.executeCommand('warroom.refresh');
      assert.equal(api.model.find(good)?.incident.title, 'Cache hit rate dropped', 'the other incidents still load');
      assert.equal(api.model.find('INC-20261122-2300-folder'), undefined);
      const diagnostics = vscode.languages.getDiagnostics(vscode.Uri.file(path.join(bad, 'events.jsonl')));
      assert.equal(diagnostics.length, 1);
      assert.match(diagnostics[0].message, /is a folder, not a regular file/);
      assert.equal(diagnostics[0].severity, vscode.DiagnosticSeverity.Error);
      assert.equal(diagnostics[0].source, 'War Room');

      const later = 'INC-20261122-2310-later1';
      arriveAsPulled(folder(), later, { title: 'Queue backlog (declared by a teammate)', service: 'queue', startedMsAgo: 60_000 });
      await waitFor('the incident pulled after the bad one', () => api.model.find(later));
    } finally {
      fs.rmSync(bad, { recursive: true, force: true });
      fs.rmSync(path.join(dataDir, 'INC-20261122-2310-later1'), { recursive: true, force: true });
      await vscode.commands.executeCommand('warroom.refresh');
    }
  });

  it('explains a bad argument in plain language instead of failing silently', async () => {
    await warRoom();
    const incidents = () => fs.readdirSync(path.join(folder().uri.fsPath, '.warroom')).filter((n) => n.startsWith('INC-')).length;
    const before = incidents();
    const result = await vscode.commands.executeCommand('warroom.declareIncident', { title: 'x', severity: 'SEV9' });
    assert.equal(result, undefined);
    assert.equal(incidents(), before, 'nothing was written');
  });
});
