// The incident's milestones and the four durations the team learns from. Each milestone is an
// event; a correction is a later event (the original stays in the log). Folded here from
// `incident.events`, not by the core fold (see ARCHITECTURE.md).

import { EventBase, IncidentEvent } from '../events';
import { Incident } from '../incident';
import { formatUtc } from '../time';

export const MILESTONES = ['impact_started', 'detected', 'acknowledged', 'mitigated', 'resolved', 'closed'] as const;
export type Milestone = (typeof MILESTONES)[number];

export const MILESTONE_LABELS: Readonly<Record<Milestone, string>> = {
  impact_started: 'Impact started',
  detected: 'Detected',
  acknowledged: 'Acknowledged',
  mitigated: 'Mitigated',
  resolved: 'Resolved',
  closed: 'Closed',
};

export const MILESTONE_EVENT = 'milestone_set';

/** Sets (or with `cleared`, withdraws) one milestone. The latest such event for a milestone wins. */
export interface MilestoneSetEvent extends EventBase {
  readonly type: typeof MILESTONE_EVENT;
  readonly milestone: Milestone;
  /** When it happened (ISO UTC); absent only when `cleared`. */
  readonly at?: string;
  readonly cleared?: boolean;
  /** The timeline event this marks ("mark this event as mitigation"). */
  readonly eventId?: string;
  /** Where it came from when not typed by a person, e.g. "pagerduty" for an imported acknowledgement. */
  readonly source?: string;
  readonly note?: string;
}

export function isMilestone(value: unknown): value is Milestone {
  return (MILESTONES as readonly unknown[]).includes(value);
}

/** Checks the fields this module reads; the envelope was checked by `validateEvent`. */
export function checkMilestoneSet(event: IncidentEvent): { event: MilestoneSetEvent } | { error: string } {
  const record = event as unknown as Record<string, unknown>;
  if (record.type !== MILESTONE_EVENT) {
    return { error: `not a ${MILESTONE_EVENT} event (type "${String(record.type)}")` };
  }
  if (!isMilestone(record.milestone)) {
    return { error: `${MILESTONE_EVENT} event: "milestone" must be one of ${MILESTONES.join(', ')}` };
  }
  if (record.cleared !== undefined && typeof record.cleared !== 'boolean') {
    return { error: `${MILESTONE_EVENT} event: "cleared" must be true or false when present` };
  }
  if (record.cleared !== true && (typeof record.at !== 'string' || Number.isNaN(Date.parse(record.at)))) {
    return { error: `${MILESTONE_EVENT} event: "at" must be an ISO 8601 time` };
  }
  for (const field of ['eventId', 'source', 'note'] as const) {
    if (record[field] !== undefined && typeof record[field] !== 'string') {
      return { error: `${MILESTONE_EVENT} event: "${field}" must be a string when present` };
    }
  }
  return { event: record as unknown as MilestoneSetEvent };
}

/** Where a milestone's time came from: the declaration, a resolve event, or a milestone event. */
export type MilestoneOrigin = 'declared' | 'resolved' | 'milestone';

export interface MilestoneValue {
  readonly milestone: Milestone;
  readonly at: string;
  readonly origin: MilestoneOrigin;
  /** Who set it (the event's author). */
  readonly by: string;
  /** The event that set it. */
  readonly setBy: string;
  readonly eventId?: string;
  readonly source?: string;
  /** How many earlier values this one corrects. */
  readonly corrections: number;
}

export interface MilestoneWarning {
  readonly milestone: Milestone;
  readonly message: string;
}

export interface Milestones {
  /** The current value of each milestone that is known; a missing one is absent, never guessed. */
  readonly values: Partial<Readonly<Record<Milestone, MilestoneValue>>>;
  /** Out-of-order milestones: reported, never silently fixed. */
  readonly warnings: readonly MilestoneWarning[];
  /** Milestone events that failed the field check (kept in the log, not folded). */
  readonly problems: readonly { readonly eventId: string; readonly message: string }[];
}

/**
 * Folds the milestones from the incident's events (deduplicated and ordered by the core fold):
 * the declaration gives impact start and detection, a resolve gives resolution (a reopen withdraws
 * it and the closure), and `milestone_set` events set or correct any of them.
 */
export function milestonesOf(incident: Pick<Incident, 'events'>): Milestones {
  const values: Partial<Record<Milestone, MilestoneValue>> = {};
  const problems: { eventId: string; message: string }[] = [];
  const timesSet = new Map<Milestone, number>();
  const set = (milestone: Milestone, at: string, origin: MilestoneOrigin, event: IncidentEvent, extra: Partial<MilestoneValue> = {}) => {
    const corrections = timesSet.get(milestone) ?? 0;
    values[milestone] = { milestone, at, origin, by: event.author, setBy: event.id, corrections, ...extra };
    timesSet.set(milestone, corrections + 1);
  };
  for (const event of incident.events) {
    const record = event as unknown as Record<string, unknown>;
    switch (event.type) {
      case 'declared':
        if (typeof record.startedAt === 'string') set('impact_started', record.startedAt, 'declared', event);
        if (typeof record.detectedAt === 'string') set('detected', record.detectedAt, 'declared', event);
        break;
      case 'resolved':
        set('resolved', event.ts, 'resolved', event);
        break;
      case 'reopened':
        delete values.resolved;
        delete values.closed;
        break;
      case MILESTONE_EVENT: {
        const checked = checkMilestoneSet(event);
        if ('error' in checked) {
          problems.push({ eventId: event.id, message: checked.error });
          break;
        }
        const e = checked.event;
        if (e.cleared) {
          delete values[e.milestone];
          break;
        }
        set(e.milestone, e.at as string, 'milestone', event, {
          ...(e.eventId ? { eventId: e.eventId } : {}),
          ...(e.source ? { source: e.source } : {}),
        });
        break;
      }
    }
  }
  return { values, warnings: orderWarnings(values), problems };
}

/**
 * How many days before the incident began a milestone may be set without saying so on purpose. A
 * fault can lie latent for weeks before anyone declares; a time further back is far more often a
 * typo ("99999d ago", a wrong year), and a milestone once written stays in the log.
 */
export const MILESTONE_LOOKBACK_DAYS = 30;

/**
 * Why a milestone time is refused unless confirmed: it is more than `MILESTONE_LOOKBACK_DAYS` before
 * the incident began (the earliest of its impact start, corrections included, and its declaration).
 * Undefined when it is not.
 */
export function milestoneTooEarly(
  incident: Pick<Incident, 'startedAt' | 'declaredAt' | 'events'>,
  milestone: Milestone,
  at: Date,
): string | undefined {
  const began = Math.min(impactStartMs(incident, milestonesOf(incident)), Date.parse(incident.declaredAt));
  const days = (began - at.getTime()) / 86_400_000;
  if (!(days > MILESTONE_LOOKBACK_DAYS)) {
    return undefined;
  }
  return `${MILESTONE_LABELS[milestone]} at ${formatUtc(at.toISOString())} would be ${Math.floor(days)} days before this incident began (${formatUtc(new Date(began).toISOString())}), more than the ${MILESTONE_LOOKBACK_DAYS} days a milestone may be set back. Check the time you typed`;
}

/** Index of each milestone in `MILESTONES` (and in `milestoneTimes`' array). */
export const MILESTONE_INDEX: Readonly<Record<Milestone, number>> = Object.fromEntries(
  MILESTONES.map((m, i) => [m, i]),
) as unknown as Record<Milestone, number>;

/**
 * The current time (ms) of each milestone, in `MILESTONES` order, NaN when missing (or unreadable):
 * the fold of `milestonesOf` without its records, warnings and problems, for the KPIs, which read
 * every incident of the year. Written into `out` (length 6) when given, so a caller folding
 * thousands of incidents allocates nothing per incident. `milestoneTimes.test.ts` holds the two equal.
 */
export function milestoneTimes(incident: Pick<Incident, 'events'>, out = new Float64Array(MILESTONES.length)): Float64Array {
  out.fill(NaN);
  for (const event of incident.events) {
    switch (event.type) {
      case 'declared': {
        const record = event as unknown as Record<string, unknown>;
        if (typeof record.startedAt === 'string') out[0] = Date.parse(record.startedAt);
        if (typeof record.detectedAt === 'string') out[1] = Date.parse(record.detectedAt);
        break;
      }
      case 'resolved':
        out[4] = Date.parse(event.ts);
        break;
      case 'reopened':
        out[4] = NaN;
        out[5] = NaN;
        break;
      case MILESTONE_EVENT: {
        const checked = checkMilestoneSet(event);
        if ('event' in checked) {
          const e = checked.event;
          out[MILESTONE_INDEX[e.milestone]] = e.cleared ? NaN : Date.parse(e.at as string);
        }
        break;
      }
    }
  }
  return out;
}

/**
 * A duration from `milestoneTimes`, for the KPIs: NaN when either milestone is missing, out of order
 * (left out of the figures) when `isOutOfOrder`, the rule `durationsOf` decides by.
 */
export function durationMs(times: ArrayLike<number>, name: DurationName): number {
  const { from, to } = DURATION_DEFINITIONS[name];
  return times[MILESTONE_INDEX[to]] - times[MILESTONE_INDEX[from]];
}

/** When the impact started (ms): the `impact_started` milestone, corrections included, else the declaration's. */
export function impactStartMs(incident: Pick<Incident, 'startedAt'>, milestones: Milestones): number {
  return Date.parse(milestones.values.impact_started?.at ?? incident.startedAt);
}

function orderWarnings(values: Partial<Record<Milestone, MilestoneValue>>): MilestoneWarning[] {
  const warnings: MilestoneWarning[] = [];
  let previous: MilestoneValue | undefined;
  for (const milestone of MILESTONES) {
    const value = values[milestone];
    if (!value) {
      continue;
    }
    if (previous && isOutOfOrder(Date.parse(value.at) - Date.parse(previous.at))) {
      warnings.push({
        milestone,
        message: `${MILESTONE_LABELS[milestone]} (${formatUtc(value.at)}) is before ${MILESTONE_LABELS[previous.milestone].toLowerCase()} (${formatUtc(previous.at)})`,
      });
    }
    previous = value;
  }
  return warnings;
}

export const DURATIONS = ['timeToDetect', 'timeToAcknowledge', 'timeToMitigate', 'timeToResolve'] as const;
export type DurationName = (typeof DURATIONS)[number];

/** Each duration as the difference of two milestones: the definitions the README states. */
export const DURATION_DEFINITIONS: Readonly<
  Record<DurationName, { readonly label: string; readonly from: Milestone; readonly to: Milestone }>
> = {
  timeToDetect: { label: 'Time to detect', from: 'impact_started', to: 'detected' },
  timeToAcknowledge: { label: 'Time to acknowledge', from: 'detected', to: 'acknowledged' },
  timeToMitigate: { label: 'Time to mitigate', from: 'impact_started', to: 'mitigated' },
  timeToResolve: { label: 'Time to resolve', from: 'impact_started', to: 'resolved' },
};

/**
 * The one rule of order: a milestone's time minus an earlier one's is out of order when negative
 * (the later milestone was set before the earlier one); at the same moment it is a duration of zero.
 * NaN (a milestone missing) is not out of order.
 */
export function isOutOfOrder(ms: number): boolean {
  return ms < 0;
}

/** A milestone of an out-of-order duration, with the time it was set to. */
export type MilestoneAt = Pick<MilestoneValue, 'milestone' | 'at'>;

/**
 * A duration's two milestones set out of order: `to` (acknowledged, for time to acknowledge) is
 * before `from` (detected).
 */
export interface OutOfOrder {
  readonly from: MilestoneAt;
  readonly to: MilestoneAt;
}

/**
 * A duration: milliseconds (never negative), the milestones it lacks, or its two milestones when
 * they are out of order (shown as `outOfOrderText`, never as a negative time, and left out of the KPIs).
 */
export type DurationValue = { readonly ms: number } | { readonly missing: readonly Milestone[] } | { readonly outOfOrder: OutOfOrder };

/**
 * An out-of-order duration in words ("Acknowledged (2026-11-22 23:30:00 UTC) is before detected
 * (2026-11-22 23:40:00 UTC)"), as `warroom show`, the review and the editor say it.
 */
export function outOfOrderText({ from, to }: OutOfOrder): string {
  return `${MILESTONE_LABELS[to.milestone]} (${formatUtc(to.at)}) is before ${MILESTONE_LABELS[from.milestone].toLowerCase()} (${formatUtc(from.at)})`;
}

export function durationsOf(milestones: Milestones): Readonly<Record<DurationName, DurationValue>> {
  const result = {} as Record<DurationName, DurationValue>;
  for (const name of DURATIONS) {
    const { from, to } = DURATION_DEFINITIONS[name];
    const a = milestones.values[from];
    const b = milestones.values[to];
    if (!a || !b) {
      result[name] = { missing: [from, to].filter((m) => !milestones.values[m]) };
      continue;
    }
    const ms = Date.parse(b.at) - Date.parse(a.at);
    result[name] = isOutOfOrder(ms) ? { outOfOrder: { from: { milestone: from, at: a.at }, to: { milestone: to, at: b.at } } } : { ms };
  }
  return result;
}
