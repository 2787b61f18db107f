// An incident as the fold of its events sees it (fold.ts builds it). Feature modules fold their
// own event types from `incident.events`.

import { EntryEvent, IncidentEvent } from './events';
import { Role } from './roles';
import { Priority, Severity, Urgency } from './severity';
import { Status } from './status';

export interface RoleHolder {
  readonly role: Role;
  readonly person: string;
  /** ISO time the person took the role. */
  readonly since: string;
}

export interface RoleTenure extends RoleHolder {
  /** ISO time the role passed on or was released; absent while held. */
  readonly until?: string;
  readonly handedTo?: string;
}

export interface Incident {
  readonly id: string;
  readonly title: string;
  readonly severity: Severity;
  readonly urgency: Urgency;
  readonly priority: Priority;
  readonly status: Status;
  readonly service: string;
  readonly startedAt: string;
  readonly detectedAt: string;
  readonly declaredAt: string;
  readonly declaredBy: string;
  readonly utcOffsetMinutes?: number;
  readonly resolvedAt?: string;
  readonly resolution?: string;
  /** Current holders, in the order they took their roles. */
  readonly roles: readonly RoleHolder[];
  /** Every tenure, past and present: the hand-off history. */
  readonly roleHistory: readonly RoleTenure[];
  /** All events, deduplicated and in fold order. Feature modules fold their own event types from here. */
  readonly events: readonly IncidentEvent[];
  /** Scribe entries (notes, decisions, actions ...), in order. */
  readonly entries: readonly EntryEvent[];
  /** Time of the newest event. */
  readonly updatedAt: string;
  /** False when no `declared` event was found (a partial merge or a hand-made file). */
  readonly declared: boolean;
  /** Events of types this version does not know (kept, not folded). */
  readonly unknownEventCount: number;
}

/** A title is one line a pager, a chat message and a tree row can show whole. */
export const MAX_TITLE_CHARS = 200;

/** Why a typed title cannot be an incident's, or undefined when it can. */
export function titleProblem(title: string): string | undefined {
  const trimmed = title.trim();
  if (!trimmed) return 'A title is required';
  if (trimmed.length > MAX_TITLE_CHARS) {
    return `A title is one line of at most ${MAX_TITLE_CHARS} characters (this one has ${trimmed.length}): say what is broken, and put the rest in a note`;
  }
  return undefined;
}

export function isActive(incident: Incident): boolean {
  return incident.status !== 'resolved';
}
