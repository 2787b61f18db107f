import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { appendLine, FileIncidentStore } from '../../../src/adapters/store/fileStore';
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

describe('FileIncidentStore', () => {
  const tmp = useTempDir();
  const store = () => new FileIncidentStore(path.join(tmp(), '.warroom'));

  it('declares an incident as a folder holding events.jsonl', async () => {
    const s = store();
    const id = await s.declare(declaration, 'alice', new Date('2026-11-22T23:43:00Z'));
    assert.match(id, /^INC-20261122-2343-[0-9a-z]{6}$/);
    const lines = fs.readFileSync(s.eventsFile(id), 'utf8').split('\n');
    assert.equal(lines.length, 2);
    assert.equal(JSON.parse(lines[0]).type, 'declared');
    const loaded = await s.load(id);
    assert.equal(loaded?.incident.title, 'Checkout returns 500');
    assert.equal(loaded?.incident.declaredBy, 'alice');
  });

  it('declares with the events that come with it (an import) in one write, each at its own time, in order', async () => {
    const s = store();
    const then = [
      { input: { type: 'entry', kind: 'note', text: 'errors started' }, at: new Date('2026-11-22T23:13:00Z') },
      { input: { type: 'entry', kind: 'note', text: 'same minute' }, at: new Date('2026-11-22T23:13:00Z') },
      { input: { type: 'resolved', resolution: 'Imported from pm.md' }, at: new Date('2026-11-23T01:00:00Z') },
    ];
    const id = await s.declare(declaration, 'importer', new Date('2026-11-22T23:13:00Z'), then);
    const text = fs.readFileSync(s.eventsFile(id), 'utf8');
    assert.deepEqual(
      text
        .trimEnd()
        .split('\n')
        .map((line) => [JSON.parse(line).type, JSON.parse(line).ts]),
      [
        ['declared', '2026-11-22T23:13:00.000Z'],
        ['entry', '2026-11-22T23:13:00.000Z'],
        ['entry', '2026-11-22T23:13:00.000Z'],
        ['resolved', '2026-11-23T01:00:00.000Z'],
      ],
    );
    const incident = (await s.load(id))!.incident;
    assert.equal(incident.status, 'resolved');
    assert.deepEqual(
      incident.entries.map((e) => e.text),
      ['errors started', 'same minute'],
    );
  });

  it('appends several events in one write, each at its time, and writes none when one id is bad', async () => {
    const s = store();
    const id = await s.declare(declaration, 'alice', new Date('2026-11-22T23:43:00Z'));
    const before = fs.readFileSync(s.eventsFile(id), 'utf8');
    await assert.rejects(
      s.appendAll(
        id,
        [
          { input: { type: 'entry', kind: 'note', text: 'fine' }, at: new Date('2026-11-22T23:44:00Z') },
          { input: { type: 'entry', kind: 'note', text: 'bad id' }, at: new Date('2026-11-22T23:45:00Z'), eventId: 'NOT-AN-ID' },
        ],
        'pagerduty',
      ),
      /"NOT-AN-ID" is not an event id/,
    );
    assert.equal(fs.readFileSync(s.eventsFile(id), 'utf8'), before);
    const written = await s.appendAll(
      id,
      [
        { input: { type: 'entry', kind: 'alert', text: 'triggered' }, at: new Date('2026-11-22T23:40:00Z'), eventId: '0123456789abcdef' },
        { input: { type: 'entry', kind: 'note', text: 'acknowledged' }, at: new Date('2026-11-22T23:41:00Z') },
      ],
      'pagerduty',
    );
    assert.deepEqual(
      written.map((e) => [e.id.length, e.ts, e.author]),
      [
        [16, '2026-11-22T23:40:00.000Z', 'pagerduty'],
        [16, '2026-11-22T23:41:00.000Z', 'pagerduty'],
      ],
    );
    assert.equal(written[0].id, '0123456789abcdef');
    const lines = fs.readFileSync(s.eventsFile(id), 'utf8').slice(before.length).trimEnd().split('\n');
    assert.deepEqual(
      lines.map((line) => JSON.parse(line).id),
      written.map((e) => e.id),
    );
    assert.deepEqual(await s.appendAll(id, [], 'pagerduty'), []);
  });

  it('gives events.jsonl the union merge once, keeping existing attributes', async () => {
    const s = store();
    fs.mkdirSync(s.dataDir, { recursive: true });
    fs.writeFileSync(path.join(s.dataDir, '.gitattributes'), '*.png binary');
    await s.declare(declaration, 'a');
    await s.declare(declaration, 'b');
    assert.equal(fs.readFileSync(path.join(s.dataDir, '.gitattributes'), 'utf8'), '*.png binary\nevents.jsonl merge=union\n');
  });

  it('appends one line per event and never rewrites earlier lines', async () => {
    const s = store();
    const id = await s.declare(declaration, 'alice');
    const before = fs.readFileSync(s.eventsFile(id), 'utf8');
    await s.append(id, { type: 'entry', kind: 'note', text: 'DB pool at 100%' }, 'bob');
    const after = fs.readFileSync(s.eventsFile(id), 'utf8');
    assert.ok(after.startsWith(before));
    assert.equal((await s.load(id))?.incident.entries[0].text, 'DB pool at 100%');
  });

  it('folds events appended one after another in their order, even within one millisecond', async () => {
    // The fold orders by time, then by random id: two appends in the same millisecond once folded
    // either way (a milestone set and cleared by a script could end up set).
    const s = store();
    const id = await s.declare(declaration, 'alice');
    const texts = Array.from({ length: 60 }, (_, i) => `note ${i}`);
    for (const text of texts) {
      await s.append(id, { type: 'entry', kind: 'note', text }, 'alice');
    }
    assert.deepEqual(
      (await s.load(id))?.incident.entries.map((e) => e.text),
      texts,
    );
    // A time the caller gives is kept as given.
    const given = await s.append(id, { type: 'entry', kind: 'note', text: 'imported' }, 'alice', new Date('2026-11-22T23:50:00Z'));
    assert.equal(given.ts, '2026-11-22T23:50:00.000Z');
  });

  it('loads around a corrupt line, reports it by line number, and leaves the file as it was', async () => {
    const s = store();
    const id = await s.declare(declaration, 'alice');
    fs.appendFileSync(s.eventsFile(id), '{"hand edit": \n');
    await s.append(id, { type: 'entry', kind: 'note', text: 'after the bad line' }, 'bob');
    const text = fs.readFileSync(s.eventsFile(id), 'utf8');
    const loaded = await s.load(id);
    assert.equal(loaded?.incident.entries.length, 1);
    assert.deepEqual(
      loaded?.problems.map((p) => p.line),
      [2],
    );
    assert.equal(fs.readFileSync(s.eventsFile(id), 'utf8'), text);
  });

  it('shows no incident for an events file with nothing in it yet, and still one whose lines are all bad', async () => {
    const s = store();
    const declared = await s.declare(declaration, 'alice');
    const empty = 'INC-20261122-2350-empty1';
    fs.mkdirSync(path.join(tmp(), '.warroom', empty));
    fs.writeFileSync(s.eventsFile(empty), '');
    const blank = 'INC-20261122-2351-blank1';
    fs.mkdirSync(path.join(tmp(), '.warroom', blank));
    fs.writeFileSync(s.eventsFile(blank), '\n\n');
    const bad = 'INC-20261122-2352-badln1';
    fs.mkdirSync(path.join(tmp(), '.warroom', bad));
    fs.writeFileSync(s.eventsFile(bad), '{"cut off\n');
    assert.equal(await s.load(empty), undefined, 'not an untitled incident that began in 1970');
    assert.equal(await s.load(blank), undefined);
    const all = await s.loadAll();
    assert.deepEqual(all.incidents.map((l) => l.incident.id).sort(), [bad, declared].sort());
    assert.deepEqual(all.unreadable, []);
    assert.deepEqual(
      all.incidents.find((l) => l.incident.id === bad)?.problems.map((p) => p.line),
      [1],
    );
    assert.equal(fs.readFileSync(s.eventsFile(empty), 'utf8'), '', 'left as it is');
  });

  it('starts a new line after a torn write, so only the torn line is lost', async () => {
    const s = store();
    const id = await s.declare(declaration, 'alice');
    fs.appendFileSync(s.eventsFile(id), '{"id":"torn","ts":"2026-11');
    await s.append(id, { type: 'entry', kind: 'note', text: 'next' }, 'bob');
    const loaded = await s.load(id);
    assert.equal(loaded?.incident.entries[0].text, 'next');
    assert.deepEqual(
      loaded?.problems.map((p) => p.line),
      [2],
    );
  });

  it('loads a file saved with a byte order mark (as some Windows editors do) with its declaration', async () => {
    const s = store();
    const id = await s.declare(declaration, 'alice');
    const file = s.eventsFile(id);
    fs.writeFileSync(file, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), fs.readFileSync(file)]));
    const loaded = await s.load(id);
    assert.equal(loaded?.incident.title, 'Checkout returns 500');
    assert.equal(loaded?.incident.severity, 'SEV1');
    assert.deepEqual(loaded?.problems, []);
  });

  it('lists only incident folders, oldest first', async () => {
    const s = store();
    const late = await s.declare(declaration, 'a', new Date('2026-11-22T23:50:00Z'));
    const early = await s.declare(declaration, 'a', new Date('2026-11-20T08:00:00Z'));
    fs.mkdirSync(path.join(s.dataDir, 'notes'));
    assert.deepEqual(await s.listIds(), [early, late]);
    assert.equal((await s.loadAll()).incidents.length, 2);
  });

  it('reads an absent data dir as no incidents', async () => {
    assert.deepEqual(await store().loadAll(), { incidents: [], unreadable: [] });
  });

  it('refuses to append to something that is not an incident id', async () => {
    await assert.rejects(store().append('../../etc', { type: 'reopened' }, 'x'), /not an incident id/);
  });

  it('appendLine adds a newline only when the file lacks one', () => {
    const file = path.join(tmp(), 'f.jsonl');
    appendLine(file, 'a\n');
    fs.appendFileSync(file, 'b');
    appendLine(file, 'c\n');
    assert.equal(fs.readFileSync(file, 'utf8'), 'a\nb\nc\n');
  });
});
