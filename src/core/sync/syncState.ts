// Team sync's bookkeeping, pure: which local events the server has not confirmed yet (the outbox),
// the highest server sequence seen, and which received events are new here. The event log is a
// grow-only set keyed by event id, so exchanging what the other side lacks converges; nothing here
// knows about sockets or files.

import { EventBase, IncidentEvent, validateEvent } from '../events';
import { isIncidentId } from '../ids';

/** One event with the incident it belongs to: what travels between a mirror and the server. */
export interface SyncEvent {
  readonly incidentId: string;
  readonly event: IncidentEvent;
}

/** A row as the server keeps it: the event's JSON text and the sequence the server gave it. */
export interface ServerRow {
  readonly seq: number;
  readonly incidentId: string;
  readonly body: string;
}

export interface SyncState {
  /** The highest server sequence this mirror has applied; catch-up asks for `seq > lastSeq`. */
  readonly lastSeq: number;
  /** Event ids the server is known to hold (pushed and confirmed, or received from it). */
  readonly known: ReadonlySet<string>;
  /**
   * Incidents with rows up to `lastSeq` the local store refused to write (a linked folder, a file
   * in its place), with how many events were not written: fetched again on a later retry, so they
   * arrive once the cause is fixed, without a full resync. Absent: none.
   */
  readonly refused?: ReadonlyMap<string, number>;
}

export const EMPTY_SYNC_STATE: SyncState = { lastSeq: 0, known: new Set() };

/**
 * The largest event team sync carries, in bytes of its JSON: the server's CHECK refuses a bigger
 * row, so a local one is kept in its file and not sent; a received one is refused (the server is a
 * teammate's, and untrusted).
 */
export const MAX_EVENT_BYTES = 256 * 1024;

/** Local events the server does not have yet, oldest first as given. */
export function outbox(state: SyncState, local: readonly SyncEvent[]): SyncEvent[] {
  return local.filter((e) => !state.known.has(e.event.id));
}

/** After the local store refused `events` of an incident's rows: they are to be fetched again. */
export function markRefused(state: SyncState, incidentId: string, events: number): SyncState {
  const refused = new Map(state.refused);
  refused.set(incidentId, (refused.get(incidentId) ?? 0) + events);
  return { ...state, refused };
}

/** After an incident's refused rows were written after all (or found there already). */
export function clearRefused(state: SyncState, incidentId: string): SyncState {
  if (!state.refused?.has(incidentId)) return state;
  const refused = new Map(state.refused);
  refused.delete(incidentId);
  return { ...state, refused };
}

/** After the server confirmed these events (inserted, or already there). */
export function confirmPushed(state: SyncState, ids: Iterable<string>): SyncState {
  const known = new Set(state.known);
  for (const id of ids) known.add(id);
  return { ...state, known };
}

export interface RowProblem {
  readonly seq: number;
  readonly message: string;
}

export interface Received {
  readonly state: SyncState;
  /** Events to append to the local log, by incident, in server order; each id at most once. */
  readonly toAppend: ReadonlyMap<string, IncidentEvent[]>;
  /** Rows refused (not an event, a bad incident id ...): reported, never written. */
  readonly problems: readonly RowProblem[];
}

/**
 * Applies rows fetched from the server. `localIds(incidentId)` says which events the local log
 * already holds, so an event that arrived both ways (git and the server) is stored once; it is
 * asked only about incidents with rows not in `state.known` (see `unknownIncidents`).
 */
export function receive(state: SyncState, rows: readonly ServerRow[], localIds: (incidentId: string) => ReadonlySet<string>): Received {
  const known = new Set(state.known);
  const toAppend = new Map<string, IncidentEvent[]>();
  const problems: RowProblem[] = [];
  const appended = new Set<string>();
  let lastSeq = state.lastSeq;
  for (const row of rows) {
    lastSeq = Math.max(lastSeq, row.seq);
    const parsed = parseRow(row);
    if ('message' in parsed) {
      problems.push({ seq: row.seq, message: parsed.message });
      continue;
    }
    const { incidentId, event } = parsed;
    // Known ids are local already: pushed from this log, or received into it before.
    if (known.has(event.id)) {
      continue;
    }
    known.add(event.id);
    const list = toAppend.get(incidentId) ?? [];
    if (localIds(incidentId).has(event.id) || appended.has(event.id)) {
      continue;
    }
    appended.add(event.id);
    list.push(event);
    toAppend.set(incidentId, list);
  }
  return { state: { ...state, lastSeq, known }, toAppend, problems };
}

/** Incidents among `rows` with an event this mirror does not know: the only logs `receive` must read. */
export function unknownIncidents(state: SyncState, rows: readonly ServerRow[]): Set<string> {
  const ids = new Set<string>();
  for (const row of rows) {
    const parsed = parseRow(row);
    if (!('message' in parsed) && !state.known.has(parsed.event.id)) ids.add(row.incidentId);
  }
  return ids;
}

/** A server row checked like a line of events.jsonl: the incident id, the size, the event itself. */
export function parseRow(row: ServerRow): SyncEvent | { message: string } {
  if (!isIncidentId(row.incidentId)) {
    return { message: `"${row.incidentId.slice(0, 80)}" is not an incident id` };
  }
  if (row.body.length > MAX_EVENT_BYTES) {
    return { message: `event of ${row.body.length} characters, over the ${MAX_EVENT_BYTES} limit` };
  }
  let value: unknown;
  try {
    value = JSON.parse(row.body);
  } catch (error) {
    return { message: `not valid JSON (${(error as Error).message})` };
  }
  const checked = validateEvent(value);
  return 'error' in checked ? { message: checked.error } : { incidentId: row.incidentId, event: checked.event };
}

/** The state as one JSON document, for the mirror's own state file. */
export function serializeSyncState(state: SyncState): string {
  // `refused` is optional in version 1: an older War Room reads the rest and resyncs in full.
  const refused = state.refused?.size ? { refused: [...state.refused] } : {};
  return JSON.stringify({ version: 1, lastSeq: state.lastSeq, known: [...state.known], ...refused });
}

function isRefusedList(value: unknown): value is [string, number][] {
  return (
    Array.isArray(value) &&
    value.every(
      (entry) =>
        Array.isArray(entry) &&
        entry.length === 2 &&
        typeof entry[0] === 'string' &&
        isIncidentId(entry[0]) &&
        Number.isSafeInteger(entry[1]) &&
        (entry[1] as number) >= 0,
    )
  );
}

/** Reads a state file back; anything unexpected gives the empty state (a full, idempotent resync). */
export function parseSyncState(text: string): SyncState {
  try {
    const value = JSON.parse(text) as { version?: unknown; lastSeq?: unknown; known?: unknown; refused?: unknown };
    if (
      value.version === 1 &&
      Number.isSafeInteger(value.lastSeq) &&
      (value.lastSeq as number) >= 0 &&
      Array.isArray(value.known) &&
      value.known.every((id) => typeof id === 'string') &&
      (value.refused === undefined || isRefusedList(value.refused))
    ) {
      const state: SyncState = { lastSeq: value.lastSeq as number, known: new Set(value.known as string[]) };
      return value.refused?.length ? { ...state, refused: new Map(value.refused) } : state;
    }
  } catch {
    // Torn or foreign: resyncing costs time, never events.
  }
  return EMPTY_SYNC_STATE;
}

/** Every event of the given incidents, for the outbox. */
export function syncEventsOf(incidents: readonly { readonly id: string; readonly events: readonly EventBase[] }[]): SyncEvent[] {
  return incidents.flatMap((incident) => incident.events.map((event) => ({ incidentId: incident.id, event: event as IncidentEvent })));
}
