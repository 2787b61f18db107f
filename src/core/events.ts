// The incident event log: every fact about an incident is one appended event.
// An incident is the fold of its events (see fold.ts); nothing is ever updated in place.

import { isRole, Role } from './roles';
import { isSeverity, isUrgency, Severity, Urgency } from './severity';
import { isStatus, Status } from './status';
import { own } from './own';

export interface EventBase {
  /** Unique without coordination (random); duplicates from a git union merge are dropped by the fold. */
  readonly id: string;
  /** ISO 8601 in UTC. */
  readonly ts: string;
  readonly type: string;
  readonly author: string;
}

/** References a timeline entry may carry, so the UI can jump to code, commits, runbooks and pages. */
export interface EventRefs {
  readonly sha?: string;
  readonly file?: string;
  readonly line?: number;
  readonly url?: string;
  readonly runbook?: string;
  readonly step?: string;
}

export interface DeclaredEvent extends EventBase {
  readonly type: 'declared';
  readonly title: string;
  readonly severity: Severity;
  readonly urgency: Urgency;
  readonly service: string;
  /** When customer impact began (ISO UTC). */
  readonly startedAt: string;
  /** When someone or something noticed (ISO UTC). */
  readonly detectedAt: string;
  /** The declaring user's UTC offset in minutes (east positive), so times can be shown as they saw them. */
  readonly utcOffsetMinutes?: number;
}

export interface SeverityChangedEvent extends EventBase {
  readonly type: 'severity_changed';
  readonly severity: Severity;
}

export interface StatusChangedEvent extends EventBase {
  readonly type: 'status_changed';
  readonly status: Status;
}

export interface RoleAssignedEvent extends EventBase {
  readonly type: 'role_assigned';
  readonly role: Role;
  readonly person: string;
}

export interface RoleReleasedEvent extends EventBase {
  readonly type: 'role_released';
  readonly role: Role;
  readonly person: string;
}

export const ENTRY_KINDS = ['note', 'decision', 'action', 'hypothesis', 'comms', 'alert', 'deploy'] as const;
export type EntryKind = (typeof ENTRY_KINDS)[number];

/** A scribe's timeline entry: a note, a decision, an action taken, a hypothesis, a status update sent... */
export interface EntryEvent extends EventBase, EventRefs {
  readonly type: 'entry';
  readonly kind: EntryKind;
  readonly text: string;
  /** A `deploy` entry recorded after the fact: when the deploy happened (ISO UTC), not when it was written. */
  readonly deployedAt?: string;
  /** A `deploy` entry's environment, as Record a Deploy and `warroom deploy` were told it. */
  readonly environment?: string;
  /**
   * An entry written after the fact (a scribe catching up: "23:10 restarted the pods", typed at 23:25):
   * when what it records happened (ISO UTC). Absent when written as it happened.
   */
  readonly at?: string;
}

/** Written this long or more after what it records, an entry keeps when that happened (`at`). */
export const BACKDATED_MS = 60_000;

/**
 * A timeline entry as the quick-add bar and `warroom note` write it: with `at` when what it records
 * happened a minute or more before `now`.
 */
export function entryInput(
  kind: EntryKind,
  text: string,
  happened: Date | undefined,
  now: Date,
): { type: 'entry'; kind: EntryKind; text: string; at?: string } {
  const late = happened !== undefined && now.getTime() - happened.getTime() >= BACKDATED_MS;
  return { type: 'entry', kind, text, ...(late ? { at: happened.toISOString() } : {}) };
}

/**
 * When what an entry records happened, in milliseconds: its `at` (or a deploy's `deployedAt`) when
 * that is a time not later than the entry itself, else the entry's own time (a teammate's time in the
 * future is read at when the entry was written).
 */
export function entryTime(event: IncidentEvent): number {
  const record = event as { at?: unknown };
  if (typeof record.at !== 'string') return deployTime(event);
  const written = Date.parse(event.ts);
  const at = Date.parse(record.at);
  return Number.isFinite(at) && at <= written ? at : written;
}

/**
 * When a `deploy` entry's deploy happened, in milliseconds: its `deployedAt` (recorded after the fact)
 * when that is a time not later than the entry itself, else the entry's own time. A teammate's entry is
 * untrusted, so one dated in the future is read at when it was written, by the ranking and the updates alike.
 */
export function deployTime(event: IncidentEvent): number {
  const at = Date.parse(event.ts);
  const recorded = (event as { deployedAt?: unknown }).deployedAt;
  const deployedAt = typeof recorded === 'string' ? Date.parse(recorded) : NaN;
  return Number.isFinite(deployedAt) && deployedAt <= at ? deployedAt : at;
}

export interface ResolvedEvent extends EventBase {
  readonly type: 'resolved';
  readonly resolution: string;
}

export interface ReopenedEvent extends EventBase {
  readonly type: 'reopened';
  readonly reason?: string;
}

export type CoreEvent =
  | DeclaredEvent
  | SeverityChangedEvent
  | StatusChangedEvent
  | RoleAssignedEvent
  | RoleReleasedEvent
  | EntryEvent
  | ResolvedEvent
  | ReopenedEvent;

/**
 * An event whose type this version does not fold (written by a newer version, or folded by a
 * feature module of its own over `incident.events`). Kept as it is, never dropped.
 */
export interface OtherEvent extends EventBase {
  readonly [field: string]: unknown;
}

export type IncidentEvent = CoreEvent | OtherEvent;

export function isCoreEvent(event: IncidentEvent): event is CoreEvent {
  return CORE_TYPES.has(event.type);
}

const CORE_TYPES = new Set<string>([
  'declared',
  'severity_changed',
  'status_changed',
  'role_assigned',
  'role_released',
  'entry',
  'resolved',
  'reopened',
]);

const isString = (v: unknown): v is string => typeof v === 'string';
const isNonEmptyString = (v: unknown): v is string => typeof v === 'string' && v.trim().length > 0;
/**
 * An event's id: what a panel sends back to name a row, so the store keeps only ids a panel's message
 * can carry (one line, at most 200 characters). War Room's own are 16 characters (`newEventId`).
 */
export const MAX_EVENT_ID = 200;
export const isEventId = (v: unknown): v is string => isNonEmptyString(v) && v.length <= MAX_EVENT_ID && !/[\u0000-\u001f\u007f]/.test(v);
const isIsoTime = (v: unknown): v is string => typeof v === 'string' && !Number.isNaN(Date.parse(v));

type Check = (event: Record<string, unknown>) => string | undefined;

const need =
  (field: string, ok: (v: unknown) => boolean, what: string): Check =>
  (event) =>
    ok(event[field]) ? undefined : `"${field}" must be ${what}`;

const CHECKS: Readonly<Record<string, readonly Check[]>> = {
  declared: [
    need('title', isNonEmptyString, 'a non-empty string'),
    need('severity', isSeverity, 'one of SEV1, SEV2, SEV3, SEV4'),
    need('urgency', isUrgency, 'one of high, medium, low'),
    need('service', isString, 'a string'),
    need('startedAt', isIsoTime, 'an ISO 8601 time'),
    need('detectedAt', isIsoTime, 'an ISO 8601 time'),
  ],
  severity_changed: [need('severity', isSeverity, 'one of SEV1, SEV2, SEV3, SEV4')],
  status_changed: [need('status', isStatus, 'one of investigating, identified, monitoring, resolved')],
  role_assigned: [need('role', isRole, 'a known role'), need('person', isNonEmptyString, 'a non-empty string')],
  role_released: [need('role', isRole, 'a known role'), need('person', isNonEmptyString, 'a non-empty string')],
  entry: [
    need('kind', (v) => (ENTRY_KINDS as readonly unknown[]).includes(v), `one of ${ENTRY_KINDS.join(', ')}`),
    need('text', isString, 'a string'),
  ],
  resolved: [need('resolution', isString, 'a string')],
  reopened: [],
};

const ENVELOPE_CHECKS: readonly Check[] = [
  need('id', isEventId, `one line of 1 to ${MAX_EVENT_ID} characters`),
  need('ts', isIsoTime, 'an ISO 8601 time'),
  need('type', isNonEmptyString, 'a non-empty string'),
  need('author', isString, 'a string'),
];

/**
 * Checks that a parsed JSON value is an event this version can trust. Returns the event, or the
 * reason it is not one. Unknown types pass with only the envelope checked.
 */
export function validateEvent(value: unknown): { event: IncidentEvent } | { error: string } {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { error: 'not a JSON object' };
  }
  const record = value as Record<string, unknown>;
  for (const check of ENVELOPE_CHECKS) {
    const problem = check(record);
    if (problem) {
      return { error: problem };
    }
  }
  for (const check of own(CHECKS, record.type as string) ?? []) {
    const problem = check(record);
    if (problem) {
      return { error: `${record.type as string} event: ${problem}` };
    }
  }
  return { event: record as unknown as IncidentEvent };
}

/** Distributes Omit over a union, so `EventInput<CoreEvent>` stays a discriminated union. */
export type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** What a caller supplies; the envelope (id, ts, author) is stamped by `stampEvent`. */
export type EventInput<E extends EventBase = CoreEvent> = DistributiveOmit<E, 'id' | 'ts' | 'author'>;

export function stampEvent<E extends EventBase>(
  input: DistributiveOmit<E, 'id' | 'ts' | 'author'>,
  envelope: { id: string; ts: Date; author: string },
): E {
  return { id: envelope.id, ts: envelope.ts.toISOString(), author: envelope.author, ...input } as unknown as E;
}
