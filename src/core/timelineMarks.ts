// Corrections and key moments on the timeline: `amended`, `pinned` and `unpinned` events.
// The core fold does not know them (see ARCHITECTURE.md); this module folds them from
// `incident.events` on its own. Nothing is erased: an amendment adds a correction next to the
// original, and unpinning is a later event, so the audit trail keeps every step.

import { EventBase, IncidentEvent } from './events';

export interface AmendedEvent extends EventBase {
  readonly type: 'amended';
  /** Id of the event being corrected. */
  readonly target: string;
  /** The corrected text; the original stays visible, struck through. */
  readonly text: string;
}

export interface PinnedEvent extends EventBase {
  readonly type: 'pinned';
  readonly target: string;
}

export interface UnpinnedEvent extends EventBase {
  readonly type: 'unpinned';
  readonly target: string;
}

export type TimelineMarkEvent = AmendedEvent | PinnedEvent | UnpinnedEvent;

export const TIMELINE_MARK_TYPES: ReadonlySet<string> = new Set(['amended', 'pinned', 'unpinned']);

/** Longest text a correction may carry (the quick-add bar has the same limit). */
export const MAX_ENTRY_TEXT = 10_000;

const isNonEmptyString = (v: unknown): v is string => typeof v === 'string' && v.trim().length > 0;

/**
 * Reads an event as a timeline mark, checking the fields this module relies on. Events of other
 * types, and marks written by a broken or hostile tool, come back undefined and are ignored by the
 * folds (they still stay in the log).
 */
export function asTimelineMark(event: IncidentEvent): TimelineMarkEvent | undefined {
  if (!TIMELINE_MARK_TYPES.has(event.type)) {
    return undefined;
  }
  const record = event as unknown as Record<string, unknown>;
  if (!isNonEmptyString(record.target)) {
    return undefined;
  }
  if (event.type === 'amended' && (typeof record.text !== 'string' || record.text.length > MAX_ENTRY_TEXT)) {
    return undefined;
  }
  return event as unknown as TimelineMarkEvent;
}

export interface Amendment {
  readonly id: string;
  readonly ts: string;
  readonly author: string;
  readonly text: string;
}

export interface PinState {
  readonly pinned: boolean;
  /** Who pinned or unpinned last, and when. */
  readonly by: string;
  readonly at: string;
}

export interface TimelineMarks {
  /** Corrections per target event id, oldest first; the last one is the current text. */
  readonly amendments: ReadonlyMap<string, readonly Amendment[]>;
  /** Pin state per target event id (last pin/unpin event wins, in fold order). */
  readonly pins: ReadonlyMap<string, PinState>;
}

/** Folds marks from events already in fold order (`incident.events`), so every replica agrees. */
export function foldTimelineMarks(events: readonly IncidentEvent[]): TimelineMarks {
  const amendments = new Map<string, Amendment[]>();
  const pins = new Map<string, PinState>();
  for (const event of events) {
    const mark = asTimelineMark(event);
    if (!mark) {
      continue;
    }
    switch (mark.type) {
      case 'amended': {
        const list = amendments.get(mark.target) ?? [];
        list.push({ id: mark.id, ts: mark.ts, author: mark.author, text: mark.text });
        amendments.set(mark.target, list);
        break;
      }
      case 'pinned':
      case 'unpinned':
        pins.set(mark.target, { pinned: mark.type === 'pinned', by: mark.author, at: mark.ts });
        break;
    }
  }
  return { amendments, pins };
}

/** Ids of the events pinned as key moments (the review issue builds on these). */
export function pinnedEventIds(events: readonly IncidentEvent[]): string[] {
  return [...foldTimelineMarks(events).pins.entries()].filter(([, s]) => s.pinned).map(([id]) => id);
}
