// Alerts in, updates out: the Incoming view (PagerDuty, Alertmanager, Opsgenie), Declare from Alert,
// Silence / Expire Silence, Acknowledge / Resolve in PagerDuty or Opsgenie, Share Note, the Set / Forget
// key commands, and the Updates panel's Slack, Statuspage and PagerDuty senders. The adapters (and
// axios) load only once a source or channel is configured.
import * as vscode from 'vscode';
import { SendPreview, UpdateSender } from '../../core/stakeholderUpdates';
import { FeatureFactory } from '../feature';
import {
  AlertDeps,
  declareFromAlert,
  OpenPage,
  openPagesOf,
  expireSilence,
  forgetSecret,
  refreshIncoming,
  setPageStatus,
  setSecret,
  shareNote,
  silenceAlert,
} from './commands';
import { PagerDutyChangesSection } from './changesSection';
import { INCOMING_VIEW, IncomingView } from './incoming';
import { AlertPrompts, modalAlertPrompts } from './prompts';
import { Replaceable } from '../replaceable';
import { ComponentChooser, pagerDutySender, pickComponents, slackSender, statuspageSender } from './senders';
import { SECRETS, ClientHooks } from './settings';

/** What other features ask of this one (through featureApi('alerts')). */
export interface AlertsApi {
  /** The pages an incident is linked to that are still open at their source (for Resolve Incident's offer). */
  openPages(incidentId: string): OpenPage[];
}

/** What the integration tests reach under `test.features.alerts`. */
export interface AlertsTestApi {
  readonly view: IncomingView;
  /** Replaces the modal questions; the disposable puts the modal ones back. */
  usePrompts(prompts: AlertPrompts): vscode.Disposable;
  /** The update senders offered now, by id. */
  senderIds(): string[];
  /** Where the extension host writes its logs (the War Room log among them). */
  readonly logFolder: vscode.Uri;
  /** Replaces the Statuspage component picker; the disposable puts the quick picks back. */
  useComponentChooser(chooser: ComponentChooser): vscode.Disposable;
  /** Answers the Updates panel's one send confirmation. */
  useSendConfirm(confirm: (previews: readonly SendPreview[]) => Promise<boolean>): vscode.Disposable;
}

export const alertsFeature: FeatureFactory<AlertsApi, AlertsTestApi> = (context) => {
  const { model, log } = context;
  const secrets = context.extension.secrets;
  // Every client reads the clock of the server that answers it.
  const http: ClientHooks = { onClock: context.clock };
  const view = new IncomingView(model, secrets, log, http);
  const changes = new PagerDutyChangesSection(secrets, view, () => context.tree.refresh(), http);
  const prompts = new Replaceable<AlertPrompts>(modalAlertPrompts);
  const deps: AlertDeps = { model, secrets, view, log, prompts: prompts.current, now: () => new Date(), http };

  // A sender is offered in the composer only while its channel is configured.
  const chooser = new Replaceable<ComponentChooser>(pickComponents);
  const senderDeps = { model, secrets, chooseComponents: chooser.current, http };
  const channels: readonly { secret: string; make: () => UpdateSender }[] = [
    { secret: SECRETS.slack.key, make: () => slackSender(senderDeps) },
    { secret: SECRETS.statuspage.key, make: () => statuspageSender(senderDeps) },
    { secret: SECRETS.pagerduty.key, make: () => pagerDutySender(senderDeps) },
  ];
  const registered = new Map<string, vscode.Disposable>();
  const syncSenders = async (): Promise<void> => {
    for (const channel of channels) {
      const on = !!(await secrets.get(channel.secret));
      const had = registered.get(channel.secret);
      if (on && !had) registered.set(channel.secret, context.senders.register(channel.make()));
      if (!on && had) {
        had.dispose();
        registered.delete(channel.secret);
      }
    }
  };
  void syncSenders().catch((error) => log.error('alerts: update senders', error));
  void view.reconfigure().catch((error) => log.error('alerts: Incoming view', error));

  const testApi: AlertsTestApi = {
    view,
    usePrompts: (replacement) => prompts.use(replacement),
    useComponentChooser: (replacement) => chooser.use(replacement),
    useSendConfirm: (confirm) => context.senders.useConfirm(confirm),
    senderIds: () => context.senders.all().map((s) => s.id),
    logFolder: context.extension.logUri,
  };

  const api: AlertsApi = { openPages: (incidentId) => openPagesOf(deps, incidentId) };

  return {
    api,
    commands: {
      'warroom.alerts.setPagerDutyKey': (arg?: unknown) => setSecret(deps, 'pagerduty', arg),
      'warroom.alerts.forgetPagerDutyKey': () => forgetSecret(deps, 'pagerduty'),
      'warroom.alerts.setOpsgenieKey': (arg?: unknown) => setSecret(deps, 'opsgenie', arg),
      'warroom.alerts.forgetOpsgenieKey': () => forgetSecret(deps, 'opsgenie'),
      'warroom.alerts.setSlackWebhook': (arg?: unknown) => setSecret(deps, 'slack', arg),
      'warroom.alerts.forgetSlackWebhook': () => forgetSecret(deps, 'slack'),
      'warroom.alerts.setStatuspageKey': (arg?: unknown) => setSecret(deps, 'statuspage', arg),
      'warroom.alerts.forgetStatuspageKey': () => forgetSecret(deps, 'statuspage'),
      'warroom.alerts.refresh': () => refreshIncoming(deps),
      'warroom.alerts.declareFromAlert': (arg?: unknown) => declareFromAlert(deps, arg),
      'warroom.alerts.silence': (arg?: unknown) => silenceAlert(deps, arg),
      'warroom.alerts.expireSilence': (arg?: unknown) => expireSilence(deps, arg),
      'warroom.alerts.acknowledgePagerDuty': (arg?: unknown) => setPageStatus(deps, 'acknowledged', arg, 'pagerduty'),
      'warroom.alerts.resolvePagerDuty': (arg?: unknown) => setPageStatus(deps, 'resolved', arg, 'pagerduty'),
      'warroom.alerts.acknowledge': (arg?: unknown) => setPageStatus(deps, 'acknowledged', arg),
      'warroom.alerts.resolve': (arg?: unknown) => setPageStatus(deps, 'resolved', arg),
      'warroom.alerts.shareNote': (arg?: unknown) => shareNote(deps, arg),
    },
    disposables: [
      view,
      changes,
      context.tree.registerSection(changes),
      vscode.window.createTreeView(INCOMING_VIEW, { treeDataProvider: view, showCollapseAll: true }),
      secrets.onDidChange((e) => {
        if (e.key.startsWith('warroom.alerts.')) void syncSenders();
      }),
      new vscode.Disposable(() => {
        for (const d of registered.values()) d.dispose();
        registered.clear();
      }),
    ],
    testApi,
  };
};
