import * as assert from 'node:assert/strict';
import { changeEventRows } from '../../../src/core/alerts/changeEvents';
import { parsePagerDutyChangeEvents } from '../../../src/core/alerts/pagerduty';
import { payload } from './payloads';

describe('PagerDuty related change events beside the suspect deploys', () => {
  it('labels each as a PagerDuty change event, with its source and time against the incident start', () => {
    const { changes } = parsePagerDutyChangeEvents(payload('warroom__pagerduty__related_change_events.json'));
    assert.deepEqual(changeEventRows(changes, '2026-04-01T02:07:30Z'), [
      {
        label: 'Deployed checkout v2.14.0',
        description: 'PagerDuty change event · github-actions · 12m before the start',
        details: [
          'PagerDuty change event at 2026-04-01T01:55:00.000Z (12m before the start)',
          'From github-actions',
          'PagerDuty relates it: on the same service',
          'https://github.example/checkout/actions/runs/1',
        ],
        url: 'https://github.example/checkout/actions/runs/1',
      },
    ]);
  });

  it('puts the newest first, says "after" past the start, and opens only http(s) links', () => {
    const rows = changeEventRows(
      [
        { at: '2026-04-01T01:00:00.000Z', summary: 'old', reason: 'similar_incident', url: 'javascript:alert(1)' },
        { at: '2026-04-01T02:10:30.000Z', summary: 'new' },
      ],
      '2026-04-01T02:07:30Z',
    );
    assert.deepEqual(
      rows.map((r) => [r.label, r.description, r.url]),
      [
        ['new', 'PagerDuty change event · 3m after the start', undefined],
        ['old', 'PagerDuty change event · 1h 07m before the start', undefined],
      ],
    );
    assert.ok(rows[1].details.includes('PagerDuty relates it: similar incident'));
  });
});
