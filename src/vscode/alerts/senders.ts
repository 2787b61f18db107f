// The Updates panel's senders for Slack (incoming webhook), Statuspage (the incident created on the
// first send, updated after) and PagerDuty (a status update on the linked incident). Each previews
// exactly what it sends, and records every send with its outcome; a failed send answers not ok.
import * as vscode from 'vscode';
import { foldIncidentAlerts } from '../../core/alerts/alertEvents';
import type { ComponentImpact, StatuspageComponent } from '../../core/alerts/outbound';
import { SendPreview, SendResult, StakeholderUpdate, UpdateSender } from '../../core/stakeholderUpdates';
import { IncidentModel } from '../incidentModel';
import { alertsAdapter } from '../lazyAdapters';
import { recorded } from './record';
import { pagerDutyFrom, SECRETS, sourceConfig, statuspageBaseUrl, statuspagePageId, ClientHooks } from './settings';
import { own } from '../../core/own';

/** The components an update names and the impact they get; undefined: none chosen. */
export type ComponentChooser = (
  components: readonly StatuspageComponent[],
  update: StakeholderUpdate,
) => Promise<{ readonly ids: readonly string[]; readonly impact: ComponentImpact } | undefined>;

interface SenderDeps {
  readonly model: IncidentModel;
  readonly secrets: vscode.SecretStorage;
  /** Statuspage: which components the update names (a quick pick; tests replace it). */
  readonly chooseComponents?: () => ComponentChooser;
  /** Passed to every client: each answer's clock is read (see ClockCheck). */
  readonly http: ClientHooks;
}

/** The editor's own pickers: the components (several), then how bad (not asked once resolved). */
export const pickComponents: ComponentChooser = async (components, update) => {
  const picked = await vscode.window.showQuickPick(
    components.map((c) => ({
      label: c.name,
      description: own(alertsAdapter().COMPONENT_STATUS_LABELS, c.status) ?? c.status,
      ...(c.description ? { detail: c.description } : {}),
      id: c.id,
    })),
    {
      title: `Statuspage: which components does "${update.title}" affect?`,
      placeHolder: update.status === 'resolved' ? 'Those picked go back to operational' : 'None picked: the incident names no component',
      canPickMany: true,
      ignoreFocusOut: true,
    },
  );
  if (!picked?.length) return undefined;
  if (update.status === 'resolved') return { ids: picked.map((p) => p.id), impact: 'degraded_performance' };
  const impact = await vscode.window.showQuickPick(
    alertsAdapter().COMPONENT_IMPACTS.map((i) => ({ label: alertsAdapter().COMPONENT_STATUS_LABELS[i], impact: i })),
    { title: `Statuspage: how are ${picked.map((p) => p.label).join(', ')} affected?`, ignoreFocusOut: true },
  );
  return impact ? { ids: picked.map((p) => p.id), impact: impact.impact } : undefined;
};

/** Sends through `send`, recording the outcome on the update's incident; never throws. */
async function sendRecorded(
  deps: SenderDeps,
  update: StakeholderUpdate,
  what: { channel: string; action: string; text: string },
  secrets: readonly (string | undefined)[],
  send: () => Promise<string | void>,
  sentDetail: string,
): Promise<SendResult> {
  try {
    await recorded(deps.model, deps.model.find(update.incidentId), what, secrets, send);
    return { ok: true, detail: sentDetail };
  } catch (error) {
    return { ok: false, detail: (error as Error).message };
  }
}

export function slackSender(deps: SenderDeps): UpdateSender {
  return {
    id: 'slack',
    label: 'Slack',
    audiences: ['engineering', 'executive'],
    async preview(update): Promise<SendPreview> {
      return { where: 'Slack (incoming webhook)', body: JSON.stringify(alertsAdapter().slackPayload(update), null, 2) };
    },
    async send(update) {
      const url = await deps.secrets.get(SECRETS.slack.key);
      const payload = alertsAdapter().slackPayload(update);
      return sendRecorded(
        deps,
        update,
        { channel: 'slack', action: 'status_update', text: payload.text },
        [url],
        async () => {
          if (!url) throw new Error('No Slack webhook URL is set (War Room: Set Slack Webhook URL)');
          await new (alertsAdapter().SlackWebhook)(url, deps.http).post(payload);
        },
        'posted',
      );
    },
  };
}

/** The Statuspage incident this War Room incident created on its first send, if any. */
function statuspageIncidentOf(deps: SenderDeps, incidentId: string): string | undefined {
  const sends = foldIncidentAlerts(deps.model.find(incidentId)?.incident.events ?? []).sends;
  return sends.find((s) => s.channel === 'statuspage' && s.action === 'incident_created' && s.outcome === 'sent')?.externalId;
}

export function statuspageSender(deps: SenderDeps): UpdateSender {
  // The components chosen while previewing, used by the send that follows the one confirmation.
  const chosen = new Map<string, Record<string, string>>();
  const keyOf = (update: StakeholderUpdate) => `${update.incidentId}\u0000${update.audience}\u0000${update.text}`;
  /** Asks which components the update names, from the page's components API; a failure names none and says so. */
  const chooseFor = async (update: StakeholderUpdate): Promise<{ changes: Record<string, string>; lines: string[] }> => {
    const key = await deps.secrets.get(SECRETS.statuspage.key);
    const pageId = statuspagePageId();
    if (!key || !pageId || !deps.chooseComponents) return { changes: {}, lines: [] };
    let components: StatuspageComponent[];
    try {
      components = await new (alertsAdapter().StatuspageApi)(pageId, key, statuspageBaseUrl(), deps.http).components();
    } catch (error) {
      return {
        changes: {},
        lines: [`(the page's components could not be read: ${(error as Error).message.split(key).join('…')}; none named)`],
      };
    }
    if (components.length === 0) return { changes: {}, lines: [] };
    const choice = await deps.chooseComponents()(components, update);
    const changes = choice ? alertsAdapter().componentChanges(choice.ids, choice.impact, update.status) : {};
    return { changes, lines: alertsAdapter().componentPreviewLines(components, changes) };
  };
  return {
    id: 'statuspage',
    label: 'Statuspage',
    audiences: ['customers'],
    async preview(update): Promise<SendPreview> {
      const existing = statuspageIncidentOf(deps, update.incidentId);
      const fields = alertsAdapter().statuspageFields(update);
      const { changes, lines } = await chooseFor(update);
      chosen.set(keyOf(update), changes);
      const sent = existing ? { status: fields.status, body: fields.body, components: changes } : { ...fields, components: changes };
      return {
        where: existing ? `Statuspage (update incident ${existing})` : `Statuspage page ${statuspagePageId()} (create incident)`,
        body: `${JSON.stringify(sent, null, 2)}${lines.length ? `\n\nComponents:\n${lines.join('\n')}` : ''}`,
      };
    },
    async send(update) {
      const key = await deps.secrets.get(SECRETS.statuspage.key);
      const existing = statuspageIncidentOf(deps, update.incidentId);
      const fields = alertsAdapter().statuspageFields(update);
      const components = chosen.get(keyOf(update)) ?? {};
      chosen.delete(keyOf(update));
      return sendRecorded(
        deps,
        update,
        { channel: 'statuspage', action: existing ? 'incident_updated' : 'incident_created', text: fields.body },
        [key],
        async () => {
          const pageId = statuspagePageId();
          if (!key || !pageId) throw new Error('Set the Statuspage API key and warroom.alerts.statuspage.pageId first');
          const api = new (alertsAdapter().StatuspageApi)(pageId, key, statuspageBaseUrl(), deps.http);
          if (existing) {
            await api.update(existing, { status: fields.status, body: fields.body, components });
            return existing;
          }
          return api.create({ ...fields, components });
        },
        existing ? `incident ${existing} updated` : 'incident created',
      );
    },
  };
}

export function pagerDutySender(deps: SenderDeps): UpdateSender {
  const target = (incidentId: string) =>
    foldIncidentAlerts(deps.model.find(incidentId)?.incident.events ?? []).linked.find((l) => l.source === 'pagerduty');
  return {
    id: 'pagerduty',
    label: 'PagerDuty status update',
    audiences: ['engineering', 'executive'],
    async preview(update): Promise<SendPreview> {
      const linked = target(update.incidentId);
      return {
        where: linked ? `PagerDuty incident ${linked.sourceId} (status update)` : 'PagerDuty (no linked incident)',
        body: update.text,
      };
    },
    async send(update) {
      const adapter = alertsAdapter();
      const config = await sourceConfig('pagerduty', deps.secrets, adapter.DEFAULT_BASE_URLS);
      const linked = target(update.incidentId);
      return sendRecorded(
        deps,
        update,
        { channel: 'pagerduty', action: 'status_update', text: update.text },
        [config?.key],
        async () => {
          if (!config) throw new Error('No PagerDuty API key is set');
          if (!linked) throw new Error('this incident is not linked to a PagerDuty incident');
          const from = pagerDutyFrom();
          if (!from) throw new Error('set warroom.alerts.pagerduty.fromEmail (PagerDuty needs a user email for changes)');
          await new adapter.PagerDutyApi(config, deps.http).statusUpdate(linked.sourceId, update.text, from);
        },
        'status update posted',
      );
    },
  };
}
