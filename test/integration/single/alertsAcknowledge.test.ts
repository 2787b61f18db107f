// The page acknowledged and resolved where it came from, in a real VS Code: a loopback Opsgenie
// answering with the captured alert list, its 202 and its request statuses (404 until processed,
// then the captured acknowledgement), and a loopback PagerDuty answering with the captured
// incidents. From the Incoming view's row or from the incident, after a confirmation naming the
// page; recorded on the linked incident's timeline with its outcome; the first acknowledgement sets
// the incident's acknowledged milestone; Opsgenie refusing is recorded as failed, never as done.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { AlertSentEvent, foldIncidentAlerts } from '../../../src/core/alerts/alertEvents';
import { milestonesOf } from '../../../src/core/learning/milestones';
import { repoRoot } from '../../harness/paths';
import { json, LoopbackServer, Received, startLoopback } from '../../support/loopbackServer';
import { AlertPromptAnswers, answerAlertPrompts } from '../support/alertPrompts';
import { featureUnderTest, renderTree, waitFor, warRoom } from '../support/api';

const LIMIT_MS = 60_000;
const OG_ALERT = 'b7da6303-0da4-43e2-8e21-9e22faedc594-1637756080926';
const PD_INCIDENT = 'Q3B15VLMF3ASBD';
const FILE = 'demisto__content__Packs__OpsGenie__Integrations__OpsGenieV3__test_data__';

const fixture = (name: string): Record<string, unknown> =>
  JSON.parse(fs.readFileSync(path.join(repoRoot, 'test', 'fixtures', 'payloads', name), 'utf8')) as Record<string, unknown>;

describe('acknowledging and resolving the page at its source, in a real VS Code', function () {
  this.timeout(4 * LIMIT_MS);
  let opsgenie: LoopbackServer;
  let pagerduty: LoopbackServer;
  /** What the loopback Opsgenie does with the next request's status. */
  let processing: 'done' | 'refused' | 'never' = 'done';
  /** The alert's state as the loopback Opsgenie lists it (a closed alert is not listed: War Room asks for open ones). */
  let acknowledged = false;
  let closed = false;
  let prompts: AlertPromptAnswers;
  const cleanup: vscode.Disposable[] = [];
  const looked = new Map<string, number>();
  const processedAt = new Date().toISOString();

  function answerOpsgenie(req: Received): { status: number; body: unknown } {
    const url = new URL(req.url, 'http://opsgenie.invalid');
    if (req.method === 'GET' && url.pathname === '/v2/alerts') {
      // The captured list (one alert), on the first page only; its state as the actions left it.
      if (url.searchParams.get('offset') !== '0' || closed) return { status: 200, body: { data: [], paging: {} } };
      const list = fixture(`${FILE}get_alerts.json`) as { data: Record<string, unknown>[] };
      return { status: 200, body: { ...list, data: list.data.map((a) => ({ ...a, acknowledged })) } };
    }
    if (req.method === 'POST' && /^\/v2\/alerts\/[^/]+\/(acknowledge|close|notes)$/.test(url.pathname)) {
      return { status: 202, body: fixture(`${FILE}request.json`) };
    }
    const status = /^\/v2\/alerts\/requests\/([^/]+)$/.exec(url.pathname);
    if (req.method === 'GET' && status) {
      const times = (looked.get(status[1]) ?? 0) + 1;
      looked.set(status[1], times);
      if (processing === 'never' || times === 1) {
        return { status: 404, body: { message: 'Request not found. It might not be processed, yet.', took: 0.001 } };
      }
      // The captured acknowledgement's status (that integration kept its fields flat), processed now.
      const { requestId: _id, ...data } = fixture(`${FILE}ack_alert.json`);
      if (processing === 'refused')
        return { status: 200, body: { data: { ...data, isSuccess: false, success: false, status: 'Alert is already closed' } } };
      acknowledged = true;
      return { status: 200, body: { data: { ...data, alertId: OG_ALERT, processedAt }, took: 0.004, requestId: status[1] } };
    }
    return { status: 404, body: { message: 'Not found' } };
  }

  before(async () => {
    prompts = await answerAlertPrompts();
    cleanup.push(prompts.restore);
    opsgenie = await startLoopback((req, res) => {
      const { status, body } = answerOpsgenie(req);
      json(res, status, body);
    });
    pagerduty = await startLoopback((req, res) => {
      const url = new URL(req.url, 'http://pagerduty.invalid');
      if (req.method === 'GET' && url.pathname === '/incidents') return json(res, 200, fixture('warroom__pagerduty__incidents.json'));
      if (req.method === 'GET' && url.pathname.endsWith('/log_entries')) return json(res, 200, { log_entries: [], more: false });
      if (req.method === 'PUT' && url.pathname === `/incidents/${PD_INCIDENT}`) {
        return json(res, 200, { incident: { id: PD_INCIDENT, type: 'incident', status: JSON.parse(req.body).incident.status } });
      }
      return json(res, 404, { error: { message: 'Not Found', code: 2100 } });
    });
    const settings = vscode.workspace.getConfiguration('warroom.alerts');
    await settings.update('opsgenie.baseUrl', opsgenie.url, vscode.ConfigurationTarget.Global);
    await settings.update('pagerduty.baseUrl', pagerduty.url, vscode.ConfigurationTarget.Global);
    await settings.update('pagerduty.fromEmail', 'sam@example.com', vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('warroom.alerts.setOpsgenieKey', 'ack-test-genie-key');
    await vscode.commands.executeCommand('warroom.alerts.setPagerDutyKey', 'ack-test-pd-key');
  });

  after(async () => {
    for (const d of cleanup) d.dispose();
    const settings = vscode.workspace.getConfiguration('warroom.alerts');
    await vscode.commands.executeCommand('warroom.alerts.forgetOpsgenieKey');
    await vscode.commands.executeCommand('warroom.alerts.forgetPagerDutyKey');
    await settings.update('opsgenie.baseUrl', undefined, vscode.ConfigurationTarget.Global);
    await settings.update('pagerduty.baseUrl', undefined, vscode.ConfigurationTarget.Global);
    await settings.update('pagerduty.fromEmail', undefined, vscode.ConfigurationTarget.Global);
    await Promise.all([opsgenie?.close(), pagerduty?.close()]);
  });

  async function row(source: string, alertId: string, state: string) {
    const alerts = await featureUnderTest('alerts');
    return waitFor(
      `the ${source} alert ${state} in Incoming`,
      async () => {
        await alerts.view.sync(source as 'opsgenie');
        const rows = await renderTree({ tree: alerts.view });
        return rows.find((r) => r.node.id === `alert:${source}:${alertId}` && r.contextValue?.endsWith(`;${state}`));
      },
      LIMIT_MS,
    );
  }

  const posts = (server: LoopbackServer, pattern: RegExp) => server.received.filter((r) => r.method !== 'GET' && pattern.test(r.url));

  it('acknowledges an Opsgenie alert from its Incoming row, after a confirmation, once Opsgenie says it has; the row turns acknowledged', async () => {
    const api = await warRoom();
    const firing = await row('opsgenie', OG_ALERT, 'firing');
    assert.equal(firing.contextValue, 'alert;opsgenie;firing');
    // Declined: nothing goes to Opsgenie.
    prompts.choice = undefined;
    await vscode.commands.executeCommand('warroom.alerts.acknowledge', firing.node);
    assert.equal(posts(opsgenie, /acknowledge/).length, 0);
    assert.equal(prompts.shown.at(-1)?.message, 'Acknowledge the Opsgenie alert "1234"?');
    const user = await api.model.userName(vscode.workspace.workspaceFolders![0]);
    assert.equal(prompts.shown.at(-1)?.detail, `Opsgenie alert ${OG_ALERT}: 1234\nAs: ${user}`);

    prompts.choice = 'Acknowledge';
    await vscode.commands.executeCommand('warroom.alerts.acknowledge', firing.node);
    const sent = posts(opsgenie, /acknowledge/);
    assert.equal(sent.length, 1);
    assert.equal(sent[0].url, `/v2/alerts/${OG_ALERT}/acknowledge?identifierType=id`);
    assert.deepEqual(JSON.parse(sent[0].body), { user, source: 'War Room' });
    assert.equal(looked.get('3b078fd5-37d1-472e-823b-9f95b17aba8f'), 2, 'asked until Opsgenie had processed it');
    await row('opsgenie', OG_ALERT, 'acknowledged');
  });

  it('records the acknowledgement on the incident declared from the alert and sets its acknowledged milestone', async () => {
    const api = await warRoom();
    const incidentId = await vscode.commands.executeCommand<string>('warroom.alerts.declareFromAlert', {
      source: 'opsgenie',
      alertId: OG_ALERT,
    });
    assert.ok(incidentId);
    const events = () => api.model.find(incidentId)?.incident.events ?? [];
    assert.equal(milestonesOf({ events: events() }).values.acknowledged, undefined);
    looked.clear();
    prompts.choice = 'Acknowledge';
    // From the incident (the palette with it active): its linked Opsgenie alert.
    await vscode.commands.executeCommand('warroom.alerts.acknowledge', { incidentId });
    assert.match(prompts.shown.at(-1)?.detail ?? '', new RegExp(`\\nRecorded on ${incidentId}$`));
    const sends = foldIncidentAlerts(events()).sends;
    assert.deepEqual(
      sends.map((s: AlertSentEvent) => [s.channel, s.action, s.outcome, s.externalId]),
      [['opsgenie', 'acknowledge', 'sent', '3b078fd5-37d1-472e-823b-9f95b17aba8f']],
    );
    const ack = milestonesOf({ events: events() }).values.acknowledged;
    assert.equal(ack?.at, processedAt, 'when Opsgenie did it');
    assert.equal(ack?.source, 'opsgenie');

    // Closing it, refused by Opsgenie: recorded as failed with Opsgenie's words, and an error, never "done".
    processing = 'refused';
    prompts.choice = 'Close';
    // The command shows the error (VS Code's message); the timeline keeps it.
    await vscode.commands.executeCommand('warroom.alerts.resolve', { incidentId });
    assert.equal(prompts.shown.at(-1)?.message, 'Close the Opsgenie alert "1234"?');
    const failed = foldIncidentAlerts(events()).sends.at(-1);
    assert.deepEqual(
      [failed?.action, failed?.outcome, failed?.reason],
      ['close', 'failed', 'Opsgenie did not close the alert: Alert is already closed'],
    );

    // Not processed within the waits: accepted, recorded as sent (Opsgenie took it), and said to be pending.
    processing = 'never';
    await vscode.commands.executeCommand('warroom.alerts.resolve', { incidentId });
    const last = foldIncidentAlerts(events()).sends.at(-1);
    assert.deepEqual([last?.action, last?.outcome], ['close', 'sent']);
    processing = 'done';
    // Once Opsgenie no longer lists the alert as open, Resolve Incident has no page to offer.
    const { features } = await warRoom();
    assert.deepEqual(features.alerts?.openPages(incidentId), [
      { source: 'opsgenie', alertId: OG_ALERT, title: '1234', what: 'Opsgenie alert' },
    ]);
    closed = true;
    const alerts = await featureUnderTest('alerts');
    await waitFor(
      'the closed alert gone from Incoming',
      async () => {
        await alerts.view.sync('opsgenie');
        return alerts.view.find({ source: 'opsgenie', alertId: OG_ALERT }) ? undefined : true;
      },
      LIMIT_MS,
    );
    assert.deepEqual(features.alerts?.openPages(incidentId), []);
    closed = false;
    // The key never reaches the timeline or the prompts.
    assert.ok(!JSON.stringify(events()).includes('ack-test-genie-key'));
    assert.ok(!JSON.stringify(prompts.shown).includes('ack-test-genie-key'));
  });

  it('resolves a PagerDuty incident from its row as the configured PagerDuty user; the older PagerDuty command still acknowledges', async () => {
    // The captured incident is acknowledged already: its row offers Resolve, not Acknowledge (package.json's when-clauses).
    const acked = await row('pagerduty', PD_INCIDENT, 'acknowledged');
    assert.equal(acked.contextValue, 'alert;pagerduty;acknowledged');
    prompts.choice = 'Resolve';
    await vscode.commands.executeCommand('warroom.alerts.resolve', acked.node);
    assert.equal(prompts.shown.at(-1)?.message, 'Resolve the PagerDuty incident "Critical: Checkout API High Latency"?');
    assert.equal(
      prompts.shown.at(-1)?.detail,
      `PagerDuty incident ${PD_INCIDENT}: Critical: Checkout API High Latency\nAs: sam@example.com`,
    );
    prompts.choice = 'Acknowledge';
    await vscode.commands.executeCommand('warroom.alerts.acknowledgePagerDuty', { source: 'pagerduty', alertId: PD_INCIDENT });
    const puts = posts(pagerduty, new RegExp(`^/incidents/${PD_INCIDENT}$`));
    assert.deepEqual(
      puts.map((r) => [r.method, JSON.parse(r.body).incident.status, r.headers.from]),
      [
        ['PUT', 'resolved', 'sam@example.com'],
        ['PUT', 'acknowledged', 'sam@example.com'],
      ],
    );
    // The older command is PagerDuty's only: an Opsgenie alert given to it is refused, nothing sent.
    const before = opsgenie.received.length;
    await vscode.commands.executeCommand('warroom.alerts.acknowledgePagerDuty', { source: 'opsgenie', alertId: OG_ALERT });
    assert.equal(opsgenie.received.slice(before).filter((r) => r.method === 'POST').length, 0);
  });
});
