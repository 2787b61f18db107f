// The KPIs over every incident in the workspace's folders. The files of the commits marked cause are
// read from each folder's git (lazily loaded adapter), only in a trusted workspace; without them
// recurrence still sees runbooks and action item links, and the dashboard says so.
import * as vscode from 'vscode';
import type { Metrics } from '../../core/learning/metrics';
import { causeShas, DEFAULT_RECURRENCE_DAYS } from '../../core/learning/recurrence';
import { DEFAULT_PAGES_PER_WEEK_LIMIT } from '../../core/oncall/model';
import { OncallResolver } from '../../core/oncall/resolve';
import { FolderOncallLoad } from '../../protocol/dashboard';
import { IncidentModel } from '../incidentModel';
import { kpiAdapter, kpiReports } from '../lazyAdapters';

export interface WorkspaceMetrics {
  readonly metrics: Metrics;
  /** On-call load over the same period, per folder with incidents or a rotation file. */
  readonly oncall: readonly FolderOncallLoad[];
  readonly total: number;
  readonly note?: string;
}

/** `warroom.oncall.pagesPerWeekLimit`, or the default when unset or not a number of pages. */
export function pagesPerWeekLimit(): number {
  const limit = vscode.workspace.getConfiguration('warroom').get<number>('oncall.pagesPerWeekLimit');
  return typeof limit === 'number' && Number.isFinite(limit) && limit >= 0 ? limit : DEFAULT_PAGES_PER_WEEK_LIMIT;
}

export function recurrenceDays(): number {
  const days = vscode.workspace.getConfiguration('warroom').get<number>('recurrence.days') ?? DEFAULT_RECURRENCE_DAYS;
  return Number.isInteger(days) && days > 0 ? days : DEFAULT_RECURRENCE_DAYS;
}

// A commit's files never change: each folder's answers are kept, so a model change (every new event
// anywhere) asks git only about commits marked cause since.
const known = new Map<string, Map<string, readonly string[]>>();

/** Files of each cause commit, per folder's repository; empty (and why) when git may not run. */
export async function causeFiles(model: IncidentModel): Promise<{ files: Map<string, readonly string[]>; note?: string }> {
  const files = new Map<string, readonly string[]>();
  if (!vscode.workspace.isTrusted) {
    return { files, note: 'Recurrence uses runbooks and action item links only: in an untrusted workspace War Room runs no git.' };
  }
  for (const state of model.folderStates()) {
    const repo = state.folder.uri.fsPath;
    const cache = known.get(repo) ?? new Map<string, readonly string[]>();
    known.set(repo, cache);
    const shas = [...state.incidents.values()].flatMap((loaded) => causeShas(loaded.incident));
    const unknown = shas.filter((sha) => !cache.has(sha));
    if (unknown.length) {
      for (const [sha, list] of await kpiAdapter().commitFiles(repo, unknown)) {
        cache.set(sha, list);
      }
    }
    for (const sha of shas) {
      const list = cache.get(sha);
      if (list) files.set(sha, list);
    }
  }
  return { files };
}

/** A folder's rotations (its `.warroom/oncall.yaml`), undefined when it has none. */
export type RotationOf = (folder: vscode.WorkspaceFolder) => OncallResolver | undefined;

/** Each folder's incidents against its own rotation file (rotations are per repository). */
export function workspaceOncallLoad(model: IncidentModel, days: number, now: Date, rotationOf: RotationOf): FolderOncallLoad[] {
  const loads: FolderOncallLoad[] = [];
  const limit = pagesPerWeekLimit();
  const { oncallLoad } = kpiReports();
  for (const state of model.folderStates()) {
    const resolver = rotationOf(state.folder);
    if (!resolver && !state.incidents.size) continue;
    const incidents = [...state.incidents.values()].map((loaded) => loaded.incident);
    const load = oncallLoad(incidents, { now, days, pagesPerWeekLimit: limit, ...(resolver ? { resolver } : {}) });
    loads.push({ folder: state.folder.name, rotation: resolver !== undefined, load });
  }
  return loads;
}

export async function workspaceMetrics(
  model: IncidentModel,
  days: number,
  rotationOf: RotationOf,
  now = new Date(),
): Promise<WorkspaceMetrics> {
  const incidents = model.all().map((ref) => ref.incident);
  const { files, note } = await causeFiles(model);
  const metrics = kpiReports().computeMetrics(incidents, { now, days, recurrenceDays: recurrenceDays(), filesOf: (sha) => files.get(sha) });
  const oncall = workspaceOncallLoad(model, days, now, rotationOf);
  return { metrics, oncall, total: incidents.length, ...(note ? { note } : {}) };
}
