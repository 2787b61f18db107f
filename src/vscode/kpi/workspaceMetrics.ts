// The KPIs over every incident in the workspace's folders. The files of the commits marked cause are
// read from each folder's git (lazily loaded adapter), only in a trusted workspace; without them
// recurrence still sees runbooks and action item links, and the dashboard says so.
import * as vscode from 'vscode';
import { computeMetrics, Metrics } from '../../core/learning/metrics';
import { causeShas, DEFAULT_RECURRENCE_DAYS } from '../../core/learning/recurrence';
import { IncidentModel } from '../incidentModel';
import { kpiAdapter } from '../lazyAdapters';

export interface WorkspaceMetrics {
  readonly metrics: Metrics;
  readonly total: number;
  readonly note?: string;
}

export function recurrenceDays(): number {
  const days = vscode.workspace.getConfiguration('warroom').get<number>('recurrence.days') ?? DEFAULT_RECURRENCE_DAYS;
  return Number.isInteger(days) && days > 0 ? days : DEFAULT_RECURRENCE_DAYS;
}

/** Files of each cause commit, per folder's repository; empty (and why) when git may not run. */
export async function causeFiles(model: IncidentModel): Promise<{ files: Map<string, readonly string[]>; note?: string }> {
  const files = new Map<string, readonly string[]>();
  if (!vscode.workspace.isTrusted) {
    return { files, note: 'Recurrence uses runbooks and action item links only: in an untrusted workspace War Room runs no git.' };
  }
  for (const state of model.folderStates()) {
    const shas = [...state.incidents.values()].flatMap((loaded) => causeShas(loaded.incident));
    if (shas.length) {
      for (const [sha, list] of await kpiAdapter().commitFiles(state.folder.uri.fsPath, shas)) {
        files.set(sha, list);
      }
    }
  }
  return { files };
}

export async function workspaceMetrics(model: IncidentModel, days: number, now = new Date()): Promise<WorkspaceMetrics> {
  const incidents = model.all().map((ref) => ref.incident);
  const { files, note } = await causeFiles(model);
  const metrics = computeMetrics(incidents, { now, days, recurrenceDays: recurrenceDays(), filesOf: (sha) => files.get(sha) });
  return { metrics, total: incidents.length, ...(note ? { note } : {}) };
}
