// The reliability KPIs over a period: counts by month, severity and service; the median and p90
// of each duration (with n, and how many incidents lacked a milestone for it); action item closure
// and the open backlog; recurrence and its patterns. Drills are left out of all of it. Only these
// aggregates are called "median" / "p90": a single incident's duration is just its duration.

import { isDrill } from '../drill';
import { Incident } from '../incident';
import { SEVERITIES, Severity } from '../severity';
import { ActionItem, actionItemsOf } from './actionItems';
import { DURATIONS, DurationName, durationsOf, impactStartMs, milestonesOf } from './milestones';
import {
  DEFAULT_RECURRENCE_DAYS,
  FilesOf,
  findRecurrences,
  Recurrence,
  RecurrencePattern,
  recurrencePatterns,
  RecurrenceSignature,
  recurrenceSignature,
} from './recurrence';

export const METRIC_PERIODS = [30, 90, 365] as const;
export type MetricPeriod = (typeof METRIC_PERIODS)[number];

const DAY_MS = 86_400_000;
/** How many points the backlog line has over any period. */
export const BACKLOG_POINTS = 12;

export interface DurationStats {
  /** Incidents with both milestones, in order. */
  readonly n: number;
  /** Incidents lacking one or both milestones: shown as missing, never guessed. */
  readonly missing: number;
  /** Incidents whose milestones are out of order (a negative duration): left out of the figures. */
  readonly outOfOrder: number;
  /** Milliseconds; absent when n is 0. The median of an even n is the mean of the two middle values. */
  readonly medianMs?: number;
  /** Nearest rank: the ceil(0.9 n)-th smallest. */
  readonly p90Ms?: number;
}

export type DurationTable = Readonly<Record<DurationName, DurationStats>>;

export interface GroupMetrics {
  readonly count: number;
  readonly durations: DurationTable;
}

export interface MonthMetrics extends GroupMetrics {
  /** `YYYY-MM` (UTC). */
  readonly month: string;
  readonly bySeverity: Readonly<Record<Severity, number>>;
}

export interface ServiceMetrics {
  readonly service: string;
  readonly count: number;
  readonly bySeverity: Readonly<Record<Severity, number>>;
}

export interface ActionItemMetrics {
  /** Items (of non-drill incidents) whose due day falls in the period, up to now. */
  readonly dueInPeriod: number;
  /** Of those, done by the end of their due day. */
  readonly doneByDue: number;
  /** doneByDue / dueInPeriod; absent when nothing was due. */
  readonly closureRate?: number;
  /** Open now, and of those past due. */
  readonly open: number;
  readonly overdue: number;
  /** Open items at evenly spaced times through the period, the last one now. */
  readonly backlog: readonly { readonly at: string; readonly open: number }[];
}

export interface Metrics {
  readonly days: number;
  /** The period: incidents whose impact started in [from, to]. */
  readonly from: string;
  readonly to: string;
  readonly count: number;
  /** Drills in the period, left out of every figure. */
  readonly drillsLeftOut: number;
  readonly overall: GroupMetrics;
  readonly bySeverity: Readonly<Record<Severity, GroupMetrics>>;
  /** Every month the period touches, oldest first, empty ones included. */
  readonly byMonth: readonly MonthMetrics[];
  /** Most incidents first. */
  readonly byService: readonly ServiceMetrics[];
  readonly actionItems: ActionItemMetrics;
  /** Recurrences whose later incident is in the period, newest first. */
  readonly recurrences: readonly Recurrence[];
  readonly patterns: readonly RecurrencePattern[];
}

export interface MetricsOptions {
  readonly now: Date;
  readonly days: number;
  /** The recurrence window (setting `warroom.recurrence.days`). */
  readonly recurrenceDays?: number;
  /** Files of a commit marked cause (the git adapter's lookup); without it only action item links count. */
  readonly filesOf?: FilesOf;
}

/** The median of sorted values (the mean of the middle two for an even count). */
export function median(sorted: readonly number[]): number | undefined {
  if (sorted.length === 0) {
    return undefined;
  }
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Nearest-rank percentile of sorted values: the ceil(p n)-th smallest. */
export function percentile(sorted: readonly number[], p: number): number | undefined {
  return sorted.length ? sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)] : undefined;
}

/** One incident as the KPIs see it, folded once. */
interface Row {
  readonly incident: Incident;
  readonly startedMs: number;
  readonly durations: ReturnType<typeof durationsOf>;
}

function durationTable(rows: readonly Row[]): DurationTable {
  const table = {} as Record<DurationName, DurationStats>;
  for (const name of DURATIONS) {
    const values: number[] = [];
    let missing = 0;
    let outOfOrder = 0;
    for (const row of rows) {
      const d = row.durations[name];
      if ('missing' in d) missing++;
      else if (d.ms < 0) outOfOrder++;
      else values.push(d.ms);
    }
    values.sort((a, b) => a - b);
    const medianMs = median(values);
    const p90Ms = percentile(values, 0.9);
    table[name] = {
      n: values.length,
      missing,
      outOfOrder,
      ...(medianMs !== undefined ? { medianMs } : {}),
      ...(p90Ms !== undefined ? { p90Ms } : {}),
    };
  }
  return table;
}

const group = (rows: readonly Row[]): GroupMetrics => ({ count: rows.length, durations: durationTable(rows) });

const zeroBySeverity = (): Record<Severity, number> => Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;

const monthOf = (ms: number): string => new Date(ms).toISOString().slice(0, 7);

function monthsBetween(fromMs: number, toMs: number): string[] {
  const months: string[] = [];
  const d = new Date(fromMs);
  let year = d.getUTCFullYear();
  let month = d.getUTCMonth();
  const last = monthOf(toMs);
  for (;;) {
    const key = `${year}-${String(month + 1).padStart(2, '0')}`;
    months.push(key);
    if (key >= last) {
      return months;
    }
    month = (month + 1) % 12;
    year += month === 0 ? 1 : 0;
  }
}

const endOfDay = (day: string): number => Date.parse(`${day}T23:59:59.999Z`);

/**
 * The backlog at a past time counts items added by then and not closed by then. The fold keeps only
 * an item's latest closure, so an item closed, reopened and still open counts as open throughout.
 */
function actionItemMetrics(items: readonly ActionItem[], fromMs: number, nowMs: number): ActionItemMetrics {
  let dueInPeriod = 0;
  let doneByDue = 0;
  let open = 0;
  let overdue = 0;
  for (const item of items) {
    if (item.due !== undefined) {
      const due = endOfDay(item.due);
      // A day still running is not yet due: it may be done by tonight.
      if (due >= fromMs && due <= nowMs) {
        dueInPeriod++;
        if (item.status === 'done' && item.closedAt !== undefined && Date.parse(item.closedAt) <= due) {
          doneByDue++;
        }
      }
    }
    if (item.status === 'open') {
      open++;
      if (item.due !== undefined && nowMs > endOfDay(item.due)) {
        overdue++;
      }
    }
  }
  const spans = items.map((item) => ({
    from: Date.parse(item.createdAt),
    until: item.status === 'open' || item.closedAt === undefined ? Infinity : Date.parse(item.closedAt),
  }));
  const backlog: { at: string; open: number }[] = [];
  for (let i = 1; i <= BACKLOG_POINTS; i++) {
    const t = fromMs + ((nowMs - fromMs) * i) / BACKLOG_POINTS;
    let openThen = 0;
    for (const s of spans) if (s.from <= t && s.until > t) openThen++;
    backlog.push({ at: new Date(t).toISOString(), open: openThen });
  }
  return {
    dueInPeriod,
    doneByDue,
    ...(dueInPeriod ? { closureRate: doneByDue / dueInPeriod } : {}),
    open,
    overdue,
    backlog,
  };
}

/**
 * All KPIs over the `days` up to `now`. An incident belongs to the period by its impact start (the
 * `impact_started` milestone, corrections included).
 */
export function computeMetrics(incidents: readonly Incident[], options: MetricsOptions): Metrics {
  const nowMs = options.now.getTime();
  const fromMs = nowMs - options.days * DAY_MS;
  const rows: Row[] = [];
  const signatures: RecurrenceSignature[] = [];
  const items: ActionItem[] = [];
  let drillsLeftOut = 0;
  for (const incident of incidents) {
    const milestones = milestonesOf(incident);
    const startedMs = impactStartMs(incident, milestones);
    const inPeriod = startedMs >= fromMs && startedMs <= nowMs;
    if (isDrill(incident)) {
      drillsLeftOut += inPeriod ? 1 : 0;
      continue;
    }
    const incidentItems = actionItemsOf(incident).items;
    for (const item of incidentItems) items.push(item);
    // Recurrence looks back before the period: the first of the period's incidents may recur an older one.
    signatures.push(recurrenceSignature(incident, options.filesOf, incidentItems, startedMs));
    if (inPeriod) {
      rows.push({ incident, startedMs, durations: durationsOf(milestones) });
    }
  }

  const bySeverity = Object.fromEntries(
    SEVERITIES.map((s) => [s, group(rows.filter((r) => r.incident.severity === s))]),
  ) as unknown as Record<Severity, GroupMetrics>;

  const rowsByMonth = new Map<string, Row[]>();
  for (const r of rows) {
    const month = monthOf(r.startedMs);
    const list = rowsByMonth.get(month);
    if (list) list.push(r);
    else rowsByMonth.set(month, [r]);
  }
  const byMonth = monthsBetween(fromMs, nowMs).map((month): MonthMetrics => {
    const inMonth = rowsByMonth.get(month) ?? [];
    const counts = zeroBySeverity();
    for (const r of inMonth) counts[r.incident.severity]++;
    return { month, ...group(inMonth), bySeverity: counts };
  });

  const services = new Map<string, Record<Severity, number>>();
  for (const r of rows) {
    const counts = services.get(r.incident.service) ?? zeroBySeverity();
    counts[r.incident.severity]++;
    services.set(r.incident.service, counts);
  }
  const byService = [...services.entries()]
    .map(([service, counts]) => ({ service, count: SEVERITIES.reduce((n, s) => n + counts[s], 0), bySeverity: counts }))
    .sort((a, b) => b.count - a.count || a.service.localeCompare(b.service));

  const inPeriodIds = new Set(rows.map((r) => r.incident.id));
  const recurrences = findRecurrences(signatures, options.recurrenceDays ?? DEFAULT_RECURRENCE_DAYS).filter((r) =>
    inPeriodIds.has(r.incidentId),
  );
  const patterns = recurrencePatterns(
    signatures.filter((s) => inPeriodIds.has(s.incidentId)),
    options.days,
  );

  return {
    days: options.days,
    from: new Date(fromMs).toISOString(),
    to: new Date(nowMs).toISOString(),
    count: rows.length,
    drillsLeftOut,
    overall: group(rows),
    bySeverity,
    byMonth,
    byService,
    actionItems: actionItemMetrics(items, fromMs, nowMs),
    recurrences,
    patterns,
  };
}

/** `90d`, `12w`, `6m` (30-day months), `1y`, or a bare number of days. */
export function parsePeriod(text: string): number | undefined {
  const match = /^\s*(\d{1,5})\s*([dwmy]?)\s*$/i.exec(text);
  if (!match) {
    return undefined;
  }
  const n = Number(match[1]) * { '': 1, d: 1, w: 7, m: 30, y: 365 }[match[2].toLowerCase() as '' | 'd' | 'w' | 'm' | 'y'];
  return n > 0 && n <= 36_500 ? n : undefined;
}
