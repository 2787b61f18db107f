// The reliability dashboard's messages. The page shows `Metrics` (core/learning/metrics.ts) for one
// period; it asks for another period or an export, and the extension answers with the new state.

import { Metrics, METRIC_PERIODS, MetricPeriod } from '../core/learning/metrics';
import { FolderLoad } from '../core/oncall/load';
import {
  Done,
  hostMessageParser,
  isDone,
  isObject,
  isRequestId,
  isVersion,
  messageParser,
  Parsed,
  ReadyMessage,
  ReplyMessage,
  ResultChecks,
} from './common';

/** How many patterns the page lists (a year of a busy organisation can have thousands; the export has all). */
export const DASHBOARD_PATTERNS = 20;

/** On-call load over the dashboard's period for one folder (its own rotation file, if it has one). */
export type FolderOncallLoad = FolderLoad;

export interface DashboardState {
  readonly metrics: Metrics;
  /** One entry per workspace folder with incidents or a rotation file. */
  readonly oncall: readonly FolderOncallLoad[];
  /** Incidents in the workspace before the period filter (so "no incidents" can say why). */
  readonly total: number;
  /** Why recurrence could not read the cause commits' files, if it could not (untrusted workspace, no git). */
  readonly note?: string;
  readonly version: number;
}

export const EXPORT_FORMATS = ['markdown', 'csv'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export type SetPeriodMessage = { readonly type: 'setPeriod'; readonly requestId: string; readonly days: MetricPeriod };
export type ExportMessage = { readonly type: 'export'; readonly requestId: string; readonly format: ExportFormat };
/** Opens an incident's timeline (from a pattern or a recurrence). */
export type OpenIncidentMessage = { readonly type: 'openIncident'; readonly incidentId: string };

export type DashboardWebviewMessage = ReadyMessage | SetPeriodMessage | ExportMessage | OpenIncidentMessage;

export type DashboardStateMessage = { readonly type: 'state'; readonly state: DashboardState };
export type DashboardHostMessage = DashboardStateMessage | ReplyMessage;

export interface DashboardResults {
  readonly setPeriod: Done;
  readonly export: Done;
}

export const DASHBOARD_RESULTS: ResultChecks<DashboardResults> = { setPeriod: isDone, export: isDone };

const isPeriod = (v: unknown): v is MetricPeriod => (METRIC_PERIODS as readonly unknown[]).includes(v);
const isFormat = (v: unknown): v is ExportFormat => (EXPORT_FORMATS as readonly unknown[]).includes(v);
const isIncidentRef = (v: unknown): v is string => typeof v === 'string' && /^[A-Za-z0-9_-]{1,100}$/.test(v);

export const parseDashboardMessage: (value: unknown) => Parsed<DashboardWebviewMessage> =
  /* @__PURE__ */ messageParser<DashboardWebviewMessage>({
    ready: { checks: { version: isVersion } },
    setPeriod: { checks: { requestId: isRequestId, days: isPeriod } },
    export: { checks: { requestId: isRequestId, format: isFormat } },
    openIncident: { checks: { incidentId: isIncidentRef } },
  });

const isPersonLoad = (v: unknown): boolean =>
  isObject(v) &&
  typeof v.person === 'string' &&
  ['pages', 'incidents', 'outOfHoursPages', 'weekendPages', 'incidentMinutes', 'pagesPerWeek', 'incidentsPerWeek'].every(
    (k) => typeof v[k] === 'number',
  );

export function isFolderOncallLoad(value: unknown): value is FolderOncallLoad {
  if (!isObject(value) || typeof value.folder !== 'string' || typeof value.rotation !== 'boolean' || !isObject(value.load)) {
    return false;
  }
  const l = value.load;
  const spread = l.spread;
  return (
    typeof l.from === 'string' &&
    typeof l.to === 'string' &&
    typeof l.weeks === 'number' &&
    Array.isArray(l.people) &&
    l.people.every(isPersonLoad) &&
    Array.isArray(l.overloaded) &&
    l.overloaded.every(isPersonLoad) &&
    typeof l.pagesPerWeekLimit === 'number' &&
    typeof l.drillsLeftOut === 'number' &&
    typeof l.unrotatedPages === 'number' &&
    (spread === undefined ||
      (isObject(spread) && typeof spread.most === 'string' && typeof spread.least === 'string' && typeof spread.pagesPerWeek === 'number'))
  );
}

export function isDashboardState(value: unknown): value is DashboardState {
  if (!isObject(value) || !isObject(value.metrics)) {
    return false;
  }
  const m = value.metrics;
  return (
    typeof m.days === 'number' &&
    Array.isArray(m.byMonth) &&
    Array.isArray(m.byService) &&
    Array.isArray(m.patterns) &&
    Array.isArray(m.recurrences) &&
    isObject(m.overall) &&
    isObject(m.bySeverity) &&
    isObject(m.actionItems) &&
    Array.isArray(value.oncall) &&
    value.oncall.every(isFolderOncallLoad) &&
    typeof value.total === 'number' &&
    isVersion(value.version)
  );
}

export const parseDashboardHostMessage = /* @__PURE__ */ hostMessageParser<DashboardStateMessage>({
  state: { checks: { state: isDashboardState } },
});

/** The state the page gets: the patterns trimmed to what it lists. */
export function dashboardState(
  metrics: Metrics,
  oncall: readonly FolderOncallLoad[],
  total: number,
  version: number,
  note?: string,
): DashboardState {
  return {
    metrics: {
      ...metrics,
      patterns: metrics.patterns.slice(0, DASHBOARD_PATTERNS),
      recurrences: metrics.recurrences.slice(0, DASHBOARD_PATTERNS),
    },
    oncall,
    total,
    version,
    ...(note ? { note } : {}),
  };
}
