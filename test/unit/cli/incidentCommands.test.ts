import * as assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { FileIncidentStore } from '../../../src/adapters/store/fileStore';
import { runCli } from '../../support/cli';
import { useTempDir } from '../../support/tempDir';

const CLI = path.resolve(__dirname, '../../../src/cli/main.js');

const run = (args: string[], cwd: string) => runCli(args, cwd);

describe('warroom CLI: list, show, note', function () {
  // Several tests start the CLI as real processes: well under a second each on an idle machine, but
  // 5-11 s a test beside other suites on two cores (load 20), where mocha's 20 s failed three at once.
  this.timeout(240_000);
  const tmp = useTempDir();

  async function seed(): Promise<{ store: FileIncidentStore; id: string }> {
    const store = new FileIncidentStore(path.join(tmp(), '.warroom'));
    const id = await store.declare(
      {
        type: 'declared',
        title: 'Checkout down',
        severity: 'SEV1',
        urgency: 'high',
        service: 'checkout',
        startedAt: '2026-11-22T23:13:00.000Z',
        detectedAt: '2026-11-22T23:40:00.000Z',
      },
      'alice',
    );
    await store.append(id, { type: 'role_assigned', role: 'commander', person: 'alice' }, 'alice');
    return { store, id };
  }

  it('lists incidents as JSON from the nearest .warroom above cwd', async () => {
    const { id } = await seed();
    const sub = path.join(tmp(), 'services');
    fs.mkdirSync(sub);
    const { code, out } = await run(['list', '--json'], sub);
    assert.equal(code, 0);
    const list = JSON.parse(out);
    assert.equal(list.length, 1);
    assert.equal(list[0].id, id);
    assert.equal(list[0].severity, 'SEV1');
    assert.deepEqual(
      list[0].roles.map((r: { person: string }) => r.person),
      ['alice'],
    );
  });

  it('finds an incident by its id in any case, or by its end, as a responder reads it out', async () => {
    const { id } = await seed();
    for (const typed of [id.toLowerCase(), id.slice(-6).toUpperCase(), ` ${id} `]) {
      const { code, out, err } = await run(['show', typed], tmp());
      assert.equal(code, 0, `${JSON.stringify(typed)}: ${err}`);
      assert.match(out, /Checkout down/);
    }
    const blank = await run(['show', ' '], tmp());
    assert.notEqual(blank.code, 0, 'a blank id is no incident, not the only one there is');
    assert.doesNotMatch(blank.out, /Checkout down/);
  });

  it('refuses an option no command knows, and writes it after -- as text', async () => {
    const { id } = await seed();
    const words = ['ran', 'git', 'push', '--force', 'to', 'revert', 'the', 'bad', 'merge'];
    const refused = await run(['note', id, ...words, '--author', 'alice'], tmp());
    assert.equal(refused.code, 2);
    assert.match(
      refused.err,
      /warroom note: --force is not an option of warroom note \(to write it as text, put the text after --\)\nUsage: warroom note/,
    );
    const noted = await run(['note', id, '--author', 'alice', '--', ...words], tmp());
    assert.equal(noted.code, 0, noted.err);
    const shown = JSON.parse((await run(['show', id, '--json'], tmp())).out);
    assert.ok(shown.events.some((e: { text?: string }) => e.text === words.join(' ')));
    // A flag takes no value: the word after it is the next argument (list's `extra` is now one too many).
    const listed = await run(['show', '--json', id], tmp());
    assert.equal(listed.code, 0, listed.err);
    assert.equal(JSON.parse(listed.out).id, id);
    // Asking for help is no error.
    const help = await run(['note', '--help'], tmp());
    assert.equal(help.code, 0);
    assert.match(
      help.out,
      /^Usage: warroom note <id> <text\.\.\.> \[--kind note\|decision\|action\|hypothesis\] \[--at TIME\] \[--author NAME\] \[--dir D\]\n/,
    );
  });

  it('adds a note that show then prints, by an id suffix', async () => {
    const { id } = await seed();
    const noted = await run(['note', id.slice(-6), 'pool', 'at', '100%', '--author', 'bob'], tmp());
    assert.equal(noted.code, 0, noted.err);
    const shown = await run(['show', id, '--json'], tmp());
    const incident = JSON.parse(shown.out);
    // Events stamped in the same millisecond are ordered by their random ids: find the note.
    const added = incident.events.find((e: { text?: string }) => e.text === 'pool at 100%');
    assert.ok(added, JSON.stringify(incident.events));
    assert.equal(added.author, 'bob');
    const text = await run(['show', id], tmp());
    // Times as the milestones print them (UTC, to the second), and each timeline row with its kind.
    const utc = (iso: string) => `${iso.slice(0, 10)} ${iso.slice(11, 19)} UTC`;
    assert.match(text.out, new RegExp(`Incident Commander: alice \\(since ${utc(incident.roles[0].since)}\\)`));
    assert.ok(text.out.includes(`  ${utc(added.ts)}  Note          bob: pool at 100%`), text.out);
    assert.match(text.out, /^ {2}\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC {2}Declared {6}alice: Declared SEV1: Checkout down$/m);
    assert.match(text.out, /^ {2}\S+ \S+ UTC {2}Role change {3}alice: alice is Incident Commander$/m);
  });

  it('writes a decision, an action or a hypothesis with --kind, and refuses a kind the quick-add bar does not write', async () => {
    const { store, id } = await seed();
    const decided = await run(['note', id, 'Fail', 'over', 'to', 'the', 'replica', '--kind', 'Decision'], tmp());
    assert.equal(decided.code, 0, decided.err);
    assert.match(decided.out, /: decision \S+ added/);
    const refused = await run(['note', id, 'sent', '--kind', 'comms'], tmp());
    assert.equal(refused.code, 2);
    assert.match(refused.err, /--kind must be one of note, decision, action, hypothesis, not "comms"/);
    const entries = (await store.load(id))?.incident.events.filter((e) => e.type === 'entry');
    assert.deepEqual(
      entries?.map((e) => [(e as { kind?: string }).kind, (e as { text?: string }).text]),
      [['decision', 'Fail over to the replica']],
    );
    assert.match((await run(['show', id], tmp())).out, /Decision {6}\S+: Fail over to the replica$/m);
  });

  it('backfills a note with --at: listed where it happened, saying when it was recorded', async () => {
    const { store, id } = await seed();
    assert.equal((await run(['note', id, 'Paged the database team'], tmp())).code, 0);
    const late = await run(['note', id, 'Restarted', 'the', 'checkout', 'pods', '--at', '20m ago', '--kind', 'action'], tmp());
    assert.equal(late.code, 0, late.err);
    assert.match(late.out, /: action \S+ added, at \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC$/m);
    const events = (await store.load(id))?.incident.events ?? [];
    const backfilled = events.at(-1) as { at?: string; ts: string };
    assert.ok(backfilled.at, 'the entry keeps when it happened');
    assert.ok(Math.abs(Date.parse(backfilled.ts) - Date.parse(backfilled.at) - 20 * 60_000) < 5_000);
    // show lists it before the note written first, where it happened, saying it was recorded later.
    const timeline = (await run(['show', id], tmp())).out.split('Timeline:')[1];
    assert.ok(timeline.indexOf('Restarted the checkout pods') < timeline.indexOf('Paged the database team'), timeline);
    // (with the date too when it was recorded on the next day: this test may run at midnight)
    assert.match(timeline, /Restarted the checkout pods {2}\(recorded later at (\d{4}-\d\d-\d\d )?\d\d:\d\d(:\d\d)? UTC\)/);
    // A time that cannot be read, or one in the future, is refused and nothing is written.
    for (const at of ['teatime', 'in 5m', '2099-01-01T00:00Z']) {
      const refused = await run(['note', id, 'x', '--at', at], tmp());
      assert.equal(refused.code, 2, at);
      assert.match(refused.err, /--at: /);
    }
    assert.equal((await store.load(id))?.incident.events.length, events.length);
    // Now, or less than a minute ago, is no backfill: no `at`.
    assert.equal((await run(['note', id, 'Now', '--at', 'now'], tmp())).code, 0);
    assert.equal(((await store.load(id))?.incident.events.at(-1) as { at?: string }).at, undefined);
  });

  it('reports corrupt lines on stderr with file and line, and still lists', async () => {
    const { store, id } = await seed();
    fs.appendFileSync(store.eventsFile(id), 'garbage\n');
    const { code, out, err } = await run(['list'], tmp());
    assert.equal(code, 0);
    assert.match(out, /Checkout down/);
    assert.ok(err.includes(`${store.eventsFile(id)}:3: not valid JSON`), err);
  });

  it('exits 2 with usage for unknown commands and missing arguments', async () => {
    assert.equal((await run(['frobnicate'], tmp())).code, 2);
    const noText = await run(['note', 'INC-x'], tmp());
    assert.equal(noText.code, 2);
    assert.match(noText.err, /Usage: warroom note/);
    const missing = await run(['show', 'nope'], tmp());
    assert.equal(missing.code, 1);
    assert.match(missing.err, /no incident "nope"/);
  });

  it('runs as a real process', async () => {
    await seed();
    const out = execFileSync(process.execPath, [CLI, 'list'], { cwd: tmp(), encoding: 'utf8' });
    assert.match(out, /SEV1 {2}investigating/);
  });

  /** The CLI as a user runs it; a hang ends at a generous 60 s (the expected time is well under one, 4 s under load). */
  function runProcess(args: string[]): { code: number | null; out: string; err: string } {
    const result = spawnSync(process.execPath, [CLI, ...args], { cwd: tmp(), encoding: 'utf8', timeout: 60_000 });
    assert.equal(result.error, undefined, `warroom ${args.join(' ')} did not finish`);
    return { code: result.status, out: result.stdout, err: result.stderr };
  }

  /** A second incident, declared after the seeded one, whose events file `replace` swaps for something else. */
  async function withBadIncident(replace: (file: string) => void): Promise<{ store: FileIncidentStore; bad: string }> {
    const { store } = await seed();
    const bad = await store.declare(
      {
        type: 'declared',
        title: 'Bad one',
        severity: 'SEV2',
        urgency: 'high',
        service: 'x',
        startedAt: '2026-11-22T23:13:00.000Z',
        detectedAt: '2026-11-22T23:40:00.000Z',
      },
      'alice',
      new Date(Date.now() + 60_000),
    );
    fs.rmSync(store.eventsFile(bad));
    replace(store.eventsFile(bad));
    return { store, bad };
  }

  it('lists the others when one events.jsonl links outside, without printing the linked file, and never appends to it', async () => {
    const outside = path.join(tmp(), 'id_rsa');
    fs.writeFileSync(outside, '-----BEGIN OPENSSH PRIVATE KEY-----\n');
    const { store, bad } = await withBadIncident((file) => fs.symlinkSync(outside, file));
    const listed = runProcess(['list']);
    assert.equal(listed.code, 0, listed.err);
    assert.match(listed.out, /Checkout down/);
    assert.ok(listed.err.includes(`${store.eventsFile(bad)}: is a symbolic link`), listed.err);
    assert.ok(!listed.err.includes('PRIVATE KEY'), listed.err);
    const noted = runProcess(['note', bad, 'hello']);
    assert.equal(noted.code, 1);
    assert.match(noted.err, /is a symbolic link/);
    assert.equal(fs.readFileSync(outside, 'utf8'), '-----BEGIN OPENSSH PRIVATE KEY-----\n');
  });

  it('lists the others when one events.jsonl is a named pipe, instead of hanging', async () => {
    const { store, bad } = await withBadIncident((file) => execFileSync('mkfifo', [file]));
    const listed = runProcess(['list']);
    assert.equal(listed.code, 0, listed.err);
    assert.match(listed.out, /Checkout down/);
    assert.ok(listed.err.includes(`${store.eventsFile(bad)}: is a named pipe (FIFO)`), listed.err);
  });

  it('lists the others when one events.jsonl is a folder, naming it', async () => {
    const { store, bad } = await withBadIncident((file) => fs.mkdirSync(file));
    const listed = runProcess(['list']);
    assert.equal(listed.code, 0, listed.err);
    assert.match(listed.out, /Checkout down/);
    assert.ok(listed.err.includes(`${store.eventsFile(bad)}: is a folder`), listed.err);
    const json = runProcess(['list', '--json']);
    assert.deepEqual(
      JSON.parse(json.out).map((i: { title: string }) => i.title),
      ['Checkout down'],
    );
  });

  it('prints control characters in titles and notes escaped, so a title cannot write the clipboard', async () => {
    const store = new FileIncidentStore(path.join(tmp(), '.warroom'));
    const title = 'Checkout \x1b]52;c;Y3VybCBldmlsLnNoIHwgc2g=\x07down\r\u202E';
    const id = await store.declare(
      {
        type: 'declared',
        title,
        severity: 'SEV1',
        urgency: 'high',
        service: 'checkout',
        startedAt: '2026-11-22T23:13:00.000Z',
        detectedAt: '2026-11-22T23:40:00.000Z',
      },
      'alice',
    );
    await store.append(id, { type: 'entry', kind: 'note', text: 'see \x1b[2J\x9b31m' }, 'mallory\x1b[8m');
    const controls = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202e]/;
    const listed = runProcess(['list']);
    assert.ok(listed.out.includes('Checkout \\u001b]52;c;Y3VybCBldmlsLnNoIHwgc2g=\\u0007down\\u000d\\u202e'), listed.out);
    assert.ok(!controls.test(listed.out), JSON.stringify(listed.out));
    const shown = runProcess(['show', id]);
    assert.ok(shown.out.includes('mallory\\u001b[8m: see \\u001b[2J\\u009b31m'), shown.out);
    assert.ok(!controls.test(shown.out), JSON.stringify(shown.out));
    const json = runProcess(['show', id, '--json']);
    assert.equal(JSON.parse(json.out).title, title, 'JSON output still carries the exact title');
  });
});
