// The correlation window: [start - before, start + after], always computed on UTC instants so a
// 24 h window across a DST change is 24 real hours, and shown in the responder's own offset.

import { formatLocalClock } from '../time';

export interface CorrelationWindow {
  /** ISO UTC. */
  readonly startedAt: string;
  readonly from: string;
  readonly to: string;
  readonly beforeMs: number;
  readonly afterMs: number;
}

export const DEFAULT_WINDOW_MS = 24 * 3_600_000;
export const DEFAULT_AFTER_MS = 60 * 60_000;

export function correlationWindow(startedAt: Date, beforeMs = DEFAULT_WINDOW_MS, afterMs = DEFAULT_AFTER_MS): CorrelationWindow {
  if (!(beforeMs > 0)) {
    throw new Error(`the window must be a positive duration (got ${beforeMs} ms)`);
  }
  const start = startedAt.getTime();
  return {
    startedAt: startedAt.toISOString(),
    from: new Date(start - beforeMs).toISOString(),
    to: new Date(start + Math.max(0, afterMs)).toISOString(),
    beforeMs,
    afterMs: Math.max(0, afterMs),
  };
}

/** `24 h`, `90 min`, `2 d`: how a window reads in a sentence. */
export function formatWindow(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  if (minutes % (24 * 60) === 0 && minutes >= 48 * 60) {
    return `${minutes / (24 * 60)} d`;
  }
  if (minutes % 60 === 0) {
    return `${minutes / 60} h`;
  }
  return `${minutes} min`;
}

export function emptyWindowMessage(window: CorrelationWindow, utcOffsetMinutes: number): string {
  return `no deploys in the ${formatWindow(window.beforeMs)} before ${formatLocalClock(window.startedAt, utcOffsetMinutes)}; widen the window?`;
}
