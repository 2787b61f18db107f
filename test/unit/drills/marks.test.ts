import * as assert from 'node:assert/strict';
import { IncidentEvent } from '../../../src/core/events';
import { foldIncident } from '../../../src/core/fold';
import { activeIncidents } from '../../../src/core/incidents';
import { incidentHeader } from '../../../src/protocol/timeline';

const declared = (extra: Record<string, unknown>) =>
  [
    {
      id: 'e1',
      ts: '2026-12-04T10:00:00.000Z',
      type: 'declared',
      author: 'ana',
      title: 'Checkout database pool cut',
      severity: 'SEV2',
      urgency: 'high',
      service: 'checkout',
      startedAt: '2026-12-04T10:00:00.000Z',
      detectedAt: '2026-12-04T10:00:00.000Z',
      ...extra,
    },
  ] as unknown as IncidentEvent[];

describe('the drill mark in the timeline header', () => {
  it('marks a drill incident, and only a drill incident', () => {
    assert.equal(incidentHeader(foldIncident('INC-1', declared({ drill: true, scenario: 'drills/x.drill.yaml' }))).drill, true);
    assert.equal('drill' in incidentHeader(foldIncident('INC-2', declared({}))), false);
  });
});

describe('drills in the list of active incidents', () => {
  it('lists every real incident before any drill, then by severity and age within each', () => {
    const incident = (id: string, severity: string, startedAt: string, extra: Record<string, unknown> = {}) =>
      foldIncident(id, declared({ severity, startedAt, ...extra }));
    const drill = { drill: true, scenario: 'drills/pool.drill.yaml' };
    const order = activeIncidents([
      incident('DRILL-SEV1', 'SEV1', '2026-12-04T09:00:00.000Z', drill),
      incident('REAL-SEV3', 'SEV3', '2026-12-04T08:00:00.000Z'),
      incident('REAL-SEV2-new', 'SEV2', '2026-12-04T09:30:00.000Z'),
      incident('REAL-SEV2-old', 'SEV2', '2026-12-04T09:10:00.000Z'),
      incident('DRILL-SEV2', 'SEV2', '2026-12-04T08:00:00.000Z', drill),
    ]).map((i) => i.id);
    assert.deepEqual(order, ['REAL-SEV2-old', 'REAL-SEV2-new', 'REAL-SEV3', 'DRILL-SEV1', 'DRILL-SEV2']);
  });
});
