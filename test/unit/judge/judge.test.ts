import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import {
  branchAt,
  folderGlob,
  JUDGE_LOG_ARGS,
  mainFolder,
  parseJudgeLog,
  revertedSubject,
  revertPairs,
  WINDOW_SLACK_MS,
  windowSlackMs,
} from '../../../scripts/judge/pairs';
import { revertedShas } from '../../../src/core/correlation/revert';
import {
  baselineRank,
  changeBaselineRank,
  changeRankOf,
  missLines,
  outcomeOf,
  rankOf,
  runtime,
  summarize,
} from '../../../scripts/judge/recall';
import { GitRepo, makeRepo, makeTempDir, removeTempDir } from '../../support/gitRepo';

const at = (iso: string) => Date.parse(iso);

describe('judge: revert pairs read from a real history', function () {
  this.timeout(30_000);
  let dir: string;
  let repo: GitRepo;
  let culprit: string;
  let squashed: string;
  let old: string;
  let reverts: { git: string; squash: string; late: string; short: string };

  before(() => {
    dir = makeTempDir();
    repo = makeRepo(path.join(dir, 'service'));
    old = repo.commit({ 'pkg/cache/cache.go': 'package cache\n' }, { date: '2026-10-01T09:00:00Z', message: 'Add a cache' });
    culprit = repo.commit(
      { 'pkg/ingester/limits.go': 'package ingester\nconst maxStreams = 10\n', 'pkg/ingester/flush.go': 'package ingester\n' },
      { date: '2026-11-20T10:00:00Z', message: 'Lower the stream limit' },
    );
    squashed = repo.commit({ 'docs/retry.md': 'retry\n' }, { date: '2026-11-20T11:00:00Z', message: 'fix: retry pushes (#12)' });
    repo.commit({ 'README.md': 'hello\n' }, { date: '2026-11-20T12:00:00Z', message: 'Unrelated' });
    // The real `git revert`, dated as a responder would have run it.
    const revertAt = { GIT_AUTHOR_DATE: '@1795345200 +0000', GIT_COMMITTER_DATE: '@1795345200 +0000' }; // 2026-11-22T11:00Z
    repo.git(['revert', '--no-edit', culprit], revertAt);
    const gitRevert = repo.head();
    // A squash merge keeps only the pull request's text: the subject names what it reverts.
    const squash = repo.commit(
      { 'docs/retry.md': '' },
      { date: '2026-11-22T12:00:00Z', message: 'Revert "fix: retry pushes (#12)" (#15)\n\nIt broke pushes.' },
    );
    // Six weeks on: a change of mind, not an incident.
    const late = repo.commit(
      { 'pkg/cache/cache.go': '' },
      { date: '2026-11-23T09:00:00Z', message: `Revert cache\n\nThis reverts commit ${old}.` },
    );
    const short = repo.commit(
      { 'pkg/ingester/limits.go': 'package ingester\nconst maxStreams = 10\n' },
      {
        date: '2026-11-24T09:00:00Z',
        message: `Revert "Revert "Lower the stream limit""\n\nThis reverts commit ${gitRevert.slice(0, 10)}.`,
      },
    );
    reverts = { git: gitRevert, squash, late, short };
  });
  after(() => removeTempDir(dir));

  it('parses git log output into commits with both dates and whole messages', () => {
    const commits = parseJudgeLog(repo.git(['log', ...JUDGE_LOG_ARGS, 'HEAD', '--']));
    assert.equal(commits.length, 8);
    const found = commits.find((c) => c.sha === culprit);
    assert.equal(found?.authoredAt, at('2026-11-20T10:00:00Z'));
    assert.equal(found?.committedAt, at('2026-11-20T10:00:00Z'));
    assert.equal(found?.parents.length, 1);
    assert.match(commits.find((c) => c.sha === reverts.squash)?.message ?? '', /It broke pushes\./);
  });

  it('pairs each revert with its culprit within 14 days, by id, abbreviated id or subject', () => {
    const pairs = revertPairs(parseJudgeLog(repo.git(['log', ...JUDGE_LOG_ARGS, 'HEAD', '--'])));
    assert.deepEqual(
      pairs.map((p) => [p.revert, p.culprit]),
      [
        [reverts.git, culprit],
        [reverts.squash, squashed],
        [reverts.short, reverts.git],
      ],
    );
    assert.equal(pairs[0].revertAt, at('2026-11-22T11:00:00Z'));
    assert.equal(pairs[0].culpritAt, at('2026-11-20T10:00:00Z'));
    assert.ok(!pairs.some((p) => p.revert === reverts.late), 'a revert 53 days on is not an incident');
  });

  it('reads the reverted ids and subjects from messages', () => {
    const sha = 'a'.repeat(40);
    assert.deepEqual(revertedShas(`Revert "x"\n\nThis reverts commit ${sha}.\nThis reverts commit ${sha}.`), [sha]);
    assert.deepEqual(revertedShas('This reverts commit 368583e.'), ['368583e']);
    assert.deepEqual(revertedShas('Reverts a bad change'), []);
    assert.equal(revertedSubject('chore: Revert "chore: single binary (#21318)" (#21979)'), 'chore: single binary (#21318)');
    assert.equal(revertedSubject('Revert the cache'), undefined);
  });

  it('finds the branch as it was at an instant on its first-parent line', () => {
    const line = repo
      .git(['rev-list', '--first-parent', '--format=%ct %H', '--no-commit-header', 'HEAD'])
      .split('\n')
      .filter(Boolean)
      .map((l) => ({ sha: l.split(' ')[1], committedAt: Number(l.split(' ')[0]) * 1000 }));
    assert.equal(branchAt(line, at('2026-11-22T10:50:00Z')), line.find((c) => c.committedAt === at('2026-11-20T12:00:00Z'))?.sha);
    assert.equal(branchAt(line, at('2026-09-01T00:00:00Z')), undefined);
  });

  it('names the culprit’s main top-level folder as the service hint', () => {
    assert.equal(mainFolder(['pkg/a.go', 'pkg/b.go', 'docs/x.md']), 'pkg');
    assert.equal(folderGlob('pkg', ['pkg/a.go']), 'pkg/**');
    assert.equal(mainFolder(['CHANGELOG.md']), 'CHANGELOG.md');
    // A fix and its changelog line tie by count; the responder names the code's folder.
    assert.equal(mainFolder(['CHANGELOG.md', 'pkg/parquetquery/column.go']), 'pkg');
    assert.equal(mainFolder(['docs/a.md', 'docs/b.md', 'README.md']), 'docs');
    assert.equal(folderGlob('CHANGELOG.md', ['CHANGELOG.md']), 'CHANGELOG.md');
    assert.equal(mainFolder(['b/x', 'a/y']), 'a', 'a tie goes to the first name');
    assert.equal(mainFolder([]), undefined);
  });
});

describe('judge: where each window starts', () => {
  it("starts an hour before the culprit, the issue's method, unless --before-culprit says how many hours", () => {
    assert.equal(windowSlackMs(['--dump=/tmp/d', '/work/etcd']), WINDOW_SLACK_MS);
    assert.equal(WINDOW_SLACK_MS, 3_600_000);
    assert.equal(windowSlackMs(['/work/etcd', '--before-culprit=48']), 48 * 3_600_000);
    assert.equal(windowSlackMs(['--before-culprit=0.5']), 1_800_000);
    assert.equal(windowSlackMs(['--before-culprit=0']), 0);
    assert.equal(windowSlackMs(['--before-culprit=336']), 336 * 3_600_000);
  });

  it('refuses a width it cannot read or past two weeks, quoting the argument', () => {
    for (const arg of ['--before-culprit=', '--before-culprit=-1', '--before-culprit=2d', '--before-culprit=1e3', '--before-culprit=337']) {
      assert.throws(
        () => windowSlackMs([arg]),
        (e: Error) => e.message.includes(`"${arg}"`) && /from 0 to 336/.test(e.message),
        arg,
      );
    }
  });
});

describe('judge: recall', () => {
  it('counts recall@k over every judged pair, misses and errors included, skipped ones left out', () => {
    const s = summarize([
      { rank: 1, baseline: 4 },
      { rank: 3, baseline: 1 },
      { rank: 5, baseline: 2 },
      { rank: 9, baseline: 9 },
      { miss: true },
      { error: 'git log failed' },
      { skipped: 'the repository lacks object abc' },
    ]);
    assert.deepEqual(s, {
      pairs: 6,
      at1: 0.167,
      at3: 0.333,
      at5: 0.5,
      baseline: { at1: 0.167, at3: 0.333, at5: 0.5 },
      errors: 1,
      misses: 1,
      skipped: 1,
    });
    assert.equal(summarize([]).at3, 0);
  });

  it('ranks the baseline most recent commit first, ties by sha', () => {
    const candidates = [
      { sha: 'bbb', committedAt: '2026-11-20T10:00:00Z' },
      { sha: 'aaa', committedAt: '2026-11-20T10:00:00Z' },
      { sha: 'ccc', committedAt: '2026-11-21T10:00:00Z' },
    ];
    assert.equal(baselineRank(candidates, 'ccc'), 1);
    assert.equal(baselineRank(candidates, 'aaa'), 2);
    assert.equal(baselineRank(candidates, 'bbb'), 3);
    assert.equal(baselineRank(candidates, 'ddd'), undefined);
    assert.equal(rankOf(candidates, 'aaa'), 2);
  });

  it('ranks a culprit by the change that holds it: its pull request, or itself when it came alone', () => {
    const changes = [
      {
        sha: 'm1',
        commits: [
          { sha: 'm1', committedAt: '2026-11-20T12:00:00Z' },
          { sha: 'c1', committedAt: '2026-11-20T09:00:00Z' },
        ],
      },
      { sha: 'c2', commits: [{ sha: 'c2', committedAt: '2026-11-20T11:00:00Z' }] },
      {
        sha: 'm3',
        commits: [
          { sha: 'm3', committedAt: '2026-11-20T13:00:00Z' },
          { sha: 'c3', committedAt: '2026-11-19T09:00:00Z' },
        ],
      },
    ];
    assert.equal(changeRankOf(changes, 'c1'), 1, 'a commit of the first pull request');
    assert.equal(changeRankOf(changes, 'm3'), 3, 'a reverted merge is its own pull request');
    assert.equal(changeRankOf(changes, 'c3'), 3);
    assert.equal(changeRankOf(changes, 'zz'), undefined);
    // Most recent change first, a change dated by its newest commit: m3 (13:00), m1 (12:00), c2 (11:00).
    assert.equal(changeBaselineRank(changes, 'c3'), 1);
    assert.equal(changeBaselineRank(changes, 'c1'), 2);
    assert.equal(changeBaselineRank(changes, 'c2'), 3);
  });

  it("records a culprit's change rank, its baseline and its rank as a single commit, or a miss", () => {
    const commits = [
      { sha: 'c2', committedAt: '2026-11-20T11:00:00Z' },
      { sha: 'c1', committedAt: '2026-11-20T09:00:00Z' },
      { sha: 'm1', committedAt: '2026-11-20T12:00:00Z' },
    ];
    const changes = [
      { sha: 'c2', commits: [commits[0]] },
      { sha: 'm1', commits: [commits[1], commits[2]] },
    ];
    assert.deepEqual(outcomeOf({ changes, commits }, 'c1'), { rank: 2, baseline: 1, commitRank: 2 });
    assert.deepEqual(outcomeOf({ changes, commits }, 'zz'), { miss: true });
  });

  it('counts recall over changes, and keeps the single-commit figures beside them', () => {
    const s = summarize([
      { rank: 1, baseline: 4, commitRank: 5 },
      { rank: 3, baseline: 1, commitRank: 3 },
      { rank: 6, baseline: 2, commitRank: 9 },
      { miss: true },
    ]);
    assert.equal(s.pairs, 4);
    assert.equal(s.at3, 0.5);
    assert.deepEqual(s.commits, { at1: 0, at3: 0.25, at5: 0.5 });
    assert.equal(summarize([{ rank: 1, baseline: 1 }]).commits, undefined, 'nothing recorded, nothing claimed');
  });

  it('reports the median and the worst time', () => {
    assert.deepEqual(runtime([30, 10, 20.4, 400]), { medianMs: 30, worstMs: 400 });
    assert.deepEqual(runtime([]), { medianMs: 0, worstMs: 0 });
  });

  it('explains a culprit below the top three by what ranked above it and why', () => {
    const c = (n: number, score: number, reasons: { points: number; text: string }[]) => ({
      sha: String(n).repeat(40),
      subject: `change ${n}`,
      score,
      reasons,
    });
    const ranked = [
      c(1, 30, [{ points: 30, text: 'changes dependencies: go.mod' }]),
      c(2, 20, [
        { points: 12, text: 'changes 900 lines in 9 files' },
        { points: 8, text: 'changes configuration: config/a.yaml' },
      ]),
      c(3, 10, [{ points: 10, text: 'committed 1h before the incident began' }]),
      c(4, 5, [{ points: 0, text: 'flag only' }]),
      c(5, 0, [{ points: 0, text: 'flag only' }]),
    ];
    assert.deepEqual(missLines(ranked, '5'.repeat(40)), [
      '    1. 30  1111111111 "change 1": +30 changes dependencies: go.mod',
      '    2. 20  2222222222 "change 2": +12 changes 900 lines in 9 files; +8 changes configuration: config/a.yaml',
      '    3. 10  3333333333 "change 3": +10 committed 1h before the incident began',
      '    culprit 5. 0  5555555555 "change 5": no points',
    ]);
    assert.deepEqual(missLines(ranked, '3'.repeat(40)), [], 'in the top three: nothing to explain');
    const pr = { ...c(6, 1, [{ points: 1, text: 'merged 2 commits' }]), commits: [{ sha: '7'.repeat(40) }] };
    assert.equal(
      missLines([...ranked, pr], '7'.repeat(40))[3],
      '    culprit 6. 1  6666666666 "change 6": +1 merged 2 commits',
      'the change that holds it',
    );
    assert.deepEqual(missLines(ranked, 'f'.repeat(40)), [], 'not a candidate: counted as a miss instead');
  });
});
