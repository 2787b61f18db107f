// Is this machine's clock right? Every time War Room writes (declared, acknowledged, a note) is this
// machine's clock, and every time a source sends (an alert's start, a teammate's entry) is another's:
// a laptop four minutes slow puts the declaration before the page, and time to acknowledge reads
// four minutes short. A server's answer carries its clock (HTTP's Date header, PostgreSQL's
// clock_timestamp()), so each answer is a reading of how far this clock is off.

import { formatDuration } from './time';

/** How far off a clock may be before it is worth saying: the minute of grace typed times get too. */
export const CLOCK_TOLERANCE_MS = 60_000;

export interface ClockReading {
  /** Whose clock: "PagerDuty", "the team sync server". */
  readonly source: string;
  /** The server's clock minus this machine's, in ms: negative when this machine is ahead. */
  readonly offsetMs: number;
  /** How far the offset may be from the truth (the round trip, the server clock's resolution). */
  readonly uncertaintyMs: number;
}

/**
 * A reading from a server's time `serverMs` (as it answered, `resolutionMs` its granularity: 1000 for
 * an HTTP Date, which drops the milliseconds) and this machine's clock when the request went out and
 * the answer came back. The server answered somewhere in between, so the offset is the middle of
 * what is possible. No reading when the server's time is not a time or the clock went backwards.
 */
export function clockReading(
  source: string,
  serverMs: number,
  sentAtMs: number,
  receivedAtMs: number,
  resolutionMs = 0,
): ClockReading | undefined {
  if (!Number.isFinite(serverMs) || !Number.isFinite(sentAtMs) || !(receivedAtMs >= sentAtMs)) return undefined;
  const lowest = serverMs - receivedAtMs;
  const highest = serverMs + resolutionMs - sentAtMs;
  return { source, offsetMs: Math.round((lowest + highest) / 2), uncertaintyMs: Math.round((highest - lowest) / 2) };
}

/** A reading from an HTTP answer's Date header (RFC 9110: whole seconds, GMT); none without one. */
export function httpDateReading(
  source: string,
  dateHeader: string | undefined,
  sentAtMs: number,
  receivedAtMs: number,
): ClockReading | undefined {
  // The IMF-fixdate form only: `Date.parse` would take anything, and a proxy's odd header is no clock.
  if (!dateHeader || !/^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT$/.test(dateHeader.trim())) return undefined;
  return clockReading(source, Date.parse(dateHeader), sentAtMs, receivedAtMs, 1000);
}

/** Whether the clock is surely off by more than the tolerance, however uncertain the reading. */
export function isSkewed(reading: ClockReading): boolean {
  return Math.abs(reading.offsetMs) - reading.uncertaintyMs > CLOCK_TOLERANCE_MS;
}

/** "4m behind PagerDuty's" / "2h 05m ahead of the team sync server's". */
export function skewPhrase(reading: ClockReading): string {
  const by = formatDuration(Math.abs(reading.offsetMs));
  return reading.offsetMs > 0 ? `${by} behind ${reading.source}'s` : `${by} ahead of ${reading.source}'s`;
}

/** The warning a responder reads once: what is off, what it does to the record, what to do. */
export function skewWarning(reading: ClockReading): string {
  const early = reading.offsetMs > 0;
  return (
    `This machine's clock is ${skewPhrase(reading)}. ` +
    `Times War Room writes here (declared, acknowledged, notes) will sit ${formatDuration(Math.abs(reading.offsetMs))} ` +
    `${early ? 'earlier' : 'later'} than ${reading.source}'s, so durations such as time to acknowledge will read wrong. ` +
    `Turn on the system's network time (timedatectl set-ntp true, or "Set time automatically").`
  );
}

/**
 * What a new reading changes for a source: newly skewed (warn, once per source and window), agreeing
 * again (say so in the log), or nothing. A reading too uncertain to say either way (a slow round
 * trip) changes nothing: it neither warns nor clears a skew seen before.
 */
export function clockChange(
  wasSkewed: boolean,
  reading: ClockReading,
): { readonly skewed: boolean; readonly change: 'newly-skewed' | 'agrees-again' | 'unchanged' } {
  if (isSkewed(reading)) return { skewed: true, change: wasSkewed ? 'unchanged' : 'newly-skewed' };
  if (wasSkewed && Math.abs(reading.offsetMs) + reading.uncertaintyMs <= CLOCK_TOLERANCE_MS) {
    return { skewed: false, change: 'agrees-again' };
  }
  return { skewed: wasSkewed, change: 'unchanged' };
}
