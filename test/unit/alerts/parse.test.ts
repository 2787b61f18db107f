import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { NO_TIME, normalisePriority, parseSourceTime } from '../../../src/core/alerts/alert';
import { groupAlerts } from '../../../src/core/alerts/group';
import { parseAlertPayload } from '../../../src/core/alerts/parse';
import { parsePagerDutyChangeEvents, parsePagerDutyLogEntries } from '../../../src/core/alerts/pagerduty';
import { payload, payloadDir, payloadFiles, sourceOf } from './payloads';

// Payloads that are not alert lists: read by their own parsers, checked below.
const NOT_ALERTS = new Set([
  'demisto__content__Packs__OpsGenie__Integrations__OpsGenieV3__test_data__get_alert_logs.json',
  // An action's 202 and its request status (test/unit/integrations/opsgenieActions.test.ts).
  'demisto__content__Packs__OpsGenie__Integrations__OpsGenieV3__test_data__ack_alert.json',
  'demisto__content__Packs__OpsGenie__Integrations__OpsGenieV3__test_data__get_request.json',
  'demisto__content__Packs__OpsGenie__Integrations__OpsGenieV3__test_data__request.json',
  'warroom__pagerduty__log_entries.json',
  'warroom__pagerduty__related_change_events.json',
  'warroom__statuspage__components.json',
  'prymitive__karma__internal__mock__0.31.0__api__v2__silences.json',
]);

describe('alerts: every captured payload parses', () => {
  it('lists every payload in SOURCES.txt', () => {
    const sources = fs.readFileSync(path.join(payloadDir, 'SOURCES.txt'), 'utf8');
    for (const file of payloadFiles()) {
      assert.ok(sources.includes(`${file} |`), `${file} is not in SOURCES.txt`);
    }
  });

  for (const file of payloadFiles().filter((f) => !NOT_ALERTS.has(f))) {
    it(`${file}: alerts with ids, times and titles, nothing unread`, () => {
      const parsed = parseAlertPayload(sourceOf(file), payload(file));
      assert.notEqual(parsed.kind, 'unknown');
      assert.ok(parsed.alerts.length > 0, 'no alert read');
      assert.deepEqual(parsed.unread, []);
      for (const alert of parsed.alerts) {
        assert.ok(alert.id && alert.dedupKey && alert.title);
        assert.equal(new Date(alert.startsAt).toISOString(), alert.startsAt);
        if (alert.endsAt) assert.ok(alert.endsAt >= alert.startsAt, `${alert.id} ends before it starts`);
      }
    });
  }
});

describe('alerts: source quirks', () => {
  it("reads Alertmanager's nanosecond startsAt and treats its zero endsAt as no end", () => {
    const parsed = parseAlertPayload('alertmanager', payload('zulip__zulip__zerver__webhooks__alertmanager__fixtures__alert.json'));
    assert.equal(parsed.kind, 'webhook');
    const first = parsed.alerts[0];
    assert.equal(first.startsAt, '2020-02-06T00:17:58.432Z');
    assert.equal(first.endsAt, undefined);
    assert.equal(first.dedupKey, 'a1bc48475b20e73d');
    assert.equal(first.severity, 'critical');
    assert.equal(first.title, 'High CPU Temperature: High CPU core temperature');
    assert.equal(parseSourceTime('0001-01-01T00:00:00Z'), NO_TIME);
    assert.equal(parseSourceTime('2020-02-06T01:17:58.432911368+01:00'), '2020-02-06T00:17:58.432Z');
  });

  it('reads a resolved webhook alert as resolved', () => {
    const parsed = parseAlertPayload('alertmanager', payload('zulip__zulip__zerver__webhooks__alertmanager__fixtures__single_alert.json'));
    assert.equal(parsed.alerts[0].state, 'resolved');
  });

  it('lists an alert in several receivers groups once, with its runbook annotations', () => {
    const parsed = parseAlertPayload('alertmanager', payload('prymitive__karma__internal__mock__0.31.0__api__v2__alerts__groups.json'));
    assert.equal(parsed.kind, 'api:groups');
    const ids = parsed.alerts.map((a) => a.id);
    assert.equal(new Set(ids).size, ids.length);
    const groups = groupAlerts(parsed.alerts);
    assert.ok(groups.length > 1 && groups.length <= parsed.alerts.length);
    assert.ok(groups.every((g) => g.alerts.every((a) => (a.labels.alertname ?? a.title) === g.name)));
  });

  it("reads Opsgenie's nanosecond updatedAt and its number priority the same as REST's P3", () => {
    const hook = parseAlertPayload('opsgenie', payload('zulip__zulip__zerver__webhooks__opsgenie__fixtures__create.json'));
    assert.equal(hook.alerts[0].updatedAt, '2017-08-14T11:25:56.288Z');
    assert.equal(hook.alerts[0].startsAt, '2017-08-14T11:25:56.288Z');
    assert.equal(hook.alerts[0].priority, 'P3');
    assert.equal(hook.alerts[0].dedupKey, 'alert-alias');
    const rest = parseAlertPayload(
      'opsgenie',
      payload('demisto__content__Packs__OpsGenie__Integrations__OpsGenieV3__test_data__get_alerts.json'),
    );
    assert.equal(rest.alerts[0].priority, 'P3');
    assert.equal(rest.alerts[0].updatedAt, '2021-11-24T12:14:41.030Z');
    assert.equal(normalisePriority(3), 'P3');
    assert.equal(normalisePriority('P9'), undefined);
  });

  it('reads Opsgenie acknowledge and close webhooks as their states', () => {
    assert.equal(
      parseAlertPayload('opsgenie', payload('zulip__zulip__zerver__webhooks__opsgenie__fixtures__acknowledge.json')).alerts[0].state,
      'acknowledged',
    );
    assert.equal(
      parseAlertPayload('opsgenie', payload('zulip__zulip__zerver__webhooks__opsgenie__fixtures__close.json')).alerts[0].state,
      'resolved',
    );
  });

  it('reads PagerDuty V3 webhooks: the incident, or the incident a note references', () => {
    const escalated = parseAlertPayload('pagerduty', payload('zulip__zulip__zerver__webhooks__pagerduty__fixtures__escalate_v3.json'));
    assert.equal(escalated.alerts[0].id, 'Q3B15VLMF3ASBD');
    assert.equal(escalated.alerts[0].dedupKey, 'd387d7bd2e0a4294a5307339dfe1669a');
    assert.equal(escalated.alerts[0].priority, 'P1');
    assert.equal(escalated.alerts[0].service, 'Default Service');
    const note = parseAlertPayload('pagerduty', payload('zulip__zulip__zerver__webhooks__pagerduty__fixtures__annotated_v3.json'));
    assert.equal(note.alerts[0].id, 'Q3B15VLMF3ASBD');
    assert.equal(note.alerts[0].startsAt, '2026-04-01T02:18:59.674Z', 'a reference has no created_at: the event time stands in');
  });

  it('reads PagerDuty REST incidents with their state, service, team and priority', () => {
    const parsed = parseAlertPayload('pagerduty', payload('warroom__pagerduty__incidents.json'));
    assert.deepEqual(
      parsed.alerts.map((a) => [a.id, a.state, a.service, a.priority, a.labels.teams, a.endsAt]),
      [
        ['Q3B15VLMF3ASBD', 'acknowledged', 'checkout', 'P1', 'Payments', undefined],
        ['PT4KHLK', 'resolved', 'database', undefined, undefined, '2026-04-01T03:40:00.000Z'],
      ],
    );
  });

  it('reads PagerDuty log entries of the kinds shown, and related change events', () => {
    const log = parsePagerDutyLogEntries(payload('warroom__pagerduty__log_entries.json'));
    assert.deepEqual(log.unread, []);
    assert.deepEqual(
      log.entries.map((e) => e.kind),
      ['trigger', 'escalate', 'acknowledge', 'annotate', 'acknowledge'],
    );
    assert.equal(log.entries[3].note, 'Running KILL on long-running queries from the reporting-service.');
    const changes = parsePagerDutyChangeEvents(payload('warroom__pagerduty__related_change_events.json'));
    assert.deepEqual(changes.unread, []);
    assert.equal(changes.changes[0].reason, 'same_service');
  });

  it('lists each field it cannot read, by path, and keeps the alerts it can', () => {
    const parsed = parseAlertPayload('alertmanager', [
      { fingerprint: 'a', startsAt: 'yesterday', labels: { alertname: 'X' } },
      { fingerprint: 'b', startsAt: '2026-01-01T00:00:00Z', labels: { alertname: 'Y', n: { nested: 1 } }, annotations: 'oops' },
    ]);
    assert.deepEqual(
      parsed.alerts.map((a) => a.id),
      ['b'],
    );
    assert.deepEqual(parsed.unread, [
      '[0].startsAt: not a time ("yesterday")',
      '[1].labels.n: not a string',
      '[1].annotations: not an object',
    ]);
    assert.deepEqual(parseAlertPayload('pagerduty', 'hello').unread, [
      '$: not an object',
      '$: neither a PagerDuty incident list, an incident nor a V3 webhook body',
    ]);
  });
});
