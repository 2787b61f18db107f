// The reliability KPIs over a period: counts by month, severity and service; the median and p90
// of each duration (with n, and how many incidents lacked a milestone for it); action item closure
// and the open backlog; recurrence and its patterns. Drills are left out of all of it. Only these
// aggregates are called "median" / "p90": a single incident's duration is just its duration.

import { isDrill } from '../drill';
import { Incident } from '../incident';
import { SEVERITIES, Severity } from '../severity';
import { ActionItem, actionItemsOf } from './actionItems';
import { DURATIONS, DurationName, durationMs, isOutOfOrder, MILESTONES, milestoneTimes } from './milestones';
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
  /** Incidents whose milestones are out of order (`isOutOfOrder`): left out of the figures. */
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
export function median(sorted: ArrayLike<number>): number | undefined {
  if (sorted.length === 0) {
    return undefined;
  }
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Nearest-rank percentile of sorted values: the ceil(p n)-th smallest. */
export function percentile(sorted: ArrayLike<number>, p: number): number | undefined {
  return sorted.length ? sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)] : undefined;
}

const DURATION_COUNT = DURATIONS.length;

/**
 * The period's incidents as columns: the durations of row r at `durations[r * 4 + d]` (NaN when a
 * milestone is missing; `isOutOfOrder` tells the out-of-order ones). A year of incidents is read on every refresh
 * of the dashboard: an object per incident and duration was most of its time, in the garbage collector.
 */
interface Rows {
  readonly count: number;
  readonly durations: Float64Array;
}

/** `scratch` is as long as the rows: the values of one duration are gathered and sorted in it, numerically. */
function durationTable(rows: Rows, members: ArrayLike<number>, scratch: Float64Array): DurationTable {
  const table = {} as Record<DurationName, DurationStats>;
  for (let d = 0; d < DURATION_COUNT; d++) {
    let n = 0;
    let missing = 0;
    let outOfOrder = 0;
    for (let i = 0; i < members.length; i++) {
      const ms = rows.durations[members[i] * DURATION_COUNT + d];
      if (Number.isNaN(ms)) missing++;
      else if (isOutOfOrder(ms)) outOfOrder++;
      else scratch[n++] = ms;
    }
    // A typed array sorts numerically in native code, with no comparator called per comparison.
    const values = scratch.subarray(0, n).sort();
    const medianMs = median(values);
    const p90Ms = percentile(values, 0.9);
    table[DURATIONS[d]] = {
      n,
      missing,
      outOfOrder,
      ...(medianMs !== undefined ? { medianMs } : {}),
      ...(p90Ms !== undefined ? { p90Ms } : {}),
    };
  }
  return table;
}

const zeroBySeverity = (): Record<Severity, number> => Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;

/** The months the period touches (`YYYY-MM`, UTC) and the time each begins. */
function monthsBetween(fromMs: number, toMs: number): { months: string[]; starts: number[] } {
  const months: string[] = [];
  const starts: number[] = [];
  const from = new Date(fromMs);
  const to = new Date(toMs);
  const last = to.getUTCFullYear() * 12 + to.getUTCMonth();
  for (let m = from.getUTCFullYear() * 12 + from.getUTCMonth(); m <= last; m++) {
    const year = Math.floor(m / 12);
    months.push(`${year}-${String((m % 12) + 1).padStart(2, '0')}`);
    starts.push(Date.UTC(year, m % 12, 1));
  }
  return { months, starts };
}

/** The index of the last start at or before `ms` (the period's months are a dozen or so). */
function monthIndex(starts: readonly number[], ms: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= ms) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** The end of a due day (`YYYY-MM-DD`, UTC): a date-only ISO string parses as UTC midnight. */
const endOfDay = (day: string): number => Date.parse(day) + DAY_MS - 1;

/**
 * The backlog at a past time counts items added by then and not closed by then. The fold keeps only
 * an item's latest closure, so an item closed, reopened and still open counts as open throughout.
 */
function actionItemMetrics(items: readonly ActionItem[], fromMs: number, nowMs: number): ActionItemMetrics {
  let dueInPeriod = 0;
  let doneByDue = 0;
  let open = 0;
  let overdue = 0;
  const spanFrom = new Float64Array(items.length);
  const spanUntil = new Float64Array(items.length);
  for (let i = 0; i < items.length; i++) {
    const item = items[i];
    const due = item.due !== undefined ? endOfDay(item.due) : NaN;
    // A day still running is not yet due: it may be done by tonight.
    if (due >= fromMs && due <= nowMs) {
      dueInPeriod++;
      if (item.status === 'done' && item.closedAt !== undefined && Date.parse(item.closedAt) <= due) {
        doneByDue++;
      }
    }
    if (item.status === 'open') {
      open++;
      if (nowMs > due) {
        overdue++;
      }
    }
    spanFrom[i] = Date.parse(item.createdAt);
    spanUntil[i] = item.status === 'open' || item.closedAt === undefined ? Infinity : Date.parse(item.closedAt);
  }
  const backlog: { at: string; open: number }[] = [];
  for (let p = 1; p <= BACKLOG_POINTS; p++) {
    const t = fromMs + ((nowMs - fromMs) * p) / BACKLOG_POINTS;
    let openThen = 0;
    for (let i = 0; i < items.length; i++) if (spanFrom[i] <= t && spanUntil[i] > t) openThen++;
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

const SEVERITY_INDEX: ReadonlyMap<string, number> = new Map(SEVERITIES.map((s, i) => [s, i]));

/**
 * All KPIs over the `days` up to `now`. An incident belongs to the period by its impact start (the
 * `impact_started` milestone, corrections included).
 */
export function computeMetrics(incidents: readonly Incident[], options: MetricsOptions): Metrics {
  const nowMs = options.now.getTime();
  const fromMs = nowMs - options.days * DAY_MS;
  const recurrenceDays = options.recurrenceDays ?? DEFAULT_RECURRENCE_DAYS;
  const lookbackMs = fromMs - recurrenceDays * DAY_MS;
  const { months, starts } = monthsBetween(fromMs, nowMs);
  const durations = new Float64Array(incidents.length * DURATION_COUNT);
  // Row indexes per group: all, each severity, each month. Filled in one pass, no array of rows filtered per group.
  const all: number[] = [];
  const perSeverity: number[][] = SEVERITIES.map(() => []);
  const perMonth: number[][] = months.map(() => []);
  const monthCounts = months.map(zeroBySeverity);
  const services = new Map<string, Record<Severity, number>>();
  const signatures: RecurrenceSignature[] = [];
  const periodSignatures: RecurrenceSignature[] = [];
  const inPeriodIds = new Set<string>();
  const items: ActionItem[] = [];
  const times = new Float64Array(MILESTONES.length);
  let drillsLeftOut = 0;
  for (const incident of incidents) {
    milestoneTimes(incident, times);
    // As `impactStartMs`: the milestone, corrections included, else the declaration's.
    const startedMs = Number.isNaN(times[0]) ? Date.parse(incident.startedAt) : times[0];
    const inPeriod = startedMs >= fromMs && startedMs <= nowMs;
    if (isDrill(incident)) {
      drillsLeftOut += inPeriod ? 1 : 0;
      continue;
    }
    const incidentItems = actionItemsOf(incident).items;
    for (const item of incidentItems) items.push(item);
    // Recurrence looks back before the period, as far as its window: the first of the period's
    // incidents may recur an older one. Older incidents cannot be recurred by any of the period's.
    if (startedMs < lookbackMs) {
      continue;
    }
    const signature = recurrenceSignature(incident, options.filesOf, incidentItems, startedMs);
    signatures.push(signature);
    if (!inPeriod) {
      continue;
    }
    const row = all.length;
    all.push(row);
    for (let d = 0; d < DURATION_COUNT; d++) durations[row * DURATION_COUNT + d] = durationMs(times, DURATIONS[d]);
    const severity = SEVERITY_INDEX.get(incident.severity);
    if (severity !== undefined) perSeverity[severity].push(row);
    const month = monthIndex(starts, startedMs);
    perMonth[month].push(row);
    monthCounts[month][incident.severity]++;
    const counts = services.get(incident.service) ?? zeroBySeverity();
    counts[incident.severity]++;
    services.set(incident.service, counts);
    periodSignatures.push(signature);
    inPeriodIds.add(incident.id);
  }
  const rows: Rows = { count: all.length, durations };
  const scratch = new Float64Array(all.length);
  const group = (members: readonly number[]): GroupMetrics => ({
    count: members.length,
    durations: durationTable(rows, members, scratch),
  });

  const bySeverity = Object.fromEntries(SEVERITIES.map((s, i) => [s, group(perSeverity[i])])) as unknown as Record<Severity, GroupMetrics>;
  const byMonth = months.map((month, i): MonthMetrics => ({ month, ...group(perMonth[i]), bySeverity: monthCounts[i] }));
  const byService = [...services.entries()]
    .map(([service, counts]) => ({ service, count: SEVERITIES.reduce((n, s) => n + counts[s], 0), bySeverity: counts }))
    .sort((a, b) => b.count - a.count || a.service.localeCompare(b.service));

  const recurrences = findRecurrences(signatures, recurrenceDays);
  // Those of the period's incidents, kept in place: a later incident's pairs are next to each other,
  // so the period is asked once per incident, not once per pair, and no second list is made.
  let kept = 0;
  let lastId: string | undefined;
  let inPeriod = false;
  for (const r of recurrences) {
    if (r.incidentId !== lastId) {
      lastId = r.incidentId;
      inPeriod = inPeriodIds.has(lastId);
    }
    if (inPeriod) recurrences[kept++] = r;
  }
  recurrences.length = kept;
  // Oldest first, as the patterns list their incidents: each group's members then come in order, unsorted.
  periodSignatures.sort((a, b) => a.startedMs - b.startedMs || (a.incidentId < b.incidentId ? -1 : 1));
  const patterns = recurrencePatterns(periodSignatures, options.days);

  return {
    days: options.days,
    from: new Date(fromMs).toISOString(),
    to: new Date(nowMs).toISOString(),
    count: all.length,
    drillsLeftOut,
    overall: group(all),
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
