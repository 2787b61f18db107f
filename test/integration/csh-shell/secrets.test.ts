// Runbook commands in csh (Debian's tcsh), a shell War Room cannot hand a secret by name (as PowerShell): the value
// would be typed, and the shell's history may keep it, so the responder is asked first. Declined,
// nothing reaches the terminal; accepted, csh runs the line with the value, and is not asked again there.
// A value that is more than a plain word is quoted csh's way (not bash's: `!` is history inside quotes,
// backticks run inside double quotes), or refused where csh could not be sent it safely.

import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { waitFor } from '../support/api';
import { answers, declareWithTerminalCheck, folderPath, runAnswering } from '../support/runPrompts';

const STORE_TOKEN = { runbook: 'terminal-check', step: 'store-token', command: 0 } as const;

describe('runbook secrets in a shell that cannot name them, in a real VS Code', function () {
  this.timeout(90_000);
  let incidentId = '';
  const events = () =>
    fs
      .readFileSync(path.join(folderPath(), '.warroom', incidentId, 'events.jsonl'), 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as { type: string; command?: string });

  before(async () => {
    incidentId = await declareWithTerminalCheck('Checkout token rotation');
  });

  it('asks before typing the value into csh, and sends nothing when declined', async () => {
    const { shown, prompts } = answers(true, false, 'tok-csh-declined', false);
    const outcome = await runAnswering(prompts, { incidentId, ...STORE_TOKEN });
    assert.deepEqual(outcome, { sent: false, reason: 'cancelled' });
    assert.deepEqual(
      shown.map((s) => [s.kind, s.detail, s.shell]),
      [
        ['ask', 'api_token', undefined],
        ['confirm', undefined, undefined],
        ['typed secrets', 'api_token', 'csh'],
      ],
    );
    assert.equal(shown[2].command, 'echo "<redacted:api_token>" > token.txt', 'the question shows the command, the value redacted');
    assert.ok(
      vscode.window.terminals.some((t) => t.state.shell === 'csh'),
      `the terminal runs csh: ${vscode.window.terminals.map((t) => `${t.name} ${t.state.shell}`).join(', ')}`,
    );
    assert.ok(!events().some((e) => e.type === 'command_run'), 'no command was recorded as run');
    assert.ok(!fs.existsSync(path.join(folderPath(), 'token.txt')), 'nothing was typed into the terminal');
  });

  it('types it when the responder says so: csh writes the value, the record shows it redacted', async () => {
    const { shown, prompts } = answers(true, false, 'tok-csh-typed', true);
    const outcome = await runAnswering(prompts, { incidentId, ...STORE_TOKEN });
    assert.ok(outcome?.sent, JSON.stringify(outcome));
    assert.equal(outcome.exitReported, false, 'csh has no shell integration: no exit code follows');
    // The value typed for the first run is kept for the incident: asked for once.
    assert.deepEqual(
      shown.map((s) => s.kind),
      ['confirm', 'typed secrets'],
    );
    const file = path.join(folderPath(), 'token.txt');
    await waitFor(
      'csh to write token.txt',
      () => (fs.existsSync(file) && fs.readFileSync(file, 'utf8') === 'tok-csh-declined\n') || undefined,
      20_000,
    );
    const run = events().filter((e) => e.type === 'command_run');
    assert.deepEqual(
      run.map((e) => e.command),
      ['echo "<redacted:api_token>" > token.txt'],
    );
  });

  it('asks once a terminal: the same secret goes into the same csh again without a question', async () => {
    const { shown, prompts } = answers(true, false, undefined, false);
    fs.rmSync(path.join(folderPath(), 'token.txt'), { force: true });
    const outcome = await runAnswering(prompts, { incidentId, ...STORE_TOKEN });
    assert.ok(outcome?.sent, JSON.stringify(outcome));
    assert.deepEqual(
      shown.map((s) => s.kind),
      ['confirm'],
      'agreed for this terminal before: not asked again',
    );
    const file = path.join(folderPath(), 'token.txt');
    await waitFor(
      'csh to write token.txt again',
      () => (fs.existsSync(file) && fs.readFileSync(file, 'utf8') === 'tok-csh-declined\n') || undefined,
      20_000,
    );
    assert.equal(events().filter((e) => e.type === 'command_run').length, 2);
  });

  it("quotes a value csh's way: csh writes it as it is, in single quotes too, and nothing in it runs", async () => {
    const other = await declareWithTerminalCheck('Checkout namespace in csh');
    const step = (id: string) => ({ incidentId: other, runbook: 'terminal-check', step: id, command: 0 }) as const;
    // `!!` is history in csh's terminal, inside quotes too; backticks run inside double quotes.
    // (No backslash: Debian's csh `echo` reads `\t` and the like, whatever the quoting.)
    const value = `prod eu 'a' "b" $HOME \`touch pwned\` !! !-1 ; touch pwned2 # *`;
    const namespace = answers(true, false, value);
    const outcome = await runAnswering(namespace.prompts, step('needs-namespace'));
    assert.ok(outcome?.sent, JSON.stringify(outcome));
    const file = path.join(folderPath(), 'namespace.txt');
    await waitFor(
      'csh to write namespace.txt',
      () => (fs.existsSync(file) && fs.readFileSync(file, 'utf8') === `${value}\n`) || undefined,
      20_000,
    );
    // `echo 'ticket={{ticket}}'`: the value inside the runbook's own single quotes.
    const ticket = answers(true, false, `it's!! "$USER"`);
    assert.ok((await runAnswering(ticket.prompts, step('write-ticket')))?.sent);
    const ticketFile = path.join(folderPath(), 'ticket.txt');
    await waitFor(
      'csh to write ticket.txt',
      () => (fs.existsSync(ticketFile) && fs.readFileSync(ticketFile, 'utf8') === `ticket=it's!! "$USER"\n`) || undefined,
      20_000,
    );
    assert.ok(!fs.existsSync(path.join(folderPath(), 'pwned')), 'the backticks never ran');
    assert.ok(!fs.existsSync(path.join(folderPath(), 'pwned2')), 'nothing after the ";" ran');
  });

  it('sends csh no value its line editor could take for keys, saying why; a plain word goes', async () => {
    const other = await declareWithTerminalCheck('Checkout namespace in csh, refused');
    const needsNamespace = { incidentId: other, runbook: 'terminal-check', step: 'needs-namespace', command: 0 } as const;
    const file = path.join(folderPath(), 'namespace.txt');
    fs.rmSync(file, { force: true });
    // Outside a UTF-8 locale each byte of "→" is a Meta key to tcsh (Meta-b: back a word).
    const hostile = answers(true, false, 'prod→→→→;touch pwned;');
    // The refusal is a user-facing error: the command answers undefined and shows the reason.
    assert.equal(await runAnswering(hostile.prompts, needsNamespace), undefined);
    const otherEvents = () =>
      fs
        .readFileSync(path.join(folderPath(), '.warroom', other, 'events.jsonl'), 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as { type: string; command?: string });
    assert.ok(!otherEvents().some((e) => e.type === 'command_run'), 'no command was recorded as run');
    // A plain word goes, and is asked for again (the refused value is not kept).
    const plain = answers(true, false, 'prod-eu');
    const outcome = await runAnswering(plain.prompts, needsNamespace);
    assert.ok(outcome?.sent, JSON.stringify(outcome));
    assert.equal(plain.shown[0].kind, 'ask');
    await waitFor(
      'csh to write namespace.txt',
      () => (fs.existsSync(file) && fs.readFileSync(file, 'utf8') === 'prod-eu\n') || undefined,
      20_000,
    );
    assert.ok(!fs.existsSync(path.join(folderPath(), 'pwned')), 'nothing in the refused value ran');
  });
});
