// Alerts in, updates out, in the real workbench: the Incoming view fed by the real Alertmanager on
// loopback, a Slack webhook typed into the real (masked) input box, and the Updates panel offering
// Slack, in dark and light themes; each alert row names the workspace runbook its annotation points to.
// An Opsgenie whose clock is off gives one warning and a status bar item. Screenshots go to
// test-artifacts/e2e-alerts-*.png.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { useWorkbench } from '../harness/workbench';
import { alertmanagerInstalled, RunningAlertmanager, seedAlerts, startAlertmanager } from '../harness/alertmanager';
import { LoopbackServer, startLoopback } from '../support/loopbackServer';
import { declared, panelFrame, panelPainted, writeIncident } from './fixtures';

const TITLE = 'Checkout latency above SLO';
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
    // An Opsgenie whose clock is five and a half minutes behind this machine's: no alerts, and its time.
    opsgenie = await startLoopback((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json', Date: new Date(Date.now() - 330_000).toUTCString() });
      res.end('{"data":[],"paging":{}}');
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
    await ui().page.locator('.monaco-workbench.vs').first().waitFor();
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
    await ui().page.locator('.monaco-workbench.vs-dark').first().waitFor();
    await panelPainted(frame, 'dark');
    await ui().screenshot('3-updates-dark');
    await ui().setColorTheme('Light Modern');
    await ui().page.locator('.monaco-workbench.vs').first().waitFor();
    await panelPainted(frame, 'light');
    await ui().screenshot('4-updates-light');
  });

  it("warns once when this machine's clock is off from a source's, and shows it in the status bar while it lasts", async () => {
    await ui().setColorTheme('Dark Modern');
    await ui().page.locator('.monaco-workbench.vs-dark').first().waitFor();
    // Alertmanager's alerts folded away, so Opsgenie's row (which will say its clock is off) is in sight.
    await ui().treeRow('Alertmanager').click();
    await ui().runCommand('War Room: Set Opsgenie API Key');
    await ui().waitForQuickInput('Set Opsgenie API Key');
    await ui().typeInQuickInput('e2e-opsgenie-key');
    await ui().waitForQuickInputClosed();
    await ui().waitForText(/This machine's clock is 5m ahead of Opsgenie's/, '.notifications-toasts');
    await ui().waitForText(/Clock 5m fast/, '.part.statusbar');
    await ui().waitForText(/0 alerts, synced \d\d:\d\d UTC · clock 5m off/, '.sidebar');
    await ui().screenshot('5-clock-dark');
    await ui().setColorTheme('Light Modern');
    await ui().page.locator('.monaco-workbench.vs').first().waitFor();
    await ui().screenshot('6-clock-light');
  });
});
