// Action items across incidents, as the Action Items view, the digest and `warroom actions` show
// them: where each stands today (overdue, open, done, won't do), grouped, and which commits'
// `Closes-Action:` trailers close which open items. Pure: "now" and the commits are passed in.

import { Incident } from '../incident';
import {
  ACTION_ITEM_EVENTS,
  ACTION_ITEM_KINDS,
  ActionItem,
  ActionItemFields,
  actionItemsOf,
  checkActionItemEvent,
  daysOverdue,
} from './actionItems';
import { count } from '../text/count';

export const ACTION_ITEM_BUCKETS = ['overdue', 'open', 'done', 'wont_do'] as const;
export type ActionItemBucket = (typeof ACTION_ITEM_BUCKETS)[number];

export const BUCKET_LABELS: Readonly<Record<ActionItemBucket, string>> = {
  overdue: 'Overdue',
  open: 'Open',
  done: 'Done',
  wont_do: "Won't do",
};

/** An item with the incident it came from and where it stands at `now`. */
export interface TrackedActionItem extends ActionItem {
  readonly incidentTitle: string;
  readonly bucket: ActionItemBucket;
  /** Whole days past due (0 unless overdue). */
  readonly overdueDays: number;
}

type IncidentLike = Pick<Incident, 'id' | 'title' | 'events'>;

/** Every incident's action items, overdue first (most overdue first), then open by due date, then closed. */
export function trackActionItems(incidents: readonly IncidentLike[], now: Date): TrackedActionItem[] {
  const tracked: TrackedActionItem[] = [];
  for (const incident of incidents) {
    for (const item of actionItemsOf(incident).items) {
      const overdueDays = daysOverdue(item, now);
      const bucket: ActionItemBucket = item.status === 'open' ? (overdueDays > 0 ? 'overdue' : 'open') : item.status;
      tracked.push({ ...item, incidentTitle: incident.title, bucket, overdueDays });
    }
  }
  const rank = (i: TrackedActionItem) => ACTION_ITEM_BUCKETS.indexOf(i.bucket);
  return tracked.sort(
    (a, b) =>
      rank(a) - rank(b) ||
      b.overdueDays - a.overdueDays ||
      (a.due ?? '9999').localeCompare(b.due ?? '9999') ||
      a.createdAt.localeCompare(b.createdAt) ||
      a.id.localeCompare(b.id),
  );
}

export type ActionItemGrouping = 'status' | 'owner' | 'incident';

export interface ActionItemGroup {
  readonly key: string;
  readonly label: string;
  readonly items: readonly TrackedActionItem[];
}

export const NO_OWNER = '(no owner)';

/** Groups in a stable order: by status the four buckets (empty ones left out), by owner or incident alphabetically. */
export function groupActionItems(items: readonly TrackedActionItem[], by: ActionItemGrouping): ActionItemGroup[] {
  if (by === 'status') {
    return ACTION_ITEM_BUCKETS.map((bucket) => ({
      key: bucket,
      label: BUCKET_LABELS[bucket],
      items: items.filter((i) => i.bucket === bucket),
    })).filter((g) => g.items.length > 0);
  }
  const groups = new Map<string, { label: string; items: TrackedActionItem[] }>();
  for (const item of items) {
    const key = by === 'owner' ? item.owner?.trim() || NO_OWNER : item.incidentId;
    const label = by === 'owner' ? key : `${item.incidentId} ${item.incidentTitle}`;
    const group = groups.get(key) ?? { label, items: [] };
    group.items.push(item);
    groups.set(key, group);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => Number(a === NO_OWNER) - Number(b === NO_OWNER) || a.localeCompare(b))
    .map(([key, group]) => ({ key, ...group }));
}

/** One line about an item: what a tree row's description, a CodeLens and the CLI say. */
export function describeActionItem(item: TrackedActionItem): string {
  const parts = [item.owner?.trim() || NO_OWNER, ...(item.due ? [`due ${item.due}`] : []), ...(item.priority ? [item.priority] : [])];
  if (item.bucket === 'overdue') {
    parts.unshift(`${count(item.overdueDays, 'day')} overdue`);
  } else if (item.status !== 'open') {
    const how = item.sha ? ` by ${item.sha.slice(0, 7)}` : item.reason ? `: ${item.reason}` : '';
    parts.unshift(`${BUCKET_LABELS[item.bucket].toLowerCase()}${how}`);
  }
  if (item.aiGenerated) {
    parts.unshift('AI proposal, not yet accepted');
  }
  return parts.join(' · ');
}

/** A commit on the default branch and the action item ids its trailers close. */
export interface ClosingCommit {
  readonly sha: string;
  /** When it was committed (ISO). */
  readonly committedAt: string;
  readonly ids: readonly string[];
}

export interface PlannedClosure {
  readonly incidentId: string;
  readonly itemId: string;
  readonly sha: string;
  /** When the item was done: the commit's time, kept between the item's creation and `now`. */
  readonly at: string;
}

/**
 * The `action_item_closed` events to append for `commits` (newest first, as git log prints them):
 * one per open item a trailer names, by the oldest commit naming it that has not closed it already
 * (a rescan, a teammate's scan). An item reopened by hand is closed again only by a commit made after
 * it was reopened: the person's "not done yet" stands against the commits they had already seen. Each
 * is dated at its commit, so an item finished on time counts as on time, whenever the scan ran.
 */
export function plannedClosures(
  incidents: readonly Pick<Incident, 'id' | 'events'>[],
  commits: readonly ClosingCommit[],
  now: Date,
): PlannedClosure[] {
  // Item id -> the commits naming it, oldest first.
  const closers = new Map<string, ClosingCommit[]>();
  for (let i = commits.length - 1; i >= 0; i--) {
    for (const id of commits[i].ids) {
      const list = closers.get(id);
      if (list) list.push(commits[i]);
      else closers.set(id, [commits[i]]);
    }
  }
  if (closers.size === 0) {
    return [];
  }
  const planned: PlannedClosure[] = [];
  for (const incident of incidents) {
    const closedBySha = new Set<string>();
    const reopenedMs = new Map<string, number>();
    for (const event of incident.events) {
      const record = event as unknown as { itemId?: unknown; sha?: unknown };
      if (typeof record.itemId !== 'string') continue;
      if (event.type === ACTION_ITEM_EVENTS.closed && typeof record.sha === 'string') {
        closedBySha.add(`${record.itemId} ${record.sha}`);
      } else if (event.type === ACTION_ITEM_EVENTS.reopened) {
        reopenedMs.set(record.itemId, Math.max(reopenedMs.get(record.itemId) ?? -Infinity, Date.parse(event.ts)));
      }
    }
    for (const item of actionItemsOf(incident).items) {
      if (item.status !== 'open') continue;
      const after = reopenedMs.get(item.id) ?? -Infinity;
      const commit = closers.get(item.id)?.find((c) => !closedBySha.has(`${item.id} ${c.sha}`) && !(Date.parse(c.committedAt) <= after));
      if (commit) {
        const createdMs = Date.parse(item.createdAt);
        const ms = Math.min(now.getTime(), Math.max(Date.parse(commit.committedAt) || now.getTime(), createdMs || -Infinity));
        planned.push({ incidentId: incident.id, itemId: item.id, sha: commit.sha, at: new Date(ms).toISOString() });
      }
    }
  }
  return planned;
}

/** A `path:line` link (not a URL): the file relative to the repository and the 1-based line. */
export interface FileLineLink {
  readonly file: string;
  readonly line: number;
}

export function fileLineOf(link: string): FileLineLink | undefined {
  const match = /^([^:\s][^:]*):(\d{1,7})$/.exec(link.trim());
  if (!match || /^[a-z][a-z0-9+.-]*$/i.test(match[1]) || match[1].includes('//')) {
    return undefined;
  }
  const line = Number(match[2]);
  return line >= 1 ? { file: match[1].replace(/\\/g, '/').replace(/^\.\//, ''), line } : undefined;
}

/** Checks the fields a person typed, as the fold will check the event: the problem in words, or undefined. */
export function actionFieldsProblem(fields: Partial<ActionItemFields>, adding: boolean): string | undefined {
  const checked = checkActionItemEvent({
    id: 'x',
    ts: new Date(0).toISOString(),
    author: 'x',
    type: adding ? ACTION_ITEM_EVENTS.added : ACTION_ITEM_EVENTS.changed,
    itemId: 'ACT-00000000',
    ...fields,
  } as never);
  return 'error' in checked ? checked.error.replace(/^[a-z_]+ event: /, '') : undefined;
}

/**
 * Why `item` cannot be reopened, in words (it is open: "is open already (overdue): there is nothing
 * to reopen"), or undefined for a closed one. Asked by the editor's Reopen Action Item and by
 * `warroom actions reopen` alike, so neither appends a reopen to an item that is open.
 */
/** Why an item cannot be closed (by hand): it is closed already, and how. The CLI and the editor each add how to reopen it. */
export function closeProblem(item: TrackedActionItem): string | undefined {
  return item.status !== 'open' ? `${item.id} is already closed (${BUCKET_LABELS[item.bucket].toLowerCase()})` : undefined;
}

export function reopenProblem(item: TrackedActionItem): string | undefined {
  return item.status === 'open'
    ? `${item.id} is open already (${BUCKET_LABELS[item.bucket].toLowerCase()}): there is nothing to reopen`
    : undefined;
}

export function isActionItemKind(value: string): value is ActionItemFields['kind'] {
  return (ACTION_ITEM_KINDS as readonly string[]).includes(value);
}

/** Open items overdue by more than `minDays`, by owner, as Markdown (the escalation digest). */
export function overdueDigest(items: readonly TrackedActionItem[], now: Date, minDays: number): string {
  const late = items.filter((i) => i.bucket === 'overdue' && i.overdueDays > minDays);
  const lines = [
    `# Overdue action items`,
    '',
    `${now.toISOString().slice(0, 10)}: items more than ${count(minDays, 'day')} past due, by owner.`,
    '',
  ];
  if (late.length === 0) {
    lines.push('Nothing is that late.');
    return lines.join('\n') + '\n';
  }
  for (const group of groupActionItems(late, 'owner')) {
    lines.push(`## ${markdownText(group.label)} (${group.items.length})`, '');
    for (const item of group.items) {
      lines.push(
        `- **${item.id}** ${markdownText(item.title)}: ${count(item.overdueDays, 'day')} overdue (due ${item.due}${item.priority ? `, ${item.priority}` : ''}), from ${item.incidentId} ${markdownText(item.incidentTitle)}`,
      );
    }
    lines.push('');
  }
  return lines.join('\n');
}

/** How many items each owner has overdue (the once-a-day nudge). */
export function overdueByOwner(items: readonly TrackedActionItem[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) {
    if (item.bucket === 'overdue') {
      const owner = item.owner?.trim() || NO_OWNER;
      counts.set(owner, (counts.get(owner) ?? 0) + 1);
    }
  }
  return counts;
}

/** How many other owners get a notification of their own; the rest share one. */
export const NUDGE_OWNERS = 5;

/** One notification of the once-a-day nudge. */
export interface OverdueNudge {
  /** The owner, or for the last one a list of the owners it counts together. */
  readonly owners: readonly string[];
  readonly count: number;
  /** The current user's own items: first, and worded to them. */
  readonly mine: boolean;
  readonly message: string;
}

/** The day a nudge counts against: the user's local calendar day (`YYYY-MM-DD`), not UTC's. */
export function nudgeDay(now: Date, utcOffsetMinutes: number): string {
  return new Date(now.getTime() + utcOffsetMinutes * 60_000).toISOString().slice(0, 10);
}

/**
 * An owner as a notification shows it: a teammate's text, so no markdown link (VS Code renders
 * `[text](command:...)` in a notification as a link) and no control character, and not a paragraph.
 */
const ownerText = (owner: string): string => {
  const plain = owner
    .replace(/[\u0000-\u001f\u007f]+/g, ' ')
    .replace(/\[/g, '(')
    .replace(/\]/g, ')')
    .trim();
  return plain.length > 60 ? `${plain.slice(0, 59)}…` : plain;
};

const items_ = (n: number) => count(n, 'overdue action item');
const sameOwner = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

/**
 * The escalation on window focus, at most once a day: a notification per owner's overdue count,
 * the current user's own first ("You have 2 overdue action items"), then the other owners with the
 * most first, up to NUDGE_OWNERS of them, the rest in one. Undefined when the nudge was already
 * shown on this local day (`lastDay`, as `nudgeDay` wrote it) or nothing is overdue, so the caller
 * records `day` only when it shows something. `me`: the user's names (one per folder).
 */
export function overdueNudges(
  items: readonly TrackedActionItem[],
  options: { readonly now: Date; readonly utcOffsetMinutes: number; readonly lastDay?: string; readonly me: readonly string[] },
): { readonly day: string; readonly nudges: readonly OverdueNudge[] } | undefined {
  const day = nudgeDay(options.now, options.utcOffsetMinutes);
  if (options.lastDay === day) {
    return undefined;
  }
  let mine = 0;
  const others: [string, number][] = [];
  for (const [owner, count] of overdueByOwner(items)) {
    if (owner !== NO_OWNER && options.me.some((name) => name.trim() && sameOwner(name, owner))) mine += count;
    else others.push([owner, count]);
  }
  if (mine === 0 && others.length === 0) {
    return undefined;
  }
  others.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const nudges: OverdueNudge[] = [];
  if (mine) {
    nudges.push({ owners: options.me.filter((n) => n.trim()).slice(0, 1), count: mine, mine: true, message: `You have ${items_(mine)}.` });
  }
  const alone = others.length > NUDGE_OWNERS + 1 ? others.slice(0, NUDGE_OWNERS) : others;
  for (const [owner, n] of alone) {
    nudges.push({
      owners: [owner],
      count: n,
      mine: false,
      message: owner === NO_OWNER ? `${items_(n)} with no owner.` : `${ownerText(owner)} has ${items_(n)}.`,
    });
  }
  const rest = others.slice(alone.length);
  if (rest.length) {
    const total = rest.reduce((n, [, c]) => n + c, 0);
    nudges.push({
      owners: rest.map(([o]) => o),
      count: total,
      mine: false,
      message: `${rest.length} more owners have ${items_(total)}: ${rest.map(([o, c]) => `${ownerText(o)} ${c}`).join(', ')}.`,
    });
  }
  return { day, nudges };
}

/** Teammates' text in the digest stays text: no heading, link or HTML of theirs takes effect. */
function markdownText(text: string): string {
  return text.replace(/[\r\n]+/g, ' ').replace(/([\\`*_[\]<>#|])/g, '\\$1');
}
