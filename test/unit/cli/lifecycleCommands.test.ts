import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { FileIncidentStore } from '../../../src/adapters/store/fileStore';
import { roleNamed } from '../../../src/core/roles';
import { declareCheckoutDown, runCli } from '../../support/cli';
import { useTempDir } from '../../support/tempDir';

const MINUTE = 60_000;

describe('warroom CLI: declare, severity, status, role, resolve, reopen', () => {
  const tmp = useTempDir();
  const store = () => new FileIncidentStore(path.join(tmp(), '.warroom'));
  const eventsOf = async (id: string) => (await store().load(id))?.incident.events ?? [];
  const lines = (id: string) =>
    fs
      .readFileSync(path.join(tmp(), '.warroom', id, 'events.jsonl'), 'utf8')
      .split('\n')
      .filter(Boolean);

  it('declares an incident in ./.warroom, with its times, service and commander, and prints its id first', async () => {
    const before = Date.now();
    const declared = await runCli(
      [
        'declare',
        'Checkout',
        'failing:',
        'payments',
        'time',
        'out',
        '--severity',
        'sev1',
        '--service',
        'checkout',
        '--began',
        '20m ago',
        '--commander',
        ' Dana\nWhitfield ',
        '--author',
        'sam',
      ],
      tmp(),
    );
    assert.equal(declared.code, 0, declared.err);
    const id = declared.out.split(/\s/)[0];
    assert.match(declared.out, /^INC-\d{8}-\d{4}-[0-9a-z]+ {2}declared SEV1 \(P1\): Checkout failing: payments time out {2}in /);
    const incident = (await store().load(id))?.incident;
    assert.ok(incident, `${id} is in ${tmp()}/.warroom`);
    assert.equal(incident.title, 'Checkout failing: payments time out');
    assert.equal(incident.severity, 'SEV1');
    assert.equal(incident.urgency, 'high');
    assert.equal(incident.service, 'checkout');
    const began = Date.parse(incident.startedAt);
    assert.ok(began >= before - 20 * MINUTE - 1000 && began <= Date.now() - 20 * MINUTE + 1000, `began 20m ago: ${incident.startedAt}`);
    assert.ok(Date.parse(incident.detectedAt) >= before, 'detected now');
    assert.deepEqual(
      incident.roles.map((r) => [r.role, r.person]),
      [['commander', 'Dana Whitfield']],
    );
    assert.deepEqual(
      incident.events.map((e) => [e.type, e.author]),
      [
        ['declared', 'sam'],
        ['role_assigned', 'sam'],
      ],
    );
    const listed = JSON.parse((await runCli(['list', '--json'], tmp())).out);
    assert.deepEqual(
      listed.map((i: { id: string }) => i.id),
      [id],
    );
  });

  it('declares into the nearest .warroom above, and prints the incident as JSON with --json', async () => {
    const existing = await declareCheckoutDown(tmp());
    const sub = path.join(tmp(), 'services', 'api');
    fs.mkdirSync(sub, { recursive: true });
    const declared = await runCli(['declare', 'Queue', 'backlog', '--severity', 'SEV3', '--urgency', 'low', '--json'], sub);
    assert.equal(declared.code, 0, declared.err);
    const json = JSON.parse(declared.out);
    assert.equal(json.title, 'Queue backlog');
    assert.equal(json.priority, 'P4');
    assert.equal(json.events, undefined, 'the summary, as list --json prints it');
    assert.equal(fs.existsSync(path.join(sub, '.warroom')), false);
    assert.deepEqual((await store().listIds()).sort(), [existing, json.id].sort());
  });

  it('starts the incidents of a repository at its root when declared from a folder inside it', async () => {
    fs.mkdirSync(path.join(tmp(), '.git'));
    const lib = path.join(tmp(), 'src', 'lib');
    fs.mkdirSync(lib, { recursive: true });
    const declared = await runCli(['declare', 'Queue', 'backlog', '--severity', 'SEV3'], lib);
    assert.equal(declared.code, 0, declared.err);
    assert.equal(fs.existsSync(path.join(lib, '.warroom')), false);
    assert.deepEqual(await store().listIds(), [declared.out.split(' ')[0]]);
    assert.match((await runCli(['list'], path.join(tmp(), 'src'))).out, /Queue backlog/);
  });

  it('lists a resolved incident with how long it lasted, not how long ago it began', async () => {
    const id = await declareCheckoutDown(tmp()); // began 2026-11-22 12:00 UTC
    await store().append(id, { type: 'resolved', resolution: 'Rolled back' }, 'alice', new Date('2026-11-22T13:25:00Z'));
    assert.match((await runCli(['list'], tmp())).out, new RegExp(`^${id} {2}SEV2 {2}resolved +1h 25m {2}Checkout down$`, 'm'));
  });

  it('takes a title of 200 characters, the longest a title may be', async () => {
    const declared = await runCli(['declare', 't'.repeat(200), '--severity', 'SEV3'], tmp());
    assert.equal(declared.code, 0, declared.err);
    assert.equal((await store().load(declared.out.split(' ')[0]))?.incident.title.length, 200);
  });

  it('writes a title typed with a newline as one line', async () => {
    const declared = await runCli(['declare', 'Checkout\ndown\t now', '--severity', 'SEV2'], tmp());
    assert.equal(declared.code, 0, declared.err);
    assert.equal((await store().load(declared.out.split(' ')[0]))?.incident.title, 'Checkout down now');
  });

  it('refuses a bad severity, urgency or time with the usage line, and writes nothing', async () => {
    const cases: [string[], RegExp][] = [
      [['declare', 'x', '--severity', 'SEV5'], /--severity must be one of SEV1, SEV2, SEV3, SEV4, not "SEV5"/],
      [['declare', 'x', '--severity', 'SEV1', '--urgency', 'now'], /--urgency must be one of high, medium, low, not "now"/],
      [['declare', 'x', '--severity', 'SEV1', '--began', 'tomorrow-ish'], /--began: .*\(now, 14:15, 20m ago/],
      [['declare', 'x'], /needs <title\.\.\.> and --severity <SEV>/],
      [['declare', '--severity', 'SEV1'], /missing <title\.\.\.>/],
      [['declare', ' \n ', '--severity', 'SEV1'], /missing <title\.\.\.>/],
      [
        ['declare', 'x'.repeat(150), 'y'.repeat(60), '--severity', 'SEV1'],
        /at most 200 characters \(this one has 211\): .* put the rest in a note/,
      ],
    ];
    for (const [args, message] of cases) {
      const refused = await runCli(args, tmp());
      assert.equal(refused.code, 2, args.join(' '));
      assert.match(refused.err, message);
      assert.match(refused.err, /Usage: warroom declare/);
    }
    assert.equal(fs.existsSync(path.join(tmp(), '.warroom')), false, 'no data dir made for a refused declaration');
  });

  it('changes severity and status, one event each, and none when nothing changes', async () => {
    const id = await declareCheckoutDown(tmp());
    assert.match((await runCli(['severity', id, 'sev1', '--author', 'bob'], tmp())).out, /SEV2 -> SEV1/);
    assert.match((await runCli(['severity', id, 'SEV1'], tmp())).out, /already SEV1/);
    assert.match((await runCli(['status', id, 'Identified'], tmp())).out, /investigating -> identified/);
    assert.match((await runCli(['status', id, 'identified'], tmp())).out, /already identified/);
    const incident = (await store().load(id))?.incident;
    assert.equal(incident?.severity, 'SEV1');
    assert.equal(incident?.status, 'identified');
    assert.deepEqual(
      (await eventsOf(id)).map((e) => [e.type, e.author]),
      [
        ['declared', 'alice'],
        ['severity_changed', 'bob'],
        ['status_changed', process.env.WARROOM_AUTHOR ?? (await import('node:os')).userInfo().username],
      ],
    );
  });

  it('refuses a status of resolved (resolve says what ended the impact) and an unknown one', async () => {
    const id = await declareCheckoutDown(tmp());
    const resolved = await runCli(['status', id, 'resolved'], tmp());
    assert.equal(resolved.code, 2);
    assert.match(resolved.err, new RegExp(`resolve it with: warroom resolve ${id} <what ended the customer impact>`));
    const unknown = await runCli(['status', id, 'fixed'], tmp());
    assert.equal(unknown.code, 2);
    assert.match(unknown.err, /the status must be one of investigating, identified, monitoring, not "fixed"/);
    assert.equal(lines(id).length, 1);
  });

  it('assigns roles by id, label or short name, and says whom a role was handed off from', async () => {
    const id = await declareCheckoutDown(tmp());
    assert.match((await runCli(['role', id, 'IC', 'Dana', 'Whitfield'], tmp())).out, /Dana Whitfield is Incident Commander$/m);
    assert.match(
      (await runCli(['role', id, 'incident commander', 'Lee'], tmp())).out,
      /Lee is Incident Commander \(handed off from Dana Whitfield\)/,
    );
    assert.match((await runCli(['role', id, 'tech lead', 'Sam'], tmp())).out, /Sam is Technical lead$/m);
    assert.match((await runCli(['role', id, 'sme', 'Ana'], tmp())).out, /Ana is Subject matter expert$/m);
    assert.match((await runCli(['role', id, 'SME', 'Bo'], tmp())).out, /Bo is Subject matter expert$/m, 'several experts: no hand-off');
    const roles = (await store().load(id))?.incident.roles.map((r) => `${r.role}:${r.person}`).sort();
    assert.deepEqual(roles, ['commander:Lee', 'sme:Ana', 'sme:Bo', 'tech:Sam']);
  });

  it('refuses a role it does not know, an inherited name among them, and writes nothing', async () => {
    const id = await declareCheckoutDown(tmp());
    for (const typed of ['boss', 'constructor', '__proto__', 'toString']) {
      const refused = await runCli(['role', id, typed, 'Dana'], tmp());
      assert.equal(refused.code, 2, typed);
      assert.match(refused.err, new RegExp(`the role must be one of commander, comms, .* not "${typed}"`));
    }
    assert.equal(lines(id).length, 1);
  });

  it('resolves with the resolution, refuses to resolve twice or set a status then, and reopens with a reason', async () => {
    const id = await declareCheckoutDown(tmp());
    const resolved = await runCli(['resolve', id, 'Rolled', 'back', 'v2.4.1'], tmp());
    assert.equal(resolved.code, 0, resolved.err);
    let incident = (await store().load(id))?.incident;
    assert.equal(incident?.status, 'resolved');
    assert.equal(incident?.resolution, 'Rolled back v2.4.1');

    const again = await runCli(['resolve', id, 'again'], tmp());
    assert.equal(again.code, 1);
    assert.equal(again.err, `warroom resolve: ${id} is already resolved; to work on it again, reopen it: warroom reopen ${id} [reason]\n`);
    const status = await runCli(['status', id, 'monitoring'], tmp());
    assert.equal(status.code, 1);
    assert.match(status.err, /is resolved: reopen it first/);
    // Typed by its short form: the way back names the incident in full.
    const resolvedAgain = await runCli(['status', id.slice(-6), 'resolved'], tmp());
    assert.equal(resolvedAgain.code, 1);
    assert.equal(
      resolvedAgain.err,
      `warroom status: ${id} is already resolved; to work on it again, reopen it: warroom reopen ${id} [reason]\n`,
    );
    assert.equal(lines(id).length, 2);

    assert.equal((await runCli(['reopen', id, 'errors', 'are', 'back'], tmp())).code, 0);
    incident = (await store().load(id))?.incident;
    assert.notEqual(incident?.status, 'resolved');
    const reopened = (await eventsOf(id)).at(-1);
    assert.deepEqual([reopened?.type, (reopened as { reason?: string }).reason], ['reopened', 'errors are back']);
    const notResolved = await runCli(['reopen', id], tmp());
    assert.equal(notResolved.code, 1);
    assert.match(notResolved.err, /is not resolved/);
  });

  it('needs the resolution', async () => {
    const id = await declareCheckoutDown(tmp());
    const refused = await runCli(['resolve', id], tmp());
    assert.equal(refused.code, 2);
    assert.match(refused.err, /missing <resolution\.\.\.>/);
  });
});

describe('roleNamed: a role as a person types it', () => {
  it('reads ids, labels in any case and spacing, and the common short names', () => {
    const cases: [string, string | undefined][] = [
      ['commander', 'commander'],
      ['IC', 'commander'],
      ['Incident Commander', 'commander'],
      ['incident-commander', 'commander'],
      ['tech', 'tech'],
      ['Tech Lead', 'tech'],
      ['technical_lead', 'tech'],
      ['comms lead', 'comms'],
      ['Communications lead', 'comms'],
      ['support lead', 'support'],
      ['Customer support lead', 'support'],
      ['subject matter expert', 'sme'],
      ['problem manager', 'problem'],
      ['scribe', 'scribe'],
      ['boss', undefined],
      ['constructor', undefined],
      ['hasOwnProperty', undefined],
      ['', undefined],
    ];
    for (const [typed, role] of cases) {
      assert.equal(roleNamed(typed), role, typed);
    }
  });
});
