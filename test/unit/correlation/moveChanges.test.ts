// Deploy correlation asks git which files a change moved, on a real repository: a move counts by
// the lines it changed on the way, as one file, and says where the file went; a deletion beside an
// unrelated new file is no move; what was read is not asked again.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { findSuspects } from '../../../src/adapters/git';
import { withMoves } from '../../../src/adapters/git/moveChanges';
import { showEach } from '../../../src/adapters/git/showEach';
import { countedGit, makeRepo, suiteTempDir } from '../../support/gitRepo';
import { commit } from './commits';

const lines = (name: string, n: number) =>
  Array.from({ length: n }, (_, i) => `export const ${name}${i + 1} = ${i + 1};`).join('\n') + '\n';

describe('moved files in deploy correlation, on a real repository', function () {
  this.timeout(30_000);
  const dir = suiteTempDir();

  it('counts a move by what it changed, as one file, and names where the file went', async () => {
    const repo = makeRepo(path.join(dir(), 'retries'));
    repo.commit(
      { 'src/retries.ts': lines('retry', 40), 'src/limits.ts': lines('limit', 30), 'src/pool.ts': lines('pool', 10), 'old.txt': 'notes\n' },
      { date: '2026-11-22T09:00:00Z', message: 'Initial' },
    );
    repo.tag('v1.0.0', { date: '2026-11-22T09:30:00Z', message: 'v1.0.0' });
    const move = repo.commit(
      { 'src/http/retries.ts': `// HTTP retry budgets\n\n${lines('retry', 40)}` },
      { date: '2026-11-22T12:00:00Z', message: 'Move the retries under http', remove: ['src/retries.ts'] },
    );
    const both = repo.commit(
      {
        'src/http/limits.ts': lines('limit', 30),
        'src/http/pool.ts': lines('pool', 10).replace('pool1 = 1', 'pool1 = 4'),
        'src/main.ts': 'run();\n',
      },
      { date: '2026-11-22T12:10:00Z', message: 'Move limits and the pool under http', remove: ['src/limits.ts', 'src/pool.ts'] },
    );
    const unrelated = repo.commit(
      { 'src/cache.ts': lines('cache', 12) },
      { date: '2026-11-22T12:20:00Z', message: 'Cache, and drop the notes', remove: ['old.txt'] },
    );
    repo.tag('v1.0.1', { date: '2026-11-22T13:00:00Z', message: 'v1.0.1' });
    const r = await findSuspects(repo.dir, {
      at: new Date('2026-11-22T14:00:00Z'),
      now: new Date('2026-11-23T14:00:00Z'),
      utcOffsetMinutes: 0,
    });
    const size = (sha: string) => r.ranking.commits.find((c) => c.sha === sha)?.reasons.find((x) => x.factor === 'size');
    assert.equal(size(move)?.text, 'changes 2 lines in 1 file, moving src/retries.ts to src/http/retries.ts');
    assert.deepEqual(r.commits.get(move)?.moves, [{ from: 'src/retries.ts', to: 'src/http/retries.ts', additions: 2, deletions: 0 }]);
    // pool.ts moved with one line changed, limits.ts as it was; main.ts is new.
    assert.equal(size(both)?.text, 'changes 3 lines in 2 files, 1 of them moved; moves 1 more without changing it');
    // A deleted file and an unrelated new one: every line counts.
    assert.deepEqual(r.commits.get(unrelated)?.moves, []);
    assert.equal(size(unrelated)?.text, 'changes 13 lines in 2 files');
    // A move alone weighs what its two changed lines weigh, not 82 lines in 2 files.
    const small = repo.commit(
      { 'src/http/retries.ts': `// HTTP retry budgets\n\n${lines('retry', 40).replace('retry40 = 40', 'retry40 = 400')}` },
      {
        date: '2026-11-22T13:10:00Z',
        message: 'Retry harder',
      },
    );
    const again = await findSuspects(repo.dir, {
      at: new Date('2026-11-22T14:00:00Z'),
      now: new Date('2026-11-23T14:00:00Z'),
      utcOffsetMinutes: 0,
      windowMs: 24 * 3_600_000,
    });
    const points = (sha: string) => again.ranking.commits.find((c) => c.sha === sha)?.reasons.find((x) => x.factor === 'size')?.points;
    assert.ok(small);
    assert.equal(points(move), points(small), 'a move with 2 changed lines sizes as a 2-line edit');
  });

  it('reads once, naming to git only the files deleted and added, literally; a second look asks nothing', async () => {
    const repo = makeRepo(path.join(dir(), 'once'));
    // `[id]` would be a glob to git (Next.js names pages so): named literally, it matches that file alone.
    repo.commit(
      { 'pages/[id].tsx': 'export default Page;\n', 'b.go': 'package b\n' },
      { date: '2026-11-22T09:00:00Z', message: 'Initial' },
    );
    const moved = repo.commit(
      { 'app/[id].tsx': 'export default Page;\n', 'b.go': 'package b\n\nvar B = 2\n' },
      { date: '2026-11-22T10:00:00Z', message: 'Move the page', remove: ['pages/[id].tsx'] },
    );
    const edited = repo.commit({ 'b.go': 'package b\n\nvar B = 1\n' }, { date: '2026-11-22T11:00:00Z', message: 'Edit b' });
    const { binary, runs } = countedGit(dir());
    const commits = [
      commit(edited, '2026-11-22T11:00:00Z', 'Edit b', [
        { path: 'b.go', status: 'modified', additions: 1, deletions: 1, binary: false, submodule: false },
      ]),
      commit(moved, '2026-11-22T10:00:00Z', 'Move the page', [
        { path: 'app/[id].tsx', status: 'added', additions: 1, deletions: 0, binary: false, submodule: false },
        { path: 'b.go', status: 'modified', additions: 2, deletions: 0, binary: false, submodule: false },
        { path: 'pages/[id].tsx', status: 'deleted', additions: 0, deletions: 1, binary: false, submodule: false },
      ]),
    ];
    const read = await withMoves(repo.dir, binary, commits);
    assert.deepEqual(
      read.map((c) => [c.subject, c.moves]),
      [
        ['Edit b', undefined],
        ['Move the page', [{ from: 'pages/[id].tsx', to: 'app/[id].tsx', additions: 0, deletions: 0 }]],
      ],
    );
    assert.equal(runs().length, 1, 'one git process');
    assert.match(runs()[0], / show -M .* -- :\(literal\)app\/\[id\]\.tsx :\(literal\)pages\/\[id\]\.tsx$/);
    assert.ok(!runs()[0].includes(edited), 'the commit that deleted nothing is not asked about');
    assert.ok(!runs()[0].includes('b.go'), 'a file changed in place is not diffed');
    assert.deepEqual(await withMoves(repo.dir, binary, read), read);
    assert.equal(runs().length, 1, 'nothing asked of git the second time');
  });

  it('leaves the commits as they were when git cannot answer', async () => {
    const repo = makeRepo(path.join(dir(), 'gone'));
    const sha = repo.commit({ 'a.go': 'package a\n' }, { date: '2026-11-22T09:00:00Z', message: 'A' });
    // An object git does not have.
    const c = commit(sha.replace(/^./, sha[0] === 'a' ? 'b' : 'a'), '2026-11-22T09:00:00Z', 'A', [
      { path: 'a.go', status: 'deleted', additions: 0, deletions: 1, binary: false, submodule: false },
      { path: 'b.go', status: 'added', additions: 1, deletions: 0, binary: false, submodule: false },
    ]);
    assert.deepEqual(await withMoves(repo.dir, 'git', [c]), [c]);
    assert.deepEqual(await withMoves(repo.dir, 'no-such-git-binary', [c]), [c]);
  });

  it('names no more files than a command line holds: a commit past the bound is not read, and nothing fails', async () => {
    const repo = makeRepo(path.join(dir(), 'long'));
    const sha = repo.commit({ 'a.go': 'package a\n' }, { date: '2026-11-22T09:00:00Z', message: 'A' });
    // A cloned repository's names can be 4 KB each: 40 pairs of them are 320 KB of command line.
    const long = (i: number) => `${'d'.repeat(250)}/`.repeat(16) + `f${i}.go`;
    const files = Array.from({ length: 40 }, (_, i) => [
      { path: `old/${long(i)}`, status: 'deleted' as const, additions: 0, deletions: 1, binary: false, submodule: false },
      { path: `new/${long(i)}`, status: 'added' as const, additions: 1, deletions: 0, binary: false, submodule: false },
    ]).flat();
    const big = commit(sha, '2026-11-22T09:00:00Z', 'Move everything', files);
    const { binary, runs } = countedGit(repo.dir);
    assert.deepEqual(await withMoves(repo.dir, binary, [big]), [big]);
    assert.equal(runs().length, 0, 'git not asked');
    // Past what the system takes, spawn throws (E2BIG): read as git failing, not thrown.
    const paths = Array.from({ length: 800 }, (_, i) => long(i));
    assert.equal(await showEach(repo.dir, 'git', ['--numstat'], [sha], { maxBytes: 1_000_000, paths }), undefined);
  });
});
