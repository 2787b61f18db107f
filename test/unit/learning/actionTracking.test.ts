import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { findActionClosures } from '../../../src/adapters/git';
import { IncidentEvent } from '../../../src/core/events';
import { foldIncident } from '../../../src/core/fold';
import {
  actionFieldsProblem,
  describeActionItem,
  fileLineOf,
  groupActionItems,
  overdueByOwner,
  nudgeDay,
  overdueDigest,
  overdueNudges,
  plannedClosures,
  reopenProblem,
  trackActionItems,
} from '../../../src/core/learning/actionTracking';
import { at, declared } from '../../support/events';
import { makeRepo, makeTempDir, removeTempDir } from '../../support/gitRepo';

const INC_A = 'INC-20261122-2300-aaaaaa';
const INC_B = 'INC-20261123-0900-bbbbbb';
const A1 = 'ACT-aaaa0001';
const A2 = 'ACT-aaaa0002';
const B1 = 'ACT-bbbb0001';
const B2 = 'ACT-bbbb0002';
const SHA1 = '1'.repeat(40);
const SHA2 = '2'.repeat(40);
const NOW = new Date('2026-12-10T12:00:00Z');

let n = 0;
const ev = (type: string, fields: Record<string, unknown>): IncidentEvent => ({
  id: `x${++n}`,
  ts: at(10 + n),
  type: `action_item_${type}`,
  author: 'bob',
  ...fields,
});

function incidents(extraA: IncidentEvent[] = []) {
  return [
    foldIncident(INC_A, [
      declared({ title: 'Checkout 500s' }),
      ev('added', { itemId: A1, title: 'Alert on pool saturation', kind: 'detect', owner: 'riley', due: '2026-12-01', priority: 'high' }),
      ev('added', { itemId: A2, title: 'Cap pool size', kind: 'prevent', owner: 'sam', due: '2026-12-09' }),
      // After the items were added, whenever the caller made them.
      ...extraA.map((e, i) => ({ ...e, ts: at(1000 + i) })),
    ]),
    foldIncident(INC_B, [
      declared({ id: 'declared-2', title: 'Search slow' }),
      ev('added', { itemId: B1, title: 'Runbook for reindex', kind: 'process', owner: 'riley', due: '2026-12-31' }),
      ev('added', { itemId: B2, title: 'Drop old index', kind: 'prevent' }),
      ev('closed', { itemId: B2, outcome: 'wont_do', reason: 'index is gone' }),
    ]),
  ];
}

describe('action items across incidents', () => {
  it('puts each item in its bucket at "now", overdue first with the days it is late', () => {
    const items = trackActionItems(incidents(), NOW);
    assert.deepEqual(
      items.map((i) => [i.id, i.bucket, i.overdueDays]),
      [
        [A1, 'overdue', 9], // due end of 12-01; at 12-10 noon it is 8.5 days late: the 9th day
        [A2, 'overdue', 1],
        [B1, 'open', 0],
        [B2, 'wont_do', 0],
      ],
    );
    assert.equal(items[0].incidentTitle, 'Checkout 500s');
    assert.equal(describeActionItem(items[0]), '9 days overdue · riley · due 2026-12-01 · high');
    assert.equal(describeActionItem(items[3]), "won't do: index is gone · (no owner)");
  });

  it('groups by status, by owner (no owner last) and by incident', () => {
    const items = trackActionItems(incidents(), NOW);
    assert.deepEqual(
      groupActionItems(items, 'status').map((g) => [g.label, g.items.length]),
      [
        ['Overdue', 2],
        ['Open', 1],
        ["Won't do", 1],
      ],
    );
    assert.deepEqual(
      groupActionItems(items, 'owner').map((g) => [g.label, g.items.map((i) => i.id)]),
      [
        ['riley', [A1, B1]],
        ['sam', [A2]],
        ['(no owner)', [B2]],
      ],
    );
    assert.deepEqual(
      groupActionItems(items, 'incident').map((g) => g.label),
      [`${INC_A} Checkout 500s`, `${INC_B} Search slow`],
    );
    assert.deepEqual(
      [...overdueByOwner(items)],
      [
        ['riley', 1],
        ['sam', 1],
      ],
    );
  });

  it('writes a digest by owner of items overdue by more than N days, their text kept as text', () => {
    const items = trackActionItems(incidents([ev('changed', { itemId: A1, title: 'Alert on <pool> *saturation*' })]), NOW);
    const digest = overdueDigest(items, NOW, 7);
    assert.match(digest, /^## riley \(1\)$/m);
    assert.match(digest, /\*\*ACT-aaaa0001\*\* Alert on \\<pool\\> \\\*saturation\\\*: 9 days overdue \(due 2026-12-01, high\)/);
    assert.doesNotMatch(digest, /sam/, 'one day overdue is under the threshold');
    assert.match(overdueDigest(items, NOW, 30), /Nothing is that late/);
    // One day late is a day, not "1 days", in the digest as in the tree.
    assert.match(overdueDigest(items, NOW, 0), /: 1 day overdue \(due /);
    assert.match(overdueDigest(items, NOW, 1), /items more than 1 day past due/);
  });

  it('plans one closure per open item a trailer names, by the oldest commit, dated at it, and none twice', () => {
    // The items were added at 2026-11-22 23:1x; extra events come at 2026-11-23 15:40 and after.
    const first = { sha: SHA1, committedAt: '2026-11-23T10:00:00.000Z', ids: [A1, B2] };
    const later = { sha: SHA2, committedAt: '2026-11-24T10:00:00.000Z', ids: [A1, 'ACT-zzzz9999'] };
    const newestFirst = [later, first];
    assert.deepEqual(plannedClosures(incidents(), newestFirst, NOW), [
      { incidentId: INC_A, itemId: A1, sha: SHA1, at: '2026-11-23T10:00:00.000Z' },
    ]);
    // Already closed by that commit (a teammate's scan got there first): nothing to do.
    const closed = incidents([ev('closed', { itemId: A1, outcome: 'done', sha: SHA1 })]);
    assert.equal(trackActionItems(closed, NOW).find((i) => i.id === A1)?.sha, SHA1);
    assert.deepEqual(plannedClosures(closed, newestFirst, NOW), []);
    // Reopened by hand after the commit closed it: the same commit does not close it again, nor one
    // made before the reopening that the person had seen...
    const reopened = incidents([
      ev('closed', { itemId: A1, outcome: 'done', sha: SHA1 }),
      ev('reopened', { itemId: A1, reason: 'not enough' }),
    ]);
    assert.equal(trackActionItems(reopened, NOW).find((i) => i.id === A1)?.status, 'open');
    const before = { sha: '3'.repeat(40), committedAt: '2026-11-23T12:00:00.000Z', ids: [A1] };
    assert.deepEqual(plannedClosures(reopened, [before, first], NOW), []);
    // ...but a later commit naming it does, with the others in the log as a real scan returns them.
    assert.deepEqual(plannedClosures(reopened, [later, before, first], NOW), [
      { incidentId: INC_A, itemId: A1, sha: SHA2, at: '2026-11-24T10:00:00.000Z' },
    ]);
    // A commit dated before the item or after now (a wrong clock): kept between the two.
    const early = { sha: SHA1, committedAt: '2026-01-01T00:00:00.000Z', ids: [A1] };
    const fresh = incidents();
    assert.equal(plannedClosures(fresh, [early], NOW)[0].at, trackActionItems(fresh, NOW).find((i) => i.id === A1)?.createdAt);
    const future = { sha: SHA1, committedAt: '2027-01-01T00:00:00.000Z', ids: [A1] };
    assert.equal(plannedClosures(incidents(), [future], NOW)[0].at, NOW.toISOString());
  });

  it('reads path:line links and nothing else as one', () => {
    assert.deepEqual(fileLineOf('src/db/pool.ts:42'), { file: 'src/db/pool.ts', line: 42 });
    assert.deepEqual(fileLineOf('./src\\db\\pool.ts:7'), { file: 'src/db/pool.ts', line: 7 });
    for (const notOne of ['https://github.com/o/r/issues/4', 'src/db/pool.ts', 'pool.ts:0', 'http:80', 'a:b:c', '']) {
      assert.equal(fileLineOf(notOne), undefined, notOne);
    }
  });

  it('checks typed fields as the fold will', () => {
    assert.equal(actionFieldsProblem({ title: 'x', kind: 'prevent', due: '2026-12-01' }, true), undefined);
    assert.equal(
      actionFieldsProblem({ title: 'x', kind: 'prevent', due: 'tomorrow' }, true),
      '"due" must be a date (YYYY-MM-DD) when present',
    );
    assert.equal(actionFieldsProblem({ title: ' ' }, true), '"title" must be a non-empty string');
    assert.equal(actionFieldsProblem({ owner: 'sam' }, false), undefined);
  });

  it('reopens only a closed item: an open one (overdue or not) is refused, saying where it stands', () => {
    const items = trackActionItems(incidents([ev('closed', { itemId: A2, outcome: 'done', reason: 'capped' })]), NOW);
    const item = (id: string) => items.find((i) => i.id === id) as (typeof items)[number];
    assert.equal(reopenProblem(item(A1)), `${A1} is open already (overdue): there is nothing to reopen`);
    assert.equal(reopenProblem(item(B1)), `${B1} is open already (open): there is nothing to reopen`);
    assert.equal(reopenProblem(item(A2)), undefined);
    assert.equal(reopenProblem(item(B2)), undefined);
  });
});

describe('closure by a commit on the default branch (real git)', function () {
  this.timeout(30_000);
  let dir: string;
  before(() => {
    dir = makeTempDir();
  });
  after(() => removeTempDir(dir));

  it('finds Closes-Action trailers on the default branch only, and closes each open item once', async () => {
    const repo = makeRepo(path.join(dir, 'shop'), { branch: 'main' });
    repo.commit({ 'a.txt': '1' }, { date: '2026-12-01T10:00:00Z', message: 'Start' });
    const closing = repo.commit(
      { 'a.txt': '2' },
      { date: '2026-12-02T10:00:00Z', message: 'Alert on pool saturation', trailers: { 'Closes-Action': A1 } },
    );
    repo.commit(
      { 'a.txt': '3' },
      { date: '2026-12-03T10:00:00Z', message: 'Mentions Closes-Action: ACT-aaaa0002 in prose, not as a trailer line' },
    );
    repo.git(['checkout', '-q', '-b', 'feature']);
    repo.commit({ 'b.txt': '1' }, { date: '2026-12-04T10:00:00Z', message: 'Cap pool', trailers: { 'Closes-Action': A2 } });
    repo.git(['checkout', '-q', 'main']);
    repo.commit(
      { 'a.txt': '4' },
      { date: '2026-12-05T10:00:00Z', message: 'Two at once\n\ncloses-action: ACT-BBBB0001\nCloses-Action: ACT-bbbb0002' },
    );

    const scan = await findActionClosures(repo.dir);
    assert.equal(scan.branch, 'main');
    assert.deepEqual(
      scan.commits.map((c) => c.ids),
      [[B1, B2], [A1]],
    );
    assert.equal(scan.commits[1].sha, closing);
    // B2 is already closed (won't do), A2's commit is on an unmerged branch.
    assert.deepEqual(plannedClosures(incidents(), scan.commits, NOW), [
      { incidentId: INC_A, itemId: A1, sha: closing, at: '2026-12-02T10:00:00.000Z' },
      { incidentId: INC_B, itemId: B1, sha: scan.commits[0].sha, at: '2026-12-05T10:00:00.000Z' },
    ]);
    const since = await findActionClosures(repo.dir, { since: new Date('2026-12-04T00:00:00Z') });
    assert.deepEqual(
      since.commits.map((c) => c.ids),
      [[B1, B2]],
    );
  });
});

describe('the once-a-day overdue nudge', () => {
  // Overdue at NOW (2026-12-10 12:00 UTC): A1 (riley, due 12-01) and A2 (sam, due 12-09).
  const items = () => trackActionItems(incidents(), NOW);
  const messages = (r: ReturnType<typeof overdueNudges>) => r?.nudges.map((x) => [x.message, x.mine]);

  it("is a notification per owner, the current user's own first and worded to them", () => {
    const r = overdueNudges(items(), { now: NOW, utcOffsetMinutes: 0, me: ['Sam'] });
    assert.equal(r?.day, '2026-12-10');
    assert.deepEqual(messages(r), [
      ['You have 1 overdue action item.', true],
      ['riley has 1 overdue action item.', false],
    ]);
    assert.deepEqual(messages(overdueNudges(items(), { now: NOW, utcOffsetMinutes: 0, me: ['nobody'] })), [
      ['riley has 1 overdue action item.', false],
      ['sam has 1 overdue action item.', false],
    ]);
  });

  it('is shown at most once a day: not again the same local day, again the next (an injected clock)', () => {
    const first = overdueNudges(items(), { now: NOW, utcOffsetMinutes: 0, me: [] });
    assert.ok(first);
    const later = new Date('2026-12-10T23:59:00Z');
    assert.equal(overdueNudges(items(), { now: later, utcOffsetMinutes: 0, lastDay: first.day, me: [] }), undefined);
    const tomorrow = new Date('2026-12-11T00:01:00Z');
    assert.equal(overdueNudges(items(), { now: tomorrow, utcOffsetMinutes: 0, lastDay: first.day, me: [] })?.day, '2026-12-11');
    // The day is the user's: 23:30 UTC is already the 11th in UTC+2, still the 10th in UTC-5.
    const late = new Date('2026-12-10T23:30:00Z');
    assert.equal(nudgeDay(late, 120), '2026-12-11');
    assert.equal(nudgeDay(late, -300), '2026-12-10');
    assert.ok(overdueNudges(items(), { now: late, utcOffsetMinutes: 120, lastDay: '2026-12-10', me: [] }));
    assert.equal(overdueNudges(items(), { now: late, utcOffsetMinutes: -300, lastDay: '2026-12-10', me: [] }), undefined);
  });

  it('says nothing when nothing is overdue', () => {
    const before = new Date('2026-11-30T12:00:00Z');
    assert.equal(overdueNudges(trackActionItems(incidents(), before), { now: before, utcOffsetMinutes: 0, me: ['riley'] }), undefined);
  });

  it("shows the five owners with the most alone and the rest in one; a teammate's owner text stays text", () => {
    const many = Array.from({ length: 8 }, (_, i) =>
      ev('added', {
        itemId: `ACT-cccc000${i}`,
        title: `Item ${i}`,
        kind: 'process',
        owner: i === 7 ? '[click](command:workbench.action.quit)' : `owner${i}`,
        due: '2026-12-01',
      }),
    );
    // owner0 has three, owner1 two, the rest one each; riley and sam one each from the incidents.
    const extra = [
      ev('added', { itemId: 'ACT-dddd0001', title: 'x', kind: 'process', owner: 'owner0', due: '2026-12-01' }),
      ev('added', { itemId: 'ACT-dddd0002', title: 'y', kind: 'process', owner: 'owner0', due: '2026-12-01' }),
      ev('added', { itemId: 'ACT-dddd0003', title: 'z', kind: 'process', owner: 'owner1', due: '2026-12-01' }),
    ];
    const r = overdueNudges(trackActionItems(incidents([...many, ...extra]), NOW), { now: NOW, utcOffsetMinutes: 0, me: ['riley'] });
    assert.deepEqual(
      r?.nudges.map((x) => x.message),
      [
        'You have 1 overdue action item.',
        'owner0 has 3 overdue action items.',
        'owner1 has 2 overdue action items.',
        '(click)(command:workbench.action.quit) has 1 overdue action item.',
        'owner2 has 1 overdue action item.',
        'owner3 has 1 overdue action item.',
        '4 more owners have 4 overdue action items: owner4 1, owner5 1, owner6 1, sam 1.',
      ],
    );
  });
});
