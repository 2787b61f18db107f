// "PagerDuty change events" under an incident linked to PagerDuty, right after War Room's own
// Suspect deploys: what PagerDuty relates to the incident (`related_change_events`), each row
// labelled as PagerDuty's. Asked when the section is first expanded, and again after each
// PagerDuty sync; a failure shows as a row, the last good rows stay.
import * as vscode from 'vscode';
import { markdownLiteral } from '../../core/text/strings';
import { foldIncidentAlerts } from '../../core/alerts/alertEvents';
import { PagerDutyChangeEvent } from '../../core/alerts/pagerduty';
import { Incident } from '../../core/incident';
import { alertsAdapter } from '../lazyAdapters';
import { Disposable } from '../lifecycle';
import { IncidentSection, TreeNode } from '../treeNodes';
import { IncomingView } from './incoming';
import { sourceConfig, ClientHooks } from './settings';

const CHANGES_SECTION = 'pagerduty-changes';

interface Fetched {
  readonly changes?: readonly PagerDutyChangeEvent[];
  readonly error?: string;
}

export class PagerDutyChangesSection extends Disposable implements IncidentSection {
  readonly id = CHANGES_SECTION;
  readonly after = 'suspects';
  /** By PagerDuty incident id. */
  private readonly fetched = new Map<string, Fetched>();
  private readonly asking = new Map<string, Promise<void>>();

  constructor(
    private readonly secrets: vscode.SecretStorage,
    private readonly view: IncomingView,
    private readonly refreshTree: () => void,
    private readonly http: ClientHooks = {},
  ) {
    super();
    // Asked again after each PagerDuty sync, for the incidents already shown that PagerDuty still
    // lists; the others (resolved there) keep their rows and are not asked again each poll.
    this.register(
      view.onDidSync((source) => {
        if (source !== 'pagerduty' || this.fetched.size === 0) return;
        const open = new Set((view.state('pagerduty')?.alerts ?? []).map((a) => a.id));
        const again = [...this.fetched.keys()].filter((id) => open.has(id));
        if (again.length) void Promise.all(again.map((id) => this.ask(id))).then(() => this.refreshTree());
      }),
    );
  }

  nodes(incident: Incident, folder: vscode.WorkspaceFolder): TreeNode | undefined {
    const linked = foldIncidentAlerts(incident.events).linked.filter((l) => l.source === 'pagerduty');
    if (linked.length === 0 || !this.view.sources().includes('pagerduty')) return undefined;
    const base = `${folder.uri.toString()}:${incident.id}`;
    const known = linked.map((l) => this.fetched.get(l.sourceId));
    const count = known.reduce((n, f) => n + (f?.changes?.length ?? 0), 0);
    const failed = known.find((f) => f?.error)?.error;
    const asked = known.every((f) => f !== undefined);
    return {
      id: `pagerduty-changes:${base}`,
      label: 'PagerDuty change events',
      description: failed ? `last error: ${failed}` : asked ? `${count} related` : 'expand to ask PagerDuty',
      tooltip: 'Changes PagerDuty relates to the linked PagerDuty incident (its change events), beside War Room’s own Suspect deploys.',
      icon: new vscode.ThemeIcon('history'),
      contextValue: `section;pagerdutyChanges${failed ? ';failed' : ''}`,
      incidentId: incident.id,
      folder,
      expanded: asked && count > 0,
      children: async () => {
        await Promise.all(linked.filter((l) => !this.fetched.has(l.sourceId)).map((l) => this.ask(l.sourceId)));
        // The section's own description changes once asked.
        if (!asked) setTimeout(() => this.refreshTree(), 0);
        return linked.flatMap((l) => this.rows(incident, folder, base, l.sourceId, linked.length > 1 ? l.title : undefined));
      },
    };
  }

  private rows(incident: Incident, folder: vscode.WorkspaceFolder, base: string, pagerDutyId: string, title?: string): TreeNode[] {
    const got = this.fetched.get(pagerDutyId);
    const rows: TreeNode[] = [];
    if (got?.error) {
      rows.push({
        id: `pagerduty-change-error:${base}:${pagerDutyId}`,
        label: `PagerDuty: ${got.error}`,
        tooltip: got.error,
        icon: new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground')),
        contextValue: 'pagerduty-change;error',
        incidentId: incident.id,
        folder,
      });
    }
    const changes = got?.changes ?? [];
    if (changes.length === 0 && !got?.error) {
      rows.push({
        id: `pagerduty-change-none:${base}:${pagerDutyId}`,
        label: `PagerDuty relates no change events${title ? ` to ${title}` : ''}`,
        icon: new vscode.ThemeIcon('info'),
        contextValue: 'pagerduty-change;none',
        incidentId: incident.id,
        folder,
      });
    }
    // Rows only once PagerDuty has answered with some (the alerts bundle is loaded then).
    (changes.length ? alertsAdapter().changeEventRows(changes, incident.startedAt) : []).forEach((row, i) => {
      const tooltip = new vscode.MarkdownString(undefined, false);
      tooltip.appendMarkdown('**').appendMarkdown(markdownLiteral(row.label)).appendMarkdown('**\n\n');
      tooltip.appendMarkdown(markdownLiteral(row.details.join('\n')));
      rows.push({
        id: `pagerduty-change:${base}:${pagerDutyId}:${i}:${row.label}`,
        label: row.label,
        description: row.description,
        tooltip,
        icon: new vscode.ThemeIcon('rocket'),
        contextValue: 'pagerduty-change',
        incidentId: incident.id,
        folder,
        ...(row.url ? { command: { command: 'vscode.open', title: 'Open in Browser', arguments: [vscode.Uri.parse(row.url)] } } : {}),
      });
    });
    return rows;
  }

  /** Asks PagerDuty for the incident's related change events; one request at a time per incident. */
  private ask(pagerDutyId: string): Promise<void> {
    const running = this.asking.get(pagerDutyId);
    if (running) return running;
    const promise = (async () => {
      const adapter = alertsAdapter();
      const config = await sourceConfig('pagerduty', this.secrets, adapter.DEFAULT_BASE_URLS);
      if (!config) return;
      try {
        const changes = await new adapter.PagerDutyApi(config, this.http).relatedChanges(pagerDutyId);
        this.fetched.set(pagerDutyId, { changes });
      } catch (error) {
        // The last good rows stay, with the error beside them.
        const before = this.fetched.get(pagerDutyId);
        this.fetched.set(pagerDutyId, { ...(before?.changes ? { changes: before.changes } : {}), error: (error as Error).message });
      }
    })().finally(() => this.asking.delete(pagerDutyId));
    this.asking.set(pagerDutyId, promise);
    return promise;
  }
}
