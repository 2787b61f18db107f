// A local event too large for the team sync server is withheld and named as every other problem is:
// `file:line: message`, or, when its line cannot be found again, `file: event <id>: message`.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { FileIncidentStore } from '../../../src/adapters/store/fileStore';
import { SyncMirror } from '../../../src/adapters/sync';
import { DECLARATION } from '../../support/syncHelpers';
import { useTempDir } from '../../support/tempDir';

const TOO_LARGE = ': too large to share (301 KB; team sync carries events up to 256 KB), kept in the file';

describe('team sync: an event too large for the server', () => {
  const tmp = useTempDir();

  async function withBigNote(store: FileIncidentStore) {
    const id = await store.declare(DECLARATION, 'ann');
    // A pasted log: 300 KiB of text, over the 256 KiB a server row may hold.
    const big = await store.append(id, { type: 'entry', kind: 'note', text: 'x'.repeat(300 * 1024) }, 'ann');
    const small = await store.append(id, { type: 'entry', kind: 'note', text: 'written after the big one' }, 'ann');
    return { id, big, small };
  }

  it('is named by its file and line, and left out of the outbox', async () => {
    const store = new FileIncidentStore(path.join(tmp(), '.warroom'));
    const { id, small } = await withBigNote(store);
    const mirror = new SyncMirror(store, 'server-1');
    const sent = await mirror.outbox();
    assert.equal(sent.length, 2, 'the declaration and the small note');
    assert.ok(sent.some((e) => e.event.id === small.id));
    assert.deepEqual(
      mirror.takeWithheld().map((w) => w.message),
      [`.warroom/${id}/events.jsonl:2${TOO_LARGE}`],
    );
  });

  it('is named by its file and id, as a location without a line reads, when the file no longer has it', async () => {
    // The file is checked out again (an older version, without the note) after the store read it.
    class CheckedOutAfterRead extends FileIncidentStore {
      override async load(incidentId: string) {
        const loaded = await super.load(incidentId);
        const file = this.eventsFile(incidentId);
        fs.writeFileSync(file, fs.readFileSync(file, 'utf8').split('\n')[0] + '\n');
        return loaded;
      }
    }
    const store = new CheckedOutAfterRead(path.join(tmp(), '.warroom'));
    const { id, big } = await withBigNote(store);
    const mirror = new SyncMirror(store, 'server-1');
    await mirror.outbox([id]);
    assert.deepEqual(
      mirror.takeWithheld().map((w) => w.message),
      [`.warroom/${id}/events.jsonl: event ${big.id}${TOO_LARGE}`],
    );
  });
});
