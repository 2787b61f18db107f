import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { FileIncidentStore } from '../../../src/adapters/store/fileStore';
import { runCli } from '../../support/cli';
import { ActionItemAddedEvent, actionItemsOf } from '../../../src/core/learning/actionItems';
import { makeRepo } from '../../support/gitRepo';
import { useTempDir } from '../../support/tempDir';

const run = (args: string[], cwd: string) => runCli(args, cwd, { WARROOM_AUTHOR: 'ci' });

describe('warroom actions', function () {
  this.timeout(30_000);
  const tmp = useTempDir();

  async function seed(): Promise<{ store: FileIncidentStore; id: string }> {
    const store = new FileIncidentStore(path.join(tmp(), '.warroom'));
    const id = await store.declare(
      {
        type: 'declared',
        title: 'Checkout down',
        severity: 'SEV1',
        urgency: 'high',
        service: 'checkout',
        startedAt: '2026-11-22T23:13:00.000Z',
        detectedAt: '2026-11-22T23:40:00.000Z',
      },
      'alice',
    );
    const add = (itemId: string, title: string, due: string, owner: string) =>
      store.append<ActionItemAddedEvent>(
        id,
        { type: 'action_item_added', itemId, title, kind: 'prevent', due, owner },
        'alice',
        new Date('2026-11-23T09:00:00Z'),
      );
    await add('ACT-aaaa0001', 'Cap the pool \u001b[31mred\u001b[0m', '2020-01-01', 'riley');
    await add('ACT-aaaa0002', 'Alert on saturation', '2999-01-01', 'sam');
    return { store, id };
  }

  it('lists items by bucket, --overdue only the late ones, --json the same core', async () => {
    await seed();
    const all = await run(['actions'], tmp());
    assert.equal(all.code, 0);
    assert.match(
      all.out,
      /^Overdue \(1\)\n {2}ACT-aaaa0001 {2}Cap the pool \\u001b\[31mred\\u001b\[0m {2}\[prevent\] \d+ days overdue · riley/m,
    );
    assert.match(all.out, /^Open \(1\)\n {2}ACT-aaaa0002/m);
    const overdue = JSON.parse((await run(['actions', '--overdue', '--json'], tmp())).out) as { id: string; bucket: string }[];
    assert.deepEqual(
      overdue.map((i) => [i.id, i.bucket]),
      [['ACT-aaaa0001', 'overdue']],
    );
  });

  it('--close-from-git closes items named by trailers on the default branch, once', async () => {
    const { store, id } = await seed();
    const repo = makeRepo(path.join(tmp(), 'repo'), { branch: 'main' });
    const sha = repo.commit(
      { 'pool.ts': 'max = 10' },
      { date: '2026-12-01T10:00:00Z', message: 'Cap pool', trailers: { 'Closes-Action': 'ACT-aaaa0001' } },
    );
    const first = await run(['actions', '--close-from-git', '--repo', repo.dir], tmp());
    assert.equal(first.code, 0, first.err);
    assert.match(first.out, new RegExp(`ACT-aaaa0001 \\(${id}\\): done by ${sha.slice(0, 12)}`));
    const again = await run(['actions', '--close-from-git', '--repo', repo.dir], tmp());
    assert.match(again.out, /0 items closed now/);
    const loaded = await store.load(id);
    const closed = actionItemsOf(loaded!.incident).items.find((i) => i.id === 'ACT-aaaa0001');
    // Done when the commit was made, not when the scan ran.
    assert.deepEqual([closed?.status, closed?.sha, closed?.closedBy, closed?.closedAt], ['done', sha, 'ci', '2026-12-01T10:00:00.000Z']);
    assert.equal(loaded!.incident.events.filter((e) => e.type === 'action_item_closed').length, 1);
  });

  it("refuses --close-from-git's options without it, and the list's with it, naming --close-from-git", async () => {
    const { store, id } = await seed();
    const list = 'Usage: warroom actions [--overdue] [--json] [--dir D]\n';
    const close = 'Usage: warroom actions --close-from-git [--repo D] [--branch B] [--author NAME] [--dir D]\n';
    // Each listed the items as if it were not there: --repo pointed at a repository nothing read.
    for (const [argv, option] of [
      [['actions', '--repo', '.'], '--repo'],
      [['actions', '--branch', 'main', '--json'], '--branch'],
      [['actions', '--overdue', '--author', 'ci'], '--author'],
    ] as const) {
      const refused = await run([...argv], tmp());
      assert.equal(refused.code, 2, `${argv.join(' ')}: ${refused.out}`);
      assert.equal(
        refused.err,
        `warroom actions: ${option} is not an option of warroom actions (only warroom actions --close-from-git takes it)\n${list}`,
      );
    }
    // Each closed items and printed them as text, no JSON and no filter.
    for (const [argv, option] of [
      [['actions', '--close-from-git', '--json'], '--json'],
      [['actions', '--overdue', '--close-from-git'], '--overdue'],
    ] as const) {
      const refused = await run([...argv], tmp());
      assert.equal(refused.code, 2, `${argv.join(' ')}: ${refused.out}`);
      assert.equal(
        refused.err,
        `warroom actions: ${option} is not an option of warroom actions --close-from-git (only warroom actions without --close-from-git takes it)\n${close}`,
      );
    }
    assert.equal((await store.load(id))!.incident.events.filter((e) => e.type === 'action_item_closed').length, 0);
  });
});
