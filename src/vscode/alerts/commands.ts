// The alert commands: Set / Forget a key, Refresh Incoming, Declare from Alert, Silence and Expire
// Silence (Alertmanager), Acknowledge / Resolve an alert in PagerDuty or Opsgenie, Share Note to
// PagerDuty or Opsgenie. One function per command, given its deps. Each action at a source asks
// first, showing exactly what it will do, and is recorded on the timeline with its outcome.
import * as vscode from 'vscode';
import { Alert, ALERT_SOURCE_LABELS, AlertSource, isPageSource, PAGE_NOUNS, pageAction, PageSource } from '../../core/alerts/alert';
import {
  AlertLinkedEvent,
  foldIncidentAlerts,
  incidentForAlert,
  planAcknowledgedMilestone,
  planAlertLink,
} from '../../core/alerts/alertEvents';
import { EventBase, EventInput } from '../../core/events';
import { MilestoneSetEvent } from '../../core/learning/milestones';
import { isActive } from '../../core/incident';
import { localUtcOffsetMinutes } from '../localZone';
import { describeEvent } from '../../core/timeline';
import { asString, nonBlank } from '../../core/text/strings';
import { UserFacingError } from '../commandRegistry';
import { happened } from '../gettingStarted';
import { pickFolder } from '../commands/declare';
import { IncidentModel, IncidentRef } from '../incidentModel';
import { resolveIncident } from '../incidentTarget';
import { alertsAdapter } from '../lazyAdapters';
import { alertArgsOf, importInto, IncomingView } from './incoming';
import { AlertPrompts } from './prompts';
import { recorded } from './record';
import { linkAlertRunbooks } from './runbooks';
import { pagerDutyFrom, SecretName, SECRETS, sourceConfig, ClientHooks } from './settings';
import { count } from '../../core/text/count';

export interface AlertDeps {
  readonly model: IncidentModel;
  readonly secrets: vscode.SecretStorage;
  readonly view: IncomingView;
  readonly log: vscode.LogOutputChannel;
  readonly prompts: () => AlertPrompts;
  readonly now: () => Date;
  /** Passed to every client: each answer's clock is read (see ClockCheck). */
  readonly http: ClientHooks;
}

export const LINK_BUTTON = 'Link to It';
export const DECLARE_ANYWAY_BUTTON = 'Declare New Incident';
export const SILENCE_BUTTON = 'Silence';
export const EXPIRE_BUTTON = 'Expire Silence';
export const SEND_NOTE_BUTTON = 'Share Note';

const field = (arg: unknown, name: string): unknown =>
  typeof arg === 'object' && arg !== null ? (arg as Record<string, unknown>)[name] : undefined;

/** Asks for a key (masked) or takes it as the argument (tests, scripts); stores it in SecretStorage only. */
export async function setSecret(deps: AlertDeps, name: SecretName, arg?: unknown): Promise<void> {
  const info = SECRETS[name];
  const given =
    typeof arg === 'string'
      ? arg
      : await vscode.window.showInputBox({
          title: `Set ${info.label}`,
          prompt: `Kept in VS Code's secret storage only: never in settings, logs or incidents.`,
          placeHolder: info.placeHolder,
          password: true,
          ignoreFocusOut: true,
          validateInput: info.validate,
        });
  if (given === undefined) return;
  const problem = info.validate(given);
  if (problem) throw new UserFacingError(problem);
  await deps.secrets.store(info.key, given.trim());
  happened('alerts.keyStored');
  deps.log.info(`alerts: ${info.label} stored in secret storage`);
  void vscode.window.showInformationMessage(`War Room: ${info.label} stored in secret storage.`);
}

export async function forgetSecret(deps: AlertDeps, name: SecretName): Promise<void> {
  await deps.secrets.delete(SECRETS[name].key);
  deps.log.info(`alerts: ${SECRETS[name].label} forgotten`);
  void vscode.window.showInformationMessage(`War Room: ${SECRETS[name].label} forgotten.`);
}

export async function refreshIncoming(deps: AlertDeps): Promise<void> {
  await deps.view.reconfigure();
}

/** The alert a row or `{source, alertId}` names, or one picked from what the sources report. */
async function pickAlert(deps: AlertDeps, arg: unknown, only?: AlertSource): Promise<Alert | undefined> {
  const args = alertArgsOf(arg);
  if (args) {
    const alert = deps.view.find(args);
    if (!alert) throw new UserFacingError(`${ALERT_SOURCE_LABELS[args.source] ?? args.source} does not report ${args.alertId} (any more).`);
    return alert;
  }
  const alerts = deps.view.alerts().filter((a) => !only || a.source === only);
  if (alerts.length === 0) {
    throw new UserFacingError(
      only
        ? `${ALERT_SOURCE_LABELS[only]} reports no alerts (or is not configured).`
        : 'No alert source reports anything (or none is configured).',
      { title: 'Show Incoming', command: 'warroom.incoming.focus' },
    );
  }
  const pick = await vscode.window.showQuickPick(
    alerts.map((alert) => ({
      label: alert.title,
      description: `${ALERT_SOURCE_LABELS[alert.source]} · ${alert.priority ?? alert.severity ?? ''} · ${alert.service ?? ''}`,
      detail: `since ${alert.startsAt}`,
      alert,
    })),
    { placeHolder: 'Which alert?', matchOnDescription: true, ignoreFocusOut: true },
  );
  return pick?.alert;
}

function linkedIncident(deps: AlertDeps, alert: Alert): IncidentRef | undefined {
  return incidentForAlert(
    alert,
    deps.model.all().map((ref) => ({ events: ref.incident.events, declaredAt: ref.incident.declaredAt, ref })),
  )?.ref;
}

async function link(deps: AlertDeps, ref: IncidentRef, alert: Alert): Promise<void> {
  const plan = planAlertLink(ref.incident, alert, deps.now().toISOString());
  if (plan) await deps.model.append<EventBase>(ref, plan.input as unknown as EventInput<EventBase>, new Date(plan.at), plan.id);
  // The runbooks its annotations name in the workspace, linked with that reason.
  await linkAlertRunbooks(deps.model, ref.incident.id, alert).catch((error) =>
    deps.log.warn(`alerts: runbooks of ${alert.title} not linked: ${(error as Error).message}`),
  );
}

/**
 * Declares an incident from an alert (its ids, detection and impact start at the alert's start,
 * service and severity from its labels), or, when an incident already carries the same
 * incident_key / fingerprint / alias, offers to link the alert to it instead. Returns the incident id.
 */
export async function declareFromAlert(deps: AlertDeps, arg?: unknown): Promise<string | undefined> {
  const alert = await pickAlert(deps, arg);
  if (!alert) return undefined;
  const existing = linkedIncident(deps, alert);
  if (existing) {
    const choice = await deps
      .prompts()
      .choose(
        `This alert matches ${existing.incident.id}: link it there instead of declaring a twin?`,
        `${existing.incident.severity} ${existing.incident.title} (${existing.incident.status})\n${ALERT_SOURCE_LABELS[alert.source]} key: ${alert.dedupKey}`,
        [LINK_BUTTON, DECLARE_ANYWAY_BUTTON],
      );
    if (choice === LINK_BUTTON) {
      await link(deps, existing, alert);
      return existing.incident.id;
    }
    if (choice !== DECLARE_ANYWAY_BUTTON) return undefined;
  }
  const folder = await pickFolder(asString(field(arg, 'folder')));
  if (!folder) return undefined;
  const now = deps.now();
  const id = await deps.model.declare(
    folder,
    { ...alertsAdapter().declarationFromAlert(alert), utcOffsetMinutes: localUtcOffsetMinutes(now) },
    now,
  );
  const ref = deps.model.find(id);
  if (ref) {
    await link(deps, ref, alert);
    if (alert.source === 'pagerduty') await importPagerDutyLog(deps, id, alert.id);
  }
  void vscode.window.showInformationMessage(`Declared ${id} from ${ALERT_SOURCE_LABELS[alert.source]}: ${alert.title}`);
  return id;
}

/** The incident's PagerDuty log so far, onto its timeline (a failure only logs: the poll retries). */
async function importPagerDutyLog(deps: AlertDeps, incidentId: string, pagerDutyId: string): Promise<void> {
  const adapter = alertsAdapter();
  const config = await sourceConfig('pagerduty', deps.secrets, adapter.DEFAULT_BASE_URLS);
  if (!config) return;
  try {
    const { entries } = await new adapter.PagerDutyApi(config, deps.http).logEntries(pagerDutyId);
    const ref = deps.model.find(incidentId);
    if (ref) await importInto(deps.model, ref, pagerDutyId, entries);
  } catch (error) {
    deps.log.warn(`alerts: PagerDuty log of ${pagerDutyId} not imported: ${(error as Error).message}`);
  }
}

async function alertmanager(deps: AlertDeps) {
  const adapter = alertsAdapter();
  const config = await sourceConfig('alertmanager', deps.secrets, adapter.DEFAULT_BASE_URLS);
  if (!config) {
    throw new UserFacingError('Set warroom.alerts.alertmanager.url first.', {
      title: 'Open Settings',
      command: 'workbench.action.openSettings',
      arguments: ['warroom.alerts.alertmanager.url'],
    });
  }
  return { adapter, api: new adapter.AlertmanagerApi(config, deps.http) };
}

function positiveMinutes(text: string): string | undefined {
  const n = Number(text.trim());
  return Number.isInteger(n) && n >= 1 && n <= 60 * 24 * 30 ? undefined : 'Whole minutes, 1 to 43200 (30 days)';
}

/**
 * Silences an Alertmanager alert: its matchers shown, duration and comment asked (or given as
 * `{minutes, comment}`), a confirmation, then the silence, recorded on the linked incident's
 * timeline (or the one picked). Returns the silence id.
 */
export async function silenceAlert(deps: AlertDeps, arg?: unknown): Promise<string | undefined> {
  const alert = await pickAlert(deps, arg, 'alertmanager');
  if (!alert) return undefined;
  if (alert.source !== 'alertmanager') throw new UserFacingError('Only Alertmanager alerts can be silenced from here.');
  const { adapter, api } = await alertmanager(deps);
  const matchers = adapter.matchersFor(alert);
  const matcherText = matchers.map((m) => `${m.name}="${m.value}"`).join(', ');
  const givenMinutes = field(arg, 'minutes');
  const minutesText =
    typeof givenMinutes === 'number'
      ? String(givenMinutes)
      : await vscode.window.showInputBox({
          title: `Silence ${alert.title}`,
          prompt: `For how many minutes? Matchers: ${matcherText}`,
          value: '60',
          ignoreFocusOut: true,
          validateInput: positiveMinutes,
        });
  if (minutesText === undefined) return undefined;
  if (positiveMinutes(minutesText)) throw new UserFacingError(positiveMinutes(minutesText) ?? '');
  const minutes = Number(minutesText);
  const comment =
    nonBlank(field(arg, 'comment')) ??
    (await vscode.window.showInputBox({
      title: `Silence ${alert.title} for ${minutes} min`,
      prompt: 'Why? (kept with the silence in Alertmanager and on the timeline)',
      ignoreFocusOut: true,
      validateInput: (v) => (v.trim() ? undefined : 'Alertmanager needs a comment'),
    }));
  if (!comment?.trim()) return undefined;
  const detail = `Matchers: ${matcherText}\nFor: ${count(minutes, 'minute')}\nComment: ${comment}`;
  if ((await deps.prompts().choose(`Silence "${alert.title}" in Alertmanager?`, detail, [SILENCE_BUTTON])) !== SILENCE_BUTTON) {
    return undefined;
  }
  const ref = linkedIncident(deps, alert);
  const folder = ref?.folder ?? vscode.workspace.workspaceFolders?.[0];
  const by = folder ? await deps.model.userName(folder) : 'War Room';
  const id = await recorded(deps.model, ref, { channel: 'alertmanager', action: 'silence', text: detail }, [], () =>
    api.silence(matchers, minutes, comment.trim(), by || 'War Room', deps.now()),
  );
  void vscode.window.showInformationMessage(`Silenced for ${minutes} min (silence ${id}).`);
  void deps.view.sync('alertmanager');
  return id;
}

/** Expires a silence (`{silenceId}` or picked from the active ones), after a confirmation. */
export async function expireSilence(deps: AlertDeps, arg?: unknown): Promise<void> {
  const { api } = await alertmanager(deps);
  let silenceId = nonBlank(field(arg, 'silenceId'));
  let detail = silenceId ?? '';
  if (!silenceId) {
    const active = (await api.silences()).filter((s) => s.state === 'active');
    if (active.length === 0) throw new UserFacingError('Alertmanager has no active silence.');
    const pick = await vscode.window.showQuickPick(
      active.map((s) => ({
        label: s.matchers.map((m) => `${m.name}${m.isEqual === false ? '!' : ''}${m.isRegex ? '=~' : '='}"${m.value}"`).join(', '),
        description: `until ${s.endsAt} · ${s.createdBy}`,
        detail: s.comment,
        silence: s,
      })),
      { placeHolder: 'Expire which silence?', ignoreFocusOut: true },
    );
    if (!pick) return;
    silenceId = pick.silence.id;
    detail = `${pick.label}\n${pick.silence.comment}`;
  }
  if ((await deps.prompts().choose(`Expire silence ${silenceId} now?`, detail, [EXPIRE_BUTTON])) !== EXPIRE_BUTTON) return;
  // Recorded where the silence was: the incident whose timeline has it.
  const ref = deps.model
    .all()
    .find((r) => foldIncidentAlerts(r.incident.events).sends.some((s) => s.action === 'silence' && s.externalId === silenceId));
  const id = silenceId;
  await recorded(deps.model, ref, { channel: 'alertmanager', action: 'expire_silence', text: `silence ${id}` }, [], async () => {
    await api.expire(id);
    return id;
  });
  void deps.view.sync('alertmanager');
}

/** The PagerDuty (or Opsgenie) alerts an incident is linked to; one picked when there are several. */
async function linkedAt(ref: IncidentRef, sources: readonly AlertSource[]): Promise<AlertLinkedEvent | undefined> {
  const linked = foldIncidentAlerts(ref.incident.events).linked.filter((l) => sources.includes(l.source));
  if (linked.length === 0) {
    throw new UserFacingError(`${ref.incident.id} is not linked to ${sources.map((s) => ALERT_SOURCE_LABELS[s]).join(' or ')}.`);
  }
  if (linked.length === 1) return linked[0];
  const pick = await vscode.window.showQuickPick(
    linked.map((l) => ({ label: l.title, description: `${ALERT_SOURCE_LABELS[l.source]} ${l.sourceId}`, l })),
    { placeHolder: 'Which one?', ignoreFocusOut: true },
  );
  return pick?.l;
}

function requireFrom(): string {
  const from = pagerDutyFrom();
  if (!from) {
    throw new UserFacingError('PagerDuty needs the email of a PagerDuty user for changes: set warroom.alerts.pagerduty.fromEmail.', {
      title: 'Open Settings',
      command: 'workbench.action.openSettings',
      arguments: ['warroom.alerts.pagerduty.fromEmail'],
    });
  }
  return from;
}

const SET_KEY_COMMANDS = { pagerduty: 'warroom.alerts.setPagerDutyKey', opsgenie: 'warroom.alerts.setOpsgenieKey' } as const;

/** The alerts adapter and the source's settings with its key; without a key, an error offering to set it. */
async function keyedSource(deps: AlertDeps, source: 'pagerduty' | 'opsgenie') {
  const adapter = alertsAdapter();
  const config = await sourceConfig(source, deps.secrets, adapter.DEFAULT_BASE_URLS);
  const label = ALERT_SOURCE_LABELS[source];
  if (!config)
    throw new UserFacingError(`Set the ${label} API key first.`, { title: `Set ${label} API Key`, command: SET_KEY_COMMANDS[source] });
  return { adapter, config };
}

async function pagerDutyApi(deps: AlertDeps) {
  const { adapter, config } = await keyedSource(deps, 'pagerduty');
  return { api: new adapter.PagerDutyApi(config, deps.http), key: config.key };
}

/** A page at its source: a PagerDuty incident or an Opsgenie alert, and the incident it is linked to. */
interface Page {
  readonly source: PageSource;
  readonly sourceId: string;
  readonly title: string;
  readonly ref: IncidentRef | undefined;
}

/** The page a row of the Incoming view (or `{source, alertId}`) names, or the one an incident is linked to. */
async function pickPage(deps: AlertDeps, status: 'acknowledged' | 'resolved', arg: unknown, only?: 'pagerduty'): Promise<Page | undefined> {
  /** The verb as the commands' titles say it ("Acknowledge", "Resolve"), whichever source. */
  const { verb } = pageAction('pagerduty', status);
  const args = alertArgsOf(arg);
  if (args) {
    const alert = deps.view.find(args);
    if (!alert) throw new UserFacingError(`${ALERT_SOURCE_LABELS[args.source] ?? args.source} does not report ${args.alertId} (any more).`);
    if (!isPageSource(alert.source)) throw new UserFacingError('Alertmanager has no acknowledgement: silence the alert instead.');
    if (only && alert.source !== only) {
      throw new UserFacingError(`This command acts on PagerDuty only: use "${verb} Alert in PagerDuty/Opsgenie".`);
    }
    return { source: alert.source, sourceId: alert.id, title: alert.title, ref: linkedIncident(deps, alert) };
  }
  if (arg === undefined && !only) {
    // From the palette: the pages the Incoming view shows that can take it, those of an incident first.
    const pages = deps.view
      .alerts()
      .filter((a) => (status === 'acknowledged' ? a.state === 'firing' : a.state !== 'resolved'))
      .flatMap((alert) => (isPageSource(alert.source) ? [{ alert, source: alert.source, ref: linkedIncident(deps, alert) }] : []))
      .sort((a, b) => Number(!!b.ref) - Number(!!a.ref));
    if (pages.length > 0) {
      const pick = await vscode.window.showQuickPick(
        pages.map(({ alert, source, ref }) => ({
          label: alert.title,
          description: `${ALERT_SOURCE_LABELS[alert.source]} · ${alert.state}${ref ? ` · → ${ref.incident.id}` : ''}`,
          detail: `since ${alert.startsAt}`,
          page: { source, sourceId: alert.id, title: alert.title, ref },
        })),
        { placeHolder: `${verb} which alert?`, matchOnDescription: true, ignoreFocusOut: true },
      );
      return pick?.page;
    }
    if (!deps.model.all().some((r) => isActive(r.incident))) {
      throw new UserFacingError(`Neither PagerDuty nor Opsgenie reports an alert to ${verb.toLowerCase()} (or neither is configured).`, {
        title: 'Show Incoming',
        command: 'warroom.incoming.focus',
      });
    }
  }
  const ref = await resolveIncident(deps.model, arg, {
    placeHolder: `${verb} the page of which incident?`,
  });
  if (!ref) return undefined;
  const target = await linkedAt(ref, only ? [only] : ['pagerduty', 'opsgenie']);
  if (!target || !isPageSource(target.source)) return undefined;
  return { source: target.source, sourceId: target.sourceId, title: target.title, ref };
}

/** A page still open at its source, as the resolve command offers it: what to pass to Resolve Alert. */
export interface OpenPage {
  readonly source: PageSource;
  readonly alertId: string;
  readonly title: string;
  /** "PagerDuty incident", "Opsgenie alert". */
  readonly what: string;
}

/** The PagerDuty incidents and Opsgenie alerts the incident is linked to that the Incoming view still shows open. */
export function openPagesOf(deps: Pick<AlertDeps, 'model' | 'view'>, incidentId: string): OpenPage[] {
  const ref = deps.model.find(incidentId);
  if (!ref) return [];
  return foldIncidentAlerts(ref.incident.events).linked.flatMap((link) => {
    if (!isPageSource(link.source)) return [];
    const alert = deps.view.find({ source: link.source, alertId: link.sourceId });
    if (!alert || alert.state === 'resolved') return [];
    const what = `${ALERT_SOURCE_LABELS[link.source]} ${PAGE_NOUNS[link.source]}`;
    return [{ source: link.source, alertId: alert.id, title: alert.title, what }];
  });
}

/**
 * Acknowledges or resolves a page where it came from: a PagerDuty incident or an Opsgenie alert
 * (which Opsgenie calls closing), picked from the Incoming view or linked to the incident, after a
 * confirmation naming it. Recorded on the linked incident's timeline with its outcome; the first
 * acknowledgement sets the incident's `acknowledged` milestone when it has none. `only` keeps the
 * older PagerDuty-only commands to PagerDuty.
 */
export async function setPageStatus(
  deps: AlertDeps,
  status: 'acknowledged' | 'resolved',
  arg?: unknown,
  only?: 'pagerduty',
): Promise<void> {
  const page = await pickPage(deps, status, arg, only);
  if (!page) return;
  const { source, sourceId, title, ref } = page;
  const label = ALERT_SOURCE_LABELS[source];
  const { verb, action, done: past } = pageAction(source, status);
  const folder = ref?.folder ?? vscode.workspace.workspaceFolders?.[0];
  const as = source === 'pagerduty' ? requireFrom() : (folder && (await deps.model.userName(folder))) || 'War Room';
  const detail = `${label} ${PAGE_NOUNS[source]} ${sourceId}: ${title}\nAs: ${as}${ref ? `\nRecorded on ${ref.incident.id}` : ''}`;
  if ((await deps.prompts().choose(`${verb} the ${label} ${PAGE_NOUNS[source]} "${title}"?`, detail, [verb])) !== verb) return;
  /** When the source did it (its own word for the time, if it gave one); undefined while not done. */
  let done: { readonly at?: string } | undefined;
  if (source === 'pagerduty') {
    const { api, key } = await pagerDutyApi(deps);
    await recorded(deps.model, ref, { channel: source, action, text: detail }, [key], () => api.setStatus(sourceId, status, as));
    done = {};
  } else {
    const { adapter, config } = await keyedSource(deps, 'opsgenie');
    const api = new adapter.OpsgenieApi(config, deps.http);
    // Opsgenie answers at once and acts a moment later: the progress covers asking until it has.
    const requestId = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `${verb.replace(/e$/, '')}ing in Opsgenie…` },
      () =>
        recorded(deps.model, ref, { channel: source, action, text: detail }, [config.key], async () => {
          const outcome = status === 'acknowledged' ? await api.acknowledge(sourceId, as) : await api.close(sourceId, as);
          if (outcome.processed) done = { at: outcome.status.processedAt };
          return outcome.requestId;
        }),
    );
    deps.log.info(
      `alerts: Opsgenie ${action} of ${sourceId}: ${done ? 'done' : 'accepted, not processed yet'} (request ${requestId ?? '?'})`,
    );
  }
  const current = ref && deps.model.find(ref.incident.id);
  const milestone =
    status === 'acknowledged' && current && done ? planAcknowledgedMilestone(current.incident, source, done.at, deps.now()) : undefined;
  if (current && milestone) await deps.model.append<MilestoneSetEvent>(current, milestone);
  void deps.view.sync(source);
  if (!done) {
    void vscode.window.showWarningMessage(
      `Opsgenie took the request to ${action} "${title}" but had not done it after a few seconds: the Incoming view shows the alert's state once it has.`,
    );
  } else {
    void vscode.window.showInformationMessage(`${past} in ${label}: ${title}${ref ? ` (recorded on ${ref.incident.id})` : ''}`);
  }
}

/**
 * Shares a note to the linked PagerDuty incident or Opsgenie alert: a timeline row's text
 * (`{incidentId, eventId}` from the timeline panel's row action or the tree) or text typed in,
 * after a confirmation showing it. Returns where it went, when it did.
 */
export async function shareNote(deps: AlertDeps, arg?: unknown): Promise<string | undefined> {
  const ref = await resolveIncident(deps.model, arg, { placeHolder: 'Share a note from which incident?' });
  if (!ref) return undefined;
  const target = await linkedAt(ref, ['pagerduty', 'opsgenie']);
  if (!target || !isPageSource(target.source)) return undefined;
  const source = target.source;
  const eventId = nonBlank(field(arg, 'eventId'));
  const event = eventId ? ref.incident.events.find((e) => e.id === eventId) : undefined;
  if (eventId && !event) throw new UserFacingError(`${ref.incident.id} has no event ${eventId}.`);
  const text =
    nonBlank(field(arg, 'text')) ??
    nonBlank((event as unknown as Record<string, unknown> | undefined)?.text) ??
    // A row that is not an entry (a status change, a role, an import): its line as the timeline shows it.
    nonBlank(event ? describeEvent(event).text : undefined) ??
    (await vscode.window.showInputBox({
      title: `Note to ${ALERT_SOURCE_LABELS[target.source]}`,
      prompt: 'The note to share',
      ignoreFocusOut: true,
    }));
  if (!text?.trim()) return undefined;
  const label = ALERT_SOURCE_LABELS[target.source];
  const where = `${label} ${PAGE_NOUNS[source]} ${target.sourceId}`;
  if ((await deps.prompts().choose(`Share this note to ${where}?`, text, [SEND_NOTE_BUTTON])) !== SEND_NOTE_BUTTON) return undefined;
  const { adapter, config } = await keyedSource(deps, source);
  const user = (await deps.model.userName(ref.folder)) || 'War Room';
  let pending = false;
  await recorded(deps.model, ref, { channel: target.source, action: 'note', text }, [config.key], async () => {
    if (target.source === 'pagerduty') return new adapter.PagerDutyApi(config, deps.http).addNote(target.sourceId, text, requireFrom());
    // Opsgenie adds the note a moment after it answers; a closed or deleted alert refuses it then.
    const done = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Sharing to ${where}…` }, () =>
      new adapter.OpsgenieApi(config, deps.http).addNote(target.sourceId, text, user),
    );
    pending = !done.processed;
    return done.requestId;
  });
  if (pending) {
    void vscode.window.showWarningMessage(`${label} accepted the note for ${where} but had not added it after a few seconds.`);
  } else {
    void vscode.window.showInformationMessage(`Shared to ${where}.`);
  }
  return where;
}
