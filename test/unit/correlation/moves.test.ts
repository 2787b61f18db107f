// Which files a commit moved: git's `show -M --numstat -z` read into moves, which commits are worth
// asking about, and how the ranking sizes a commit with moves (only those the log's files confirm).
import * as assert from 'node:assert/strict';
import { Commit, FileChange, FileMove, rankSuspects } from '../../../src/core/correlation';
import { filesAsMoved, mayHaveMoves, MOVE_CHECK_MAX_FILES, parseMoves } from '../../../src/core/correlation/moves';
import { commit, file } from './commits';

const AT = '2026-11-22T12:00:00Z';
const deleted = (path: string, n: number): FileChange => ({ ...file(path, 0, n), status: 'deleted' });
const added = (path: string, n: number): FileChange => ({ ...file(path, n, 0), status: 'added' });

function sizeText(c: Commit): string | undefined {
  const ranking = rankSuspects({
    startedAt: '2026-11-22T14:15:00Z',
    now: '2026-11-22T14:15:00Z',
    commits: new Map([[c.sha, c]]),
    deploys: [
      {
        at: '2026-11-22T14:00:00Z',
        sha: 'd',
        environment: 'production',
        kind: 'release-tag',
        name: 'v1',
        commits: [c.sha],
        commitsTruncated: false,
      },
    ],
  });
  return ranking.commits[0].reasons.find((r) => r.factor === 'size')?.text;
}

function riskText(c: Commit): string[] {
  return rankSuspects({
    startedAt: '2026-11-22T14:15:00Z',
    now: '2026-11-22T14:15:00Z',
    commits: new Map([[c.sha, c]]),
    deploys: [],
    undeployed: [c.sha],
  })
    .commits[0].reasons.filter((r) => r.factor === 'risky-path')
    .map((r) => r.text);
}

describe('moved files', () => {
  it('reads the moves from numstat output, as git 2 prints it after the header', () => {
    // `git show -M --numstat -z --format=%x01%H` after the header: a move alone and a move with one
    // line added (as git printed them for a test repository), then a binary moved, a file changed in
    // place, and a moved path holding a tab, in the same shape.
    const out =
      '\n0\t0\t\0b.txt\0c.txt\0' +
      '1\t0\t\0a.txt\0d/a.txt\0' +
      '-\t-\t\0logo.png\0img/logo.png\0' +
      '3\t1\tsrc/main.go\0' +
      '2\t0\t\0we\tird.ts\0src/we\tird.ts\0';
    assert.deepEqual(parseMoves(out), [
      { from: 'b.txt', to: 'c.txt', additions: 0, deletions: 0 },
      { from: 'a.txt', to: 'd/a.txt', additions: 1, deletions: 0 },
      { from: 'logo.png', to: 'img/logo.png', additions: 0, deletions: 0 },
      { from: 'we\tird.ts', to: 'src/we\tird.ts', additions: 2, deletions: 0 },
    ]);
    assert.deepEqual(parseMoves(''), []);
    assert.deepEqual(parseMoves('x\ty\t\0a\0b\0'), [], 'counts that are not numbers');
    assert.deepEqual(parseMoves('1\t1\t\0only-one\0'), [], 'cut short');
  });

  it('asks only about commits that delete a file and add another, and not too many', () => {
    assert.ok(mayHaveMoves(commit('a', AT, 'Move', [deleted('a.ts', 3), added('b.ts', 3)])));
    assert.ok(!mayHaveMoves(commit('a', AT, 'Add', [added('b.ts', 3), file('c.ts')])));
    assert.ok(!mayHaveMoves(commit('a', AT, 'Remove', [deleted('a.ts', 3), file('c.ts')])));
    const many = Array.from({ length: MOVE_CHECK_MAX_FILES + 1 }, (_, i) => added(`new/${i}.ts`, 1));
    assert.ok(!mayHaveMoves(commit('a', AT, 'Vendor', [deleted('a.ts', 3), ...many])));
    assert.ok(!mayHaveMoves({ ...commit('a', AT, 'Huge', [deleted('a.ts', 3), added('b.ts', 3)]), filesOmitted: 1 }));
  });

  it('sizes a commit by what its moves changed, one file each, and names a lone move', () => {
    const files = [deleted('src/retries.ts', 40), added('src/http/retries.ts', 42)];
    assert.equal(sizeText(commit('a', AT, 'Move', files)), 'changes 82 lines in 2 files', 'moves not read: as the log lists them');
    const move = { from: 'src/retries.ts', to: 'src/http/retries.ts', additions: 2, deletions: 0 };
    assert.equal(
      sizeText({ ...commit('a', AT, 'Move', files), moves: [move] }),
      'changes 2 lines in 1 file, moving src/retries.ts to src/http/retries.ts',
    );
    const two = [...files, deleted('src/pool.ts', 10), added('src/http/pool.ts', 10), file('src/main.ts', 1, 0)];
    const moves = [move, { from: 'src/pool.ts', to: 'src/http/pool.ts', additions: 1, deletions: 1 }];
    assert.equal(sizeText({ ...commit('a', AT, 'Move', two), moves }), 'changes 5 lines in 3 files, 2 of them moved');
    // One move among other files (a vendored bump whose LICENSE git pairs with another's) is counted, not named.
    assert.equal(
      sizeText({ ...commit('a', AT, 'Move', [...files, file('go.mod', 1, 1)]), moves: [move] }),
      'changes 4 lines in 2 files, 1 of them moved',
    );
    assert.equal(sizeText({ ...commit('a', AT, 'Move', two.slice(0, 4)), moves }), 'changes 4 lines in 2 files, all moved');
  });

  it('counts no file for a file moved without a line changed, and says so', () => {
    // A package moved whole: each file moved as it was, the importers' lines changed (etcd's "remove v2
    // client" moved 21 files and changed 18 lines in 7 others; by its file count it outranked a culprit).
    const pkg = Array.from({ length: 20 }, (_, i) => [deleted(`client/v2/f${i}.go`, 30), added(`client/internal/v2/f${i}.go`, 30)]).flat();
    const importers = Array.from({ length: 7 }, (_, i) => file(`server/s${i}.go`, 1, 1));
    const moves = Array.from({ length: 20 }, (_, i) => ({
      from: `client/v2/f${i}.go`,
      to: `client/internal/v2/f${i}.go`,
      additions: 0,
      deletions: 0,
    }));
    const whole = { ...commit('a', AT, 'Hide the v2 client', [...pkg, ...importers]), moves };
    assert.equal(sizeText(whole), 'changes 14 lines in 7 files; moves 20 more without changing them');
    const sizePoints = (c: Commit) =>
      rankSuspects({
        startedAt: '2026-11-22T14:15:00Z',
        now: '2026-11-22T14:15:00Z',
        commits: new Map([[c.sha, c]]),
        deploys: [],
        undeployed: [c.sha],
      }).commits[0].reasons.find((r) => r.factor === 'size')?.points;
    // 3 points a tenfold of 14 lines and 0.7 for 7 files, as the same commit without the moves weighs.
    assert.equal(sizePoints(whole), sizePoints(commit('b', AT, 'Importers', importers)));
    const changedOne = { ...whole, moves: [{ ...moves[0], additions: 1 }, ...moves.slice(1)] };
    assert.equal(sizeText(changedOne), 'changes 15 lines in 8 files, 1 of them moved; moves 19 more without changing them');
    const alone = {
      ...commit('c', AT, 'Move', [deleted('a.txt', 3), added('d/a.txt', 3)]),
      moves: [{ from: 'a.txt', to: 'd/a.txt', additions: 0, deletions: 0 }],
    };
    assert.equal(sizeText(alone), 'moves a.txt to d/a.txt without changing it');
    assert.equal(sizePoints(alone), 0);
  });

  it('says what moving a module did to its dependencies: what differs between its two go.mod files, none for a lockfile moved as it was', () => {
    const goMod = (p: string, status: 'added' | 'deleted', dependencies: FileChange['dependencies']): FileChange => ({
      ...(status === 'added' ? added(p, 32) : deleted(p, 32)),
      dependencies,
    });
    const files = [
      goMod('client/v2/go.mod', 'deleted', [
        { name: 'go', from: '1.19' },
        { name: 'go.etcd.io/etcd/api/v3', from: 'v3.6.0' },
        { name: 'go.etcd.io/etcd/api/v3 (replaced)', from: '../../api' },
      ]),
      goMod('client/internal/v2/go.mod', 'added', [
        { name: 'go', to: '1.19' },
        { name: 'go.etcd.io/etcd/api/v3', to: 'v3.6.1' },
        { name: 'go.etcd.io/etcd/api/v3 (replaced)', to: './../../../api' },
      ]),
      deleted('client/v2/go.sum', 27),
      added('client/internal/v2/go.sum', 27),
      deleted('client/v2/client.go', 300),
      added('client/internal/v2/client.go', 300),
    ];
    const moves = [
      { from: 'client/v2/go.mod', to: 'client/internal/v2/go.mod', additions: 1, deletions: 1 },
      { from: 'client/v2/go.sum', to: 'client/internal/v2/go.sum', additions: 0, deletions: 0 },
      { from: 'client/v2/client.go', to: 'client/internal/v2/client.go', additions: 0, deletions: 0 },
    ];
    const hide = (f: FileChange[], m: FileMove[]) => riskText({ ...commit('a', AT, 'Hide the v2 client', f), moves: m });
    // Its replacement reaches the same folder from one level deeper (etcd's real move): not a change.
    assert.deepEqual(hide(files, moves), ['changes dependencies: client/internal/v2/go.mod (go.etcd.io/etcd/api/v3 v3.6.0 → v3.6.1)']);
    const rewrittenOnly = files.map((f) =>
      f.path === 'client/internal/v2/go.mod'
        ? { ...f, dependencies: f.dependencies?.map((d) => (d.to === 'v3.6.1' ? { ...d, to: 'v3.6.0' } : d)) }
        : f,
    );
    assert.deepEqual(hide(rewrittenOnly, moves), []);
    // Moved as they were: the same bytes name the same dependencies, the lockfile's too.
    const same = files.map((f) =>
      f.path === 'client/internal/v2/go.mod'
        ? { ...f, dependencies: f.dependencies?.map((d) => ({ ...d, to: d.name.endsWith('(replaced)') ? '../../api' : d.to })) }
        : f,
    );
    assert.deepEqual(hide(same, [{ ...moves[0], additions: 0, deletions: 0 }, ...moves.slice(1)]), []);
    // A lockfile moved with edits, or a manifest read at one end only: its path decides, as before.
    const edited = [moves[0], { ...moves[1], additions: 3, deletions: 1 }, moves[2]];
    assert.deepEqual(hide(files, edited), [
      'changes dependencies: client/internal/v2/go.mod, client/internal/v2/go.sum (go.etcd.io/etcd/api/v3 v3.6.0 → v3.6.1)',
    ]);
    const oneEnd = files.map((f) => (f.path === 'client/v2/go.mod' ? deleted(f.path, 32) : f));
    assert.deepEqual(hide(oneEnd, moves), ['changes dependencies: client/internal/v2/go.mod']);
    // Vendored code moved as it was is another import path, not the same dependency: its path decides.
    const vendored = [deleted('vendor/github.com/a/y/y.go', 10), added('vendor/github.com/b/y/y.go', 10)];
    assert.deepEqual(
      hide(vendored, [{ from: 'vendor/github.com/a/y/y.go', to: 'vendor/github.com/b/y/y.go', additions: 0, deletions: 0 }]),
      ['changes dependencies: vendor/github.com/b/y/y.go'],
    );
    // The root go.mod pointed its replacement at the module's new folder: it follows the move, no dependency moved.
    const follows = (to: string): FileChange => ({
      ...file('go.mod', 1, 1),
      dependencies: [{ name: 'go.etcd.io/etcd/client/v2 (replaced)', from: './client/v2', to }],
    });
    assert.deepEqual(hide([...rewrittenOnly, follows('./client/internal/v2')], moves), []);
    assert.deepEqual(hide([...rewrittenOnly, follows('./client/v3')], moves), [
      'changes dependencies: go.mod (go.etcd.io/etcd/client/v2 (replaced) ./client/v2 → ./client/v3)',
    ]);
    // Moves not read: the log's deletion and addition, each end as read (what this test guards against).
    assert.deepEqual(hide(files, []), [
      'changes dependencies: client/v2/go.mod, client/internal/v2/go.mod, client/v2/go.sum and 1 more (go removed, go.etcd.io/etcd/api/v3 removed and 1 more)',
    ]);
  });

  it('does not trust a move the log did not list as a deletion and an addition: nothing counts twice', () => {
    const files = [deleted('src/retries.ts', 40), added('src/http/retries.ts', 42)];
    const stray = { from: 'src/other.ts', to: 'src/http/retries.ts', additions: 0, deletions: 0 };
    assert.equal(sizeText({ ...commit('a', AT, 'Move', files), moves: [stray] }), 'changes 82 lines in 2 files');
  });

  it('lists a moved file once, at its new path, from its old one, with the lines it changed on the way', () => {
    const files = [deleted('src/retries.ts', 40), added('src/http/retries.ts', 42), file('src/main.ts', 1, 0)];
    const move = { from: 'src/retries.ts', to: 'src/http/retries.ts', additions: 2, deletions: 0 };
    assert.deepEqual(filesAsMoved({ files, moves: [move] }), [
      { ...added('src/http/retries.ts', 2), status: 'renamed', from: 'src/retries.ts' },
      file('src/main.ts', 1, 0),
    ]);
    assert.deepEqual(filesAsMoved({ files }), files, 'moves not read');
    // Two moves to one file, or one not matching the log's files: only what the files confirm, once.
    const twice = [
      move,
      { from: 'src/main.ts', to: 'src/http/retries.ts', additions: 0, deletions: 0 },
      { from: 'x.ts', to: 'y.ts', additions: 0, deletions: 0 },
    ];
    assert.deepEqual(
      filesAsMoved({ files, moves: twice }).map((f) => [f.path, f.status, f.from]),
      [
        ['src/http/retries.ts', 'renamed', 'src/retries.ts'],
        ['src/main.ts', 'modified', undefined],
      ],
    );
  });
});
