import * as assert from 'node:assert/strict';
import {
  branchCommits,
  changeFiles,
  changeTitle,
  Commit,
  Deploy,
  FileChange,
  pullRequestOf,
  rankSuspects,
} from '../../../src/core/correlation';
import { commit as makeCommit, file } from './commits';

const START = '2026-11-22T14:00:00Z';

/** A commit whose sha is `ch` forty times, so tests can name commits by one character. */
function commit(ch: string, at: string, subject: string, files: FileChange[], parents: string[] = ['p']): Commit {
  return makeCommit(ch.repeat(40).slice(0, 40), at, subject, files, parents);
}

function merge(sha: string, at: string, subject: string, brought: Commit[]): { merge: Commit; deploy: Deploy } {
  const m = commit(sha, at, subject, [], ['f'.repeat(40), ...brought.map((c) => c.sha)]);
  return {
    merge: m,
    deploy: {
      at,
      sha: m.sha,
      environment: 'production',
      kind: 'merge',
      name: subject,
      commits: [m.sha, ...brought.map((c) => c.sha)],
      commitsTruncated: false,
    },
  };
}

/** What the one pull request that merged `steps` (at `at`) did to each file, as `changeFiles` lists it. */
function pullRequestFiles(steps: readonly Commit[], at: string, sha = 'm') {
  const m = merge(sha, at, `Merge pull request #9 from ada/${sha}`, [...steps]);
  return changeFiles(
    rankSuspects({
      startedAt: START,
      now: START,
      commits: new Map([...steps, m.merge].map((c) => [c.sha, c])),
      deploys: [m.deploy],
      undeployed: [],
    }).changes[0],
  );
}

describe('suspects as they were merged (changes)', () => {
  // A pull request of four commits merged 20 minutes before the start, and one of a single commit
  // merged 40 minutes before. Each of the four shares the merge's time points.
  const series = ['1', '2', '3', '4'].map((n) =>
    commit(n, '2026-11-22T10:00:00Z', `Refactor step ${n}`, [file(`pkg/tsdb/step${n}.go`, 60, 20)]),
  );
  const big = merge('a', '2026-11-22T13:40:00Z', 'Merge pull request #101 from ada/tsdb-refactor', series);
  const culprit = commit('5', '2026-11-22T12:00:00Z', 'Lower the flush timeout', [file('pkg/ingester/flush.go', 2, 2)]);
  const small = merge('b', '2026-11-22T13:20:00Z', 'Merge pull request #102 from bo/flush', [culprit]);
  const alone = commit('6', '2026-11-21T09:00:00Z', 'Bump golang.org/x/net (#99)', [file('go.mod', 1, 1), file('go.sum', 2, 2)]);
  const commits = new Map([...series, big.merge, culprit, small.merge, alone].map((c) => [c.sha, c]));
  const ranking = rankSuspects({ startedAt: START, now: START, commits, deploys: [big.deploy, small.deploy], undeployed: [alone.sha] });

  it('a pull request is one suspect: four commits of one merge no longer push every other change out of the top three', () => {
    const commitRank = ranking.commits.findIndex((c) => c.sha === culprit.sha) + 1;
    const changeRank = ranking.changes.findIndex((c) => c.commits.some((m) => m.sha === culprit.sha)) + 1;
    assert.ok(commitRank > 3, `as single commits the culprit ranks ${commitRank}`);
    assert.equal(changeRank, 2);
    assert.deepEqual(
      ranking.changes.map((c) => [c.shortSha, c.kind, c.commits.length]),
      [
        [big.merge.sha.slice(0, 7), 'pull-request', 5],
        [small.merge.sha.slice(0, 7), 'pull-request', 2],
        [alone.sha.slice(0, 7), 'commit', 1],
      ],
    );
    assert.equal(ranking.changes.flatMap((c) => c.commits).length, ranking.commits.length, 'every ranked commit is in exactly one change');
  });

  it('scores a pull request as its most suspect commit plus a fifth of the others’ own points, explained', () => {
    const pr = ranking.changes[0];
    // The branch's commits, most suspect first, then the merge (no files of its own).
    const branch = pr.commits.slice(0, -1);
    assert.equal(pr.commits[pr.commits.length - 1].sha, big.merge.sha, 'the merge commit comes last');
    const [top, ...others] = branch;
    const own = (c: (typeof others)[number]) =>
      c.reasons.filter((r) => r.factor !== 'time' && r.factor !== 'not-deployed').reduce((n, r) => n + r.points, 0);
    const extra = Math.min(15, 0.2 * others.reduce((n, c) => n + own(c), 0));
    assert.ok(extra > 0);
    assert.equal(pr.score, Math.round((top.score + extra) * 10) / 10);
    assert.equal(pr.pullRequest, '#101');
    assert.match(
      pr.reasons[0].text,
      /^merged 4 commits as pull request #101; the most suspect is \w{7} "Refactor step \d" \(score [\d.]+\)$/,
    );
    assert.match(pr.reasons[pr.reasons.length - 1].text, /^3 more commits with risk of their own$/);
    assert.equal(pr.revertCommand, `git revert -m 1 ${big.merge.sha}`, 'undoing the change undoes the whole pull request');
    assert.deepEqual(
      branch.map((c) => c.score),
      [...branch.map((c) => c.score)].sort((a, b) => b - a),
      "its branch's commits, most suspect first",
    );
  });

  it('a commit that came alone is its own change, scored and explained as the commit', () => {
    const change = ranking.changes.find((c) => c.sha === alone.sha);
    const ranked = ranking.commits.find((c) => c.sha === alone.sha);
    assert.equal(change?.kind, 'commit');
    assert.equal(change?.score, ranked?.score);
    assert.deepEqual(change?.reasons, ranked?.reasons);
    assert.equal(change?.revertCommand, `git revert ${alone.sha}`);
  });

  it('the merge never stands in for its commits: a docs-only pull request counts half, merge and all', () => {
    const docs = commit('9', '2026-11-22T09:00:00Z', 'Document the flush timeout', [file('docs/flush.md', 30, 2)]);
    const docsPr = merge('c', '2026-11-22T13:50:00Z', 'Merge pull request #103 from ada/flush-docs', [docs]);
    const code = commit('0', '2026-11-22T09:00:00Z', 'Lower the flush timeout', [file('pkg/ingester/flush.go', 2, 2)]);
    const codePr = merge('d', '2026-11-22T13:30:00Z', 'Merge pull request #104 from bo/flush', [code]);
    const all = new Map([docs, docsPr.merge, code, codePr.merge].map((c) => [c.sha, c]));
    const r = rankSuspects({ startedAt: START, now: START, commits: all, deploys: [docsPr.deploy, codePr.deploy] });
    const mergeScore = r.commits.find((c) => c.sha === docsPr.merge.sha)?.score ?? 0;
    const docsScore = r.commits.find((c) => c.sha === docs.sha)?.score ?? 0;
    assert.ok(mergeScore > docsScore, `the bare merge (${mergeScore}) would outscore its halved docs commit (${docsScore})`);
    assert.deepEqual(
      r.changes.map((c) => [c.pullRequest, c.score]),
      [
        ['#104', r.commits.find((c) => c.sha === code.sha)?.score],
        ['#103', docsScore],
      ],
    );
  });

  it('a merge adds the title words its commits did not already match, once', () => {
    const fix = commit('e', '2026-11-22T09:00:00Z', 'Lower the timeout', [file('pkg/ingester/flush.go', 2, 2)]);
    const pr = merge('f', '2026-11-22T13:30:00Z', 'Merge pull request #105 from bo/checkout-flush', [fix]);
    const r = rankSuspects({
      startedAt: START,
      now: START,
      commits: new Map([fix, pr.merge].map((c) => [c.sha, c])),
      deploys: [pr.deploy],
      text: 'Checkout flush stalls',
    });
    const change = r.changes[0];
    const commitScore = r.commits.find((c) => c.sha === fix.sha)?.score ?? 0;
    // The commit's path names "flush"; the merge's subject names "checkout" and "flush": only "checkout" is new.
    assert.deepEqual(
      change.reasons.filter((x) => x.factor === 'words').map((x) => [x.points, x.text]),
      [
        [5, 'mentions "flush" from the incident title or alert'],
        [5, 'the merge mentions "checkout", "flush" from the incident title or alert'],
      ],
    );
    assert.equal(change.score, Math.round((commitScore + 5) * 10) / 10);
  });

  it('a release tag groups nothing: a release is many changes, each its own suspect', () => {
    const a = commit('7', '2026-11-22T11:00:00Z', 'One', [file('a.go')]);
    const b = commit('8', '2026-11-22T11:30:00Z', 'Two', [file('b.go')]);
    const r = rankSuspects({
      startedAt: START,
      now: START,
      commits: new Map([a, b].map((c) => [c.sha, c])),
      deploys: [
        {
          at: '2026-11-22T12:00:00Z',
          sha: b.sha,
          environment: 'production',
          kind: 'release-tag',
          name: 'v1.2.0',
          commits: [b.sha, a.sha],
          commitsTruncated: false,
        },
      ],
    });
    assert.deepEqual(
      r.changes.map((c) => c.kind),
      ['commit', 'commit'],
    );
  });

  it("names a GitHub pull request by its title (the merge body's first line), anything else by its subject", () => {
    const fix = commit('c', '2026-11-22T12:00:00Z', 'Lower the flush timeout', [file('pkg/ingester/flush.go', 2, 2)]);
    const m = merge('d', '2026-11-22T13:00:00Z', 'Merge pull request #7 from bo/flush', [fix]);
    const withBody = { ...m.merge, body: '\n  Flush sooner under memory pressure  \n\nLonger description.' };
    const r = rankSuspects({
      startedAt: START,
      now: START,
      commits: new Map([fix, withBody].map((c) => [c.sha, c])),
      deploys: [m.deploy],
      undeployed: [],
    });
    assert.deepEqual(
      r.changes.map((c) => [c.pullRequest, c.title, c.subject]),
      [['#7', 'Flush sooner under memory pressure', 'Merge pull request #7 from bo/flush']],
    );
    assert.equal(changeTitle('Merge pull request #7 from bo/flush', ''), 'Merge pull request #7 from bo/flush', 'no body: the subject');
    assert.equal(
      changeTitle("Merge branch 'fix' into 'main'", 'See merge request !3'),
      "Merge branch 'fix' into 'main'",
      'only GitHub puts the title in the body',
    );
    assert.equal(changeTitle('Lower the flush timeout', 'Because.'), 'Lower the flush timeout');
    assert.equal(changeTitle('Merge pull request #7 from bo/flush', 'x'.repeat(5000)).length, 200, 'a title is bounded');
  });

  it('lists what the whole pull request did to each file: added, edited later, or added and dropped before the merge', () => {
    const at = (h: number) => `2026-11-22T${String(h).padStart(2, '0')}:00:00Z`;
    const added = (path: string, n = 10): FileChange => ({ ...file(path, n, 0), status: 'added' });
    const deleted = (path: string, n = 10): FileChange => ({ ...file(path, 0, n), status: 'deleted' });
    const steps = [
      commit('1', at(9), 'Add a retry budget', [added('pkg/retry/budget.go'), added('tmp/scratch.txt', 3), file('pkg/client.go', 4, 2)]),
      commit('2', at(10), 'Tidy', [file('pkg/retry/budget.go', 2, 1), deleted('tmp/scratch.txt', 3), deleted('pkg/old.go', 40)]),
      commit('3', at(11), 'Bring old.go back', [file('pkg/client.go', 1, 1), added('pkg/old.go', 5)]),
    ];
    const m = merge('m', at(13), 'Merge pull request #8 from ada/retry', steps);
    const r = rankSuspects({
      startedAt: START,
      now: START,
      commits: new Map([...steps, m.merge].map((c) => [c.sha, c])),
      deploys: [m.deploy],
      undeployed: [],
    });
    assert.equal(r.changes.length, 1);
    // The change lists its commits most suspect first; the files come out in the order they were written.
    assert.deepEqual(
      changeFiles(r.changes[0]).map((f) => [f.path, f.status, f.additions, f.deletions]),
      [
        ['pkg/client.go', 'modified', 5, 3],
        ['pkg/old.go', 'modified', 5, 40],
        ['pkg/retry/budget.go', 'added', 12, 1],
      ],
    );
  });

  it('lists a file a commit of the pull request moved once, renamed, with the lines the branch changed', () => {
    const at = (h: number) => `2026-11-22T${String(h).padStart(2, '0')}:00:00Z`;
    const steps = [
      commit('1', at(9), 'Retry harder', [file('pkg/retry.go', 4, 2)]),
      {
        ...commit('2', at(10), 'Move retry under http', [
          { ...file('pkg/retry.go', 0, 50), status: 'deleted' as const },
          { ...file('pkg/http/retry.go', 51, 0), status: 'added' as const },
        ]),
        moves: [{ from: 'pkg/retry.go', to: 'pkg/http/retry.go', additions: 1, deletions: 0 }],
      },
      commit('3', at(11), 'Tune the http retry', [file('pkg/http/retry.go', 2, 1)]),
    ];
    const filesOf = (commits: readonly Commit[]) => pullRequestFiles(commits, at(13));
    assert.deepEqual(
      filesOf(steps).map((f) => [f.path, f.status, f.additions, f.deletions, f.from]),
      [['pkg/http/retry.go', 'renamed', 7, 3, 'pkg/retry.go']],
    );
    // Moves not read: as the log lists them, the old path deleted and the new one added.
    assert.deepEqual(
      filesOf(steps.map((c) => ({ ...c, moves: undefined }))).map((f) => [f.path, f.status]),
      [
        ['pkg/http/retry.go', 'added'],
        ['pkg/retry.go', 'deleted'],
      ],
    );
  });

  it('lists a file the pull request moved twice (A to B, then B to C) as one, renamed from A', () => {
    const at = (h: number) => `2026-11-22T${String(h).padStart(2, '0')}:00:00Z`;
    const move = (sha: string, h: number, from: string, to: string, lines: number) => ({
      ...commit(sha, at(h), `Move ${from} to ${to}`, [
        { ...file(from, 0, 50), status: 'deleted' as const },
        { ...file(to, 50 + lines, 0), status: 'added' as const },
      ]),
      moves: [{ from, to, additions: lines, deletions: 0 }],
    });
    const filesOf = (sha: string, steps: readonly Commit[]) => pullRequestFiles(steps, at(13), sha);
    const twice = filesOf('m', [
      move('1', 9, 'pkg/retry.go', 'pkg/http/retry.go', 1),
      commit('2', at(10), 'Tune the retry', [file('pkg/http/retry.go', 2, 1)]),
      move('3', 11, 'pkg/http/retry.go', 'pkg/http/retry/policy.go', 3),
    ]);
    assert.deepEqual(
      twice.map((f) => [f.path, f.status, f.additions, f.deletions, f.from]),
      [['pkg/http/retry/policy.go', 'renamed', 6, 1, 'pkg/retry.go']],
    );
    // Moved back where it was (A to B, B to A): the file was edited in place.
    const back = filesOf('mb', [move('4', 9, 'pkg/retry.go', 'pkg/tmp.go', 1), move('5', 10, 'pkg/tmp.go', 'pkg/retry.go', 2)]);
    assert.deepEqual(
      back.map((f) => [f.path, f.status, f.from]),
      [['pkg/retry.go', 'modified', undefined]],
    );
  });

  it('a commit pushed straight to the branch before a merge shipped with it, but is its own change', () => {
    const base = 'b'.repeat(40);
    const direct = commit('d', '2026-11-22T12:30:00Z', 'Hotfix the flush timeout on main', [file('pkg/ingester/flush.go', 2, 2)], [base]);
    const one = commit('1', '2026-11-22T11:00:00Z', 'Retry budget', [file('pkg/retry/budget.go')], [base]);
    const two = commit('2', '2026-11-22T11:30:00Z', 'Retry budget config', [file('config/retry.yaml')], [one.sha]);
    const m = commit('m', '2026-11-22T13:00:00Z', 'Merge pull request #9 from ada/retry', [], [direct.sha, two.sha]);
    // As assembleDeploys gives it: the merge shipped everything since the previous merge, the direct push too.
    const deploy: Deploy = {
      at: m.committedAt,
      sha: m.sha,
      environment: 'production',
      kind: 'merge',
      name: m.subject,
      commits: [m.sha, direct.sha, two.sha, one.sha],
      commitsTruncated: false,
    };
    const r = rankSuspects({
      startedAt: START,
      now: START,
      commits: new Map([direct, one, two, m].map((c) => [c.sha, c])),
      deploys: [deploy],
      undeployed: [],
    });
    const pr = r.changes.find((c) => c.kind === 'pull-request');
    assert.deepEqual(new Set(pr?.commits.map((c) => c.sha)), new Set([one.sha, two.sha, m.sha]));
    const alone = r.changes.find((c) => c.sha === direct.sha);
    assert.equal(alone?.kind, 'commit');
    assert.equal(alone?.revertCommand, `git revert ${direct.sha}`);
  });

  it('a merge whose branch no deploy in the window shipped still names its pull request', () => {
    const m = commit('7', '2026-11-22T13:00:00Z', 'Merge pull request #12 from bo/flush', [], ['f'.repeat(40), 'e'.repeat(40)]);
    const r = rankSuspects({ startedAt: START, now: START, commits: new Map([[m.sha, m]]), deploys: [], undeployed: [m.sha] });
    assert.deepEqual(
      r.changes.map((c) => [c.kind, c.pullRequest, c.commits.length]),
      [['pull-request', '#12', 1]],
    );
    assert.equal(branchCommits(r.changes[0]), 'its commits not among the candidates');
    assert.equal(branchCommits({ commits: [...r.changes[0].commits, ...r.changes[0].commits] }), '1 commit');
  });

  it('reads the pull request number from merge subjects, and nothing from other subjects', () => {
    assert.equal(pullRequestOf('Merge pull request #15591 from serathius/remove-v2'), '#15591');
    assert.equal(pullRequestOf("Merge branch 'fix-flush' into 'main' (!482)"), '!482');
    assert.equal(pullRequestOf('Fix the flush (#12)'), undefined, 'a squash merge is a commit that came alone');
    assert.equal(pullRequestOf(`Merge pull request ${'x'.repeat(100_000)}#1`), undefined, 'bounded: only the start of a subject is read');
  });
});
