import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { FileIncidentStore } from '../../../src/adapters/store/fileStore';
import { main } from '../../../src/cli/main';
import { useTempDir } from '../../support/tempDir';

const CLI = path.resolve(__dirname, '../../../src/cli/main.js');

async function run(args: string[], cwd: string): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(args, { out: (t) => { out += t + '\n'; }, err: (t) => { err += t + '\n'; }, cwd, env: {} });
  return { code, out, err };
}

describe('warroom CLI: list, show, note', () => {
  const tmp = useTempDir();

  async function seed(): Promise<{ store: FileIncidentStore; id: string }> {
    const store = new FileIncidentStore(path.join(tmp(), '.warroom'));
    const id = await store.declare({
      type: 'declared', title: 'Checkout down', severity: 'SEV1', urgency: 'high', service: 'checkout',
      startedAt: '2026-11-22T23:13:00.000Z', detectedAt: '2026-11-22T23:40:00.000Z',
    }, 'alice');
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
    assert.deepEqual(list[0].roles.map((r: { person: string }) => r.person), ['alice']);
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
    assert.match(text.out, /Incident Commander: alice/);
    assert.match(text.out, /bob: pool at 100%/);
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
});
