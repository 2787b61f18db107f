// Team sync's faults against a real PostgreSQL server (test/harness/postgres.ts): what one bad
// incident or one slow or silent connection must not do to the rest of the sync.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { FileIncidentStore } from '../../../src/adapters/store/fileStore';
import { TestPostgres } from '../../harness/postgres';
import { useTempDir } from '../../support/tempDir';
import { DECLARATION, WatchedClient } from '../../support/syncHelpers';

describe('team sync faults on PostgreSQL (real server)', function () {
  this.timeout(300_000);
  let pg: TestPostgres;
  let dbCount = 0;
  const clients: WatchedClient[] = [];

  before(async () => {
    pg = await TestPostgres.start();
  });
  after(async () => {
    await pg?.dispose();
  });
  // Before the temp folder's own afterEach: a stopping client may still save its state there.
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.client.stop()));
  });
  const tmp = useTempDir();

  const freshDb = () => pg.createDatabase(`f${++dbCount}`);
  const store = (name: string) => new FileIncidentStore(path.join(tmp(), name, '.warroom'));

  function live(s: FileIncidentStore, url: string, options = {}): WatchedClient {
    const watched = new WatchedClient(s, url, options);
    clients.push(watched);
    watched.client.start();
    return watched;
  }

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
    // Later cycles find nothing new: the refused rows count as seen and are not reported again.
    await ca.client.syncNow();
    await ca.client.syncNow();
    assert.equal(ca.client.status.kind, 'live');
    const reports = ca.problems.filter((p) => p.includes(refused));
    assert.equal(reports.length, 1, ca.problems.join('\n'));
    assert.match(reports[0], /symbolic link/);
    assert.deepEqual(fs.readdirSync(elsewhere), [], 'nothing is written through the link');
  });
});
