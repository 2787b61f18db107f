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
    for (const [argv, option, takenBy] of [
      [['actions', '--repo', '.'], '--repo', 'only warroom actions --close-from-git takes it'],
      [['actions', '--branch', 'main', '--json'], '--branch', 'only warroom actions --close-from-git takes it'],
      [['actions', '--overdue', '--author', 'ci'], '--author', 'only warroom actions --close-from-git, add, close or reopen take it'],
    ] as const) {
      const refused = await run([...argv], tmp());
      assert.equal(refused.code, 2, `${argv.join(' ')}: ${refused.out}`);
      assert.equal(refused.err, `warroom actions: ${option} is not an option of warroom actions (${takenBy})\n${list}`);
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

  it('add writes the action_item_added event the editor writes, and prints the new id first', async () => {
    const { store, id } = await seed();
    const added = await run(
      [
        'actions',
        'add',
        id.slice(-6),
        'Alert',
        'on\npool',
        'saturation',
        '--kind',
        'Detect',
        '--owner',
        ' Riley ',
        '--due',
        '2030-01-31',
        '--priority',
        'high',
      ],
      tmp(),
    );
    assert.equal(added.code, 0, added.err);
    const itemId = /^(ACT-[0-9a-z]{8}) {2}added to (\S+): Alert on pool saturation$/.exec(added.out.trim());
    assert.ok(itemId, added.out);
    assert.equal(itemId[2], id);
    const event = (await store.load(id))!.incident.events.at(-1) as unknown as Record<string, unknown>;
    assert.deepEqual(
      [event.type, event.itemId, event.title, event.kind, event.owner, event.due, event.priority, event.author],
      ['action_item_added', itemId[1], 'Alert on pool saturation', 'detect', 'Riley', '2030-01-31', 'high', 'ci'],
    );
    // The fold reads it as the view does; no field it was not given, and prevent when no kind is given.
    const plain = await run(['actions', 'add', id, 'Write', 'the', 'runbook'], tmp());
    assert.equal(plain.code, 0, plain.err);
    const items = actionItemsOf((await store.load(id))!.incident);
    assert.deepEqual(items.problems, []);
    const last = items.items.at(-1)!;
    assert.deepEqual(
      Object.keys(last).filter((k) => ['owner', 'due', 'priority', 'links', 'aiGenerated'].includes(k)),
      [],
    );
    assert.deepEqual([last.title, last.kind, last.status], ['Write the runbook', 'prevent', 'open']);
    assert.match(
      (await run(['actions'], tmp())).out,
      new RegExp(`${itemId[1]} {2}Alert on pool saturation {2}\\[detect\\] Riley · due 2030-01-31 · high`),
    );
  });

  it('add refuses a kind, due date or priority the fold would not read, writing nothing', async () => {
    const { store, id } = await seed();
    const before = (await store.load(id))!.incident.events.length;
    for (const [extra, message] of [
      [['--kind', 'decision'], '--kind must be one of prevent, mitigate, detect, process (prevent when left out), not "decision"'],
      [['--due', '31/01/2030'], 'the action item was not added: "due" must be a date (YYYY-MM-DD) when present'],
      [['--priority', 'urgent'], 'the action item was not added: "priority" must be one of high, medium, low when present'],
    ] as const) {
      const refused = await run(['actions', 'add', id, 'Cap', 'it', ...extra], tmp());
      assert.equal(refused.code, 2, refused.out);
      assert.equal(refused.err.split('\n')[0], `warroom actions: ${message}`);
    }
    const missing = await run(['actions', 'add', 'INC-nope', 'Cap', 'it'], tmp());
    assert.equal(missing.code, 1);
    assert.match(missing.err, /no incident "INC-nope"/);
    assert.equal((await store.load(id))!.incident.events.length, before);
  });

  it("close marks an item done, or won't do with --wont-do, with the reason; reopen opens it again", async () => {
    const { store, id } = await seed();
    // Typed in capitals, as read off a screen: item ids are lower case after ACT-.
    const done = await run(['actions', 'close', 'ACT-AAAA0002', 'alert', 'added', 'in', '#412'], tmp());
    assert.equal(done.code, 0, done.err);
    assert.equal(done.out, `ACT-aaaa0002 (${id}): done\n`);
    const closed = (await store.load(id))!.incident.events.at(-1) as unknown as Record<string, unknown>;
    assert.deepEqual(
      [closed.type, closed.itemId, closed.outcome, closed.reason, closed.author, closed.sha],
      ['action_item_closed', 'ACT-aaaa0002', 'done', 'alert added in #412', 'ci', undefined],
    );

    const twice = await run(['actions', 'close', 'ACT-aaaa0002', 'again'], tmp());
    assert.equal(twice.code, 1);
    assert.equal(
      twice.err,
      'warroom actions: ACT-aaaa0002 is already closed (done); to open it again: warroom actions reopen ACT-aaaa0002 [reason]\n',
    );

    const reopened = await run(['actions', 'reopen', 'ACT-aaaa0002', 'still', 'firing'], tmp());
    assert.equal(reopened.code, 0, reopened.err);
    assert.equal(reopened.out, `ACT-aaaa0002 (${id}): open again\n`);
    const open = await run(['actions', 'reopen', 'ACT-aaaa0002'], tmp());
    assert.equal(open.code, 1);
    assert.match(open.err, /ACT-aaaa0002 is open already \(open\): there is nothing to reopen/);

    const wont = await run(['actions', 'close', 'ACT-aaaa0002', '--wont-do', 'replaced', 'by', 'SLO', 'alerts'], tmp());
    assert.equal(wont.code, 0, wont.err);
    assert.equal(wont.out, `ACT-aaaa0002 (${id}): won't do\n`);
    const item = actionItemsOf((await store.load(id))!.incident).items.find((i) => i.id === 'ACT-aaaa0002');
    assert.deepEqual([item?.status, item?.reason, item?.closedBy], ['wont_do', 'replaced by SLO alerts', 'ci']);

    const unknown = await run(['actions', 'close', 'ACT-zzzz9999', 'done'], tmp());
    assert.equal(unknown.code, 1);
    assert.match(unknown.err, /no action item "ACT-zzzz9999" in .*\.warroom \(warroom actions lists them/);
  });
});
