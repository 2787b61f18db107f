// Runbook commands in fish with VS Code's shell integration: a secret is named fish's way (bash's
// `${NAME}` is an error in fish), fish runs the command with the value, and its history keeps only
// the name; the exit code comes back as in bash.

import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { repoRoot } from '../../harness/paths';
import { waitFor } from '../support/api';
import { answers, runAnswering } from '../support/runPrompts';

const root = (): string => {
  const first = vscode.workspace.workspaceFolders?.[0];
  assert.ok(first, 'the test workspace has a folder');
  return first.uri.fsPath;
};

describe('runbook commands in fish, in a real VS Code', function () {
  this.timeout(60_000);
  let incidentId = '';

  before(async () => {
    fs.mkdirSync(path.join(root(), 'runbooks'), { recursive: true });
    fs.copyFileSync(
      path.join(repoRoot, 'test', 'fixtures', 'terminal-check.runbook.yaml'),
      path.join(root(), 'runbooks', 'terminal-check.runbook.yaml'),
    );
    execFileSync('git', ['add', '.'], { cwd: root() });
    execFileSync('git', ['commit', '-q', '-m', 'A runbook'], { cwd: root() });
    incidentId = await vscode.commands.executeCommand<string>('warroom.declareIncident', {
      title: 'Checkout token rotation',
      severity: 'SEV3',
      service: 'checkout',
    });
  });

  it("names the secret fish's way: fish writes the value, its history holds only the name, the exit code is recorded", async () => {
    const value = 'tok-"$(touch pwned)"-$HOME-{x}';
    const { shown, prompts } = answers(true, false, value);
    const outcome = await runAnswering(prompts, { incidentId, runbook: 'terminal-check', step: 'store-token', command: 0 });
    assert.deepEqual(
      shown.map((s) => s.kind),
      ['ask', 'confirm'],
    );
    assert.ok(outcome?.sent, JSON.stringify(outcome));
    assert.ok(
      vscode.window.terminals.some((t) => t.name === outcome.terminal && t.state.shell === 'fish'),
      `the command ran in fish: ${vscode.window.terminals.map((t) => `${t.name} ${t.state.shell}`).join(', ')}`,
    );
    const file = path.join(root(), 'token.txt');
    await waitFor('token.txt', () => (fs.existsSync(file) && fs.readFileSync(file, 'utf8') === `${value}\n`) || undefined, 20_000);
    assert.ok(!fs.existsSync(path.join(root(), 'pwned')));
    const history = path.join(root(), 'fish-data', 'fish', 'fish_history');
    const kept = await waitFor('fish to write the line to its history', () => {
      const text = fs.existsSync(history) ? fs.readFileSync(history, 'utf8') : '';
      return text.includes('token.txt') ? text : undefined;
    });
    assert.ok(kept.includes('echo "$WARROOM_SECRET_API_TOKEN""" > token.txt'), kept);
    assert.ok(!kept.includes('tok-'), `the value is in fish's history: ${kept}`);
    assert.equal(outcome.exitReported, true, "fish's shell integration reports the end");
    const events = () =>
      fs
        .readFileSync(path.join(root(), '.warroom', incidentId, 'events.jsonl'), 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as { type: string; exitCode?: number; run?: string });
    const exited = await waitFor(
      'command_exited',
      () => events().find((e) => e.type === 'command_exited' && e.run === outcome.eventId),
      20_000,
    );
    assert.equal(exited.exitCode, 0);
  });
});
