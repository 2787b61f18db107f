import * as assert from 'node:assert/strict';
import { IncidentEvent } from '../../../src/core/events';
import { foldIncident } from '../../../src/core/fold';
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
