// Recurrence: an incident recurs an earlier one (within N days, setting `warroom.recurrence.days`)
// when both are on the same service and share a linked runbook, or a file: among the files of the
// commits marked cause, or named by their action items' `path:line` links. Reasons are in words,
// and recurring incidents grouped by what they share are the dashboard's patterns.

import { Incident } from '../incident';
import { Severity } from '../severity';
import { checkSuspectMarked, foldSuspectMarks } from '../correlation/suspectMarks';
import { validateRunbookEvent } from '../runbooks/runbookEvents';
import { ActionItem, actionItemsOf } from './actionItems';
import { impactStartMs, milestonesOf } from './milestones';
import { count } from '../text/count';

export const DEFAULT_RECURRENCE_DAYS = 90;

const DAY_MS = 86_400_000;

/** The files a commit changed, as the adapter knows them from git; undefined when it does not. */
export type FilesOf = (sha: string) => readonly string[] | undefined;

/** What an incident is made of for recurrence: folded once, compared many times. */
export interface RecurrenceSignature {
  readonly incidentId: string;
  readonly title: string;
  readonly service: string;
  readonly severity: Severity;
  /** Impact start (ms since the epoch). */
  readonly startedMs: number;
  readonly runbooks: readonly string[];
  /** Files of the commits marked cause and of the action items' `path:line` links, sorted. */
  readonly files: readonly string[];
  readonly actionItems: readonly ActionItem[];
}

/** A `..` segment anywhere in a `/`-separated path (without splitting it: this runs for every link of the year). */
const climbs = (path: string): boolean => path === '..' || path.startsWith('../') || path.endsWith('/..') || path.includes('/../');

/** Adds `value` to a short sorted list unless it is there (code-unit order, as `sort()`): no Set, no sort per incident. */
function insertSorted(list: string[], value: string): void {
  let i = list.length;
  while (i > 0 && list[i - 1] > value) i--;
  if (i > 0 && list[i - 1] === value) {
    return;
  }
  // Shifted by hand: splice allocates the (empty) array of what it removed.
  list.push(value);
  for (let j = list.length - 1; j > i; j--) list[j] = list[j - 1];
  list[i] = value;
}

/** `src/db/pool.ts:42` (or `:42:7`) as a repository path; URLs and anything else are not files. */
export function linkedFile(link: string): string | undefined {
  const match = /^([^\s:]+):(\d+)(?::\d+)?$/.exec(link.trim());
  if (!match) {
    return undefined;
  }
  const path = match[1].startsWith('./') ? match[1].slice(2) : match[1];
  // Absolute paths and ones climbing out of the repository name nothing two incidents can share.
  return path.startsWith('/') || climbs(path) ? undefined : path;
}

/** The shas marked cause (latest verdict per commit). */
export function causeShas(incident: Pick<Incident, 'events'>): string[] {
  return [...foldSuspectMarks(incident.events).bySha.values()].filter((m) => m.verdict === 'cause').map((m) => m.sha);
}

/**
 * One pass over the events for what recurrence reads: the latest verdict per sha and the runbooks
 * linked now, checked by their modules' own field checks. The full folds keep histories and steps
 * the dashboard does not need, and it reads every incident of the year. The files of the commits
 * marked cause go into `files`; the runbooks are returned.
 */
function causeFilesAndRunbooks(incident: Pick<Incident, 'events'>, filesOf: FilesOf, files: string[]): string[] {
  // Made on the first mark: most incidents have none or one, and this runs for every incident of the year.
  let verdicts: Map<string, string> | undefined;
  const runbooks: string[] = [];
  for (const event of incident.events) {
    if (event.type === 'suspect_marked') {
      const checked = checkSuspectMarked(event);
      if (!('event' in checked)) continue;
      (verdicts ??= new Map()).set(checked.event.sha, checked.event.verdict);
    } else if ((event.type === 'runbook_linked' || event.type === 'runbook_unlinked') && !validateRunbookEvent(event)) {
      const runbook = (event as unknown as { runbook: string }).runbook;
      if (event.type === 'runbook_linked') insertSorted(runbooks, runbook);
      else {
        const at = runbooks.indexOf(runbook);
        if (at >= 0) runbooks.splice(at, 1);
      }
    }
  }
  // forEach, not for-of: no [key, value] array per entry.
  verdicts?.forEach((verdict, sha) => {
    if (verdict === 'cause') addFiles(files, filesOf(sha));
  });
  return runbooks;
}

function addFiles(files: string[], of: readonly string[] | undefined): void {
  for (const file of of ?? []) insertSorted(files, file);
}

/**
 * `actionItems` and `startedMs` when the caller has folded them already. An incident begins at its
 * impact start milestone (corrections included), as in the KPIs, so the tree and the dashboard agree.
 */
export function recurrenceSignature(
  incident: Incident,
  filesOf: FilesOf = () => undefined,
  actionItems?: readonly ActionItem[],
  startedMs = impactStartMs(incident, milestonesOf(incident)),
): RecurrenceSignature {
  const items = actionItems ?? actionItemsOf(incident).items;
  const files: string[] = [];
  const runbooks = causeFilesAndRunbooks(incident, filesOf, files);
  for (const item of items) {
    for (const link of item.links ?? []) {
      const file = linkedFile(link);
      if (file) {
        insertSorted(files, file);
      }
    }
  }
  return {
    incidentId: incident.id,
    title: incident.title,
    service: incident.service,
    severity: incident.severity,
    startedMs,
    // Copies as long as the lists: grown by push they hold room for 17, and a year of signatures is
    // live through the whole run, copied by every young-generation collection that meets it.
    runbooks: runbooks.slice(),
    files: files.slice(),
    actionItems: items,
  };
}

export interface Recurrence {
  /** The later incident. */
  readonly incidentId: string;
  /** The earlier one it recurs. */
  readonly recurs: string;
  readonly service: string;
  readonly runbooks: readonly string[];
  readonly files: readonly string[];
  /** "same service, both touched src/db/pool.ts". */
  readonly reason: string;
}

/** "a, b and c". */
export function listInWords(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** The words joined as they are, without the arrays of the parts: thousands of pairs share several keys. */
function reasonOf(files: readonly string[], runbooks: readonly string[]): string {
  const touched = files.length ? `both touched ${listInWords(files)}` : '';
  const followed = runbooks.length ? `both followed runbook ${listInWords(runbooks)}` : '';
  return `same service, ${touched}${touched && followed ? '; ' : ''}${followed}`;
}

const NOTHING: readonly string[] = Object.freeze([]);

/** Up to this many pairs in a round are put in order by insertion. */
const SMALL = 32;

/**
 * A file (or runbook) on one service: the incidents having it (indexes into the sorted signatures,
 * oldest first), and the list and reason of a pair sharing only it. Most pairs share one key: its
 * one-element list and its reason are made once, on the first such pair, and shared by every such
 * pair (read-only), so the sweep allocates little beyond the pairs and looks up no map per pair.
 */
interface KeyEntry {
  readonly key: string;
  readonly runbook: boolean;
  readonly rounds: number[];
  one: readonly string[] | undefined;
  reason: string | undefined;
}

const onlyList = (entry: KeyEntry): readonly string[] => (entry.one ??= Object.freeze([entry.key]));

const onlyReason = (entry: KeyEntry): string =>
  (entry.reason ??= entry.runbook ? reasonOf(NOTHING, [entry.key]) : reasonOf([entry.key], NOTHING));

/**
 * Every (later, earlier) pair that recurs, newest later incident first and, for each, its nearest
 * earlier one first. Drills are left out. A sweep in time order: each incident is compared only with
 * earlier ones on the same service having one of its files or runbooks, walking back from the newest
 * and stopping at the window's edge, so the work is the pairs found plus one step per key.
 */
export function findRecurrences(signatures: readonly RecurrenceSignature[], days = DEFAULT_RECURRENCE_DAYS): Recurrence[] {
  const windowMs = days * DAY_MS;
  const sorted = signatures.filter((s) => !Number.isNaN(s.startedMs)).sort((a, b) => a.startedMs - b.startedMs);
  const n = sorted.length;
  const byService = new Map<string, { files: Map<string, KeyEntry>; runbooks: Map<string, KeyEntry> }>();
  // Per earlier incident (by index): the round that last found it and where its pair is in that round.
  const slotRound = new Int32Array(n).fill(-1);
  const slotPair = new Int32Array(n);
  // The round's pairs, as columns reused from round to round: the earlier incident, when it began,
  // the first key found (its entry) and the files and runbooks shared so far. A pair's object is
  // made once, whole, when its round is done: nothing is copied as its lists grow.
  const pairEarlier = new Int32Array(n);
  const pairStarted = new Float64Array(n);
  const pairFirst: KeyEntry[] = [];
  const pairFiles: (readonly string[])[] = [];
  const pairRunbooks: (readonly string[])[] = [];
  const order = new Int32Array(n);
  const found: Recurrence[] = [];
  for (let round = 0; round < n; round++) {
    const signature = sorted[round];
    const startedMs = signature.startedMs;
    let keys = byService.get(signature.service);
    if (!keys) {
      keys = { files: new Map(), runbooks: new Map() };
      byService.set(signature.service, keys);
    }
    const fileCount = signature.files.length;
    const keyCount = fileCount + signature.runbooks.length;
    let pairCount = 0;
    // Its files, then its runbooks: each pairs this incident with every earlier one in the window having it.
    for (let k = 0; k < keyCount; k++) {
      const runbook = k >= fileCount;
      const key = runbook ? signature.runbooks[k - fileCount] : signature.files[k];
      const index = runbook ? keys.runbooks : keys.files;
      const entry = index.get(key);
      if (!entry) {
        index.set(key, { key, runbook, rounds: [round], one: undefined, reason: undefined });
        continue;
      }
      const rounds = entry.rounds;
      for (let i = rounds.length - 1; i >= 0; i--) {
        const earlier = rounds[i];
        const earlierMs = sorted[earlier].startedMs;
        if (!(startedMs - earlierMs <= windowMs)) break;
        let p: number;
        if (slotRound[earlier] !== round) {
          slotRound[earlier] = round;
          p = pairCount++;
          slotPair[earlier] = p;
          pairEarlier[p] = earlier;
          pairStarted[p] = earlierMs;
          pairFirst[p] = entry;
          pairFiles[p] = NOTHING;
          pairRunbooks[p] = NOTHING;
        } else {
          p = slotPair[earlier];
        }
        // A list of one is the key's shared one; of two, a fresh copy; longer, that copy grown in place.
        const lists = runbook ? pairRunbooks : pairFiles;
        const list = lists[p];
        if (list.length === 0) lists[p] = onlyList(entry);
        else if (list.length === 1) lists[p] = [list[0], key];
        else (list as string[]).push(key);
      }
      rounds.push(round);
    }
    if (pairCount === 0) {
      continue;
    }
    // Nearest first; among earlier incidents that began at the same time, the first found first.
    for (let i = 0; i < pairCount; i++) order[i] = i;
    if (pairCount <= SMALL) {
      // Most rounds find a handful, each key's walk already nearest first: an insertion sort (stable,
      // so ties keep the order found) allocates nothing, where a sort with a comparator allocates its work state.
      for (let i = 1; i < pairCount; i++) {
        const x = order[i];
        let j = i;
        while (j > 0 && pairStarted[order[j - 1]] < pairStarted[x]) {
          order[j] = order[j - 1];
          j--;
        }
        order[j] = x;
      }
    } else {
      order.subarray(0, pairCount).sort((x, y) => pairStarted[y] - pairStarted[x] || x - y);
    }
    // Nearest last, so that reversing the whole list at the end gives newest later, nearest earlier first.
    for (let i = pairCount - 1; i >= 0; i--) {
      const p = order[i];
      const files = pairFiles[p];
      const runbooks = pairRunbooks[p];
      found.push({
        incidentId: signature.incidentId,
        recurs: sorted[pairEarlier[p]].incidentId,
        service: signature.service,
        files,
        runbooks,
        reason: files.length + runbooks.length > 1 ? reasonOf(files, runbooks) : onlyReason(pairFirst[p]),
      });
    }
  }
  return found.reverse();
}

/** The earlier incidents one incident recurs, nearest first. */
export function recurrencesOf(incidentId: string, recurrences: readonly Recurrence[]): Recurrence[] {
  return recurrences.filter((r) => r.incidentId === incidentId);
}

/** "recurs INC-… : same service, both touched src/db/pool.ts" */
export function recurrenceText(recurrence: Recurrence): string {
  return `recurs ${recurrence.recurs}: ${recurrence.reason}`;
}

export interface RecurrencePattern {
  readonly service: string;
  /** The incidents, oldest first. */
  readonly incidentIds: readonly string[];
  readonly severities: Readonly<Partial<Record<Severity, number>>>;
  /** What every one of them shares. */
  readonly files: readonly string[];
  readonly runbooks: readonly string[];
  readonly openActionItems: number;
  /** "3 SEV-2 incidents on checkout in 90 days, all touching src/db/pool.ts; 2 action items still open" */
  readonly text: string;
}

/** `SEV2` as people write it in prose: `SEV-2`. */
export const severityWords = (severity: Severity): string => severity.replace(/^SEV/, 'SEV-');

function severityPhrase(severities: Partial<Record<Severity, number>>, total: number): string {
  const kinds = Object.keys(severities).sort() as Severity[];
  if (kinds.length === 1) {
    return `${total} ${severityWords(kinds[0])} incidents`;
  }
  return `${total} incidents (${kinds.map((s) => `${severities[s]} ${severityWords(s)}`).join(', ')})`;
}

const byStart = (a: RecurrenceSignature, b: RecurrenceSignature): number =>
  a.startedMs - b.startedMs || (a.incidentId < b.incidentId ? -1 : 1);

/**
 * Groups of two or more incidents (of `signatures`, already the period's) on one service that all
 * share a file or a runbook, largest first. Groups with the very same incidents are one pattern
 * naming everything they share. `days` is the period, for the words.
 */
export function recurrencePatterns(signatures: readonly RecurrenceSignature[], days: number): RecurrencePattern[] {
  // Incidents by their index in `signatures`: what is worked out per incident is then in typed arrays, not maps.
  interface Group {
    readonly kind: 'file' | 'runbook';
    readonly value: string;
    readonly members: number[];
  }
  interface Shared {
    readonly members: readonly number[];
    readonly files: string[];
    readonly runbooks: string[];
  }
  const groups: Group[] = [];
  // service -> file (or runbook) -> its group: nested maps, no key string made per incident and file.
  const byService = new Map<string, { file: Map<string, Group>; runbook: Map<string, Group> }>();
  const add = (index: Map<string, Group>, kind: Group['kind'], value: string, s: number) => {
    let group = index.get(value);
    if (!group) {
      group = { kind, value, members: [] };
      index.set(value, group);
      groups.push(group);
    }
    group.members.push(s);
  };
  const n = signatures.length;
  for (let i = 0; i < n; i++) {
    const s = signatures[i];
    let keys = byService.get(s.service);
    if (!keys) {
      keys = { file: new Map(), runbook: new Map() };
      byService.set(s.service, keys);
    }
    for (const file of s.files) add(keys.file, 'file', file, i);
    for (const runbook of s.runbooks) add(keys.runbook, 'runbook', runbook, i);
  }

  // Per incident, once it is in a group of two or more: its open action items (it is in one group
  // per file and runbook it has).
  const openOf = new Int32Array(n).fill(-1);
  const idOf = (m: number) => signatures[m].incidentId;
  const byStartOf = (x: number, y: number) => byStart(signatures[x], signatures[y]);
  // Groups of the very same incidents, by their ids joined: one pattern, in the order first found.
  const bySet = new Map<string, Shared>();
  const sets: Shared[] = [];
  for (const group of groups) {
    const members = group.members;
    if (members.length < 2) {
      continue;
    }
    let sorted = true;
    for (let i = 1; i < members.length && sorted; i++) sorted = byStartOf(members[i - 1], members[i]) <= 0;
    // Signatures come oldest first from the caller as often as not; sorted here (when they are not) so the set is the same.
    if (!sorted) members.sort(byStartOf);
    for (const m of members) {
      if (openOf[m] < 0) {
        let open = 0;
        for (const item of signatures[m].actionItems) if (item.status === 'open') open++;
        openOf[m] = open;
      }
    }
    const key = members.map(idOf).join(',');
    let set = bySet.get(key);
    if (!set) {
      set = { members, files: [], runbooks: [] };
      bySet.set(key, set);
      sets.push(set);
    }
    (group.kind === 'file' ? set.files : set.runbooks).push(group.value);
  }
  const patterns = sets.map(({ members, files, runbooks }): RecurrencePattern => {
    const severities: Partial<Record<Severity, number>> = {};
    let openActionItems = 0;
    for (const m of members) {
      const s = signatures[m];
      severities[s.severity] = (severities[s.severity] ?? 0) + 1;
      openActionItems += openOf[m];
    }
    const service = signatures[members[0]].service;
    files.sort();
    runbooks.sort();
    const touching = files.length ? `touching ${listInWords(files)}` : '';
    const following = runbooks.length ? `following runbook ${listInWords(runbooks)}` : '';
    const items = openActionItems ? `${count(openActionItems, 'action item')} still open` : 'no action items still open';
    return {
      service,
      // Mapped, so as long as the list: grown by push it would hold room for 17 or more in the result.
      incidentIds: members.map(idOf),
      severities,
      files,
      runbooks,
      openActionItems,
      text: `${severityPhrase(severities, members.length)} on ${service} in ${days} days, all ${touching}${touching && following ? ' and ' : ''}${following}; ${items}`,
    };
  });
  // Plain code-unit order for ties: localeCompare costs microseconds a call, and there can be thousands.
  return patterns.sort((a, b) => b.incidentIds.length - a.incidentIds.length || (a.text < b.text ? -1 : a.text > b.text ? 1 : 0));
}
