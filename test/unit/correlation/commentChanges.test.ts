// Deploy correlation reads the patches of small changes on a real repository: a typo fixed in a doc
// comment counts half with a reason saying so, a change to code beside it counts in full, and a
// second run reads nothing again.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { findSuspects } from '../../../src/adapters/git';
import { withCommentsOnly } from '../../../src/adapters/git/commentChanges';
import { countedGit, makeRepo, suiteTempDir } from '../../support/gitRepo';
import { commit } from './commits';

const POOL = 'package pool\n\n// Size is the number of connections kept open per host.\nvar Size = 10\n';

describe('comment-only changes in deploy correlation, on a real repository', function () {
  this.timeout(30_000);
  const dir = suiteTempDir();

  it('counts a typo fixed in a comment half, and says why; a change to code beside it counts in full', async () => {
    const repo = makeRepo(path.join(dir(), 'pool'));
    repo.commit(
      { 'pool/pool.go': POOL.replace('connections', 'conections'), 'README.md': '# pool\n' },
      { date: '2026-11-22T09:00:00Z', message: 'Initial' },
    );
    repo.tag('v1.0.0', { date: '2026-11-22T09:30:00Z', message: 'v1.0.0' });
    const typo = repo.commit(
      { 'pool/pool.go': POOL, 'README.md': '# pool\n\nConnection pools.\n' },
      { date: '2026-11-22T12:00:00Z', message: 'Fix a typo' },
    );
    const code = repo.commit(
      { 'pool/pool.go': POOL.replace('= 10', '= 100') },
      { date: '2026-11-22T12:01:00Z', message: 'Raise the pool size' },
    );
    repo.tag('v1.0.1', { date: '2026-11-22T13:00:00Z', message: 'v1.0.1' });
    const r = await findSuspects(repo.dir, {
      at: new Date('2026-11-22T14:00:00Z'),
      now: new Date('2026-11-23T14:00:00Z'),
      utcOffsetMinutes: 0,
    });
    const ranked = (sha: string) => r.ranking.commits.find((c) => c.sha === sha);
    const half = ranked(typo)?.reasons.find((x) => x.factor === 'docs-only');
    assert.equal(half?.text, 'changes only comments (pool/pool.go): nothing that runs changed, counts half');
    assert.ok(!ranked(code)?.reasons.some((x) => x.factor === 'docs-only'), JSON.stringify(ranked(code)?.reasons));
    assert.equal(r.ranking.commits[0].sha, code, 'the code change ranks above the typo fix a minute older');

    // Read once: what was read is kept on the commits, and not asked for again. A git that writes
    // down each time it is started shows how often it was.
    const { binary: git, runs } = countedGit(dir());
    // As the adapter's log gives them, their comments not read yet.
    const commits = r.ranking.commits.map((c) => commit(c.sha, c.committedAt, c.subject, [...c.files]));
    const read = await withCommentsOnly(repo.dir, git, commits);
    assert.deepEqual(
      read.map((c) => [c.subject, c.commentsOnly]),
      [
        ['Raise the pool size', false],
        ['Initial', false],
        ['Fix a typo', true],
      ],
    );
    assert.equal(runs().length, 1, 'one git process for all three');
    assert.match(runs()[0], / show -U0 /);
    assert.deepEqual(await withCommentsOnly(repo.dir, git, read), read);
    assert.equal(runs().length, 1, 'nothing asked of git the second time');
  });

  it('leaves the commits as they were when git cannot answer', async () => {
    const repo = makeRepo(path.join(dir(), 'gone'));
    const sha = repo.commit({ 'a.go': '// a\n' }, { date: '2026-11-22T09:00:00Z', message: 'A' });
    // An object git does not have.
    const c = commit(sha.replace(/^./, sha[0] === 'a' ? 'b' : 'a'), '2026-11-22T09:00:00Z', 'A', [
      { path: 'a.go', status: 'modified', additions: 1, deletions: 1, binary: false, submodule: false },
    ]);
    assert.deepEqual(await withCommentsOnly(repo.dir, 'git', [c]), [c]);
    assert.deepEqual(await withCommentsOnly(repo.dir, 'no-such-git-binary', [c]), [c]);
  });
});
