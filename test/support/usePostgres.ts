// The set-up every team sync suite on a real PostgreSQL server shares: one server for the suite,
// a fresh database per test, stores in a temp folder, admin connections and live clients closed
// after each test. Call it inside a `describe`.
import * as path from 'node:path';
import { Client } from 'pg';
import { FileIncidentStore } from '../../src/adapters/store/fileStore';
import { SyncClientOptions } from '../../src/adapters/sync';
import { TestPostgres } from '../harness/postgres';
import { WatchedClient } from './syncHelpers';
import { useTempDir } from './tempDir';

/** Resolves with `promise`, or fails naming `what` once a generous limit passes (a hang, not a slow machine). */
export async function settles<T>(promise: Promise<T>, what: string, limitMs = 60_000): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} still pending after ${limitMs / 1000} s`)), limitMs);
  });
  try {
    return await Promise.race([promise, limit]);
  } finally {
    clearTimeout(timer);
  }
}

export interface PostgresSuite {
  /** The suite's server (started before its first test). */
  server(): TestPostgres;
  /** A fresh, empty database's URL: no test sees another's rows. */
  freshDb(): string;
  /** A workspace's store, `name` its folder in this test's temp folder. */
  store(name: string): FileIncidentStore;
  /** A connection as the server's owner, closed after the test. */
  admin(url: string): Promise<Client>;
  /** A started client, stopped after the test (a stop that hangs fails the test, naming it). */
  live(store: FileIncidentStore, url: string, options?: Partial<SyncClientOptions>): WatchedClient;
  /** This test's temp folder. */
  tmp(): string;
}

export function usePostgres(dbPrefix: string): PostgresSuite {
  let pg: TestPostgres | undefined;
  let dbCount = 0;
  const clients: WatchedClient[] = [];
  const admins: Client[] = [];

  before(async () => {
    pg = await TestPostgres.start();
  });
  after(async () => {
    await pg?.dispose();
  });
  // Before the temp folder's own afterEach: a client saves its sync state as it stops, and would
  // make the folder again after it was removed.
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((c) => settles(c.client.stop(), 'stop()')));
    await Promise.all(admins.splice(0).map((c) => c.end().catch(() => undefined)));
  });
  const tmp = useTempDir();
  const server = () => {
    if (!pg) throw new Error('usePostgres: the server starts in the suite’s before hook');
    return pg;
  };

  return {
    server,
    tmp,
    freshDb: () => server().createDatabase(`${dbPrefix}${++dbCount}`),
    store: (name) => new FileIncidentStore(path.join(tmp(), name, '.warroom')),
    async admin(url) {
      const client = new Client({ connectionString: url });
      client.on('error', () => undefined);
      await client.connect();
      admins.push(client);
      return client;
    },
    live(s, url, options = {}) {
      const watched = new WatchedClient(s, url, options);
      clients.push(watched);
      watched.client.start();
      return watched;
    },
  };
}
