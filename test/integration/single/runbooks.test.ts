// Runbooks in a real VS Code: lazy discovery with problems in Problems, matches under a checkout
// incident with their reasons, link / unlink events, the walkthrough page, and the command flow:
// nothing reaches the terminal unless confirmed (the confirmations are swapped for answers of the
// test's own here; test/e2e/runbooks.e2e.ts clicks the real modal dialogs).
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { repoRoot } from '../../harness/paths';
import type { RunOutcome } from '../../../src/vscode/runbooks/commandRunner';
import { EXTENSION_ID, featureUnderTest, renderTree, shownText, waitFor, warRoom } from '../support/api';
import { answers, runAnswering } from '../support/runPrompts';

const POOL_RUNBOOK = 'Checkout database connection pool exhausted after a deploy';
const TEST_RUNBOOK = fs.readFileSync(path.join(repoRoot, 'test', 'fixtures', 'terminal-check.runbook.yaml'), 'utf8');

function folder(): vscode.WorkspaceFolder {
  const first = vscode.workspace.workspaceFolders?.[0];
  assert.ok(first, 'the test workspace has a folder');
  return first;
}

const root = (): string => folder().uri.fsPath;
const git = (...args: string[]): string => execFileSync('git', args, { cwd: root(), encoding: 'utf8' });

interface StoredEvent {
  readonly type: string;
  readonly [field: string]: unknown;
}

function events(id: string): StoredEvent[] {
  return fs
    .readFileSync(path.join(root(), '.warroom', id, 'events.jsonl'), 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as StoredEvent);
}

/**
 * Writes runbooks/<id>.runbook.yaml: `count` different commands of 9,000 characters the destructive
 * rules scan again and again (milliseconds each), then `rm -rf` (0-based `rmLine`), which asks twice.
 */
function writeCostlyRunbook(id: string, count: number): { file: string; rmLine: number } {
  const file = path.join(root(), 'runbooks', `${id}.runbook.yaml`);
  const lines = [`id: ${id}`, `title: ${id}`, 'steps:', '  - id: s', '    kind: diagnose', '    title: S', '    commands:'];
  const costly = Array.from({ length: count }, (_, i) => `      - run: ${'kubectl '.repeat(1_120)}get pods -l n=${i}`);
  fs.writeFileSync(file, [...lines, ...costly, '      - run: rm -rf /var/cache/heavy', ''].join('\n'));
  return { file, rmLine: lines.length + count };
}

function runbooksApi() {
  return featureUnderTest('runbooks');
}

describe('runbooks in a real VS Code', function () {
  // No this.bail(): mocha skips a bailing suite outright when any earlier file has failed.
  let incidentId = '';
  // Declared by the first test; a narrowed run (WARROOM_TEST_GREP) that skips it declares it where first needed.
  const theIncident = async (): Promise<string> =>
    (incidentId ||= await vscode.commands.executeCommand<string>('warroom.declareIncident', {
      title: 'Checkout database connection pool exhausted',
      severity: 'SEV2',
      service: 'checkout',
      startedAt: '10m ago',
    }));

  before(async () => {
    // A few shipped runbooks, a runbook of the test's own, a broken one and a script, committed.
    const shipped = path.join(vscode.extensions.getExtension(EXTENSION_ID)?.extensionPath ?? '', 'runbooks');
    fs.mkdirSync(path.join(root(), 'runbooks'), { recursive: true });
    for (const file of [
      'checkout-db-pool-exhaustion.runbook.yaml',
      'http-5xx-after-deploy.runbook.yaml',
      'disk-full.runbook.yaml',
      'redis-memory-high.md',
    ]) {
      fs.copyFileSync(path.join(shipped, file), path.join(root(), 'runbooks', file));
    }
    fs.writeFileSync(path.join(root(), 'runbooks', 'terminal-check.runbook.yaml'), TEST_RUNBOOK);
    fs.writeFileSync(
      path.join(root(), 'runbooks', 'broken.runbook.yaml'),
      'id: broken\ntitle: Broken\nsteps:\n  - id: a\n    kind: nonsense\n    title: A\n',
    );
    fs.mkdirSync(path.join(root(), 'scripts'), { recursive: true });
    fs.writeFileSync(path.join(root(), 'scripts', 'probe.sh'), 'echo probe\n');
    git('add', '.');
    git('commit', '-q', '-m', 'Runbooks and the probe script');
    await vscode.workspace
      .getConfiguration('terminal.integrated')
      .update('defaultProfile.linux', 'bash', vscode.ConfigurationTarget.Global);
  });

  it('indexes on first need and shows the matched checkout runbook under the incident, with reasons', async () => {
    const api = await warRoom();
    await theIncident();
    const row = await waitFor('a matched runbook under the incident', async () => {
      const rows = await renderTree(api);
      return rows.find((r) => r.label === POOL_RUNBOOK && r.node.incidentId === incidentId);
    });
    assert.match(row.contextValue ?? '', /^runbook;matched/);
    assert.match(row.description ?? '', /^match \d+ · \d+ steps/);
    const tooltip = shownText(row.node.tooltip);
    assert.match(tooltip, /written for service checkout/);
    const section = (await renderTree(api)).find((r) => r.label === 'Runbooks' && r.node.incidentId === incidentId);
    assert.match(section?.description ?? '', /0 linked · [1-5] matched/);
  });

  it('reports a broken runbook in Problems with line and column, and still indexes the others', async () => {
    const runbooks = await runbooksApi();
    const broken = vscode.Uri.joinPath(folder().uri, 'runbooks', 'broken.runbook.yaml');
    const diagnostics = await waitFor('diagnostics for the broken runbook', () => {
      const list = vscode.languages.getDiagnostics(broken);
      return list.length ? list : undefined;
    });
    // runbooks/broken.runbook.yaml:5:11: the value of `kind`.
    assert.ok(
      diagnostics.some((d) => d.range.start.line === 4 && d.range.start.character === 10 && /step kind "nonsense"/.test(d.message)),
      diagnostics.map((d) => `${d.range.start.line}:${d.range.start.character} ${d.message}`).join('\n'),
    );
    // Each file the before() hook wrote reaches the index by its own watcher event (debounced per file,
    // in the order VS Code delivers them), so the broken file's diagnostics can come before another
    // file is read: wait for the others, as a responder's tree would show them a moment later.
    let titles: string[] = [];
    await waitFor('the other runbooks indexed beside the broken one', async () => {
      titles = (await runbooks.catalog.get(folder())).index.runbooks.map((r) => r.title);
      return (titles.includes(POOL_RUNBOOK) && titles.includes('Terminal check for the checkout service')) || undefined;
    }).catch((error: unknown) => assert.fail(`${String(error)}: ${titles.join(' | ')}`));
  });

  it('follows a runbook file created, changed and deleted on disk', async () => {
    const api = await warRoom();
    const file = path.join(root(), 'runbooks', 'late.runbook.yaml');
    fs.writeFileSync(
      file,
      'id: late\ntitle: Checkout late arrival runbook\nservices: [checkout]\nsteps:\n  - id: a\n    kind: diagnose\n    title: Look\n',
    );
    await waitFor('the new runbook in the tree', async () =>
      (await renderTree(api)).find((r) => r.label === 'Checkout late arrival runbook'),
    );
    fs.rmSync(file);
    await waitFor(
      'the deleted runbook gone from the tree',
      async () => !(await renderTree(api)).some((r) => r.label === 'Checkout late arrival runbook') || undefined,
    );
  });

  it('marks each command that asks twice with a lens in its runbook file, and follows the file as it is edited', async () => {
    const lens = 'Asks twice';
    const marked = async (uri: vscode.Uri) =>
      ((await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri)) ?? [])
        .filter((l) => l.command?.title.includes(lens))
        .map((l) => [l.range.start.line, l.command?.title ?? ''] as const);
    const uri = vscode.Uri.joinPath(folder().uri, 'runbooks', 'disk-full.runbook.yaml');
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document);
    // Lines 38 and 39 of the shipped file: the journal vacuum and the image prune.
    const atFirst = await waitFor('the lenses of the disk-full runbook', async () => {
      const found = await marked(uri);
      return found.length ? found : undefined;
    });
    assert.deepEqual(atFirst, [
      [37, `$(warning) ${lens}: deletes archived journal files, and the logs they hold (journalctl --vacuum-size)`],
      [38, `$(warning) ${lens}: removes containers, images or volumes`],
    ]);
    // A line typed above them, not yet saved: the parsed lines no longer hold the commands, so no
    // lens stands on the wrong line; saved, the file is parsed again and the lenses move down with it.
    const edit = new vscode.WorkspaceEdit();
    edit.insert(uri, new vscode.Position(0, 0), '# Reviewed after INC-20261122\n');
    assert.ok(await vscode.workspace.applyEdit(edit));
    assert.deepEqual(await marked(uri), []);
    assert.ok(await document.save());
    assert.deepEqual(
      await waitFor('the lenses a line further down', async () => {
        const found = (await marked(uri)).map(([line]) => line);
        return found.length && found[0] === 38 ? found : undefined;
      }),
      [38, 39],
    );
    // A Markdown file outside the runbook globs holding the same commands is no runbook: it has none
    // (the index holds no runbook of it, whatever VS Code asks this provider).
    fs.mkdirSync(path.join(root(), 'notes'), { recursive: true });
    const notes = path.join(root(), 'notes', 'cleanup.md');
    fs.writeFileSync(notes, '# Cleanup\n\n## Free space\n\n```bash\nsudo journalctl --vacuum-size=500M\n```\n');
    await vscode.window.showTextDocument(vscode.Uri.file(notes));
    assert.deepEqual(await marked(vscode.Uri.file(notes)), []);
    // The shipped file as it was, for the tests after this one.
    const restore = new vscode.WorkspaceEdit();
    restore.delete(uri, new vscode.Range(0, 0, 1, 0));
    assert.ok(await vscode.workspace.applyEdit(restore));
    assert.ok(await document.save());
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('checks a costly file in slices on the extension host, its lenses coming in as each ends', async () => {
    // 20 costly commands, then one that asks twice: its lens comes once the slices before it are done.
    const { file, rmLine } = writeCostlyRunbook('heavy', 20);
    const uri = vscode.Uri.file(file);
    await vscode.window.showTextDocument(uri);
    const found = await waitFor(
      'the lens on the last command',
      async () => {
        const ours = ((await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri)) ?? []).filter((l) =>
          l.command?.title.includes('Asks twice'),
        );
        return ours.length ? ours : undefined;
      },
      60_000,
    );
    assert.deepEqual(
      found.map((l) => [l.range.start.line, l.command?.title]),
      [[rmLine, '$(warning) Asks twice: deletes files (rm)']],
    );
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    fs.rmSync(file);
  });

  it('checks a costly runbook in slices for the walkthrough page, which shows each answer as it comes', async () => {
    // 50 costly commands, then one that asks twice: the page first shows some as being checked, then
    // every answer, the rm's among them.
    const { catalog, panels } = await runbooksApi();
    const { file } = writeCostlyRunbook('heavy-walk', 50);
    try {
      await waitFor(
        'the runbook indexed',
        async () => (await catalog.get(folder())).index.runbooks.some((r) => r.id === 'heavy-walk') || undefined,
      );
      const id = await theIncident();
      await vscode.commands.executeCommand('warroom.openRunbook', {
        incidentId: id,
        runbook: 'heavy-walk',
        file: 'runbooks/heavy-walk.runbook.yaml',
      });
      const panel = panels.get(id, { file: 'runbooks/heavy-walk.runbook.yaml', id: 'heavy-walk' });
      assert.ok(panel, 'walkthrough panel');
      await waitFor('the page to say ready', () => panel.received.find((m) => m.type === 'ready' && m.accepted), 60_000);
      await waitFor('a page with every command checked', () => panel.shown.at(-1)?.unchecked === 0 || undefined, 60_000);
      assert.ok(panel.shown[0].unchecked > 0, `the first page had every command checked: ${JSON.stringify(panel.shown)}`);
      const counts = panel.shown.map((s) => s.unchecked);
      assert.deepEqual(
        [...counts].sort((a, b) => b - a),
        counts,
        `each page checked more: ${JSON.stringify(counts)}`,
      );
      const last = panel.state().steps[0].commands;
      assert.equal(last.filter((c) => c.checking).length, 0);
      assert.equal(last.at(-1)?.destructive, 'deletes files (rm)');
      panel.dispose();
    } finally {
      fs.rmSync(file);
    }
  });

  it('re-indexes for a changed globs setting on the parser thread it already has', async () => {
    const { catalog } = await runbooksApi();
    await catalog.get(folder());
    assert.equal(catalog.parserThreadsStarted, 1, 'the first index started the parser thread');
    const ops = path.join(root(), 'ops', 'playbooks');
    fs.mkdirSync(ops, { recursive: true });
    fs.writeFileSync(path.join(ops, 'queue-backlog.md'), '# Checkout queue backlog\n\n## Diagnosis\n\nRun `echo queue`.\n');
    const titles = async () => (await catalog.get(folder())).index.runbooks.map((r) => r.title);
    assert.ok(!(await titles()).includes('Checkout queue backlog'), 'ops/ is outside the default globs');
    const settings = vscode.workspace.getConfiguration('warroom', folder().uri);
    try {
      await settings.update('runbooks.globs', ['runbooks/**', 'ops/**'], vscode.ConfigurationTarget.WorkspaceFolder);
      await waitFor('the runbook under ops/ indexed', async () => (await titles()).includes('Checkout queue backlog') || undefined);
      assert.ok((await titles()).includes(POOL_RUNBOOK), 'runbooks/ still indexed');
      // The folder's index was replaced; the thread was not (nor left behind).
      assert.equal(catalog.parserThreadsStarted, 1);
    } finally {
      await settings.update('runbooks.globs', undefined, vscode.ConfigurationTarget.WorkspaceFolder);
      fs.rmSync(path.join(root(), 'ops'), { recursive: true, force: true });
    }
    await waitFor('back to the default globs', async () => !(await titles()).includes('Checkout queue backlog') || undefined);
    assert.equal(catalog.parserThreadsStarted, 1);
  });

  it('links and unlinks a runbook, each recorded as an event', async () => {
    const api = await warRoom();
    const key = await vscode.commands.executeCommand<string>('warroom.linkRunbook', {
      incidentId,
      runbook: 'checkout-db-pool-exhaustion',
      file: 'runbooks/checkout-db-pool-exhaustion.runbook.yaml',
    });
    assert.equal(key, 'runbooks/checkout-db-pool-exhaustion.runbook.yaml#checkout-db-pool-exhaustion');
    const linked = events(incidentId).find((e) => e.type === 'runbook_linked');
    assert.ok(linked, 'runbook_linked event');
    assert.equal(linked.runbook, 'checkout-db-pool-exhaustion');
    assert.match(String(linked.reason), /written for service checkout/);
    let rows = await renderTree(api);
    assert.match(rows.find((r) => r.label === POOL_RUNBOOK && r.node.incidentId === incidentId)?.contextValue ?? '', /^runbook;linked/);

    await vscode.commands.executeCommand('warroom.unlinkRunbook', { incidentId, runbook: 'checkout-db-pool-exhaustion' });
    assert.ok(events(incidentId).some((e) => e.type === 'runbook_unlinked' && e.runbook === 'checkout-db-pool-exhaustion'));
    rows = await renderTree(api);
    assert.match(rows.find((r) => r.label === POOL_RUNBOOK && r.node.incidentId === incidentId)?.contextValue ?? '', /^runbook;matched/);
    await vscode.commands.executeCommand('warroom.linkRunbook', { incidentId, runbook: 'terminal-check' });
  });

  it('opens the walkthrough: the page loads under its CSP and step done / branch taken / notes become events', async () => {
    const runbooks = await runbooksApi();
    await vscode.commands.executeCommand('warroom.openRunbook', { incidentId, runbook: 'checkout-db-pool-exhaustion' });
    const panel = runbooks.panels.get(incidentId, {
      file: 'runbooks/checkout-db-pool-exhaustion.runbook.yaml',
      id: 'checkout-db-pool-exhaustion',
    });
    assert.ok(panel, 'walkthrough panel');
    assert.equal(panel.panel.viewType, 'warroom.walkthrough');
    // The page's script sends `ready` only after it ran: the CSP and nonce let it through. After the
    // panels suite disposes its webviews, code-server's webview layer sometimes takes ~25 s to load
    // the next one (seen as 'OverlayWebview has been disposed'): a generous limit, not a timing check.
    await waitFor('the page to say ready', () => panel.received.find((m) => m.type === 'ready' && m.accepted), 60_000);
    const state = panel.state();
    assert.equal(state.currentStep, 'confirm-saturation');
    assert.equal(state.steps[0].commands[0].missing.includes('namespace'), true);
    assert.match(state.steps[0].commands[0].command, /deploy\/checkout /);

    await panel.act({ type: 'setStep', requestId: 'r1', step: 'confirm-saturation', status: 'done' });
    await panel.act({ type: 'setStep', requestId: 'r2', step: 'check-recent-deploy', status: 'skipped' });
    await panel.act({ type: 'takeBranch', requestId: 'r3', step: 'decide-cause', branch: 1 });
    await panel.act({ type: 'addNote', requestId: 'r4', step: 'decide-cause', note: 'No deploy in the last 2 hours' });
    const steps = events(incidentId).filter((e) => e.type === 'runbook_step');
    assert.deepEqual(
      steps.map((e) => [e.step, e.status ?? 'note']),
      [
        ['confirm-saturation', 'done'],
        ['check-recent-deploy', 'skipped'],
        ['decide-cause', 'branch'],
        ['decide-cause', 'note'],
      ],
    );
    assert.equal(
      events(incidentId).filter((e) => e.type === 'runbook_linked' && e.runbook === 'checkout-db-pool-exhaustion').length,
      1,
      'unlinked by the responder before: walking it does not link it again',
    );
    const after = panel.state();
    assert.equal(after.currentStep, 'find-long-transactions');
    assert.equal(after.steps.find((s) => s.id === 'rollback-release')?.onPath, false);
    assert.deepEqual(after.progress, { done: 2, skipped: 1, total: after.progress.total });

    await vscode.commands.executeCommand('warroom.openRunbookStep', {
      incidentId,
      runbook: 'checkout-db-pool-exhaustion',
      step: 'rollback-release',
    });
    assert.equal(panel.state().focusStep, 'rollback-release');
    await assert.rejects(
      Promise.resolve(panel.act({ type: 'setStep', requestId: 'r5', step: 'no-such-step', status: 'done' })),
      /no step no-such-step/,
    );
  });

  it('links a runbook walked without being linked, once, on its first step', async () => {
    const runbooks = await runbooksApi();
    const id = await theIncident();
    await vscode.commands.executeCommand('warroom.openRunbook', { incidentId: id, runbook: 'disk-full' });
    const panel = runbooks.panels.get(id, { file: 'runbooks/disk-full.runbook.yaml', id: 'disk-full' });
    assert.ok(panel, 'walkthrough panel');
    const [first, second] = panel.state().steps;
    assert.equal(events(id).filter((e) => e.runbook === 'disk-full').length, 0, 'opening it links nothing');
    await Promise.all([
      panel.act({ type: 'setStep', requestId: 'w1', step: first.id, status: 'done' }),
      panel.act({ type: 'addNote', requestId: 'w2', step: first.id, note: 'df shows 97 % on /var' }),
    ]);
    await panel.act({ type: 'setStep', requestId: 'w3', step: second.id, status: 'skipped' });
    const walked = events(id).filter((e) => e.runbook === 'disk-full');
    assert.deepEqual(
      walked.map((e) => e.type),
      ['runbook_linked', 'runbook_step', 'runbook_step', 'runbook_step'],
      'linked once, before its first step',
    );
    assert.equal(walked[0].reason, 'walked during the incident');
    const rows = await renderTree(await warRoom());
    const row = rows.find((r) => r.label === 'Disk or volume filling up' && r.node.incidentId === id);
    assert.match(row?.contextValue ?? '', /^runbook;linked/);
    panel.dispose();
  });

  it('links a runbook on its first command sent, before the run, and not on one declined', async () => {
    const runbooks = await runbooksApi();
    const id = await vscode.commands.executeCommand<string>('warroom.declareIncident', {
      title: 'Checkout probe failing',
      severity: 'SEV3',
      service: 'checkout',
    });
    await vscode.commands.executeCommand('warroom.openRunbook', { incidentId: id, runbook: 'terminal-check' });
    const panel = runbooks.panels.get(id, { file: 'runbooks/terminal-check.runbook.yaml', id: 'terminal-check' });
    assert.ok(panel, 'walkthrough panel');
    const send = async (confirm: boolean): Promise<string | undefined> => {
      const restore = runbooks.usePrompts(answers(confirm, false).prompts);
      try {
        return await panel.act({ type: 'runCommand', requestId: `c${String(confirm)}`, step: 'probe', command: 0 });
      } finally {
        restore.dispose();
      }
    };
    assert.equal(await send(false), 'Not run');
    assert.deepEqual(
      events(id).filter((e) => e.runbook === 'terminal-check'),
      [],
      'a declined command uses nothing',
    );
    assert.match((await send(true)) ?? '', /^Sent to War Room: /);
    const walked = events(id).filter((e) => e.runbook === 'terminal-check');
    assert.deepEqual(
      walked.map((e) => e.type),
      ['runbook_linked', 'command_run'],
      'linked when the command was sent, written before its run',
    );
    assert.ok(String(walked[0].ts) <= String(walked[1].ts), JSON.stringify(walked));
    panel.dispose();
  });

  it('sends nothing to the terminal and records nothing when the confirmation is declined', async () => {
    const runbooks = await runbooksApi();
    const { shown, prompts } = answers(false, false);
    const restore = runbooks.usePrompts(prompts);
    try {
      const outcome = await vscode.commands.executeCommand<RunOutcome>('warroom.runRunbookCommand', {
        incidentId,
        runbook: 'terminal-check',
        step: 'write-marker',
        command: 0,
      });
      assert.deepEqual(outcome, { sent: false, reason: 'cancelled' });
    } finally {
      restore.dispose();
    }
    assert.deepEqual(shown, [{ kind: 'confirm', command: 'echo ran-for-checkout > runbook-ran.txt && sleep 2 && (exit 3)' }]);
    assert.ok(!vscode.window.terminals.some((t) => t.name === `War Room: ${incidentId}`), 'no War Room terminal was opened');
    assert.ok(!events(incidentId).some((e) => e.type === 'command_run'));
    assert.ok(!fs.existsSync(path.join(root(), 'runbook-ran.txt')));
  });

  it('runs the exact confirmed command in a bash terminal, records who and what at once, and its exit code when it ends', async function () {
    this.timeout(150_000); // room for the two generous waits below
    const { shown, prompts } = answers(true, false);
    const outcome = await runAnswering(prompts, { incidentId, runbook: 'terminal-check', step: 'write-marker', command: 0 });
    const command = 'echo ran-for-checkout > runbook-ran.txt && sleep 2 && (exit 3)';
    assert.deepEqual(shown, [{ kind: 'confirm', command }]);
    assert.ok(outcome?.sent, JSON.stringify(outcome));
    // Recorded the moment it was sent, while it still runs (it sleeps 2 s before exiting).
    const run = events(incidentId).find((e) => e.type === 'command_run');
    assert.ok(run, 'command_run event');
    assert.equal(run.id, outcome.eventId);
    assert.equal(run.command, command);
    assert.equal(run.author, 'Test Responder');
    assert.equal(run.step, 'write-marker');
    assert.equal(run.destructive, undefined);
    assert.equal(run.exitCode, undefined);
    assert.ok(!events(incidentId).some((e) => e.type === 'command_exited'), 'no exit yet: the command is still running');
    // Wait for the words, not the file: `> runbook-ran.txt` creates it empty before echo writes, and a
    // busy machine can start bash late. The limits are generous: they only end a run that hangs.
    const marker = path.join(root(), 'runbook-ran.txt');
    let seen: string | undefined;
    await waitFor(
      'the terminal to write ran-for-checkout into runbook-ran.txt',
      () => {
        seen = fs.existsSync(marker) ? fs.readFileSync(marker, 'utf8') : undefined;
        return seen?.trim() === 'ran-for-checkout' || undefined;
      },
      60_000,
    ).catch((error: Error) => {
      throw new Error(`${error.message}; the file held ${JSON.stringify(seen)}`);
    });
    // bash in a VS Code terminal gets shell integration, which reports the exit code when it ends.
    assert.ok(outcome.exitReported);
    const exited = await waitFor('the command_exited event', () => events(incidentId).find((e) => e.type === 'command_exited'), 60_000);
    assert.equal(exited.run, run.id);
    assert.equal(exited.exitCode, 3);
    assert.equal(exited.command, command);
    assert.ok(vscode.window.terminals.some((t) => t.name === `War Room: ${incidentId}`));
  });

  it('asks twice for a destructive command: declined the second time nothing runs, accepted it records why', async () => {
    const runbooks = await runbooksApi();
    fs.mkdirSync(path.join(root(), 'scratch-checkout'), { recursive: true });
    const declined = answers(true, false);
    let restore = runbooks.usePrompts(declined.prompts);
    try {
      const outcome = await vscode.commands.executeCommand<RunOutcome>('warroom.runRunbookCommand', {
        incidentId,
        runbook: 'terminal-check',
        step: 'clean-scratch',
        command: 0,
      });
      assert.deepEqual(outcome, { sent: false, reason: 'cancelled' });
    } finally {
      restore.dispose();
    }
    assert.deepEqual(
      declined.shown.map((s) => s.kind),
      ['confirm', 'destructive'],
    );
    assert.match(declined.shown[1].detail ?? '', /rm/);
    assert.equal(events(incidentId).filter((e) => e.type === 'command_run').length, 1);
    assert.ok(fs.existsSync(path.join(root(), 'scratch-checkout')));

    const accepted = answers(true, true);
    restore = runbooks.usePrompts(accepted.prompts);
    let outcome: RunOutcome | undefined;
    try {
      outcome = await vscode.commands.executeCommand<RunOutcome>('warroom.runRunbookCommand', {
        incidentId,
        runbook: 'terminal-check',
        step: 'clean-scratch',
        command: 0,
      });
      assert.ok(outcome?.sent);
    } finally {
      restore.dispose();
    }
    await waitFor('the scratch folder removed by the terminal', () => !fs.existsSync(path.join(root(), 'scratch-checkout')) || undefined);
    const run = events(incidentId).filter((e) => e.type === 'command_run')[1];
    assert.equal(run.command, 'rm -rf ./scratch-checkout');
    assert.match(String(run.destructive), /rm/);
    // The folder goes before the shell reports the end; the terminal is free again only then.
    const exited = await waitFor('the rm to be recorded as ended', () =>
      events(incidentId).find((e) => e.type === 'command_exited' && e.run === outcome?.eventId),
    );
    assert.equal(exited.exitCode, 0);
  });

  it('asks for a variable the incident does not give before confirming; cancelling runs nothing', async () => {
    const runbooks = await runbooksApi();
    const cancelled = answers(true, true, undefined);
    let restore = runbooks.usePrompts(cancelled.prompts);
    try {
      assert.deepEqual(
        await vscode.commands.executeCommand('warroom.runRunbookCommand', {
          incidentId,
          runbook: 'terminal-check',
          step: 'needs-namespace',
          command: 0,
        }),
        { sent: false, reason: 'cancelled' },
      );
    } finally {
      restore.dispose();
    }
    assert.deepEqual(
      cancelled.shown.map((s) => [s.kind, s.detail]),
      [['ask', 'namespace']],
    );
    const given = answers(true, true, 'payments prod');
    restore = runbooks.usePrompts(given.prompts);
    let outcome: RunOutcome | undefined;
    try {
      outcome = await vscode.commands.executeCommand<RunOutcome>('warroom.runRunbookCommand', {
        incidentId,
        runbook: 'terminal-check',
        step: 'needs-namespace',
        command: 0,
      });
    } finally {
      restore.dispose();
    }
    // The typed value is shell-quoted, so it stays one word.
    assert.deepEqual(
      given.shown.map((s) => s.kind),
      ['ask', 'confirm'],
    );
    assert.equal(given.shown[1].command, "echo 'payments prod' > namespace.txt");
    await waitFor('namespace.txt', () => fs.existsSync(path.join(root(), 'namespace.txt')) || undefined);
    // The file is written before the shell reports the end; the terminal is free again only then.
    const eventId = outcome?.sent ? outcome.eventId : undefined;
    assert.ok(eventId, JSON.stringify(outcome));
    await waitFor('the echo to be recorded as ended', () =>
      events(incidentId).find((e) => e.type === 'command_exited' && e.run === eventId),
    );
  });

  it('asks for a secret in a masked box, passes the real value in the environment and records it only redacted', async () => {
    const value = 'tok-"$(touch pwned)"-!x-`id`';
    const { shown, prompts } = answers(true, false, value);
    // What the shell was given to run: what its history and the scrollback keep.
    const lines: string[] = [];
    const started = vscode.window.onDidStartTerminalShellExecution((e) => lines.push(e.execution.commandLine.value));
    const outcome = await runAnswering(prompts, { incidentId, runbook: 'terminal-check', step: 'store-token', command: 0 });
    const redacted = 'echo "<redacted:api_token>" > token.txt';
    assert.deepEqual(shown, [
      { kind: 'ask', command: 'echo "<api-token>" > token.txt', detail: 'api_token', secret: true },
      { kind: 'confirm', command: redacted },
    ]);
    assert.ok(outcome?.sent, JSON.stringify(outcome));
    const eventId = outcome.eventId;
    // The interactive bash in the terminal got the value as one literal argument (no $(...), no history expansion).
    const file = path.join(root(), 'token.txt');
    await waitFor('token.txt', () => fs.existsSync(file) || undefined);
    await waitFor('the echo to be recorded as ended', () =>
      events(incidentId).find((e) => e.type === 'command_exited' && e.run === eventId),
    );
    assert.equal(fs.readFileSync(file, 'utf8'), `${value}\n`);
    assert.ok(!fs.existsSync(path.join(root(), 'pwned')));
    started.dispose();
    assert.deepEqual(lines, ['echo "${WARROOM_SECRET_API_TOKEN}" > token.txt'], 'bash ran the line naming the variable, never the value');
    const terminal = vscode.window.terminals.find((t) => t.name === outcome?.terminal);
    assert.ok(
      terminal && 'env' in terminal.creationOptions && terminal.creationOptions.isTransient,
      'a terminal of its own, not restored after a reload',
    );
    assert.equal(events(incidentId).find((e) => e.id === eventId)?.command, redacted);
    const stored = fs.readFileSync(path.join(root(), '.warroom', incidentId, 'events.jsonl'), 'utf8');
    assert.ok(!stored.includes('tok-'), 'the secret is nowhere in events.jsonl');
  });

  it('refuses a value holding a control character: nothing sent, nothing recorded, and it asks again next time', async () => {
    const runbooks = await runbooksApi();
    const before = events(incidentId).filter((e) => e.type === 'command_run').length;
    const hostile = answers(true, true, 'INC-1\u0015touch pwned #');
    let restore = runbooks.usePrompts(hostile.prompts);
    try {
      // The refusal is a user-facing error: the command answers undefined and shows the reason.
      assert.equal(
        await vscode.commands.executeCommand('warroom.runRunbookCommand', {
          incidentId,
          runbook: 'terminal-check',
          step: 'write-ticket',
          command: 0,
        }),
        undefined,
      );
    } finally {
      restore.dispose();
    }
    assert.deepEqual(
      hostile.shown.map((s) => s.kind),
      ['ask'],
      'never offered to run',
    );
    assert.equal(events(incidentId).filter((e) => e.type === 'command_run').length, before);
    assert.ok(!fs.existsSync(path.join(root(), 'ticket.txt')));

    const plain = answers(true, true, 'INC-1 and 2');
    restore = runbooks.usePrompts(plain.prompts);
    try {
      const outcome = await vscode.commands.executeCommand<RunOutcome>('warroom.runRunbookCommand', {
        incidentId,
        runbook: 'terminal-check',
        step: 'write-ticket',
        command: 0,
      });
      assert.ok(outcome?.sent, JSON.stringify(outcome));
      await waitFor('the echo to be recorded as ended', () =>
        events(incidentId).find((e) => e.type === 'command_exited' && e.run === outcome.eventId),
      );
    } finally {
      restore.dispose();
    }
    assert.deepEqual(
      plain.shown.map((s) => [s.kind, s.command]),
      [
        ['ask', "echo 'ticket={{ticket}}' > ticket.txt"],
        ['confirm', "echo 'ticket=INC-1 and 2' > ticket.txt"],
      ],
    );
    assert.equal(fs.readFileSync(path.join(root(), 'ticket.txt'), 'utf8'), 'ticket=INC-1 and 2\n');
  });

  it("sends a command to a new terminal while the incident's terminal still runs the last one", async function () {
    this.timeout(120_000); // a new terminal's shell integration and the 2 s command, on a busy machine
    const runbooks = await runbooksApi();
    const { prompts } = answers(true, false);
    const restore = runbooks.usePrompts(prompts);
    let first: RunOutcome | undefined;
    let second: RunOutcome | undefined;
    try {
      // The first sleeps 2 s before it exits: the second must not be typed into it.
      first = await vscode.commands.executeCommand<RunOutcome>('warroom.runRunbookCommand', {
        incidentId,
        runbook: 'terminal-check',
        step: 'write-marker',
        command: 0,
      });
      second = await vscode.commands.executeCommand<RunOutcome>('warroom.runRunbookCommand', {
        incidentId,
        runbook: 'terminal-check',
        step: 'probe',
        command: 0,
      });
    } finally {
      restore.dispose();
    }
    assert.ok(first?.sent && second?.sent, JSON.stringify([first, second]));
    assert.equal(first.terminal, `War Room: ${incidentId}`);
    assert.match(second.terminal, new RegExp(`^War Room: ${incidentId} \\(\\d+\\)$`));
    // Both went through shell integration (else no exit code can follow, and waiting below is pointless).
    assert.ok(first.exitReported && second.exitReported, JSON.stringify([first, second]));
    // The first sleeps 2 s; on a busy machine the end of a command reaches the extension late.
    const exits = await waitFor(
      'both commands to end',
      () => {
        const ended = events(incidentId).filter(
          (e) => e.type === 'command_exited' && (e.run === first?.eventId || e.run === second?.eventId),
        );
        return ended.length === 2 ? ended : undefined;
      },
      30_000,
    );
    assert.deepEqual(exits.map((e) => [e.run === first?.eventId ? 'first' : 'second', e.exitCode]).sort(), [
      ['first', 3],
      ['second', 0],
    ]);
    const recorded = events(incidentId).find((e) => e.id === second?.eventId);
    assert.equal(recorded?.terminal, second.terminal);
    // Both idle now: the next command goes to the incident's first terminal again.
    const { prompts: again } = answers(true, false);
    const restoreAgain = runbooks.usePrompts(again);
    try {
      const third = await vscode.commands.executeCommand<RunOutcome>('warroom.runRunbookCommand', {
        incidentId,
        runbook: 'terminal-check',
        step: 'probe',
        command: 0,
      });
      assert.ok(third?.sent);
      assert.equal(third.terminal, `War Room: ${incidentId}`);
    } finally {
      restoreAgain.dispose();
    }
  });

  it('opens the runbook step beside the code the responder was reading', async () => {
    const runbooks = await runbooksApi();
    await theIncident();
    // Correlation runs on its own after Declare; the workspace's git history (made by the
    // correlation suite) may give this incident a suspect file, which then wins over the editor.
    const correlation = await featureUnderTest('correlation');
    await correlation.idle(incidentId);
    const suspect = await correlation.topSuspectFile(incidentId);
    await vscode.window.showTextDocument(vscode.Uri.joinPath(folder().uri, 'README.md'));
    await vscode.commands.executeCommand('warroom.openRunbookBesideCode', {
      incidentId,
      runbook: 'checkout-db-pool-exhaustion',
      step: 'rollback-release',
    });
    const result = runbooks.beside.last;
    assert.ok(result);
    assert.equal(result.from, suspect ? 'suspect' : 'editor');
    assert.equal(result.code?.fsPath, suspect?.fsPath ?? vscode.Uri.joinPath(folder().uri, 'README.md').fsPath);
    assert.notEqual(result.runbookColumn, result.codeColumn);
    const runbook = await runbooks.catalog.find(folder(), 'checkout-db-pool-exhaustion');
    const line = (runbook?.steps.find((s) => s.id === 'rollback-release')?.position.line ?? 0) - 1;
    // The command's own editor, in the column it reported: the runbook may be open elsewhere too (an
    // earlier test, or the window's restored editors in a narrowed run), at another line.
    const beside = () =>
      vscode.window.visibleTextEditors.find(
        (e) => e.document.uri.fsPath === result.runbook.fsPath && e.viewColumn === result.runbookColumn,
      );
    await waitFor('the runbook beside the code, at the step', () => beside()?.selection.active.line === line || undefined, 60_000).catch(
      () => undefined,
    );
    assert.equal(beside()?.selection.active.line, line);
  });

  it('flags a runbook stale when a script its command runs changed in git after it', async () => {
    const api = await warRoom();
    const runbooks = await runbooksApi();
    fs.writeFileSync(path.join(root(), 'scripts', 'probe.sh'), 'echo probe v2\n');
    git('commit', '-q', '-am', 'Probe v2');
    await runbooks.catalog.assessAll();
    const row = await waitFor('the stale test runbook', async () =>
      (await renderTree(api)).find((r) => r.label === 'Terminal check for the checkout service' && /stale/.test(r.description ?? '')),
    );
    assert.match(row.contextValue ?? '', /;stale/);
    const diagnostics = vscode.languages.getDiagnostics(vscode.Uri.joinPath(folder().uri, 'runbooks', 'terminal-check.runbook.yaml'));
    assert.ok(
      diagnostics.some((d) => /may be stale.*scripts\/probe\.sh/.test(d.message)),
      diagnostics.map((d) => d.message).join('\n'),
    );
  });

  it('drafts a runbook from the resolved incident into an untitled YAML document', async () => {
    await vscode.commands.executeCommand('warroom.addNote', { incidentId, kind: 'action', text: 'Restarted the checkout pods' });
    await vscode.commands.executeCommand('warroom.resolveIncident', { incidentId, resolution: 'Pool size restored' });
    const uri = await vscode.commands.executeCommand<string>('warroom.newRunbookFromIncident', { incidentId });
    assert.match(uri, /^untitled:.*runbooks\/checkout-database-connection-pool-exhausted\.runbook\.yaml$/);
    const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri);
    assert.ok(document);
    assert.match(document.getText(), new RegExp(`Drafted from incident ${incidentId}`));
    assert.match(document.getText(), /Restarted the checkout pods/);
    assert.match(document.getText(), /echo ran-for-checkout/);
    // Drafted again while the first draft is open and unsaved: a second document, the first untouched
    // (it took the second draft's text at its top before).
    const again = await vscode.commands.executeCommand<string>('warroom.newRunbookFromIncident', { incidentId });
    assert.match(again, /^untitled:.*runbooks\/checkout-database-connection-pool-exhausted-2\.runbook\.yaml$/);
    assert.equal(vscode.workspace.textDocuments.find((d) => d.uri.toString() === again)?.getText(), document.getText());
    assert.equal(document.getText().match(/Drafted from incident/g)?.length, 1);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  after(async () => {
    await vscode.workspace
      .getConfiguration('terminal.integrated')
      .update('defaultProfile.linux', undefined, vscode.ConfigurationTarget.Global);
  });
});
