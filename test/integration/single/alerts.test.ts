// Alerts in, updates out, in a real VS Code: the real Alertmanager on loopback (seeded through its
// API) configured by its URL setting, its alerts in the Incoming view, Declare from Alert (the
// incident carries the fingerprint; declaring again links, no twin), a silence created and expired
// in Alertmanager, an update sent to a loopback Slack (and a 500 recorded as failed, never sent),
// PagerDuty refusing a key, and then no canary secret in the log folder or the events files.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { AlertSentEvent, foldIncidentAlerts } from '../../../src/core/alerts/alertEvents';
import { IncidentEvent } from '../../../src/core/events';
import { describeEvent } from '../../../src/core/timeline';
import { LINK_BUTTON, SILENCE_BUTTON, EXPIRE_BUTTON } from '../../../src/vscode/alerts/commands';
import type { AlertPrompts } from '../../../src/vscode/alerts/prompts';
import { alertmanagerInstalled, RunningAlertmanager, seedAlerts, startAlertmanager } from '../../harness/alertmanager';
import { LoopbackServer, startLoopback } from '../../support/loopbackServer';
import { featureUnderTest, filesUnder, RenderedRow, renderTree, waitFor, waitForLogLine, warRoom } from '../support/api';

/** Generous: this machine's extension host can stall for seconds under load. */
const LIMIT_MS = 60_000;

const RUNBOOK = 'runbooks/checkout-latency.md';

const CANARY = { slackPath: '/services/CANARY-T9/B9/slack-7e1d', pagerduty: 'CANARY-pd-int-5c2a' };

function folder(): vscode.WorkspaceFolder {
  const first = vscode.workspace.workspaceFolders?.[0];
  assert.ok(first, 'the test workspace has a folder');
  return first;
}

function get(url: string): Promise<unknown> {
  return new Promise((resolve, reject) => {
    http
      .get(url, (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (text += c));
        res.on('end', () => resolve(JSON.parse(text)));
      })
      .on('error', reject);
  });
}

/** The incident's events as the model holds them now. */
let modelEvents: (id: string) => readonly IncidentEvent[] = () => [];

function sends(incidentId: string, action: string): AlertSentEvent[] {
  return foldIncidentAlerts(modelEvents(incidentId)).sends.filter((s) => s.action === action);
}

describe('alerts in, updates out, in a real VS Code', function () {
  this.timeout(4 * LIMIT_MS);
  let am: RunningAlertmanager;
  let slack: LoopbackServer;
  let pagerduty: LoopbackServer;
  const shown: { message: string; detail: string }[] = [];
  let answer = LINK_BUTTON;
  const prompts: AlertPrompts = {
    choose: async (message, detail, buttons) => {
      shown.push({ message, detail });
      return buttons.includes(answer) ? answer : undefined;
    },
  };
  const cleanup: vscode.Disposable[] = [];
  let incidentId = '';

  before(async function () {
    if (!alertmanagerInstalled()) this.skip();
    const api = await warRoom();
    modelEvents = (id) => api.model.find(id)?.incident.events ?? [];
    am = await startAlertmanager();
    // ErrorBudgetBurn's annotation names the README: a file in the workspace, but no runbook.
    await am.seed(
      seedAlerts(4).map((a) =>
        (a.labels as Record<string, string>).alertname === 'ErrorBudgetBurn'
          ? { ...a, annotations: { ...(a.annotations as Record<string, string>), runbook_url: 'README.md' } }
          : a,
      ),
    );
    slack = await startLoopback((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/plain' });
      res.end('ok');
    });
    pagerduty = await startLoopback((_req, res) => {
      res.writeHead(401, { 'Content-Type': 'application/json' });
      res.end('{"error":{"message":"Invalid Credentials","code":2006}}');
    });
    const alerts = await featureUnderTest('alerts');
    cleanup.push(alerts.usePrompts(prompts));
    // The runbook the seeded alerts' `runbook_url` annotation names, in the workspace (left uncommitted, removed after).
    fs.mkdirSync(path.join(folder().uri.fsPath, 'runbooks'), { recursive: true });
    fs.writeFileSync(
      path.join(folder().uri.fsPath, RUNBOOK),
      '# Checkout latency\n\nservice: checkout\n\n1. Open the latency dashboard.\n2. Roll back the last deploy.\n',
    );
  });

  after(async () => {
    for (const d of cleanup) d.dispose();
    const settings = vscode.workspace.getConfiguration('warroom.alerts');
    await settings.update('alertmanager.url', undefined, vscode.ConfigurationTarget.Workspace);
    await settings.update('pagerduty.baseUrl', undefined, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('warroom.alerts.forgetPagerDutyKey');
    await vscode.commands.executeCommand('warroom.alerts.forgetSlackWebhook');
    await Promise.all([am?.stop(), slack?.close(), pagerduty?.close()]);
    fs.rmSync(path.join(folder().uri.fsPath, RUNBOOK), { force: true });
  });

  it('shows the Alertmanager alerts in the Incoming view once its URL is set, grouped by name and service', async () => {
    const alerts = await featureUnderTest('alerts');
    await vscode.workspace.getConfiguration('warroom.alerts').update('alertmanager.url', am.url, vscode.ConfigurationTarget.Workspace);
    const rows = await waitFor(
      'four alerts in the Incoming view',
      async () => {
        const r = await renderTree({ tree: alerts.view });
        return r.filter((row) => row.contextValue?.startsWith('alert;alertmanager')).length === 4 ? r : undefined;
      },
      LIMIT_MS,
    );
    assert.equal(rows[0].label, 'Alertmanager');
    assert.match(rows[0].description ?? '', /^4 alerts, synced \d\d:\d\d UTC$/);
    const groups = rows.filter((r) => r.contextValue === 'alertGroup;alertmanager').map((r) => `${r.label} ${r.description}`);
    assert.deepEqual(groups.sort(), [
      'ErrorBudgetBurn checkout · 1',
      'ErrorBudgetBurn payments · 1',
      'HighLatency checkout · 1',
      'HighLatency payments · 1',
    ]);
    const alertRow = rows.find((r) => r.contextValue?.startsWith('alert;'));
    assert.match(alertRow?.description ?? '', /^(warning|critical) · \d+m/);
    // A runbook annotation shows on the row only when it names one of the workspace's runbooks.
    const byName = (r: readonly RenderedRow[], name: string) => {
      let group = '';
      return r.filter((row) => {
        if (row.contextValue === 'alertGroup;alertmanager') group = row.label;
        return row.contextValue?.startsWith('alert;alertmanager') && group === name;
      });
    };
    const described = await waitFor(
      'the HighLatency rows to name their runbook',
      async () => {
        const r = await renderTree({ tree: alerts.view });
        const latency = byName(r, 'HighLatency');
        return latency.length === 2 && latency.every((row) => row.description?.includes(`runbook ${RUNBOOK}`)) ? r : undefined;
      },
      LIMIT_MS,
    );
    const budget = byName(described, 'ErrorBudgetBurn');
    assert.equal(budget.length, 2, described.map((row) => row.label).join(' | '));
    for (const row of budget) assert.doesNotMatch(row.description ?? '', /runbook/, 'README.md exists but is not a runbook');
  });

  it('declares from an alert: the incident carries the fingerprint; declaring again links, no twin', async () => {
    const api = await warRoom();
    const alerts = await featureUnderTest('alerts');
    const alert = alerts.view.alerts().find((a) => a.labels.alertname === 'HighLatency' && a.service === 'checkout');
    assert.ok(alert);
    const before = api.model.all().length;
    incidentId =
      (await vscode.commands.executeCommand<string>('warroom.alerts.declareFromAlert', { source: 'alertmanager', alertId: alert.id })) ??
      '';
    assert.ok(incidentId, 'an incident was declared');
    const incident = api.model.find(incidentId)?.incident;
    assert.ok(incident);
    assert.equal(incident.startedAt, alert.startsAt);
    assert.equal(incident.detectedAt, alert.startsAt);
    assert.equal(incident.service, 'checkout');
    const { linked } = foldIncidentAlerts(incident.events);
    assert.deepEqual(
      linked.map((l) => [l.source, l.dedupKey]),
      [['alertmanager', alert.id]],
    );
    assert.equal(api.model.all().length, before + 1);
    // Its runbook_url annotation names a runbook in the workspace: linked, with that reason.
    const runbookLink = await waitFor(
      'the runbook link',
      () =>
        modelEvents(incidentId).find((e) => e.type === 'runbook_linked') as
          (IncidentEvent & { file?: string; reason?: string }) | undefined,
      LIMIT_MS,
    );
    assert.equal(runbookLink.file, RUNBOOK);
    assert.equal(runbookLink.reason, `alert HighLatency's annotations.runbook_url points to this runbook (${RUNBOOK})`);
    const alertRow = await waitFor(
      'the alert row to show its runbook',
      async () =>
        (await renderTree({ tree: alerts.view })).find(
          (r) => r.contextValue?.startsWith('alert;alertmanager') && r.description?.includes(`runbook ${RUNBOOK}`),
        ),
      LIMIT_MS,
    );
    assert.ok(alertRow);

    answer = LINK_BUTTON;
    const again = await vscode.commands.executeCommand<string>('warroom.alerts.declareFromAlert', {
      source: 'alertmanager',
      alertId: alert.id,
    });
    assert.equal(again, incidentId);
    assert.equal(api.model.all().length, before + 1, 'no twin was declared');
    assert.match(shown.at(-1)?.message ?? '', new RegExp(`matches ${incidentId}`));
    assert.equal(modelEvents(incidentId).filter((e) => e.type === 'alert_linked').length, 1);
    assert.equal(modelEvents(incidentId).filter((e) => e.type === 'runbook_linked').length, 1, 'the runbook is not linked twice');
    const row = await waitFor(
      'the alert row to name its incident',
      async () => (await renderTree({ tree: alerts.view })).find((r) => r.description?.includes(`→ ${incidentId}`)),
      LIMIT_MS,
    );
    assert.match(row.contextValue ?? '', /^alert;alertmanager;linked/);
  });

  it('silences the alert in Alertmanager after showing its matchers, records it, and expires it again', async () => {
    const alerts = await featureUnderTest('alerts');
    const alert = alerts.view
      .alerts()
      .find((a) => a.labels.alertname === 'HighLatency' && a.id === foldIncidentAlerts(modelEvents(incidentId)).linked[0].sourceId);
    assert.ok(alert);
    answer = SILENCE_BUTTON;
    const silenceId = await vscode.commands.executeCommand<string>('warroom.alerts.silence', {
      source: 'alertmanager',
      alertId: alert.id,
      minutes: 30,
      comment: 'rolling back the deploy',
    });
    assert.ok(silenceId, 'a silence was created');
    assert.match(shown.at(-1)?.detail ?? '', /alertname="HighLatency"/);
    assert.match(shown.at(-1)?.detail ?? '', /For: 30 minutes\nComment: rolling back the deploy/);
    const silence = (await get(`${am.url}/api/v2/silence/${silenceId}`)) as { status: { state: string }; comment: string };
    assert.equal(silence.status.state, 'active');
    assert.equal(silence.comment, 'rolling back the deploy');
    assert.deepEqual(
      sends(incidentId, 'silence').map((s) => [s.outcome, s.externalId]),
      [['sent', silenceId]],
    );

    answer = EXPIRE_BUTTON;
    await vscode.commands.executeCommand('warroom.alerts.expireSilence', { silenceId });
    const expired = (await get(`${am.url}/api/v2/silence/${silenceId}`)) as { status: { state: string } };
    assert.equal(expired.status.state, 'expired');
    assert.deepEqual(
      sends(incidentId, 'expire_silence').map((s) => s.outcome),
      ['sent'],
    );
  });

  it('sends an update to Slack from the Updates panel after one confirmation; a 500 is recorded as failed, never sent', async () => {
    const alerts = await featureUnderTest('alerts');
    const panels = await featureUnderTest('panels');
    await vscode.commands.executeCommand('warroom.alerts.setSlackWebhook', slack.url + CANARY.slackPath);
    await waitFor('the Slack sender', () => alerts.senderIds().includes('slack'), LIMIT_MS);
    const previews: string[] = [];
    let accept = true;
    cleanup.push(
      alerts.useSendConfirm(async (p) => {
        previews.push(...p.map((x) => `${x.where}\n${x.body}`));
        return accept;
      }),
    );
    const handle = await panels.open('updates', incidentId);
    const text = 'Rolled back; checkout latency is recovering';
    await handle.receive({ type: 'send', requestId: 'send-1', audience: 'engineering', text, senderIds: ['slack'] });
    await waitFor('the sent event', () => sends(incidentId, 'status_update').length === 1, LIMIT_MS);
    assert.equal(slack.received.length, 1);
    assert.equal(slack.received[0].url, CANARY.slackPath);
    assert.match(JSON.parse(slack.received[0].body).text, new RegExp(text));
    assert.equal(previews.length, 1);
    assert.match(previews[0], /^Slack \(incoming webhook\)\n/);
    assert.ok(previews[0].includes(text));
    assert.equal(sends(incidentId, 'status_update')[0].outcome, 'sent');
    const comms = () => modelEvents(incidentId).filter((e) => e.type === 'entry' && (e as unknown as { kind: string }).kind === 'comms');
    assert.equal(comms().length, 1);

    // Declined in the one confirmation: nothing goes out and nothing is recorded.
    accept = false;
    const declined = await handle.receive({
      type: 'send',
      requestId: 'send-0',
      audience: 'engineering',
      text: 'Not this one',
      senderIds: ['slack'],
    });
    assert.deepEqual(declined, { accepted: true });
    accept = true;
    assert.equal(slack.received.length, 1);
    assert.equal(sends(incidentId, 'status_update').length, 1);

    slack.handle((_req, res) => {
      res.writeHead(500, { 'Content-Type': 'text/plain' });
      res.end('internal error');
    });
    await handle.receive({ type: 'send', requestId: 'send-2', audience: 'engineering', text: 'Second update', senderIds: ['slack'] });
    await waitFor('the failed event', () => sends(incidentId, 'status_update').length === 2, LIMIT_MS);
    const failed = sends(incidentId, 'status_update')[1];
    assert.equal(failed.outcome, 'failed');
    assert.match(failed.reason ?? '', /500/);
    assert.equal(comms().length, 1, 'a failed send is not recorded as an update sent');
    const event = modelEvents(incidentId).find((e) => e.id === failed.id);
    assert.ok(event);
    const line = describeEvent(event);
    assert.notEqual(line.kind, 'comms');
    assert.match(line.text, /FAILED/);
  });

  it('pauses polling once the window has been unfocused for the setting minutes, and resumes with a sync on focus', async () => {
    const alerts = await featureUnderTest('alerts');
    const settings = vscode.workspace.getConfiguration('warroom.alerts');
    await settings.update('pauseWhenUnfocusedMinutes', 0, vscode.ConfigurationTarget.Global);
    await settings.update('alertmanager.pollSeconds', 15, vscode.ConfigurationTarget.Workspace);
    try {
      await alerts.view.syncAll(); // re-arms each source's timer with the 15 s interval
      alerts.view.focusChanged(false);
      await waitFor('polling to pause', () => alerts.view.isPaused, LIMIT_MS);
      let synced = 0;
      const counting = alerts.view.onDidSync(() => synced++);
      try {
        alerts.view.focusChanged(true);
        assert.equal(alerts.view.isPaused, false);
        await waitFor('the sync on focus', () => synced > 0, LIMIT_MS);
      } finally {
        counting.dispose();
      }
    } finally {
      alerts.view.focusChanged(true);
      await settings.update('pauseWhenUnfocusedMinutes', undefined, vscode.ConfigurationTarget.Global);
      await settings.update('alertmanager.pollSeconds', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });

  it('says in the Incoming view that PagerDuty rejected the key, and no canary secret is in the logs or events', async () => {
    const api = await warRoom();
    const alerts = await featureUnderTest('alerts');
    await vscode.workspace.getConfiguration('warroom.alerts').update('pagerduty.baseUrl', pagerduty.url, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('warroom.alerts.setPagerDutyKey', CANARY.pagerduty);
    const row = await waitFor(
      'the PagerDuty error',
      async () =>
        (await renderTree({ tree: alerts.view })).find(
          (r) => r.contextValue?.startsWith('alertSource;pagerduty') && r.description?.includes('401'),
        ),
      LIMIT_MS,
    );
    assert.match(row.description ?? '', /last error: PagerDuty rejected the API key \(401\)/);
    assert.equal(pagerduty.received[0].headers.authorization, `Token token=${CANARY.pagerduty}`, 'the key was used');

    // The log is written asynchronously: wait for our own line before searching it.
    const logDir = path.dirname(alerts.logFolder.fsPath);
    await waitFor(
      'the War Room log to be written',
      () => filesUnder(logDir).some((f) => fs.readFileSync(f, 'utf8').includes('PagerDuty API key stored in secret storage')),
      LIMIT_MS,
    );
    const dataDir = api.model.folderState(folder())?.dataDir;
    assert.ok(dataDir);
    const searched = [...filesUnder(logDir), ...filesUnder(dataDir)];
    assert.ok(searched.some((f) => f.endsWith('events.jsonl')));
    for (const file of searched) {
      const content = fs.readFileSync(file, 'utf8');
      for (const canary of [CANARY.pagerduty, 'CANARY-T9', 'slack-7e1d']) {
        assert.ok(!content.includes(canary), `${canary} found in ${file}`);
      }
    }
  });

  it("warns when this machine's clock is off from PagerDuty's, and says when it agrees again", async () => {
    const api = await warRoom();
    // PagerDuty's clock seven and a half minutes ahead: this machine's is that slow. Its refusal still tells the time.
    pagerduty.handle((_req, res) => {
      res.writeHead(401, { 'Content-Type': 'application/json', Date: new Date(Date.now() + 450_000).toUTCString() });
      res.end('{"error":{"message":"Invalid Credentials","code":2006}}');
    });
    await vscode.commands.executeCommand('warroom.alerts.refresh');
    const reading = await waitFor(
      'a skewed reading',
      () =>
        api.test
          .clock()
          ?.readings()
          .find((r) => r.source === 'PagerDuty'),
      LIMIT_MS,
    );
    assert.ok(reading.offsetMs > 440_000 && reading.offsetMs < 460_000, JSON.stringify(reading));
    await waitForLogLine("clock: This machine's clock is 7m behind PagerDuty's.", LIMIT_MS);
    assert.equal(api.test.clock()?.label(), 'Clock 7m slow');
    // PagerDuty's row in the Incoming view says its clock is off (its alerts' ages are off by as much).
    const alerts = await featureUnderTest('alerts');
    const pagerDutyRow = async () =>
      (await renderTree({ tree: alerts.view })).find((r) => r.contextValue?.startsWith('alertSource;pagerduty'));
    await waitFor('the clock on the row', async () => / · clock 7m off$/.test((await pagerDutyRow())?.description ?? ''), LIMIT_MS);

    // Right again (the machine synced its clock): the warning's reading goes, and the log says so.
    pagerduty.handle((_req, res) => {
      res.writeHead(401, { 'Content-Type': 'application/json' });
      res.end('{"error":{"message":"Invalid Credentials","code":2006}}');
    });
    await vscode.commands.executeCommand('warroom.alerts.refresh');
    await waitFor('no skewed reading', () => api.test.clock()?.readings().length === 0, LIMIT_MS);
    await waitForLogLine("clock: this machine's clock agrees with PagerDuty's again", LIMIT_MS);
    await waitFor('no clock on the row', async () => !/clock/.test((await pagerDutyRow())?.description ?? 'clock'), LIMIT_MS);
  });

  it("blames the team's own server, not this machine, when a hosted service agrees with this machine", async () => {
    const clock = (await warRoom()).test.clock();
    assert.ok(clock, 'made by the readings before');
    // PagerDuty's last answer (the test before) agreed with this machine; an Alertmanager ten minutes ahead.
    clock.observe({ source: 'Alertmanager', offsetMs: 600_000, uncertaintyMs: 500 });
    assert.equal(clock.label(), 'Alertmanager clock 10m fast');
    // Slack's answers in the tests before agreed too.
    const line = await waitForLogLine("clock: Alertmanager's clock is 10m ahead of this machine's, which agrees with ", LIMIT_MS);
    assert.match(line, /PagerDuty's/);
    assert.match(line, /Times from Alertmanager will read 10m late here: its server needs network time/);
    clock.observe({ source: 'Alertmanager', offsetMs: 1_000, uncertaintyMs: 500 });
    assert.equal(clock.label(), undefined);
    assert.deepEqual(clock.readings(), []);
  });
});
