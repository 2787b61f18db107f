// A small generated history whose KPIs the tests work out by hand (see metrics.test.ts): four
// incidents in the 90 days before NOW, one older, one drill, with milestones, action items, causes
// and runbooks chosen so every figure has a known answer.
import { IncidentEvent } from '../../../src/core/events';
import { foldIncident } from '../../../src/core/fold';
import { Incident } from '../../../src/core/incident';

export const NOW = new Date('2026-12-01T00:00:00Z');
export const MIN = 60_000;

const plus = (iso: string, minutes: number) => new Date(Date.parse(iso) + minutes * MIN).toISOString();

let n = 0;
const event = (ts: string, type: string, fields: Record<string, unknown> = {}): IncidentEvent => ({
  id: `k${++n}`,
  ts,
  type,
  author: 'alice',
  ...fields,
});

export interface Spec {
  readonly id: string;
  readonly severity: string;
  readonly service: string;
  readonly started: string;
  readonly detectAfter: number;
  readonly ackAfter?: number;
  readonly mitigateAfter?: number;
  readonly resolveAfter?: number;
  readonly drill?: boolean;
  readonly causes?: readonly string[];
  readonly runbooks?: readonly string[];
  readonly items?: readonly {
    readonly itemId: string;
    readonly created: string;
    readonly due?: string;
    readonly links?: readonly string[];
    readonly closed?: { readonly at: string; readonly outcome: 'done' | 'wont_do' };
  }[];
}

export function incidentOf(spec: Spec): Incident {
  const s = spec.started;
  const events: IncidentEvent[] = [
    event(plus(s, spec.detectAfter), 'declared', {
      title: `Incident ${spec.id}`,
      severity: spec.severity,
      urgency: 'high',
      service: spec.service,
      startedAt: s,
      detectedAt: plus(s, spec.detectAfter),
      ...(spec.drill ? { drill: true } : {}),
    }),
  ];
  if (spec.ackAfter !== undefined) {
    events.push(event(plus(s, spec.ackAfter), 'milestone_set', { milestone: 'acknowledged', at: plus(s, spec.ackAfter) }));
  }
  if (spec.mitigateAfter !== undefined) {
    events.push(event(plus(s, spec.mitigateAfter), 'milestone_set', { milestone: 'mitigated', at: plus(s, spec.mitigateAfter) }));
  }
  for (const sha of spec.causes ?? []) {
    events.push(event(plus(s, 1), 'suspect_marked', { sha, verdict: 'cause' }));
  }
  for (const runbook of spec.runbooks ?? []) {
    events.push(event(plus(s, 2), 'runbook_linked', { runbook }));
  }
  if (spec.resolveAfter !== undefined) {
    events.push(event(plus(s, spec.resolveAfter), 'resolved', { resolution: 'fixed' }));
  }
  for (const item of spec.items ?? []) {
    events.push(
      event(item.created, 'action_item_added', {
        itemId: item.itemId,
        title: `Follow up ${item.itemId}`,
        kind: 'prevent',
        ...(item.due ? { due: item.due } : {}),
        ...(item.links ? { links: item.links } : {}),
      }),
    );
    if (item.closed) {
      events.push(event(item.closed.at, 'action_item_closed', { itemId: item.itemId, outcome: item.closed.outcome }));
    }
  }
  return foldIncident(spec.id, events);
}

export const SHA_A = 'a'.repeat(40);
export const SHA_D = 'd'.repeat(40);
export const FILES: Readonly<Record<string, readonly string[]>> = { [SHA_A]: ['src/db/pool.ts', 'src/a.ts'], [SHA_D]: ['src/db/pool.ts'] };
export const filesOf = (sha: string) => FILES[sha];

export const A = 'INC-20261101-1000-aaaaaa';
export const B = 'INC-20261110-1000-bbbbbb';
export const C = 'INC-20261005-0000-cccccc';
export const D = 'INC-20261120-0000-dddddd';
export const E = 'INC-20261115-0000-eeeeee';
export const F = 'INC-20260801-0000-ffffff';

export const HISTORY: readonly Incident[] = [
  incidentOf({
    id: A,
    severity: 'SEV2',
    service: 'checkout',
    started: '2026-11-01T10:00:00.000Z',
    detectAfter: 10,
    ackAfter: 15,
    mitigateAfter: 40,
    resolveAfter: 70,
    causes: [SHA_A],
    runbooks: ['db-pool'],
    items: [
      {
        itemId: 'ACT-00000001',
        created: '2026-11-01T12:00:00.000Z',
        due: '2026-11-05',
        closed: { at: '2026-11-04T09:00:00.000Z', outcome: 'done' },
      },
      {
        itemId: 'ACT-00000002',
        created: '2026-11-01T12:00:00.000Z',
        due: '2026-11-15',
        closed: { at: '2026-11-20T09:00:00.000Z', outcome: 'done' },
      },
    ],
  }),
  incidentOf({
    id: B,
    severity: 'SEV2',
    service: 'checkout',
    started: '2026-11-10T10:00:00.000Z',
    detectAfter: 20,
    mitigateAfter: 60,
    resolveAfter: 120,
    items: [
      {
        itemId: 'ACT-00000003',
        created: '2026-11-10T12:00:00.000Z',
        due: '2026-11-25',
        links: ['src/db/pool.ts:42', 'https://example.com/x:1'],
      },
      { itemId: 'ACT-00000004', created: '2026-11-10T12:00:00.000Z', due: '2026-12-15' },
      {
        itemId: 'ACT-00000005',
        created: '2026-11-10T12:00:00.000Z',
        due: '2026-11-12',
        closed: { at: '2026-11-11T09:00:00.000Z', outcome: 'wont_do' },
      },
    ],
  }),
  incidentOf({
    id: C,
    severity: 'SEV1',
    service: 'payments',
    started: '2026-10-05T00:00:00.000Z',
    detectAfter: 5,
    ackAfter: 6,
    items: [{ itemId: 'ACT-00000007', created: '2026-10-05T12:00:00.000Z', links: ['src/db/pool.ts:3'] }],
  }),
  incidentOf({
    id: D,
    severity: 'SEV2',
    service: 'checkout',
    started: '2026-11-20T00:00:00.000Z',
    detectAfter: 30,
    resolveAfter: 200,
    causes: [SHA_D],
    runbooks: ['db-pool'],
  }),
  incidentOf({
    id: E,
    severity: 'SEV1',
    service: 'checkout',
    started: '2026-11-15T00:00:00.000Z',
    detectAfter: 1,
    resolveAfter: 2,
    drill: true,
    runbooks: ['db-pool'],
    items: [{ itemId: 'ACT-00000006', created: '2026-11-15T12:00:00.000Z', due: '2026-11-20', links: ['src/db/pool.ts:9'] }],
  }),
  incidentOf({
    id: F,
    severity: 'SEV3',
    service: 'checkout',
    started: '2026-08-01T00:00:00.000Z',
    detectAfter: 1,
    resolveAfter: 9,
    items: [
      {
        itemId: 'ACT-00000008',
        created: '2026-08-01T12:00:00.000Z',
        links: ['src/db/pool.ts:1'],
        closed: { at: '2026-08-05T00:00:00.000Z', outcome: 'done' },
      },
    ],
  }),
];
