// The sync state file is written beside itself and renamed into place: a temporary file left by a
// process that died mid-save, or another save of the same state under way, must not stop the save.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { FileIncidentStore } from '../../../src/adapters/store/fileStore';
import { SyncMirror } from '../../../src/adapters/sync';
import { useTempDir } from '../../support/tempDir';

describe('team sync: saving the sync state', () => {
  const tmp = useTempDir();

  function mirror(): SyncMirror {
    return new SyncMirror(new FileIncidentStore(path.join(tmp(), '.warroom')), 'server-1');
  }

  it('saves over a temporary file an earlier process with the same pid left behind', async () => {
    const m = mirror();
    await m.saveState();
    // A process that died between writing and renaming, whose pid this process now has (pids are
    // reused; in a container the extension host's is often the same number).
    const stale = `${m.stateFile}.${process.pid}.tmp`;
    fs.writeFileSync(stale, 'half a state');
    fs.rmSync(m.stateFile);
    await m.saveState();
    assert.deepEqual(JSON.parse(fs.readFileSync(m.stateFile, 'utf8')).version, 1);
  });

  it('two saves under way at once both land, and no temporary file of theirs is left', async () => {
    const m = mirror();
    await m.saveState();
    const before = new Set(fs.readdirSync(path.dirname(m.stateFile)));
    await Promise.all([m.saveState(), m.saveState()]);
    assert.deepEqual(new Set(fs.readdirSync(path.dirname(m.stateFile))), before);
    assert.equal(JSON.parse(fs.readFileSync(m.stateFile, 'utf8')).version, 1);
  });
});
