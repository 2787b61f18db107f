// A responder's verdict on a commit ("suspect", "cleared", "cause"), recorded as a timeline event
// carrying the sha. Folded here from `incident.events`, not by the core fold (see ARCHITECTURE.md).

import { EventBase, IncidentEvent } from '../events';

export const SUSPECT_VERDICTS = ['suspect', 'cleared', 'cause'] as const;
export type SuspectVerdict = (typeof SUSPECT_VERDICTS)[number];

export interface SuspectMarkedEvent extends EventBase {
  readonly type: 'suspect_marked';
  readonly sha: string;
  readonly verdict: SuspectVerdict;
  readonly note?: string;
  /** What the commit is called where it was marked: its subject, or a pull request's `#42 Title`. */
  readonly title?: string;
}

export interface SuspectMark {
  readonly sha: string;
  readonly verdict: SuspectVerdict;
  readonly note?: string;
  /** The title the latest mark that gave one wrote (older War Rooms wrote none). */
  readonly title?: string;
  readonly by: string;
  readonly at: string;
  /** Every verdict on this sha, oldest first: "suspect" then "cleared" is part of the story. */
  readonly history: readonly { readonly verdict: SuspectVerdict; readonly by: string; readonly at: string; readonly note?: string }[];
}

const SHA = /^[0-9a-f]{7,64}$/;

/** Checks the fields this module reads; the envelope was checked by `validateEvent`. */
export function checkSuspectMarked(event: IncidentEvent): { event: SuspectMarkedEvent } | { error: string } {
  const record = event as unknown as Record<string, unknown>;
  if (record.type !== 'suspect_marked') {
    return { error: `not a suspect_marked event (type "${String(record.type)}")` };
  }
  if (typeof record.sha !== 'string' || !SHA.test(record.sha)) {
    return { error: 'suspect_marked event: "sha" must be a commit sha (7-64 lower-case hex digits)' };
  }
  if (!(SUSPECT_VERDICTS as readonly unknown[]).includes(record.verdict)) {
    return { error: `suspect_marked event: "verdict" must be one of ${SUSPECT_VERDICTS.join(', ')}` };
  }
  if (record.note !== undefined && typeof record.note !== 'string') {
    return { error: 'suspect_marked event: "note" must be a string when present' };
  }
  if (record.title !== undefined && typeof record.title !== 'string') {
    return { error: 'suspect_marked event: "title" must be a string when present' };
  }
  return { event: record as unknown as SuspectMarkedEvent };
}

export interface SuspectMarks {
  /** Latest verdict per full or abbreviated sha as written. */
  readonly bySha: ReadonlyMap<string, SuspectMark>;
  /** Events of this type that failed the field check (kept in the log, not folded). */
  readonly problems: readonly { readonly eventId: string; readonly message: string }[];
}

/**
 * Folds `suspect_marked` events (already deduplicated and ordered by the core fold) into the
 * current verdict per commit; the last verdict wins.
 */
export function foldSuspectMarks(events: readonly IncidentEvent[]): SuspectMarks {
  const bySha = new Map<string, SuspectMark>();
  const problems: { eventId: string; message: string }[] = [];
  for (const event of events) {
    if (event.type !== 'suspect_marked') {
      continue;
    }
    const checked = checkSuspectMarked(event);
    if ('error' in checked) {
      problems.push({ eventId: event.id, message: checked.error });
      continue;
    }
    const e = checked.event;
    const previous = bySha.get(e.sha);
    const step = { verdict: e.verdict, by: e.author, at: e.ts, ...(e.note ? { note: e.note } : {}) };
    const title = e.title?.trim() || previous?.title;
    bySha.set(e.sha, { sha: e.sha, ...step, ...(title ? { title } : {}), history: [...(previous?.history ?? []), step] });
  }
  return { bySha, problems };
}

/** The verdict for a full sha, accepting marks written with an abbreviated one. */
export function verdictFor(marks: SuspectMarks, sha: string): SuspectMark | undefined {
  const exact = marks.bySha.get(sha);
  if (exact) {
    return exact;
  }
  let latest: SuspectMark | undefined;
  for (const mark of marks.bySha.values()) {
    if (sha.startsWith(mark.sha) && (!latest || Date.parse(mark.at) > Date.parse(latest.at))) {
      latest = mark;
    }
  }
  return latest;
}
