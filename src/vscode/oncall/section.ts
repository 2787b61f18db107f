// "On call" under each incident: who held each layer of its service when it began (who was paged),
// and the escalation path as it stood then. Only in a folder with a rotation file.
import * as vscode from 'vscode';
import { Incident } from '../../core/incident';
import { ONCALL_FILE } from '../../core/oncall/model';
import { layerRows, onCallSummary, unreadableText } from '../../core/oncall/summary';
import { formatUtc } from '../../core/time';
import { IncidentSection, TreeNode } from '../treeNodes';
import { OncallFiles } from './oncallFiles';

export class OncallSection implements IncidentSection {
  readonly id = 'oncall';

  constructor(private readonly files: OncallFiles) {}

  nodes(incident: Incident, folder: vscode.WorkspaceFolder): TreeNode | undefined {
    const oncall = this.files.get(folder);
    if (!oncall || !incident.service) return undefined;
    const [summary] = onCallSummary(oncall.resolver, new Date(incident.startedAt), incident.service);
    const base = `${folder.uri.toString()}:${incident.id}`;
    const common = { incidentId: incident.id, folder };
    const rows: TreeNode[] = layerRows(summary).map((row) => {
      if ('unreadable' in row) {
        const r = row.unreadable;
        return {
          id: `oncall-unreadable:${base}:${r.id}`,
          label: 'no one shown',
          description: `${row.layer} · ${unreadableText(r)}`,
          tooltip: `${unreadableText(r)} in ${ONCALL_FILE}, so War Room cannot say who holds it. Fix the file (its problems are in the Problems panel).`,
          icon: new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground')),
          contextValue: 'oncall-unreadable',
          ...common,
        };
      }
      const { shift, next } = row.held;
      return {
        id: `oncall:${base}:${shift.layer}`,
        label: shift.person,
        description: `${shift.layer}${shift.override ? ' (override)' : ''}${next ? ` · next: ${next.person}` : ''}`,
        tooltip: `${shift.layer} for ${incident.service} from ${formatUtc(shift.from)}${shift.until ? ` to ${formatUtc(shift.until)}` : ''} (rotation ${shift.rotation})`,
        icon: new vscode.ThemeIcon(shift.layer === 'primary' ? 'bell' : 'bell-dot'),
        contextValue: `oncall;${shift.layer}`,
        ...common,
      };
    });
    if (summary.escalation.length) {
      rows.push({
        id: `oncall-escalation:${base}`,
        label: 'Escalation',
        description: summary.escalation.map((l) => `${l.afterMinutes}m ${l.people.join(', ') || 'no one'}`).join(' → '),
        icon: new vscode.ThemeIcon('arrow-up'),
        contextValue: 'oncall-escalation',
        ...common,
      });
    }
    return {
      id: `oncall-section:${base}`,
      label: 'On call',
      description: summary.layers.length
        ? `at start: ${summary.layers.map((l) => l.shift.person).join(', ')}`
        : summary.unreadable?.length
          ? `no one shown: ${unreadableText(summary.unreadable[0])}`
          : `no one for ${incident.service}`,
      icon: new vscode.ThemeIcon(
        summary.layers.length ? 'broadcast' : 'warning',
        summary.layers.length ? undefined : new vscode.ThemeColor('list.warningForeground'),
      ),
      contextValue: 'section;oncall',
      ...common,
      expanded: false,
      children: () => rows,
    };
  }
}
