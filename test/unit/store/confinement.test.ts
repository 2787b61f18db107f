// The data dir arrives with a clone or a pull, and git can commit symbolic links: the store reads and
// appends only regular files in real folders under it, of bounded size, on real files made here.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { appendLine, FileIncidentStore, MAX_EVENTS_FILE_BYTES } from '../../../src/adapters/store/fileStore';
import { useTempDir } from '../../support/tempDir';

const declaration = {
  type: 'declared' as const,
  title: 'Checkout returns 500',
  severity: 'SEV1' as const,
  urgency: 'high' as const,
  service: 'checkout',
  startedAt: '2026-11-22T23:13:00.000Z',
  detectedAt: '2026-11-22T23:40:00.000Z',
};
const SECRET = 'root:x:0:0:the file outside the data dir\n';

describe('FileIncidentStore confinement', () => {
  const tmp = useTempDir();
  const store = () => new FileIncidentStore(path.join(tmp(), 'repo', '.warroom'));

  /** A readable incident, a second one whose events file `replace` swaps for something else, and a file outside. */
  async function twoIncidents(
    replace: (file: string) => void,
  ): Promise<{ s: FileIncidentStore; good: string; bad: string; outside: string }> {
    const s = store();
    const good = await s.declare(declaration, 'alice', new Date('2026-11-22T23:43:00Z'));
    const bad = await s.declare({ ...declaration, title: 'the bad one' }, 'alice', new Date('2026-11-22T23:44:00Z'));
    const outside = path.join(tmp(), 'outside.txt');
    fs.writeFileSync(outside, SECRET);
    fs.rmSync(s.eventsFile(bad));
    replace(s.eventsFile(bad));
    return { s, good, bad, outside };
  }

  it('neither reads nor appends through an events.jsonl that links outside, nor prints what it points at', async () => {
    const { s, good, bad, outside } = await twoIncidents(() => undefined);
    fs.symlinkSync(outside, s.eventsFile(bad));
    await assert.rejects(
      s.load(bad),
      (error: Error) => /events\.jsonl: is a symbolic link/.test(error.message) && !error.message.includes('root:x'),
    );
    await assert.rejects(s.append(bad, { type: 'reopened' }, 'mallory'), /is a symbolic link/);
    assert.equal(fs.readFileSync(outside, 'utf8'), SECRET, 'the outside file is untouched');
    const all = await s.loadAll();
    assert.deepEqual(
      all.incidents.map((l) => l.incident.id),
      [good],
    );
    assert.deepEqual(
      all.unreadable.map((u) => [u.incidentId, u.file]),
      [[bad, s.eventsFile(bad)]],
    );
    assert.match(all.unreadable[0].message, /symbolic link/);
  });

  it('stamps a linked events.jsonl by the link itself, never what it points at', async () => {
    const { s, bad, outside } = await twoIncidents(() => undefined);
    fs.symlinkSync(outside, s.eventsFile(bad));
    assert.equal((await s.stamp(bad)).split(':')[0], String(fs.lstatSync(s.eventsFile(bad)).size));
    assert.notEqual(fs.lstatSync(s.eventsFile(bad)).size, SECRET.length);
  });

  it('does not follow a dangling link when appending (no file is created at its target)', async () => {
    const target = path.join(tmp(), 'created-by-append');
    const { s, bad } = await twoIncidents((file) => fs.symlinkSync(target, file));
    await assert.rejects(s.append(bad, { type: 'reopened' }, 'x'), /is a symbolic link/);
    assert.equal(fs.existsSync(target), false);
  });

  it('reports a named pipe (FIFO) at once instead of waiting on it, for reading and appending', async function () {
    const { s, good, bad } = await twoIncidents((file) => execFileSync('mkfifo', [file]));
    // A hang shows as mocha's 20 s timeout; the expected time is milliseconds.
    const all = await s.loadAll();
    assert.deepEqual(
      all.incidents.map((l) => l.incident.id),
      [good],
    );
    assert.match(all.unreadable[0].message, /named pipe \(FIFO\), not a regular file/);
    assert.throws(() => appendLine(s.eventsFile(bad), 'x\n'), /named pipe/);
  });

  it('does not read /dev/zero through a link', async () => {
    const { s, bad } = await twoIncidents((file) => fs.symlinkSync('/dev/zero', file));
    await assert.rejects(s.load(bad), /is a symbolic link/);
  });

  it('reports an events.jsonl that is a folder and loads the rest', async () => {
    const { s, good, bad } = await twoIncidents((file) => fs.mkdirSync(file));
    const all = await s.loadAll();
    assert.deepEqual(
      all.incidents.map((l) => l.incident.id),
      [good],
    );
    assert.deepEqual(
      all.unreadable.map((u) => u.incidentId),
      [bad],
    );
    assert.match(all.unreadable[0].message, /is a folder, not a regular file/);
    await assert.rejects(s.append(bad, { type: 'reopened' }, 'x'), /is a folder/);
  });

  it(`reports a file over ${MAX_EVENTS_FILE_BYTES / 1024 / 1024} MiB without reading it, and leaves it as it was`, async () => {
    const { s, good, bad } = await twoIncidents((file) => {
      fs.writeFileSync(file, '');
      fs.truncateSync(file, MAX_EVENTS_FILE_BYTES + 1); // sparse: no disk or time spent
    });
    const all = await s.loadAll();
    assert.deepEqual(
      all.incidents.map((l) => l.incident.id),
      [good],
    );
    assert.match(all.unreadable[0].message, /is 64\.0 MiB, over War Room's 64 MiB limit/);
    assert.equal(fs.statSync(s.eventsFile(bad)).size, MAX_EVENTS_FILE_BYTES + 1);
  });

  it('reports an incident folder that links outside, and appends nothing there', async () => {
    const s = store();
    const good = await s.declare(declaration, 'alice', new Date('2026-11-22T23:43:00Z'));
    const elsewhere = path.join(tmp(), 'elsewhere');
    fs.mkdirSync(elsewhere);
    fs.writeFileSync(path.join(elsewhere, 'events.jsonl'), fs.readFileSync(s.eventsFile(good)));
    const linked = 'INC-20261122-2350-linked';
    fs.symlinkSync(elsewhere, path.join(s.dataDir, linked));
    const all = await s.loadAll();
    assert.deepEqual(
      all.incidents.map((l) => l.incident.id),
      [good],
    );
    assert.deepEqual(
      all.unreadable.map((u) => [u.incidentId, u.file]),
      [[linked, path.join(s.dataDir, linked)]],
    );
    assert.match(all.unreadable[0].message, /the incident folder is a symbolic link/);
    const before = fs.readFileSync(path.join(elsewhere, 'events.jsonl'), 'utf8');
    await assert.rejects(s.append(linked, { type: 'reopened' }, 'x'), /symbolic link/);
    assert.equal(fs.readFileSync(path.join(elsewhere, 'events.jsonl'), 'utf8'), before);
  });

  it('refuses a data dir that is a symbolic link, naming it, and writes nothing through it', async () => {
    const real = path.join(tmp(), 'real');
    fs.mkdirSync(real);
    fs.mkdirSync(path.join(tmp(), 'repo'));
    const s = store();
    fs.symlinkSync(real, s.dataDir);
    await assert.rejects(s.loadAll(), (error: Error) => error.message.startsWith(`${s.dataDir}: the data dir is a symbolic link`));
    await assert.rejects(s.declare(declaration, 'alice'), /the data dir is a symbolic link/);
    assert.deepEqual(fs.readdirSync(real), []);
  });

  it('appends nothing through a .gitattributes that links outside', async () => {
    const s = store();
    fs.mkdirSync(s.dataDir, { recursive: true });
    const outside = path.join(tmp(), 'bashrc');
    fs.writeFileSync(outside, SECRET);
    fs.symlinkSync(outside, path.join(s.dataDir, '.gitattributes'));
    await assert.rejects(s.ensureUnionMerge(), /\.gitattributes: is a symbolic link/);
    assert.equal(fs.readFileSync(outside, 'utf8'), SECRET);
  });
});
