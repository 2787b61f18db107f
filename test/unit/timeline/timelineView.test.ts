import * as assert from 'node:assert/strict';
import { entryInput, IncidentEvent } from '../../../src/core/events';
import { foldIncident } from '../../../src/core/fold';
import { pinnedEventIds } from '../../../src/core/timelineMarks';
import { formatUtc } from '../../../src/core/time';
import {
  changedRows,
  filterRows,
  formatSinceStart,
  mergeRows,
  recordedLater,
  timelineAuthors,
  timelineRows,
  timelineRowsAndTotal,
  appendedRows,
} from '../../../src/core/timelineView';

const T0 = Date.parse('2026-11-22T14:00:00Z');
const at = (minutes: number): string => new Date(T0 + minutes * 60_000).toISOString();
const ev = (id: string, minutes: number, type: string, author: string, fields: Record<string, unknown> = {}): IncidentEvent =>
  ({ id, ts: at(minutes), type, author, ...fields }) as IncidentEvent;

function incident(extra: IncidentEvent[] = []) {
  return foldIncident('INC-20261122-1400-abcdef', [
    ev('d', 0, 'declared', 'alice', {
      title: 'Checkout down',
      severity: 'SEV1',
      urgency: 'high',
      service: 'checkout-api',
      startedAt: at(-10),
      detectedAt: at(-2),
    }),
    ev('r1', 1, 'role_assigned', 'alice', { role: 'commander', person: 'alice' }),
    ev('n1', 2, 'entry', 'bob', { kind: 'note', text: 'Error rate 40% on EU' }),
    ev('h1', 3, 'entry', 'chen', { kind: 'hypothesis', text: 'Bad deploy of the gateway' }),
    ev('dep', 4, 'entry', 'ci', { kind: 'deploy', text: 'gateway v2.3', sha: '4f2a9c1d' }),
    ev('a1', 5, 'entry', 'bob', { kind: 'action', text: 'Looked at the retry loop', file: 'src/gw.ts', line: 42 }),
    ev('al', 6, 'entry', 'pagerduty', { kind: 'alert', text: 'p99 > 2s', url: 'javascript:alert(1)' }),
    ev('al2', 6.5, 'entry', 'pagerduty', {
      kind: 'alert',
      text: 'p99 > 5s',
      url: 'https://pd.example.com/i/1',
      sha: 'not-a-sha',
      line: 0,
      file: 'x.ts',
    }),
    ev('rb', 7, 'runbook_step', 'dana', { runbook: 'checkout', step: 'drain-eu', status: 'done' }),
    ev('s1', 8, 'status_changed', 'alice', { status: 'identified' }),
    ...extra,
  ]);
}

describe('timeline rows', () => {
  it('maps every event to a row with kind, author and time since impact began', () => {
    const rows = timelineRows(incident());
    assert.deepEqual(
      rows.map((r) => r.kind),
      ['declared', 'role', 'note', 'hypothesis', 'deploy', 'action', 'alert', 'alert', 'runbook', 'status'],
    );
    assert.equal(rows[2].author, 'bob');
    assert.equal(rows[2].sinceStartMs, 12 * 60_000);
    assert.equal(rows[8].text, 'Runbook step drain-eu done');
    assert.equal(rows[0].amendable, false);
    assert.equal(rows[2].amendable, true);
  });

  it('keeps only jump targets that are safe and well formed', () => {
    const rows = timelineRows(incident());
    assert.deepEqual(rows[4].refs, [{ kind: 'sha', sha: '4f2a9c1d' }]);
    assert.deepEqual(rows[5].refs, [{ kind: 'file', file: 'src/gw.ts', line: 42 }]);
    assert.deepEqual(rows[6].refs, [], 'a javascript: url is never offered');
    assert.deepEqual(rows[7].refs, [
      { kind: 'file', file: 'x.ts' },
      { kind: 'url', url: 'https://pd.example.com/i/1' },
    ]);
    assert.deepEqual(rows[8].refs, [{ kind: 'runbook', runbook: 'checkout', step: 'drain-eu' }]);
  });

  it('shows an amended entry with its original and the latest correction, and no row for the mark', () => {
    const rows = timelineRows(
      incident([
        ev('m1', 9, 'amended', 'bob', { target: 'n1', text: 'Error rate 4% on EU' }),
        ev('m2', 10, 'amended', 'chen', { target: 'n1', text: 'Error rate 4.5% on EU' }),
        ev('m3', 11, 'amended', 'chen', { target: 'd', text: 'not an entry' }),
        ev('m4', 12, 'amended', 'chen', { text: 'no target' }),
      ]),
    );
    const note = rows.find((r) => r.id === 'n1');
    assert.equal(note?.original, 'Error rate 40% on EU');
    assert.equal(note?.text, 'Error rate 4.5% on EU');
    assert.deepEqual(
      note?.amendments?.map((a) => a.author),
      ['bob', 'chen'],
    );
    assert.equal(rows.find((r) => r.id === 'd')?.original, undefined, 'only entries can be amended');
    assert.ok(!rows.some((r) => r.id.startsWith('m')));
  });

  it('pins and unpins by the last mark in fold order', () => {
    const inc = incident([
      ev('p1', 9, 'pinned', 'alice', { target: 'h1' }),
      ev('p2', 10, 'pinned', 'alice', { target: 'dep' }),
      ev('u1', 11, 'unpinned', 'bob', { target: 'h1' }),
    ]);
    const rows = timelineRows(inc);
    assert.equal(rows.find((r) => r.id === 'h1')?.pinned, false);
    assert.equal(rows.find((r) => r.id === 'dep')?.pinned, true);
    assert.deepEqual(pinnedEventIds(inc.events), ['dep']);
  });

  it('makes only the newest rows when asked, marks folded in and every row counted', () => {
    const inc = incident([
      ev('m1', 9, 'amended', 'bob', { target: 'a1', text: 'Read the retry loop' }),
      ev('p1', 10, 'pinned', 'alice', { target: 'rb' }),
    ]);
    const all = timelineRows(inc);
    const newest = timelineRowsAndTotal(inc, 3);
    assert.equal(newest.total, all.length);
    assert.deepEqual(newest.rows, all.slice(-3), 'the same rows as the full list ends with');
    assert.equal(newest.rows[0].id, 'al2');
    assert.equal(newest.rows[1].pinned, true, 'a pin made after the row still shows');
    assert.equal(timelineRowsAndTotal(inc, 5).rows[0].text, 'Read the retry loop', 'an amendment made after the row still shows');
    assert.deepEqual(timelineRowsAndTotal(inc, 100).rows, all);
    assert.deepEqual(timelineRowsAndTotal(inc, 0), { rows: [], total: all.length });
  });

  it('filters by kind, author, pinned and every search word', () => {
    const rows = timelineRows(incident([ev('p1', 9, 'pinned', 'alice', { target: 'a1' })]));
    assert.deepEqual(
      filterRows(rows, { kinds: ['alert'] }).map((r) => r.id),
      ['al', 'al2'],
    );
    assert.deepEqual(
      filterRows(rows, { authors: ['bob'] }).map((r) => r.id),
      ['n1', 'a1'],
    );
    assert.deepEqual(
      filterRows(rows, { query: 'EU error' }).map((r) => r.id),
      ['n1'],
    );
    assert.deepEqual(
      filterRows(rows, { query: 'gw.ts' }).map((r) => r.id),
      ['a1'],
      'refs are searched',
    );
    assert.deepEqual(
      filterRows(rows, { pinnedOnly: true }).map((r) => r.id),
      ['a1'],
    );
    assert.equal(filterRows(rows, {}).length, rows.length);
    assert.deepEqual(filterRows(rows, { kinds: ['note'], authors: ['chen'] }), []);
    assert.deepEqual(timelineAuthors(rows), ['alice', 'bob', 'chen', 'ci', 'dana', 'pagerduty']);
  });

  it('updates rows for events added at the end from the new events alone, as a full rebuild would', () => {
    const base = incident([ev('p0', 8.5, 'pinned', 'alice', { target: 'h1' })]);
    const before = timelineRows(base);
    const cases: [string, IncidentEvent[], string[]][] = [
      ['an entry', [ev('n2', 9, 'entry', 'bob', { kind: 'note', text: 'rolled back' })], ['n2']],
      ['a correction of an older entry', [ev('m1', 9, 'amended', 'bob', { target: 'n1', text: 'Error rate 4% on EU' })], ['n1']],
      [
        'an unpin and a new entry pinned at once',
        [
          ev('u1', 9, 'unpinned', 'bob', { target: 'h1' }),
          ev('n3', 10, 'entry', 'eve', { kind: 'decision', text: 'fail over' }),
          ev('p1', 11, 'pinned', 'eve', { target: 'n3' }),
        ],
        ['h1', 'n3'],
      ],
    ];
    for (const [what, extra, ids] of cases) {
      const after = incident([ev('p0', 8.5, 'pinned', 'alice', { target: 'h1' }), ...extra]);
      const result = appendedRows(after, before, base.events.length);
      assert.ok(result, what);
      assert.deepEqual(result.rows, timelineRows(after), what);
      assert.deepEqual(result.changed.map((r) => r.id).sort(), ids.sort(), what);
      assert.deepEqual(
        changedRows(before, timelineRows(after))
          .map((r) => r.id)
          .sort(),
        ids.sort(),
        `${what}: the full comparison agrees`,
      );
    }
  });

  it('leaves events that did not just grow at the end to the full comparison', () => {
    const base = incident();
    const before = timelineRows(base);
    const older = incident([ev('late', 2.5, 'entry', 'eve', { kind: 'note', text: 'pulled from another machine' })]);
    assert.equal(appendedRows(older, before, base.events.length), undefined, 'an older event sorted into the middle');
    assert.equal(appendedRows(base, before, base.events.length + 1), undefined, 'fewer events than before');
    assert.equal(appendedRows(base, before.slice(1), base.events.length), undefined, 'rows from other events');
    assert.deepEqual(appendedRows(base, before, base.events.length), { rows: before, changed: [] }, 'nothing new');
  });

  it('finds changed rows and merges them in fold order, older ones included', () => {
    const before = timelineRows(incident());
    const after = timelineRows(
      incident([
        ev('late', 2.5, 'entry', 'eve', { kind: 'note', text: 'pulled from another machine' }),
        ev('pin', 9, 'pinned', 'eve', { target: 'n1' }),
      ]),
    );
    const changed = changedRows(before, after);
    assert.deepEqual(changed.map((r) => r.id).sort(), ['late', 'n1']);
    const merged = mergeRows(before, changed);
    assert.deepEqual(
      merged.map((r) => r.id),
      after.map((r) => r.id),
    );
    assert.equal(merged.find((r) => r.id === 'n1')?.pinned, true);
  });

  describe('in the order things happened', () => {
    // Written at T+20m: a deploy that went out at T+4.5m and the detection milestone set to T+3m.
    const backfilled = [
      ev('late-dep', 20, 'entry', 'eve', { kind: 'deploy', text: 'gateway v2.3.1', sha: 'abcdef12', deployedAt: at(4.5) }),
      ev('late-ms', 20, 'milestone_set', 'eve', { milestone: 'detected', at: at(3) }),
      // Dated after it was written (a teammate's clock, a hand edit): at when it was written.
      ev('future', 21, 'entry', 'mallory', { kind: 'deploy', text: 'v9', deployedAt: at(600) }),
      // Equal times keep the order they were written in.
      ev('same', 22, 'entry', 'eve', { kind: 'deploy', text: 'gateway v2.3.2', deployedAt: at(5) }),
    ];

    it('puts a backdated deploy and milestone where they happened, saying when they were written', () => {
      const rows = timelineRows(incident(backfilled));
      assert.deepEqual(
        rows.map((r) => r.id),
        ['d', 'r1', 'n1', 'h1', 'late-ms', 'dep', 'late-dep', 'a1', 'same', 'al', 'al2', 'rb', 's1', 'future'],
      );
      const dep = rows.find((r) => r.id === 'late-dep');
      assert.deepEqual([dep?.ts, dep?.recordedAt, dep?.sinceStartMs], [at(4.5), at(20), 14.5 * 60_000]);
      assert.equal(dep && recordedLater(dep), 'recorded later at 14:20 UTC');
      const future = rows.find((r) => r.id === 'future');
      assert.deepEqual([future?.ts, future?.recordedAt], [at(21), undefined]);
      assert.equal(future && recordedLater(future), undefined);
      assert.equal(recordedLater({ ts: at(4), recordedAt: at(4.5) }), undefined, 'under a minute is not later');
      assert.equal(recordedLater({ ts: at(4), recordedAt: at(24 * 60 + 4) }), 'recorded later at 2026-11-23 14:04:00 UTC');
    });

    it("puts a scribe's backfilled entry (`at`) where it happened; one dated after it was written stays where written", () => {
      const scribe = [
        ev('late-note', 20, 'entry', 'eve', { kind: 'action', text: 'Restarted the pods', at: at(4.2) }),
        ev('odd-note', 21, 'entry', 'mallory', { kind: 'note', text: 'from the future', at: at(900) }),
        ev('bad-note', 22, 'entry', 'mallory', { kind: 'note', text: 'unreadable time', at: 'teatime' }),
      ];
      const rows = timelineRows(incident(scribe));
      const order = rows.map((r) => r.id);
      assert.ok(order.indexOf('late-note') < order.indexOf('a1') && order.indexOf('late-note') > order.indexOf('h1'), order.join(' '));
      assert.deepEqual(order.slice(-3), ['s1', 'odd-note', 'bad-note']);
      const late = rows.find((r) => r.id === 'late-note');
      assert.deepEqual([late?.ts, late?.recordedAt], [at(4.2), at(20)]);
      assert.equal(late && recordedLater(late), 'recorded later at 14:20 UTC');
      assert.deepEqual(
        entryInput('note', 'x', new Date(at(19.5)), new Date(at(20))),
        { type: 'entry', kind: 'note', text: 'x' },
        'less than a minute before is now',
      );
      assert.deepEqual(entryInput('note', 'x', new Date(at(4.2)), new Date(at(20))), {
        type: 'entry',
        kind: 'note',
        text: 'x',
        at: at(4.2),
      });
    });

    it('makes the newest rows, appends and merges in that order, as the full list has them', () => {
      const inc = incident(backfilled);
      const all = timelineRows(inc);
      for (const n of [1, 3, 5, 8, 20]) {
        assert.deepEqual(timelineRowsAndTotal(inc, n), { rows: all.slice(-n), total: all.length }, `newest ${n}`);
      }
      const base = incident();
      const before = timelineRows(base);
      const appended = appendedRows(inc, before, base.events.length);
      assert.ok(appended, 'events added at the end, however early they happened');
      assert.deepEqual(appended.rows, all);
      assert.deepEqual(appended.changed.map((r) => r.id).sort(), ['future', 'late-dep', 'late-ms', 'same']);
      assert.deepEqual(mergeRows(before, changedRows(before, all)), all);
      // Rows already out of written order: a pin then touches only its row.
      const pinned = incident([...backfilled, ev('pin', 23, 'pinned', 'eve', { target: 'late-dep' })]);
      const again = appendedRows(pinned, all, inc.events.length);
      assert.ok(again);
      assert.deepEqual(again.rows, timelineRows(pinned));
      assert.deepEqual(
        again.changed.map((r) => r.id),
        ['late-dep'],
      );
    });
  });

  it('formats times for the panel', () => {
    assert.equal(formatUtc('2026-11-22T14:05:09.120Z'), '2026-11-22 14:05:09 UTC');
    assert.equal(formatSinceStart(65 * 60_000), 'T+1h 05m');
    assert.equal(formatSinceStart(-3 * 60_000), 'T-3m');
    assert.equal(formatSinceStart(26 * 3_600_000), 'T+1d 2h');
  });
});
