// Team sync in a real VS Code: the two folders of the multi-root workspace play two responders'
// copies of the repository, each connected through Connect Team Sync to one private PostgreSQL
// server (test/harness/postgres.ts). Nothing is shared on disk: every event goes through the server.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { TestPostgres } from '../../harness/postgres';
import { featureUnderTest, renderTree, waitFor, warRoom } from '../support/api';

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
});
