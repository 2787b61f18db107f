// Runbook commands in a terminal without shell integration (a responder who turned it off): a secret
// still never reaches bash's history, and what could not be known (the exit code) is said.

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

describe('runbook commands without shell integration, in a real VS Code', function () {
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

  it('names the secret once VS Code names the shell: bash runs it, and its history never holds the value', async () => {
    const value = 'tok-"$(touch pwned)"-$HOME-!x';
    const { shown, prompts } = answers(true, false, value);
    const outcome = await runAnswering(prompts, { incidentId, runbook: 'terminal-check', step: 'store-token', command: 0 });
    assert.deepEqual(
      shown.map((s) => s.kind),
      ['ask', 'confirm'],
    );
    assert.ok(outcome?.sent, JSON.stringify(outcome));
    assert.equal(outcome.exitReported, false, 'no shell integration: no exit code can follow');
    const file = path.join(root(), 'token.txt');
    await waitFor('token.txt', () => (fs.existsSync(file) && fs.readFileSync(file, 'utf8') === `${value}\n`) || undefined, 20_000);
    assert.ok(!fs.existsSync(path.join(root(), 'pwned')));
    const history = path.join(root(), 'bash-history.txt');
    const kept = await waitFor('bash to append the line to its history', () => {
      const text = fs.existsSync(history) ? fs.readFileSync(history, 'utf8') : '';
      return text.includes('token.txt') ? text : undefined;
    });
    assert.ok(kept.includes('echo "${WARROOM_SECRET_API_TOKEN}" > token.txt'), kept);
    assert.ok(!kept.includes('tok-'), `the value is in bash's history: ${kept}`);
  });
});
