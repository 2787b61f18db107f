// The sync state file is written beside itself and renamed into place: a temporary file left by a
// process that died mid-save, or another save of the same state under way, must not stop the save.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { FileIncidentStore } from '../../../src/adapters/store/fileStore';
import { SyncMirror } from '../../../src/adapters/sync';
import { Outcome, runUnprivileged } from '../../support/permissionScenario';
import { useTempDir } from '../../support/tempDir';

describe('team sync: saving the sync state', function () {
  this.timeout(60_000);
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

  it('a folder this user may not write is named with what to change, as the store names its own', async () => {
    // `sudo warroom sync pull` makes .warroom/.sync root's; the editor's next save could not write it
    // and said only Node's "EACCES: permission denied, open '….json.1234.5f3a….tmp'".
    const dataDir = path.join(tmp(), 'a', '.warroom');
    const otherDataDir = path.join(tmp(), 'b', '.warroom');
    const result = await runUnprivileged('syncState', tmp(), { dataDir, otherDataDir });
    const refused = (outcome: Outcome, file: string): string => {
      assert.ok(outcome !== 'ok', `expected saving into ${file} to be refused`);
      assert.ok(outcome.storeFileError, `a StoreFileError, not: ${outcome.message}`);
      assert.equal(outcome.file, file);
      return outcome.reason ?? '';
    };
    assert.match(
      refused(result.lockedSyncFolder, path.join(dataDir, '.sync')),
      /^permission denied: the folder is not writable \(mode 555\); fix its permissions \(chmod u\+rwx\)$/,
    );
    assert.match(refused(result.lockedDataFolder, otherDataDir), /^permission denied: the folder is not writable \(mode 555\)/);
    // Its mode fixed, the save lands, and the refused one left no temporary file.
    assert.equal(result.fixed, 'ok');
    assert.deepEqual(
      result.syncFiles.filter((f) => f !== '.gitignore').map((f) => path.extname(f)),
      ['.json'],
    );
  });
});
