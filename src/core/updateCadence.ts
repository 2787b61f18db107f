// How often stakeholders hear from us: a cadence per severity, and when the next update is due,
// counted from the last update sent (an `entry` of kind `comms`) or, before any, the declaration.

import { Incident } from './incident';
import { Severity } from './severity';

/** Minutes between updates; `null` means no regular updates (SEV4). */
export type UpdateCadence = Readonly<Record<Severity, number | null>>;

export const DEFAULT_UPDATE_CADENCE: UpdateCadence = { SEV1: 15, SEV2: 30, SEV3: 60, SEV4: null };

/** Settings override the defaults per severity; a value that is not a positive number is ignored. */
export function resolveCadence(overrides: Partial<Record<Severity, unknown>> = {}): UpdateCadence {
  const pick = (severity: Severity): number | null => {
    const value = overrides[severity];
    if (value === null || value === 0) {
      return null;
    }
    return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : DEFAULT_UPDATE_CADENCE[severity];
  };
  return { SEV1: pick('SEV1'), SEV2: pick('SEV2'), SEV3: pick('SEV3'), SEV4: pick('SEV4') };
}

export interface UpdateSchedule {
  /** When the last update went out (or the incident was declared, before any). */
  readonly lastUpdateAt: string;
  readonly lastUpdateBy?: string;
  readonly cadenceMinutes: number | null;
  /** Absent when no update is due: no cadence for this severity, or the incident is resolved. */
  readonly dueAt?: string;
}

export function updateSchedule(incident: Incident, cadence: UpdateCadence = DEFAULT_UPDATE_CADENCE): UpdateSchedule {
  const last = [...incident.entries].reverse().find((e) => e.kind === 'comms');
  const lastUpdateAt = last?.ts ?? incident.declaredAt;
  const minutes = cadence[incident.severity];
  const dueAt =
    minutes !== null && incident.status !== 'resolved' ? new Date(Date.parse(lastUpdateAt) + minutes * 60_000).toISOString() : undefined;
  return {
    lastUpdateAt,
    ...(last ? { lastUpdateBy: last.author } : {}),
    cadenceMinutes: minutes,
    ...(dueAt ? { dueAt } : {}),
  };
}

export type Countdown =
  { readonly state: 'none' } | { readonly state: 'due-in'; readonly ms: number } | { readonly state: 'overdue'; readonly ms: number };

/** For the status bar and the composer: time left, or how late the update is. */
export function countdown(dueAt: string | undefined, now: Date): Countdown {
  if (dueAt === undefined) {
    return { state: 'none' };
  }
  const left = Date.parse(dueAt) - now.getTime();
  return left > 0 ? { state: 'due-in', ms: left } : { state: 'overdue', ms: -left };
}
