// Times as responders type them at 23:43 ("14:15", "20m ago", "yesterday 23:40", ISO), and
// durations as they read them ("32m", "2h 05m"). Pure: "now" is always passed in. Wall-clock
// forms are read in the process's local time zone.

/** A time read, with a note when the reading took a choice the typist should know of (a clock time that happened twice). */
export type ParsedTime = { readonly time: Date; readonly note?: string } | { readonly error: string };

const UNIT_MS: Readonly<Record<string, number>> = {
  s: 1000,
  sec: 1000,
  secs: 1000,
  second: 1000,
  seconds: 1000,
  m: 60_000,
  min: 60_000,
  mins: 60_000,
  minute: 60_000,
  minutes: 60_000,
  h: 3_600_000,
  hr: 3_600_000,
  hrs: 3_600_000,
  hour: 3_600_000,
  hours: 3_600_000,
  d: 86_400_000,
  day: 86_400_000,
  days: 86_400_000,
  w: 604_800_000,
  week: 604_800_000,
  weeks: 604_800_000,
};

export const TIME_INPUT_HELP = 'now, 14:15, 20m ago, 1h 30m ago, yesterday 23:40, or ISO like 2026-11-22T14:15Z';

/** Parses a user-typed time. Empty input means `now`. Never returns a time in the future. */
export function parseWhen(input: string, now: Date): ParsedTime {
  const text = input.trim().toLowerCase();
  if (text === '' || text === 'now') {
    return { time: new Date(now.getTime()) };
  }
  const ago = parseAgo(text);
  if (ago !== undefined) {
    const time = new Date(now.getTime() - ago);
    // "999999999d ago" is before any date there is: an Invalid Date would throw where it is written.
    return Number.isNaN(time.getTime()) ? { error: `"${input.trim()}" is too long ago to be a time` } : { time };
  }
  const clock = /^(?:(today|yesterday)\s+(?:at\s+)?)?(\d{1,2})(?::(\d{2}))?\s*(am|pm)?$/.exec(text);
  if (clock && (clock[3] !== undefined || clock[4] !== undefined || clock[1] !== undefined)) {
    let hours = Number(clock[2]);
    const minutes = clock[3] === undefined ? 0 : Number(clock[3]);
    if (clock[4]) {
      if (hours < 1 || hours > 12) {
        return { error: `"${input.trim()}": hour must be 1-12 with am/pm` };
      }
      hours = (hours % 12) + (clock[4] === 'pm' ? 12 : 0);
    }
    if (hours > 23 || minutes > 59) {
      return { error: `"${input.trim()}" is not a time of day` };
    }
    const time = new Date(now.getTime());
    // "23:40" typed at 00:10 means last night, not tonight. Decided on the wall clock, not by
    // comparing instants: a time the clocks skipped today reads as an hour later, which is not
    // a reason to go back a whole day.
    const laterToday = hours * 60 + minutes > now.getHours() * 60 + now.getMinutes();
    if (clock[1] === 'yesterday' || (clock[1] === undefined && laterToday)) {
      time.setDate(time.getDate() - 1);
    }
    time.setHours(hours, minutes, 0, 0);
    if (time.getHours() !== hours || time.getMinutes() !== minutes) {
      return {
        error: `"${input.trim()}" did not happen on ${localDate(time)} here (the clocks went forward); give it as "20m ago" or as ISO with an offset`,
      };
    }
    return laterIfTwice(time, now, input) ?? notInFuture(time, now, input);
  }
  const ymd = /^(\d{4})-(\d{2})-(\d{2})/.exec(text);
  if (ymd) {
    const [year, month, day] = [Number(ymd[1]), Number(ymd[2]), Number(ymd[3])];
    // Date.parse rolls 2026-02-31 into March; the day 0 of the next month is this month's last.
    if (month < 1 || month > 12 || day < 1 || day > new Date(Date.UTC(year, month, 0)).getUTCDate()) {
      return { error: `"${input.trim()}" is not a date on the calendar` };
    }
    const ms = Date.parse(input.trim());
    if (!Number.isNaN(ms)) {
      return notInFuture(new Date(ms), now, input);
    }
  }
  return { error: `Cannot read "${input.trim()}" as a time. Try ${TIME_INPUT_HELP}.` };
}

function parseAgo(text: string): number | undefined {
  // Not `/^(.*?)\s*ago$/`: its lazy group rescanned a long run of blanks from every position.
  if (!text.endsWith('ago')) {
    return undefined;
  }
  const amount = text.slice(0, -3).trimEnd();
  return /[\n\r\u2028\u2029]/.test(amount) ? undefined : parseDuration(amount);
}

function localDate(time: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${time.getFullYear()}-${pad(time.getMonth() + 1)}-${pad(time.getDate())}`;
}

/** How far a clock may go back at once (30 minutes on Lord Howe Island, an hour elsewhere, two in 1940s double summer time). */
const SHIFTS_MS = [1_800_000, 3_600_000, 7_200_000];

/**
 * On the night the clocks go back, a wall time such as 02:30 happens twice, and `setHours` gives the
 * first. A responder typing it means the one just past: the later one, when that is not in the future,
 * with a note saying so and how to give the other. Undefined when the time happened once.
 */
function laterIfTwice(first: Date, now: Date, input: string): ParsedTime | undefined {
  for (const shift of SHIFTS_MS) {
    const later = new Date(first.getTime() + shift);
    const sameWall =
      later.getHours() === first.getHours() && later.getMinutes() === first.getMinutes() && later.getDate() === first.getDate();
    if (!sameWall) continue;
    if (later.getTime() > now.getTime() + 60_000) return undefined;
    const offset = (d: Date) => formatUtcOffset(-d.getTimezoneOffset()).slice(3);
    const note =
      `"${input.trim()}" happened twice on ${localDate(first)} here (the clocks went back): read as the later one, ` +
      `${formatUtc(later.toISOString())}; for the earlier, type ${localDate(first)}T${pad2(first.getHours())}:${pad2(first.getMinutes())}${offset(first)}`;
    return { time: later, note };
  }
  return undefined;
}

function notInFuture(time: Date, now: Date, input: string): ParsedTime {
  // A minute of grace for clock skew between machines.
  if (time.getTime() > now.getTime() + 60_000) {
    return { error: `"${input.trim()}" is in the future` };
  }
  return { time };
}

/** Parses a duration such as `24h`, `90m`, `2d`, `1h30m`. */
export function parseDuration(input: string): number | undefined {
  const text = input.trim().toLowerCase();
  // Read part by part from the start (sticky): searching for parts anywhere and then comparing
  // them with the text retried every digit of a long digit run (quadratic).
  const part = /\s*(\d+(?:\.\d+)?)\s*([a-z]+)/y;
  let total = 0;
  let parts = 0;
  while (part.lastIndex < text.length) {
    const m = part.exec(text);
    const ms = m ? UNIT_MS[m[2]] : undefined;
    if (!m || ms === undefined) {
      return undefined;
    }
    total += Number(m[1]) * ms;
    parts++;
  }
  return parts ? total : undefined;
}

/** `45s`, `32m`, `2h 05m`, `3d 4h`. Negative durations (clock skew) read as 0s. */
export function formatDuration(ms: number): string {
  const seconds = Math.max(0, Math.floor(ms / 1000));
  if (seconds < 60) {
    return `${seconds}s`;
  }
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) {
    return `${minutes}m`;
  }
  const hours = Math.floor(minutes / 60);
  if (hours < 24) {
    return `${hours}h ${String(minutes % 60).padStart(2, '0')}m`;
  }
  return `${Math.floor(hours / 24)}d ${hours % 24}h`;
}

/** "32m before" / "10m after" `startedAt`; empty when either is not a time. */
export function beforeOrAfter(at: string, startedAt: string): string {
  const delta = Date.parse(startedAt) - Date.parse(at);
  if (!Number.isFinite(delta)) return '';
  return delta >= 0 ? `${formatDuration(delta)} before` : `${formatDuration(-delta)} after`;
}

export function elapsedSince(iso: string, now: Date): string {
  return formatDuration(now.getTime() - Date.parse(iso));
}

const pad2 = (n: number): string => String(n).padStart(2, '0');

/** `2026-11-22 14:15:03 UTC`: the one time everyone on the call agrees on. */
export function formatUtc(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) {
    return iso;
  }
  return `${d.getUTCFullYear()}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())} ${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())} UTC`;
}

/** `UTC+01:00`, `UTC-05:30`, `UTC+00:00`: which local a local time is (as the timeline panel writes it). */
export function formatUtcOffset(utcOffsetMinutes: number): string {
  const abs = Math.abs(utcOffsetMinutes);
  return `UTC${utcOffsetMinutes < 0 ? '-' : '+'}${pad2(Math.floor(abs / 60))}:${pad2(abs % 60)}`;
}

/**
 * `2026-11-23 00:38 UTC+01:00`: a time on the local clock of the given offset (minutes east of UTC),
 * saying which; the raw text when it is not a time.
 */
export function formatLocalTime(iso: string, utcOffsetMinutes: number): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) {
    return iso;
  }
  const d = new Date(ms + utcOffsetMinutes * 60_000);
  return `${d.getUTCFullYear()}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())} ${formatLocalClock(iso, utcOffsetMinutes)} ${formatUtcOffset(utcOffsetMinutes)}`;
}

/** `14:15`: the time of day on the local clock of the given offset (minutes east of UTC). */
export function formatLocalClock(iso: string, utcOffsetMinutes: number): string {
  const d = new Date(Date.parse(iso) + utcOffsetMinutes * 60_000);
  return `${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}`;
}

const MONTH_NAMES = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * A chart's month axis: `2025-12`, `2026-01`, `2026-02` as `Dec` / `Jan` / `Feb`, with the year under
 * the first month and under each January (`2025`, `2026`), so no label reads as a day (`25-12`). A
 * month that is not `YYYY-MM` keeps its text.
 */
export function monthAxisLabels(months: readonly string[]): { readonly month: string; readonly year?: string }[] {
  return months.map((text, i) => {
    const match = /^(\d{4})-(\d{2})$/.exec(text);
    const name = match ? MONTH_NAMES[Number(match[2]) - 1] : undefined;
    if (!match || !name) {
      return { month: text };
    }
    return i === 0 || match[2] === '01' ? { month: name, year: match[1] } : { month: name };
  });
}
