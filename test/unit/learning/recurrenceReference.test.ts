// The recurrence sweep (indexes by service and key, walks back only within the window) against the
// definition written out plainly: every earlier incident compared with every later one. Generated
// histories with few services, files and runbooks, and many equal start times, so pairs sharing
// several keys and ties in the order both happen often.
import * as assert from 'node:assert/strict';
import { foldIncident } from '../../../src/core/fold';
import { ActionItem } from '../../../src/core/learning/actionItems';
import { findRecurrences, listInWords, Recurrence, RecurrenceSignature, recurrenceSignature } from '../../../src/core/learning/recurrence';
import { Severity } from '../../../src/core/severity';

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

/** The definition, pair by pair. Nearest earlier first; ties by the later incident's first shared key, then the latest seen. */
function reference(signatures: readonly RecurrenceSignature[], days: number): Recurrence[] {
  const sorted = [...signatures].sort((a, b) => a.startedMs - b.startedMs);
  const out: Recurrence[] = [];
  for (let l = sorted.length - 1; l >= 0; l--) {
    const later = sorted[l];
    const keys = [...later.files.map((f) => `f${f}`), ...later.runbooks.map((r) => `r${r}`)];
    const found: { e: number; first: number; r: Recurrence }[] = [];
    for (let e = 0; e < l; e++) {
      const earlier = sorted[e];
      if (earlier.service !== later.service || later.startedMs - earlier.startedMs > days * DAY) continue;
      const files = later.files.filter((f) => earlier.files.includes(f));
      const runbooks = later.runbooks.filter((r) => earlier.runbooks.includes(r));
      if (!files.length && !runbooks.length) continue;
      const first = keys.indexOf(files.length ? `f${files[0]}` : `r${runbooks[0]}`);
      const parts = [
        ...(files.length ? [`both touched ${listInWords(files)}`] : []),
        ...(runbooks.length ? [`both followed runbook ${listInWords(runbooks)}`] : []),
      ];
      const reason = `same service, ${parts.join('; ')}`;
      found.push({
        e,
        first,
        r: { incidentId: later.incidentId, recurs: earlier.incidentId, service: later.service, files, runbooks, reason },
      });
    }
    found.sort((a, b) => sorted[b.e].startedMs - sorted[a.e].startedMs || a.first - b.first || b.e - a.e);
    out.push(...found.map((f) => f.r));
  }
  return out;
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
});

describe('recurrence: an incident begins when its impact started', () => {
  it('takes a corrected impact_started milestone, as the dashboard does, so the tree and the dashboard agree', () => {
    const declaredAt = '2026-11-20T00:00:00.000Z';
    const incident = foldIncident('INC-20261120-0000-corr00', [
      {
        id: 'd',
        ts: declaredAt,
        type: 'declared',
        author: 'alice',
        title: 'Pool exhausted',
        severity: 'SEV2',
        urgency: 'high',
        service: 'checkout',
        startedAt: declaredAt,
        detectedAt: declaredAt,
      },
      // Impact began three days earlier than declared: a correction, the declaration stays.
      { id: 'm', ts: declaredAt, type: 'milestone_set', author: 'alice', milestone: 'impact_started', at: '2026-11-17T00:00:00.000Z' },
    ]);
    assert.equal(recurrenceSignature(incident).startedMs, Date.parse('2026-11-17T00:00:00.000Z'));
  });
});
