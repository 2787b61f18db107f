// A small generated history whose on-call load the tests work out by hand (load.test.ts): a weekly
// UTC rotation of alice and bob, pages on weekdays, nights and a weekend, a drill, an incident on a
// service no rotation covers, and one before the period.
import { IncidentEvent } from '../../../src/core/events';
import { foldIncident } from '../../../src/core/fold';
import { Incident } from '../../../src/core/incident';
import { OncallConfig } from '../../../src/core/oncall/model';

export const LOAD_NOW = new Date('2026-12-01T00:00:00Z');

// Shifts hand off Mondays 09:00 UTC: alice from 2 Nov, bob from 9 Nov, alice from 16 Nov, bob from 23 Nov.
export const LOAD_CONFIG: OncallConfig = {
  rotations: [
    {
      id: 'checkout',
      layer: 'primary',
      services: ['checkout'],
      members: ['alice', 'bob'],
      start: '2026-11-02',
      lengthDays: 7,
      handoff: '09:00',
      timeZone: 'UTC',
    },
  ],
  overrides: [],
  escalation: [],
};

let n = 0;
export function loadIncident(
  id: string,
  service: string,
  startedAt: string,
  author: string,
  more: { type: string; ts: string; [field: string]: unknown }[] = [],
  drill = false,
): Incident {
  const events: IncidentEvent[] = [
    {
      id: `l${++n}`,
      ts: startedAt,
      type: 'declared',
      author,
      title: `Incident ${id}`,
      severity: 'SEV2',
      urgency: 'high',
      service,
      startedAt,
      detectedAt: startedAt,
      ...(drill ? { drill: true, scenario: 'drills/pool.drill.yaml' } : {}),
    } as IncidentEvent,
    ...more.map((e) => ({ id: `l${++n}`, author, ...e }) as IncidentEvent),
  ];
  return foldIncident(id, events);
}

const alert = (key: string, startsAt: string) => ({
  type: 'alert_linked',
  ts: startsAt,
  source: 'pagerduty',
  sourceId: key,
  dedupKey: key,
  title: `Alert ${key}`,
  startsAt,
});

export const LOAD_HISTORY: readonly Incident[] = [
  // Wednesday 10:00, alice's week, in hours; alice commands 10:05 to the resolve at 11:05 (60 min).
  loadIncident('I1', 'checkout', '2026-11-04T10:00:00.000Z', 'alice', [
    { type: 'role_assigned', ts: '2026-11-04T10:05:00.000Z', role: 'commander', person: 'alice' },
    { type: 'resolved', ts: '2026-11-04T11:05:00.000Z', resolution: 'fixed' },
  ]),
  // Saturday 03:00 and 03:20: two alerts, both to alice, both out of hours and at the weekend.
  loadIncident('I2', 'checkout', '2026-11-07T03:00:00.000Z', 'alice', [
    alert('PD1', '2026-11-07T03:00:00.000Z'),
    alert('PD2', '2026-11-07T03:20:00.000Z'),
    { type: 'role_assigned', ts: '2026-11-07T03:10:00.000Z', role: 'commander', person: 'alice' },
    { type: 'role_assigned', ts: '2026-11-07T03:30:00.000Z', role: 'scribe', person: 'carol' },
    { type: 'resolved', ts: '2026-11-07T04:10:00.000Z', resolution: 'fixed' },
  ]),
  // Tuesday 20:00 in bob's week: out of hours, not a weekend; still open, no roles.
  loadIncident('I3', 'checkout', '2026-11-10T20:00:00.000Z', 'bob'),
  loadIncident('I4', 'checkout', '2026-11-18T10:00:00.000Z', 'alice', [], true),
  // No rotation covers payments: the page goes to dave, who declared it.
  loadIncident('I5', 'payments', '2026-11-19T12:00:00.000Z', 'dave'),
  loadIncident('I6', 'checkout', '2026-10-20T12:00:00.000Z', 'bob'),
];
