// Alerts in, updates out, in the real workbench: the Incoming view fed by the real Alertmanager on
// loopback, a Slack webhook typed into the real (masked) input box, and the Updates panel offering
// Slack, in dark and light themes; each alert row names the workspace runbook its annotation points to.
// An Opsgenie whose clock is off gives one warning and a status bar item. Screenshots go to
// test-artifacts/e2e-alerts-*.png.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repoRoot } from '../harness/paths';
import { useWorkbench } from '../harness/workbench';
import { alertmanagerInstalled, RunningAlertmanager, seedAlerts, startAlertmanager } from '../harness/alertmanager';
import { LoopbackServer, startLoopback } from '../support/loopbackServer';
import { declared, panelFrame, panelPainted, writeIncident } from './fixtures';

const TITLE = 'Checkout latency above SLO';
/** A captured Opsgenie answer (test/fixtures/payloads, with its source and licence in SOURCES.txt). */
const payload = (name: string): string =>
  fs.readFileSync(
    path.join(repoRoot, 'test', 'fixtures', 'payloads', `demisto__content__Packs__OpsGenie__Integrations__OpsGenieV3__test_data__${name}`),
    'utf8',
  );
let acknowledged = false;
/** Closed: the loopback no longer lists it (War Room asks for open alerts). */
let closed = false;
const INCIDENT = 'INC-20261122-1200-alrtui';

describe('alerts in, updates out, in the real workbench', function () {
  this.bail(true);
  let am: RunningAlertmanager | undefined;
  let slack: LoopbackServer | undefined;
  let opsgenie: LoopbackServer | undefined;
  // Filled in once Alertmanager is up: useWorkbench reads the settings when its own hook runs, after this one.
  const settings: Record<string, unknown> = { 'workbench.colorTheme': 'Default Dark Modern' };
  before(async function () {
    if (!alertmanagerInstalled()) this.skip();
    am = await startAlertmanager();
    await am.seed(seedAlerts(6));
    settings['warroom.alerts.alertmanager.url'] = am.url;
    slack = await startLoopback((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/plain' });
      res.end('ok');
    });
    // An Opsgenie whose clock is five and a half minutes behind this machine's: the captured alert
    // list on its first page, its 202 to an action and the captured acknowledgement's status, with its time.
    opsgenie = await startLoopback((req, res) => {
      const url = new URL(req.url, 'http://opsgenie.invalid');
      const list = JSON.parse(payload('get_alerts.json')) as { data: Record<string, unknown>[] };
      const body =
        req.method === 'POST'
          ? (url.pathname.endsWith('/close') ? (closed = true) : (acknowledged = true), payload('request.json'))
          : url.pathname.startsWith('/v2/alerts/requests/')
            ? JSON.stringify({
                data: { ...JSON.parse(payload('ack_alert.json')), requestId: undefined, processedAt: new Date().toISOString() },
              })
            : url.searchParams.get('offset') === '0' && !closed
              ? JSON.stringify({ ...list, data: list.data.map((a) => ({ ...a, acknowledged })) })
              : '{"data":[],"paging":{}}';
      res.writeHead(req.method === 'POST' ? 202 : 200, {
        'Content-Type': 'application/json',
        Date: new Date(Date.now() - 330_000).toUTCString(),
      });
      res.end(body);
    });
    settings['warroom.alerts.opsgenie.baseUrl'] = opsgenie.url;
  });
  after(async () => {
    await Promise.all([am?.stop(), slack?.close(), opsgenie?.close()]);
  });
  const { ui } = useWorkbench({
    label: 'e2e-alerts',
    settings,
    prepare: (workspace) => {
      writeIncident(workspace.folders[0], INCIDENT, [declared('ev-declared', TITLE, 'SEV2', 30)]);
      // The runbook the seeded alerts' runbook_url annotation names: their rows show it.
      fs.mkdirSync(path.join(workspace.folders[0], 'runbooks'), { recursive: true });
      fs.writeFileSync(
        path.join(workspace.folders[0], 'runbooks', 'checkout-latency.md'),
        '# Checkout latency\n\n1. Roll back the last deploy.\n',
      );
    },
    ready: async (workbench) => {
      await workbench.openViewContainer('War Room');
      await workbench.resizeSideBar(560);
      // Off the sash just dragged, whose hover highlight would show in the screenshots.
      await workbench.page.mouse.move(1000, 700);
      const header = workbench.page.locator('.sidebar .pane-header', { hasText: 'Incoming' });
      await header.waitFor();
      if ((await header.getAttribute('aria-expanded')) === 'false') {
        await header.click();
      }
    },
  });

  it('shows the Alertmanager alerts grouped by name and service, in dark and light themes', async () => {
    await ui().treeRow('Alertmanager').waitFor({ state: 'visible' });
    await ui().waitForText(/6 alerts, synced \d\d:\d\d UTC/, '.sidebar');
    await ui().treeRow('HighLatency').first().waitFor({ state: 'visible' });
    await ui().waitForText(/runbook runbooks\/checkout-latency\.md/, '.sidebar');
    await ui().screenshot('1-incoming-dark');
    await ui().setColorTheme('Light Modern');
    await ui().treeRow('Alertmanager').waitFor({ state: 'visible' });
    await ui().screenshot('2-incoming-light');
  });

  it('takes a Slack webhook in the masked input box and offers Slack in the Updates panel', async () => {
    await ui().runCommand('War Room: Set Slack Webhook URL');
    await ui().waitForQuickInput('Set Slack Webhook URL');
    await ui().typeInQuickInput(`${slack?.url}/services/T0/B0/e2e`);
    await ui().waitForQuickInputClosed();
    await ui().runCommand('War Room: Compose Status Update');
    const frame = panelFrame(ui().page);
    await frame.locator('vscode-checkbox', { hasText: 'Slack' }).first().waitFor();
    await ui().setColorTheme('Dark Modern');
    await panelPainted(frame, 'dark');
    await ui().screenshot('3-updates-dark');
    await ui().setColorTheme('Light Modern');
    await panelPainted(frame, 'light');
    await ui().screenshot('4-updates-light');
  });

  it("warns once when this machine's clock is off from a source's, and shows it in the status bar while it lasts", async () => {
    await ui().setColorTheme('Dark Modern');
    // Alertmanager's alerts folded away, so Opsgenie's row (which will say its clock is off) is in sight.
    await ui().treeRow('Alertmanager').click();
    await ui().runCommand('War Room: Set Opsgenie API Key');
    await ui().waitForQuickInput('Set Opsgenie API Key');
    await ui().typeInQuickInput('e2e-opsgenie-key');
    await ui().waitForQuickInputClosed();
    await ui().waitForText(/This machine's clock is 5m ahead of Opsgenie's/, '.notifications-toasts');
    await ui().waitForText(/Clock 5m fast/, '.part.statusbar');
    await ui().waitForText(/1 alert, synced \d\d:\d\d UTC · clock 5m off/, '.sidebar');
    await ui().screenshot('5-clock-dark');
    await ui().setColorTheme('Light Modern');
    await ui().screenshot('6-clock-light');
  });

  it("acknowledges an Opsgenie alert from its row's menu, after the confirmation, and the row says so", async () => {
    await ui().setColorTheme('Dark Modern');
    // Under its group row (also "1234": Opsgenie groups by the alert's message).
    const row = ui().treeRow('1234').last();
    await row.waitFor({ state: 'visible' });
    await row.click({ button: 'right' });
    const item = (title: string) => ui().page.locator('.monaco-menu .action-label', { hasText: new RegExp(`^${title}$`) });
    await item('Acknowledge Alert in PagerDuty/Opsgenie').first().waitFor({ state: 'visible' });
    await item('Resolve Alert in PagerDuty/Opsgenie').first().waitFor({ state: 'visible' });
    if ((await item('Silence Alert in Alertmanager').count()) !== 0) throw new Error('Silence offered on an Opsgenie alert');
    await ui().screenshot('7-acknowledge-menu-dark');
    await item('Acknowledge Alert in PagerDuty/Opsgenie').first().click();
    await ui().dialog().waitFor({ state: 'visible' });
    await ui().waitForText(/Acknowledge the Opsgenie alert "1234"\?/, '.monaco-dialog-box');
    await ui().screenshot('8-acknowledge-confirm-dark');
    await ui().dialogButton('Acknowledge').click();
    await ui().waitForText(/Acknowledged in Opsgenie: 1234/, '.notifications-toasts');
    await ui().waitForText(/P3 · .* · acknowledged/, '.sidebar');
    await ui().setColorTheme('Light Modern');
    await ui().screenshot('9-acknowledged-light');
  });

  it('resolving the incident declared from the alert offers to close the alert in Opsgenie too', async () => {
    await ui().setColorTheme('Dark Modern');
    await ui().runCommand('War Room: Declare from Alert');
    await ui().waitForQuickInput('Which alert?');
    await ui().typeInQuickInput('1234');
    await ui().waitForText(/Declared INC-\d{8}-\d{4}-\w+ from Opsgenie: 1234/, '.notifications-toasts');
    await ui().runCommand('War Room: Resolve Incident');
    await ui().waitForQuickInput('Which incident?');
    await ui().typeInQuickInput('1234');
    await ui().waitForQuickInput('Resolve "1234"');
    await ui().typeInQuickInput('Rolled back checkout to v2.13.2');
    await ui().waitForQuickInputClosed();
    const offer = ui().page.locator('.notifications-toasts .notification-toast', {
      hasText: 'Resolved: 1234. Its Opsgenie alert "1234" is still open.',
    });
    const button = offer.locator('.monaco-button', { hasText: 'Resolve Opsgenie alert' });
    await button.waitFor({ state: 'visible' });
    await offer.hover();
    await ui().screenshot('10-resolve-offer-dark');
    await button.click();
    await ui().waitForText(/Close the Opsgenie alert "1234"\?/, '.monaco-dialog-box');
    await ui().dialogButton('Close').click();
    await ui().waitForText(/Closed in Opsgenie: 1234 \(recorded on INC-/, '.notifications-toasts');
    // Opsgenie no longer lists it: the source row counts none (the incident's own row keeps the title).
    await ui().waitForText(/0 alerts, synced \d\d:\d\d UTC · clock 5m off/, '.sidebar');
    await ui().setColorTheme('Light Modern');
    await ui().screenshot('11-closed-light');
  });
});
