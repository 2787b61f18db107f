// The Incoming view: one row per configured source (last successful sync, last error, stale data
// kept and marked), its alerts grouped by alert name and service, each alert with its severity,
// age, labels (tooltip) and the incident it is linked to. Each source polls on its own interval,
// pauses while the window has been unfocused for long and resumes on focus; a sync superseded by
// the next one, or by the view closing, is cancelled.
import * as vscode from 'vscode';
import { markdownLiteral } from '../../core/text/strings';
import { Alert, ALERT_SOURCE_LABELS, AlertSource, ParsedAlerts } from '../../core/alerts/alert';
import { incidentForAlert, planLogImport } from '../../core/alerts/alertEvents';
import { EventBase, EventInput } from '../../core/events';
import { applySync, emptySource, SourceState, sourceStatusLine } from '../../core/alerts/incoming';
import { onFocusChange, onPollDue, POLLING, PollPauseState } from '../../core/alerts/pollPause';
import { formatDuration } from '../../core/time';
import { ClockReading, isSkewed, skewPhrase } from '../../core/clock';
import { IncidentModel, IncidentRef } from '../incidentModel';
import { alertsAdapter } from '../lazyAdapters';
import { Disposable } from '../lifecycle';
import { severityIcon } from '../presentation';
import { TreeNode, treeItemOf } from '../treeNodes';
import { resolveAlertRunbooks } from './runbooks';
import { configuredSourceNames, pauseAfterMs, pollIntervalMs, sourceConfig, ClientHooks } from './settings';

export const INCOMING_VIEW = 'warroom.incoming';

/** What an alert row's commands act on. */
export interface AlertArgs {
  readonly source: AlertSource;
  readonly alertId: string;
}

export function alertArgsOf(value: unknown): AlertArgs | undefined {
  const v = (value as { data?: unknown })?.data ?? value;
  const o = v as Partial<AlertArgs> | undefined;
  return o && typeof o.source === 'string' && typeof o.alertId === 'string' ? { source: o.source, alertId: o.alertId } : undefined;
}

interface Poll {
  timer?: NodeJS.Timeout;
  running?: AbortController;
  /** Resolves when the sync in flight ends (tests, Refresh). */
  done?: Promise<void>;
}

export class IncomingView extends Disposable implements vscode.TreeDataProvider<TreeNode> {
  private readonly changeEmitter = this.register(new vscode.EventEmitter<TreeNode | undefined>());
  readonly onDidChangeTreeData = this.changeEmitter.event;
  private readonly syncedEmitter = this.register(new vscode.EventEmitter<AlertSource>());
  /** Fires after each sync of a source, good or failed. */
  readonly onDidSync = this.syncedEmitter.event;
  private readonly states = new Map<AlertSource, SourceState>();
  private readonly polls = new Map<AlertSource, Poll>();
  private configured: AlertSource[] = [];
  /** The workspace runbook files an alert's runbook annotations name, by the annotations' links (refreshed each sync). */
  private runbookFiles = new Map<string, readonly string[]>();
  private pause: PollPauseState = POLLING;
  /** Each source's clock as its last answer told it. */
  private readonly clocks = new Map<AlertSource, ClockReading>();

  constructor(
    private readonly model: IncidentModel,
    private readonly secrets: vscode.SecretStorage,
    private readonly log: vscode.LogOutputChannel,
    private readonly http: ClientHooks = {},
    private readonly now: () => Date = () => new Date(),
  ) {
    super();
    if (!vscode.window.state.focused) this.pause = onFocusChange(POLLING, false, this.now().getTime()).state;
    this.register(model.onDidChange(() => this.changeEmitter.fire(undefined)));
    this.register(vscode.window.onDidChangeWindowState((state) => this.focusChanged(state.focused)));
    this.register(
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('warroom.alerts')) void this.reconfigure();
      }),
    );
    this.register(secrets.onDidChange((e) => e.key.startsWith('warroom.alerts.') && void this.reconfigure()));
    this.register(new vscode.Disposable(() => this.stopAll()));
  }

  /** Whether polling is paused because the window has been unfocused for long. */
  get isPaused(): boolean {
    return this.pause.paused;
  }

  /** The window gained or lost focus (the window-state listener; tests call it to play focus changes). */
  focusChanged(focused: boolean): void {
    const { state, resume } = onFocusChange(this.pause, focused, this.now().getTime());
    this.pause = state;
    if (resume) {
      this.log.info('alerts: window focused, polling resumed');
      void this.syncAll();
    }
  }

  state(source: AlertSource): SourceState | undefined {
    return this.states.get(source);
  }

  sources(): readonly AlertSource[] {
    return this.configured;
  }

  /** The alert a row or an argument names, from the last good sync. */
  find(args: AlertArgs): Alert | undefined {
    return this.states.get(args.source)?.alerts.find((a) => a.id === args.alertId);
  }

  alerts(): Alert[] {
    return this.configured.flatMap((s) => [...(this.states.get(s)?.alerts ?? [])]);
  }

  /** Reads which sources are configured, drops the others, and syncs every configured one now. */
  async reconfigure(): Promise<void> {
    const now = await configuredSourceNames(this.secrets);
    for (const gone of this.configured.filter((s) => !now.includes(s))) {
      this.stop(gone);
      this.states.delete(gone);
      this.clocks.delete(gone);
    }
    this.configured = now;
    await vscode.commands.executeCommand('setContext', 'warroom.alertsConfigured', now.length > 0);
    this.changeEmitter.fire(undefined);
    await this.syncAll();
  }

  async syncAll(): Promise<void> {
    await Promise.all(this.configured.map((s) => this.sync(s)));
  }

  /** Syncs a source now, cancelling a sync of it still in flight (superseded), then polls on. */
  sync(source: AlertSource): Promise<void> {
    if (this.isDisposed) return Promise.resolve();
    const poll = this.polls.get(source) ?? {};
    this.polls.set(source, poll);
    clearTimeout(poll.timer);
    poll.running?.abort();
    const controller = new AbortController();
    poll.running = controller;
    const done = this.run(source, controller.signal).finally(() => {
      if (poll.running === controller) {
        poll.running = undefined;
        this.schedule(source, poll);
      }
    });
    poll.done = done;
    return done;
  }

  private schedule(source: AlertSource, poll: Poll): void {
    if (this.isDisposed || !this.configured.includes(source)) return;
    poll.timer = setTimeout(() => {
      const due = onPollDue(this.pause, this.now().getTime(), pauseAfterMs());
      this.pause = due.state;
      if (due.justPaused) this.log.info('alerts: window unfocused for long, polling paused');
      // When paused, resumed by focusChanged, which syncs every source at once.
      if (due.poll) void this.sync(source);
    }, pollIntervalMs(source));
  }

  private async run(source: AlertSource, signal: AbortSignal): Promise<void> {
    const adapter = alertsAdapter();
    const config = await sourceConfig(source, this.secrets, adapter.DEFAULT_BASE_URLS);
    if (!config || signal.aborted) return;
    let parsed: ParsedAlerts;
    let logs: Map<string, Parameters<typeof planLogImport>[2]> | undefined;
    // The source's row says when its clock is off from this machine's: its alerts' ages are off by as much.
    const http: ClientHooks = {
      onClock: (reading) => {
        this.clocks.set(source, reading);
        this.http.onClock?.(reading);
      },
    };
    try {
      if (source === 'pagerduty') {
        const got = await new adapter.PagerDutyApi(config, http).incidentsWithLogs(signal);
        parsed = got.parsed;
        logs = got.logs;
      } else {
        parsed = await adapter.fetchAlerts(config, signal, http);
      }
    } catch (error) {
      if (signal.aborted) return;
      const message = error instanceof Error ? error.message : String(error);
      this.log.warn(`alerts: ${ALERT_SOURCE_LABELS[source]} sync failed: ${message}`);
      this.update(source, { error: message });
      return;
    }
    if (signal.aborted) return;
    this.update(source, { ok: parsed });
    await this.resolveRunbooks(parsed.alerts).catch((error) => this.log.warn(`alerts: runbook annotations: ${(error as Error).message}`));
    if (logs) await this.importLogs(parsed.alerts, logs);
  }

  /** Finds the workspace runbooks each distinct set of runbook annotations names; the rows show them. */
  private async resolveRunbooks(alerts: readonly Alert[]): Promise<void> {
    const found = new Map<string, readonly string[]>();
    for (const alert of alerts) {
      const key = alert.runbookUrls.join('\n');
      if (!key || found.has(key)) continue;
      found.set(
        key,
        (await resolveAlertRunbooks(alert)).map((r) => r.file),
      );
    }
    const changed = [...found].some(([k, v]) => this.runbookFiles.get(k)?.join('\n') !== v.join('\n'));
    for (const [k, v] of found) this.runbookFiles.set(k, v);
    // Forget annotations no source shows any more (alerts resolve; the map would only grow).
    const live = new Set([...this.states.values()].flatMap((state) => state.alerts.map((a) => a.runbookUrls.join('\n'))));
    for (const key of [...this.runbookFiles.keys()]) if (!live.has(key)) this.runbookFiles.delete(key);
    if (changed) this.changeEmitter.fire(undefined);
  }

  /** The workspace runbooks the alert's annotations name, as last resolved. */
  runbooksOf(alert: Alert): readonly string[] {
    return this.runbookFiles.get(alert.runbookUrls.join('\n')) ?? [];
  }

  private update(source: AlertSource, outcome: Parameters<typeof applySync>[1]): void {
    this.states.set(source, applySync(this.states.get(source) ?? emptySource(source), outcome, this.now()));
    this.changeEmitter.fire(undefined);
    this.syncedEmitter.fire(source);
  }

  /** PagerDuty log entries of linked incidents onto their timelines, each once (ids by entry). */
  private async importLogs(alerts: readonly Alert[], logs: ReadonlyMap<string, Parameters<typeof planLogImport>[2]>): Promise<void> {
    const incidents = this.model.all().map((ref) => ({ events: ref.incident.events, declaredAt: ref.incident.declaredAt, ref }));
    for (const alert of alerts) {
      const entries = logs.get(alert.id);
      const linked = entries?.length ? incidentForAlert(alert, incidents) : undefined;
      if (!linked || !entries) continue;
      await importInto(this.model, linked.ref, alert.id, entries).catch((error) =>
        this.log.error(`alerts: importing PagerDuty log entries into ${linked.ref.incident.id}`, error),
      );
    }
  }

  private stop(source: AlertSource): void {
    const poll = this.polls.get(source);
    if (!poll) return;
    clearTimeout(poll.timer);
    poll.running?.abort();
    this.polls.delete(source);
  }

  private stopAll(): void {
    for (const source of [...this.polls.keys()]) this.stop(source);
  }

  refresh(): void {
    this.changeEmitter.fire(undefined);
  }

  getTreeItem(node: TreeNode): vscode.TreeItem {
    return treeItemOf(node);
  }

  getChildren(node?: TreeNode): TreeNode[] | Promise<TreeNode[]> {
    if (node) return node.children?.() ?? [];
    return this.configured.map((source) => this.sourceNode(source));
  }

  private sourceNode(source: AlertSource): TreeNode {
    const state = this.states.get(source) ?? emptySource(source);
    const icon = state.lastError
      ? new vscode.ThemeIcon(
          state.stale ? 'warning' : 'error',
          new vscode.ThemeColor(state.stale ? 'list.warningForeground' : 'list.errorForeground'),
        )
      : new vscode.ThemeIcon(state.lastSuccessAt ? 'radio-tower' : 'sync');
    const tooltip = new vscode.MarkdownString(undefined, false);
    tooltip.appendMarkdown(`**${ALERT_SOURCE_LABELS[source]}**\n\n`);
    tooltip.appendMarkdown(markdownLiteral(sourceStatusLine(state)));
    if (state.unread.length) tooltip.appendMarkdown(markdownLiteral(`\n\nCould not read: ${state.unread.slice(0, 10).join('; ')}`));
    const clock = this.clocks.get(source);
    const offClock = clock && isSkewed(clock) ? clock : undefined;
    if (offClock) {
      tooltip.appendMarkdown(
        markdownLiteral(`\n\nThis machine's clock is ${skewPhrase(offClock)}: the alerts' ages here are off by as much.`),
      );
    }
    const refs = this.model.all();
    return {
      id: `source:${source}`,
      label: `${ALERT_SOURCE_LABELS[source]}${state.stale ? ' (stale)' : ''}`,
      description: `${sourceStatusLine(state)}${offClock ? ` · clock ${formatDuration(Math.abs(offClock.offsetMs))} off` : ''}`,
      tooltip,
      icon,
      contextValue: `alertSource;${source}${state.stale ? ';stale' : ''}`,
      expanded: true,
      children: () =>
        state.groups.map((group) => ({
          id: `group:${group.key}`,
          label: group.name,
          description: `${group.service ? `${group.service} · ` : ''}${group.alerts.length}`,
          icon: new vscode.ThemeIcon('bell'),
          contextValue: `alertGroup;${source}`,
          expanded: true,
          children: () => group.alerts.map((alert) => this.alertNode(alert, refs, state.stale)),
        })),
    };
  }

  private alertNode(alert: Alert, refs: readonly IncidentRef[], stale: boolean): TreeNode {
    const linked = incidentForAlert(
      alert,
      refs.map((r) => r.incident),
    );
    const severity = alertsAdapter().severityOfAlert(alert);
    const level = alert.priority ?? alert.severity ?? severity;
    const describe = () => {
      const age = formatDuration(this.now().getTime() - Date.parse(alert.startsAt));
      const tooltip = new vscode.MarkdownString(undefined, false);
      // Escaped as literal text: labels come from whoever configured the alert rules.
      tooltip.appendMarkdown(`**${ALERT_SOURCE_LABELS[alert.source]}** · `);
      tooltip.appendMarkdown(
        markdownLiteral(`${alert.title}\n\n${alert.state} · ${level} · since ${alert.startsAt} (${age})${stale ? ' · stale' : ''}\n`),
      );
      if (linked) tooltip.appendMarkdown(markdownLiteral(`Linked to ${linked.id}: ${linked.title}\n`));
      const runbooks = this.runbooksOf(alert);
      for (const file of runbooks)
        tooltip.appendMarkdown(markdownLiteral(`Runbook in the workspace: ${file} (from its runbook annotation)\n`));
      for (const [name, value] of Object.entries(alert.labels)) tooltip.appendMarkdown(markdownLiteral(`\n${name}=${value}`));
      return {
        description: `${level} · ${age}${alert.state !== 'firing' ? ` · ${alert.state}` : ''}${linked ? ` · → ${linked.id}` : ''}${
          runbooks.length ? ` · runbook ${runbooks.join(', ')}` : ''
        }`,
        tooltip,
      };
    };
    return {
      id: `alert:${alert.source}:${alert.id}`,
      label: alert.title,
      describeNow: describe,
      icon: severityIcon(severity, alert.state === 'resolved' ? 'resolved' : 'investigating'),
      contextValue: `alert;${alert.source}${linked ? ';linked' : ''};${alert.state}`,
      incidentId: linked?.id,
      data: { source: alert.source, alertId: alert.id } satisfies AlertArgs,
    };
  }
}

/** Appends planned PagerDuty log imports through the model, each with its derived id and time. */
export async function importInto(
  model: IncidentModel,
  ref: IncidentRef,
  sourceId: string,
  entries: Parameters<typeof planLogImport>[2],
): Promise<number> {
  const plans = planLogImport(ref.incident, sourceId, entries);
  // One write and one read back: a long incident's log has hundreds of entries.
  await model.appendAll<EventBase>(
    ref,
    plans.map((plan) => ({ input: plan.input as unknown as EventInput<EventBase>, at: new Date(plan.at), eventId: plan.id })),
  );
  return plans.length;
}
