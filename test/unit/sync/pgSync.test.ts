// Team sync against a real PostgreSQL server (test/harness/postgres.ts): schema, push and pull,
// two live clients, the server going away, a client killed mid-write, a dropped LISTEN
// connection, a hostile row, and 4 processes x 2,500 events at once.
import * as assert from 'node:assert/strict';
import { fork } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Client } from 'pg';
import { FileIncidentStore } from '../../../src/adapters/store/fileStore';
import { eventBody, EventServer, migrate, PUSH_SLICE, readSchema, SCHEMA_VERSION, SyncMirror } from '../../../src/adapters/sync';
import { SYNC_SERVER_CLOCK } from '../../../src/adapters/sync/eventServer';
import { ClockReading, isSkewed } from '../../../src/core/clock';
import { EventBase } from '../../../src/core/events';
import { newIncidentId } from '../../../src/core/ids';
import { usePostgres } from '../../support/usePostgres';
import { DECLARATION, fileIds, WatchedClient } from '../../support/syncHelpers';

const WORKER = path.resolve(__dirname, '../../support/syncWorker.js');

/** The least-privilege role documented in docs/TEAM_SYNC.md, for a database already migrated. */
const LEAST_PRIVILEGE_SQL = (database: string) => [
  "CREATE ROLE warroom_client LOGIN PASSWORD 'pw'",
  `GRANT CONNECT ON DATABASE ${database} TO warroom_client`,
  'GRANT USAGE ON SCHEMA public TO warroom_client',
  'GRANT SELECT ON warroom_schema TO warroom_client',
  'GRANT SELECT, INSERT (event_id, incident_id, ts, author, type, body) ON warroom_events TO warroom_client',
  'GRANT USAGE ON SEQUENCE warroom_events_seq TO warroom_client',
];

describe('team sync on PostgreSQL (real server)', function () {
  this.timeout(900_000);
  const { server, freshDb, store, admin, live, tmp } = usePostgres('t');

  /** A fresh database, migrated: an admin connection to it, its event server and its schema row. */
  async function migrated(): Promise<{ db: Client; server: EventServer; schema: Awaited<ReturnType<typeof migrate>> }> {
    const db = await admin(freshDb());
    return { db, server: new EventServer(db), schema: await migrate(db) };
  }

  async function note(s: FileIncidentStore, id: string, text: string, client?: WatchedClient): Promise<string> {
    const event = await s.append(id, { type: 'entry', kind: 'note', text }, 'ann');
    client?.client.localAppend(id);
    return event.id;
  }

  it('migrates once, idempotently, when two clients migrate at the same time', async () => {
    const url = freshDb();
    const [a, b] = [await admin(url), await admin(url)];
    const [sa, sb] = await Promise.all([migrate(a), migrate(b)]);
    assert.equal(sa.version, SCHEMA_VERSION);
    assert.equal(sa.serverId, sb.serverId);
    assert.deepEqual(await readSchema(a), sa);
    assert.equal((await a.query('SELECT count(*)::int AS n FROM warroom_schema')).rows[0].n, 1);
    assert.deepEqual(await migrate(a), sa);
  });

  it('push and pull backfill a server and another copy, idempotently, each event stored once', async () => {
    const { server, schema } = await migrated();
    const a = store('a');
    const id = await a.declare(DECLARATION, 'ann');
    for (let i = 0; i < 20; i++) await note(a, id, `n${i}`);
    const mirrorA = new SyncMirror(a, schema.serverId);
    assert.equal(await mirrorA.push(server, await mirrorA.outbox()), 21);
    await mirrorA.saveState();
    assert.deepEqual(await mirrorA.outbox(), []);
    // A fresh mirror (state lost) pushes again: nothing new on the server.
    const again = new SyncMirror(a, schema.serverId);
    assert.equal(await again.push(server, await again.outbox()), 0);
    assert.equal((await server.stats()).events, 21);

    const b = store('b');
    const mirrorB = new SyncMirror(b, schema.serverId);
    const pulled = await mirrorB.pull(server);
    assert.equal(pulled.received.get(id), 21);
    assert.equal((await mirrorB.pull(server)).received.size, 0);
    // A mirror that lost its state pulls again: the file already has every event.
    assert.equal((await new SyncMirror(b, schema.serverId).pull(server)).received.size, 0);
    const [fa, fb] = [await fileIds(a, id), await fileIds(b, id)];
    assert.deepEqual([...fb.ids].sort(), [...fa.ids].sort());
    assert.equal(fb.problems, 0);
    // The state file stays out of git.
    assert.equal(fs.readFileSync(path.join(a.dataDir, '.sync', '.gitignore'), 'utf8'), '*\n');
  });

  it('a push inserts the very bodies the outbox weighed: each event is serialised once per cycle', async () => {
    const { db, server, schema } = await migrated();
    const a = store('a');
    const id = await a.declare(DECLARATION, 'ann');
    await note(a, id, 'weighed once');
    const mirror = new SyncMirror(a, schema.serverId);
    const outgoing = await mirror.outbox();
    const weighed = outgoing.map((e) => (e as { body?: string }).body);
    assert.deepEqual(
      weighed,
      outgoing.map((e) => eventBody(e.event)),
      'each outgoing event carries the body it was weighed by',
    );
    // Changed after the weighing: a push that serialised the events again would send the change.
    for (const e of outgoing) (e.event as { author: string }).author = 'changed after weighing';
    assert.equal(await mirror.push(server, outgoing), 2);
    const rows = await db.query<{ body: string }>('SELECT body::text AS body FROM warroom_events ORDER BY seq');
    assert.deepEqual(
      rows.rows.map((r) => r.body),
      weighed,
    );
  });

  it('a refused incident is remembered in the state file and fetched again once its folder is fixed', async () => {
    const { server, schema } = await migrated();
    const b = store('b');
    const refused = await b.declare(DECLARATION, 'bob');
    await note(b, refused, 'one');
    const other = await b.declare({ ...DECLARATION, title: 'Other' }, 'bob');
    const mirrorB = new SyncMirror(b, schema.serverId);
    await mirrorB.push(server, await mirrorB.outbox());

    const a = store('a');
    const elsewhere = path.join(tmp(), 'elsewhere');
    fs.mkdirSync(elsewhere);
    fs.mkdirSync(a.dataDir, { recursive: true });
    fs.symlinkSync(elsewhere, path.join(a.dataDir, refused));
    const mirror = new SyncMirror(a, schema.serverId);
    const pulled = await mirror.pull(server);
    assert.deepEqual(
      pulled.refused.map((r) => [r.incidentId, r.events]),
      [[refused, 2]],
    );
    assert.equal(pulled.received.get(other), 1);
    await mirror.saveState();

    // The editor restarts before the folder is fixed: the state file still names the incident.
    const restarted = new SyncMirror(a, schema.serverId);
    await restarted.loadState();
    const still = await restarted.retryRefused(server);
    assert.deepEqual(
      still.refused.map((r) => [r.incidentId, r.events]),
      [[refused, 2]],
    );
    assert.equal(still.received.size, 0);
    assert.deepEqual(fs.readdirSync(elsewhere), []);

    fs.unlinkSync(path.join(a.dataDir, refused));
    const fixed = await restarted.retryRefused(server);
    assert.deepEqual([...fixed.received], [[refused, 2]]);
    assert.deepEqual(fixed.refused, []);
    assert.deepEqual((await fileIds(a, refused)).ids, (await fileIds(b, refused)).ids);
    // Done with: neither a retry nor the catch-up writes it again.
    assert.equal((await restarted.retryRefused(server)).received.size, 0);
    assert.equal((await restarted.pull(server)).received.size, 0);
    assert.equal((await fileIds(a, refused)).ids.length, 2);
    await restarted.saveState();
    const reloaded = new SyncMirror(a, schema.serverId);
    await reloaded.loadState();
    assert.equal(reloaded.state.refused?.size ?? 0, 0);
  });

  it('a full push sends every incident in slices, reading the next while one inserts; again, nothing new', async () => {
    const { db, server, schema } = await migrated();
    const a = store('slices');
    const incidents = PUSH_SLICE * 2 + 3;
    for (let i = 0; i < incidents; i++) {
      const id = newIncidentId(new Date(Date.UTC(2026, 10, 1, 0, i)), Buffer.from([i & 255, i >> 8, 1, 2]));
      await a.appendStamped(id, [
        { id: `d${i}`, ts: '2026-11-01T00:00:00.000Z', author: 'ann', ...DECLARATION },
        { id: `n${i}`, ts: '2026-11-01T00:01:00.000Z', author: 'ann', type: 'entry', kind: 'note', text: `note ${i}` } as EventBase,
      ]);
    }
    const mirror = new SyncMirror(a, schema.serverId);
    assert.deepEqual(await mirror.pushAll(server), { sent: incidents * 2, inserted: incidents * 2 });
    assert.deepEqual(await mirror.outbox(), [], 'every slice confirmed');
    const stats = await server.stats();
    assert.deepEqual([stats.events, stats.incidents], [incidents * 2, incidents]);
    // State lost: everything is sent again and nothing is new.
    assert.deepEqual(await new SyncMirror(a, schema.serverId).pushAll(server), { sent: incidents * 2, inserted: 0 });
    // A failed insert rejects the push (never an unhandled rejection, never a partial count).
    await db.end();
    await assert.rejects(new SyncMirror(a, schema.serverId).pushAll(server));
  });

  it('two live clients: a note and a new incident from one reach the other', async () => {
    const url = freshDb();
    const [a, b] = [store('a'), store('b')];
    const id = await a.declare(DECLARATION, 'ann');
    const [ca, cb] = [live(a, url), live(b, url)];
    await Promise.all([ca.untilLive(), cb.untilLive()]);
    await cb.until(async () => (await b.load(id)) !== undefined, 'the incident in b');
    const noteId = await note(a, id, 'db primary failed over', ca);
    await cb.until(async () => (await fileIds(b, id)).ids.includes(noteId), 'the note in b');
    const id2 = await b.declare({ ...DECLARATION, title: 'Second' }, 'bob');
    cb.client.localAppend(id2);
    await ca.until(async () => (await a.load(id2))?.incident.title === 'Second', "b's incident in a");
  });

  it('server stopped mid-incident: both keep writing (queued, offline), then converge; nothing lost or doubled', async () => {
    const url = freshDb();
    const [a, b] = [store('a'), store('b')];
    const id = await a.declare(DECLARATION, 'ann');
    const [ca, cb] = [live(a, url), live(b, url)];
    await Promise.all([ca.untilLive(), cb.untilLive()]);
    await cb.until(async () => (await b.load(id)) !== undefined, 'the incident in b');
    await server().stop();
    await ca.until(() => ca.client.status.kind !== 'live', 'a to notice');
    const written: string[] = [];
    for (let i = 0; i < 5; i++) {
      written.push(await note(a, id, `a offline ${i}`, ca));
      written.push(await note(b, id, `b offline ${i}`, cb));
    }
    await ca.until(() => ca.client.status.kind !== 'live' && 'queued' in ca.client.status && ca.client.status.queued === 5, 'a: 5 queued');
    await cb.until(() => cb.client.status.kind !== 'live' && 'queued' in cb.client.status && cb.client.status.queued === 5, 'b: 5 queued');
    await server().resume();
    const complete = async (s: FileIncidentStore) => {
      const { ids } = await fileIds(s, id);
      return written.every((w) => ids.includes(w));
    };
    await ca.until(() => complete(a), 'a to have every event');
    await cb.until(() => complete(b), 'b to have every event');
    const [fa, fb] = [await fileIds(a, id), await fileIds(b, id)];
    assert.equal(new Set(fa.ids).size, fa.ids.length, 'a has a doubled event');
    assert.equal(new Set(fb.ids).size, fb.ids.length, 'b has a doubled event');
    assert.deepEqual([...fa.ids].sort(), [...fb.ids].sort());
    assert.deepEqual((await a.load(id))?.incident, (await b.load(id))?.incident);
  });

  it('a client killed by SIGKILL between its local append and its insert sends the event on restart', async () => {
    const url = freshDb();
    const a = store('a');
    const id = await a.declare(DECLARATION, 'ann');
    const signal = await new Promise<NodeJS.Signals | null>((resolve, reject) => {
      const child = fork(WORKER, ['kill', url, a.dataDir, id], { stdio: 'inherit' });
      child.on('error', reject);
      child.on('exit', (_code, sig) => resolve(sig));
    });
    assert.equal(signal, 'SIGKILL');
    const lastId = (await fileIds(a, id)).ids.at(-1)!;
    const db = await admin(url);
    const onServer = async () => (await db.query('SELECT 1 FROM warroom_events WHERE event_id = $1', [lastId])).rowCount === 1;
    assert.equal(await onServer(), false, 'the worker was meant to die before inserting');
    const restarted = live(a, url);
    await restarted.until(onServer, 'the outbox to send the event');
  });

  it('a dropped LISTEN connection: the reconnect catches up; a lost notification: the safety poll delivers', async () => {
    const url = freshDb();
    const [a, b] = [store('a'), store('b')];
    const id = await a.declare(DECLARATION, 'ann');
    const ca = live(a, url);
    const cb = live(b, url, { pollMs: 1000 });
    await Promise.all([ca.untilLive(), cb.untilLive()]);
    await cb.until(async () => (await b.load(id)) !== undefined, 'the incident in b');
    const db = await admin(url);
    await db.query('SELECT pg_terminate_backend($1)', [cb.client.backendPid]);
    const first = await note(a, id, 'written while b reconnects', ca);
    await cb.until(async () => (await fileIds(b, id)).ids.includes(first), 'the catch-up');
    await cb.untilLive();
    // Deaf: b's connection stays up but hears no notification. Only the poll can deliver.
    await (cb.client as unknown as { client: Client }).client.query('UNLISTEN *');
    const second = await note(a, id, 'notified to nobody', ca);
    await cb.until(async () => (await fileIds(b, id)).ids.includes(second), 'the safety poll');
  });

  it('a hostile row (bad incident id, not an event) is reported and never written', async () => {
    const url = freshDb();
    const db = await admin(url);
    await migrate(db);
    const body = JSON.stringify({ id: 'evil1', ts: '2026-11-22T23:00:00Z', type: 'entry', author: 'x', kind: 'note', text: 'x' });
    await db.query(
      `INSERT INTO warroom_events (event_id, incident_id, ts, author, type, body) VALUES ('evil1', '../../outside', now(), 'x', 'entry', $1), ('evil2', 'INC-20261122-2300-abcdef', now(), 'x', 'entry', '{"id":"evil2"}')`,
      [body],
    );
    const b = store('b');
    const cb = live(b, url);
    await cb.untilLive();
    await cb.until(() => cb.problems.length >= 2, 'both rows reported');
    assert.match(cb.problems.join('\n'), /not an incident id/);
    assert.deepEqual(await b.listIds(), []);
    assert.equal(fs.existsSync(path.join(tmp(), 'outside')), false);
  });

  it('works as a least-privilege role (SELECT/INSERT on the events, SELECT on the schema, the sequence) once migrated', async () => {
    const url = freshDb();
    const db = await admin(url);
    await migrate(db);
    const database = new URL(url).pathname.slice(1);
    for (const sql of LEAST_PRIVILEGE_SQL(database)) await db.query(sql);
    const limited = url.replace('postgres://warroom@', 'postgres://warroom_client:pw@');
    const [a, b] = [store('a'), store('b')];
    const id = await a.declare(DECLARATION, 'ann');
    const [ca, cb] = [live(a, limited), live(b, limited)];
    await Promise.all([ca.untilLive(), cb.untilLive()]);
    await cb.until(async () => (await b.load(id)) !== undefined, 'the incident through the limited role');
    // And nothing more: the role cannot rewrite history.
    const client = await admin(limited);
    await assert.rejects(client.query('DELETE FROM warroom_events'), /permission denied/);
    await assert.rejects(client.query('UPDATE warroom_events SET author = $1', ['mallory']), /permission denied/);
    await assert.rejects(
      client.query(
        `INSERT INTO warroom_events (event_id, incident_id, seq, ts, author, type, body) VALUES ('x', $1, 999999, now(), 'm', 'entry', '{}')`,
        [id],
      ),
      /permission denied/,
      'the server alone draws seq',
    );
  });

  it('presence: a beat from one client reaches the other, and is not stored', async () => {
    const url = freshDb();
    const [a, b] = [store('a'), store('b')];
    const heard: string[] = [];
    const ca = live(a, url);
    const cb = live(b, url, { onPresence: (beat: { user: string; incidentId: string }) => heard.push(`${beat.user}@${beat.incidentId}`) });
    await Promise.all([ca.untilLive(), cb.untilLive()]);
    await ca.client.beat('INC-20261122-2300-abcdef', 'ann', true);
    await cb.until(() => heard.includes('ann@INC-20261122-2300-abcdef'), 'the beat');
    const db = await admin(url);
    assert.equal((await db.query('SELECT count(*)::int AS n FROM warroom_events')).rows[0].n, 0);
  });

  it("reads the server's clock on connecting and with every heartbeat (the same machine's: no skew)", async () => {
    const readings: ClockReading[] = [];
    const c = live(store('a'), freshDb(), { heartbeatMs: 150, onClock: (r: ClockReading) => readings.push(r) });
    await c.untilLive();
    await c.until(() => readings.length >= 3, 'a reading on connecting and two heartbeats');
    for (const r of readings) {
      assert.equal(r.source, SYNC_SERVER_CLOCK);
      // One clock: the offset is within what the round trip allows, and the round trip is short.
      assert.ok(Math.abs(r.offsetMs) <= r.uncertaintyMs + 5 && r.uncertaintyMs < 1000, JSON.stringify(r));
      assert.equal(isSkewed(r), false);
    }
  });

  it('load: 4 processes x 2,500 events through the server: 10,000 in the table and in every mirror, none lost or doubled', async () => {
    const url = freshDb();
    const seed = store('seed');
    const id = await seed.declare(DECLARATION, 'ann');
    const seeder = live(seed, url);
    await seeder.untilLive();
    await seeder.client.stop();
    const dirs = ['w1', 'w2', 'w3', 'w4'].map((tag) => ({ tag, store: store(tag) }));
    const codes = await Promise.all(
      dirs.map(
        ({ tag, store: s }) =>
          new Promise<number | null>((resolve, reject) => {
            const child = fork(WORKER, ['load', url, s.dataDir, id, '2500', tag, '10001'], { stdio: 'inherit' });
            child.on('error', reject);
            child.on('exit', (code) => resolve(code));
          }),
      ),
    );
    assert.deepEqual(codes, [0, 0, 0, 0]);
    const db = await admin(url);
    const counts = await db.query('SELECT count(*)::int AS n, count(DISTINCT event_id)::int AS d FROM warroom_events');
    assert.deepEqual(counts.rows[0], { n: 10_001, d: 10_001 });
    for (const { tag, store: s } of dirs) {
      const { ids, problems } = await fileIds(s, id);
      assert.equal(problems, 0, `${tag}: corrupt lines`);
      assert.equal(ids.length, 10_001, `${tag}: ${ids.length} lines`);
      assert.equal(new Set(ids).size, 10_001, `${tag}: doubled events`);
    }
  });
});
