import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { declareCheckoutDown, runCli } from '../../support/cli';
import { GitRepo, makeRepo, makeTempDir, removeTempDir } from '../../support/gitRepo';

describe('warroom mark: a verdict on a commit from the terminal, in a real git repository', () => {
  let dir: string;
  let repo: GitRepo;
  let id: string;
  let pool: string;
  let merge: string;

  beforeEach(async () => {
    dir = makeTempDir();
    repo = makeRepo(dir);
    pool = repo.commit({ 'config/pool.yaml': 'max: 5\n' }, { date: '2026-11-22T09:00:00Z', message: 'Cut the checkout DB pool to 5' });
    const main = repo.git(['rev-parse', '--abbrev-ref', 'HEAD']).trim();
    repo.branch('retry');
    repo.checkout('retry');
    repo.commit({ 'src/retry.ts': 'budget = 1\n' }, { date: '2026-11-22T10:00:00Z', message: 'Retry budget of one' });
    repo.checkout(main);
    merge = repo.merge('retry', {
      date: '2026-11-22T11:00:00Z',
      message: 'Merge pull request #42 from dev/retry\n\nCut the payment retry budget to one',
    });
    id = await declareCheckoutDown(dir);
  });

  afterEach(() => removeTempDir(dir));

  it('records the full sha named by its subject, a merge by its pull request, and the timeline and review say so', async () => {
    const cause = await runCli(['mark', id, merge.slice(0, 8), 'cause', '--note', 'retry storm', '--author', 'sam'], dir);
    assert.equal(cause.err, '');
    assert.equal(cause.code, 0);
    assert.equal(
      cause.out.trim(),
      `${id}: Marked ${merge.slice(0, 7)} (#42 Cut the payment retry budget to one) as the cause: retry storm`,
    );
    assert.equal((await runCli(['mark', id, pool, 'cleared'], dir)).code, 0);
    const { events } = JSON.parse((await runCli(['show', id, '--json'], dir)).out) as { events: Record<string, unknown>[] };
    const marks = events.filter((e) => e.type === 'suspect_marked').map((e) => [e.sha, e.verdict, e.title, e.note ?? null, e.author]);
    assert.deepEqual(marks, [
      [merge, 'cause', '#42 Cut the payment retry budget to one', 'retry storm', 'sam'],
      [pool, 'cleared', 'Cut the checkout DB pool to 5', null, marks[1][4]],
    ]);
    assert.match(
      (await runCli(['show', id], dir)).out,
      new RegExp(`Marked ${merge.slice(0, 7)} \\(#42 Cut the payment retry budget to one\\) as the cause: retry storm`),
    );
    assert.equal((await runCli(['review', id], dir)).code, 0);
    const review = fs.readFileSync(path.join(dir, 'docs/incidents/2026-11-22-checkout-down.md'), 'utf8');
    assert.ok(
      review.includes(`Commit \`${merge.slice(0, 12)}\` (#42 Cut the payment retry budget to one) marked the cause by sam`),
      review.slice(review.indexOf('## '), review.indexOf('## ') + 1500),
    );
  });

  it('refuses a verdict it does not know and a sha the repository does not have, writing nothing', async () => {
    const before = (await runCli(['show', id, '--json'], dir)).out;
    const bad = await runCli(['mark', id, pool, 'guilty'], dir);
    assert.equal(bad.code, 2);
    assert.match(bad.err, /the verdict must be one of suspect, cleared, cause/);
    const short = await runCli(['mark', id, 'abc', 'cause'], dir);
    assert.equal(short.code, 2);
    const unknown = await runCli(['mark', id, 'f'.repeat(40), 'cause'], dir);
    assert.equal(unknown.code, 1);
    assert.match(
      unknown.err,
      new RegExp(`${'f'.repeat(40)} is not a commit of the repository at ${dir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`),
    );
    assert.equal((await runCli(['show', id, '--json'], dir)).out, before);
  });
});
