// "Milestones" under each incident: each milestone with its time or "missing", the four durations,
// and out-of-order warnings (shown, never fixed). Clicking a milestone sets or corrects it.
import * as vscode from 'vscode';
import { Incident } from '../../core/incident';
import {
  DURATION_DEFINITIONS,
  DURATIONS,
  durationsOf,
  MILESTONE_LABELS,
  MILESTONES,
  milestonesOf,
  outOfOrderText,
} from '../../core/learning/milestones';
import { formatDuration, formatLocalTime, formatUtc } from '../../core/time';
import { localUtcOffsetMinutes } from '../localZone';
import { formatSinceStart } from '../../core/timelineView';
import { IncidentSection, TreeNode } from '../treeNodes';

export const SET_MILESTONE_COMMAND = 'warroom.setMilestone';

/**
 * As the timeline reads a time: the local clock with its offset, and how long after impact start
 * (`2026-11-23 00:38 UTC+01:00 · T+38m`); the UTC time is in the tooltip.
 */
export function milestoneTime(at: string, impactStart?: string): string {
  const local = formatLocalTime(at, localUtcOffsetMinutes(new Date(at)));
  const since = impactStart === undefined ? NaN : Date.parse(at) - Date.parse(impactStart);
  return Number.isNaN(since) ? local : `${local} · ${formatSinceStart(since)}`;
}

export class MilestonesSection implements IncidentSection {
  readonly id = 'milestones';

  nodes(incident: Incident, folder: vscode.WorkspaceFolder): TreeNode {
    const m = milestonesOf(incident);
    const base = `${folder.uri.toString()}:${incident.id}`;
    const common = { incidentId: incident.id, folder };
    const known = MILESTONES.filter((name) => m.values[name]).length;
    const durations = durationsOf(m);
    const impactStart = m.values.impact_started?.at ?? incident.startedAt;
    return {
      id: `milestones:${base}`,
      label: 'Milestones',
      description: `${known} of ${MILESTONES.length}${m.warnings.length ? ` · ${m.warnings.length} out of order` : ''}`,
      icon: new vscode.ThemeIcon(
        m.warnings.length ? 'warning' : 'milestone',
        m.warnings.length ? new vscode.ThemeColor('list.warningForeground') : undefined,
      ),
      contextValue: 'section;milestones',
      ...common,
      expanded: false,
      children: () => [
        ...m.warnings.map((w) => ({
          id: `milestone-warning:${base}:${w.milestone}`,
          label: w.message,
          icon: new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground')),
          contextValue: 'milestone-warning',
          ...common,
        })),
        ...MILESTONES.map((name): TreeNode => {
          const v = m.values[name];
          const warned = m.warnings.some((w) => w.milestone === name);
          return {
            id: `milestone:${base}:${name}`,
            label: MILESTONE_LABELS[name],
            description: v
              ? `${milestoneTime(v.at, name === 'impact_started' ? undefined : impactStart)}${v.corrections ? ` · corrected ${v.corrections}x` : ''}`
              : 'missing',
            tooltip: v
              ? `${formatUtc(v.at)}, set by ${v.by || '?'} (${v.origin}${v.source ? `, from ${v.source}` : ''})`
              : 'Not set: click to set it.',
            icon: new vscode.ThemeIcon(
              warned ? 'warning' : v ? 'pass' : 'circle-large-outline',
              warned ? new vscode.ThemeColor('list.warningForeground') : undefined,
            ),
            contextValue: `milestone;${v ? 'set' : 'missing'}`,
            ...common,
            data: { milestone: name },
            command: { command: SET_MILESTONE_COMMAND, title: 'Set Milestone', arguments: [{ incidentId: incident.id, milestone: name }] },
          };
        }),
        ...DURATIONS.map((name): TreeNode => {
          const d = durations[name];
          const def = DURATION_DEFINITIONS[name];
          const wrong = 'outOfOrder' in d ? outOfOrderText(d.outOfOrder) : undefined;
          return {
            id: `duration:${base}:${name}`,
            label: def.label,
            description:
              'outOfOrder' in d
                ? 'milestones out of order'
                : 'ms' in d
                  ? formatDuration(d.ms)
                  : `missing ${d.missing.map((x) => MILESTONE_LABELS[x].toLowerCase()).join(', ')}`,
            tooltip: `${MILESTONE_LABELS[def.to]} - ${MILESTONE_LABELS[def.from].toLowerCase()}${wrong ? `\nOut of order: ${wrong}` : ''}`,
            icon: new vscode.ThemeIcon('watch'),
            contextValue: 'duration',
            ...common,
          };
        }),
      ],
    };
  }
}
