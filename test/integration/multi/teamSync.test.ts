// Team sync in a real VS Code: the two folders of the multi-root workspace play two responders'
// copies of the repository, each connected through Connect Team Sync to one private PostgreSQL
// server (test/harness/postgres.ts). Nothing is shared on disk: every event goes through the server.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { FileIncidentStore } from '../../../src/adapters/store/fileStore';
import { SyncClient } from '../../../src/adapters/sync';
import { TestPostgres } from '../../harness/postgres';
import { featureUnderTest, renderTree, waitFor, warRoom } from '../support/api';
import type { WarRoomApi } from '../../../src/extension';

/** The incident the first test declares (each test builds on the one before). */
function ledgerIncident(api: WarRoomApi): string {
  const found = api.model.all().find((r) => r.incident.title === 'Ledger writes time out');
  assert.ok(found, 'the first test declared the incident');
  return found.incident.id;
}

describe('Team sync between two workspace copies over PostgreSQL', function () {
  this.timeout(120_000);
  let pg: TestPostgres;
  let first: vscode.WorkspaceFolder;
  let second: vscode.WorkspaceFolder;

  before(async () => {
    pg = await TestPostgres.start();
    [first, second] = vscode.workspace.workspaceFolders ?? [];
  });

  after(async () => {
    for (const folder of [first, second].filter(Boolean)) {
      await vscode.commands.executeCommand('warroom.disconnectTeamSync', folder.uri.toString());
    }
    await pg?.dispose();
  });

  it("a new incident and a note typed in one copy appear in the other's tree; the status bar says live", async () => {
    const api = await warRoom();
    const sync = await featureUnderTest('sync');
    for (const folder of [first, second]) {
      const summary = await vscode.commands.executeCommand<string>('warroom.connectTeamSync', pg.url(), folder.uri.toString());
      assert.match(summary, /War Room schema v1/);
    }
    await waitFor('both copies live', () => sync.status(first).kind === 'live' && sync.status(second).kind === 'live', 30_000);

    const id = await vscode.commands.executeCommand<string>('warroom.declareIncident', {
      title: 'Ledger writes time out',
      severity: 'SEV1',
      folder: first.name,
    });
    const inSecond = () => api.model.folderState(second)?.incidents.get(id)?.incident;
    await waitFor("the teammate's incident in the second copy", () => inSecond(), 30_000);

    const ref = { folder: second, incident: inSecond()! };
    await api.model.append(ref, { type: 'entry', kind: 'note', text: 'Failing over the ledger primary' });
    await waitFor(
      'the note in the first copy',
      () =>
        api.model
          .folderState(first)
          ?.incidents.get(id)
          ?.incident.entries.some((e) => e.text === 'Failing over the ledger primary'),
      30_000,
    );
    const rows = await renderTree(api);
    const titles = rows.filter((r) => r.label === 'Ledger writes time out');
    assert.equal(titles.length, 2, 'the incident is listed under both folders');
    assert.ok(
      rows.some((r) => r.label.includes('Failing over the ledger primary')),
      'the note shows in the tree',
    );
    // Each copy holds every event once.
    const ids = (folder: vscode.WorkspaceFolder) =>
      api.model
        .folderState(folder)!
        .incidents.get(id)!
        .incident.events.map((e) => e.id)
        .sort();
    assert.deepEqual(ids(first), ids(second));
  });

  it('with the server stopped, writes in both copies queue and the status bar says offline; started again, both converge', async () => {
    const api = await warRoom();
    const sync = await featureUnderTest('sync');
    const id = ledgerIncident(api);
    const refIn = (folder: vscode.WorkspaceFolder) => ({ folder, incident: api.model.folderState(folder)!.incidents.get(id)!.incident });
    await waitFor('both copies live', () => sync.status(first).kind === 'live' && sync.status(second).kind === 'live', 30_000);

    await pg.stop();
    await waitFor(
      'both copies see the server gone',
      () => sync.status(first).kind !== 'live' && sync.status(second).kind !== 'live',
      60_000,
    );
    await api.model.append(refIn(first), { type: 'entry', kind: 'note', text: 'Written in the first copy while offline' });
    await api.model.append(refIn(second), { type: 'entry', kind: 'decision', text: 'Written in the second copy while offline' });
    // One queued event per copy; the window's one status bar item adds them up.
    await waitFor('the status bar to say offline with 2 queued', () => /Offline · 2 queued/.test(sync.statusBar().text), 60_000);

    await pg.resume();
    const texts = (folder: vscode.WorkspaceFolder) =>
      api.model
        .folderState(folder)
        ?.incidents.get(id)
        ?.incident.entries.map((e) => e.text) ?? [];
    const converged = (folder: vscode.WorkspaceFolder) =>
      texts(folder).includes('Written in the first copy while offline') &&
      texts(folder).includes('Written in the second copy while offline');
    await waitFor('both copies to hold both offline writes', () => converged(first) && converged(second), 90_000);
    await waitFor('both live with nothing queued', () => /^\S+ Live$/.test(sync.statusBar().text), 30_000);
    const ids = (folder: vscode.WorkspaceFolder) =>
      api.model
        .folderState(folder)!
        .incidents.get(id)!
        .incident.events.map((e) => e.id);
    assert.deepEqual([...ids(first)].sort(), [...ids(second)].sort(), 'the same events on both sides');
    assert.equal(new Set(ids(first)).size, ids(first).length, 'no event doubled');
  });

  it("shows on the role board who else has the incident open, live, from a teammate's client", async () => {
    const api = await warRoom();
    const panels = await featureUnderTest('panels');
    const id = ledgerIncident(api);
    await panels.open('roleBoard', id);
    assert.deepEqual(panels.roleBoardPresent(id), [], 'no one else yet');
    // A teammate's machine: its own copy and its own client on the same server.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'warroom-teammate-'));
    const teammate = new SyncClient({ url: pg.url(), store: new FileIncidentStore(dir) });
    try {
      teammate.start();
      await waitFor('the teammate live', () => teammate.status.kind === 'live', 30_000);
      await teammate.beat(id, 'Tess Teammate', true);
      await waitFor('Tess on the role board', () => panels.roleBoardPresent(id)?.join() === 'Tess Teammate', 30_000);
      await teammate.beat(id, 'Tess Teammate', false);
      await waitFor('Tess gone from the role board', () => panels.roleBoardPresent(id)?.length === 0, 30_000);
    } finally {
      await teammate.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('connected as a role that may only read, a copy still receives and the status bar says what is not sent', async () => {
    const api = await warRoom();
    const sync = await featureUnderTest('sync');
    const id = ledgerIncident(api);
    await vscode.commands.executeCommand('warroom.connectTeamSync', pg.readerUrl(), second.uri.toString());
    await waitFor('the second copy live again', () => sync.status(second).kind === 'live', 30_000);
    const refIn = (folder: vscode.WorkspaceFolder) => ({ folder, incident: api.model.folderState(folder)!.incidents.get(id)!.incident });
    await api.model.append(refIn(second), { type: 'entry', kind: 'note', text: 'Written by a reader' });
    await waitFor('the status bar to say 1 not sent', () => /Live · 1 not sent$/.test(sync.statusBar().text), 30_000);
    // What the first copy writes still arrives in the second.
    await api.model.append(refIn(first), { type: 'entry', kind: 'note', text: 'Written by a writer' });
    await waitFor(
      "the writer's note in the reader's copy",
      () => refIn(second).incident.entries.some((e) => e.text === 'Written by a writer'),
      30_000,
    );
    assert.match(sync.statusBar().text, /Live · 1 not sent$/);
    // Connected again with a role that may write, the queued note goes.
    await vscode.commands.executeCommand('warroom.connectTeamSync', pg.url(), second.uri.toString());
    await waitFor(
      "the reader's note in the first copy",
      () => refIn(first).incident.entries.some((e) => e.text === 'Written by a reader'),
      30_000,
    );
    await waitFor('both live with nothing queued', () => /^\S+ Live$/.test(sync.statusBar().text), 30_000);
  });

  it('follows the data dir changed mid-session: what teammates write lands in the folder now configured, and is shared from it', async () => {
    const api = await warRoom();
    const sync = await featureUnderTest('sync');
    await waitFor('both copies live', () => sync.status(first).kind === 'live' && sync.status(second).kind === 'live', 30_000);
    const before = api.model.folderState(second)!.dataDir;
    const moved = path.join(second.uri.fsPath, 'incidents-moved');
    const settings = path.join(second.uri.fsPath, '.vscode', 'settings.json');
    const hadSettings = fs.existsSync(settings);
    const config = () => vscode.workspace.getConfiguration('warroom', second.uri);
    await config().update('dataDir', 'incidents-moved', vscode.ConfigurationTarget.WorkspaceFolder);
    try {
      await waitFor('the second copy on the moved data dir', () => api.model.folderState(second)?.dataDir === moved, 30_000);
      const id = await vscode.commands.executeCommand<string>('warroom.declareIncident', {
        title: 'Declared after the move',
        severity: 'SEV3',
        folder: first.name,
      });
      await waitFor("the teammate's incident in the moved data dir", () => api.model.folderState(second)?.incidents.get(id), 30_000);
      assert.ok(fs.existsSync(path.join(moved, id, 'events.jsonl')));
      assert.equal(fs.existsSync(path.join(before, id)), false, 'nothing written where incidents are no longer kept');
      // Written in the moved data dir, it reaches the first copy.
      const incident = api.model.folderState(second)!.incidents.get(id)!.incident;
      await api.model.append({ folder: second, incident }, { type: 'entry', kind: 'note', text: 'Written in the moved data dir' });
      await waitFor(
        'the note in the first copy',
        () =>
          api.model
            .folderState(first)
            ?.incidents.get(id)
            ?.incident.entries.some((e) => e.text === 'Written in the moved data dir'),
        30_000,
      );
      await waitFor('the second copy live', () => sync.status(second).kind === 'live', 30_000);
    } finally {
      await config().update('dataDir', undefined, vscode.ConfigurationTarget.WorkspaceFolder);
      if (!hadSettings) fs.rmSync(settings, { force: true });
      await waitFor('the second copy back on its data dir', () => api.model.folderState(second)?.dataDir === before, 30_000);
      fs.rmSync(moved, { recursive: true, force: true });
    }
  });

  it('disconnects a folder removed from the workspace, and connects it again when it comes back', async () => {
    const api = await warRoom();
    const sync = await featureUnderTest('sync');
    await waitFor('both copies live', () => sync.status(first).kind === 'live' && sync.status(second).kind === 'live', 30_000);
    const connected = () => sync.connectedFolders().some((f) => f.uri.toString() === second.uri.toString());
    const foldersChanged = () =>
      new Promise<void>((resolve) => {
        const listener = vscode.workspace.onDidChangeWorkspaceFolders(() => {
          listener.dispose();
          resolve();
        });
      });
    let changed = foldersChanged();
    assert.ok(vscode.workspace.updateWorkspaceFolders(1, 1), 'the second folder removed');
    await changed;
    let id: string;
    try {
      await waitFor('the removed folder disconnected', () => !connected(), 30_000);
      id = await vscode.commands.executeCommand<string>('warroom.declareIncident', {
        title: 'Declared while the second folder was away',
        severity: 'SEV4',
        folder: first.name,
      });
    } finally {
      changed = foldersChanged();
      assert.ok(vscode.workspace.updateWorkspaceFolders(1, 0, { uri: second.uri, name: second.name }), 'the second folder back');
      await changed;
    }
    // Its connection string was kept: back in the workspace, it connects and catches up.
    await waitFor('the folder connected again', () => connected() && sync.status(second).kind === 'live', 30_000);
    await waitFor('what was declared meanwhile in the second copy', () => api.model.folderState(second)?.incidents.get(id), 30_000);
  });
});
