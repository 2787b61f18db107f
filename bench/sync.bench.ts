// Team sync through a private PostgreSQL server on loopback (test/harness/postgres.ts).
// sync.latency.p50 / .p95: an append in client A until the event is in client B's log (B's
//   onReceived, which is where the editor re-reads the incident); 100 samples after 10 warm-ups.
// sync.backfill: 500 incidents x 50 events pushed to an empty server (connect, migrate, outbox, insert).
// sync.catchup10k: a client that was offline while 10,000 events arrived starts and catches up.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { FileIncidentStore } from '../src/adapters/store/fileStore';
import { EventServer, SyncClient, SyncMirror, withConnection, migrate } from '../src/adapters/sync';
import { IncidentEvent } from '../src/core/events';
import { newIncidentId } from '../src/core/ids';
import { TestPostgres } from '../test/harness/postgres';
import { DECLARATION } from '../test/support/syncHelpers';
import { report, round } from './measure';

function declaredEvent(id: string, ts: number): IncidentEvent {
  return { id, ts: new Date(ts).toISOString(), author: 'alice', ...DECLARATION };
}

function notes(prefix: string, count: number, ts: number): IncidentEvent[] {
  return Array.from({ length: count }, (_, i) => ({
    id: `${prefix}-${i}`,
    ts: new Date(ts + i).toISOString(),
    type: 'entry',
    author: 'bob',
    kind: 'note',
    text: `observation ${i}: error rate ${i % 100}%`,
  }));
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))];
}

async function latency(pg: TestPostgres, root: string): Promise<void> {
  const url = pg.createDatabase('latency');
  const a = new FileIncidentStore(path.join(root, 'lat-a'));
  const b = new FileIncidentStore(path.join(root, 'lat-b'));
  const id = await a.declare(DECLARATION, 'ann');
  let waiting: (() => void) | undefined;
  const ca = new SyncClient({ url, store: a });
  const cb = new SyncClient({ url, store: b, onReceived: () => waiting?.() });
  const arrived = () => new Promise<void>((resolve) => (waiting = resolve));
  let first = arrived();
  ca.start();
  cb.start();
  await first;
  const samples: number[] = [];
  for (let i = 0; i < 110; i++) {
    first = arrived();
    const start = performance.now();
    await a.append(id, { type: 'entry', kind: 'note', text: `sample ${i}` }, 'ann');
    ca.localAppend(id);
    await first;
    if (i >= 10) samples.push(performance.now() - start);
  }
  await Promise.all([ca.stop(), cb.stop()]);
  samples.sort((x, y) => x - y);
  report({ bench: 'sync.latency.p50', value: round(percentile(samples, 50)), unit: 'ms', samples: samples.length });
  report({ bench: 'sync.latency.p95', value: round(percentile(samples, 95)), unit: 'ms', samples: samples.length });
}

async function backfill(pg: TestPostgres, root: string): Promise<void> {
  const url = pg.createDatabase('backfill');
  const store = new FileIncidentStore(path.join(root, 'backfill'));
  const start = Date.parse('2026-11-01T00:00:00Z');
  for (let i = 0; i < 500; i++) {
    const id = newIncidentId(new Date(start + i * 60_000), Buffer.from([i & 255, i >> 8, 7, 9]));
    await store.appendStamped(id, [declaredEvent(`d-${i}`, start), ...notes(`i${i}`, 49, start)]);
  }
  const t0 = performance.now();
  const inserted = await withConnection(url, async (client) => {
    const mirror = new SyncMirror(store, (await migrate(client)).serverId);
    await mirror.loadState();
    const { inserted } = await mirror.pushAll(new EventServer(client));
    await mirror.saveState();
    return inserted;
  });
  const ms = performance.now() - t0;
  if (inserted !== 25_000) throw new Error(`backfill inserted ${inserted}, not 25000`);
  report({ bench: 'sync.backfill', value: round(ms), unit: 'ms', events: inserted });
}

async function catchup(pg: TestPostgres, root: string): Promise<void> {
  const url = pg.createDatabase('catchup');
  const online = new FileIncidentStore(path.join(root, 'cu-online'));
  const offline = new FileIncidentStore(path.join(root, 'cu-offline'));
  const id = newIncidentId(new Date('2026-11-22T23:00:00Z'), Buffer.from([1, 2, 3, 4]));
  await online.appendStamped(id, [declaredEvent('d-catchup', Date.now())]);
  // The offline client knew the incident, then was away while 10,000 events were written.
  let done: (() => void) | undefined;
  const first = new SyncClient({ url, store: offline, onReceived: () => done?.() });
  const joined = new Promise<void>((resolve) => (done = resolve));
  await withConnection(url, async (client) => {
    const mirror = new SyncMirror(online, (await migrate(client)).serverId);
    await mirror.push(new EventServer(client), await mirror.outbox());
  });
  first.start();
  await joined;
  await first.stop();
  await online.appendStamped(id, notes('c', 10_000, Date.now()));
  await withConnection(url, async (client) => {
    const mirror = new SyncMirror(online, (await migrate(client)).serverId);
    await mirror.push(new EventServer(client), await mirror.outbox());
  });
  let caughtUp: (() => void) | undefined;
  const all = new Promise<void>((resolve) => (caughtUp = resolve));
  const again = new SyncClient({
    url,
    store: offline,
    onReceived: () => void offline.load(id).then((l) => l?.incident.events.length === 10_001 && caughtUp?.()),
  });
  const t0 = performance.now();
  again.start();
  await all;
  const ms = performance.now() - t0;
  await again.stop();
  report({ bench: 'sync.catchup10k', value: round(ms), unit: 'ms', events: 10_000 });
}

async function main(): Promise<void> {
  const pg = await TestPostgres.start();
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'warroom-bench-sync-'));
  try {
    await latency(pg, root);
    await backfill(pg, root);
    await catchup(pg, root);
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
    await pg.dispose();
  }
}

void main().then(
  () => process.exit(0),
  (error: Error) => {
    console.error(error);
    process.exit(1);
  },
);
