// Wall-clock time in an IANA time zone, with Intl only (no time zone database of our own): a
// rotation hands off at "09:00 Europe/Berlin", which is 08:00Z in winter and 07:00Z in summer.
// The postmortem import reads its named zones through the same functions.

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

export function isTimeZone(name: string): boolean {
  try {
    formatter(name);
    return true;
  } catch {
    return false;
  }
}

/** The zone's offset from UTC at an instant, in minutes (Berlin in summer: 120). */
export function zoneOffsetMinutes(timeZone: string, instantMs: number): number {
  const parts: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(new Date(instantMs))) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  }
  const asUtc = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second);
  return Math.round((asUtc - Math.floor(instantMs / 1000) * 1000) / MINUTE_MS);
}

export interface ZonedInstant {
  readonly ms: number;
  /** The wall time does not exist that day (spring forward): the instant is as many minutes later as the gap. */
  readonly gap: boolean;
}

/**
 * The instant a wall time in a zone names. `localMs` is the wall time written as if it were UTC.
 * A time that occurs twice (autumn) is its first occurrence; one in a gap moves forward by the gap,
 * as clocks do (02:30 on the March change in Berlin is 03:30 summer time).
 */
export function zonedToInstant(timeZone: string, localMs: number): ZonedInstant {
  const { ms, gap } = zonedInstants(timeZone, localMs);
  return { ms, gap };
}

/**
 * `zonedToInstant`, and when the wall time happens twice (the clocks go back: 01:30 on the November
 * change in New York is 05:30Z, then 06:30Z) its second instant as `repeated`.
 */
export function zonedInstants(timeZone: string, localMs: number): ZonedInstant & { readonly repeated?: number } {
  // Offsets a day and a half either side: no zone changes twice in three days.
  const before = zoneOffsetMinutes(timeZone, localMs - 1.5 * DAY_MS);
  const after = zoneOffsetMinutes(timeZone, localMs + 1.5 * DAY_MS);
  if (before === after) {
    // No change nearby (nearly every day of the year): the wall time exists once.
    return { ms: localMs - before * MINUTE_MS, gap: false };
  }
  const candidates = [localMs - before * MINUTE_MS, localMs - after * MINUTE_MS]
    .filter((ms) => zoneOffsetMinutes(timeZone, ms) * MINUTE_MS === localMs - ms)
    .sort((a, b) => a - b);
  if (candidates.length === 2) {
    return { ms: candidates[0], gap: false, repeated: candidates[1] };
  }
  if (candidates.length) {
    return { ms: candidates[0], gap: false };
  }
  return { ms: localMs - before * MINUTE_MS, gap: true };
}
