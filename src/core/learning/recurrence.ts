// Recurrence: an incident recurs an earlier one (within N days, setting `warroom.recurrence.days`)
// when both are on the same service and share a linked runbook, or a file: among the files of the
// commits marked cause, or named by their action items' `path:line` links. Reasons are in words,
// and recurring incidents grouped by what they share are the dashboard's patterns.

import { Incident } from '../incident';
import { Severity } from '../severity';
import { checkSuspectMarked, foldSuspectMarks } from '../correlation/suspectMarks';
import { validateRunbookEvent } from '../runbooks/runbookEvents';
import { ActionItem, actionItemsOf } from './actionItems';

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

/** `src/db/pool.ts:42` (or `:42:7`) as a repository path; URLs and anything else are not files. */
export function linkedFile(link: string): string | undefined {
  const match = /^([^\s:]+):(\d+)(?::\d+)?$/.exec(link.trim());
  if (!match) {
    return undefined;
  }
  const path = match[1].replace(/^\.\//, '');
  // Absolute paths and ones climbing out of the repository name nothing two incidents can share.
  return path.startsWith('/') || path.split('/').includes('..') ? undefined : path;
}

/** The shas marked cause (latest verdict per commit). */
export function causeShas(incident: Pick<Incident, 'events'>): string[] {
  return [...foldSuspectMarks(incident.events).bySha.values()].filter((m) => m.verdict === 'cause').map((m) => m.sha);
}

/**
 * One pass over the events for what recurrence reads: the latest verdict per sha and the runbooks
 * linked now, checked by their modules' own field checks. The full folds keep histories and steps
 * the dashboard does not need, and it reads every incident of the year.
 */
function causesAndRunbooks(incident: Pick<Incident, 'events'>): { causes: string[]; runbooks: string[] } {
  const verdicts = new Map<string, string>();
  const runbooks = new Set<string>();
  for (const event of incident.events) {
    if (event.type === 'suspect_marked') {
      const checked = checkSuspectMarked(event);
      if ('event' in checked) verdicts.set(checked.event.sha, checked.event.verdict);
    } else if ((event.type === 'runbook_linked' || event.type === 'runbook_unlinked') && !validateRunbookEvent(event)) {
      const runbook = (event as unknown as { runbook: string }).runbook;
      if (event.type === 'runbook_linked') runbooks.add(runbook);
      else runbooks.delete(runbook);
    }
  }
  const causes: string[] = [];
  for (const [sha, verdict] of verdicts) if (verdict === 'cause') causes.push(sha);
  return { causes, runbooks: [...runbooks].sort() };
}

export function recurrenceSignature(
  incident: Incident,
  filesOf: FilesOf = () => undefined,
  actionItems?: readonly ActionItem[],
): RecurrenceSignature {
  const items = actionItems ?? actionItemsOf(incident).items;
  const { causes, runbooks } = causesAndRunbooks(incident);
  const files = new Set<string>();
  for (const sha of causes) {
    for (const file of filesOf(sha) ?? []) {
      files.add(file);
    }
  }
  for (const item of items) {
    for (const link of item.links ?? []) {
      const file = linkedFile(link);
      if (file) {
        files.add(file);
      }
    }
  }
  return {
    incidentId: incident.id,
    title: incident.title,
    service: incident.service,
    severity: incident.severity,
    startedMs: Date.parse(incident.startedAt),
    runbooks,
    files: [...files].sort(),
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

function reasonOf(files: readonly string[], runbooks: readonly string[]): string {
  const parts = [
    ...(files.length ? [`both touched ${listInWords(files)}`] : []),
    ...(runbooks.length ? [`both followed runbook ${listInWords(runbooks)}`] : []),
  ];
  return `same service, ${parts.join('; ')}`;
}

/**
 * Every (later, earlier) pair that recurs, newest later incident first and, for each, its nearest
 * earlier one first. Drills are left out. Linear in the incidents and what they share: each is
 * compared only with earlier ones on the same service sharing a runbook or a file.
 */
export function findRecurrences(signatures: readonly RecurrenceSignature[], days = DEFAULT_RECURRENCE_DAYS): Recurrence[] {
  const windowMs = days * DAY_MS;
  const sorted = signatures.filter((s) => !Number.isNaN(s.startedMs)).sort((a, b) => a.startedMs - b.startedMs);
  // service -> "f" + file or "r" + runbook -> incidents that have it, oldest first
  const byService = new Map<string, Map<string, RecurrenceSignature[]>>();
  const perIncident: Recurrence[][] = [];
  const look = (
    keys: Map<string, RecurrenceSignature[]>,
    key: string,
    signature: RecurrenceSignature,
    found: (earlier: RecurrenceSignature) => void,
  ) => {
    const list = keys.get(key);
    if (!list) {
      keys.set(key, [signature]);
      return;
    }
    for (let i = list.length - 1; i >= 0 && signature.startedMs - list[i].startedMs <= windowMs; i--) {
      found(list[i]);
    }
    list.push(signature);
  };
  for (const signature of sorted) {
    let keys = byService.get(signature.service);
    if (!keys) {
      keys = new Map();
      byService.set(signature.service, keys);
    }
    const shared = new Map<RecurrenceSignature, { files: string[]; runbooks: string[] }>();
    const entry = (earlier: RecurrenceSignature) => {
      let e = shared.get(earlier);
      if (!e) {
        e = { files: [], runbooks: [] };
        shared.set(earlier, e);
      }
      return e;
    };
    for (const file of signature.files) look(keys, `f${file}`, signature, (earlier) => entry(earlier).files.push(file));
    for (const runbook of signature.runbooks) look(keys, `r${runbook}`, signature, (earlier) => entry(earlier).runbooks.push(runbook));
    if (shared.size === 0) {
      continue;
    }
    perIncident.push(
      [...shared]
        .sort((a, b) => b[0].startedMs - a[0].startedMs)
        .map(([earlier, { files, runbooks }]) => ({
          incidentId: signature.incidentId,
          recurs: earlier.incidentId,
          service: signature.service,
          files,
          runbooks,
          reason: reasonOf(files, runbooks),
        })),
    );
  }
  return perIncident.reverse().flat();
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

function severityPhrase(severities: Partial<Record<Severity, number>>, count: number): string {
  const kinds = Object.keys(severities).sort() as Severity[];
  if (kinds.length === 1) {
    return `${count} ${severityWords(kinds[0])} incidents`;
  }
  return `${count} incidents (${kinds.map((s) => `${severities[s]} ${severityWords(s)}`).join(', ')})`;
}

/**
 * Groups of two or more incidents (of `signatures`, already the period's) on one service that all
 * share a file or a runbook, largest first. Groups with the very same incidents are one pattern
 * naming everything they share. `days` is the period, for the words.
 */
export function recurrencePatterns(signatures: readonly RecurrenceSignature[], days: number): RecurrencePattern[] {
  const byKey = new Map<string, { kind: 'file' | 'runbook'; value: string; members: RecurrenceSignature[] }>();
  for (const s of signatures) {
    for (const [kind, values] of [
      ['file', s.files],
      ['runbook', s.runbooks],
    ] as const) {
      for (const value of values) {
        const key = `${s.service}\u0000${kind}\u0000${value}`;
        const group = byKey.get(key) ?? { kind, value, members: [] };
        group.members.push(s);
        byKey.set(key, group);
      }
    }
  }
  const bySet = new Map<string, { members: RecurrenceSignature[]; files: string[]; runbooks: string[] }>();
  for (const group of byKey.values()) {
    if (group.members.length < 2) {
      continue;
    }
    // Signatures come oldest first from the caller as often as not; sorted here so the key is stable.
    const members = group.members.sort((a, b) => a.startedMs - b.startedMs || (a.incidentId < b.incidentId ? -1 : 1));
    const key = members.map((m) => m.incidentId).join(',');
    const pattern = bySet.get(key) ?? { members, files: [], runbooks: [] };
    (group.kind === 'file' ? pattern.files : pattern.runbooks).push(group.value);
    bySet.set(key, pattern);
  }
  const patterns = [...bySet.values()].map(({ members, files, runbooks }): RecurrencePattern => {
    const severities: Partial<Record<Severity, number>> = {};
    for (const m of members) {
      severities[m.severity] = (severities[m.severity] ?? 0) + 1;
    }
    const openActionItems = members.reduce((n, m) => n + m.actionItems.filter((i) => i.status === 'open').length, 0);
    files.sort();
    runbooks.sort();
    const shared = [
      ...(files.length ? [`touching ${listInWords(files)}`] : []),
      ...(runbooks.length ? [`following runbook ${listInWords(runbooks)}`] : []),
    ];
    const items = openActionItems === 1 ? '1 action item still open' : `${openActionItems || 'no'} action items still open`;
    return {
      service: members[0].service,
      incidentIds: members.map((m) => m.incidentId),
      severities,
      files,
      runbooks,
      openActionItems,
      text: `${severityPhrase(severities, members.length)} on ${members[0].service} in ${days} days, all ${shared.join(' and ')}; ${items}`,
    };
  });
  // Plain code-unit order for ties: localeCompare costs microseconds a call, and there can be thousands.
  return patterns.sort((a, b) => b.incidentIds.length - a.incidentIds.length || (a.text < b.text ? -1 : a.text > b.text ? 1 : 0));
}
