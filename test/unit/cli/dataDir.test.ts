import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { declareCheckoutDown, runCli } from '../../support/cli';
import { useTempDir } from '../../support/tempDir';

describe('warroom --dir: a data folder that does not exist', () => {
  const tmp = useTempDir();

  it('list, show, note and actions say the folder does not exist instead of finding nothing in it', async () => {
    // A real incident beside the typo: the folder named is the one that is missing, not the incident.
    const id = await declareCheckoutDown(tmp());
    const missing = path.join(tmp(), '.warrom');
    for (const argv of [['list'], ['show', id], ['note', id, 'rolled back'], ['actions'], ['metrics']]) {
      const { code, out, err } = await runCli([...argv, '--dir', '.warrom'], tmp());
      assert.equal(code, 1, `warroom ${argv.join(' ')}: ${out}`);
      assert.equal(
        err,
        `warroom ${argv[0]}: --dir .warrom: the folder ${missing} does not exist, so there are no incidents to read; check the path (warroom declare starts a new data folder)\n`,
      );
    }
    // From $WARROOM_DATA_DIR too, named as such.
    const fromEnv = await runCli(['list'], tmp(), { WARROOM_DATA_DIR: 'nowhere/.warroom' });
    assert.equal(fromEnv.code, 1);
    assert.match(fromEnv.err, /^warroom list: \$WARROOM_DATA_DIR \(nowhere\/\.warroom\): the folder .* does not exist/);
    assert.equal(fs.existsSync(missing), false);
  });

  it('declare starts a new data folder where its parent exists, and refuses a path whose parent is missing too', async () => {
    const started = await runCli(['declare', 'Checkout', 'down', '--severity', 'SEV2', '--dir', 'incidents'], tmp(), {
      WARROOM_AUTHOR: 'sam',
    });
    assert.equal(started.code, 0, started.err);
    assert.match(started.out, new RegExp(`in ${path.join(tmp(), 'incidents')}$`, 'm'));
    assert.match((await runCli(['list', '--dir', 'incidents'], tmp())).out, /Checkout down/);

    const typo = await runCli(['declare', 'Checkout', 'down', '--severity', 'SEV2', '--dir', 'srv/chekout/.warroom'], tmp());
    assert.equal(typo.code, 1, typo.out);
    assert.equal(
      typo.err,
      `warroom declare: --dir srv/chekout/.warroom: neither the folder ${path.join(tmp(), 'srv', 'chekout', '.warroom')} nor the one it would be made in (${path.join(tmp(), 'srv', 'chekout')}) exists; check the path, or create ${path.join(tmp(), 'srv', 'chekout')} first to start a data folder there\n`,
    );
    assert.equal(fs.existsSync(path.join(tmp(), 'srv')), false, 'no folder left behind');
  });

  it('without --dir, a repository with no .warroom yet still lists nothing and declares at its root', async () => {
    fs.mkdirSync(path.join(tmp(), '.git'));
    fs.mkdirSync(path.join(tmp(), 'src', 'lib'), { recursive: true });
    const listed = await runCli(['list'], path.join(tmp(), 'src', 'lib'));
    assert.deepEqual([listed.code, listed.out], [0, 'No incidents.\n']);
    const declared = await runCli(['declare', 'First', '--severity', 'SEV3'], path.join(tmp(), 'src', 'lib'), { WARROOM_AUTHOR: 'sam' });
    assert.equal(declared.code, 0, declared.err);
    assert.ok(fs.existsSync(path.join(tmp(), '.warroom')));
  });
});
