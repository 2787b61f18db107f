// Runbook commands in a terminal without shell integration (a responder who turned it off): a secret
// still never reaches bash's history, and what could not be known (the exit code) is said.

import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { waitFor } from '../support/api';
import { declareWithTerminalCheck, folderPath, storeToken } from '../support/runPrompts';

describe('runbook commands without shell integration, in a real VS Code', function () {
  this.timeout(60_000);
  let incidentId = '';

  before(async () => {
    incidentId = await declareWithTerminalCheck('Checkout token rotation');
  });

  it('names the secret once VS Code names the shell: bash runs it, and its history never holds the value', async () => {
    const outcome = await storeToken(incidentId, 'tok-"$(touch pwned)"-$HOME-!x');
    assert.equal(outcome.exitReported, false, 'no shell integration: no exit code can follow');
    const history = path.join(folderPath(), 'bash-history.txt');
    const kept = await waitFor('bash to append the line to its history', () => {
      const text = fs.existsSync(history) ? fs.readFileSync(history, 'utf8') : '';
      return text.includes('token.txt') ? text : undefined;
    });
    assert.ok(kept.includes('echo "${WARROOM_SECRET_API_TOKEN}" > token.txt'), kept);
    assert.ok(!kept.includes('tok-'), `the value is in bash's history: ${kept}`);
  });
});
