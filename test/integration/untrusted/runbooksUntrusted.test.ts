// In an untrusted workspace (trust enabled, never granted) War Room still reads runbooks and records
// incidents, but refuses to run a runbook command: no prompt, no terminal, no command_run event.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { UNTRUSTED_MESSAGE } from '../../../src/vscode/runbooks/commandRunner';
import { featureUnderTest, waitFor, warRoom } from '../support/api';

const RUNBOOK = `id: untrusted-check
title: Untrusted check
services: [checkout]
steps:
  - id: write-marker
    kind: diagnose
    title: Write a marker file
    commands:
      - run: echo should-not-run > untrusted-ran.txt
`;

describe('runbooks in an untrusted workspace', () => {
  it('runs in restricted mode', () => {
    assert.equal(vscode.workspace.isTrusted, false);
  });

  it('shows the runbook but refuses to run its command, asking nothing and recording nothing', async () => {
    const api = await warRoom();
    const runbooks = await featureUnderTest('runbooks');
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder);
    fs.mkdirSync(path.join(folder.uri.fsPath, 'runbooks'), { recursive: true });
    fs.writeFileSync(path.join(folder.uri.fsPath, 'runbooks', 'untrusted-check.runbook.yaml'), RUNBOOK);
    const incidentId = await vscode.commands.executeCommand<string>('warroom.declareIncident', {
      title: 'Checkout down',
      severity: 'SEV2',
      service: 'checkout',
    });
    const ref = api.model.find(incidentId);
    assert.ok(ref);
    const runbook = await waitFor('the runbook indexed', async () => {
      const entry = await runbooks.catalog.get(folder);
      return entry.index.runbooks.find((r) => r.id === 'untrusted-check');
    });
    const asked: string[] = [];
    const restore = runbooks.usePrompts({
      askVariable: async (key) => {
        asked.push(`ask ${key}`);
        return 'x';
      },
      confirmRun: async (r) => {
        asked.push(`confirm ${r.command}`);
        return true;
      },
      confirmDestructive: async () => {
        asked.push('destructive');
        return true;
      },
      confirmTypedSecrets: async () => {
        asked.push('typed secrets');
        return true;
      },
    });
    try {
      await assert.rejects(runbooks.runner.run(ref, runbook, 'write-marker', 0), (error: Error) => error.message === UNTRUSTED_MESSAGE);
      // Through the command (what the walkthrough's button and the palette use): refused the same way.
      assert.equal(
        await vscode.commands.executeCommand('warroom.runRunbookCommand', { incidentId, runbook: 'untrusted-check', step: 'write-marker' }),
        undefined,
      );
    } finally {
      restore.dispose();
    }
    assert.deepEqual(asked, []);
    assert.ok(!vscode.window.terminals.some((t) => t.name.startsWith('War Room')));
    const events = fs.readFileSync(path.join(folder.uri.fsPath, '.warroom', incidentId, 'events.jsonl'), 'utf8');
    assert.ok(!events.includes('command_run'));
    assert.ok(!fs.existsSync(path.join(folder.uri.fsPath, 'untrusted-ran.txt')));

    await vscode.commands.executeCommand('warroom.openRunbook', { incidentId, runbook: 'untrusted-check' });
    const panel = runbooks.panels.get(incidentId, runbook);
    assert.ok(panel);
    assert.equal(panel.state().trusted, false);
  });
});
