// PagerDuty in a real VS Code, against a loopback PagerDuty answering with the payloads in
// test/fixtures/payloads: an incident declared from a PagerDuty incident shows PagerDuty's related
// change events beside the Suspect deploys, and a timeline row is shared as a note to the linked
// PagerDuty incident from the timeline panel's row action, behind the one confirmation.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { foldIncidentAlerts } from '../../../src/core/alerts/alertEvents';
import { buildTimelineState } from '../../../src/protocol/timeline';
import { SEND_NOTE_BUTTON } from '../../../src/vscode/alerts/commands';
import { repoRoot } from '../../harness/paths';
import { LoopbackServer, Received, startLoopback } from '../../support/loopbackServer';
import { AlertPromptAnswers, answerAlertPrompts } from '../support/alertPrompts';
import { featureUnderTest, renderTree, waitFor, warRoom } from '../support/api';

const LIMIT_MS = 60_000;
const PD_INCIDENT = 'Q3B15VLMF3ASBD';
const KEY = 'CANARY-pd-changes-91b3';

const fixture = (name: string): string => fs.readFileSync(path.join(repoRoot, 'test', 'fixtures', 'payloads', name), 'utf8');

/** What the loopback PagerDuty answers: the fixtures by path; a note is accepted. */
function answer(req: Received): { status: number; body: string } {
  const url = new URL(req.url, 'http://pagerduty.invalid');
  if (req.method === 'GET' && url.pathname === '/incidents') return { status: 200, body: fixture('warroom__pagerduty__incidents.json') };
  if (req.method === 'GET' && (url.pathname === '/log_entries' || url.pathname.endsWith('/log_entries'))) {
    return { status: 200, body: fixture('warroom__pagerduty__log_entries.json') };
  }
  if (req.method === 'GET' && url.pathname === `/incidents/${PD_INCIDENT}/related_change_events`) {
    return { status: 200, body: fixture('warroom__pagerduty__related_change_events.json') };
  }
  if (req.method === 'POST' && url.pathname === `/incidents/${PD_INCIDENT}/notes`) {
    return { status: 201, body: JSON.stringify({ note: { id: 'PWL7QXS', content: JSON.parse(req.body).note.content } }) };
  }
  return { status: 404, body: '{"error":{"message":"Not Found","code":2100}}' };
}

describe('alerts in, updates out: PagerDuty beside the war room, in a real VS Code', function () {
  this.timeout(4 * LIMIT_MS);
  let pagerduty: LoopbackServer;
  let incidentId = '';
  let prompts: AlertPromptAnswers;
  const cleanup: vscode.Disposable[] = [];

  before(async () => {
    prompts = await answerAlertPrompts(SEND_NOTE_BUTTON);
    cleanup.push(prompts.restore);
    pagerduty = await startLoopback((req, res) => {
      const { status, body } = answer(req);
      res.writeHead(status, { 'Content-Type': 'application/json' });
      res.end(body);
    });
    const settings = vscode.workspace.getConfiguration('warroom.alerts');
    await settings.update('pagerduty.baseUrl', pagerduty.url, vscode.ConfigurationTarget.Global);
    await settings.update('pagerduty.fromEmail', 'sam@example.com', vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('warroom.alerts.setPagerDutyKey', KEY);
  });

  after(async () => {
    for (const d of cleanup) d.dispose();
    const settings = vscode.workspace.getConfiguration('warroom.alerts');
    await vscode.commands.executeCommand('warroom.alerts.forgetPagerDutyKey');
    await settings.update('pagerduty.baseUrl', undefined, vscode.ConfigurationTarget.Global);
    await settings.update('pagerduty.fromEmail', undefined, vscode.ConfigurationTarget.Global);
    await pagerduty?.close();
  });

  it("shows PagerDuty's related change events beside the suspect deploys, labelled as PagerDuty's", async () => {
    const api = await warRoom();
    const alerts = await featureUnderTest('alerts');
    await waitFor('the PagerDuty incident in Incoming', () => alerts.view.find({ source: 'pagerduty', alertId: PD_INCIDENT }), LIMIT_MS);
    incidentId =
      (await vscode.commands.executeCommand<string>('warroom.alerts.declareFromAlert', { source: 'pagerduty', alertId: PD_INCIDENT })) ??
      '';
    assert.ok(incidentId, 'declared from the PagerDuty incident');
    const rows = await waitFor(
      'the PagerDuty change event row',
      async () => {
        const all = await renderTree(api);
        return all.some((r) => r.label === 'Deployed checkout v2.14.0') ? all : undefined;
      },
      LIMIT_MS,
    );
    const section = rows.findIndex((r) => r.label === 'PagerDuty change events' && r.contextValue?.startsWith('section;pagerdutyChanges'));
    assert.ok(section >= 0, 'the section is there');
    const change = rows.find((r) => r.label === 'Deployed checkout v2.14.0');
    assert.equal(change?.description, 'PagerDuty change event · github-actions · 12m before the start');
    assert.equal(change?.contextValue, 'pagerduty-change');
    // Beside War Room's own correlation: the section right after Suspect deploys under this incident.
    const labels = rows.map((r) => r.label);
    const suspects = labels.lastIndexOf('Suspect deploys', section);
    assert.ok(suspects >= 0 && suspects < section, 'after Suspect deploys');
    assert.ok(
      pagerduty.received.some((r) => r.url === `/incidents/${PD_INCIDENT}/related_change_events`),
      'asked PagerDuty for the related change events',
    );
  });

  it("shares a timeline row as a note to the linked PagerDuty incident from the row's action, after the one confirmation", async () => {
    const api = await warRoom();
    const panels = await featureUnderTest('panels');
    assert.ok(incidentId, 'declared by the test before');
    const incident = () => api.model.find(incidentId)?.incident;
    const current = incident();
    assert.ok(current);
    // The page offers the action: its header names where a row can be shared.
    assert.deepEqual(buildTimelineState(current, 'me').incident.noteTargets, ['PagerDuty']);
    const timeline = await panels.open('timeline', incidentId);
    await timeline.receive({ type: 'addEntry', requestId: 'n1', kind: 'note', text: 'Rolled back checkout to v2.13.2' });
    const entry = incident()?.events.at(-1);
    assert.equal(entry?.type, 'entry');
    const notes = () => pagerduty.received.filter((r) => r.method === 'POST' && r.url === `/incidents/${PD_INCIDENT}/notes`);

    // Declined in the confirmation: nothing goes out, nothing is recorded.
    prompts.choice = undefined;
    assert.deepEqual(await timeline.receive({ type: 'shareNote', requestId: 'n2', target: entry.id }), { accepted: true });
    assert.equal(notes().length, 0);
    assert.equal(foldIncidentAlerts(incident()?.events ?? []).sends.length, 0);
    assert.match(prompts.shown.at(-1)?.message ?? '', new RegExp(`Share this note to PagerDuty incident ${PD_INCIDENT}\\?`));
    assert.equal(prompts.shown.at(-1)?.detail, 'Rolled back checkout to v2.13.2');

    prompts.choice = SEND_NOTE_BUTTON;
    await timeline.receive({ type: 'shareNote', requestId: 'n3', target: entry.id });
    assert.equal(notes().length, 1);
    assert.deepEqual(JSON.parse(notes()[0].body), { note: { content: 'Rolled back checkout to v2.13.2' } });
    assert.equal(notes()[0].headers.from, 'sam@example.com');
    const sent = foldIncidentAlerts(incident()?.events ?? []).sends.filter((s) => s.action === 'note');
    assert.deepEqual(
      sent.map((s) => [s.channel, s.outcome, s.text]),
      [['pagerduty', 'sent', 'Rolled back checkout to v2.13.2']],
    );
  });
});
