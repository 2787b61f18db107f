// The timeline panel's model: an incident's events as display rows (kind, icon, author, times,
// jump targets, corrections, pins), plus filtering and search. Pure and serializable: the rows
// are embedded as JSON in the webview's HTML and sent in messages, so they hold only plain data.

import { IncidentEvent } from './events';
import { Incident } from './incident';
import { describeEvent, happenedAt } from './timeline';
import { Amendment, foldTimelineMarks, TIMELINE_MARK_TYPES } from './timelineMarks';
import { asString } from './text/strings';
import { formatUtc } from './time';

export const ROW_KINDS = [
  'declared',
  'alert',
  'decision',
  'action',
  'hypothesis',
  'comms',
  'deploy',
  'runbook',
  'role',
  'note',
  'status',
  'severity',
  'resolved',
  'reopened',
  'other',
] as const;
export type RowKind = (typeof ROW_KINDS)[number];

/** Kinds the quick-add bar writes as `entry` events. */
export const QUICK_ADD_KINDS = ['note', 'decision', 'action', 'hypothesis'] as const;
export type QuickAddKind = (typeof QUICK_ADD_KINDS)[number];

export interface RowKindInfo {
  readonly label: string;
  /** A codicon name; the webview draws its own small icon for it (codicons are not bundled). */
  readonly icon: string;
}

export const ROW_KIND_INFO: Readonly<Record<RowKind, RowKindInfo>> = {
  declared: { label: 'Declared', icon: 'flame' },
  alert: { label: 'Alert', icon: 'bell' },
  decision: { label: 'Decision', icon: 'law' },
  action: { label: 'Action', icon: 'zap' },
  hypothesis: { label: 'Hypothesis', icon: 'question' },
  comms: { label: 'Update sent', icon: 'megaphone' },
  deploy: { label: 'Deploy', icon: 'rocket' },
  runbook: { label: 'Runbook step', icon: 'checklist' },
  role: { label: 'Role change', icon: 'person' },
  note: { label: 'Note', icon: 'note' },
  status: { label: 'Status', icon: 'pulse' },
  severity: { label: 'Severity', icon: 'warning' },
  resolved: { label: 'Resolved', icon: 'pass' },
  reopened: { label: 'Reopened', icon: 'issue-reopened' },
  other: { label: 'Other', icon: 'circle-small' },
};

export function isRowKind(value: unknown): value is RowKind {
  return typeof value === 'string' && (ROW_KINDS as readonly string[]).includes(value);
}

export function isQuickAddKind(value: unknown): value is QuickAddKind {
  return typeof value === 'string' && (QUICK_ADD_KINDS as readonly string[]).includes(value);
}

/** Where a row can jump: a commit, a source line, a runbook step, a web page. */
export type RowRef =
  | { readonly kind: 'sha'; readonly sha: string }
  | { readonly kind: 'file'; readonly file: string; readonly line?: number }
  | { readonly kind: 'runbook'; readonly runbook: string; readonly step?: string }
  | { readonly kind: 'url'; readonly url: string };

// Jump targets come from events that may have been written by hand or imported from outside, so
// they are checked here once; a bad one is dropped rather than offered as a link.
export const isSha = (v: unknown): v is string => typeof v === 'string' && /^[0-9a-f]{7,64}$/i.test(v);
export const isLine = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 1;
export const isRefText = (v: unknown): v is string =>
  typeof v === 'string' && v.trim().length > 0 && v.length <= 1000 && !/[\u0000-\u001f]/.test(v);

/** Only http(s): `command:`, `file:` or `javascript:` URLs must never reach openExternal. */
export function isWebUrl(v: unknown): v is string {
  if (typeof v !== 'string' || v.length > 2000) {
    return false;
  }
  try {
    const url = new URL(v);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}

export interface TimelineRow {
  readonly id: string;
  /** When it happened (ISO UTC): see `happenedAt`. The rows are in this order. */
  readonly ts: string;
  /**
   * When it was written (the event's own time), present only when that is later than it happened:
   * a deploy recorded with its deploy time, a milestone set to an earlier time.
   */
  readonly recordedAt?: string;
  /** Milliseconds since the incident began (customer impact start) to when it happened; negative for earlier events. */
  readonly sinceStartMs: number;
  readonly kind: RowKind;
  readonly author: string;
  /** Current text: the latest correction when amended. */
  readonly text: string;
  /** The text as first written, shown struck through; present only when amended. */
  readonly original?: string;
  readonly amendments?: readonly Amendment[];
  readonly refs: readonly RowRef[];
  readonly pinned: boolean;
  /** Entries can be corrected; generated events (role, status ...) are changed by new events instead. */
  readonly amendable: boolean;
  /** For a sent update: who it went to. */
  readonly audience?: string;
}

function refsOf(event: IncidentEvent): RowRef[] {
  const record = event as unknown as Record<string, unknown>;
  const refs: RowRef[] = [];
  if (isSha(record.sha)) {
    refs.push({ kind: 'sha', sha: record.sha });
  }
  if (isRefText(record.file)) {
    refs.push(isLine(record.line) ? { kind: 'file', file: record.file, line: record.line } : { kind: 'file', file: record.file });
  }
  if (isRefText(record.runbook)) {
    refs.push(
      isRefText(record.step)
        ? { kind: 'runbook', runbook: record.runbook, step: record.step }
        : { kind: 'runbook', runbook: record.runbook },
    );
  }
  if (isWebUrl(record.url)) {
    refs.push({ kind: 'url', url: record.url });
  }
  return refs;
}

function kindAndText(event: IncidentEvent): { kind: RowKind; text: string } {
  const line = describeEvent(event);
  if (line.kind === 'other') {
    return { kind: 'other', text: asString((event as unknown as Record<string, unknown>).text) ?? line.text };
  }
  return { kind: line.kind, text: line.text };
}

/**
 * The incident's events as timeline rows, in the order things happened (`happenedAt`; equal times in
 * fold order, as `compareRows` says). Marks (amended, pinned, unpinned) are folded into the rows
 * they target instead of being rows of their own.
 */
export function timelineRows(incident: Incident): TimelineRow[] {
  return timelineRowsAndTotal(incident).rows;
}

/**
 * `timelineRows`, with `newest`: only the last `newest` rows are made (what a panel embeds to
 * paint its first screen), and `total` still counts them all.
 */
export function timelineRowsAndTotal(incident: Incident, newest = Infinity): { rows: TimelineRow[]; total: number } {
  const marks = foldTimelineMarks(incident.events);
  const start = Date.parse(incident.startedAt);
  const events = incident.events;
  const picked: RowKey[] = [];
  let total = 0;
  // From the newest written back, so a 10,000-event incident's first screen costs 200 rows, not
  // 10,000. Nothing happens later than it was written, and the events are in written order: once
  // `newest` are picked, an event written before the earliest of those happened (`bound`) is,
  // with every event before it, too early to be among the newest.
  let bound = Infinity;
  let done = false;
  for (let i = events.length - 1; i >= 0; i--) {
    const event = events[i];
    if (TIMELINE_MARK_TYPES.has(event.type)) {
      continue;
    }
    total++;
    if (done) {
      continue;
    }
    const written = Date.parse(event.ts);
    if (picked.length >= newest && written < bound) {
      done = true;
      continue;
    }
    const happened = happenedAt(event);
    picked.push({ event, happened, written });
    if (picked.length <= newest) {
      bound = Math.min(bound, happened);
    }
  }
  // Picked newest first: reversed, they are nearly in order, which the sort takes in one pass.
  picked.reverse().sort(compareKeys);
  const rows = picked.slice(Math.max(0, picked.length - newest)).map((k) => rowOf(k, marks, start));
  return { rows, total };
}

interface RowKey {
  readonly event: IncidentEvent;
  readonly happened: number;
  readonly written: number;
}

const keyOf = (event: IncidentEvent): RowKey => ({ event, happened: happenedAt(event), written: Date.parse(event.ts) });

/** When it happened, then the fold's order (when written, then id): the order `compareRows` keeps. */
const compareKeys = (a: RowKey, b: RowKey): number =>
  a.happened - b.happened || a.written - b.written || (a.event.id < b.event.id ? -1 : a.event.id > b.event.id ? 1 : 0);

/**
 * The rows after events were added at the end of the fold (a quick-add, a teammate's line that
 * sorts last): `before` with the rows the new marks (amended, pinned, unpinned) change replaced,
 * then the new events' rows; `changed` lists those. Costs the new events, not the whole incident:
 * rebuilding and comparing 10,000 rows on every append was most of an append's time. Undefined
 * when the events did not just grow at the end (a pull brought older ones): compare everything
 * with `changedRows` then.
 */
export function appendedRows(
  incident: Incident,
  before: readonly TimelineRow[],
  beforeVersion: number,
): { rows: TimelineRow[]; changed: TimelineRow[] } | undefined {
  const events = incident.events;
  if (beforeVersion > events.length) {
    return undefined;
  }
  // The first `beforeVersion` events must be the ones `before` was made from: in the same order
  // unless one was backdated (a deploy recorded after the fact), else compared as a set.
  let at = 0;
  let sameOrder = true;
  for (let i = 0; i < beforeVersion; i++) {
    if (TIMELINE_MARK_TYPES.has(events[i].type)) {
      continue;
    }
    if (before[at]?.id !== events[i].id) {
      sameOrder = false;
    }
    at++;
  }
  if (at !== before.length) {
    return undefined;
  }
  if (!sameOrder) {
    const ids = new Set(before.map((r) => r.id));
    for (let i = 0; i < beforeVersion; i++) {
      if (!TIMELINE_MARK_TYPES.has(events[i].type) && !ids.has(events[i].id)) {
        return undefined;
      }
    }
  }
  const marks = foldTimelineMarks(events);
  const start = Date.parse(incident.startedAt);
  const targets = new Set<string>();
  const added: TimelineRow[] = [];
  for (let i = beforeVersion; i < events.length; i++) {
    const event = events[i];
    if (!TIMELINE_MARK_TYPES.has(event.type)) {
      added.push(rowOf(keyOf(event), marks, start));
      continue;
    }
    const target = (event as unknown as Record<string, unknown>).target;
    if (typeof target === 'string') {
      targets.add(target);
    }
  }
  const rows = before.slice();
  const changed: TimelineRow[] = [];
  if (targets.size > 0) {
    const targeted = new Map<string, IncidentEvent>();
    for (let i = 0; i < beforeVersion; i++) {
      if (targets.has(events[i].id) && !TIMELINE_MARK_TYPES.has(events[i].type)) {
        targeted.set(events[i].id, events[i]);
      }
    }
    for (let row = 0; row < rows.length; row++) {
      const event = targeted.get(rows[row].id);
      if (event) {
        rows[row] = rowOf(keyOf(event), marks, start);
        changed.push(rows[row]);
      }
    }
  }
  // A new event that happened earlier (a deploy recorded after the fact) goes where it happened.
  let sorted = true;
  for (const row of added) {
    if (rows.length > 0 && compareRows(rows[rows.length - 1], row) > 0) {
      sorted = false;
    }
    rows.push(row);
  }
  if (!sorted) {
    rows.sort(compareRows);
  }
  changed.push(...added);
  return { rows, changed };
}

function rowOf({ event, happened, written }: RowKey, marks: ReturnType<typeof foldTimelineMarks>, start: number): TimelineRow {
  const { kind, text } = kindAndText(event);
  const later = happened < written;
  const amendable = event.type === 'entry';
  const amendments = amendable ? marks.amendments.get(event.id) : undefined;
  const audience = event.type === 'entry' ? asString((event as unknown as Record<string, unknown>).audience) : undefined;
  return {
    id: event.id,
    ts: later ? new Date(happened).toISOString() : event.ts,
    ...(later ? { recordedAt: event.ts } : {}),
    sinceStartMs: happened - start,
    kind,
    author: event.author,
    text: amendments ? amendments[amendments.length - 1].text : text,
    refs: refsOf(event),
    pinned: marks.pins.get(event.id)?.pinned ?? false,
    amendable,
    ...(amendments ? { original: text, amendments } : {}),
    ...(audience ? { audience } : {}),
  };
}

export interface TimelineFilter {
  /** Empty or absent: all kinds. */
  readonly kinds?: readonly RowKind[];
  /** Empty or absent: all authors. */
  readonly authors?: readonly string[];
  readonly query?: string;
  readonly pinnedOnly?: boolean;
}

/** Everything a search may match in a row, lower-cased. */
export function rowSearchText(row: TimelineRow): string {
  const parts = [row.text, row.original ?? '', row.author, ROW_KIND_INFO[row.kind].label, row.audience ?? ''];
  for (const ref of row.refs) {
    parts.push(
      ref.kind === 'sha'
        ? ref.sha
        : ref.kind === 'file'
          ? `${ref.file}:${ref.line ?? ''}`
          : ref.kind === 'runbook'
            ? `${ref.runbook} ${ref.step ?? ''}`
            : ref.url,
    );
  }
  return parts.join('\n').toLowerCase();
}

/**
 * Rows that pass the filter, in order. `searchText` lets a caller that filters on every keystroke
 * (the webview, over 10,000 rows) reuse lower-cased texts instead of rebuilding them.
 */
export function filterRows(
  rows: readonly TimelineRow[],
  filter: TimelineFilter,
  searchText: (row: TimelineRow) => string = rowSearchText,
): TimelineRow[] {
  const kinds = filter.kinds && filter.kinds.length ? new Set<string>(filter.kinds) : undefined;
  const authors = filter.authors && filter.authors.length ? new Set(filter.authors) : undefined;
  // Every word must match somewhere, in any order: "db rollback" also finds "rollback of the db",
  // which is what responders scanning a long log expect.
  const words = (filter.query ?? '')
    .toLowerCase()
    .split(/\s+/)
    .filter((w) => w.length > 0);
  return rows.filter(
    (row) =>
      (!kinds || kinds.has(row.kind)) &&
      (!authors || authors.has(row.author)) &&
      (!filter.pinnedOnly || row.pinned) &&
      (words.length === 0 || words.every((w) => searchText(row).includes(w))),
  );
}

/** Authors in the rows, sorted, for the author filter. */
export function timelineAuthors(rows: readonly TimelineRow[]): string[] {
  return [...new Set(rows.map((r) => r.author))].sort((a, b) => a.localeCompare(b));
}

const rowKey = (row: TimelineRow): string =>
  `${row.ts}\u0000${row.recordedAt ?? ''}\u0000${row.text}\u0000${row.pinned}\u0000${row.amendments?.length ?? 0}\u0000${row.refs.length}`;

/**
 * Rows that are new or changed between two foldings of the same incident: what the extension
 * sends to an open panel when events are appended (by this window, a file watcher, a git pull).
 */
export function changedRows(before: readonly TimelineRow[], after: readonly TimelineRow[]): TimelineRow[] {
  const previous = new Map(before.map((r) => [r.id, rowKey(r)]));
  return after.filter((r) => previous.get(r.id) !== rowKey(r));
}

/** The timeline's order: when it happened, then when it was written, then id (the fold's order for equal times). */
export const compareRows = (a: TimelineRow, b: TimelineRow): number =>
  Date.parse(a.ts) - Date.parse(b.ts) ||
  Date.parse(a.recordedAt ?? a.ts) - Date.parse(b.recordedAt ?? b.ts) ||
  (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** A row written down a minute or more after it happened: "recorded later at 14:35 UTC" (the date too on another day). */
export function recordedLater(row: Pick<TimelineRow, 'ts' | 'recordedAt'>): string | undefined {
  if (row.recordedAt === undefined || Date.parse(row.recordedAt) - Date.parse(row.ts) < 60_000) {
    return undefined;
  }
  const recorded = formatUtc(row.recordedAt);
  return `recorded later at ${formatUtc(row.ts).slice(0, 10) === recorded.slice(0, 10) ? `${recorded.slice(11, 16)} UTC` : recorded}`;
}

/**
 * Applies changed rows to a list, replacing by id and keeping the timeline's order (`compareRows`).
 * Events pulled from another machine can be older than the newest row, so this re-sorts only
 * when a row does not simply go at the end.
 */
export function mergeRows(rows: readonly TimelineRow[], changed: readonly TimelineRow[]): TimelineRow[] {
  const index = new Map(rows.map((r, i) => [r.id, i]));
  const next = rows.slice();
  let sorted = true;
  for (const row of changed) {
    const at = index.get(row.id);
    if (at !== undefined) {
      next[at] = row;
      continue;
    }
    const last = next[next.length - 1];
    if (last && compareRows(last, row) > 0) {
      sorted = false;
    }
    index.set(row.id, next.length);
    next.push(row);
  }
  return sorted ? next : next.sort(compareRows);
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** `T+1h 05m`, or `T-3m` for an alert that fired before impact was recorded to start. */
export function formatSinceStart(ms: number): string {
  const abs = Math.abs(ms);
  const seconds = Math.floor(abs / 1000);
  let body: string;
  if (seconds < 60) {
    body = `${seconds}s`;
  } else if (seconds < 3600) {
    body = `${Math.floor(seconds / 60)}m`;
  } else if (seconds < 86_400) {
    body = `${Math.floor(seconds / 3600)}h ${pad(Math.floor(seconds / 60) % 60)}m`;
  } else {
    body = `${Math.floor(seconds / 86_400)}d ${Math.floor(seconds / 3600) % 24}h`;
  }
  return `T${ms < 0 ? '-' : '+'}${body}`;
}
