// Multi-root workspaces: each folder keeps its own store; the tree groups by folder.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { arriveAsPulled, renderTree, waitFor, warRoom } from '../support/api';

describe('War Room in a multi-root workspace', () => {
  it("keeps each folder's incidents in that folder and groups the tree by folder", async () => {
    const api = await warRoom();
    const folders = vscode.workspace.workspaceFolders ?? [];
    assert.equal(folders.length, 2);
    const [first, second] = folders;
    const a = await vscode.commands.executeCommand<string>('warroom.declareIncident', {
      title: 'Checkout 500s',
      severity: 'SEV1',
      folder: first.name,
    });
    const b = await vscode.commands.executeCommand<string>('warroom.declareIncident', {
      title: 'Payments slow',
      severity: 'SEV3',
      folder: second.name,
    });
    assert.ok(fs.existsSync(path.join(first.uri.fsPath, '.warroom', a, 'events.jsonl')));
    assert.ok(fs.existsSync(path.join(second.uri.fsPath, '.warroom', b, 'events.jsonl')));
    assert.ok(!fs.existsSync(path.join(first.uri.fsPath, '.warroom', b)));

    const rows = await renderTree(api);
    const roots = rows.filter((r) => r.depth === 0).map((r) => r.label);
    assert.deepEqual(roots, [first.name, second.name]);
    const under = (folderName: string) => {
      const start = rows.findIndex((r) => r.depth === 0 && r.label === folderName);
      const end = rows.findIndex((r, i) => i > start && r.depth === 0);
      return rows.slice(start, end === -1 ? undefined : end).map((r) => r.label);
    };
    assert.ok(under(first.name).includes('Checkout 500s'));
    assert.ok(!under(first.name).includes('Payments slow'));
    assert.ok(under(second.name).includes('Payments slow'));
  });

  it("shows an incident that arrives as a new folder (a teammate's, via git pull) under its workspace folder", async () => {
    const api = await warRoom();
    const second = (vscode.workspace.workspaceFolders ?? [])[1];
    const id = 'INC-20261122-2250-pu11ed';
    arriveAsPulled(second, id, { title: 'Search is down (declared by a teammate)', service: 'search', startedMsAgo: 5 * 60_000 });
    const rows = await waitFor('the pulled incident in the tree', async () => {
      const all = await renderTree(api);
      return all.some((r) => r.label === 'Search is down (declared by a teammate)') ? all : undefined;
    });
    const start = rows.findIndex((r) => r.depth === 0 && r.label === second.name);
    const pulled = rows.findIndex((r) => r.label === 'Search is down (declared by a teammate)');
    assert.ok(start >= 0 && pulled > start, 'listed under the folder it was pulled into');
    assert.equal(api.model.find(id)?.folder.name, second.name);
  });
});
