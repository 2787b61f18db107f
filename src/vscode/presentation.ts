// How severities, statuses and timeline kinds look in the UI: codicons and theme colors
// (contributed in package.json as warroom.sev1 .. warroom.sev4, so themes can restyle them).
import * as vscode from 'vscode';
import { Severity } from '../core/severity';
import { Status } from '../core/status';
import { TimelineKind } from '../core/timeline';

const SEVERITY_ICONS: Readonly<Record<Severity, string>> = {
  SEV1: 'flame',
  SEV2: 'warning',
  SEV3: 'info',
  SEV4: 'circle-outline',
};

export function severityIcon(severity: Severity, status: Status): vscode.ThemeIcon {
  if (status === 'resolved') {
    return new vscode.ThemeIcon('pass', new vscode.ThemeColor('warroom.resolved'));
  }
  return new vscode.ThemeIcon(SEVERITY_ICONS[severity], new vscode.ThemeColor(`warroom.${severity.toLowerCase()}`));
}

const KIND_ICONS: Readonly<Record<TimelineKind, string>> = {
  declared: 'megaphone',
  severity: 'flame',
  status: 'pulse',
  role: 'person',
  note: 'note',
  decision: 'law',
  action: 'zap',
  hypothesis: 'question',
  comms: 'broadcast',
  alert: 'bell',
  deploy: 'rocket',
  runbook: 'checklist',
  resolved: 'pass',
  reopened: 'issue-reopened',
  other: 'circle-small',
};

export function timelineIcon(kind: TimelineKind): vscode.ThemeIcon {
  return new vscode.ThemeIcon(KIND_ICONS[kind]);
}
