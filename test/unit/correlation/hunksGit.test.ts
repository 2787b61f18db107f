// changedLines on a real repository: the lines of a file one commit changed, merges against their
// first parent, and files the commit did not touch; and the names of a file a later commit moved.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { changedLines, formerNames, laterNames } from '../../../src/adapters/git';
import { makeRepo, suiteTempDir } from '../../support/gitRepo';

describe('changedLines on a real repository', function () {
  this.timeout(30_000);
  const temp = suiteTempDir();

  it('gives the new-side ranges of one file, and undefined for an untouched one', async () => {
    const repo = makeRepo(path.join(temp(), 'a'));
    repo.commit({ 'config/app.yaml': 'a: 1\nb: 2\nc: 3\nd: 4\n', 'other.txt': 'x\n' }, { date: '2026-11-20T09:00:00Z', message: 'init' });
    const sha = repo.commit({ 'config/app.yaml': 'a: 1\nb: 20\nc: 3\nnew: 5\nd: 4\n' }, { date: '2026-11-21T09:00:00Z', message: 'tune' });
    const lines = await changedLines(repo.dir, sha, 'config/app.yaml');
    assert.deepEqual(lines?.ranges, [
      { start: 2, end: 2, deletion: false },
      { start: 4, end: 4, deletion: false },
    ]);
    assert.equal(await changedLines(repo.dir, sha, 'other.txt'), undefined);
  });

  it('shows a merge against its first parent', async () => {
    const repo = makeRepo(path.join(temp(), 'b'));
    repo.commit({ 'f.ts': '1\n2\n3\n' }, { date: '2026-11-20T09:00:00Z', message: 'init' });
    repo.branch('topic');
    repo.checkout('topic');
    repo.commit({ 'f.ts': '1\n2\n3\n4\n' }, { date: '2026-11-20T10:00:00Z', message: 'add 4' });
    repo.checkout('main');
    repo.commit({ 'g.ts': 'g\n' }, { date: '2026-11-20T11:00:00Z', message: 'g' });
    const merge = repo.merge('topic', { date: '2026-11-20T12:00:00Z', message: 'Merge topic' });
    const lines = await changedLines(repo.dir, merge, 'f.ts');
    assert.deepEqual(lines?.ranges, [{ start: 4, end: 4, deletion: false }]);
  });

  it('pairs a file the commit renamed with its old name: only the edited and removed lines, not every line', async () => {
    const repo = makeRepo(path.join(temp(), 'c'));
    const lines = Array.from({ length: 40 }, (_, i) => `line ${i + 1}`);
    repo.commit({ 'src/pool.ts': lines.join('\n') + '\n', 'README.md': 'r\n' }, { date: '2026-11-20T09:00:00Z', message: 'init' });
    const edited = [...lines.slice(0, 9), 'line 10 tuned', ...lines.slice(10, 29), ...lines.slice(30)];
    const sha = repo.commit(
      { 'src/db/pool.ts': edited.join('\n') + '\n' },
      {
        date: '2026-11-21T09:00:00Z',
        message: 'Move the pool',
        remove: ['src/pool.ts'],
      },
    );
    const changed = await changedLines(repo.dir, sha, 'src/db/pool.ts');
    assert.deepEqual(changed, {
      path: 'src/db/pool.ts',
      oldPath: 'src/pool.ts',
      binary: false,
      ranges: [
        { start: 10, end: 10, deletion: false },
        { start: 30, end: 30, deletion: true },
      ],
    });
    // A file added beside it is still all new.
    const added = repo.commit({ 'src/db/new.ts': 'a\nb\n' }, { date: '2026-11-21T10:00:00Z', message: 'Add' });
    assert.deepEqual((await changedLines(repo.dir, added, 'src/db/new.ts'))?.ranges, [{ start: 1, end: 2, deletion: false }]);
  });

  it('rejects something that is not a sha before running git', async () => {
    await assert.rejects(changedLines(temp(), '--output=x', 'f.ts'), /not a commit sha/);
    await assert.rejects(laterNames(temp(), '--output=x'), /not a commit sha/);
  });

  it("finds its earlier names back to a date, and where the suspect's file is now", async () => {
    const repo = makeRepo(path.join(temp(), 'moved'));
    const body = (n: number) => Array.from({ length: 12 }, (_, i) => `line ${i + 1}${i === n ? ' tuned' : ''}`).join('\n') + '\n';
    repo.commit({ 'pool.ts': body(-1), 'other.ts': 'o\n' }, { date: '2026-11-20T09:00:00Z', message: 'init' });
    const suspect = repo.commit({ 'pool.ts': body(3) }, { date: '2026-11-21T09:00:00Z', message: 'Tune the pool' });
    repo.commit({ 'src/pool.ts': body(3) }, { date: '2026-11-21T10:00:00Z', message: 'Move', remove: ['pool.ts'] });
    repo.commit({ 'src/pool.ts': body(3) + 'more\n' }, { date: '2026-11-21T11:00:00Z', message: 'Edit' });
    repo.commit({ 'src/db/pool.ts': body(3) + 'more\n' }, { date: '2026-11-21T12:00:00Z', message: 'Move again', remove: ['src/pool.ts'] });

    assert.deepEqual(await formerNames(repo.dir, 'src/db/pool.ts'), ['src/pool.ts', 'pool.ts']);
    // Only the window's moves: the first was before it.
    assert.deepEqual(await formerNames(repo.dir, 'src/db/pool.ts', { since: Date.parse('2026-11-21T11:30:00Z') / 1000 }), ['src/pool.ts']);
    assert.deepEqual(await formerNames(repo.dir, 'other.ts'), []);
    assert.deepEqual(await formerNames(repo.dir, 'nowhere.ts'), []);

    assert.deepEqual(await laterNames(repo.dir, suspect), new Map([['pool.ts', 'src/db/pool.ts']]), 'other.ts was not moved');
  });
});
