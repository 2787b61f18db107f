// Runbook commands in fish with VS Code's shell integration: a secret is named fish's way (bash's
// `${NAME}` is an error in fish), fish runs the command with the value, and its history keeps only
// the name; the exit code comes back as in bash.

import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { waitFor } from '../support/api';
import { declareWithTerminalCheck, folderPath, storeToken } from '../support/runPrompts';

describe('runbook commands in fish, in a real VS Code', function () {
  this.timeout(60_000);
  let incidentId = '';

  before(async () => {
    incidentId = await declareWithTerminalCheck('Checkout token rotation');
  });

  it("names the secret fish's way: fish writes the value, its history holds only the name, the exit code is recorded", async () => {
    const outcome = await storeToken(incidentId, 'tok-"$(touch pwned)"-$HOME-{x}');
    assert.ok(
      vscode.window.terminals.some((t) => t.name === outcome.terminal && t.state.shell === 'fish'),
      `the command ran in fish: ${vscode.window.terminals.map((t) => `${t.name} ${t.state.shell}`).join(', ')}`,
    );
    const history = path.join(folderPath(), 'fish-data', 'fish', 'fish_history');
    const kept = await waitFor('fish to write the line to its history', () => {
      const text = fs.existsSync(history) ? fs.readFileSync(history, 'utf8') : '';
      return text.includes('token.txt') ? text : undefined;
    });
    assert.ok(kept.includes('echo "$WARROOM_SECRET_API_TOKEN""" > token.txt'), kept);
    assert.ok(!kept.includes('tok-'), `the value is in fish's history: ${kept}`);
    assert.equal(outcome.exitReported, true, "fish's shell integration reports the end");
    const events = () =>
      fs
        .readFileSync(path.join(folderPath(), '.warroom', incidentId, 'events.jsonl'), 'utf8')
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
