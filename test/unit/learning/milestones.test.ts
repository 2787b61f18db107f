import * as assert from 'node:assert/strict';
import { IncidentEvent } from '../../../src/core/events';
import { isDrill } from '../../../src/core/drill';
import { foldIncident } from '../../../src/core/fold';
import {
  DURATIONS,
  durationMs,
  durationsOf,
  isOutOfOrder,
  MILESTONE_EVENT,
  MILESTONES,
  milestonesOf,
  milestoneTimes,
  outOfOrderText,
} from '../../../src/core/learning/milestones';
import { describeEvent } from '../../../src/core/timeline';
import { at, declared } from '../../support/events';

const ID = 'INC-20261122-2300-abcdef';
const milestone = (id: string, minute: number, fields: Record<string, unknown>): IncidentEvent => ({
  id,
  ts: at(minute),
  type: MILESTONE_EVENT,
  author: 'bob',
  ...fields,
});
const fold = (...events: IncidentEvent[]) => milestonesOf(foldIncident(ID, [declared(), ...events]));

describe('milestones', () => {
  it('takes impact start and detection from the declaration and leaves the rest missing, not guessed', () => {
    const m = fold();
    assert.equal(m.values.impact_started?.at, at(0));
    assert.equal(m.values.detected?.at, at(3));
    assert.deepEqual(Object.keys(m.values).sort(), ['detected', 'impact_started']);
    const d = durationsOf(m);
    assert.deepEqual(d.timeToDetect, { ms: 3 * 60_000 });
    assert.deepEqual(d.timeToAcknowledge, { missing: ['acknowledged'] });
    assert.deepEqual(d.timeToMitigate, { missing: ['mitigated'] });
    assert.deepEqual(d.timeToResolve, { missing: ['resolved'] });
  });

  it('computes the four durations by their definitions (hand-computed minutes)', () => {
    const m = fold(
      milestone('m1', 10, { milestone: 'acknowledged', at: at(7) }),
      milestone('m2', 40, { milestone: 'mitigated', at: at(38), eventId: 'n1' }),
      { id: 'r1', ts: at(95), type: 'resolved', author: 'alice', resolution: 'pool size restored' },
    );
    const d = durationsOf(m);
    assert.deepEqual(d.timeToDetect, { ms: 3 * 60_000 }); // 3 - 0
    assert.deepEqual(d.timeToAcknowledge, { ms: 4 * 60_000 }); // 7 - 3
    assert.deepEqual(d.timeToMitigate, { ms: 38 * 60_000 }); // 38 - 0
    assert.deepEqual(d.timeToResolve, { ms: 95 * 60_000 }); // 95 - 0
    assert.equal(m.values.mitigated?.eventId, 'n1');
    assert.equal(m.values.resolved?.origin, 'resolved');
    assert.deepEqual(m.warnings, []);
  });

  it('a correction is a later event: the latest wins, the original stays in the log and is counted', () => {
    const first = milestone('m1', 20, { milestone: 'mitigated', at: at(18) });
    const fix = milestone('m2', 30, { milestone: 'mitigated', at: at(12), note: 'the flag flip, not the restart' });
    const incident = foldIncident(ID, [declared(), first, fix]);
    const m = milestonesOf(incident);
    assert.equal(m.values.mitigated?.at, at(12));
    assert.equal(m.values.mitigated?.corrections, 1);
    assert.equal(incident.events.filter((e) => e.type === MILESTONE_EVENT).length, 2);
  });

  it('corrects impact start set by the declaration, and a cleared milestone is missing again', () => {
    const m = fold(
      milestone('m1', 20, { milestone: 'impact_started', at: at(-30) }),
      milestone('m2', 21, { milestone: 'acknowledged', at: at(9) }),
      milestone('m3', 22, { milestone: 'acknowledged', cleared: true }),
    );
    assert.equal(m.values.impact_started?.at, at(-30));
    assert.equal(m.values.impact_started?.corrections, 1);
    assert.equal(m.values.acknowledged, undefined);
    assert.deepEqual(durationsOf(m).timeToDetect, { ms: 33 * 60_000 });
  });

  it('warns on out-of-order milestones and keeps them as set (never a silent fix)', () => {
    const m = fold(milestone('m1', 20, { milestone: 'mitigated', at: at(-5) }));
    assert.deepEqual(
      m.warnings.map((w) => w.milestone),
      ['mitigated'],
    );
    assert.match(m.warnings[0].message, /Mitigated .* is before detected/);
    assert.equal(m.values.mitigated?.at, at(-5));
  });

  it('gives a duration whose milestones are out of order as its two milestones, never a negative time', () => {
    // Acknowledged typed 10 minutes before detection (at 3); mitigated at the very moment impact started.
    const m = fold(
      milestone('m1', 20, { milestone: 'acknowledged', at: at(-7) }),
      milestone('m2', 21, { milestone: 'mitigated', at: at(0) }),
    );
    const d = durationsOf(m);
    assert.deepEqual(d.timeToAcknowledge, {
      outOfOrder: { from: { milestone: 'detected', at: at(3) }, to: { milestone: 'acknowledged', at: at(-7) } },
    });
    assert.deepEqual(d.timeToMitigate, { ms: 0 }, 'at the same moment is in order: zero, not out of order');
    assert.deepEqual(d.timeToDetect, { ms: 3 * 60_000 });
    assert.deepEqual(d.timeToResolve, { missing: ['resolved'] });
    assert.ok('outOfOrder' in d.timeToAcknowledge);
    assert.equal(
      outOfOrderText(d.timeToAcknowledge.outOfOrder),
      'Acknowledged (2026-11-22 22:53:00 UTC) is before detected (2026-11-22 23:03:00 UTC)',
    );
  });

  it('a reopen withdraws resolution and closure until the next resolve', () => {
    const m = fold(
      { id: 'r1', ts: at(60), type: 'resolved', author: 'alice', resolution: 'x' },
      milestone('c1', 61, { milestone: 'closed', at: at(61) }),
      { id: 'o1', ts: at(70), type: 'reopened', author: 'alice' },
    );
    assert.equal(m.values.resolved, undefined);
    assert.equal(m.values.closed, undefined);
    const again = fold(
      { id: 'r1', ts: at(60), type: 'resolved', author: 'alice', resolution: 'x' },
      { id: 'o1', ts: at(70), type: 'reopened', author: 'alice' },
      { id: 'r2', ts: at(90), type: 'resolved', author: 'alice', resolution: 'y' },
    );
    assert.equal(again.values.resolved?.at, at(90));
  });

  it('reports a malformed milestone event by id and folds the rest', () => {
    const m = fold(
      milestone('bad1', 10, { milestone: 'fixed', at: at(10) }),
      milestone('bad2', 11, { milestone: 'mitigated', at: 'yesterday-ish' }),
      milestone('ok', 12, { milestone: 'mitigated', at: at(12) }),
    );
    assert.deepEqual(
      m.problems.map((p) => p.eventId),
      ['bad1', 'bad2'],
    );
    assert.match(m.problems[0].message, /"milestone" must be one of impact_started/);
    assert.equal(m.values.mitigated?.at, at(12));
  });
});

describe("milestoneTimes (the KPIs' lean fold)", () => {
  // Every history the tests above fold, and a random mix of corrections, clears, reopens and bad events:
  // the lean fold must agree with milestonesOf on every milestone and duration.
  const histories: IncidentEvent[][] = [
    [],
    [milestone('m1', 10, { milestone: 'acknowledged', at: at(7) }), milestone('m2', 40, { milestone: 'mitigated', at: at(38) })],
    [milestone('m1', 5, { milestone: 'impact_started', at: at(-20) }), milestone('m2', 6, { milestone: 'detected', cleared: true })],
    [
      { id: 'r1', ts: at(50), type: 'resolved', author: 'alice', resolution: 'x' },
      milestone('c1', 51, { milestone: 'closed', at: at(51) }),
      { id: 'o1', ts: at(60), type: 'reopened', author: 'alice', reason: 'again' },
    ],
    [milestone('bad', 5, { milestone: 'noticed', at: at(5) }), milestone('bad2', 6, { milestone: 'mitigated', at: 'soon' })],
  ];
  let seed = 7;
  const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
  for (let h = 0; h < 40; h++) {
    const events: IncidentEvent[] = [];
    for (let i = 0; i < 12; i++) {
      const minute = 5 + i * 3;
      const r = random();
      if (r < 0.1) events.push({ id: `r${i}`, ts: at(minute), type: 'resolved', author: 'alice', resolution: 'x' });
      else if (r < 0.15) events.push({ id: `o${i}`, ts: at(minute), type: 'reopened', author: 'alice', reason: 'x' });
      else {
        const name = MILESTONES[Math.floor(random() * MILESTONES.length)];
        events.push(
          milestone(
            `m${i}`,
            minute,
            random() < 0.2 ? { milestone: name, cleared: true } : { milestone: name, at: at(Math.floor(random() * 90) - 10) },
          ),
        );
      }
    }
    histories.push(events);
  }

  it('agrees with milestonesOf on every milestone and duration', () => {
    for (const events of histories) {
      const incident = foldIncident(ID, [declared(), ...events]);
      const full = milestonesOf(incident);
      const times = milestoneTimes(incident);
      MILESTONES.forEach((name, i) => {
        const value = full.values[name];
        assert.equal(times[i], value ? Date.parse(value.at) : NaN, `${name} in ${JSON.stringify(events)}`);
      });
      const durations = durationsOf(full);
      for (const name of DURATIONS) {
        const d = durations[name];
        const ms = durationMs(times, name);
        assert.equal(isOutOfOrder(ms), 'outOfOrder' in d, `${name} out of order`);
        if ('ms' in d) assert.ok(d.ms >= 0, `${name} is never a negative time`);
        assert.equal(Number.isNaN(ms), 'missing' in d, `${name} missing`);
        if ('ms' in d) assert.equal(ms, d.ms, name);
      }
    }
  });

  it('reuses the array it is given', () => {
    const out = new Float64Array(MILESTONES.length);
    assert.equal(milestoneTimes(foldIncident(ID, [declared()]), out), out);
    assert.equal(out[0], Date.parse(at(0)));
    assert.ok(Number.isNaN(out[2]));
  });
});

describe('drills', () => {
  it('an incident is a drill when its declaration says so, and only then', () => {
    assert.equal(isDrill(foldIncident(ID, [declared()])), false);
    assert.equal(isDrill(foldIncident(ID, [{ ...declared(), drill: true, scenario: 'drills/pool.yaml' } as IncidentEvent])), true);
    assert.equal(isDrill(foldIncident(ID, [{ ...declared(), drill: 'yes' } as IncidentEvent])), false);
  });
});

describe('milestone events in the timeline', () => {
  it('reads as the milestone and its time, or cleared', () => {
    const base = { id: 'm', ts: '2026-11-22T23:10:00.000Z', author: 'dana', type: 'milestone_set' };
    assert.deepEqual(describeEvent({ ...base, milestone: 'mitigated', at: '2026-11-22T23:09:00.000Z' }), {
      kind: 'status',
      text: 'Milestone mitigated set to 2026-11-22 23:09:00 UTC',
    });
    assert.equal(describeEvent({ ...base, milestone: 'detected', cleared: true }).text, 'Milestone detected cleared');
  });
});
