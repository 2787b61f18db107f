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

/**
 * Services that keep their clocks right (hosted APIs): one of them disagreeing means this machine is
 * off. Alertmanager and the team sync server are the team's own, and may be the ones that are off.
 */
const REFERENCE_CLOCKS: ReadonlySet<string> = new Set(['PagerDuty', 'Opsgenie', 'Slack', 'Statuspage']);

export function isReferenceClock(source: string): boolean {
  return REFERENCE_CLOCKS.has(source);
}

/** Whose clock is off, as far as the readings tell. */
export type SkewBlame = 'this-machine' | 'their-server' | 'either';

/** `agreeing`: the sources whose last reading agreed with this machine. */
export function skewBlame(reading: ClockReading, agreeing: readonly string[]): SkewBlame {
  if (isReferenceClock(reading.source)) return 'this-machine';
  return agreeing.some((name) => name !== reading.source && isReferenceClock(name)) ? 'their-server' : 'either';
}

/**
 * The warning a responder reads once: whose clock is off, what it does to the record, what to do. A
 * hosted service disagreeing means this machine is off; the team's own server disagreeing while a
 * hosted one agrees means that server is; the team's own server alone cannot tell which.
 */
export function skewWarning(reading: ClockReading, agreeing: readonly string[] = []): string {
  const by = formatDuration(Math.abs(reading.offsetMs));
  const ntp = `(timedatectl set-ntp true, or "Set time automatically")`;
  switch (skewBlame(reading, agreeing)) {
    case 'their-server': {
      const references = agreeing.filter((name) => name !== reading.source && isReferenceClock(name));
      return (
        `${capitalized(reading.source)}'s clock is ${by} ${reading.offsetMs > 0 ? 'ahead of' : 'behind'} this machine's, ` +
        `which agrees with ${references.map((name) => `${name}'s`).join(' and ')}. ` +
        `Times from ${reading.source} will read ${by} ${reading.offsetMs > 0 ? 'late' : 'early'} here: its server needs network time.`
      );
    }
    case 'either':
      return (
        `This machine's clock is ${skewPhrase(reading)}, and one of the two is off: ` +
        `times written here and ${reading.source}'s will not line up, so durations such as time to acknowledge may read wrong. ` +
        `Check that both use network time ${ntp}.`
      );
    case 'this-machine':
      return (
        `This machine's clock is ${skewPhrase(reading)}. ` +
        `Times War Room writes here (declared, acknowledged, notes) will sit ${by} ` +
        `${reading.offsetMs > 0 ? 'earlier' : 'later'} than ${reading.source}'s, so durations such as time to acknowledge will read wrong. ` +
        `Turn on the system's network time ${ntp}.`
      );
  }
}

/** The status bar's few words: "Clock 4m slow", "Alertmanager clock 4m fast", "Clock 4m off Alertmanager". */
export function skewLabel(reading: ClockReading, agreeing: readonly string[] = []): string {
  const by = formatDuration(Math.abs(reading.offsetMs));
  switch (skewBlame(reading, agreeing)) {
    case 'their-server':
      return `${capitalized(reading.source)} clock ${by} ${reading.offsetMs > 0 ? 'fast' : 'slow'}`;
    case 'either':
      return `Clock ${by} off ${reading.source}`;
    case 'this-machine':
      return `Clock ${by} ${reading.offsetMs > 0 ? 'slow' : 'fast'}`;
  }
}

/** Whether a reading surely agrees with this machine (within the tolerance, however uncertain). */
export function agrees(reading: ClockReading): boolean {
  return Math.abs(reading.offsetMs) + reading.uncertaintyMs <= CLOCK_TOLERANCE_MS;
}

const capitalized = (name: string) => name.charAt(0).toUpperCase() + name.slice(1);

/**
 * What a new reading changes for a source: newly skewed (log it; the clock check warns once per
 * episode), agreeing again (say so in the log), or nothing. A reading too uncertain to say either way (a slow round
 * trip) changes nothing: it neither warns nor clears a skew seen before.
 */
export function clockChange(
  wasSkewed: boolean,
  reading: ClockReading,
): { readonly skewed: boolean; readonly change: 'newly-skewed' | 'agrees-again' | 'unchanged' } {
  if (isSkewed(reading)) return { skewed: true, change: wasSkewed ? 'unchanged' : 'newly-skewed' };
  if (wasSkewed && agrees(reading)) {
    return { skewed: false, change: 'agrees-again' };
  }
  return { skewed: wasSkewed, change: 'unchanged' };
}
