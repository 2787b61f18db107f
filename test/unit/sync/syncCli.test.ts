import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { FileIncidentStore } from '../../../src/adapters/store/fileStore';
import { runCli } from '../../support/cli';
import { TestPostgres } from '../../harness/postgres';
import { DECLARATION, fileIds } from '../../support/syncHelpers';
import { useTempDir } from '../../support/tempDir';

const run = (args: string[], cwd: string, env: NodeJS.ProcessEnv = {}) => runCli(args, cwd, env);

describe('warroom sync status|push|pull (real PostgreSQL)', function () {
  this.timeout(120_000);
  let pg: TestPostgres;
  const tmp = useTempDir();
  before(async () => {
    pg = await TestPostgres.start();
  });
  after(async () => {
    await pg?.dispose();
  });

  it('backfills a server from one copy and another copy from the server, idempotently', async () => {
    const url = pg.createDatabase('cli');
    const a = new FileIncidentStore(path.join(tmp(), 'a', '.warroom'));
    const ids = [await a.declare(DECLARATION, 'ann'), await a.declare({ ...DECLARATION, title: 'Two' }, 'ann')];
    await a.append(ids[0], { type: 'entry', kind: 'note', text: 'hello' }, 'ann');
    const cwdA = path.join(tmp(), 'a');
    const cwdB = path.join(tmp(), 'b');
    // A fresh clone's folder, no .warroom in it yet: `--dir` names the data folder pull starts there.
    fs.mkdirSync(cwdB);

    const before = await run(['sync', 'status', '--url', url], cwdA);
    assert.equal(before.code, 0, before.err);
    assert.match(before.out, /no War Room tables yet/);
    assert.match(before.out, /3 events; 3 not on the server/);

    const pushed = await run(['sync', 'push', '--url', url], cwdA);
    assert.match(pushed.out, /pushed 3 events .*: 3 new there/);
    // $WARROOM_PG_URL stands in for --url.
    assert.match((await run(['sync', 'push'], cwdA, { WARROOM_PG_URL: url })).out, /pushed 0 events/);

    const pulled = await run(['sync', 'pull', '--url', url, '--dir', path.join(cwdB, '.warroom')], cwdB);
    assert.equal(pulled.code, 0, pulled.err);
    assert.match(pulled.out, /pulled 3 events into 2 incidents/);
    assert.match((await run(['sync', 'pull', '--url', url, '--dir', path.join(cwdB, '.warroom')], cwdB)).out, /pulled 0 events/);
    const b = new FileIncidentStore(path.join(cwdB, '.warroom'));
    assert.deepEqual(await b.listIds(), [...ids].sort());
    assert.deepEqual((await fileIds(b, ids[0])).ids.sort(), (await fileIds(a, ids[0])).ids.sort());

    const asked = await run(['sync', 'status', '--json', '--url', url], cwdA);
    const status = JSON.parse(asked.out);
    assert.equal(status.events, 3);
    // The server's clock is this machine's: read, and no warning.
    assert.ok(Math.abs(status.clockOffsetMs) < 1000, String(status.clockOffsetMs));
    assert.equal(asked.err, '');
    assert.equal(status.local.queued, 0);
    assert.equal(status.server.includes('@'), false, 'the status must not print credentials');
  });

  it('push: an event too large for the server is named by file and line; the others are pushed', async () => {
    const url = pg.createDatabase('big');
    const a = new FileIncidentStore(path.join(tmp(), 'a', '.warroom'));
    const id = await a.declare(DECLARATION, 'ann');
    await a.append(id, { type: 'entry', kind: 'note', text: 'é'.repeat(150 * 1024) }, 'ann');
    await a.append(id, { type: 'entry', kind: 'note', text: 'small' }, 'ann');
    const cwd = path.join(tmp(), 'a');
    const before = fs.readFileSync(a.eventsFile(id));

    const pushed = await run(['sync', 'push', '--url', url], cwd);
    assert.equal(pushed.code, 1);
    assert.match(pushed.out, /pushed 2 events .*: 2 new there/);
    assert.equal(
      pushed.err.trim(),
      `.warroom/${id}/events.jsonl:2: too large to share (301 KB; team sync carries events up to 256 KB), kept in the file`,
    );
    assert.match((await run(['sync', 'status', '--url', url], cwd)).out, /; 0 not on the server \(and 1 too large to share\)/);
    assert.deepEqual(fs.readFileSync(a.eventsFile(id)), before);
  });

  it('pull: an incident whose folder here is a link is named on stderr; the others arrive', async () => {
    const url = pg.createDatabase('refused');
    const a = new FileIncidentStore(path.join(tmp(), 'a', '.warroom'));
    const [linked, plain] = [await a.declare(DECLARATION, 'ann'), await a.declare({ ...DECLARATION, title: 'Two' }, 'ann')];
    assert.equal((await run(['sync', 'push', '--url', url], path.join(tmp(), 'a'))).code, 0);
    const cwdB = path.join(tmp(), 'b');
    fs.mkdirSync(path.join(cwdB, '.warroom'), { recursive: true });
    fs.mkdirSync(path.join(tmp(), 'elsewhere'));
    fs.symlinkSync(path.join(tmp(), 'elsewhere'), path.join(cwdB, '.warroom', linked));

    const pulled = await run(['sync', 'pull', '--url', url], cwdB);
    assert.equal(pulled.code, 1);
    assert.match(pulled.out, /pulled 1 event into 1 incident/);
    assert.match(pulled.err, new RegExp(`1 event of ${linked} from the server not written here: \\.warroom/${linked}: .*symbolic link`));
    assert.equal((await new FileIncidentStore(path.join(cwdB, '.warroom')).load(plain))?.incident.title, 'Two');
    assert.deepEqual(fs.readdirSync(path.join(tmp(), 'elsewhere')), []);
  });

  it('says what is missing: no server, a bad action, an unreachable server', async () => {
    assert.equal((await run(['sync', 'push'], tmp())).code, 2);
    assert.match((await run(['sync', 'push'], tmp())).err, /WARROOM_PG_URL/);
    assert.equal((await run(['sync', 'upload', '--url', pg.url()], tmp())).code, 2);
    const down = await run(['sync', 'status', '--url', 'postgres://nobody:secret@127.0.0.1:1/x'], tmp());
    assert.equal(down.code, 1);
    assert.doesNotMatch(down.err, /secret/);
    // Not a URL pg reads: said as such, not as a host name it failed to find ("getaddrinfo ENOTFOUND base").
    for (const url of ['not a url', 'http://db:5432/x', 'db.example.com']) {
      const bad = await run(['sync', 'status', '--url', url], tmp());
      assert.equal(bad.code, 2, url);
      assert.match(
        bad.err,
        /^warroom sync: --url is not a postgres:\/\/ or postgresql:\/\/ URL \(postgres:\/\/user@host:5432\/warroom\)\n/,
      );
    }
    const fromEnv = await run(['sync', 'status'], tmp(), { WARROOM_PG_URL: 'mysql://root:hunter2@db/x' });
    assert.equal(fromEnv.code, 2);
    assert.match(fromEnv.err, /^warroom sync: \$WARROOM_PG_URL is not a postgres:\/\//);
    assert.doesNotMatch(fromEnv.err, /hunter2/);
  });
});
