import * as assert from 'node:assert/strict';
import {
  Commit,
  Deploy,
  FileChange,
  foldSuspectMarks,
  parseEvidence,
  RankedCommit,
  RankedDeploy,
  rankSuspects,
  serviceMatcher,
  timePoints,
  verdictFor,
} from '../../../src/core/correlation';
import { commit, file } from './commits';
import { IncidentEvent } from '../../../src/core/events';

const START = '2026-11-22T14:15:00Z';

function deploy(sha: string, at: string, commits: string[], environment = 'production'): Deploy {
  return { at, sha, environment, kind: 'release-tag', name: `rel-${sha}`, commits, commitsTruncated: false };
}

/** Ranks `all` as shipped by one deploy at 14:00, before START. */
function shippedTogether(all: readonly Commit[]) {
  return rankSuspects({
    startedAt: START,
    now: START,
    commits: new Map(all.map((c) => [c.sha, c])),
    deploys: [
      deploy(
        'd1',
        '2026-11-22T14:00:00Z',
        all.map((c) => c.sha),
      ),
    ],
  });
}

describe('rankSuspects', () => {
  const older = commit('a'.repeat(40), '2026-11-22T09:00:00Z', 'Retry card charges', [file('src/payments/charge.ts', 40, 3)]);
  const latest = commit('b'.repeat(40), '2026-11-22T14:00:00Z', 'Fix typo in footer', [file('web/footer.html', 1, 1)]);
  const migration = commit('c'.repeat(40), '2026-11-22T08:00:00Z', 'Add index', [file('db/migrations/0042_index.sql', 3, 0)]);
  const commits = new Map([older, latest, migration].map((c) => [c.sha, c]));

  it('time alone favours the change that shipped closest before the start', () => {
    const ranking = rankSuspects({
      startedAt: START,
      now: START,
      commits,
      deploys: [deploy('d2', '2026-11-22T14:05:00Z', [latest.sha]), deploy('d1', '2026-11-22T10:00:00Z', [older.sha, migration.sha])],
    });
    assert.equal(ranking.deploys[0].deploy.sha, 'd2');
    assert.equal(ranking.commits[0].sha, latest.sha);
  });

  it('evidence and service paths make an older commit the top suspect, not the latest one', () => {
    const ranking = rankSuspects({
      startedAt: START,
      now: START,
      commits,
      deploys: [deploy('d2', '2026-11-22T14:05:00Z', [latest.sha]), deploy('d1', '2026-11-22T13:00:00Z', [older.sha, migration.sha])],
      evidence: parseEvidence('    at chargeCard (/srv/app/src/payments/charge.ts:42:13)'),
      service: { name: 'payments', matches: serviceMatcher({ service: 'payments', globs: ['src/payments/**'] }) },
      text: 'Payment charges time out',
    });
    assert.equal(ranking.commits[0].sha, older.sha);
    assert.equal(ranking.deploys[0].deploy.sha, 'd1');
    const factors = ranking.commits[0].reasons.map((r) => r.factor);
    for (const factor of ['time', 'evidence', 'service', 'words', 'size'] as const) {
      assert.ok(factors.includes(factor), `missing ${factor} in ${factors.join(', ')}`);
    }
    assert.match(ranking.commits[0].reasons.find((r) => r.factor === 'evidence')?.text ?? '', /charge\.ts:42/);
  });

  it('a change in the named service outweighs one elsewhere shipped up to about 2 h 45 m later (20 points: 2 h)', () => {
    const inService = commit('d'.repeat(40), '2026-11-22T11:00:00Z', 'Tidy payments', [file('src/payments/a.ts', 3, 0)]);
    const elsewhere = commit('e'.repeat(40), '2026-11-22T13:00:00Z', 'Tidy web', [file('web/a.ts', 3, 0)]);
    const rank = (serviceAt: string) =>
      rankSuspects({
        startedAt: START,
        now: START,
        commits: new Map([inService, elsewhere].map((c) => [c.sha, c])),
        deploys: [deploy('w', '2026-11-22T14:15:00Z', [elsewhere.sha]), deploy('p', serviceAt, [inService.sha])],
        service: { name: 'payments', matches: serviceMatcher({ service: 'payments', globs: ['src/payments/**'] }) },
      }).commits;
    const shipped = rank('2026-11-22T11:35:00Z');
    assert.equal(shipped[0].sha, inService.sha, '2 h 40 m earlier');
    assert.equal(shipped[0].reasons.find((r) => r.factor === 'service')?.points, 25);
    assert.equal(rank('2026-11-22T11:15:00Z')[0].sha, elsewhere.sha, '3 h earlier');
  });

  it("says how many of a change's files are in the service in words", () => {
    const text = (files: FileChange[]) =>
      rankSuspects({
        startedAt: START,
        now: START,
        commits: new Map([['d'.repeat(40), commit('d'.repeat(40), '2026-11-22T11:00:00Z', 'Tidy', files)]]),
        deploys: [deploy('p', '2026-11-22T11:30:00Z', ['d'.repeat(40)])],
        service: { name: 'payments', matches: serviceMatcher({ service: 'payments', globs: ['src/payments/**'] }) },
      }).commits[0].reasons.find((r) => r.factor === 'service')?.text;
    const pay = (n: number) => file(`src/payments/${n}.ts`, 1, 0);
    const web = (n: number) => file(`web/${n}.ts`, 1, 0);
    assert.equal(text([pay(1)]), 'its file is in payments (src/payments/1.ts matches src/payments/**)');
    assert.match(text([pay(1), pay(2)]) ?? '', /^both files are in payments/);
    assert.match(text([pay(1), pay(2), pay(3)]) ?? '', /^all 3 files are in payments/);
    assert.match(text([pay(1), web(2), web(3)]) ?? '', /^1 of 3 files is in payments/);
    assert.match(text([pay(1), pay(2), web(3)]) ?? '', /^2 of 3 files are in payments/);
    assert.equal(text([web(1)]), undefined);
  });

  it('a migration outranks a same-time code change of the same size', () => {
    const code = commit('d'.repeat(40), '2026-11-22T08:00:00Z', 'Tidy', [file('src/util.ts', 3, 0)]);
    const ranking = rankSuspects({
      startedAt: START,
      now: START,
      commits: new Map([
        [migration.sha, migration],
        [code.sha, code],
      ]),
      deploys: [deploy('d1', '2026-11-22T12:00:00Z', [code.sha, migration.sha])],
    });
    assert.equal(ranking.commits[0].sha, migration.sha);
    assert.match(ranking.commits[0].reasons.map((r) => r.text).join('\n'), /database migration: db\/migrations\/0042_index.sql/);
  });

  it('a risky kind of file breaks a near tie, it does not outweigh half an hour closer to the start', () => {
    // On real histories (docs/judge.md) configuration and dependency changes are common and seldom the culprit.
    const code = commit('d'.repeat(40), '2026-11-22T12:00:00Z', 'Tidy', [file('src/util.ts', 3, 0)]);
    const config = commit('f'.repeat(40), '2026-11-22T11:00:00Z', 'Tune', [file('config/app.yaml', 3, 0)]);
    const ranking = rankSuspects({
      startedAt: START,
      now: START,
      commits: new Map([
        [code.sha, code],
        [config.sha, config],
      ]),
      deploys: [deploy('d2', '2026-11-22T13:15:00Z', [code.sha]), deploy('d1', '2026-11-22T12:45:00Z', [config.sha])],
    });
    assert.deepEqual(
      ranking.commits.map((c) => c.sha),
      [code.sha, config.sha],
    );
    assert.deepEqual(
      ranking.commits[1].reasons.filter((r) => r.factor === 'risky-path').map((r) => [r.points, r.text]),
      [[4, 'changes configuration: config/app.yaml']],
    );
  });

  it('counts staging deploys and undeployed commits for less, and flags future dates', () => {
    const future = commit('e'.repeat(40), '2026-11-23T09:00:00Z', 'From the future', [file('x.ts')]);
    const ranking = rankSuspects({
      startedAt: START,
      now: '2026-11-22T15:00:00Z',
      commits: new Map([
        [older.sha, older],
        [future.sha, future],
      ]),
      deploys: [deploy('s1', '2026-11-22T14:00:00Z', [older.sha], 'staging')],
      undeployed: [future.sha],
    });
    const time = ranking.commits.find((c) => c.sha === older.sha)?.reasons.find((r) => r.factor === 'time');
    assert.equal(time?.points, Math.round(timePoints(15 * 60_000) * 0.5 * 10) / 10);
    assert.match(time?.text ?? '', /not production/);
    const flagged = ranking.commits.find((c) => c.sha === future.sha);
    assert.ok(flagged?.futureDated);
    assert.match(flagged?.reasons.map((r) => r.text).join('\n') ?? '', /in the future/);
  });

  it('gives merges a -m 1 revert command', () => {
    const merge = commit('f'.repeat(40), '2026-11-22T12:00:00Z', 'Merge', [], ['p1', 'p2']);
    const ranking = rankSuspects({
      startedAt: START,
      now: START,
      commits: new Map([[merge.sha, merge]]),
      deploys: [deploy('m', '2026-11-22T12:00:00Z', [merge.sha])],
    });
    assert.equal(ranking.commits[0].revertCommand, `git revert -m 1 ${merge.sha}`);
  });

  it('counts the later commits before the start that changed the same files again (follow-ups)', () => {
    const change = commit('1'.repeat(40), '2026-11-22T09:00:00Z', 'Retry card charges', [file('src/payments/charge.ts'), file('src/a.ts')]);
    const fix = commit('2'.repeat(40), '2026-11-22T11:00:00Z', 'Fix the retry count', [file('src/payments/charge.ts')]);
    const again = commit('3'.repeat(40), '2026-11-22T12:00:00Z', 'Log retries', [file('src/a.ts')]);
    const more = commit('4'.repeat(40), '2026-11-22T13:00:00Z', 'Retry less', [file('src/payments/charge.ts')]);
    const other = commit('5'.repeat(40), '2026-11-22T13:30:00Z', 'Footer', [file('web/footer.html')]);
    // After the start: a revert or a fix made during the incident says nothing about its cause.
    const during = commit('6'.repeat(40), '2026-11-22T14:30:00Z', 'Revert retries', [file('src/payments/charge.ts')]);
    const all = [change, fix, again, more, other, during];
    const ranking = shippedTogether(all);
    const followUps = (sha: string) => ranking.commits.find((c) => c.sha === sha)?.reasons.find((r) => r.factor === 'follow-ups');
    assert.deepEqual(
      { points: followUps(change.sha)?.points, text: followUps(change.sha)?.text },
      {
        points: 8,
        text: `its files were changed again by 3 later commits before the incident began (${fix.sha.slice(0, 7)} "Fix the retry count", ${again.sha.slice(0, 7)} "Log retries", ${more.sha.slice(0, 7)} "Retry less"): follow-up fixes often trail a bad change`,
      },
    );
    assert.equal(followUps(fix.sha)?.points, 4, 'one later change to charge.ts before the start');
    assert.equal(followUps(more.sha), undefined, 'only the change during the incident touched it since');
    assert.equal(followUps(other.sha), undefined);
  });

  it('names the dependencies a manifest change moved, and gives a manifest edit that moved none no dependency points', () => {
    const bump = commit('1'.repeat(40), '2026-11-22T09:00:00Z', 'Bump pg', [
      { ...file('package.json'), dependencies: [{ name: 'pg', from: '8.11.0', to: '8.12.0' }] },
      file('package-lock.json'),
    ]);
    // A release setting the version: neither a dependency change nor a follow-up fix of the bump.
    const release = commit('2'.repeat(40), '2026-11-22T10:00:00Z', 'Release 2.4.1', [{ ...file('package.json'), dependencies: [] }]);
    // Not read (a manifest too large, a missing object): the path decides, as before.
    const unread = commit('3'.repeat(40), '2026-11-22T11:00:00Z', 'Move to pnpm', [file('web/package.json')]);
    const all = [bump, release, unread];
    const ranking = shippedTogether(all);
    const reasons = (sha: string) => ranking.commits.find((c) => c.sha === sha)?.reasons ?? [];
    const risky = (sha: string) => reasons(sha).find((r) => r.factor === 'risky-path');
    assert.deepEqual(
      { points: risky(bump.sha)?.points, text: risky(bump.sha)?.text },
      { points: 3, text: 'changes dependencies: package.json, package-lock.json (pg 8.11.0 → 8.12.0)' },
    );
    assert.equal(risky(release.sha), undefined);
    assert.equal(risky(unread.sha)?.text, 'changes dependencies: web/package.json');
    assert.equal(
      reasons(bump.sha).find((r) => r.factor === 'follow-ups'),
      undefined,
      'the release only set the version in package.json',
    );
  });

  it("names what a lockfile resolved after its manifest's words, and lets a lockfile that names nothing count by its path", () => {
    const bump = commit('1'.repeat(40), '2026-11-22T09:00:00Z', 'Bump express', [
      {
        ...file('package-lock.json'),
        dependencies: [
          { name: 'body-parser', from: '1.20.1', to: '1.20.2' },
          { name: 'express', from: '4.18.2', to: '4.19.0' },
        ],
      },
      { ...file('package.json'), dependencies: [{ name: 'express', from: '^4.18.2', to: '^4.19.0' }] },
    ]);
    // `npm audit fix`: only the lockfile, one transitive package.
    const audit = commit('2'.repeat(40), '2026-11-22T10:00:00Z', 'npm audit fix', [
      { ...file('package-lock.json'), dependencies: [{ name: 'minimist', from: '1.2.5', to: '1.2.6' }] },
    ]);
    // New checksums, the same versions: what is installed may still have changed.
    const resigned = commit('3'.repeat(40), '2026-11-22T11:00:00Z', 'Refresh the lockfile', [{ ...file('Cargo.lock'), dependencies: [] }]);
    const ranking = shippedTogether([bump, audit, resigned]);
    const risky = (sha: string) => ranking.commits.find((c) => c.sha === sha)?.reasons.find((r) => r.factor === 'risky-path');
    assert.equal(
      risky(bump.sha)?.text,
      'changes dependencies: package-lock.json, package.json (express ^4.18.2 → ^4.19.0, body-parser 1.20.1 → 1.20.2)',
    );
    assert.equal(risky(audit.sha)?.text, 'changes dependencies: package-lock.json (minimist 1.2.5 → 1.2.6)');
    assert.deepEqual(
      { points: risky(resigned.sha)?.points, text: risky(resigned.sha)?.text },
      { points: 3, text: 'changes dependencies: Cargo.lock' },
    );
  });

  it('gives a commit written after the start no time points, whatever shipped it', () => {
    // The culprit was written before the start; the revert answering it was written during the incident,
    // and one deploy after the start shipped both (a merge of the revert's branch).
    const culprit = commit('7'.repeat(40), '2026-11-22T10:00:00Z', 'Retry card charges', [file('src/payments/charge.ts')]);
    const revert = commit('8'.repeat(40), '2026-11-22T14:25:00Z', 'Revert "Retry card charges"', [file('src/payments/charge.ts')]);
    const fix = commit('9'.repeat(40), '2026-11-22T14:20:00Z', 'Hotfix footer', [file('web/footer.html')]);
    const ranking = rankSuspects({
      startedAt: START,
      now: '2026-11-22T16:00:00Z',
      commits: new Map([culprit, revert, fix].map((c) => [c.sha, c])),
      deploys: [deploy('d', '2026-11-22T14:30:00Z', [revert.sha, culprit.sha])],
      undeployed: [fix.sha],
    });
    const time = (sha: string) =>
      ranking.commits.find((c) => c.sha === sha)?.reasons.filter((r) => r.factor === 'time' || r.factor === 'not-deployed');
    assert.equal(ranking.commits[0].sha, culprit.sha);
    assert.deepEqual(
      time(revert.sha)?.map((r) => ({ points: r.points, text: r.text })),
      [
        {
          points: 0,
          text: 'committed 10m after the incident began (shipped by rel-d): more likely part of the response (a fix, a revert) than its cause',
        },
      ],
    );
    assert.deepEqual(
      time(fix.sha)?.map((r) => r.points),
      [0],
    );
    assert.ok((time(culprit.sha)?.[0].points ?? 0) > 0, 'the deploy after the start still counts for what was written before it');
  });

  it('counts half of what else a commit written after the start has: a large revert in the service does not outrank the culprit', () => {
    // Days later, time says nothing; the revert is larger than the culprit and as much in the service.
    const culprit = commit('7'.repeat(40), '2026-11-15T10:00:00Z', 'Lower the flush timeout', [file('pkg/ingester/flush.go', 3, 3)]);
    const revert = commit('8'.repeat(40), '2026-11-22T14:25:00Z', 'Switch back to the old flush path', [
      file('pkg/ingester/flush.go', 400, 300),
      file('pkg/ingester/flush_test.go', 200, 100),
    ]);
    const ranking = rankSuspects({
      startedAt: START,
      now: '2026-11-22T16:00:00Z',
      commits: new Map([culprit, revert].map((c) => [c.sha, c])),
      deploys: [],
      undeployed: [revert.sha, culprit.sha],
      service: { name: 'ingester', matches: serviceMatcher({ service: 'ingester', globs: ['pkg/ingester/**'] }) },
    });
    assert.equal(ranking.commits[0].sha, culprit.sha);
    const ranked = ranking.commits.find((c) => c.sha === revert.sha);
    const half = ranked?.reasons.find((r) => r.factor === 'written-after');
    assert.equal(half?.text, 'written after the incident began: the rest counts half');
    const rest = (ranked?.reasons ?? []).filter((r) => r.factor !== 'written-after').reduce((n, r) => n + r.points, 0);
    assert.ok(Math.abs((half?.points ?? 0) + rest / 2) <= 0.1, `${half?.points} is minus half of ${rest}`);
    assert.ok(Math.abs((ranked?.score ?? 0) - rest / 2) <= 0.1, 'its score is what its reasons add up to');
  });

  it('counts half of what else a commit shipped only after the start has, not of one also shipped before', () => {
    // A release tagged minutes after the start ships a large change; the culprit, smaller, went out a day before.
    const culprit = commit('7'.repeat(40), '2026-11-21T12:00:00Z', 'Cache rule results', [file('rules/manager.go', 30, 5)]);
    const large = commit('8'.repeat(40), '2026-11-21T16:00:00Z', 'Generic write path', [
      file('storage/remote/write.go', 500, 100),
      file('storage/remote/queue.go', 300, 50),
    ]);
    const rank = (deploys: Deploy[]) =>
      rankSuspects({ startedAt: START, now: '2026-11-22T16:00:00Z', commits: new Map([culprit, large].map((c) => [c.sha, c])), deploys });
    const release = deploy('v11', '2026-11-22T14:20:00Z', [large.sha, culprit.sha]);
    const ranking = rank([release, deploy('m', '2026-11-21T12:30:00Z', [culprit.sha])]);
    assert.equal(ranking.commits[0].sha, culprit.sha);
    const shipped = ranking.commits.find((c) => c.sha === large.sha);
    const half = shipped?.reasons.find((r) => r.factor === 'shipped-after');
    assert.equal(half?.text, 'shipped only after the incident began: the rest counts half');
    const rest = (shipped?.reasons ?? [])
      .filter((r) => r.factor !== 'shipped-after' && r.factor !== 'time')
      .reduce((n, r) => n + r.points, 0);
    assert.ok(Math.abs((half?.points ?? 0) + rest / 2) <= 0.1, `${half?.points} is minus half of ${rest}`);
    // Shipped before the start too (the merge a day before): nothing is halved.
    assert.ok(!ranking.commits.find((c) => c.sha === culprit.sha)?.reasons.some((r) => r.factor === 'shipped-after'));
    // Without the earlier merge both went out after the start: the larger leads again.
    assert.equal(rank([release]).commits[0].sha, large.sha);
  });

  it('ranks a commit pushed straight to the branch before the start from its own time when the next merge came after the start', () => {
    // etcd, October 2016: "version: bump" pushed to master 4 minutes before the start; the next merge
    // (and so, in a history of merges, what shipped it) came half an hour after it.
    const before = commit(
      '1'.repeat(40),
      '2026-11-22T12:00:00Z',
      'Merge pull request #40 from ada/metrics',
      [],
      ['0'.repeat(40), 'f'.repeat(40)],
    );
    const pushed = commit(
      '2'.repeat(40),
      '2026-11-22T14:11:00Z',
      'version: bump to v3.1.0-rc.0',
      [file('version/version.go', 1, 1)],
      [before.sha],
    );
    const large = commit(
      '3'.repeat(40),
      '2026-11-22T13:00:00Z',
      'Generic write path',
      [file('storage/remote/write.go', 500, 100), file('storage/remote/queue.go', 300, 50)],
      [before.sha],
    );
    const after = commit('4'.repeat(40), '2026-11-22T14:45:00Z', 'Merge pull request #41 from bo/write', [], [pushed.sha, large.sha]);
    const merge = (c: Commit, shas: string[]): Deploy => ({
      at: c.committedAt,
      sha: c.sha,
      environment: 'production',
      kind: 'merge',
      name: c.subject,
      commits: shas,
      commitsTruncated: false,
    });
    const rank = (pushedAt: string) => {
      const moved = { ...pushed, committedAt: pushedAt, authoredAt: pushedAt };
      return rankSuspects({
        startedAt: START,
        now: '2026-11-22T16:00:00Z',
        commits: new Map([before, moved, large, after].map((c) => [c.sha, c])),
        deploys: [merge(after, [after.sha, moved.sha, large.sha]), merge(before, [before.sha])],
      });
    };
    const ranking = rank(pushed.committedAt);
    assert.equal(ranking.changes[0].sha, pushed.sha, 'the push is a change of its own, and the top one');
    const ranked = ranking.commits.find((c) => c.sha === pushed.sha);
    const time = ranked?.reasons.find((r) => r.factor === 'time');
    assert.equal(
      time?.text,
      'committed straight to the branch 4m before the incident began, no pull request: git keeps no push time, so it may have been live before the next merge (30m after the incident began)',
    );
    assert.equal(time?.points, Math.round(timePoints(4 * 60_000) * 10) / 10);
    const half = ranked?.reasons.find((r) => r.factor === 'not-deployed');
    assert.equal(half?.text, 'no deploy shipped it before the incident began: counts half');
    assert.equal(half?.points, Math.round(((time?.points ?? 0) * 0.5 - (time?.points ?? 0)) * 10) / 10);
    assert.ok(!ranked?.reasons.some((r) => r.factor === 'shipped-after'), 'not counted as shipped only after the start');
    // Ranked as it was before the merge after the start came, when no deploy had shipped it.
    const beforeMerge = rankSuspects({
      startedAt: START,
      now: START,
      commits: new Map([before, pushed].map((c) => [c.sha, c])),
      deploys: [merge(before, [before.sha])],
      undeployed: [pushed.sha],
    });
    assert.equal(beforeMerge.commits[0].score, ranked?.score);
    // What the merge's branch brought did ship only after the start.
    assert.ok(ranking.commits.find((c) => c.sha === large.sha)?.reasons.some((r) => r.factor === 'shipped-after'));
    // Committed after the start, the push is part of the response, as before.
    const late = rank('2026-11-22T14:20:00Z').commits.find((c) => c.sha === pushed.sha);
    assert.ok(late?.reasons.some((r) => r.text.startsWith('committed 5m after the incident began')));
  });

  it('a change to documentation alone counts half: a code change shipped a little earlier outranks it', () => {
    const docs = commit('5'.repeat(40), '2026-11-22T14:05:00Z', 'Document the retry setting', [
      file('docs/payments/retries.md', 40, 2),
      file('README.md', 3, 1),
    ]);
    const code = commit('6'.repeat(40), '2026-11-22T13:35:00Z', 'Retry charges once', [file('src/payments/charge.ts', 4, 1)]);
    const ranking = rankSuspects({
      startedAt: START,
      now: START,
      commits: new Map([docs, code].map((c) => [c.sha, c])),
      deploys: [deploy('d2', docs.committedAt, [docs.sha]), deploy('d1', code.committedAt, [code.sha])],
    });
    assert.equal(ranking.commits[0].sha, code.sha);
    const ranked = ranking.commits.find((c) => c.sha === docs.sha);
    const half = ranked?.reasons.find((r) => r.factor === 'docs-only');
    assert.equal(
      half?.text,
      'changes documentation only (docs/payments/retries.md and 1 more): it does not run in production, counts half',
    );
    const rest = (ranked?.reasons ?? []).filter((r) => r.factor !== 'docs-only').reduce((n, r) => n + r.points, 0);
    assert.ok(Math.abs((ranked?.score ?? 0) - rest / 2) <= 0.1, `${ranked?.score} is half of ${rest}`);
    assert.ok(rest > (ranking.commits[0].score ?? 0), 'without the halving the docs change would lead');
    const mixed = rankSuspects({
      startedAt: START,
      now: START,
      commits: new Map([[code.sha, { ...code, files: [...code.files, file('docs/payments/retries.md')] }]]),
      deploys: [deploy('d1', code.committedAt, [code.sha])],
    });
    assert.equal(
      mixed.commits[0].reasons.some((r) => r.factor === 'docs-only'),
      false,
      'code with its docs is a code change',
    );
  });

  it('between changes days old, the newer breaks a near tie', () => {
    const dayOld = commit('d'.repeat(40), '2026-11-21T14:15:00Z', 'Tidy', [file('src/a.ts', 5, 5)]);
    const weekOld = commit('e'.repeat(40), '2026-11-16T14:15:00Z', 'Tidy more', [file('src/b.ts', 6, 5)]);
    const ranking = rankSuspects({
      startedAt: START,
      now: START,
      commits: new Map([dayOld, weekOld].map((c) => [c.sha, c])),
      // the week-old change is a line larger: without the slow part of the curve it would lead
      deploys: [deploy('d', dayOld.committedAt, [dayOld.sha]), deploy('w', weekOld.committedAt, [weekOld.sha])],
    });
    assert.deepEqual(
      ranking.commits.map((c) => c.sha),
      [dayOld.sha, weekOld.sha],
    );
    assert.ok(timePoints(86_400_000) > 0.4 && timePoints(86_400_000) < 0.5, String(timePoints(86_400_000)));
    assert.ok(timePoints(5 * 86_400_000) < 0.25);
  });

  it("code a revert changed in the months before breaks a near tie; never the commit's own revert, docs or manifests", () => {
    // two same-sized changes shipped together, days before the start
    const fragile = commit('1'.repeat(40), '2026-11-20T10:00:00Z', 'Cache sessions again', [file('src/session/cache.ts', 20, 4)]);
    const other = commit('2'.repeat(40), '2026-11-20T10:00:00Z', 'Cache avatars', [file('src/avatar/cache.ts', 20, 4)]);
    const revert = (sha: string, at: string, subject: string, files: string[], body = '') => ({
      ...commit(
        sha,
        at,
        subject,
        files.map((f) => file(f)),
      ),
      body,
    });
    const rank = (pastReverts: ReturnType<typeof revert>[]) =>
      rankSuspects({
        startedAt: START,
        now: START,
        commits: new Map([fragile, other].map((c) => [c.sha, c])),
        deploys: [deploy('d', '2026-11-20T11:00:00Z', [other.sha, fragile.sha])],
        pastReverts,
      });
    const without = rank([]);
    assert.equal(without.commits[0].score, without.commits[1].score);
    assert.ok(without.commits.every((c) => !c.reasons.some((r) => r.factor === 'reverted-before')));

    const earlier = revert('3'.repeat(40), '2026-11-08T09:00:00Z', 'Revert "Cache sessions"', ['src/session/cache.ts', 'CHANGELOG.md']);
    const ranking = rank([earlier]);
    assert.equal(ranking.commits[0].sha, fragile.sha);
    const reason = ranking.commits[0].reasons.find((r) => r.factor === 'reverted-before');
    assert.equal(reason?.points, 2);
    assert.match(
      reason?.text ?? '',
      /^a revert changed src\/session\/cache\.ts 14d \d+h before the incident began \(3333333 Revert "Cache sessions"\): /,
    );
    assert.equal(ranking.commits[0].score - ranking.commits[1].score, 2);

    const none = (reverts: ReturnType<typeof revert>[], why: string) =>
      assert.ok(
        rank(reverts).commits.every((c) => !c.reasons.some((r) => r.factor === 'reverted-before')),
        why,
      );
    none(
      [revert('4'.repeat(40), '2026-11-08T09:00:00Z', 'Revert "Bump x"', ['go.mod', 'go.sum', 'docs/cache.md', 'README.md'])],
      'manifests and docs say nothing',
    );
    none(
      [
        revert(
          '5'.repeat(40),
          '2026-11-21T09:00:00Z',
          'Revert "Cache sessions again"',
          ['src/session/cache.ts'],
          `This reverts commit ${fragile.sha.slice(0, 10)}.`,
        ),
      ],
      'its own revert',
    );
    none(
      [revert('6'.repeat(40), '2026-05-01T09:00:00Z', 'Revert "Cache sessions"', ['src/session/cache.ts'])],
      'more than 180 days before',
    );
    none([revert('7'.repeat(40), '2026-11-22T14:30:00Z', 'Revert "Cache sessions"', ['src/session/cache.ts'])], 'after the start');
    none([revert('8'.repeat(40), '2026-11-08T09:00:00Z', 'Tidy the session cache', ['src/session/cache.ts'])], 'not a revert');
    none(
      [
        revert(
          '9'.repeat(40),
          '2026-11-08T09:00:00Z',
          'Cache headers (#88)',
          ['src/session/cache.ts'],
          '* try it\n* Revert "try it"\n\nThis reverts commit 0123456789.',
        ),
      ],
      'a squash merge that reverted a step of its own branch is no revert',
    );
    none(
      [revert('a'.repeat(40), '2026-11-21T09:00:00Z', 'Revert "Cache sessions again" (#91)', ['src/session/cache.ts'])],
      'its own revert, squash-merged (no line naming it)',
    );
  });

  it('a change a revert had undone before the start counts nothing, or half when no deploy had shipped the revert', () => {
    // a large change and a small one, shipped together at 10:00; the large one reverted by 12:00
    const big = commit('1'.repeat(40), '2026-11-22T09:00:00Z', 'Shrink the DB pool', [
      file('config/db.yaml', 400, 90),
      file('src/db/pool.ts', 300, 20),
    ]);
    const small = commit('2'.repeat(40), '2026-11-22T09:30:00Z', 'Retry card charges', [file('src/payments/charge.ts', 12, 3)]);
    const revertOf = (sha: string, target: Commit, at: string) => ({
      ...commit(sha, at, `Revert "${target.subject}"`, [file('src/db/pool.ts', 20, 300)]),
      body: `This reverts commit ${target.sha}.`,
    });
    const revert = revertOf('3'.repeat(40), big, '2026-11-22T11:50:00Z');
    const rank = (extra: Commit[], deploys: Deploy[], undeployed: string[] = []) =>
      rankSuspects({
        startedAt: START,
        now: START,
        commits: new Map([big, small, ...extra].map((c) => [c.sha, c])),
        deploys: [deploy('d1', '2026-11-22T10:00:00Z', [big.sha, small.sha]), ...deploys],
        undeployed,
      });
    const of = (ranking: ReturnType<typeof rank>, sha: string) => ranking.commits.find((c) => c.sha === sha) as RankedCommit;
    const undone = (c: RankedCommit) => c.reasons.find((r) => r.factor === 'undone');

    const before = rank([], []);
    assert.equal(before.commits[0].sha, big.sha, 'larger and riskier, it leads while it runs');

    const shipped = rank([revert], [deploy('d2', '2026-11-22T12:00:00Z', [revert.sha])]);
    assert.equal(of(shipped, big.sha).score, 0);
    assert.equal(
      undone(of(shipped, big.sha))?.text,
      'undone before the incident began by 3333333 "Revert "Shrink the DB pool"": its code was no longer running, counts nothing',
    );
    assert.deepEqual(undone(of(shipped, big.sha))?.shas, [revert.sha]);
    assert.ok(of(shipped, small.sha).score > 0 && !undone(of(shipped, small.sha)));
    assert.equal(shipped.changes.findIndex((c) => c.sha === small.sha) < shipped.changes.findIndex((c) => c.sha === big.sha), true);
    // the deploy that shipped both is as suspect as the change still running
    const d1 = shipped.deploys.find((d) => d.deploy.sha === 'd1') as RankedDeploy;
    assert.match(d1.reasons.find((r) => r.factor === 'commits')?.text ?? '', /its most suspect commit 2222222 /);
    assert.equal(d1.reasons.filter((r) => r.factor === 'commits').length, 1, 'an undone commit takes nothing from the rest');

    // no deploy shipped the revert: it may not have been live yet, so the change counts half
    const unshipped = rank([revert], [], [revert.sha]);
    const half = of(unshipped, big.sha);
    assert.equal(
      undone(half)?.text,
      'undone before the incident began by 3333333 "Revert "Shrink the DB pool"", which no deploy in the window shipped: counts half',
    );
    // what is left is half of the rest (its revert, a later change to its file, is a follow-up)
    assert.ok(Math.abs(half.score + (undone(half)?.points ?? 0)) <= 0.1 && half.score > 0, `${half.score}`);

    const unaffected = (ranking: ReturnType<typeof rank>, why: string) =>
      assert.ok(ranking.commits.every((c) => !undone(c)) && ranking.commits[0].sha === big.sha, why);
    unaffected(rank([revert], [deploy('d3', '2026-11-22T14:20:00Z', [revert.sha])]), 'the revert shipped only after the start');
    const late = revertOf('4'.repeat(40), big, '2026-11-22T14:20:00Z');
    unaffected(rank([late], [], [late.sha]), 'the revert was written after the start');
    // a re-land by reverting the revert: the change runs again, the first revert is what was undone
    const reland = { ...revertOf('5'.repeat(40), revert, '2026-11-22T12:30:00Z'), files: [file('src/db/pool.ts', 300, 20)] };
    const again = rank(
      [revert, reland],
      [deploy('d2', '2026-11-22T12:00:00Z', [revert.sha]), deploy('d4', '2026-11-22T12:40:00Z', [reland.sha])],
    );
    assert.equal(undone(of(again, big.sha)), undefined);
    assert.ok(of(again, big.sha).score > of(again, small.sha).score);
    assert.match(
      undone(of(again, revert.sha))?.text ?? '',
      /^undone before the incident began by 5555555 "Revert "Revert "Shrink the DB pool""":/,
    );
    // git's line names the commit: a later commit with the same subject (landed again) is not undone by it
    const relanded = { ...big, sha: '6'.repeat(40), committedAt: '2026-11-22T12:20:00Z', authoredAt: '2026-11-22T12:20:00Z' };
    const same = rank(
      [revert, relanded],
      [deploy('d2', '2026-11-22T12:00:00Z', [revert.sha]), deploy('d5', '2026-11-22T12:30:00Z', [relanded.sha])],
    );
    assert.ok(undone(of(same, big.sha)) && !undone(of(same, relanded.sha)));
    // a squash-merged revert whose line names a commit of its own branch undoes what its subject quotes
    const squashed = {
      ...revert,
      subject: 'Revert "Shrink the DB pool" (#12)',
      body: '* Revert "Shrink the DB pool"\n\nThis reverts commit 0123456789abc.',
    };
    const bySubject = rank([squashed], [deploy('d2', '2026-11-22T12:00:00Z', [squashed.sha])]);
    assert.equal(of(bySubject, big.sha).score, 0);
  });

  it('a pull request whose merge was reverted before the start counts nothing, its commits and all', () => {
    const base = commit('0'.repeat(40), '2026-11-22T08:00:00Z', 'Base', [file('README.md')]);
    const work = commit('1'.repeat(40), '2026-11-22T09:00:00Z', 'Shrink the DB pool', [file('src/db/pool.ts', 300, 20)], [base.sha]);
    const tidy = commit('2'.repeat(40), '2026-11-22T09:10:00Z', 'Tidy the pool', [file('src/db/pool.ts', 30, 2)], [work.sha]);
    const merge = {
      ...commit('3'.repeat(40), '2026-11-22T10:00:00Z', 'Merge pull request #7 from ada/pool', [], [base.sha, tidy.sha]),
      body: 'Shrink the DB pool',
    };
    const other = commit(
      '4'.repeat(40),
      '2026-11-22T10:30:00Z',
      'Retry card charges',
      [file('src/payments/charge.ts', 12, 3)],
      [merge.sha],
    );
    const revert = {
      ...commit(
        '5'.repeat(40),
        '2026-11-22T11:00:00Z',
        'Revert "Merge pull request #7 from ada/pool"',
        [file('src/db/pool.ts', 22, 330)],
        [other.sha],
      ),
      body: `This reverts commit ${merge.sha}, reversing\nchanges made to ${base.sha}.`,
    };
    const all = [base, work, tidy, merge, other, revert];
    const mergeDeploy = (c: Commit, shipped: Commit[]): Deploy => ({
      at: c.committedAt,
      sha: c.sha,
      environment: 'production',
      kind: 'merge',
      name: c.subject,
      commits: shipped.map((s) => s.sha),
      commitsTruncated: false,
    });
    const ranking = rankSuspects({
      startedAt: START,
      now: START,
      commits: new Map(all.map((c) => [c.sha, c])),
      deploys: [mergeDeploy(merge, [merge, tidy, work]), mergeDeploy(other, [other]), mergeDeploy(revert, [revert])],
    });
    const pr = ranking.changes.find((c) => c.sha === merge.sha);
    assert.equal(pr?.kind, 'pull-request');
    assert.equal(pr?.score, 0);
    for (const c of pr?.commits ?? []) {
      assert.match(c.reasons.find((r) => r.factor === 'undone')?.text ?? '', /^undone before the incident began by 5555555 /, c.subject);
    }
    assert.equal(ranking.changes[ranking.changes.length - 1].sha, merge.sha);
  });

  it('time points fall with distance before the start and stay small after it', () => {
    assert.ok(timePoints(10 * 60_000) > timePoints(3 * 3_600_000));
    assert.ok(timePoints(-5 * 60_000) < timePoints(6 * 3_600_000) + 10);
    assert.ok(timePoints(-5 * 60_000) < timePoints(30 * 60_000));
  });
});

describe('suspect marks', () => {
  const ev = (id: string, ts: string, fields: Record<string, unknown>): IncidentEvent =>
    ({ id, ts, type: 'suspect_marked', author: 'sam', ...fields }) as IncidentEvent;

  it('folds to the latest verdict per sha, keeping the history', () => {
    const marks = foldSuspectMarks([
      ev('1', '2026-11-22T14:30:00Z', { sha: 'abc1234', verdict: 'suspect' }),
      { id: '2', ts: '2026-11-22T14:31:00Z', type: 'entry', author: 'x', kind: 'note', text: 'hi' } as IncidentEvent,
      ev('3', '2026-11-22T14:40:00Z', { sha: 'abc1234', verdict: 'cause', note: 'retry storm' }),
    ]);
    const mark = marks.bySha.get('abc1234');
    assert.equal(mark?.verdict, 'cause');
    assert.equal(mark?.note, 'retry storm');
    assert.equal(mark?.title, undefined, 'written by a War Room that named no title');
    assert.deepEqual(
      mark?.history.map((h) => h.verdict),
      ['suspect', 'cause'],
    );
    assert.equal(verdictFor(marks, 'abc1234' + '0'.repeat(33))?.verdict, 'cause');
  });

  it('keeps the title a mark named, from the latest mark that gave one', () => {
    const marks = foldSuspectMarks([
      ev('1', '2026-11-22T14:30:00Z', { sha: 'abc1234', verdict: 'suspect', title: '#42 Cut the retry budget' }),
      ev('2', '2026-11-22T14:40:00Z', { sha: 'abc1234', verdict: 'cause' }),
    ]);
    assert.equal(marks.bySha.get('abc1234')?.title, '#42 Cut the retry budget');
  });

  it('keeps bad marks out of the fold and says why', () => {
    const marks = foldSuspectMarks([
      ev('1', '2026-11-22T14:30:00Z', { sha: 'not-a-sha', verdict: 'suspect' }),
      ev('2', '2026-11-22T14:30:00Z', { sha: 'abc1234', verdict: 'guilty' }),
      ev('3', '2026-11-22T14:30:00Z', { sha: 'abc1234', verdict: 'cause', title: { text: 'x' } }),
    ]);
    assert.equal(marks.bySha.size, 0);
    assert.deepEqual(
      marks.problems.map((p) => p.eventId),
      ['1', '2', '3'],
    );
    assert.match(marks.problems[2].message, /"title" must be a string/);
    assert.match(marks.problems[1].message, /suspect, cleared, cause/);
  });
});
