// The recurrence sweep (indexes by service and key, walks back only within the window) against the
// definition written out plainly: every earlier incident compared with every later one. Generated
// histories with few services, files and runbooks, and many equal start times, so pairs sharing
// several keys and ties in the order both happen often.
import * as assert from 'node:assert/strict';
import { foldIncident } from '../../../src/core/fold';
import { ActionItem } from '../../../src/core/learning/actionItems';
import { causeShas, findRecurrences, RecurrenceSignature, recurrenceSignature } from '../../../src/core/learning/recurrence';
import { Severity } from '../../../src/core/severity';
import { plainRecurrences as reference } from './plainRecurrence';

const DAY = 86_400_000;

function generated(count: number, seed: number): RecurrenceSignature[] {
  const random = () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
    return seed / 2 ** 31;
  };
  const some = (prefix: string, kinds: number, max: number) =>
    [...new Set(Array.from({ length: Math.floor(random() * (max + 1)) }, () => `${prefix}${Math.floor(random() * kinds)}`))].sort();
  return Array.from({ length: count }, (_, i) => ({
    incidentId: `INC-${i}`,
    title: `Incident ${i}`,
    service: `service-${Math.floor(random() * 3)}`,
    severity: 'SEV2' as Severity,
    // Whole days over a year: many incidents start at the very same time.
    startedMs: Date.UTC(2026, 0, 1) + Math.floor(random() * 365) * DAY,
    runbooks: some('runbook-', 4, 2),
    files: some('src/f', 8, 3),
    actionItems: [] as ActionItem[],
  }));
}

describe('recurrence: the sweep gives what the plain definition gives', () => {
  for (const [count, seed, days] of [
    [300, 1, 90],
    [300, 7, 30],
    [120, 99, 365],
  ] as const) {
    it(`${count} generated incidents (seed ${seed}), a ${days}-day window`, () => {
      const signatures = generated(count, seed);
      const expected = reference(signatures, days);
      assert.ok(expected.length > 100, `the history should recur often (${expected.length})`);
      assert.ok(
        expected.some((r) => r.files.length + r.runbooks.length > 1),
        'some pairs share several keys',
      );
      assert.deepEqual(findRecurrences(signatures, days), expected);
    });
  }

  it('600 generated incidents over a 365-day window: rounds of many pairs, put in order by the sort', () => {
    const signatures = generated(600, 3);
    const expected = reference(signatures, 365);
    const perLater = new Map<string, number>();
    for (const r of expected) perLater.set(r.incidentId, (perLater.get(r.incidentId) ?? 0) + 1);
    // Over 32 earlier incidents for one later one: the sweep sorts such a round instead of inserting.
    assert.ok(
      [...perLater.values()].some((n) => n > 32),
      'some incidents recur many earlier ones',
    );
    assert.ok(
      expected.some((r) => r.files.length + r.runbooks.length > 2),
      'some pairs share three keys or more',
    );
    assert.deepEqual(findRecurrences(signatures, 365), expected);
  });
});

/** A checkout incident declared at `at`, its impact starting then. */
const declared = (at: string) => ({
  id: 'd',
  ts: at,
  type: 'declared',
  author: 'alice',
  title: 'Pool exhausted',
  severity: 'SEV2',
  urgency: 'high',
  service: 'checkout',
  startedAt: at,
  detectedAt: at,
});

describe('recurrence: an incident begins when its impact started', () => {
  it('takes a corrected impact_started milestone, as the dashboard does, so the tree and the dashboard agree', () => {
    const declaredAt = '2026-11-20T00:00:00.000Z';
    const incident = foldIncident('INC-20261120-0000-corr00', [
      declared(declaredAt),
      // Impact began three days earlier than declared: a correction, the declaration stays.
      { id: 'm', ts: declaredAt, type: 'milestone_set', author: 'alice', milestone: 'impact_started', at: '2026-11-17T00:00:00.000Z' },
    ]);
    assert.equal(recurrenceSignature(incident).startedMs, Date.parse('2026-11-17T00:00:00.000Z'));
  });
});

describe('recurrence: the causes read are those of the full fold of the marks', () => {
  it('takes each sha by its latest verdict, however many shas an incident marks', () => {
    const declaredAt = '2026-11-20T00:00:00.000Z';
    const shas = ['a', 'b', 'c', 'd'].map((c) => c.repeat(40));
    const filesOf = (sha: string) => [`src/${sha.slice(0, 1)}.ts`];
    let seed = 17;
    const random = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const verdicts = ['suspect', 'cleared', 'cause'];
    let several = 0;
    for (let i = 0; i < 200; i++) {
      const marks = Array.from({ length: Math.floor(random() * 6) }, (_, m) => ({
        id: `m${m}`,
        ts: declaredAt,
        type: 'suspect_marked',
        author: 'alice',
        // Some marks name no commit: the fold and recurrence both skip them.
        sha: random() < 0.1 ? 'not a sha' : shas[Math.floor(random() * (i % 3 === 0 ? 1 : 4))],
        verdict: verdicts[Math.floor(random() * 3)],
      }));
      const incident = foldIncident(`INC-20261120-0000-${String(i).padStart(6, '0')}`, [declared(declaredAt), ...marks]);
      const causes = causeShas(incident);
      if (causes.length > 1) several++;
      assert.deepEqual(recurrenceSignature(incident, filesOf).files, [...new Set(causes.flatMap(filesOf))].sort(), `incident ${i}`);
    }
    assert.ok(several > 10, `some incidents have several causes (${several})`);
  });
});
