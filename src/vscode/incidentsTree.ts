// The Incidents view: active incidents (worst first), then recently resolved ones; grouped by
// workspace folder when there are several. Renders whatever the model holds; never prompts.
import * as vscode from 'vscode';
import { markdownLiteral } from '../core/text/strings';
import { isDrill } from '../core/drill';
import { Incident } from '../core/incident';
import { activeIncidents, recentlyResolved } from '../core/incidents';
import { ROLE_LABELS } from '../core/roles';
import { elapsedSince, formatDuration, formatUtc } from '../core/time';
import { findLast } from '../core/arrays';
import { recordedLater, timelineRowsAndTotal } from '../core/timelineView';
import { config } from './config';
import { IncidentModel } from './incidentModel';
import { severityIcon, timelineIcon } from './presentation';
import { IncidentSection, TreeNode, treeItemOf } from './treeNodes';
import { count } from '../core/text/count';

const DAY_MS = 86_400_000;
/** Elapsed times in the rows are minutes-precise past the first minute: redraw them once a minute. */
const TICK_MS = 60_000;

export class IncidentsTreeProvider implements vscode.TreeDataProvider<TreeNode>, vscode.Disposable {
  private readonly changeEmitter = new vscode.EventEmitter<TreeNode | TreeNode[] | undefined>();
  readonly onDidChangeTreeData = this.changeEmitter.event;
  private readonly sections: IncidentSection[] = [];
  private readonly subscription: vscode.Disposable;
  private readonly ticker: NodeJS.Timeout;
  private readonly parents = new Map<string, TreeNode | undefined>();
  private readonly incidentNodes = new Map<string, TreeNode>();
  /** How many incidents each folder's "Recently resolved" held when last drawn (it changes with time). */
  private readonly resolvedCounts = new Map<string, number>();

  constructor(
    private readonly model: IncidentModel,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.subscription = model.onDidChange(() => this.refresh());
    this.ticker = setInterval(() => this.tick(), TICK_MS);
  }

  registerSection(section: IncidentSection): vscode.Disposable {
    const after = section.after === undefined ? -1 : this.sections.findIndex((s) => s.id === section.after);
    if (after >= 0) this.sections.splice(after + 1, 0, section);
    else this.sections.push(section);
    this.refresh();
    return new vscode.Disposable(() => {
      this.sections.splice(this.sections.indexOf(section), 1);
      this.refresh();
    });
  }

  refresh(): void {
    this.changeEmitter.fire(undefined);
  }

  /**
   * Redraws one incident's row and what is under it (a section of it changed). Rows elsewhere keep
   * their handles, so an inline action clicked on them meanwhile still reaches its command with
   * its row; a whole-tree refresh drops every handle until the rows are fetched again.
   */
  refreshIncident(incidentId: string): void {
    const node = this.incidentNodes.get(incidentId);
    // Never drawn (its group collapsed): nothing on screen to update. VS Code ignores rows it
    // does not know, so an outdated node object is harmless too.
    if (node) {
      this.changeEmitter.fire(node);
    }
  }

  /**
   * Redraws the incident rows for the time that passed (ages, hand-off times, "12m ago"), each row
   * alone: a whole-tree refresh would drop every row handle, and an inline action clicked in that
   * moment would reach its command without its row. Only when "Recently resolved" gains or loses
   * an incident with time is the whole tree redrawn.
   */
  tick(): void {
    const now = this.now();
    const resolvedChanged = this.model
      .folderStates()
      .some(
        (f) =>
          this.resolvedCounts.has(f.folder.uri.toString()) &&
          recentlyResolved(this.incidentsOf(f.folder), now, config.recentlyResolvedDays() * DAY_MS).length !==
            this.resolvedCounts.get(f.folder.uri.toString()),
      );
    if (resolvedChanged) {
      this.refresh();
    } else if (this.incidentNodes.size) {
      this.changeEmitter.fire([...this.incidentNodes.values()]);
    }
  }

  getTreeItem(node: TreeNode): vscode.TreeItem {
    return treeItemOf(node);
  }

  async getChildren(node?: TreeNode): Promise<TreeNode[]> {
    const children = node ? ((await node.children?.()) ?? []) : this.roots();
    for (const child of children) {
      this.parents.set(child.id, node);
    }
    return children;
  }

  getParent(node: TreeNode): TreeNode | undefined {
    return this.parents.get(node.id);
  }

  /** The node of an incident as last rendered (for `TreeView.reveal`). */
  incidentNode(incidentId: string): TreeNode | undefined {
    return this.incidentNodes.get(incidentId);
  }

  /**
   * The node of an incident, building the rows above it when the view has not drawn them yet (a
   * reveal right after start-up, or from the status bar before the view was ever opened).
   */
  async findIncidentNode(incidentId: string): Promise<TreeNode | undefined> {
    let level = await this.getChildren();
    // Folders, then groups: incident rows are at most three levels down.
    for (let depth = 0; depth < 3 && !this.incidentNodes.has(incidentId); depth++) {
      level = (await Promise.all(level.filter((n) => !n.incidentId).map((n) => this.getChildren(n)))).flat();
    }
    return this.incidentNodes.get(incidentId);
  }

  private roots(): TreeNode[] {
    const folders = this.model.folderStates();
    if (folders.length <= 1) {
      return folders.length ? this.groups(folders[0].folder) : [];
    }
    return folders
      .filter((f) => f.incidents.size > 0)
      .map((f) => ({
        id: `folder:${f.folder.uri.toString()}`,
        label: f.folder.name,
        description: `${activeIncidents(this.incidentsOf(f.folder)).length} active`,
        icon: new vscode.ThemeIcon('root-folder'),
        contextValue: 'folder',
        folder: f.folder,
        expanded: true,
        children: () => this.groups(f.folder),
      }));
  }

  private incidentsOf(folder: vscode.WorkspaceFolder): Incident[] {
    const state = this.model.folderState(folder);
    return state ? [...state.incidents.values()].map((l) => l.incident) : [];
  }

  private groups(folder: vscode.WorkspaceFolder): TreeNode[] {
    const incidents = this.incidentsOf(folder);
    const now = this.now();
    const active = activeIncidents(incidents);
    const resolved = recentlyResolved(incidents, now, config.recentlyResolvedDays() * DAY_MS);
    const key = folder.uri.toString();
    this.resolvedCounts.set(key, resolved.length);
    const groups: TreeNode[] = [];
    if (active.length > 0) {
      groups.push({
        id: `group:active:${key}`,
        label: 'Active',
        description: String(active.length),
        icon: new vscode.ThemeIcon('flame'),
        contextValue: 'group;active',
        expanded: true,
        children: () => active.map((i) => this.buildIncidentNode(i, folder)),
      });
    }
    if (resolved.length > 0) {
      groups.push({
        id: `group:resolved:${key}`,
        label: 'Recently resolved',
        description: String(resolved.length),
        icon: new vscode.ThemeIcon('history'),
        contextValue: 'group;resolved',
        expanded: active.length === 0,
        children: () => resolved.map((i) => this.buildIncidentNode(i, folder)),
      });
    }
    return groups;
  }

  private buildIncidentNode(incident: Incident, folder: vscode.WorkspaceFolder): TreeNode {
    const node: TreeNode = {
      id: `incident:${folder.uri.toString()}:${incident.id}`,
      // A practice incident says so in its row, its icon and its tooltip.
      label: isDrill(incident) ? `Drill: ${incident.title}` : incident.title,
      // Age and tooltip as of each draw (a tick redraws the row without rebuilding it).
      describeNow: () => {
        const now = this.now();
        return { description: incidentDescription(incident, now), tooltip: incidentTooltip(incident, now) };
      },
      icon: isDrill(incident) ? drillIcon(incident) : severityIcon(incident.severity, incident.status),
      contextValue: `incident;${incident.status !== 'resolved' ? 'active' : 'resolved'};${incident.severity.toLowerCase()}`,
      incidentId: incident.id,
      folder,
      expanded: false,
      // Worked out when drawn: a tick redraws the row, and VS Code then asks for its rows again.
      children: () => this.incidentChildren(incident, folder, this.now()),
    };
    this.incidentNodes.set(incident.id, node);
    return node;
  }

  private incidentChildren(incident: Incident, folder: vscode.WorkspaceFolder, now: Date): TreeNode[] {
    const base = `${folder.uri.toString()}:${incident.id}`;
    const roles: TreeNode = {
      id: `roles:${base}`,
      label: 'Roles',
      description: incident.roles.length ? String(incident.roles.length) : 'none assigned',
      icon: new vscode.ThemeIcon('organization'),
      contextValue: 'section;roles',
      incidentId: incident.id,
      folder,
      expanded: true,
      children: () => {
        const holders: TreeNode[] = incident.roles.map((r) => ({
          id: `role:${base}:${r.role}:${r.person}`,
          label: r.person,
          description: `${ROLE_LABELS[r.role]} · ${elapsedSince(r.since, now)}`,
          icon: new vscode.ThemeIcon(r.role === 'commander' ? 'star-full' : 'person'),
          contextValue: `role;${r.role}`,
          incidentId: incident.id,
          folder,
        }));
        if (!incident.roles.some((r) => r.role === 'commander') && incident.status !== 'resolved') {
          holders.unshift({
            id: `role-gap:${base}:commander`,
            label: 'No Incident Commander',
            description: 'assign one',
            icon: new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground')),
            contextValue: 'role-gap;commander',
            incidentId: incident.id,
            folder,
            command: { command: 'warroom.assignRole', title: 'Assign Role', arguments: [{ incidentId: incident.id, role: 'commander' }] },
          });
        }
        return holders;
      },
    };
    // The timeline panel's rows: a correction shows the corrected text, and pins and corrections are
    // marks on their rows, not rows of their own ("pinned event").
    const { rows, total } = timelineRowsAndTotal(incident, config.timelineEntriesInTree());
    const timeline: TreeNode = {
      id: `timeline:${base}`,
      label: 'Timeline',
      description: count(total, 'event'),
      icon: new vscode.ThemeIcon('history'),
      contextValue: 'section;timeline',
      incidentId: incident.id,
      folder,
      expanded: true,
      children: () =>
        rows
          .slice()
          .reverse()
          .map((row) => {
            // The rows are the newest few: their events are near the end.
            const event = findLast(incident.events, (e) => e.id === row.id);
            const later = recordedLater(row);
            return {
              id: `event:${base}:${row.id}`,
              label: row.text,
              description: `${elapsedSince(row.ts, now)} ago · ${row.author}${row.pinned ? ' · pinned' : ''}`,
              tooltip:
                `${new Date(row.ts).toLocaleString()} (${formatUtc(row.ts)}) by ${row.author}${later ? `, ${later}` : ''}\n${row.text}` +
                (row.original !== undefined ? `\n\nCorrected; first written: ${row.original}` : ''),
              icon: timelineIcon(row.kind),
              contextValue: `event;${event?.type ?? 'entry'}`,
              incidentId: incident.id,
              folder,
              data: event,
            };
          }),
    };
    const extra = this.sections
      .map((section) => this.sectionNodes(section, incident, folder, base))
      .filter((n): n is TreeNode => n !== undefined);
    return [roles, ...extra, timeline];
  }

  /** A section that throws (another extension's, or a feature whose bundle failed to load) is one row saying so. */
  private sectionNodes(section: IncidentSection, incident: Incident, folder: vscode.WorkspaceFolder, base: string): TreeNode | undefined {
    try {
      return section.nodes(incident, folder);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      return {
        id: `section-error:${base}:${section.id}`,
        label: section.id,
        description: `could not be shown: ${message}`,
        tooltip: `The "${section.id}" rows could not be drawn: ${message}`,
        icon: new vscode.ThemeIcon('error', new vscode.ThemeColor('errorForeground')),
        contextValue: 'section;error',
        incidentId: incident.id,
        folder,
      };
    }
  }

  dispose(): void {
    clearInterval(this.ticker);
    this.subscription.dispose();
    this.changeEmitter.dispose();
  }
}

function incidentTooltip(incident: Incident, now: Date): vscode.MarkdownString {
  const tooltip = new vscode.MarkdownString(undefined, true);
  if (isDrill(incident)) {
    tooltip.appendMarkdown('$(beaker) **Drill**: a practice incident, left out of every KPI and of on-call load\n\n');
  }
  tooltip.appendMarkdown(`**${incident.severity} ${incident.priority}**: `).appendMarkdown(markdownLiteral(incident.title));
  tooltip.appendMarkdown(`\n\n$(pulse) ${incident.status}`);
  if (incident.service) {
    tooltip.appendMarkdown(' · $(server) ').appendMarkdown(markdownLiteral(incident.service));
  }
  tooltip.appendMarkdown(`\n\nBegan ${new Date(incident.startedAt).toLocaleString()} (${elapsedSince(incident.startedAt, now)} ago)  \n`);
  tooltip.appendMarkdown(`Detected ${new Date(incident.detectedAt).toLocaleString()}  \n`);
  tooltip.appendMarkdown(markdownLiteral(incident.id));
  return tooltip;
}

function incidentDescription(incident: Incident, now: Date): string {
  const commander = incident.roles.find((r) => r.role === 'commander');
  const active = incident.status !== 'resolved';
  const age = active
    ? elapsedSince(incident.startedAt, now)
    : `lasted ${formatDuration(Date.parse(incident.resolvedAt ?? incident.updatedAt) - Date.parse(incident.startedAt))}`;
  return [
    isDrill(incident) ? 'drill' : undefined,
    incident.severity,
    incident.status,
    age,
    commander ? `IC ${commander.person}` : active ? 'no IC' : undefined,
  ]
    .filter(Boolean)
    .join(' · ');
}

/** A drill's beaker, coloured as its severity icon would be. */
function drillIcon(incident: Incident): vscode.ThemeIcon {
  return new vscode.ThemeIcon('beaker', severityIcon(incident.severity, incident.status).color);
}
