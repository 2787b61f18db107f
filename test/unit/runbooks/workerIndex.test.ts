import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { RunbookIndex } from '../../../src/adapters/runbooks/runbookIndex';
import { WorkerParser } from '../../../src/adapters/runbooks/workerParser';
import { makeTempDir, removeTempDir } from '../../support/gitRepo';
import { shippedDir } from './paths';

const HANGING = path.resolve(__dirname, '../../support/hangingParseWorker.js');

describe('runbooks: parsing in a worker thread', () => {
  let root: string;
  const indexes: RunbookIndex[] = [];
  const index = (options: ConstructorParameters<typeof RunbookIndex>[2]) => {
    const made = new RunbookIndex(root, undefined, options);
    indexes.push(made);
    return made;
  };

  beforeEach(() => {
    root = makeTempDir('warroom-runbook-worker-');
    fs.mkdirSync(path.join(root, 'runbooks'));
    for (const f of fs.readdirSync(shippedDir)) {
      fs.copyFileSync(path.join(shippedDir, f), path.join(root, 'runbooks', f));
    }
  });
  afterEach(() => {
    indexes.splice(0).forEach((i) => i.dispose());
    removeTempDir(root);
  });

  it('gives the same runbooks and problems as parsing in this thread', async () => {
    fs.writeFileSync(path.join(root, 'runbooks/broken.runbook.yaml'), 'title: Broken\nsteps:\n  - kind: fix\n    title: nope\n');
    const inThread = index({ worker: false });
    const inWorker = index({});
    await inThread.refresh();
    await inWorker.refresh();
    assert.ok(inWorker.runbooks.length >= 3);
    assert.deepEqual(JSON.parse(JSON.stringify(inWorker.runbooks)), JSON.parse(JSON.stringify(inThread.runbooks)));
    assert.deepEqual(inWorker.problems, inThread.problems);
  });

  it('reports a file that takes too long as a problem naming it, and parses the rest', async () => {
    fs.writeFileSync(path.join(root, 'runbooks/a-hang.md'), '# Stuck\n\ntext\n');
    fs.writeFileSync(path.join(root, 'runbooks/z-after.md'), '# After\n\n## Check\n\nRun `ls`.\n');
    const slow = index({ worker: { timeLimitMs: 2_000, script: HANGING } });
    const result = await slow.refresh();
    assert.ok(result.parsed.includes('runbooks/a-hang.md'));
    assert.deepEqual(
      slow.problems.filter((p) => p.file === 'runbooks/a-hang.md').map((p) => [p.severity, p.message]),
      [['error', 'took too long to parse (over 2 s): left out']],
    );
    assert.ok(
      slow.runbooks.some((r) => r.title === 'After'),
      'the file after the stuck one is parsed by a fresh worker',
    );
  });

  it('shares one worker thread between indexes; an index disposed leaves the shared thread to its owner', async () => {
    const parser = new WorkerParser();
    try {
      const other = path.join(root, 'other');
      fs.mkdirSync(path.join(other, 'runbooks'), { recursive: true });
      fs.writeFileSync(path.join(other, 'runbooks/db.md'), '# Database down\n\n## Check\n\nRun `pg_isready`.\n');
      const first = index({ parser });
      await first.refresh();
      first.dispose(); // as the catalog drops an index when a setting changes
      const second = new RunbookIndex(other, undefined, { parser });
      indexes.push(second);
      await second.refresh();
      assert.deepEqual(
        second.runbooks.map((r) => r.title),
        ['Database down'],
      );
      assert.ok(first.runbooks.length >= 3);
      assert.equal(parser.threadsStarted, 1, 'both indexes parsed on the one thread');
    } finally {
      parser.dispose();
    }
    // Stopped by its owner: files still waiting are refused, a later parse starts a thread again.
    await assert.rejects(Promise.all([parser.parse('a.md', '# A\n'), Promise.resolve().then(() => parser.dispose())]), /disposed/);
  });

  it('does not read a file over the size limit', async () => {
    fs.writeFileSync(path.join(root, 'runbooks/huge.md'), `# Huge\n\n${'x'.repeat(600_000)}\n`);
    const big = index({});
    await big.refresh();
    assert.deepEqual(
      big.problems.filter((p) => p.file === 'runbooks/huge.md').map((p) => p.message),
      ['file is 600009 bytes (over 512000): not read as a runbook'],
    );
  });
});
