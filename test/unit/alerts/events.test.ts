import * as assert from 'node:assert/strict';
import { Alert } from '../../../src/core/alerts/alert';
import {
  foldIncidentAlerts,
  importedEventId,
  incidentForAlert,
  planAlertLink,
  planLogImport,
  PlannedImport,
} from '../../../src/core/alerts/alertEvents';
import { declarationFromAlert } from '../../../src/core/alerts/declare';
import { applySync, emptySource, sourceStatusLine } from '../../../src/core/alerts/incoming';
import { parseAlertPayload } from '../../../src/core/alerts/parse';
import { parsePagerDutyLogEntries } from '../../../src/core/alerts/pagerduty';
import { IncidentEvent, validateEvent } from '../../../src/core/events';
import { foldIncident } from '../../../src/core/fold';
import { milestonesOf } from '../../../src/core/learning/milestones';
import { describeEvent } from '../../../src/core/timeline';
import { timelineHeader } from '../../../src/protocol/timeline';
import { timelineRows } from '../../../src/core/timelineView';
import { declared } from '../../support/events';
import { payload } from './payloads';

const ID = 'INC-20260401-0207-abcdef';

/** What the store writes for a planned import, authored by `who`. */
function written(plans: readonly PlannedImport[], who: string): IncidentEvent[] {
  return plans.map((p) => ({ id: p.id, ts: p.at, author: who, ...p.input }));
}

describe('alerts: imported events', () => {
  const entries = parsePagerDutyLogEntries(payload('warroom__pagerduty__log_entries.json')).entries;

  it('imports log entries once: planning again after the append plans nothing', () => {
    const incident = foldIncident(ID, [declared()]);
    const first = planLogImport(incident, 'Q3B15VLMF3ASBD', entries);
    assert.equal(first.filter((p) => p.input.type === 'alert_activity').length, 5);
    const after = foldIncident(ID, [...incident.events, ...written(first, 'alice')]);
    assert.deepEqual(planLogImport(after, 'Q3B15VLMF3ASBD', entries), []);
  });

  it("gives two teammates' imports of the same entries the same ids, so the merged log shows each once", () => {
    const base = foldIncident(ID, [declared()]);
    const alice = written(planLogImport(base, 'Q3B15VLMF3ASBD', entries), 'alice');
    const bob = written(planLogImport(base, 'Q3B15VLMF3ASBD', [...entries].reverse()), 'bob');
    const merged = foldIncident(ID, [declared(), ...alice, ...bob]);
    const activity = foldIncidentAlerts(merged.events).activity;
    assert.equal(activity.length, 5);
    assert.equal(merged.events.filter((e) => e.type === 'milestone_set').length, 1);
  });

  it('makes the first acknowledgement the acknowledged milestone, from PagerDuty', () => {
    const incident = foldIncident(ID, [declared({ startedAt: '2026-04-01T02:00:00.000Z', detectedAt: '2026-04-01T02:07:30.000Z' })]);
    const plans = planLogImport(incident, 'Q3B15VLMF3ASBD', entries);
    const after = foldIncident(ID, [...incident.events, ...written(plans, 'alice')]);
    const ack = milestonesOf(after).values.acknowledged;
    assert.equal(ack?.at, '2026-04-01T02:10:01.000Z');
    assert.equal(ack?.source, 'pagerduty');
  });

  it('leaves an acknowledged milestone a person set alone', () => {
    const typed: IncidentEvent = {
      id: 'm1',
      ts: '2026-04-01T02:09:00.000Z',
      author: 'ana',
      type: 'milestone_set',
      milestone: 'acknowledged',
      at: '2026-04-01T02:09:00.000Z',
    };
    const incident = foldIncident(ID, [declared(), typed]);
    assert.ok(planLogImport(incident, 'Q3B15VLMF3ASBD', entries).every((p) => p.input.type !== 'milestone_set'));
  });

  it('derives event ids from the source id, in the shape of minted ids', () => {
    const a = importedEventId('pagerduty', 'log', 'R1');
    assert.match(a, /^[0-9a-hjkmnp-tv-z]{16}$/);
    assert.equal(importedEventId('pagerduty', 'log', 'R1'), a);
    assert.notEqual(importedEventId('pagerduty', 'log', 'R2'), a);
    assert.notEqual(importedEventId('pagerduty', 'logR', '1'), a, 'parts are length-prefixed');
  });
});

describe('alerts: declare from an alert, and link to an existing incident', () => {
  const alert: Alert = parseAlertPayload('pagerduty', payload('warroom__pagerduty__incidents.json')).alerts[0];

  it('declares with detection and impact start at the alert start, the service and the priority as severity', () => {
    assert.deepEqual(declarationFromAlert(alert), {
      type: 'declared',
      title: 'Critical: Checkout API High Latency',
      severity: 'SEV1',
      urgency: 'high',
      service: 'checkout',
      startedAt: '2026-04-01T02:07:30.000Z',
      detectedAt: '2026-04-01T02:07:30.000Z',
    });
  });

  it("takes a severity from the alert's own labels only: one named like an object's property is none", () => {
    const labelled = (severity: string, priority?: string): Alert => ({ ...alert, severity, priority });
    assert.equal(declarationFromAlert(labelled('warning')).severity, 'SEV3');
    for (const label of ['constructor', '__proto__', 'toString', 'hasOwnProperty']) {
      const declaration = declarationFromAlert(labelled(label, label));
      assert.equal(declaration.severity, 'SEV3', label);
      assert.ok('event' in validateEvent({ ...declaration, id: 'e1', ts: '2026-04-01T02:07:30.000Z', author: 'a' }), label);
    }
  });

  it('finds the incident linked to the same incident_key instead of declaring a twin', () => {
    const linked = foldIncident(ID, [declared()]);
    const link = planAlertLink(linked, alert, '2026-04-01T02:08:00.000Z');
    assert.ok(link);
    const withLink = foldIncident(ID, [...linked.events, ...written([link], 'alice')]);
    const other = foldIncident('INC-20260401-0300-zzzzzz', [declared({ id: 'd2' })]);
    assert.equal(incidentForAlert(alert, [other, withLink])?.id, ID);
    assert.equal(planAlertLink(withLink, alert, '2026-04-01T02:09:00.000Z'), undefined, 'linking twice plans nothing');
    const sameKey = { ...alert, id: 'OTHERID' };
    assert.equal(incidentForAlert(sameKey, [withLink])?.id, ID, 'matched by incident_key, not only by id');
    assert.equal(incidentForAlert({ ...alert, id: 'X', dedupKey: 'Y' }, [withLink]), undefined);
  });

  it('reports an alert event with wrong fields and folds the rest', () => {
    const bad: IncidentEvent = {
      id: 'b',
      ts: '2026-04-01T02:00:00.000Z',
      author: 'x',
      type: 'update_sent',
      channel: 'slack',
      action: 'status_update',
      outcome: 'maybe',
    };
    const folded = foldIncidentAlerts([bad]);
    assert.deepEqual(folded.problems, [{ eventId: 'b', message: 'update_sent: "outcome" must be sent or failed' }]);
  });
});

describe('alerts: the Incoming model', () => {
  const parsed = parseAlertPayload('pagerduty', payload('warroom__pagerduty__incidents.json'));

  it('keeps the last good alerts on a failed sync, marked stale with the error, until the next success', () => {
    const t = (m: number) => new Date(Date.UTC(2026, 3, 1, 2, m));
    const good = applySync(emptySource('pagerduty'), { ok: parsed }, t(0));
    assert.equal(good.alerts.length, 2);
    assert.equal(good.stale, false);
    const failed = applySync(good, { error: 'PagerDuty rejected the API key (401)' }, t(1));
    assert.equal(failed.alerts, good.alerts);
    assert.equal(failed.stale, true);
    assert.equal(sourceStatusLine(failed), 'stale, synced 02:00 UTC; last error: PagerDuty rejected the API key (401)');
    const back = applySync(failed, { ok: parsed }, t(2));
    assert.equal(back.stale, false);
    assert.equal(back.lastError, undefined);
    assert.equal(back.lastSuccessAt, t(2).toISOString());
  });

  it('does not call a source that never synced stale', () => {
    const failed = applySync(emptySource('opsgenie'), { error: 'Opsgenie could not be reached (ECONNREFUSED)' }, new Date(0));
    assert.equal(failed.stale, false);
    assert.match(sourceStatusLine(failed), /^never synced; last error/);
  });
});

describe('alerts: events in words on the timeline', () => {
  const base = { id: 'e1', ts: '2026-04-01T02:10:00.000Z', author: 'alice' };

  it('never words a failed send as sent, and says why it failed', () => {
    const failed = describeEvent({
      ...base,
      type: 'update_sent',
      channel: 'slack',
      action: 'status_update',
      outcome: 'failed',
      reason: 'Slack had a server error (500)',
      text: 'All good now',
    });
    assert.deepEqual(failed, { kind: 'action', text: 'Slack status update: FAILED: Slack had a server error (500)' });
    const row = timelineRows(
      foldIncident(ID, [
        declared(),
        { ...base, id: 'e2', type: 'update_sent', channel: 'slack', action: 'status_update', outcome: 'failed' },
      ]),
    );
    assert.notEqual(row[1].kind, 'comms');
    assert.deepEqual(describeEvent({ ...base, type: 'update_sent', channel: 'slack', action: 'status_update', outcome: 'sent' }), {
      kind: 'comms',
      text: 'Slack status update: sent',
    });
  });

  it('words links and imported activity as alerts', () => {
    assert.deepEqual(
      describeEvent({ ...base, type: 'alert_linked', source: 'alertmanager', sourceId: 'f1', dedupKey: 'f1', title: 'HighLatency' }),
      { kind: 'alert', text: 'Linked Alertmanager alert: HighLatency' },
    );
    assert.deepEqual(
      describeEvent({
        ...base,
        type: 'alert_activity',
        source: 'pagerduty',
        sourceId: 'P1',
        entryId: 'L1',
        kind: 'acknowledge',
        text: 'Acknowledged',
        agent: 'Bob',
      }),
      { kind: 'alert', text: 'PagerDuty acknowledge: Acknowledged (Bob)' },
    );
  });
});

describe('the timeline header says where a row can be shared as a note', () => {
  it('names PagerDuty / Opsgenie once the incident is linked there, and nothing otherwise', () => {
    const plain = foldIncident(ID, [declared()]);
    assert.equal(timelineHeader(plain).noteTargets, undefined);
    assert.equal('noteTargets' in timelineHeader(plain), false, 'absent, not empty: the other panels share the header');
    const link = (source: string, id: string): IncidentEvent =>
      ({
        id: `L-${source}`,
        ts: '2026-04-01T02:08:00.000Z',
        author: 'sam',
        type: 'alert_linked',
        source,
        sourceId: id,
        dedupKey: id,
        title: 't',
      }) as unknown as IncidentEvent;
    const linked = foldIncident(ID, [declared(), link('opsgenie', 'og-1'), link('alertmanager', 'fp'), link('pagerduty', 'PD1')]);
    assert.deepEqual(timelineHeader(linked).noteTargets, ['PagerDuty', 'Opsgenie']);
  });
});
