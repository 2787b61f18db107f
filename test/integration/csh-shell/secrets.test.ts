// Runbook commands in csh (Debian's tcsh): a secret is named, not typed, as in bash and fish. The
// terminal is opened with it in its environment and the line reads "${WARROOM_SECRET_API_TOKEN}", so
// csh's history and the scrollback hold only the name; nobody is asked. Where csh reads the command
// otherwise than bash (here past a "#", which a csh terminal does not take for a comment) a plain-word
// secret is still typed, and the responder is asked first: declined, nothing reaches the terminal;
// accepted, csh runs the line with the value, and is not asked again there.
// A value that is more than a plain word is quoted csh's way (not bash's: `!` is history inside quotes,
// backticks run inside double quotes), or refused where csh could not be sent it safely.

import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { waitFor } from '../support/api';
import { answers, declareWithTerminalCheck, folderPath, runAnswering } from '../support/runPrompts';

const STORE_TOKEN = { runbook: 'terminal-check', step: 'store-token', command: 0 } as const;
/** `true # ; echo <api-token> > typed-token.txt`: past the "#" csh's reading of the command stops. */
const PAST_A_COMMENT = { runbook: 'csh-typed', step: 'store-token-late', command: 0 } as const;
const PAST_A_COMMENT_RUNBOOK = `id: csh-typed
title: Token check past a comment
services: [checkout]
steps:
  - id: store-token-late
    kind: diagnose
    title: Store an API token after a comment
    commands:
      - run: 'true # ; echo <api-token> > typed-token.txt'
`;

describe('runbook secrets in csh, named in its environment, in a real VS Code', function () {
  this.timeout(90_000);
  let incidentId = '';
  const eventsOf = (id: string) =>
    fs
      .readFileSync(path.join(folderPath(), '.warroom', id, 'events.jsonl'), 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as { type: string; command?: string });
  const events = () => eventsOf(incidentId);

  before(async () => {
    fs.mkdirSync(path.join(folderPath(), 'runbooks'), { recursive: true });
    fs.writeFileSync(path.join(folderPath(), 'runbooks', 'csh-typed.runbook.yaml'), PAST_A_COMMENT_RUNBOOK);
    incidentId = await declareWithTerminalCheck('Checkout token rotation');
  });

  it('names the secret: no question, csh writes the value, its history and the scrollback hold only the name', async () => {
    const value = `tok-csh 'a' "b" $HOME \`touch pwned\` !! !-1 ; touch pwned2 * é→`;
    const { shown, prompts } = answers(true, false, value, false);
    const outcome = await runAnswering(prompts, { incidentId, ...STORE_TOKEN });
    assert.ok(outcome?.sent, JSON.stringify(outcome));
    assert.deepEqual(
      shown.map((s) => s.kind),
      ['ask', 'confirm'],
      'the value is not typed: nobody is asked about it',
    );
    const terminal = vscode.window.terminals.find((t) => t.name === outcome.terminal);
    assert.equal(
      terminal?.state.shell,
      'csh',
      `the command ran in csh: ${vscode.window.terminals.map((t) => `${t.name} ${t.state.shell}`).join(', ')}`,
    );
    const file = path.join(folderPath(), 'token.txt');
    await waitFor(
      'csh to write token.txt',
      () => (fs.existsSync(file) && fs.readFileSync(file, 'utf8') === `${value}\n`) || undefined,
      20_000,
    );
    assert.deepEqual(
      events()
        .filter((e) => e.type === 'command_run')
        .map((e) => e.command),
      ['echo "<redacted:api_token>" > token.txt'],
    );
    // csh's own history, as it keeps it.
    terminal.sendText('history -h > csh-history.txt', true);
    const historyFile = path.join(folderPath(), 'csh-history.txt');
    const history = await waitFor(
      'csh to write its history',
      () =>
        fs.existsSync(historyFile) && fs.readFileSync(historyFile, 'utf8').includes('token.txt')
          ? fs.readFileSync(historyFile, 'utf8')
          : undefined,
      20_000,
    );
    assert.ok(history.includes('echo "${WARROOM_SECRET_API_TOKEN}" > token.txt'), history);
    assert.ok(!history.includes('tok-'), `the value is in csh's history: ${history}`);
    // The scrollback: what the terminal shows of the typed line.
    terminal.show();
    await vscode.commands.executeCommand('workbench.action.terminal.selectAll');
    await vscode.commands.executeCommand('workbench.action.terminal.copySelection');
    const scrollback = await vscode.env.clipboard.readText();
    assert.ok(scrollback.includes('${WARROOM_SECRET_API_TOKEN}'), scrollback);
    assert.ok(!scrollback.includes('tok-csh'), `the value is in the scrollback: ${scrollback}`);
    assert.ok(!fs.existsSync(path.join(folderPath(), 'pwned')), 'the backticks never ran');
    assert.ok(!fs.existsSync(path.join(folderPath(), 'pwned2')), 'nothing after the ";" ran');
  });

  it('asks before typing a secret where csh reads the command otherwise, and sends nothing when declined', async () => {
    const other = await declareWithTerminalCheck('Checkout token rotation, typed');
    const { shown, prompts } = answers(true, false, 'tok-csh-declined', false);
    const outcome = await runAnswering(prompts, { incidentId: other, ...PAST_A_COMMENT });
    assert.deepEqual(outcome, { sent: false, reason: 'cancelled' });
    assert.deepEqual(
      shown.map((s) => [s.kind, s.detail, s.shell]),
      [
        ['ask', 'api_token', undefined],
        ['confirm', undefined, undefined],
        ['typed secrets', 'api_token', 'csh'],
      ],
    );
    assert.equal(
      shown[2].command,
      'true # ; echo <redacted:api_token> > typed-token.txt',
      'the question shows the command, the value redacted',
    );
    assert.ok(!eventsOf(other).some((e) => e.type === 'command_run'), 'no command was recorded as run');
    assert.ok(!fs.existsSync(path.join(folderPath(), 'typed-token.txt')), 'nothing was typed into the terminal');

    // Agreed: csh writes the value, the record shows it redacted.
    const agreed = answers(true, false, undefined, true);
    const sent = await runAnswering(agreed.prompts, { incidentId: other, ...PAST_A_COMMENT });
    assert.ok(sent?.sent, JSON.stringify(sent));
    assert.equal(sent.exitReported, false, 'csh has no shell integration: no exit code follows');
    // The value typed for the first run is kept for the incident: asked for once.
    assert.deepEqual(
      agreed.shown.map((s) => s.kind),
      ['confirm', 'typed secrets'],
    );
    const file = path.join(folderPath(), 'typed-token.txt');
    await waitFor(
      'csh to write typed-token.txt',
      () => (fs.existsSync(file) && fs.readFileSync(file, 'utf8') === 'tok-csh-declined\n') || undefined,
      20_000,
    );
    assert.deepEqual(
      eventsOf(other)
        .filter((e) => e.type === 'command_run')
        .map((e) => e.command),
      ['true # ; echo <redacted:api_token> > typed-token.txt'],
    );

    // Asked once a terminal: the same secret goes into the same csh again without a question.
    fs.rmSync(file, { force: true });
    const again = answers(true, false, undefined, false);
    assert.ok((await runAnswering(again.prompts, { incidentId: other, ...PAST_A_COMMENT }))?.sent);
    assert.deepEqual(
      again.shown.map((s) => s.kind),
      ['confirm'],
      'agreed for this terminal before: not asked again',
    );
    await waitFor(
      'csh to write typed-token.txt again',
      () => (fs.existsSync(file) && fs.readFileSync(file, 'utf8') === 'tok-csh-declined\n') || undefined,
      20_000,
    );
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
