// Team sync's faults against a real PostgreSQL server (test/harness/postgres.ts): what one bad
// incident or one slow or silent connection must not do to the rest of the sync.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { migrate } from '../../../src/adapters/sync';
import { describeSyncStatus } from '../../../src/core/sync';
import { settles, usePostgres } from '../../support/usePostgres';
import { SilentProxy } from '../../support/silentProxy';
import { DECLARATION, fileIds } from '../../support/syncHelpers';
import { runUnprivileged } from '../../support/permissionScenario';

describe('team sync faults on PostgreSQL (real server)', function () {
  this.timeout(300_000);
  const { server, freshDb, store, admin, live, tmp } = usePostgres('f');
  const proxies: SilentProxy[] = [];
  afterEach(async () => {
    await Promise.all(proxies.splice(0).map((p) => p.dispose()));
  });

  async function proxy(): Promise<SilentProxy> {
    const started = await SilentProxy.start(server().port);
    proxies.push(started);
    return started;
  }

  it('a local event too large for the server is reported with its file and line, kept, and holds back nothing else', async () => {
    const url = freshDb();
    const [a, b] = [store('a'), store('b')];
    const [ca, cb] = [live(a, url), live(b, url)];
    await Promise.all([ca.untilLive(), cb.untilLive()]);
    const id = await a.declare(DECLARATION, 'ann');
    // A pasted log: 300 KiB of text, over the 256 KiB a server row may hold.
    await a.append(id, { type: 'entry', kind: 'note', text: 'x'.repeat(300 * 1024) }, 'ann');
    const small = await a.append(id, { type: 'entry', kind: 'note', text: 'written after the big one' }, 'ann');
    const before = fs.readFileSync(a.eventsFile(id));
    ca.client.localAppend(id);
    const theirs = await b.declare({ ...DECLARATION, title: 'From bob' }, 'bob');
    cb.client.localAppend(theirs);

    await cb.until(async () => (await fileIds(b, id)).ids.includes(small.id), "a's small note in b");
    await ca.until(async () => (await a.load(theirs))?.incident.title === 'From bob', "b's incident in a");
    await ca.until(() => ca.client.status.kind === 'live' && ca.client.status.queued === 0, 'a: nothing left to send');
    await ca.client.syncNow();
    await ca.client.syncNow();
    const reports = ca.problems.filter((p) => p.includes('events.jsonl'));
    assert.deepEqual(reports, [
      `team sync: .warroom/${id}/events.jsonl:2: too large to share (301 KB; team sync carries events up to 256 KB), kept in the file`,
    ]);
    assert.equal((await fileIds(b, id)).ids.length, 2, 'b has the declaration and the small note');
    assert.deepEqual(fs.readFileSync(a.eventsFile(id)), before, "a's file is as it was");
  });

  it('a push the server refuses (a role that may only read) still lets the pull through', async () => {
    const url = freshDb();
    const db = await admin(url);
    await migrate(db);
    const reader = server().readerUrl(new URL(url).pathname.slice(1));
    const [a, b] = [store('a'), store('b')];
    await a.declare(DECLARATION, 'ann');
    const theirs = await b.declare({ ...DECLARATION, title: 'From bob' }, 'bob');
    const cb = live(b, url);
    await cb.until(
      async () => (await db.query('SELECT 1 FROM warroom_events WHERE incident_id = $1', [theirs])).rowCount === 1,
      "b's push",
    );
    const ca = live(a, reader);
    await ca.until(async () => (await a.load(theirs))?.incident.title === 'From bob', "b's incident in a");
    await ca.until(() => ca.problems.some((p) => /permission denied/.test(p)), 'the refused push reported');
    // Every later cycle is refused the same way: said once, and the status says why nothing goes.
    await ca.client.syncNow();
    await ca.client.syncNow();
    assert.equal(ca.problems.filter((p) => /permission denied/.test(p)).length, 1, ca.problems.join('\n'));
    const status = ca.client.status;
    assert.ok(status.kind === 'live' && status.queued === 1 && /permission denied/.test(status.notSent ?? ''), JSON.stringify(status));
    assert.match(describeSyncStatus(status), /^Team sync live \(receiving\), 1 event not sent: permission denied/);
  });

  it('an incident the local store refuses (a linked folder) is reported once; every other incident still arrives', async () => {
    const url = freshDb();
    const [a, b] = [store('a'), store('b')];
    const cb = live(b, url);
    await cb.untilLive();
    const refused = await b.declare(DECLARATION, 'bob');
    cb.client.localAppend(refused);
    await cb.client.syncNow();
    // On a's machine that incident's folder is a symbolic link, as a clone can bring.
    const elsewhere = path.join(tmp(), 'elsewhere');
    fs.mkdirSync(elsewhere);
    fs.mkdirSync(a.dataDir, { recursive: true });
    fs.symlinkSync(elsewhere, path.join(a.dataDir, refused));
    const later = await b.declare({ ...DECLARATION, title: 'Declared later' }, 'bob');
    cb.client.localAppend(later);
    await cb.client.syncNow();

    const ca = live(a, url);
    await ca.until(async () => (await a.load(later))?.incident.title === 'Declared later', 'the later incident in a');
    await ca.untilLive();
    // Later cycles (Sync Now retries the refused incident) do not report it again.
    await ca.client.syncNow();
    await ca.client.syncNow();
    assert.equal(ca.client.status.kind, 'live');
    const reports = ca.problems.filter((p) => p.includes(refused));
    assert.equal(reports.length, 1, ca.problems.join('\n'));
    assert.match(reports[0], /symbolic link/);
    assert.deepEqual(fs.readdirSync(elsewhere), [], 'nothing is written through the link');
  });

  it('an incident the store refused arrives on the next Sync Now once its folder is fixed, without a full resync', async () => {
    const url = freshDb();
    const [a, b] = [store('a'), store('b')];
    const cb = live(b, url);
    await cb.untilLive();
    const refused = await b.declare(DECLARATION, 'bob');
    await b.append(refused, { type: 'entry', kind: 'note', text: 'written before the link was fixed' }, 'bob');
    cb.client.localAppend(refused);
    await cb.client.syncNow();
    const elsewhere = path.join(tmp(), 'elsewhere');
    fs.mkdirSync(elsewhere);
    fs.mkdirSync(a.dataDir, { recursive: true });
    const link = path.join(a.dataDir, refused);
    fs.symlinkSync(elsewhere, link);

    const ca = live(a, url);
    await ca.untilLive();
    const reports = () => ca.problems.filter((p) => p.includes(refused));
    await ca.until(() => reports().length > 0, 'the refusal reported');
    // Still linked: each retry is refused again, said once, and nothing goes through the link.
    await ca.client.syncNow();
    await ca.client.syncNow();
    assert.equal(reports().length, 1, ca.problems.join('\n'));
    assert.match(reports()[0], /2 events of .* symbolic link.*once that is fixed/);
    assert.deepEqual(fs.readdirSync(elsewhere), []);
    // The user removes the link: no teammate writes anything more, and the mirror keeps its state.
    fs.unlinkSync(link);
    await ca.client.syncNow();
    assert.deepEqual((await fileIds(a, refused)).ids, (await fileIds(b, refused)).ids);
    assert.equal((await a.load(refused))?.incident.title, DECLARATION.title);
    assert.equal(reports().length, 1, ca.problems.join('\n'));
    // Written once: later cycles add nothing.
    await ca.client.syncNow();
    assert.equal((await fileIds(a, refused)).ids.length, 2);
  });

  it('an incident folder this user may not write (made with sudo) is refused alone, and written once its mode is fixed', async () => {
    const url = freshDb();
    const mine = path.join(tmp(), 'a', '.warroom');
    const result = await runUnprivileged('mirror', tmp(), { url, mine, theirs: path.join(tmp(), 'b', '.warroom') });
    const { locked, other } = result.ids;
    const lockedFile = path.join(mine, locked, 'events.jsonl');
    assert.ok(!('error' in result.pull), `the pull failed as a whole: ${'error' in result.pull ? result.pull.error : ''}`);
    // The other incident arrives; the locked one is refused, named, and remembered for a retry.
    assert.deepEqual(result.pull.received, [[other, 1]]);
    assert.equal(result.afterPull.other.length, 1);
    assert.deepEqual(
      result.pull.refused.map((r) => [r.incidentId, r.file, r.events]),
      [[locked, lockedFile, 1]],
    );
    assert.match(result.pull.refused[0].reason, /^permission denied/);
    assert.deepEqual(result.pull.stateRefused, [locked]);
    assert.equal(result.afterPull.locked.length, 1, 'the locked file is as the clone brought it');
    // Its mode fixed, the retry writes what it lacks, and nothing stays refused.
    assert.ok(!('error' in result.retry), `the retry failed: ${'error' in result.retry ? result.retry.error : ''}`);
    assert.deepEqual(result.retry.received, [[locked, 1]]);
    assert.deepEqual(result.retry.refused, []);
    assert.deepEqual(result.retry.stateRefused, []);
    assert.deepEqual(result.afterRetry.locked, result.afterRetry.teammateLocked);
    assert.equal(result.afterRetry.locked.length, 2);
  });

  it('stop() right after a local append still sends it: a healthy connection is not cut short', async () => {
    const url = freshDb();
    const a = store('a');
    const ca = live(a, url);
    await ca.untilLive();
    const id = await a.declare(DECLARATION, 'ann');
    ca.client.localAppend(id);
    await ca.client.stop();
    const db = await admin(url);
    assert.equal((await db.query('SELECT 1 FROM warroom_events WHERE incident_id = $1', [id])).rowCount, 1);
  });

  it('stop() (and the closing beat before it) returns when the connection went silent during a query', async () => {
    const silent = await proxy();
    const a = store('a');
    // No heartbeat comes to the rescue here (it would, one interval or two later): Disconnect must
    // not wait for it.
    const ca = live(a, silent.url(freshDb()), { heartbeatMs: 3_600_000 });
    await ca.untilLive();
    silent.silence();
    const syncing = ca.client.syncNow();
    await ca.until(() => silent.swallowed > 0, 'the catch-up query sent into the silence');
    // As Disconnect does: a last beat saying the incident is closed here, then stop.
    await settles(ca.client.beat('INC-20261122-2300-abcdef', 'ann', false), 'the closing beat');
    await settles(ca.client.stop(), 'stop()');
    assert.deepEqual(ca.client.status, { kind: 'off' });
    await settles(syncing, 'the cycle in flight');
  });

  it('stop() returns when an idle connection went silent (its goodbye is never answered)', async () => {
    const silent = await proxy();
    const ca = live(store('a'), silent.url(freshDb()), { heartbeatMs: 3_600_000 });
    await ca.untilLive();
    silent.silence();
    await settles(ca.client.stop(), 'stop()');
    assert.deepEqual(ca.client.status, { kind: 'off' });
  });

  it('a connection that goes silent while connecting (before any heartbeat) is given up and made again', async () => {
    const silent = await proxy();
    silent.silenceNextAfter(1);
    const ca = live(store('a'), silent.url(freshDb()), { queryStallMs: 1_000 });
    await ca.until(() => silent.swallowed > 0, 'the schema check sent into the silence');
    await ca.untilLive();
    assert.ok(
      ca.statuses.some((s) => s.kind === 'offline' && /no answer for 1 s while connecting/.test(s.reason)),
      JSON.stringify(ca.statuses),
    );
  });

  it('a query slower than the heartbeat (a teammate holding the lock) is not taken for a lost connection', async () => {
    const url = freshDb();
    const a = store('a');
    // The stall limit out of the way: the heartbeat alone is under test.
    const ca = live(a, url, { heartbeatMs: 250, queryStallMs: 3_600_000 });
    await ca.untilLive();
    const pid = ca.client.backendPid;
    // A teammate's long write holds the lock every insert takes.
    const teammate = await admin(url);
    await teammate.query('BEGIN');
    await teammate.query("SELECT pg_advisory_xact_lock(hashtext('warroom'))");
    const id = await a.declare(DECLARATION, 'ann');
    ca.client.localAppend(id);
    const db = await admin(url);
    const waiting = async () =>
      (await db.query("SELECT 1 FROM pg_stat_activity WHERE pid = $1 AND wait_event_type = 'Lock'", [pid])).rowCount === 1;
    await ca.until(waiting, "a's insert waiting for the lock");
    // Twenty heartbeats' worth of waiting: each one used to queue behind the insert, go unanswered
    // and drop the connection, and the push started over, for ever.
    await new Promise((resolve) => setTimeout(resolve, 20 * 250));
    assert.deepEqual(ca.problems, []);
    assert.equal(await waiting(), true, 'the same connection, still waiting');
    await teammate.query('COMMIT');
    const sent = async () => (await db.query('SELECT 1 FROM warroom_events WHERE incident_id = $1', [id])).rowCount === 1;
    await ca.until(sent, 'the insert once the lock is free');
    assert.equal(ca.client.backendPid, pid);
    assert.deepEqual(ca.problems, []);
  });

  it('a query unanswered far longer than a server takes is a lost connection: the client reconnects and carries on', async () => {
    const silent = await proxy();
    const url = freshDb();
    const a = store('a');
    const ca = live(a, silent.url(url), { heartbeatMs: 250, queryStallMs: 2_000 });
    await ca.untilLive();
    silent.silence();
    void ca.client.syncNow();
    await ca.until(() => ca.problems.some((p) => /connection lost/.test(p)), 'the silent connection given up');
    // The proxy forwards new connections: the network is back.
    await ca.untilLive();
    const id = await a.declare(DECLARATION, 'ann');
    ca.client.localAppend(id);
    const db = await admin(url);
    await ca.until(
      async () => (await db.query('SELECT 1 FROM warroom_events WHERE incident_id = $1', [id])).rowCount === 1,
      'the new event sent',
    );
  });
});
