// Statuspage from the Updates panel in a real VS Code, against a loopback Statuspage answering
// its components API with test/fixtures/payloads/warroom__statuspage__components.json: the
// components are chosen when sending, shown in the one confirmation, and named in the incident.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { foldIncidentAlerts } from '../../../src/core/alerts/alertEvents';
import { repoRoot } from '../../harness/paths';
import { json, LoopbackServer, startLoopback } from '../../support/loopbackServer';
import { featureUnderTest, waitFor, warRoom } from '../support/api';

const LIMIT_MS = 60_000;
const KEY = 'CANARY-sp-components-4d1e';
const COMPONENTS = JSON.parse(
  fs.readFileSync(path.join(repoRoot, 'test', 'fixtures', 'payloads', 'warroom__statuspage__components.json'), 'utf8'),
);

describe('alerts in, updates out: Statuspage components chosen when sending, in a real VS Code', function () {
  this.timeout(4 * LIMIT_MS);
  let statuspage: LoopbackServer;
  const cleanup: vscode.Disposable[] = [];

  before(async () => {
    statuspage = await startLoopback((req, res) => {
      if (req.method === 'GET' && req.url === '/v1/pages/page-t1/components') json(res, 200, COMPONENTS);
      else if (req.method === 'POST' && req.url === '/v1/pages/page-t1/incidents') json(res, 201, { id: 'sp-incident-1' });
      else json(res, 404, { error: 'not found' });
    });
    const settings = vscode.workspace.getConfiguration('warroom.alerts');
    await settings.update('statuspage.baseUrl', statuspage.url, vscode.ConfigurationTarget.Global);
    await settings.update('statuspage.pageId', 'page-t1', vscode.ConfigurationTarget.Workspace);
    await vscode.commands.executeCommand('warroom.alerts.setStatuspageKey', KEY);
  });

  after(async () => {
    for (const d of cleanup) d.dispose();
    const settings = vscode.workspace.getConfiguration('warroom.alerts');
    await vscode.commands.executeCommand('warroom.alerts.forgetStatuspageKey');
    await settings.update('statuspage.baseUrl', undefined, vscode.ConfigurationTarget.Global);
    await settings.update('statuspage.pageId', undefined, vscode.ConfigurationTarget.Workspace);
    await statuspage?.close();
  });

  it("asks which of the page's components are affected, previews the change, and names them in the incident created", async () => {
    const api = await warRoom();
    const alerts = await featureUnderTest('alerts');
    const panels = await featureUnderTest('panels');
    await waitFor('the Statuspage sender', () => alerts.senderIds().includes('statuspage'), LIMIT_MS);
    const incidentId = await vscode.commands.executeCommand<string>('warroom.declareIncident', {
      title: 'Checkout is slow for some customers',
      severity: 'SEV2',
      service: 'checkout',
      startedAt: '5m ago',
    });
    assert.ok(incidentId);
    const offered: string[][] = [];
    cleanup.push(
      alerts.useComponentChooser(async (components) => {
        offered.push(components.map((c) => c.name));
        return { ids: [components[0].id], impact: 'partial_outage' };
      }),
    );
    const previews: string[] = [];
    cleanup.push(
      alerts.useSendConfirm(async (p) => {
        previews.push(...p.map((x) => `${x.where}\n${x.body}`));
        return true;
      }),
    );
    const handle = await panels.open('updates', incidentId);
    const text = 'Some customers see slow checkout; we are investigating.';
    await handle.receive({ type: 'send', requestId: 'sp-1', audience: 'customers', text, senderIds: ['statuspage'] });
    const events = () => api.model.find(incidentId)?.incident.events ?? [];
    await waitFor('the sent event', () => foldIncidentAlerts(events()).sends.find((s) => s.channel === 'statuspage'), LIMIT_MS);

    assert.deepEqual(offered, [['Checkout API', 'Payments']], "the page's components, groups left out");
    assert.equal(previews.length, 1);
    assert.match(previews[0], /^Statuspage page page-t1 \(create incident\)\n/);
    assert.ok(previews[0].includes('Checkout API: Operational → Partial outage'), previews[0]);
    const posted = statuspage.received.filter((r) => r.method === 'POST');
    assert.equal(posted.length, 1);
    const body = JSON.parse(posted[0].body);
    assert.deepEqual(body.incident.components, { '8kbf7d35c070': 'partial_outage' });
    assert.deepEqual(body.incident.component_ids, ['8kbf7d35c070']);
    assert.equal(body.incident.body, text);
    const sent = foldIncidentAlerts(events()).sends.filter((s) => s.channel === 'statuspage');
    assert.deepEqual(
      sent.map((s) => [s.action, s.outcome, s.externalId]),
      [['incident_created', 'sent', 'sp-incident-1']],
    );
  });
});
