// warroom.dataDir comes from a settings file that travels with the repository: one leading outside
// the workspace folder is refused, and incidents stay in the folder's .warroom.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { waitFor, warRoom } from '../support/api';

describe('warroom.dataDir outside the workspace folder', () => {
  it('is refused: the store stays in the folder and nothing is written outside it', async () => {
    const api = await warRoom();
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder);
    const root = folder.uri.fsPath;
    const outside = path.join(path.dirname(root), 'incidents-outside');
    const settings = path.join(root, '.vscode', 'settings.json');
    const setting = () => vscode.workspace.getConfiguration('warroom', folder).get<string>('dataDir');
    fs.mkdirSync(path.dirname(settings), { recursive: true });
    fs.writeFileSync(settings, JSON.stringify({ 'warroom.dataDir': '../incidents-outside' }));
    try {
      await waitFor('the setting read', () => setting() === '../incidents-outside');
      await api.model.reloadFolders();
      assert.equal(api.model.folderState(folder)?.dataDir, path.join(root, '.warroom'));
      const incidentId = await vscode.commands.executeCommand<string>('warroom.declareIncident', {
        title: 'Data dir check',
        severity: 'SEV4',
        service: 'checkout',
      });
      assert.ok(fs.existsSync(path.join(root, '.warroom', incidentId, 'events.jsonl')));
      assert.ok(!fs.existsSync(outside));
    } finally {
      fs.rmSync(path.dirname(settings), { recursive: true, force: true });
      await waitFor('the setting gone', () => setting() === '.warroom');
      await api.model.reloadFolders();
    }
  });
});
