import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { blameFile, findSuspects, GitCorrelationError, lacksObject, releasesContaining, SuspectsResult } from '../../../src/adapters/git';
import { forgetHistories, lookupHistory } from '../../../src/adapters/git/historyCache';
import { locateRepo, refReader } from '../../../src/adapters/git/repoFiles';
import { makeRepo, makeTempDir, removeTempDir } from '../../support/gitRepo';
import { buildScenario, EVIDENCE, INCIDENT_AT, NOW, Scenario } from './scenario';

describe('git adapter on real repositories', function () {
  this.timeout(30_000);
  let dir: string;
  let s: Scenario;
  let result: SuspectsResult;

  before(async () => {
    dir = makeTempDir();
    s = buildScenario(path.join(dir, 'shop'));
    result = await findSuspects(s.repo.dir, {
      at: new Date(INCIDENT_AT),
      now: new Date(NOW),
      service: 'payments',
      evidence: EVIDENCE,
      title: 'Payment charge timeouts',
      deployLogPath: 'deploys.log',
      utcOffsetMinutes: 0,
    });
  });
  after(() => removeTempDir(dir));

  it('finds every kind of deploy marker in the window', () => {
    const kinds = result.ranking.deploys.map((d) => `${d.deploy.kind} ${d.deploy.name}`).sort();
    assert.deepEqual(kinds, [
      'deploy-log production deploy ' + s.lockfile.slice(0, 7),
      'deploy-tag deploy/production/2026-11-22-1410',
      'merge Merge branch payments-retry',
      'release-tag v1.1.0',
      'trailer Deployed-to: staging',
    ]);
    assert.ok(!kinds.some((k) => k.includes('v1.0.0')), 'v1.0.0 is before the window');
  });

  it('gives a deploy the commits since the previous one, even commits dated before the window', () => {
    const release = result.ranking.deploys.find((d) => d.deploy.name === 'v1.1.0');
    assert.deepEqual([...(release?.deploy.commits ?? [])].sort(), [s.culprit, s.merge, s.readme, s.lockfile].sort());
    const merge = result.ranking.deploys.find((d) => d.deploy.kind === 'merge');
    assert.deepEqual([...(merge?.deploy.commits ?? [])].sort(), [s.culprit, s.merge].sort());
    assert.deepEqual(result.ranking.deploys.find((d) => d.deploy.kind === 'deploy-tag')?.deploy.commits, [s.search]);
  });

  it('ranks the culprit first although it is neither the latest commit nor the latest deploy', () => {
    assert.equal(result.ranking.commits[0].sha, s.culprit);
    const reasons = result.ranking.commits[0].reasons.map((r) => r.text).join('\n');
    assert.match(reasons, /src\/payments\/charge\.ts, named in the evidence/);
    assert.match(reasons, /@acme\/payments-team \(CODEOWNERS line 2\)/);
  });

  it('reads binary files, submodule pointers and future dates', () => {
    const readme = result.commits.get(s.readme);
    assert.equal(readme?.files.find((f) => f.path === 'media/logo.png')?.binary, true);
    assert.equal(result.commits.get(s.staging)?.files.find((f) => f.path === 'vendor/gateway-sdk')?.submodule, true);
    assert.ok(result.ranking.commits.find((c) => c.sha === s.future)?.futureDated);
  });

  it('stores UTC whatever zone the author wrote', () => {
    const culprit = result.commits.get(s.culprit);
    assert.equal(culprit?.authoredAt, '2026-11-21T08:00:00.000Z');
    assert.equal(culprit?.authorUtcOffsetMinutes, 60);
  });

  it('reports bad deploy log lines with file and line', () => {
    assert.ok(result.warnings.includes('deploys.log:3: "not" is not an ISO 8601 time'), result.warnings.join('\n'));
  });

  it('says plainly when the window is empty', async () => {
    const empty = await findSuspects(s.repo.dir, { at: new Date('2026-11-19T14:15:00Z'), now: new Date(NOW), utcOffsetMinutes: 0 });
    assert.equal(empty.emptyMessage, 'no deploys in the 24 h before 14:15; widen the window?');
    assert.equal(empty.ranking.deploys.length, 0);
  });

  it('ranks the commits that landed when nothing marks a deploy, and says so instead of "widen the window"', async () => {
    const repo = makeRepo(path.join(dir, 'squashed'));
    repo.commit({ 'a.txt': '1\n' }, { date: '2026-11-18T09:00:00Z', message: 'Initial' });
    const landed = repo.commit({ 'src/pool.ts': '5\n' }, { date: '2026-11-22T13:00:00Z', message: 'Lower the pool size (#1204)' });
    const r = await findSuspects(repo.dir, { at: new Date('2026-11-22T14:15:00Z'), now: new Date(NOW), utcOffsetMinutes: 0 });
    assert.equal(r.emptyMessage, undefined);
    assert.equal(r.ranking.deploys.length, 0);
    assert.deepEqual(
      r.ranking.changes.map((c) => c.sha),
      [landed],
    );
    assert.ok(
      r.warnings.includes(
        'no deploys marked: the commit that landed on main is ranked as landed, its time counting half (deploys are read from release tags, merges into main, a deploy log, Deployed-to trailers, the timeline: Record a Deploy… adds one you know of)',
      ),
      r.warnings.join('\n'),
    );
  });

  it('works on a detached HEAD and says so', async () => {
    const other = makeTempDir();
    try {
      const repo = buildScenario(path.join(other, 'shop')).repo;
      repo.detach('v1.0.0');
      const detached = await findSuspects(repo.dir, { at: new Date(INCIDENT_AT), now: new Date(NOW) });
      assert.equal(detached.repo.detached, true);
      assert.equal(detached.repo.defaultBranch, 'main');
      assert.match(detached.warnings.join('\n'), /HEAD is detached at [0-9a-f]{7}; deploys are read from main/);
      assert.ok(detached.ranking.deploys.some((d) => d.deploy.name === 'v1.1.0'));
    } finally {
      removeTempDir(other);
    }
  });

  it('in a shallow clone, says which history is missing and how to get it', async () => {
    const clone = s.repo.shallowClone(path.join(dir, 'shallow'), 3);
    const shallow = await findSuspects(clone.dir, { at: new Date(INCIDENT_AT), now: new Date(NOW) });
    assert.equal(shallow.repo.shallow, true);
    const warning = shallow.warnings.find((w) => w.startsWith('shallow clone'));
    assert.match(warning ?? '', /^shallow clone: history before 2026-11-2\dT[\d:.]+Z is missing \(1 cut-off point\)/);
    assert.match(warning ?? '', /git fetch --unshallow/);
  });

  it('names releases containing a commit, nearest first', async () => {
    assert.deepEqual(
      (await releasesContaining(s.repo.dir, s.culprit)).map((r) => r.tag),
      ['v1.1.0'],
    );
    assert.deepEqual(
      (await releasesContaining(s.repo.dir, s.root)).map((r) => r.tag),
      ['v1.0.0', 'v1.1.0'],
    );
    assert.deepEqual(await releasesContaining(s.repo.dir, s.search), []);
  });

  it('passes release tag patterns to git as patterns, never as options', async () => {
    // Patterns come from workspace settings: `--delete` here must stay a name to match.
    const tags = await releasesContaining(s.repo.dir, s.root, { releaseTagPatterns: ['--delete', '--points-at=HEAD', 'v*'] });
    assert.deepEqual(
      tags.map((r) => r.tag),
      ['v1.0.0', 'v1.1.0'],
    );
  });

  describe('clear errors', () => {
    it('not a git repository', async () => {
      const plain = makeTempDir('warroom-plain-');
      try {
        await assert.rejects(
          findSuspects(plain, { at: new Date(INCIDENT_AT) }),
          (e: unknown) => e instanceof GitCorrelationError && e.problem === 'not-a-repo' && e.message.includes(plain),
        );
      } finally {
        removeTempDir(plain);
      }
    });

    it('git not installed', async () => {
      await assert.rejects(
        findSuspects(s.repo.dir, { at: new Date(INCIDENT_AT), gitBinary: 'git-not-installed-here' }),
        (e: unknown) => e instanceof GitCorrelationError && e.problem === 'git-missing' && /not installed/.test(e.message),
      );
    });

    it('no such folder', async () => {
      await assert.rejects(findSuspects(path.join(dir, 'nope'), { at: new Date(INCIDENT_AT) }), /does not exist/);
    });

    it('a repository with no commits', async () => {
      const emptyDir = path.join(dir, 'empty');
      makeRepo(emptyDir);
      await assert.rejects(
        findSuspects(emptyDir, { at: new Date(INCIDENT_AT) }),
        (e: unknown) => e instanceof GitCorrelationError && e.problem === 'no-commits',
      );
    });
  });

  it('orders commits on real time across a DST change', async () => {
    const repo = makeRepo(path.join(dir, 'dst'));
    const before = repo.commit({ 'a.txt': '1\n' }, { date: '2026-03-08T01:59:00-05:00', message: 'just before the change' });
    const after = repo.commit(
      { 'a.txt': '2\n' },
      { date: '2026-03-08T03:01:00-04:00', message: 'two minutes later', trailers: { 'Deployed-to': 'production' } },
    );
    const r = await findSuspects(repo.dir, { at: new Date('2026-03-08T03:30:00-04:00'), now: new Date('2026-03-08T08:00:00Z') });
    assert.equal(r.commits.get(before)?.committedAt, '2026-03-08T06:59:00.000Z');
    assert.equal(r.commits.get(after)?.committedAt, '2026-03-08T07:01:00.000Z');
    assert.match(r.ranking.deploys[0].reasons[0].text, /^deployed \(Deployed-to: production\) 29m before/);
  });

  describe('a tip commit with a wrong clock', () => {
    // Merges at 11:00 and 13:00, then a commit at the tip whose clock said three days earlier.
    const at = new Date('2026-11-22T14:00:00Z');
    let repo: ReturnType<typeof makeRepo>;
    let merges: string[];
    let released: string;
    before(() => {
      repo = makeRepo(path.join(dir, 'skewed'));
      repo.commit({ 'a.txt': '1\n' }, { date: '2026-11-10T09:00:00Z', message: 'Initial' });
      released = repo.commit({ 'b.txt': '1\n' }, { date: '2026-11-12T09:00:00Z', message: 'Released next' });
      repo.commit({ 'b.txt': '2\n' }, { date: '2026-11-20T09:00:00Z', message: 'Before the window' });
      merges = ['11', '13'].map((hour) => {
        repo.branch(`fix-${hour}`);
        repo.checkout(`fix-${hour}`);
        repo.commit({ [`${hour}.txt`]: `${hour}\n` }, { date: `2026-11-22T${hour}:00:00Z`, message: `Change at ${hour}` });
        repo.checkout('main');
        return repo.merge(`fix-${hour}`, { date: `2026-11-22T${hour}:30:00Z`, message: `Merge fix-${hour}` });
      });
      repo.commit({ 'a.txt': '2\n' }, { date: '2026-11-19T11:00:00Z', message: 'Committed on a machine three days behind' });
    });
    const mergeDeploys = (r: SuspectsResult) =>
      r.ranking.deploys
        .filter((d) => d.deploy.kind === 'merge')
        .map((d) => d.deploy.sha)
        .sort();

    it('still shows the merges below it, with no release to start from (the branch walked by rev-list)', async () => {
      const r = await findSuspects(repo.dir, { at, windowMs: 6 * 3_600_000, now: new Date('2026-11-22T14:30:00Z') });
      assert.deepEqual(mergeDeploys(r), [...merges].sort());
    });

    it('still shows the merges below it when the branch is read from the shipped log', async () => {
      repo.tag('v1.0.0', { sha: released, date: '2026-11-12T10:00:00Z' });
      const r = await findSuspects(repo.dir, { at, windowMs: 6 * 3_600_000, now: new Date('2026-11-22T14:30:00Z') });
      assert.deepEqual(mergeDeploys(r), [...merges].sort());
    });

    it('still shows the merges below it days later (the branch walked by rev-list again)', async () => {
      const r = await findSuspects(repo.dir, { at, windowMs: 6 * 3_600_000, now: new Date('2026-11-29T14:30:00Z') });
      assert.deepEqual(mergeDeploys(r), [...merges].sort());
    });
  });

  it('reads the reverts of the months before the start: a change to code reverted 14 days earlier breaks the tie', async () => {
    const repo = makeRepo(path.join(dir, 'reverted'));
    repo.commit({ 'src/session/cache.ts': 'v1\n', 'src/avatar/cache.ts': 'v1\n' }, { date: '2026-10-01T09:00:00Z', message: 'Initial' });
    const first = repo.commit({ 'src/session/cache.ts': 'v2\n' }, { date: '2026-11-05T09:00:00Z', message: 'Cache sessions' });
    const revertAt = '2026-11-08T09:00:00Z';
    repo.git(['revert', '--no-edit', first], { GIT_AUTHOR_DATE: revertAt, GIT_COMMITTER_DATE: revertAt });
    const earlier = repo.head();
    const deployed = { trailers: { 'Deployed-to': 'production' } };
    const again = repo.commit(
      { 'src/session/cache.ts': 'v3\n' },
      { date: '2026-11-22T10:00:00Z', message: 'Cache sessions again', ...deployed },
    );
    const avatars = repo.commit({ 'src/avatar/cache.ts': 'v3\n' }, { date: '2026-11-22T10:00:00Z', message: 'Cache avatars', ...deployed });
    // the response: written after the start, it is no past revert
    const laterAt = '2026-11-22T14:30:00Z';
    repo.git(['revert', '--no-edit', avatars], { GIT_AUTHOR_DATE: laterAt, GIT_COMMITTER_DATE: laterAt });

    const r = await findSuspects(repo.dir, {
      at: new Date('2026-11-22T14:00:00Z'),
      windowMs: 6 * 3_600_000,
      now: new Date('2026-11-22T15:00:00Z'),
    });
    assert.deepEqual(
      r.pastReverts.map((c) => c.sha),
      [earlier],
    );
    assert.deepEqual(
      r.pastReverts[0].files.map((f) => f.path),
      ['src/session/cache.ts'],
    );
    const reasonOf = (sha: string) => r.ranking.commits.find((c) => c.sha === sha)?.reasons.find((x) => x.factor === 'reverted-before');
    assert.match(
      reasonOf(again)?.text ?? '',
      new RegExp(
        `^a revert changed src/session/cache\\.ts 14d 5h before the incident began \\(${earlier.slice(0, 7)} Revert "Cache sessions"\\)`,
      ),
    );
    assert.equal(reasonOf(avatars), undefined);
    assert.equal(r.ranking.commits.filter((c) => c.sha === again || c.sha === avatars)[0].sha, again);
    // A week later the reverts are read from the branch as it was at the start, not from its tip: the same.
    const later = await findSuspects(repo.dir, {
      at: new Date('2026-11-22T14:00:00Z'),
      windowMs: 6 * 3_600_000,
      now: new Date('2026-11-29T15:00:00Z'),
    });
    assert.deepEqual(
      later.pastReverts.map((c) => c.sha),
      [earlier],
    );
  });

  it('counts nothing for a pull request reverted before the start, and counts it again once the revert is reverted', async () => {
    const repo = makeRepo(path.join(dir, 'undone'));
    repo.commit({ 'src/db/pool.ts': 'size 50\n', 'src/pay/charge.ts': 'retry 0\n' }, { date: '2026-11-20T09:00:00Z', message: 'Initial' });
    const pullRequest = (branch: string, at: string, work: () => void) => {
      repo.branch(branch);
      repo.checkout(branch);
      work();
      repo.checkout('main');
      return repo.merge(branch, { date: at, message: `Merge pull request from ada/${branch}` });
    };
    const lines = (n: number, word: string) => Array.from({ length: n }, (_, i) => `${word} ${i}`).join('\n');
    const pool = pullRequest('pool', '2026-11-22T10:00:00Z', () => {
      repo.commit(
        { 'src/db/pool.ts': `${lines(300, 'size')}\n`, 'config/db.yaml': 'pool: 5\n' },
        { date: '2026-11-22T09:30:00Z', message: 'Shrink the DB pool' },
      );
    });
    const retry = pullRequest('retry', '2026-11-22T10:30:00Z', () => {
      repo.commit({ 'src/pay/charge.ts': 'retry 1\n' }, { date: '2026-11-22T10:15:00Z', message: 'Retry card charges' });
    });
    const undo = pullRequest('undo-pool', '2026-11-22T12:00:00Z', () => {
      const at = '2026-11-22T11:50:00Z';
      repo.git(['revert', '--no-edit', '-m', '1', pool], { GIT_AUTHOR_DATE: at, GIT_COMMITTER_DATE: at });
    });
    const revert = repo.git(['rev-parse', `${undo}^2`]).trim();
    const correlate = () =>
      findSuspects(repo.dir, { at: new Date('2026-11-22T14:00:00Z'), windowMs: 6 * 3_600_000, now: new Date('2026-11-22T15:00:00Z') });

    const r = await correlate();
    const change = (sha: string) => r.ranking.changes.find((c) => c.sha === sha);
    assert.equal(change(pool)?.score, 0);
    assert.match(
      change(pool)?.reasons.find((x) => x.factor === 'undone')?.text ?? '',
      new RegExp(
        `^undone before the incident began by ${revert.slice(0, 7)} "Revert "Merge pull request from ada/pool"": its code was no longer running, counts nothing$`,
      ),
    );
    // its own revert (of the merge that brought it) is neither a follow-up fix of it nor a past revert of its code
    const shrink = change(pool)?.commits.find((c) => c.subject === 'Shrink the DB pool');
    assert.deepEqual(
      shrink?.reasons.filter((x) => x.shas?.includes(revert)).map((x) => x.factor),
      ['undone'],
    );
    assert.ok((change(retry)?.score ?? 0) > 0);
    assert.ok(r.ranking.changes.indexOf(change(retry) as never) < r.ranking.changes.indexOf(change(pool) as never));

    // landed again by reverting the revert: the pull request runs again and ranks as before
    pullRequest('reland-pool', '2026-11-22T13:00:00Z', () => {
      const at = '2026-11-22T12:50:00Z';
      repo.git(['revert', '--no-edit', revert], { GIT_AUTHOR_DATE: at, GIT_COMMITTER_DATE: at });
    });
    const again = await correlate();
    const relanded = again.ranking.changes.find((c) => c.sha === pool);
    assert.ok((relanded?.score ?? 0) > 0 && !relanded?.reasons.some((x) => x.factor === 'undone'));
    assert.match(
      again.ranking.changes.find((c) => c.sha === undo)?.reasons.find((x) => x.factor === 'undone')?.text ?? '',
      /^undone before the incident began by [0-9a-f]{7} "Revert "Revert "Merge pull request from ada\/pool""": /,
    );
  });

  it('reads no commit that merges before the window shipped when the last release is days older than the window', async () => {
    // Released on the 10th; merged every day since; the incident's window holds one pull request.
    const repo = makeRepo(path.join(dir, 'old-release'));
    repo.commit({ 'src/app.ts': 'app\n' }, { date: '2026-11-10T09:00:00Z', message: 'Initial' });
    repo.tag('v1.0.0', { date: '2026-11-10T09:00:00Z' });
    const pullRequest = (branch: string, day: number, files: Record<string, string>) => {
      repo.branch(branch);
      repo.checkout(branch);
      const commit = repo.commit(files, { date: `2026-11-${day}T10:00:00Z`, message: `Change ${branch}` });
      repo.checkout('main');
      repo.merge(branch, { date: `2026-11-${day}T11:00:00Z`, message: `Merge pull request from ada/${branch}` });
      return commit;
    };
    const before = [11, 12, 13, 14, 15, 16, 17, 18, 19].map((day) => pullRequest(`old-${day}`, day, { [`src/old-${day}.ts`]: `${day}\n` }));
    const culprit = pullRequest('pool', 21, { 'src/db/pool.ts': 'size 5\n' });
    const incident = new Date('2026-11-21T13:00:00Z');
    const history = () => lookupHistory(refReader(locateRepo(repo.dir) as NonNullable<ReturnType<typeof locateRepo>>))?.history;

    // an incident of today (the log read from the branch tip) and one of weeks ago (the branch walked first)
    for (const now of [new Date('2026-11-21T14:00:00Z'), new Date('2026-12-20T00:00:00Z')]) {
      forgetHistories();
      const r = await findSuspects(repo.dir, { at: incident, windowMs: 24 * 3_600_000, now, utcOffsetMinutes: 0 });
      assert.deepEqual(
        r.ranking.commits.map((c) => c.subject),
        ['Change pool', 'Merge pull request from ada/pool'],
        now.toISOString(),
      );
      assert.ok(history()?.has(culprit), 'what the window shipped is read');
      const read = before.filter((sha) => history()?.has(sha));
      assert.deepEqual(read, [], `${now.toISOString()}: read ${read.length} of the ${before.length} commits merged before the window`);
    }
    forgetHistories();
  });

  it('ranks a clone that lacks objects by the files its commits touched, and says why there are no line counts', async () => {
    // A partial clone git may not fetch into here, or a damaged one: a blob one commit's diff needs is gone.
    const repo = makeRepo(path.join(dir, 'lacking'));
    repo.commit({ 'src/app.ts': 'app\n' }, { date: '2026-11-20T09:00:00Z', message: 'Initial' });
    const pool = repo.commit(
      { 'src/db/pool.ts': 'size 5\n', 'config/db.yaml': 'pool: 5\n' },
      { date: '2026-11-22T10:00:00Z', message: 'Shrink the DB pool' },
    );
    const retry = repo.commit({ 'src/pay/charge.ts': 'retry 1\n' }, { date: '2026-11-22T11:00:00Z', message: 'Retry card charges' });
    const blob = repo.git(['rev-parse', `${pool}:src/db/pool.ts`]).trim();
    fs.rmSync(path.join(repo.dir, '.git', 'objects', blob.slice(0, 2), blob.slice(2)));

    const r = await findSuspects(repo.dir, {
      at: new Date('2026-11-22T12:00:00Z'),
      windowMs: 6 * 3_600_000,
      now: new Date('2026-11-22T13:00:00Z'),
    });
    assert.deepEqual(r.ranking.commits.map((c) => c.sha).sort(), [pool, retry].sort());
    const size = (sha: string) => r.ranking.commits.find((c) => c.sha === sha)?.reasons.find((x) => x.factor === 'size');
    assert.equal(size(pool)?.text, 'changes 2 files (its line counts unknown: the clone lacks the objects to diff it)');
    assert.equal(size(pool)?.points, 0.2);
    assert.equal(size(retry)?.text, 'changes 1 file (its line counts unknown: the clone lacks the objects to diff it)');
    assert.ok(
      r.warnings.some((w) =>
        w.startsWith("no line counts: this clone lacks objects git needs to diff the window's commits (a partial clone"),
      ),
      r.warnings.join('\n'),
    );
    assert.ok(
      r.ranking.commits.find((c) => c.sha === pool)?.reasons.some((x) => x.factor === 'risky-path'),
      'its configuration still counts',
    );
    // Blame needs the lost blob too: it fails, and the failure reads as a missing object (the editor says so).
    repo.commit({ 'src/db/pool.ts': 'size 5\nidle 10\n' }, { date: '2026-11-22T12:30:00Z', message: 'Idle timeout' });
    const blamed = await blameFile(repo.dir, 'src/db/pool.ts').then(
      () => undefined,
      (error: unknown) => error,
    );
    assert.ok(blamed instanceof GitCorrelationError && lacksObject(blamed), String(blamed));
    // Any other failure is not one.
    const other = await blameFile(repo.dir, 'src/no-such-file.ts').then(
      () => undefined,
      (error: unknown) => error,
    );
    assert.ok(other instanceof GitCorrelationError && !lacksObject(other), String(other));
  });

  it('looks through at most the last 5,000 commits for reverts: a busy history stops short of the half year', async () => {
    const repo = makeRepo(path.join(dir, 'busy'));
    // 5,200 commits a minute apart, each changing a.txt; a revert near each end.
    const base = Date.parse('2026-11-10T00:00:00Z') / 1000;
    const chunks: string[] = [];
    const message = (text: string) => `data ${Buffer.byteLength(text)}\n${text}\n`;
    for (let i = 0; i < 5200; i++) {
      const subject = i === 10 ? 'Revert "Old change"' : i === 5150 ? 'Revert "New change"' : `Change ${i}`;
      const who = `Ada <ada@example.com> ${base + i * 60} +0000`;
      chunks.push(
        `commit refs/heads/main\nmark :${i + 1}\nauthor ${who}\ncommitter ${who}\n${message(subject)}${i ? `from :${i}\n` : ''}M 100644 inline a.txt\n${message(String(i))}\n`,
      );
    }
    execFileSync('git', ['fast-import', '--quiet'], { cwd: repo.dir, input: chunks.join('') });
    const r = await findSuspects(repo.dir, {
      at: new Date((base + 5200 * 60) * 1000),
      windowMs: 3_600_000,
      now: new Date((base + 5200 * 60 + 3600) * 1000),
    });
    assert.deepEqual(
      r.pastReverts.map((c) => c.subject),
      ['Revert "New change"'],
    );
  });

  it('finds a service nobody configured by the folder named after it', async () => {
    // No setting names `search` and its CODEOWNERS rule is the platform team's catch-all.
    const r = await findSuspects(s.repo.dir, { at: new Date(INCIDENT_AT), now: new Date(NOW), service: 'search', utcOffsetMinutes: 0 });
    const search = r.ranking.commits.find((c) => c.sha === s.search);
    const service = search?.reasons.find((x) => x.factor === 'service');
    assert.equal(service?.text, 'its file is in search (src/search/index.ts in a folder named after the service)');
    const culprit = r.ranking.commits.find((c) => c.sha === s.culprit);
    assert.ok(culprit && !culprit.reasons.some((x) => x.factor === 'service'), 'src/payments/ is not search');
  });

  it("reads only the repository's own CODEOWNERS: a committed symlink leading out is passed over", async () => {
    const other = buildScenario(path.join(dir, 'linked'));
    // A clone can carry .github/CODEOWNERS as a symlink; the first place looked, so it would win.
    fs.writeFileSync(path.join(dir, 'outside-owners'), '/src/payments/ @evil/outsider\n');
    fs.mkdirSync(path.join(other.repo.dir, '.github'));
    fs.symlinkSync(path.join(dir, 'outside-owners'), path.join(other.repo.dir, '.github', 'CODEOWNERS'));
    const r = await findSuspects(other.repo.dir, {
      at: new Date(INCIDENT_AT),
      now: new Date(NOW),
      service: 'payments',
      utcOffsetMinutes: 0,
    });
    const reasons = r.ranking.commits.flatMap((c) => c.reasons.map((x) => x.text)).join('\n');
    assert.doesNotMatch(reasons, /@evil\/outsider/);
    assert.match(reasons, /@acme\/payments-team \(CODEOWNERS line 2\)/);
  });
});
