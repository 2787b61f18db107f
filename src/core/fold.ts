// An incident is the fold of its events. Pure, total and order-independent: events arrive by
// git union merges and from several machines, so duplicates are dropped by id and events are
// applied in timestamp order (ties broken by id, so every replica folds to the same incident).

import { CoreEvent, EntryEvent, IncidentEvent, isCoreEvent } from './events';
import { Incident } from './incident';
import { MULTI_HOLDER_ROLES, Role } from './roles';
import { priorityOf, Severity, Urgency } from './severity';
import { Status } from './status';

/** Deduplicates by id (first seen wins) and orders by timestamp, then id. */
export function orderEvents(events: readonly IncidentEvent[]): IncidentEvent[] {
  const seen = new Set<string>();
  const keyed: { time: number; event: IncidentEvent }[] = [];
  for (const event of events) {
    if (seen.has(event.id)) {
      continue;
    }
    seen.add(event.id);
    keyed.push({ time: Date.parse(event.ts), event });
  }
  keyed.sort((a, b) => a.time - b.time || (a.event.id < b.event.id ? -1 : a.event.id > b.event.id ? 1 : 0));
  return keyed.map((k) => k.event);
}

interface MutableState {
  title: string;
  severity: Severity;
  urgency: Urgency;
  status: Status;
  service: string;
  startedAt: string;
  detectedAt: string;
  declaredAt: string;
  declaredBy: string;
  utcOffsetMinutes?: number;
  resolvedAt?: string;
  resolution?: string;
  statusBeforeResolve: Status;
  declared: boolean;
  tenures: { role: Role; person: string; since: string; until?: string; handedTo?: string }[];
  entries: EntryEvent[];
  unknown: number;
}

export function foldIncident(id: string, events: readonly IncidentEvent[]): Incident {
  const ordered = orderEvents(events);
  const first = ordered[0]?.ts ?? new Date(0).toISOString();
  const state: MutableState = {
    title: '(untitled incident)',
    severity: 'SEV3',
    urgency: 'high',
    status: 'investigating',
    service: '',
    startedAt: first,
    detectedAt: first,
    declaredAt: first,
    declaredBy: ordered[0]?.author ?? '',
    statusBeforeResolve: 'investigating',
    declared: false,
    tenures: [],
    entries: [],
    unknown: 0,
  };
  for (const event of ordered) {
    if (isCoreEvent(event)) {
      apply(state, event);
    } else {
      state.unknown++;
    }
  }
  const roles = state.tenures.filter((t) => t.until === undefined).map(({ role, person, since }) => ({ role, person, since }));
  return {
    id,
    title: state.title,
    severity: state.severity,
    urgency: state.urgency,
    priority: priorityOf(state.severity, state.urgency),
    status: state.status,
    service: state.service,
    startedAt: state.startedAt,
    detectedAt: state.detectedAt,
    declaredAt: state.declaredAt,
    declaredBy: state.declaredBy,
    utcOffsetMinutes: state.utcOffsetMinutes,
    resolvedAt: state.resolvedAt,
    resolution: state.resolution,
    roles,
    roleHistory: state.tenures,
    events: ordered,
    entries: state.entries,
    updatedAt: ordered.length ? ordered[ordered.length - 1].ts : first,
    declared: state.declared,
    unknownEventCount: state.unknown,
  };
}

function apply(state: MutableState, event: CoreEvent): void {
  switch (event.type) {
    case 'declared':
      if (state.declared) {
        return; // a second declaration (two replicas) changes nothing: the first one wins
      }
      state.declared = true;
      state.title = event.title;
      state.severity = event.severity;
      state.urgency = event.urgency;
      state.service = event.service;
      state.startedAt = event.startedAt;
      state.detectedAt = event.detectedAt;
      state.declaredAt = event.ts;
      state.declaredBy = event.author;
      state.utcOffsetMinutes = event.utcOffsetMinutes;
      return;
    case 'severity_changed':
      state.severity = event.severity;
      return;
    case 'status_changed':
      if (event.status === 'resolved') {
        resolve(state, event.ts, state.resolution ?? '');
      } else {
        state.status = event.status;
        state.resolvedAt = undefined;
      }
      return;
    case 'role_assigned': {
      const open = state.tenures.filter((t) => t.role === event.role && t.until === undefined);
      if (open.some((t) => t.person === event.person)) {
        return;
      }
      if (!MULTI_HOLDER_ROLES.has(event.role)) {
        for (const tenure of open) {
          tenure.until = event.ts;
          tenure.handedTo = event.person;
        }
      }
      state.tenures.push({ role: event.role, person: event.person, since: event.ts });
      return;
    }
    case 'role_released':
      for (const tenure of state.tenures) {
        if (tenure.role === event.role && tenure.person === event.person && tenure.until === undefined) {
          tenure.until = event.ts;
        }
      }
      return;
    case 'entry':
      state.entries.push(event);
      return;
    case 'resolved':
      resolve(state, event.ts, event.resolution);
      return;
    case 'reopened':
      if (state.status === 'resolved') {
        state.status = state.statusBeforeResolve;
        state.resolvedAt = undefined;
      }
      return;
  }
}

function resolve(state: MutableState, ts: string, resolution: string): void {
  if (state.status !== 'resolved') {
    state.statusBeforeResolve = state.status;
  }
  state.status = 'resolved';
  state.resolvedAt = ts;
  state.resolution = resolution;
}
