// An incident folder or file this user may not write or read (made by `sudo warroom ...`, or made
// read-only) is refused like a linked one: a StoreFileError naming it and saying what to fix, for
// that incident only. Run as a user that modes bind (see test/support/permissionScenario.ts).
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { FileIncidentStore } from '../../../src/adapters/store/fileStore';
import { Outcome, runUnprivileged } from '../../support/permissionScenario';
import { useTempDir } from '../../support/tempDir';

function refusal(outcome: Outcome, file: string): string {
  assert.ok(outcome !== 'ok', `expected ${file} to be refused`);
  assert.ok(outcome.storeFileError, `a StoreFileError, not: ${outcome.message}`);
  assert.equal(outcome.file, file);
  assert.equal(outcome.message, `${file}: ${outcome.reason}`);
  return outcome.reason ?? '';
}

describe('FileIncidentStore permissions', function () {
  this.timeout(60_000);
  const tmp = useTempDir();

  it('an incident folder and file this user may not write or read is refused by name; the others are written', async () => {
    const dataDir = path.join(tmp(), 'repo', '.warroom');
    const result = await runUnprivileged('store', tmp(), { dataDir });
    const s = new FileIncidentStore(dataDir);
    const { locked, other, emptyLocked, closed } = result.ids;

    assert.match(refusal(result.lockedAppend, s.eventsFile(locked)), /^permission denied: .*not writable.*chmod/);
    assert.equal(result.otherAppend, 'ok');
    assert.deepEqual(result.lines, { locked: 1, other: 2 }, 'the other incident took its note; the locked file is as it was');
    // A teammate's first events for an incident whose empty folder is not writable: the folder is named.
    assert.match(refusal(result.emptyLockedAppendStamped, path.join(dataDir, emptyLocked)), /^permission denied: .*folder.*chmod/);
    // A folder this user may not open at all: the folder is named, and loadAll reports it alone.
    assert.match(refusal(result.closedLoad, path.join(dataDir, closed)), /^permission denied: .*folder.*chmod/);
    assert.deepEqual(result.loadAll.loaded, [locked, other]);
    assert.deepEqual(
      result.loadAll.unreadable.map((u) => [u.incidentId, u.file]),
      [[closed, path.join(dataDir, closed)]],
    );
    assert.match(result.loadAll.unreadable[0].message, /^permission denied/);
  });
});
