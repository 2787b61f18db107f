// The dashboard's recurrences and patterns against their definitions written out plainly
// (plainRecurrence.ts), over generated histories of folded incidents: few services, files and
// runbooks, whole-day start times (many ties), mixed severities, open and closed action items,
// drills, and incidents before the period that the recurrence window still reaches.
import * as assert from 'node:assert/strict';
import { isDrill } from '../../../src/core/drill';
import { Incident } from '../../../src/core/incident';
import { computeMetrics } from '../../../src/core/learning/metrics';
import { RecurrenceSignature, recurrencePatterns, recurrenceSignature } from '../../../src/core/learning/recurrence';
import { Severity } from '../../../src/core/severity';
import { incidentOf, NOW } from './kpiHistory';
import { plainPatterns, plainRecurrences } from './plainRecurrence';

const DAY = 86_400_000;
const SEVERITIES = ['SEV1', 'SEV2', 'SEV3', 'SEV4'];
const sha = (n: number) => n.toString(16).padStart(40, '0');
// f and g always come together (the same incidents share both: one pattern naming two files), shared more widely.
const FILES = new Map(Array.from({ length: 12 }, (_, c) => [sha(c), [`src/f${c % 6}.ts`, `src/g${c % 6}.ts`, `src/shared${c % 3}.ts`]]));
const filesOf = (s: string) => FILES.get(s);

function history(count: number, seed: number): Incident[] {
  const random = () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
    return seed / 2 ** 31;
  };
  const below = (n: number) => Math.floor(random() * n);
  const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  return Array.from({ length: count }, (_, i) => {
    // Whole days over the 200 before NOW (and a few after it): many incidents begin at the same time.
    const startedMs = NOW.getTime() - (below(205) - 5) * DAY;
    const started = new Date(startedMs).toISOString();
    return incidentOf({
      id: `INC-${String(i).padStart(4, '0')}`,
      severity: SEVERITIES[below(4)],
      service: `service-${below(3)}`,
      started,
      detectAfter: 1 + below(30),
      ...(random() < 0.5 ? { mitigateAfter: 40 + below(60) } : {}),
      drill: random() < 0.05,
      causes: random() < 0.6 ? [sha(below(12))] : [],
      runbooks: random() < 0.5 ? [`runbook-${below(4)}`] : [],
      items: Array.from({ length: below(3) }, (_, a) => ({
        itemId: `ACT-${(i * 3 + a).toString(36).padStart(8, '0')}`,
        created: new Date(startedMs + DAY).toISOString(),
        due: day(startedMs + (3 + below(20)) * DAY),
        ...(random() < 0.6 ? { links: [`src/link${below(8)}.ts:${1 + a}`] } : {}),
        ...(random() < 0.5 ? { closed: { at: new Date(startedMs + 2 * DAY).toISOString(), outcome: 'done' as const } } : {}),
      })),
    });
  });
}

describe('metrics: recurrences and patterns are what their definitions give', () => {
  for (const [count, seed, days, recurrenceDays] of [
    [400, 5, 90, 30],
    [400, 11, 30, 90],
    [250, 23, 365, 60],
  ] as const) {
    it(`${count} generated incidents (seed ${seed}), the last ${days} days, a ${recurrenceDays}-day window`, () => {
      const incidents = history(count, seed);
      // In the order made, not in time order, as the store's folders come.
      const m = computeMetrics(incidents, { now: NOW, days, recurrenceDays, filesOf });

      const fromMs = NOW.getTime() - days * DAY;
      const signatures = incidents.filter((i) => !isDrill(i)).map((i) => recurrenceSignature(i, filesOf));
      const inPeriod = new Set(signatures.filter((s) => s.startedMs >= fromMs && s.startedMs <= NOW.getTime()).map((s) => s.incidentId));
      const recurrences = plainRecurrences(signatures, recurrenceDays).filter((r) => inPeriod.has(r.incidentId));
      assert.ok(
        plainRecurrences(signatures, recurrenceDays).length > recurrences.length,
        'some recurrences are of incidents before the period',
      );
      assert.ok(recurrences.length > 100, `the history should recur often (${recurrences.length})`);
      assert.deepEqual(m.recurrences, recurrences);

      const patterns = plainPatterns(
        signatures.filter((s) => inPeriod.has(s.incidentId)),
        days,
      );
      assert.ok(patterns.length > 10, `there should be patterns (${patterns.length})`);
      assert.ok(
        patterns.some((p) => p.files.length + p.runbooks.length > 1),
        'some patterns share several things',
      );
      assert.ok(
        patterns.some((p) => Object.keys(p.severities).length > 1) && patterns.some((p) => p.openActionItems > 0),
        'mixed severities and open items',
      );
      assert.deepEqual(m.patterns, patterns);
    });
  }
});

describe('recurrence patterns: telling sets of incidents apart', () => {
  const DAY0 = Date.UTC(2026, 10, 1);
  const signature = (
    incidentId: string,
    day: number,
    files: string[],
    runbooks: string[] = [],
    severity = 'SEV2',
  ): RecurrenceSignature => ({
    incidentId,
    title: incidentId,
    service: 'checkout',
    severity: severity as Severity,
    startedMs: DAY0 + day * DAY,
    runbooks,
    files,
    actionItems: [],
  });

  it('keeps different sets of incidents apart ("Aa" and "BB" hash alike in a base-31 hash), and merges the very same ones', () => {
    const signatures = [
      signature('Aa', 0, ['src/a.ts', 'src/c.ts']),
      signature('BB', 1, ['src/b.ts']),
      signature('X', 2, ['src/a.ts', 'src/b.ts', 'src/c.ts'], ['db-pool']),
      signature('Y', 3, [], ['db-pool']),
    ];
    const patterns = recurrencePatterns(signatures, 90);
    assert.deepEqual(
      patterns.map((p) => [p.incidentIds, p.files, p.runbooks]),
      [
        [['X', 'Y'], [], ['db-pool']],
        [['Aa', 'X'], ['src/a.ts', 'src/c.ts'], []],
        [['BB', 'X'], ['src/b.ts'], []],
      ],
    );
    assert.deepEqual(patterns, plainPatterns(signatures, 90));
  });

  it('groups whose ids join to the same text are one set, as they always were', () => {
    // "a,b" then "c" and "a" then "b,c" both read "a,b,c".
    const signatures = [
      signature('a,b', 0, ['src/x.ts']),
      signature('a', 0, ['src/y.ts']),
      signature('b,c', 1, ['src/y.ts']),
      signature('c', 1, ['src/x.ts']),
    ];
    // The incidents are those of the first group found.
    assert.deepEqual(
      recurrencePatterns(signatures, 90).map((p) => [p.incidentIds, p.files]),
      [
        [
          ['a,b', 'c'],
          ['src/x.ts', 'src/y.ts'],
        ],
      ],
    );
  });

  it('words the severities it knows in order, and any other one among them', () => {
    const signatures = [
      signature('A', 0, ['src/a.ts', 'src/b.ts'], [], 'SEV3'),
      signature('B', 1, ['src/a.ts', 'src/b.ts'], ['db-pool'], 'SEV1'),
      signature('C', 2, ['src/a.ts'], ['db-pool'], 'SEV3'),
      // Written by a later version with a severity this one does not know.
      signature('D', 3, [], ['db-pool'], 'SEV0'),
      signature('E', 4, ['src/c.ts'], [], 'SEV0'),
      signature('F', 5, ['src/c.ts'], [], 'SEV0'),
    ];
    const patterns = recurrencePatterns(signatures, 30);
    assert.deepEqual(
      patterns.map((p) => p.text),
      [
        '3 incidents (1 SEV-0, 1 SEV-1, 1 SEV-3) on checkout in 30 days, all following runbook db-pool; no action items still open',
        '3 incidents (1 SEV-1, 2 SEV-3) on checkout in 30 days, all touching src/a.ts; no action items still open',
        '2 SEV-0 incidents on checkout in 30 days, all touching src/c.ts; no action items still open',
        '2 incidents (1 SEV-1, 1 SEV-3) on checkout in 30 days, all touching src/b.ts; no action items still open',
      ],
    );
    assert.deepEqual(patterns, plainPatterns(signatures, 30));
  });
});
