// The webview panels in a real VS Code: opening them, the messages a page can send going through
// the same validated path (acted on, or logged and dropped), the serializers, the update senders.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { StakeholderUpdate } from '../../../src/core/stakeholderUpdates';
import { EXTENSION_ID, featureUnderTest, renderTree, waitFor, warRoom } from '../support/api';

interface StoredEvent {
  readonly id: string;
  readonly type: string;
  readonly author: string;
  readonly [field: string]: unknown;
}

function folder(): vscode.WorkspaceFolder {
  const first = vscode.workspace.workspaceFolders?.[0];
  assert.ok(first, 'the test workspace has a folder');
  return first;
}

function eventsOf(incidentId: string): StoredEvent[] {
  return fs
    .readFileSync(path.join(folder().uri.fsPath, '.warroom', incidentId, 'events.jsonl'), 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as StoredEvent);
}

function panels() {
  return featureUnderTest('panels');
}

async function declare(title: string, severity = 'SEV2'): Promise<string> {
  const id = await vscode.commands.executeCommand<string>('warroom.declareIncident', { title, severity, service: 'checkout' });
  assert.match(id, /^INC-/);
  return id;
}

describe('War Room panels in a real VS Code', () => {
  let incidentId: string;

  before(async () => {
    incidentId = await declare('Card payments declined at checkout');
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('opens each panel once per incident, scripts on, resources limited to the UI and media', async () => {
    const p = await panels();
    for (const kind of ['timeline', 'roleBoard', 'updates'] as const) {
      const first = await p.open(kind, incidentId);
      const again = await p.open(kind, incidentId);
      assert.equal(first.panel, again.panel, `${kind}: one panel per incident`);
      assert.equal(first.panel.viewType, p.viewTypes[kind]);
      assert.equal(first.panel.webview.options.enableScripts, true);
      const roots = (first.panel.webview.options.localResourceRoots ?? []).map((u) =>
        path.relative(vscode.extensions.getExtension(EXTENSION_ID)?.extensionPath ?? '', u.fsPath),
      );
      assert.deepEqual(roots.sort(), [path.join('dist', 'webview'), 'media']);
      assert.equal(first.panel.options.retainContextWhenHidden, undefined);
      const html = first.panel.webview.html;
      assert.match(html, /default-src 'none'/);
      assert.match(html, /Card payments declined at checkout/, 'the first state is embedded');
    }
    assert.match(p.panel('timeline', incidentId)?.panel.title ?? '', /^Timeline: Card payments/);
  });

  it('opens the timeline from its command with an incident argument (what the tree row passes)', async () => {
    const p = await panels();
    p.panel('timeline', incidentId)?.panel.dispose();
    assert.equal(p.panel('timeline', incidentId), undefined);
    await vscode.commands.executeCommand('warroom.openTimeline', { incidentId });
    assert.ok(p.panel('timeline', incidentId), 'the command opened the panel');
  });

  it('appends an entry, a correction and a pin from timeline messages', async () => {
    const p = await panels();
    const timeline = await p.open('timeline', incidentId);
    assert.deepEqual(await timeline.receive({ type: 'addEntry', requestId: 'r1', kind: 'decision', text: '  Roll back v2.4.1  ' }), {
      accepted: true,
    });
    const entry = eventsOf(incidentId).at(-1);
    assert.equal(entry?.type, 'entry');
    assert.equal(entry?.kind, 'decision');
    assert.equal(entry?.text, 'Roll back v2.4.1');
    assert.equal(entry?.author, 'Test Responder', "the extension stamps its own user, not the page's");

    await timeline.receive({ type: 'amend', requestId: 'r2', target: entry.id, text: 'Roll back v2.4.1 and v2.4.2' });
    await timeline.receive({ type: 'setPinned', requestId: 'r3', target: entry.id, pinned: true });
    const [amended, pinned] = eventsOf(incidentId).slice(-2);
    assert.deepEqual([amended.type, amended.target, amended.text], ['amended', entry.id, 'Roll back v2.4.1 and v2.4.2']);
    assert.deepEqual([pinned.type, pinned.target], ['pinned', entry.id]);
    const api = await warRoom();
    assert.equal(api.model.find(incidentId)?.incident.events.length, eventsOf(incidentId).length, 'the model re-read the store at once');

    // The tree's Timeline shows the rows the panel shows: the corrected text, pinned, and no row of its own for either mark.
    const rows = (await renderTree(api)).filter((r) => r.node.incidentId === incidentId && r.contextValue?.startsWith('event;'));
    const decision = rows.find((r) => r.node.id.endsWith(`:${entry.id}`));
    assert.equal(decision?.label, 'Roll back v2.4.1 and v2.4.2');
    assert.match(decision?.description ?? '', / · pinned$/);
    assert.ok(!rows.some((r) => /^event;(amended|pinned)/.test(r.contextValue ?? '')), 'marks are not rows');
    const section = (await renderTree(api)).find((r) => r.node.incidentId === incidentId && r.label === 'Timeline');
    const marks = eventsOf(incidentId).filter((e) => ['amended', 'pinned', 'unpinned'].includes(e.type)).length;
    assert.equal(section?.description, `${eventsOf(incidentId).length - marks} events`);
  });

  it('backfills an entry typed with when it happened, listed there in the tree; an unreadable time writes nothing', async () => {
    const p = await panels();
    const timeline = await p.open('timeline', incidentId);
    const before = Date.now();
    assert.deepEqual(
      await timeline.receive({ type: 'addEntry', requestId: 'b1', kind: 'action', text: 'Restarted the checkout pods', at: '25m ago' }),
      { accepted: true },
    );
    const entry = eventsOf(incidentId).at(-1);
    assert.equal(entry?.text, 'Restarted the checkout pods');
    const at = Date.parse(String(entry?.at));
    assert.ok(at >= before - 25 * 60_000 - 5_000 && at <= Date.now() - 25 * 60_000 + 5_000, `at: ${entry?.at}`);
    const api = await warRoom();
    const row = (await renderTree(api)).find((r) => r.node.incidentId === incidentId && r.node.id.endsWith(`:${entry?.id}`));
    assert.match(String(row?.node.tooltip), /recorded later at/);

    const count = eventsOf(incidentId).length;
    await timeline.receive({ type: 'addEntry', requestId: 'b2', kind: 'note', text: 'x', at: 'around teatime' });
    await timeline.receive({ type: 'addEntry', requestId: 'b3', kind: 'note', text: 'x', at: '2099-01-01T00:00Z' });
    const malformed = await timeline.receive({ type: 'addEntry', requestId: 'b4', kind: 'note', text: 'x', at: 42 });
    assert.equal(malformed.accepted, false);
    assert.equal(eventsOf(incidentId).length, count, 'nothing written for a time that cannot be read or is in the future');
  });

  it("marks a row's event as a milestone and adds an action item from it (the row's actions)", async () => {
    const p = await panels();
    const timeline = await p.open('timeline', incidentId);
    await timeline.receive({ type: 'addEntry', requestId: 'm1', kind: 'note', text: 'Error rate back under 1%' });
    const entry = eventsOf(incidentId).at(-1);
    assert.equal(entry?.text, 'Error rate back under 1%');

    await timeline.receive({ type: 'markMilestone', requestId: 'm2', target: entry.id, milestone: 'mitigated' });
    const marked = eventsOf(incidentId).at(-1);
    assert.deepEqual(
      [marked?.type, marked?.milestone, marked?.eventId, marked?.at],
      ['milestone_set', 'mitigated', entry.id, entry.ts],
      'the milestone names the row it came from, at its time',
    );
    const before = eventsOf(incidentId).length;
    assert.equal(
      (await timeline.receive({ type: 'markMilestone', requestId: 'm3', target: entry.id, milestone: 'fixed' })).accepted,
      false,
    );
    await timeline.receive({ type: 'setPinned', requestId: 'm4', target: entry.id, pinned: true });
    const pin = eventsOf(incidentId).at(-1);
    await timeline.receive({ type: 'markMilestone', requestId: 'm5', target: pin?.id, milestone: 'resolved' });
    assert.equal(eventsOf(incidentId).length, before + 1, 'only the pin was written: a pin is no timeline row');

    // Without the fields, the command asks them in the editor's own inputs (title from the row's text): accept each.
    const adding = timeline.receive({ type: 'addActionItem', requestId: 'm6', target: entry.id });
    const added = await waitFor(
      'the action item from the row',
      async () => {
        await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
        return eventsOf(incidentId).find((e) => e.type === 'action_item_added' && e.title === 'Error rate back under 1%');
      },
      60_000,
    );
    assert.deepEqual(await adding, { accepted: true });
    assert.match(String(added.itemId), /^ACT-/);
  });

  it('does not amend an event that is not an entry, and appends nothing', async () => {
    const p = await panels();
    const timeline = await p.open('timeline', incidentId);
    const before = eventsOf(incidentId).length;
    const declared = eventsOf(incidentId)[0];
    assert.deepEqual(await timeline.receive({ type: 'amend', requestId: 'r4', target: declared.id, text: 'rewritten history' }), {
      accepted: true,
    });
    assert.equal(eventsOf(incidentId).length, before);
  });

  it('logs and drops malformed messages without acting', async () => {
    const p = await panels();
    const before = eventsOf(incidentId).length;
    const timeline = await p.open('timeline', incidentId);
    const roleBoard = await p.open('roleBoard', incidentId);
    const updates = await p.open('updates', incidentId);
    // The third value: whether the page is answered (a request with a usable id waits for one).
    const cases: [typeof timeline, unknown, boolean][] = [
      [timeline, { type: 'addEntry', requestId: 'r5', kind: 'decision', text: 42 }, true],
      [timeline, { type: 'addEntry', requestId: 'r6', kind: 'comms', text: 'not a quick-add kind' }, true],
      [timeline, { type: 'addEntry', requestId: 'r7', kind: 'note', text: 'x', author: 'Mallory' }, true],
      [timeline, { type: 'setPinned', requestId: 'r7b', target: 'e'.repeat(201), pinned: true }, true],
      [timeline, { type: 'setPinned', requestId: '../r7c', target: 'e1', pinned: 'yes' }, false],
      [timeline, { type: 'openUrl', eventId: 'e1', url: 'command:workbench.action.terminal.new' }, false],
      [timeline, { type: 'eval', code: '1' }, false],
      [timeline, 'addEntry', false],
      [timeline, null, false],
      [roleBoard, { type: 'assign', requestId: 'r8', role: 'king', person: 'Mallory' }, true],
      [roleBoard, { type: 'assign', requestId: 'r9', role: 'commander', person: 'Mal\u0000lory' }, true],
      [updates, { type: 'send', requestId: 'r10', audience: 'customers', text: 'hi', senderIds: [] }, true],
      [updates, { type: 'markSent', requestId: 'r11', audience: 'press', text: 'hi' }, true],
    ];
    for (const [panel, message, answered] of cases) {
      const result = await panel.receive(message);
      assert.equal(result.accepted, false, JSON.stringify(message));
      assert.equal(!result.accepted && result.answered, answered, `answered: ${JSON.stringify(message)}`);
    }
    assert.equal(eventsOf(incidentId).length, before, 'nothing was appended');
  });

  it('opens a file named by an event inside the workspace folder at its line, and refuses one outside', async () => {
    const p = await panels();
    const api = await warRoom();
    const file = path.join(folder().uri.fsPath, 'src', 'gateway.ts');
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, Array.from({ length: 30 }, (_, i) => `// line ${i + 1}`).join('\n'));
    const eventsFile = path.join(folder().uri.fsPath, '.warroom', incidentId, 'events.jsonl');
    const now = new Date().toISOString();
    fs.appendFileSync(
      eventsFile,
      [
        JSON.stringify({
          id: 'ev-file-in',
          ts: now,
          type: 'entry',
          author: 'x',
          kind: 'action',
          text: 'pool size',
          file: 'src/gateway.ts',
          line: 12,
        }),
        JSON.stringify({
          id: 'ev-file-out',
          ts: now,
          type: 'entry',
          author: 'x',
          kind: 'action',
          text: 'escape',
          file: '../../../etc/hostname',
          line: 1,
        }),
      ].join('\n') + '\n',
    );
    await waitFor(
      'the appended events in the model',
      () => api.model.find(incidentId)?.incident.events.some((e) => e.id === 'ev-file-out') || undefined,
    );
    const timeline = await p.open('timeline', incidentId);

    await timeline.receive({ type: 'openFile', eventId: 'ev-file-in', file: 'src/gateway.ts', line: 12 });
    const editor = await waitFor('the editor of gateway.ts', () =>
      vscode.window.visibleTextEditors.find((e) => e.document.uri.fsPath === file),
    );
    assert.equal(editor.selection.active.line, 11);

    // The page claims a harmless file, but the store's event names one outside the folder: refused.
    await timeline.receive({ type: 'openFile', eventId: 'ev-file-out', file: 'src/gateway.ts', line: 1 });
    assert.ok(
      !vscode.workspace.textDocuments.some((d) => d.uri.fsPath.endsWith(`${path.sep}hostname`)),
      'a file outside the folder was opened',
    );
  });

  it('hands roles over from the role board and takes command as the local user', async () => {
    const p = await panels();
    const api = await warRoom();
    const board = await p.open('roleBoard', incidentId);
    await board.receive({ type: 'assign', requestId: 'a1', role: 'commander', person: 'Dana' });
    await board.receive({ type: 'assign', requestId: 'a2', role: 'comms', person: 'Eve' });
    const roleRows = async () =>
      (await renderTree(api)).filter((r) => r.node.incidentId === incidentId && r.contextValue?.startsWith('role;'));
    assert.ok((await roleRows()).some((r) => r.label === 'Dana' && /Incident Commander/.test(r.description ?? '')));

    await board.receive({ type: 'takeCommand', requestId: 'a3' });
    const handOff = eventsOf(incidentId).at(-1);
    assert.deepEqual([handOff?.type, handOff?.role, handOff?.person], ['role_assigned', 'commander', 'Test Responder']);
    const rows = await roleRows();
    assert.ok(rows.some((r) => r.label === 'Test Responder' && /Incident Commander/.test(r.description ?? '')));
    assert.ok(!rows.some((r) => r.label === 'Dana' && /Incident Commander/.test(r.description ?? '')), 'Dana handed off');

    await board.receive({ type: 'release', requestId: 'a4', role: 'comms', person: 'Eve' });
    assert.deepEqual(eventsOf(incidentId).at(-1)?.type, 'role_released');
    const before = eventsOf(incidentId).length;
    await board.receive({ type: 'release', requestId: 'a5', role: 'comms', person: 'Eve' });
    assert.equal(eventsOf(incidentId).length, before, 'releasing a role nobody holds appends nothing');
  });

  it('sends an update through a registered sender and records it; copy and mark as sent', async () => {
    const p = await panels();
    const updates = await p.open('updates', incidentId);
    const received: StakeholderUpdate[] = [];
    // A real implementation of the integration interface, of the kind the Slack integration will be.
    const registration = p.registerUpdateSender({
      id: 'test-channel',
      label: 'Test channel',
      audiences: ['engineering'],
      send: async (update) => {
        received.push(update);
        return { ok: true, detail: 'posted to #inc-test' };
      },
    });
    try {
      await updates.receive({
        type: 'send',
        requestId: 's1',
        audience: 'engineering',
        text: 'Rolled back; error rate falling.',
        senderIds: ['test-channel'],
      });
      assert.equal(received.length, 1);
      assert.equal(received[0].incidentId, incidentId);
      const sent = eventsOf(incidentId).at(-1);
      assert.deepEqual(
        [sent?.type, sent?.kind, sent?.audience, sent?.text],
        ['entry', 'comms', 'engineering', 'Rolled back; error rate falling.'],
      );
      assert.deepEqual(sent?.via, ['test-channel']);

      const before = eventsOf(incidentId).length;
      await updates.receive({
        type: 'send',
        requestId: 's2',
        audience: 'customers',
        text: 'We are investigating.',
        senderIds: ['test-channel'],
      });
      assert.equal(eventsOf(incidentId).length, before, 'a sender not meant for customers sends nothing and nothing is recorded');
    } finally {
      registration.dispose();
    }

    await updates.receive({ type: 'copy', requestId: 's3', audience: 'customers', text: 'We are investigating an issue.' });
    assert.equal(await vscode.env.clipboard.readText(), 'We are investigating an issue.');
    await updates.receive({ type: 'markSent', requestId: 's4', audience: 'customers', text: 'We are investigating an issue.' });
    const marked = eventsOf(incidentId).at(-1);
    assert.deepEqual([marked?.kind, marked?.audience, marked?.via], ['comms', 'customers', undefined]);
  });

  it('counts down to the next stakeholder update in the status bar', async () => {
    const p = await panels();
    await vscode.commands.executeCommand('warroom.focusIncident', { incidentId });
    const text = await waitFor('the countdown', () => p.nextUpdateText());
    assert.match(text, /^\$\(megaphone\) Update (in|overdue) \d/);
  });

  it('registers a serializer per panel, restoring by the incident id the page saved', async () => {
    const p = await panels();
    const pkg = vscode.extensions.getExtension(EXTENSION_ID)?.packageJSON as { activationEvents: string[] };
    for (const viewType of Object.values(p.viewTypes)) {
      assert.ok(pkg.activationEvents.includes(`onWebviewPanel:${viewType}`), viewType);
    }
    p.panel('timeline', incidentId)?.panel.dispose();
    // What VS Code does after a reload: a bare panel of the view type, and the state the page saved.
    const bare = vscode.window.createWebviewPanel(p.viewTypes.timeline, 'restoring', vscode.ViewColumn.Active, {});
    await p.serializers.timeline.deserializeWebviewPanel(bare, { incidentId, query: '', kinds: [] });
    const restored = p.panel('timeline', incidentId);
    assert.equal(restored?.panel, bare);
    assert.match(bare.webview.html, /Roll back v2\.4\.1 and v2\.4\.2/, 'the state was re-read from the store');

    const stray = vscode.window.createWebviewPanel(p.viewTypes.roleBoard, 'stray', vscode.ViewColumn.Active, {});
    let disposed = false;
    stray.onDidDispose(() => {
      disposed = true;
    });
    await p.serializers.roleBoard.deserializeWebviewPanel(stray, { incidentId: '../../etc' });
    assert.equal(disposed, true, 'a state without a known incident id closes the panel');
  });
});
