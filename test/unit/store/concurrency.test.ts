// Several processes append to one incident at once: every event lands, none is torn. A writer
// killed with SIGKILL mid-loop costs at most its last (torn) line.
import * as assert from 'node:assert/strict';
import { fork } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { FileIncidentStore } from '../../../src/adapters/store/fileStore';
import { useTempDir } from '../../support/tempDir';

const WORKER = path.resolve(__dirname, '../../support/appendWorker.js');

function runWorker(dataDir: string, id: string, count: number, tag: string): Promise<number | null> {
  return new Promise((resolve, reject) => {
    const child = fork(WORKER, [dataDir, id, String(count), tag], { stdio: 'ignore' });
    child.on('error', reject);
    child.on('exit', (code) => resolve(code));
  });
}

describe('concurrent appends', function () {
  this.timeout(120_000);
  const tmp = useTempDir();

  async function newIncident(): Promise<{ store: FileIncidentStore; id: string }> {
    const store = new FileIncidentStore(path.join(tmp(), '.warroom'));
    const id = await store.declare(
      {
        type: 'declared',
        title: 'load',
        severity: 'SEV3',
        urgency: 'low',
        service: 's',
        startedAt: new Date().toISOString(),
        detectedAt: new Date().toISOString(),
      },
      'setup',
    );
    return { store, id };
  }

  it('4 processes x 2,500 events: the fold has all 10,000, no corrupt line', async () => {
    const { store, id } = await newIncident();
    const codes = await Promise.all(['w1', 'w2', 'w3', 'w4'].map((tag) => runWorker(store.dataDir, id, 2500, tag)));
    assert.deepEqual(codes, [0, 0, 0, 0]);
    const loaded = await store.load(id);
    assert.deepEqual(loaded?.problems, []);
    const notes = loaded?.incident.entries ?? [];
    assert.equal(notes.length, 10_000);
    for (const tag of ['w1', 'w2', 'w3', 'w4']) {
      const seq = notes
        .filter((n) => n.author === tag)
        .map((n) => Number(n.text.split(' ')[1]))
        .sort((a, b) => a - b);
      assert.deepEqual(
        seq,
        Array.from({ length: 2500 }, (_, i) => i),
        `${tag} lost events`,
      );
    }
  });

  it('a writer killed with SIGKILL mid-loop: at most its last line is flagged, all else loads', async () => {
    const { store, id } = await newIncident();
    const file = store.eventsFile(id);
    const child = fork(WORKER, [store.dataDir, id, '1000000', 'victim'], { stdio: 'ignore' });
    await new Promise<void>((resolve) => {
      const poll = setInterval(() => {
        if (fs.statSync(file).size > 200_000) {
          clearInterval(poll);
          resolve();
        }
      }, 5);
    });
    child.kill('SIGKILL');
    await new Promise((resolve) => child.on('exit', resolve));
    // A writer that comes after the crash must not glue its event onto a torn line.
    await store.append(id, { type: 'entry', kind: 'note', text: 'after the crash' }, 'survivor');
    const lineCount = fs.readFileSync(file, 'utf8').split('\n').filter(Boolean).length;
    const loaded = await store.load(id);
    assert.ok((loaded?.problems.length ?? 0) <= 1, JSON.stringify(loaded?.problems));
    assert.equal((loaded?.incident.events.length ?? 0) + (loaded?.problems.length ?? 0), lineCount);
    assert.equal(loaded?.incident.entries.at(-1)?.text, 'after the crash');
  });
});
