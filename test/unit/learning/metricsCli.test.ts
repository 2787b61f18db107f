import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { commitFiles } from '../../../src/adapters/kpi';
import { FileIncidentStore } from '../../../src/adapters/store/fileStore';
import { SuspectMarkedEvent } from '../../../src/core/correlation/suspectMarks';
import { runCli } from '../../support/cli';
import { GitRepo, makeRepo, makeTempDir, removeTempDir } from '../../support/gitRepo';

const DAY = 86_400_000;

const run = (args: string[], cwd: string) => runCli(args, cwd);

describe('warroom metrics, with cause files from a real git repository', () => {
  let dir: string;
  let repo: GitRepo;
  let first: string;
  let second: string;

  beforeEach(async () => {
    dir = makeTempDir();
    repo = makeRepo(dir);
    first = repo.commit({ 'src/db/pool.ts': 'size = 10\n', 'README.md': 'x\n' }, { date: '2026-10-01T10:00:00Z', message: 'Pool size 10' });
    repo.commit({ 'src/db/pool.ts': 'size = 5\n' }, { date: '2026-10-02T10:00:00Z', message: 'Pool size 5' });
    second = repo.head();
    repo.git(['mv', 'README.md', 'docs.md']);
    repo.commit({}, { date: '2026-10-03T10:00:00Z', message: 'Move the readme' });
    const store = new FileIncidentStore(path.join(dir, '.warroom'));
    const now = Date.now();
    const declare = async (title: string, startedDaysAgo: number, cause: string) => {
      const startedAt = new Date(now - startedDaysAgo * DAY).toISOString();
      const detectedAt = new Date(now - startedDaysAgo * DAY + 10 * 60_000).toISOString();
      const id = await store.declare(
        { type: 'declared', title, severity: 'SEV2', urgency: 'high', service: 'checkout', startedAt, detectedAt },
        'alice',
      );
      await store.append<SuspectMarkedEvent>(id, { type: 'suspect_marked', sha: cause, verdict: 'cause' }, 'alice');
      return id;
    };
    await declare('Pool exhausted', 20, first);
    await declare('Pool exhausted again', 5, second);
    // A mark on a commit this clone does not have: no files, no error.
    await declare('Unrelated', 3, 'f'.repeat(40));
  });

  afterEach(() => removeTempDir(dir));

  it('reads the files each commit changed, renames under the new name, unknown shas left out', async () => {
    const moved = repo.head();
    const files = await commitFiles(dir, [first, second, moved, 'f'.repeat(40), '--output=/tmp/x']);
    assert.deepEqual(files.get(first), ['README.md', 'src/db/pool.ts']);
    assert.deepEqual(files.get(second), ['src/db/pool.ts']);
    assert.deepEqual(files.get(moved), ['docs.md']);
    assert.equal(files.size, 3);
  });

  it('reads what a merge brought to its branch: a pull request marked the cause', async () => {
    const main = repo.git(['rev-parse', '--abbrev-ref', 'HEAD']).trim();
    repo.branch('retry');
    repo.checkout('retry');
    repo.commit({ 'src/payments/retry.ts': 'budget = 1\n' }, { date: '2026-10-04T10:00:00Z', message: 'Retry budget of one' });
    repo.checkout(main);
    repo.commit({ 'CHANGELOG.md': 'x\n' }, { date: '2026-10-04T11:00:00Z', message: 'Changelog' });
    const merge = repo.merge('retry', { date: '2026-10-04T12:00:00Z', message: 'Merge pull request #7 from dev/retry' });
    assert.deepEqual((await commitFiles(dir, [merge])).get(merge), ['src/payments/retry.ts']);
  });

  it('prints JSON whose recurrence names the shared file', async () => {
    const { code, out, err } = await run(['metrics', '--since', '30d', '--json'], dir);
    assert.equal(err, '');
    assert.equal(code, 0);
    const metrics = JSON.parse(out);
    assert.equal(metrics.count, 3);
    assert.equal(metrics.recurrences.length, 1);
    assert.equal(metrics.recurrences[0].reason, 'same service, both touched src/db/pool.ts');
    assert.equal(
      metrics.patterns[0].text,
      '2 SEV-2 incidents on checkout in 30 days, all touching src/db/pool.ts; no action items still open',
    );
    assert.equal(metrics.overall.durations.timeToDetect.medianMs, 10 * 60_000);
  });

  it('prints CSV and Markdown, and refuses a period it cannot read', async () => {
    const csv = await run(['metrics', '--csv'], dir);
    assert.equal(csv.code, 0);
    assert.ok(csv.out.startsWith('section,group,measure,value\nperiod,90d,from,'));
    const md = await run(['metrics'], dir);
    assert.match(md.out, /^# Reliability: the last 90 days/);
    assert.match(md.out, /- 2 SEV-2 incidents on checkout in 90 days, all touching src\/db\/pool.ts/);
    const bad = await run(['metrics', '--since', 'soon'], dir);
    assert.equal(bad.code, 2);
    assert.match(bad.err, /--since "soon" is not a period/);
    assert.equal((await run(['metrics', '--json', '--csv'], dir)).code, 2);
  });
});
