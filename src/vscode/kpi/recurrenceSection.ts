// "recurs INC-1043-a1b2: same service, both touched src/db/pool.ts" under an incident in the tree.
// Recurrence compares every incident with earlier ones, so it is worked out once per model change
// (not per row drawn) and the rows read the result.
import * as vscode from 'vscode';
import { isDrill } from '../../core/drill';
import { shortIncidentId } from '../../core/ids';
import { Incident } from '../../core/incident';
import { findRecurrences, Recurrence, recurrenceSignature, recurrenceText } from '../../core/learning/recurrence';
import { IncidentModel } from '../incidentModel';
import { IncidentsTreeProvider } from '../incidentsTree';
import { Disposable } from '../lifecycle';
import { IncidentSection, TreeNode } from '../treeNodes';
import { causeFiles, recurrenceDays } from './workspaceMetrics';

export class RecurrenceSection extends Disposable implements IncidentSection {
  readonly id = 'recurrence';
  private byIncident = new Map<string, Recurrence[]>();
  private update: Promise<void> = Promise.resolve();

  constructor(
    private readonly model: IncidentModel,
    private readonly tree: IncidentsTreeProvider,
    private readonly log: vscode.LogOutputChannel,
  ) {
    super();
    this.register([
      model.onDidChange(() => void this.recompute()),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('warroom.recurrence.days')) void this.recompute();
      }),
      vscode.workspace.onDidGrantWorkspaceTrust(() => void this.recompute()),
    ]);
  }

  /** The earlier incidents this one recurs, nearest first. */
  of(incidentId: string): readonly Recurrence[] {
    return this.byIncident.get(incidentId) ?? [];
  }

  recompute(): Promise<void> {
    this.update = this.update
      .then(async () => {
        const { files } = await causeFiles(this.model);
        const incidents = this.model
          .all()
          .map((ref) => ref.incident)
          .filter((i) => !isDrill(i));
        const found = findRecurrences(
          incidents.map((i) => recurrenceSignature(i, (sha) => files.get(sha))),
          recurrenceDays(),
        );
        const next = new Map<string, Recurrence[]>();
        for (const r of found) {
          next.set(r.incidentId, [...(next.get(r.incidentId) ?? []), r]);
        }
        const changed = JSON.stringify([...next]) !== JSON.stringify([...this.byIncident]);
        this.byIncident = next;
        if (changed && !this.isDisposed) {
          this.tree.refresh();
        }
      })
      .catch((error) => this.log.error('recurrence: could not work it out', error));
    return this.update;
  }

  nodes(incident: Incident, folder: vscode.WorkspaceFolder): TreeNode | undefined {
    const found = this.of(incident.id);
    if (!found.length) {
      return undefined;
    }
    const row = (r: Recurrence): TreeNode => ({
      id: `recurs:${folder.uri.toString()}:${incident.id}:${r.recurs}`,
      label: `recurs ${shortIncidentId(r.recurs)}`,
      description: r.reason,
      tooltip: recurrenceText(r),
      icon: new vscode.ThemeIcon('history'),
      contextValue: 'recurrence',
      command: { title: 'Open Timeline', command: 'warroom.openTimeline', arguments: [{ incidentId: r.recurs }] },
      incidentId: incident.id,
      folder,
    });
    if (found.length === 1) {
      return row(found[0]);
    }
    return {
      id: `recurs:${folder.uri.toString()}:${incident.id}`,
      label: `recurs ${found.length} earlier incidents`,
      description: found[0].reason,
      icon: new vscode.ThemeIcon('history'),
      contextValue: 'section;recurrence',
      incidentId: incident.id,
      folder,
      children: () => found.map(row),
    };
  }
}
