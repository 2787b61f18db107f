// Action items: the follow-up work an incident leaves, tracked to closure. Each change is an event
// on the incident it came from (added, changed, closed, reopened); the item is their fold. Folded
// here from `incident.events`, not by the core fold (see ARCHITECTURE.md).

import { EventBase, IncidentEvent } from '../events';
import { base32 } from '../ids';
import { Incident } from '../incident';

export const ACTION_ITEM_KINDS = ['mitigate', 'prevent', 'detect', 'process'] as const;
export type ActionItemKind = (typeof ACTION_ITEM_KINDS)[number];

export const ACTION_ITEM_PRIORITIES = ['high', 'medium', 'low'] as const;
export type ActionItemPriority = (typeof ACTION_ITEM_PRIORITIES)[number];

export const ACTION_ITEM_EVENTS = {
  added: 'action_item_added',
  changed: 'action_item_changed',
  closed: 'action_item_closed',
  reopened: 'action_item_reopened',
} as const;

/** The fields a person edits. `links`: issue or PR URLs and `path:line` references into the repository. */
export interface ActionItemFields {
  readonly title: string;
  readonly kind: ActionItemKind;
  readonly owner?: string;
  /** Due date, `YYYY-MM-DD` (a day, not an instant: due means by the end of that day, UTC). */
  readonly due?: string;
  readonly priority?: ActionItemPriority;
  readonly links?: readonly string[];
  /** Proposed by a language model and not yet accepted by a person; `false` in a change accepts it. */
  readonly aiGenerated?: boolean;
}

export interface ActionItemAddedEvent extends EventBase, ActionItemFields {
  readonly type: typeof ACTION_ITEM_EVENTS.added;
  readonly itemId: string;
}

export interface ActionItemChangedEvent extends EventBase, Partial<ActionItemFields> {
  readonly type: typeof ACTION_ITEM_EVENTS.changed;
  readonly itemId: string;
}

export type ActionItemOutcome = 'done' | 'wont_do';

export interface ActionItemClosedEvent extends EventBase {
  readonly type: typeof ACTION_ITEM_EVENTS.closed;
  readonly itemId: string;
  readonly outcome: ActionItemOutcome;
  /** The commit whose `Closes-Action:` trailer closed it (full sha). */
  readonly sha?: string;
  /** Why, when closed by hand. */
  readonly reason?: string;
}

export interface ActionItemReopenedEvent extends EventBase {
  readonly type: typeof ACTION_ITEM_EVENTS.reopened;
  readonly itemId: string;
  readonly reason?: string;
}

export type ActionItemEvent = ActionItemAddedEvent | ActionItemChangedEvent | ActionItemClosedEvent | ActionItemReopenedEvent;

export type ActionItemStatus = 'open' | ActionItemOutcome;

export interface ActionItem extends ActionItemFields {
  readonly id: string;
  readonly incidentId: string;
  readonly status: ActionItemStatus;
  readonly createdAt: string;
  readonly createdBy: string;
  readonly closedAt?: string;
  readonly closedBy?: string;
  readonly sha?: string;
  readonly reason?: string;
}

/** `ACT-` and 40 random bits: two teammates offline never mint the same id by chance. */
export function newActionItemId(random: Uint8Array): string {
  return `ACT-${base32(random, 8)}`;
}

export const ACTION_ITEM_ID_PATTERN = /^ACT-[0-9a-z]{8}$/;

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const SHA = /^[0-9a-f]{40}([0-9a-f]{24})?$/;

type Record_ = Record<string, unknown>;
// The messages are made once: these checks run for every action item event the dashboard reads.
const optional = (record: Record_, field: string, ok: (v: unknown) => boolean, what: string): string | undefined =>
  record[field] === undefined || ok(record[field]) ? undefined : `"${field}" must be ${what} when present`;
const isText = (v: unknown) => typeof v === 'string' && v.trim().length > 0;
const oneOf = (values: readonly string[]) => (v: unknown) => (values as readonly unknown[]).includes(v);
const isLinks = (v: unknown) => Array.isArray(v) && v.every((l) => typeof l === 'string');
const isKind = oneOf(ACTION_ITEM_KINDS);
const isPriority = oneOf(ACTION_ITEM_PRIORITIES);
const isOutcome = oneOf(['done', 'wont_do']);
const isDay = (v: unknown) => typeof v === 'string' && DAY.test(v) && !Number.isNaN(Date.parse(v));
const isString = (v: unknown) => typeof v === 'string';
const isBoolean = (v: unknown) => typeof v === 'boolean';
const isSha = (v: unknown) => typeof v === 'string' && SHA.test(v);
const KINDS_TEXT = `one of ${ACTION_ITEM_KINDS.join(', ')}`;
const PRIORITIES_TEXT = `one of ${ACTION_ITEM_PRIORITIES.join(', ')}`;

function fieldProblems(record: Record_, adding: boolean): string | undefined {
  return (
    (adding && !isText(record.title) ? '"title" must be a non-empty string' : undefined) ??
    (adding && !isKind(record.kind) ? `"kind" must be ${KINDS_TEXT}` : undefined) ??
    optional(record, 'title', isText, 'a non-empty string') ??
    optional(record, 'kind', isKind, KINDS_TEXT) ??
    optional(record, 'owner', isString, 'a string') ??
    optional(record, 'due', isDay, 'a date (YYYY-MM-DD)') ??
    optional(record, 'priority', isPriority, PRIORITIES_TEXT) ??
    optional(record, 'links', isLinks, 'a list of strings') ??
    optional(record, 'aiGenerated', isBoolean, 'true or false')
  );
}

// Checked for every event of every incident the dashboard reads: a set, not an array made per call.
const ACTION_ITEM_TYPES: ReadonlySet<string> = new Set(Object.values(ACTION_ITEM_EVENTS));

/** Checks the fields this module reads; the envelope was checked by `validateEvent`. */
export function checkActionItemEvent(event: IncidentEvent): { event: ActionItemEvent } | { error: string } {
  const record = event as unknown as Record_;
  const type = String(record.type);
  if (!ACTION_ITEM_TYPES.has(type)) {
    return { error: `not an action item event (type "${type}")` };
  }
  const problem =
    (typeof record.itemId === 'string' && ACTION_ITEM_ID_PATTERN.test(record.itemId)
      ? undefined
      : '"itemId" must be an id like ACT-k3m9qz7p') ??
    (type === ACTION_ITEM_EVENTS.added || type === ACTION_ITEM_EVENTS.changed
      ? fieldProblems(record, type === ACTION_ITEM_EVENTS.added)
      : undefined) ??
    (type === ACTION_ITEM_EVENTS.closed && !isOutcome(record.outcome) ? '"outcome" must be done or wont_do' : undefined) ??
    (type === ACTION_ITEM_EVENTS.closed ? optional(record, 'sha', isSha, 'a full commit sha') : undefined) ??
    optional(record, 'reason', isString, 'a string');
  return problem ? { error: `${type} event: ${problem}` } : { event: record as unknown as ActionItemEvent };
}

export interface ActionItems {
  readonly items: readonly ActionItem[];
  /** Events of these types that failed the field check, or named an item never added (kept in the log, not folded). */
  readonly problems: readonly { readonly eventId: string; readonly message: string }[];
}

const FIELDS = ['title', 'kind', 'owner', 'due', 'priority', 'links', 'aiGenerated'] as const;

/** Folds the incident's action item events (deduplicated and ordered by the core fold), in the order items were added. */
export function actionItemsOf(incident: Pick<Incident, 'id' | 'events'>): ActionItems {
  const items = new Map<string, ActionItem>();
  const problems: { eventId: string; message: string }[] = [];
  for (const event of incident.events) {
    if (!ACTION_ITEM_TYPES.has(event.type)) {
      continue;
    }
    const checked = checkActionItemEvent(event);
    if ('error' in checked) {
      problems.push({ eventId: event.id, message: checked.error });
      continue;
    }
    const e = checked.event;
    const current = items.get(e.itemId);
    if (e.type === ACTION_ITEM_EVENTS.added) {
      if (current) {
        problems.push({ eventId: e.id, message: `${e.type} event: ${e.itemId} was already added` });
        continue;
      }
      const item = fieldsOf(e) as Record_;
      item.id = e.itemId;
      item.incidentId = incident.id;
      item.status = 'open';
      item.createdAt = e.ts;
      item.createdBy = e.author;
      items.set(e.itemId, item as unknown as ActionItem);
      continue;
    }
    if (!current) {
      problems.push({ eventId: e.id, message: `${e.type} event: no action item ${e.itemId} was added` });
      continue;
    }
    if (e.type === ACTION_ITEM_EVENTS.changed) {
      const changes = fieldsOf(e);
      items.set(e.itemId, { ...current, ...changes });
    } else if (e.type === ACTION_ITEM_EVENTS.closed) {
      const closed = withoutClosure(current);
      closed.status = e.outcome;
      closed.closedAt = e.ts;
      closed.closedBy = e.author;
      if (e.sha) closed.sha = e.sha;
      if (e.reason) closed.reason = e.reason;
      items.set(e.itemId, closed as unknown as ActionItem);
    } else {
      const reopened = withoutClosure(current);
      reopened.status = 'open';
      items.set(e.itemId, reopened as unknown as ActionItem);
    }
  }
  return { items: [...items.values()], problems };
}

/** The fields an added or changed event sets, in FIELDS order; a loop, not entries: it runs per item of every incident. */
function fieldsOf(e: Partial<ActionItemFields>): Partial<ActionItemFields> {
  const fields: Record_ = {};
  for (const f of FIELDS) {
    if (e[f] !== undefined) fields[f] = e[f];
  }
  return fields as Partial<ActionItemFields>;
}

const CLOSURE_FIELDS: ReadonlySet<string> = new Set(['closedAt', 'closedBy', 'sha', 'reason']);

/** A copy of the item without its closure fields, for the caller to complete. */
function withoutClosure(item: ActionItem): Record_ {
  const rest: Record_ = {};
  for (const field in item) {
    if (!CLOSURE_FIELDS.has(field)) rest[field] = item[field as keyof ActionItem];
  }
  return rest;
}

/** A suggested title's longest form: a model's line is one action, not a report. */
const MAX_SUGGESTED_TITLE = 300;
const sameTitle = (title: string): string => title.toLowerCase().replace(/\W+/g, ' ').trim();

/**
 * The fields to record for a language model's suggestions: each `aiGenerated` until a person
 * accepts it, `prevent` when the model gave no kind, and none that repeats an item the incident has.
 */
export function aiSuggestedFields(
  existing: readonly Pick<ActionItem, 'title'>[],
  suggestions: readonly { readonly text: string; readonly kind?: ActionItemKind }[],
): ActionItemFields[] {
  const seen = new Set(existing.map((i) => sameTitle(i.title)));
  const fields: ActionItemFields[] = [];
  for (const s of suggestions) {
    const title = s.text.length > MAX_SUGGESTED_TITLE ? `${s.text.slice(0, MAX_SUGGESTED_TITLE - 1)}…` : s.text;
    const key = sameTitle(title);
    if (!key || seen.has(key)) {
      continue;
    }
    seen.add(key);
    fields.push({ title, kind: s.kind ?? 'prevent', aiGenerated: true });
  }
  return fields;
}

/** Open and past its due day (due is the end of that day, UTC). */
export function isOverdue(item: Pick<ActionItem, 'status' | 'due'>, now: Date): boolean {
  return item.status === 'open' && item.due !== undefined && now.getTime() > Date.parse(`${item.due}T23:59:59.999Z`);
}

/** Whole days past due (0 when not overdue). */
export function daysOverdue(item: Pick<ActionItem, 'status' | 'due'>, now: Date): number {
  return isOverdue(item, now) ? Math.floor((now.getTime() - Date.parse(`${item.due}T23:59:59.999Z`)) / 86_400_000) + 1 : 0;
}

/** An action item id as typed (`act-K3M9QZ7P`, any case) as War Room writes it (`ACT-k3m9qz7p`); other text as it is. */
export function actionItemIdOf(typed: string): string {
  return /^act-/i.test(typed) ? `ACT-${typed.slice(4).toLowerCase()}` : typed;
}

/** The `Closes-Action: ACT-…` trailers in a commit message (several allowed, one per line). */
export function closedActionIds(message: string): string[] {
  return [...message.matchAll(/^Closes-Action:[ \t]*(ACT-[0-9a-z]{8})[ \t]*$/gim)].map((m) => actionItemIdOf(m[1]));
}
