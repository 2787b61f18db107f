import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { findSuspects, FindSuspectsOptions, SuspectsResult } from '../../../src/adapters/git';
import { forgetHistories, RepoHistory } from '../../../src/adapters/git/historyCache';
import { Commit, FileChange } from '../../../src/core/correlation';
import { makeTempDir, removeTempDir } from '../../support/gitRepo';
import { buildScenario, EVIDENCE, INCIDENT_AT, NOW, Scenario } from './scenario';

/** Everything a run answers, in a form two runs can be compared by. */
function snapshot(result: SuspectsResult): string {
  return JSON.stringify({ ...result, commits: [...result.commits] });
}

/** assert.equal on two snapshots prints both in full; this says where they first differ. */
function assertSameAnswer(actual: SuspectsResult, expected: SuspectsResult): void {
  const a = snapshot(actual);
  const b = snapshot(expected);
  let at = 0;
  while (at < a.length && a[at] === b[at]) {
    at++;
  }
  assert.ok(a === b, `the answers differ at ${at}: ${a.slice(Math.max(0, at - 80), at + 80)} vs ${b.slice(Math.max(0, at - 80), at + 80)}`);
}

describe('correlation remembers what it read of a repository', function () {
  this.timeout(30_000);
  let dir: string;
  let callLog: string;
  let options: FindSuspectsOptions;

  /** The git command lines run since the last call, without the -c settings. */
  const gitCommands = (): string[] => {
    const lines = fs.existsSync(callLog) ? fs.readFileSync(callLog, 'utf8').split('\n').filter(Boolean) : [];
    fs.rmSync(callLog, { force: true });
    return lines.map((line) =>
      line
        .split(' ')
        .filter((word, i, words) => word !== '-c' && words[i - 1] !== '-c')
        .join(' '),
    );
  };
  /** The git commands run since the last call (their first word after the -c settings). */
  const gitCalls = (): string[] => gitCommands().map((line) => line.split(' ')[0]);

  const scenario = (name: string): Scenario => buildScenario(path.join(dir, name));
  const coldRun = async (repo: string): Promise<SuspectsResult> => {
    forgetHistories();
    return findSuspects(repo, options);
  };

  before(() => {
    dir = makeTempDir();
    callLog = path.join(dir, 'git-calls.log');
    // git itself, behind a script that notes each command line: which work a run really did.
    const gitBinary = path.join(dir, 'logged-git');
    fs.writeFileSync(gitBinary, `#!/bin/sh\nprintf '%s\\n' "$*" >> '${callLog}'\nexec git "$@"\n`, { mode: 0o755 });
    options = {
      at: new Date(INCIDENT_AT),
      now: new Date(NOW),
      service: 'payments',
      evidence: EVIDENCE,
      title: 'Payment charge timeouts',
      deployLogPath: 'deploys.log',
      utcOffsetMinutes: 0,
      gitBinary,
    };
  });
  beforeEach(() => {
    forgetHistories();
    gitCalls();
  });
  after(() => {
    forgetHistories();
    removeTempDir(dir);
  });

  it('a second run lists its commits and reads no tag or commit again, with the same answer', async () => {
    const s = scenario('again');
    const first = await findSuspects(s.repo.dir, options);
    const firstCalls = gitCalls();
    const second = await findSuspects(s.repo.dir, options);
    const secondCalls = gitCalls();
    assert.ok(firstCalls.includes('for-each-ref') && firstCalls.includes('log'), firstCalls.join(', '));
    assert.ok(
      !secondCalls.includes('for-each-ref') && !secondCalls.includes('log') && secondCalls.includes('rev-list'),
      secondCalls.join(', '),
    );
    assertSameAnswer(second, first);
    assert.equal(second.ranking.commits[0].sha, s.culprit);
  });

  it("reads a manifest's two versions once: a second run finds what moved in the remembered commit", async () => {
    const s = scenario('manifest');
    const pkg = (pg: string) => `${JSON.stringify({ name: 'shop', dependencies: { pg } }, null, 2)}\n`;
    s.repo.commit({ 'package.json': pkg('8.11.0') }, { date: '2026-11-22T14:00:00Z', message: 'Add pg' });
    const bump = s.repo.commit({ 'package.json': pkg('8.12.0') }, { date: '2026-11-22T14:05:00Z', message: 'Bump pg' });
    const reason = (r: SuspectsResult) =>
      r.ranking.commits.find((c) => c.sha === bump)?.reasons.find((x) => x.factor === 'risky-path')?.text;
    const manifestReads = (lines: string[]) => lines.filter((line) => line === 'cat-file --batch');
    const first = await findSuspects(s.repo.dir, options);
    assert.equal(manifestReads(gitCommands()).length, 1);
    assert.equal(reason(first), 'changes dependencies: package.json (pg 8.11.0 → 8.12.0)');
    const second = await findSuspects(s.repo.dir, options);
    const secondCommands = gitCommands();
    assert.deepEqual(manifestReads(secondCommands), [], secondCommands.join('\n'));
    assertSameAnswer(second, first);
    assert.equal(reason(second), reason(first));
  });

  it('sees new commits and new, moved and deleted tags as a first run would', async () => {
    const s = scenario('changed');
    await findSuspects(s.repo.dir, options);
    const hotfix = s.repo.commit(
      { 'src/payments/charge.ts': 'export function chargeCard() {\n  return gateway.charge({ timeout: 800 });\n}\n' },
      {
        date: '2026-11-22T14:20:00Z',
        message: 'Hotfix: shorter gateway timeout',
      },
    );
    s.repo.tag('v1.2.0', { sha: hotfix, date: '2026-11-22T14:25:00Z', message: 'release 1.2.0' });
    s.repo.git(['tag', '-d', 'deploy/production/2026-11-22-1410']);
    s.repo.git(['pack-refs', '--all']);
    s.repo.git(['tag', '-f', '-a', 'v1.1.0', '-m', 'release 1.1.0 again', s.search], { GIT_COMMITTER_DATE: '2026-11-22T14:00:00Z' });
    s.repo.tag('deploy/staging/2026-11-22-1412', { sha: s.lockfile });

    const warm = await findSuspects(s.repo.dir, options);
    const calls = gitCalls();
    assert.ok(calls.includes('for-each-ref'), `new tags are read from git: ${calls.join(', ')}`);
    assertSameAnswer(warm, await coldRun(s.repo.dir));
    const deploys = warm.ranking.deploys.map((d) => d.deploy.name);
    assert.ok(deploys.includes('v1.2.0') && deploys.includes('deploy/staging/2026-11-22-1412'), deploys.join(', '));
    assert.ok(!deploys.includes('deploy/production/2026-11-22-1410'), deploys.join(', '));
    assert.ok(warm.commits.has(hotfix));
    assert.equal(warm.ranking.deploys.find((d) => d.deploy.name === 'v1.1.0')?.deploy.at, '2026-11-22T14:00:00.000Z');
  });

  it('starts afresh when a shallow clone is deepened', async () => {
    const s = scenario('deepened');
    const clone = s.repo.shallowClone(path.join(dir, 'deepened-clone'), 2);
    const shallow = await findSuspects(clone.dir, options);
    clone.git(['fetch', '-q', '--unshallow']);
    const deepened = await findSuspects(clone.dir, options);
    assert.ok(shallow.warnings.some((w) => w.startsWith('shallow clone')));
    assert.ok(!deepened.warnings.some((w) => w.startsWith('shallow clone')), deepened.warnings.join('\n'));
    assertSameAnswer(deepened, await coldRun(clone.dir));
    // The commit at the old boundary no longer shows every file as added.
    const boundary = [...shallow.commits.values()].find((c) => c.parents.length === 0);
    assert.ok(boundary, 'the shallow clone has a boundary commit');
    assert.notDeepEqual(deepened.commits.get(boundary.sha)?.files, boundary.files);
  });

  it('is not used where replace refs rewrite history', async () => {
    const s = scenario('replaced');
    // The README commit, reworded: same tree and parent, another message.
    const tree = s.repo.git(['rev-parse', `${s.readme}^{tree}`]).trim();
    const reworded = s.repo
      .git(['commit-tree', tree, '-p', s.merge, '-m', 'Reword the README (replaced)'], {
        GIT_AUTHOR_DATE: '2026-11-22T12:30:00Z',
        GIT_COMMITTER_DATE: '2026-11-22T12:30:00Z',
      })
      .trim();
    s.repo.git(['replace', s.readme, reworded]);
    await findSuspects(s.repo.dir, options);
    gitCalls();
    const again = await findSuspects(s.repo.dir, options);
    const calls = gitCalls();
    assert.ok(calls.includes('for-each-ref') && calls.includes('log'), calls.join(', '));
    assertSameAnswer(again, await coldRun(s.repo.dir));
    assert.equal(again.commits.get(s.readme)?.subject, 'Reword the README (replaced)');
  });

  it('forgets the least recently used commits past 5,000 commits or 50,000 files', () => {
    const commit = (n: number, files = 1): Commit => ({
      sha: n.toString(16).padStart(40, '0'),
      parents: [],
      authorName: 'A',
      authorEmail: 'a@example.com',
      authoredAt: '2026-11-22T00:00:00.000Z',
      authorUtcOffsetMinutes: 0,
      committedAt: '2026-11-22T00:00:00.000Z',
      committerUtcOffsetMinutes: 0,
      subject: `change ${n}`,
      body: '',
      trailers: [],
      filesOmitted: 0,
      refs: [],
      files: Array.from({ length: files }, (_, i) => ({ path: `f${i}` }) as FileChange),
    });
    const byCount = new RepoHistory('stamp');
    byCount.remember(Array.from({ length: 5_000 }, (_, n) => commit(n)));
    assert.ok(byCount.commit(commit(0).sha), 'the oldest is used again, so it is kept');
    byCount.remember([commit(5_000)]);
    assert.ok(byCount.has(commit(0).sha) && byCount.has(commit(5_000).sha));
    assert.ok(!byCount.has(commit(1).sha), 'the least recently used is dropped');

    const byFiles = new RepoHistory('stamp');
    byFiles.remember([commit(1, 30_000), commit(2, 15_000)]);
    byFiles.remember([commit(3, 10_000)]);
    assert.deepEqual(
      [1, 2, 3].map((n) => byFiles.has(commit(n).sha)),
      [false, true, true],
    );
  });
});
