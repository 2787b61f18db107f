// Reads a Markdown postmortem as teams write them into an incident: the timeline (a table or a
// bullet list; 24- or 12-hour times; the date in a heading, in the text or in each row; zones named
// or as offsets; across midnight, over days and into a new year), the milestones its words name,
// and the action items of its remediation section. Nothing is dropped silently: a timeline row it
// cannot place is listed with its line. One pass over the lines; every pattern is linear (no nested
// repetition), so a hostile file costs time in proportion to its size.

import { DeclaredEvent, EventInput } from '../events';
import { Incident, MAX_TITLE_CHARS } from '../incident';
import { own } from '../own';
import { isTimeZone, zonedInstants, ZonedInstant } from '../oncall/zone';
import { formatUtc } from '../time';
import { ACTION_ITEM_EVENTS, ActionItemKind } from './actionItems';
import { DURATION_DEFINITIONS, DURATIONS, Milestone, MILESTONE_EVENT, MILESTONE_LABELS } from './milestones';

export interface ImportedEvent {
  readonly ts: string;
  readonly text: string;
  /** 1-based line in the file. */
  readonly line: number;
}

export interface ImportedLine {
  readonly line: number;
  readonly text: string;
}

/** Milestones the text names, plus `declared` (when the incident was declared, which is no milestone of ours). */
export type ImportedMilestones = Partial<Record<Milestone | 'declared', string>>;

export interface PostmortemImport {
  readonly title: string;
  /** Impact start if the text says so, else the first placed row; absent when nothing was placed. */
  readonly startedAt?: string;
  readonly milestones: ImportedMilestones;
  readonly events: readonly ImportedEvent[];
  /** Timeline rows with no time that can be placed (no time of day, no date, a placeholder). */
  readonly unplaced: readonly (ImportedLine & { readonly reason: string })[];
  readonly actionItems: readonly (ImportedLine & { readonly title: string; readonly kind: ActionItemKind })[];
  /** What the reader assumed, e.g. that times with no zone are UTC. */
  readonly warnings: readonly string[];
}

const HALF_YEAR_MS = 183 * 86_400_000;

/** Longer lines are cut before any pattern runs: a row is a sentence, not a megabyte. */
const MAX_LINE = 2000;
/**
 * A postmortem's timeline has tens of rows; each becomes an event of the new incident. Past this
 * many the rest are left out with a warning: a 5 MB file of rows (a hostile or mistaken one) took
 * seconds on the extension host and would have appended half a million events.
 */
export const MAX_TIMELINE_ROWS = 1000;
/** A postmortem is tens of kilobytes; past this a file is refused (reading it is synchronous: about 0.25 s a megabyte). */
export const MAX_POSTMORTEM_BYTES = 2 * 1024 * 1024;

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/**
 * Zone abbreviations as teams write them, in minutes east of UTC (US CST, not China's; IST is India's).
 * A name with no season in it (ET, "all times in PT") is the zone's clock, summer time and all: an
 * IANA zone, not a fixed offset that is an hour off half the year.
 */
const ZONES: Readonly<Record<string, number | string>> = {
  UTC: 0,
  GMT: 0,
  Z: 0,
  WET: 0,
  BST: 60,
  CET: 60,
  CEST: 120,
  MET: 60,
  MEST: 120,
  EET: 120,
  EEST: 180,
  MSK: 180,
  IST: 330,
  SGT: 480,
  HKT: 480,
  JST: 540,
  KST: 540,
  AEST: 600,
  AEDT: 660,
  NZST: 720,
  NZDT: 780,
  HST: -600,
  AKST: -540,
  AKDT: -480,
  PST: -480,
  PDT: -420,
  PT: 'America/Los_Angeles',
  MT: 'America/Denver',
  MST: -420,
  MDT: -360,
  CST: -360,
  CDT: -300,
  CT: 'America/Chicago',
  EST: -300,
  EDT: -240,
  ET: 'America/New_York',
};

/**
 * A zone turns a wall time (written as if it were UTC) into the instant it names: the first when it
 * happens twice (autumn), with the second as `repeated`.
 */
type Zone = { readonly name: string; readonly toInstant: (localMs: number) => ZonedInstant & { readonly repeated?: number } };

const fixedZone = (name: string, minutes: number): Zone => ({
  name,
  toInstant: (localMs) => ({ ms: localMs - minutes * 60_000, gap: false }),
});

/**
 * An IANA zone (`Europe/Copenhagen`), which knows its summer time. The offset is the wall time's own
 * (zone.ts): read at the wall time taken as UTC, it is an hour off on the day the clocks change.
 */
const ianaZones = new Map<string, Zone | undefined>();

/** Wall times an IANA zone remembers: rows repeat times, and each is a few calls into Intl. */
const IANA_MEMO = 256;

function ianaZone(name: string): Zone | undefined {
  if (!ianaZones.has(name)) {
    const memo = new Map<number, ReturnType<Zone['toInstant']>>();
    const toInstant = (localMs: number) => {
      let instant = memo.get(localMs);
      if (!instant) {
        if (memo.size >= IANA_MEMO) memo.clear();
        instant = zonedInstants(name, localMs);
        memo.set(localMs, instant);
      }
      return instant;
    };
    ianaZones.set(name, isTimeZone(name) ? { name, toInstant } : undefined);
  }
  return ianaZones.get(name);
}

/** Offsets clocks use: from UTC-12:00 to UTC+14:00. Anything else is a typo, never a zone to shift rows by. */
const MIN_OFFSET = -12 * 60;
const MAX_OFFSET = 14 * 60;

/** The minutes of a written offset (`+`, `-` or the minus sign U+2212), undefined when no clock uses it. */
function offsetMinutes(sign: string, hours: string, minutes: string | undefined): number | undefined {
  const value = (sign === '+' ? 1 : -1) * (Number(hours) * 60 + Number(minutes ?? 0));
  return Number(minutes ?? 0) < 60 && value >= MIN_OFFSET && value <= MAX_OFFSET ? value : undefined;
}

/**
 * A zone named in `text`: `UTC`, `PST`, `UTC+2`, `GMT-05:00`, `+0100`, `Europe/Copenhagen`. An
 * offset out of range is passed to `badOffset` and left out.
 */
function zoneIn(text: string, badOffset: (written: string) => void = () => undefined): Zone | undefined {
  const iana = /\b([A-Z][a-z]+\/[A-Z][A-Za-z_]+(?:\/[A-Z][A-Za-z_]+)?)\b/.exec(text);
  if (iana) {
    const zone = ianaZone(iana[1]);
    if (zone) {
      return zone;
    }
  }
  // The sign is a class of three (`[+\-−]`): unescaped, `+-−` is a range that takes in digits,
  // and "14:03 UTC+2" once read the time as the offset.
  const offset = /\b(UTC|GMT)\s?([+\-−])(\d{1,2})(?::?(\d{2}))?(?!\d)/.exec(text);
  if (offset) {
    const minutes = offsetMinutes(offset[2], offset[3], offset[4]);
    if (minutes !== undefined) {
      return fixedZone(`${offset[1]}${offset[0].slice(offset[1].length).trim()}`, minutes);
    }
    badOffset(offset[0]);
  }
  const named = /\b(UTC|GMT|[A-Z]{2,4}T|[ECMP]T|[A-Z]ST|[A-Z]DT|CET|EET|WET|MET|MSK|SGT|HKT|JST|KST|IST)\b/.exec(text);
  const known = named ? own(ZONES, named[1]) : undefined;
  if (named && typeof known === 'number') {
    return fixedZone(named[1], known);
  }
  if (typeof known === 'string') {
    return ianaZone(known);
  }
  const bare = /(?:^|[\s(])([+\-−])(\d{2}):?(\d{2})(?=$|[\s)])/.exec(text);
  if (bare) {
    const minutes = offsetMinutes(bare[1], bare[2], bare[3]);
    if (minutes !== undefined) {
      return fixedZone(`${bare[1]}${bare[2]}:${bare[3]}`, minutes);
    }
    badOffset(bare[0].trim().replace(/^\(/, ''));
  }
  return undefined;
}

interface Day {
  readonly year?: number;
  readonly month: number; // 1-12
  readonly day: number;
}

const monthOf = (word: string): number | undefined => {
  const i = MONTHS.indexOf(word.slice(0, 3).toLowerCase());
  return i < 0 ? undefined : i + 1;
};

const validDay = (d: Day): Day | undefined => (d.month >= 1 && d.month <= 12 && d.day >= 1 && d.day <= 31 ? d : undefined);

/** The first date in `text`, where it is and how long. */
function dateIn(text: string): { day: Day; index: number; length: number } | undefined {
  const iso = /\b(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?!\d)/.exec(text);
  const us = /\b(\d{1,2})\/(\d{1,2})\/(\d{4})\b/.exec(text);
  const monthFirst = /\b(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.? (\d{1,2})(?:st|nd|rd|th)?(?:,? (\d{4}))?\b/i.exec(
    text,
  );
  const dayFirst =
    /\b(\d{1,2})(?:st|nd|rd|th)? (?:of )?(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?(?:,? (\d{4}))?\b/i.exec(text);
  const found: { day: Day | undefined; index: number; length: number }[] = [];
  if (iso) found.push({ day: validDay({ year: +iso[1], month: +iso[2], day: +iso[3] }), index: iso.index, length: iso[0].length });
  if (us) found.push({ day: validDay({ year: +us[3], month: +us[1], day: +us[2] }), index: us.index, length: us[0].length });
  if (monthFirst) {
    const month = monthOf(monthFirst[1]);
    found.push({
      day: month ? validDay({ year: monthFirst[3] ? +monthFirst[3] : undefined, month, day: +monthFirst[2] }) : undefined,
      index: monthFirst.index,
      length: monthFirst[0].length,
    });
  }
  if (dayFirst) {
    const month = monthOf(dayFirst[2]);
    found.push({
      day: month ? validDay({ year: dayFirst[3] ? +dayFirst[3] : undefined, month, day: +dayFirst[1] }) : undefined,
      index: dayFirst.index,
      length: dayFirst[0].length,
    });
  }
  const first = found.filter((f) => f.day).sort((a, b) => a.index - b.index)[0];
  return first && { day: first.day as Day, index: first.index, length: first.length };
}

/** The first time of day in `text`: `14:03`, `14:03:22`, `2:15 PM`, `2pm`, `11:05 a.m.`. */
function timeIn(text: string): { minutes: number; seconds: number; index: number; length: number } | undefined {
  const clock = /(?<![\d:])(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\s?([ap])\.?m\b\.?)?(?![\d:])/i.exec(text);
  const hourOnly = /(?<![\d:])(\d{1,2})\s?([ap])\.?m\b\.?/i.exec(text);
  const pick = clock && (!hourOnly || clock.index <= hourOnly.index) ? clock : hourOnly;
  if (!pick) {
    return undefined;
  }
  let hour = Number(pick[1]);
  const minute = pick === clock ? Number(pick[2]) : 0;
  const meridiem = (pick === clock ? pick[4] : pick[2])?.toLowerCase();
  if (meridiem) {
    if (hour < 1 || hour > 12) {
      return undefined;
    }
    hour = (hour % 12) + (meridiem === 'p' ? 12 : 0);
  }
  if (hour > 23 || minute > 59) {
    return undefined;
  }
  return {
    minutes: hour * 60 + minute,
    seconds: pick === clock && pick[3] ? Number(pick[3]) : 0,
    index: pick.index,
    length: pick[0].length,
  };
}

/** Milestones by the words rows use, most decisive first: a row names at most one. */
const MILESTONE_WORDS: readonly (readonly [Milestone | 'declared', RegExp])[] = [
  ['closed', /\bincident (?:was )?closed\b|\bpostmortem (?:was )?closed\b/i],
  [
    'resolved',
    /\bresolved\b|\bfully (?:restored|recovered)\b|\ball (?:systems|services) (?:\w+ )?(?:operational|healthy|normal)\b|\bback to normal\b/i,
  ],
  [
    'mitigated',
    /\bmitigat(?:ed|ion (?:applied|deployed|in place|complete))\b|\brolled back\b|\brollback (?:complete|completed|finished|done)\b|\b(?:service|traffic) (?:was )?restored\b|\brecovered\b/i,
  ],
  ['acknowledged', /\backnowledged\b|\backed\b/i],
  ['declared', /\b(?:incident|outage|sev ?\d) (?:was )?declared\b|\bdeclared (?:an? )?(?:incident|outage|sev)/i],
  [
    'detected',
    /\bdetected\b|\balert(?:s|ed)? (?:fired|triggered|went off)\b|\b(?:fired|triggered) (?:an? )?alerts?\b|\bpaged\b|\bbecame aware\b|\bnoticed\b|\balert (?:was )?(?:discovered|received)\b|^detection\b|\breceived (?:[\w-]+ ){0,4}alerts?\b/i,
  ],
  [
    'impact_started',
    /\b(?:impact|outage|degradation|errors?|incident|customer impact) (?:began|begins|started|starts)\b|\bstarted (?:failing|returning|erroring)\b/i,
  ],
];

const NEGATED = /\b(?:not|never|no longer|without|un)\s*$/i;

function milestoneOf(text: string): Milestone | 'declared' | undefined {
  for (const [milestone, pattern] of MILESTONE_WORDS) {
    const m = pattern.exec(text);
    if (m && !NEGATED.test(text.slice(Math.max(0, m.index - 12), m.index))) {
      return milestone;
    }
  }
  return undefined;
}

/** A zone alone in brackets: `(UTC)`, `(PST)`, `(UTC+2)`, `(GMT-05:00)`, `(+0100)`, `(Europe/Berlin)`. */
const BRACKETED_ZONE =
  /\(\s*((?:UTC|GMT)\s?[+\-−]\d{1,2}(?::?\d{2})?|[A-Z]{2,5}|[A-Z][a-z]+\/[A-Z][A-Za-z_]+(?:\/[A-Z][A-Za-z_]+)?|[+\-−]\d{2}:?\d{2})\s*\)/;
const TIMELINE_HEADING = /\b(?:timeline|chronology|sequence of events|time ?line|events)\b/i;
const ACTIONS_HEADING =
  /\b(?:action items?|actions|remediations?|follow[- ]?ups?|corrective actions?|next steps|preventi(?:ve|on) (?:actions|measures)|todo|to-dos?)\b/i;
/**
 * A line all in bold that opens the timeline: "Timeline", "Timeline (UTC)", "Incident timeline",
 * "Timeline of events". Stricter than a heading's words: a bold line is as often a label or a
 * sentence ("**Events pipeline**" over a group of action items), and opening a timeline there
 * would list the items below as rows.
 */
const BOLD_TIMELINE =
  /^(?:[A-Za-z-]+\s+){0,2}(?:timeline|time line|chronology|sequence of events)(?:\s+of (?:events|the (?:incident|outage)))?\s*(?:\([^()]*\))?$/i;
/**
 * The other sections of a postmortem, as a bold line alone names them in a document that uses
 * bold lines as its headings (the SRE book's template: "**Impact:**", "**Supporting
 * information:**"). Not "Detection" or "Resolution": inside a timeline those are its phases.
 */
const BOLD_OTHER_SECTION =
  /^(?:(?:executive |incident )?summary|(?:customer |user |business )?impact|root causes?(?: analysis)?|contributing factors?|triggers?|lessons learned|what went (?:well|wrong|badly)|where we got lucky|supporting information|appendix|background|references|glossary|open questions)$/i;

function kindOf(title: string): ActionItemKind {
  if (/\b(?:alert|monitor|detect|dashboard|observab|metric|page)/i.test(title)) return 'detect';
  if (/\b(?:process|document|runbook|wiki|guideline|train|teach|communicat|review|postmortem|policy|procedure)/i.test(title))
    return 'process';
  if (/\b(?:mitigat|rollback|roll back|workaround|hotfix|restart)/i.test(title)) return 'mitigate';
  return 'prevent';
}

/** Markdown decoration a row's text does not need: emphasis, code ticks, links to their text, HTML breaks, entities. */
function plain(text: string): string {
  return text
    .replace(/<br\s*\/?>/gi, ' ')
    .replace(/\[([^[\]\n]*)\]\([^()[\]\n]*\)/g, '$1')
    .replace(/\*\*|__|`/g, '')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&nbsp;/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

function tableCells(line: string): string[] {
  const inner = line.trim().replace(/^\|/, '').replace(/\|$/, '');
  return inner.split(/(?<!\\)\|/).map((c) => c.trim());
}

const isSeparatorRow = (cells: readonly string[]) => cells.every((c) => /^:?-{1,}:?$/.test(c) || c === '');

/** A cell that is only a date, a time and a zone (`2024-03-13 10:01`, `10:01 UTC`, `Mar 13`): no words of its own. */
function isWhenCell(cell: string): boolean {
  const date = dateIn(cell);
  const time = timeIn(cell);
  if (!date && !time && !/\b(?:HH|hh):?(?:mm|MM)\b|\d{1,2}:\?\?/.test(cell)) {
    return false;
  }
  let rest = cell;
  for (const part of [date, time]) {
    if (part) {
      rest = rest.slice(0, part.index) + ' '.repeat(part.length) + rest.slice(part.index + part.length);
    }
  }
  rest = rest.replace(/\b(?:HH|hh):?(?:mm|MM)\b|\d{1,2}:\?\?|\?\?/g, ' ');
  // What is left may only be a zone and punctuation: words of any other kind make it text.
  return rest
    .split(/[\s,*_`()[\]~.:]+/)
    .filter(Boolean)
    .every((word) =>
      /^(?:[A-Z]{1,4}T|UTC|GMT|Z|CET|EET|WET|MET|IST|MSK|[A-Z][a-z]+\/[A-Za-z_]+|(?:UTC|GMT)?[+\-−]\d{1,2}(?::?\d{2})?|\d{2})$/.test(word),
    );
}

interface RawRow {
  readonly line: number;
  /** The part that says when (a table's date/time cells, or a bullet's leading words). */
  readonly when: string;
  readonly text: string;
  readonly original: string;
}

/** A bullet or plain line that starts with its time: `- 14:03 UTC - Alert fired`, `* **2:15 PM**: ...`, `[14:03] ...`. */
function leadingWhen(text: string): { when: string; text: string } | undefined {
  const head = text.slice(0, 80);
  const date = dateIn(head);
  const time = timeIn(head);
  const starts = [date, time].filter((p): p is NonNullable<typeof p> => p !== undefined);
  if (starts.length === 0) {
    return undefined;
  }
  const firstIndex = Math.min(...starts.map((p) => p.index));
  // The when must lead (after emphasis, brackets, a weekday): narrative ("At 14:03 the alert...") is not a row.
  if (!/^[\s*_`[(~]*(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*,?\s*)?(?:at\s+|on\s+)?$/i.test(head.slice(0, firstIndex))) {
    return undefined;
  }
  let end = Math.max(...starts.map((p) => p.index + p.length));
  // A zone right after the time belongs to the when.
  const zone =
    /^\s*\(?(?:UTC|GMT|[A-Z]{2,4}T|[ECMP]T|CET|EET|WET|IST|MSK|JST|KST|SGT|HKT|Z)(?:\s?[+\-−]\d{1,2}(?::?\d{2})?)?\)?|^\s*[+\-−]\d{2}:?\d{2}\b/.exec(
      text.slice(end),
    );
  if (zone) {
    end += zone[0].length;
  }
  const rest = text.slice(end).replace(/^[\s*_`\])~]*(?:[-–—:|>]+|\bto\b)?[\s*_`]*/, '');
  return { when: text.slice(0, end), text: rest };
}

/** The year that puts `day` at `minutes` within half a year of `reference` (ms), before or after it. */
function nearestYear(day: Day, minutes: number, reference: number): number {
  const year = new Date(reference).getUTCFullYear();
  const at = Date.UTC(year, day.month - 1, day.day, 0, minutes);
  return at < reference - HALF_YEAR_MS ? year + 1 : at > reference + HALF_YEAR_MS ? year - 1 : year;
}

type RowWarningKind = 'offset' | 'gap' | 'repeated';

interface RowWarning {
  readonly kind: RowWarningKind;
  readonly line: number;
  readonly message: string;
}

/** Warnings of one kind shown in full; past this, the rest of that kind are one line naming their lines. */
export const WARNINGS_SHOWN_PER_KIND = 3;

const LIKE_IT: Readonly<Record<RowWarningKind, string>> = {
  offset: 'an offset no clock uses, left out',
  gap: 'a time that did not happen when the clocks went forward',
  repeated: 'a time that happened twice when the clocks went back, read as the second time',
};

/** Line numbers in order, runs of consecutive ones as a range: "12, 14–17, 30". */
function lineList(all: readonly number[]): string {
  const lines = all.filter((line, i) => line !== all[i - 1]);
  const parts: string[] = [];
  for (let i = 0; i < lines.length;) {
    let j = i;
    while (j + 1 < lines.length && lines[j + 1] === lines[j] + 1) j++;
    parts.push(j > i ? `${lines[i]}–${lines[j]}` : `${lines[i]}`);
    i = j + 1;
  }
  return parts.join(', ');
}

/**
 * Items of a kind that every row can give, in line order, grouped by kind (kinds in the order they
 * first appear): each kind's first few in full, then the rest, for one line naming their lines.
 */
function groupedByKind<T extends { readonly line: number }>(
  all: readonly T[],
  kindOf: (item: T) => string,
): { readonly shown: readonly T[]; readonly rest: readonly T[] }[] {
  const byKind = new Map<string, T[]>();
  for (const item of [...all].sort((a, b) => a.line - b.line)) {
    const list = byKind.get(kindOf(item)) ?? [];
    list.push(item);
    byKind.set(kindOf(item), list);
  }
  return [...byKind.values()].map((list) => {
    // One line for the rest is no shorter than the one item it would replace.
    const shown = list.length > WARNINGS_SHOWN_PER_KIND + 1 ? list.slice(0, WARNINGS_SHOWN_PER_KIND) : list;
    return { shown, rest: list.slice(shown.length) };
  });
}

/**
 * A file can give a warning on every row (300 rows each with a bad offset): each kind is shown for
 * its first few lines, then one line names every other line of that kind, so nothing goes unsaid
 * and the user reads a few lines, not hundreds. Kinds keep the order they first appeared in.
 */
function groupedWarnings(all: readonly RowWarning[]): string[] {
  const out: string[] = [];
  for (const { shown, rest } of groupedByKind(all, (w) => w.kind)) {
    out.push(...shown.map((w) => w.message));
    if (rest.length) {
      out.push(
        `${rest.length === 1 ? 'line' : 'lines'} ${lineList(rest.map((w) => w.line))}: ${rest.length} more like line ${shown[0].line} (${LIKE_IT[shown[0].kind]}).`,
      );
    }
  }
  return out;
}

/**
 * The line a warning is about, for a `file:line: message` report: the first line a warning names at its
 * start (`line 12: ...`, `lines 8–304: ...`, as this module writes them), with the rest of its text
 * (a single line's number is dropped from it, a range's kept); none for a warning about the whole file.
 */
export function warningLine(warning: string): { readonly line?: number; readonly text: string } {
  const single = /^line (\d+): /.exec(warning);
  if (single) {
    return { line: Number(single[1]), text: warning.slice(single[0].length) };
  }
  const range = /^lines (\d+)/.exec(warning);
  return range ? { line: Number(range[1]), text: warning } : { text: warning };
}

export type UnplacedRow = PostmortemImport['unplaced'][number];

/** A row not placed, shown in full, or the rest of its reason: every line, runs as ranges ("10–99, 101"). */
export type UnplacedSummary =
  | { readonly row: UnplacedRow }
  | { readonly lines: string; readonly first: number; readonly count: number; readonly like: number; readonly reason: string };

/**
 * The rows not placed as the editor's report and the CLI show them: a file of 300 rows with no
 * date is not 300 lines. Per reason, the first few rows in full, then one entry naming every other
 * line with that reason, so each line is still named.
 */
export function groupedUnplaced(unplaced: readonly UnplacedRow[]): UnplacedSummary[] {
  const out: UnplacedSummary[] = [];
  for (const { shown, rest } of groupedByKind(unplaced, (u) => u.reason)) {
    out.push(...shown.map((row) => ({ row })));
    if (rest.length) {
      out.push({
        lines: lineList(rest.map((u) => u.line)),
        first: rest[0].line,
        count: rest.length,
        like: shown[0].line,
        reason: shown[0].reason,
      });
    }
  }
  return out;
}

export function parsePostmortem(markdown: string, options: { readonly fallbackTitle?: string } = {}): PostmortemImport {
  const lines = markdown.split(/\r\n|\n|\r/);
  let title: string | undefined;
  let firstHeading: string | undefined;
  // Widened, not narrowed to 'other': openSection sets it.
  let section = 'other' as 'timeline' | 'actions' | 'other';
  let sectionLevel = 0;
  // The section was opened by a bold line (the document writes its headings so).
  let sectionByBold = false;
  // The level a bold line alone ranks at outside the timeline and the action items: that of the
  // nearest real heading above it (see boldRank); 0 while there is none.
  let rankHere = 0;
  let sawTimelineHeading = false;
  let tableHeader = false;
  let inFence = false;
  const rows: RawRow[] = [];
  let rowsLeftOut: { first: number; count: number } | undefined;
  const addRow = (row: RawRow) => {
    if (rows.length < MAX_TIMELINE_ROWS) rows.push(row);
    else if (rowsLeftOut) rowsLeftOut.count++;
    else rowsLeftOut = { first: row.line, count: 1 };
  };
  const actionItems: (ImportedLine & { title: string; kind: ActionItemKind })[] = [];
  // Context for rows that carry no date or zone: the latest date or zone named above them.
  const dayAt: { line: number; day: Day }[] = [];
  const zoneAt: { line: number; zone: Zone }[] = [];
  const warnings: string[] = [];
  // Warnings a file can give on every row (a bad offset on each, a night of rows in the hour the
  // clocks changed), grouped by kind when the parse is done (groupedWarnings).
  const rowWarnings: RowWarning[] = [];
  const badOffsetAt = (lineNo: number) => (written: string) =>
    rowWarnings.push({
      kind: 'offset',
      line: lineNo,
      message: `line ${lineNo}: "${written}" is no offset a clock uses (-12:00 to +14:00), so it is left out.`,
    });

  for (let i = 0; i < lines.length; i++) {
    const lineNo = i + 1;
    const line = lines[i].length > MAX_LINE ? lines[i].slice(0, MAX_LINE) : lines[i];
    if (/^\s*(```|~~~)/.test(line)) {
      inFence = !inFence;
      continue;
    }
    if (inFence) {
      continue;
    }
    const heading = /^(#{1,6})\s+(.*)$/.exec(line);
    if (heading) {
      const level = heading[1].length;
      const text = plain(heading[2].replace(/\s#+\s*$/, ''));
      firstHeading ??= text;
      const isTitle = level === 1 && title === undefined;
      if (isTitle) {
        title = text;
      }
      // A bold line under the document's title ranks as one of its sections ("##"); under any
      // other heading, just below it (see boldRank).
      rankHere = isTitle ? 2 : level;
      const actionsAlone = ACTIONS_HEADING.test(text) && !TIMELINE_HEADING.test(text);
      // A section a bold line opened with no heading above it has no level: a heading is a group
      // of it ("### Short term"), unless its words name another section of a postmortem.
      const namesSection = sectionLevel === 0 && (BOLD_OTHER_SECTION.test(text) || BOLD_TIMELINE.test(text) || actionsAlone);
      if (section !== 'other' && level > sectionLevel && !(section === 'timeline' && actionsAlone) && !namesSection) {
        // A sub-heading inside the timeline (a day) or the actions (a group) keeps the section;
        // "### Follow-ups" under "## Timeline and follow-ups" ends the timeline.
      } else if (TIMELINE_HEADING.test(text)) {
        // "## Timeline and follow-up" is the timeline: its rows are no action items.
        openSection('timeline', level, false);
      } else if (ACTIONS_HEADING.test(text)) {
        openSection('actions', level, false);
      } else {
        section = 'other';
      }
      headingContext(text, lineNo);
      continue;
    }
    if (line.trim() === '') {
      tableHeader = false;
      continue;
    }
    // A line that is all bold (a bracket may follow it), used as a heading: "**Follow-up actions**"
    // starts the action items and "**Timeline (UTC)**" the timeline, as their headings would. In
    // the action items, any other bold line is a group of them ("**Short term**").
    const boldAlone = /^\s*(?:\*\*([^*]{1,100})\*\*|__([^_]{1,100})__)\s*(?:(\([^()]{1,60}\))\s*)?(?::\s*)?$/.exec(line);
    if (boldAlone) {
      const text = plain(`${boldAlone[1] ?? boldAlone[2]} ${boldAlone[3] ?? ''}`).replace(/\s*[:.]$/, '');
      if (BOLD_TIMELINE.test(text)) {
        openSection('timeline', boldRank(), true);
        headingContext(text, lineNo);
        continue;
      }
      if (section !== 'actions' && ACTIONS_HEADING.test(text) && !TIMELINE_HEADING.test(text) && !timeIn(text)) {
        openSection('actions', boldRank(), true);
        continue;
      }
      if (sectionByBold && BOLD_OTHER_SECTION.test(text)) {
        // "**Supporting information:**" after a bold "**Timeline**": the rest is no rows or items.
        section = 'other';
        tableHeader = false;
        continue;
      }
    }
    const isTable = /^\s*\|/.test(line);
    if (section === 'actions') {
      actionItemFrom(line, lineNo, isTable);
      continue;
    }
    if (isTable) {
      const cells = tableCells(line);
      if (isSeparatorRow(cells)) {
        tableHeader = false;
        continue;
      }
      const next = lines[i + 1] ?? '';
      if (!tableHeader && /^\s*\|?\s*:?-{1,}:?\s*\|/.test(next)) {
        // The header row: its words may name the zone ("Date and Time in CET").
        tableHeader = true;
        noteContext(cells.join(' '), lineNo, true);
        continue;
      }
      const whenCells = cells.filter(isWhenCell);
      const textCells = cells.filter((c) => !isWhenCell(c) && c !== '');
      if (section === 'timeline' || whenCells.length > 0) {
        if (section === 'timeline' || (!sawTimelineHeading && whenCells.some((c) => timeIn(c)))) {
          addRow({ line: lineNo, when: whenCells.join(' '), text: plain(textCells.join(' — ')), original: line });
        }
      }
      continue;
    }
    const bullet = /^(\s*)(?:[-*+]|\d{1,4}[.)])\s+(?:\[[ xX]\]\s+)?(.*)$/.exec(line);
    const body = bullet ? bullet[2] : line.trim();
    const lead = leadingWhen(body);
    if (section === 'timeline') {
      if (lead) {
        addRow({ line: lineNo, when: lead.when, text: plain(lead.text), original: line });
      } else if (bullet) {
        const onlyDate = dateIn(body);
        if (onlyDate && plain(body).length <= onlyDate.length + 12) {
          noteContext(body, lineNo); // "- **March 13**" opening a day's bullets
        } else {
          addRow({ line: lineNo, when: '', text: plain(body), original: line });
        }
      } else {
        noteContext(body, lineNo);
      }
      continue;
    }
    if (lead && bullet && !sawTimelineHeading && timeIn(lead.when)) {
      addRow({ line: lineNo, when: lead.when, text: plain(lead.text), original: line });
      continue;
    }
    noteContext(body, lineNo);
  }

  function openSection(kind: 'timeline' | 'actions', level: number, byBold: boolean): void {
    section = kind;
    sectionLevel = level;
    sectionByBold = byBold;
    sawTimelineHeading ||= kind === 'timeline';
  }

  /**
   * The level a bold line alone ranks at: a real heading deeper than it is under it ("### Short
   * term" under "**Follow-up actions**"), one at it or above ends what it opened. It ends the section
   * it is in, so it ranks with that section's heading ("## Timeline", not the day "### March 13"
   * above it); elsewhere just below the nearest heading, above that heading's own sub-headings, as
   * writers mix them: "## Timeline", then "**Follow-ups**" with "### Short term" under it. With no
   * heading above, nothing says where it ranks (0): a heading ends it only by naming another section.
   */
  function boldRank(): number {
    return section === 'other' ? rankHere : sectionLevel;
  }

  /** What a heading says for the rows under it: a date, a zone. */
  function headingContext(text: string, lineNo: number): void {
    tableHeader = false;
    if (section !== 'actions') {
      // A date in the follow-ups ("### Due 2025-01-10") is a deadline, not the incident's day: it
      // must not give the timeline's yearless rows their year.
      noteContext(text, lineNo);
    }
    // "## Timeline (UTC)", "### March 13 (Europe/Berlin)": a zone alone in brackets in the
    // timeline's headings is the zone of the rows under them, as "all times in UTC" would be.
    const bracketed = section === 'timeline' ? BRACKETED_ZONE.exec(text) : null;
    const zone = bracketed ? zoneIn(bracketed[1], badOffsetAt(lineNo)) : undefined;
    if (zone) {
      zoneAt.push({ line: lineNo, zone });
    }
  }

  function noteContext(text: string, lineNo: number, header = false): void {
    const date = dateIn(text);
    if (date) {
      dayAt.push({ line: lineNo, day: date.day });
    }
    const zone = header || /\b(?:times?|zone|all|in)\b/i.test(text) ? zoneIn(text, badOffsetAt(lineNo)) : undefined;
    if (zone) {
      zoneAt.push({ line: lineNo, zone });
    }
  }

  function actionItemFrom(line: string, lineNo: number, isTable: boolean): void {
    if (isTable) {
      const cells = tableCells(line);
      const next = lines[lineNo] ?? '';
      if (isSeparatorRow(cells) || /^\s*\|?\s*:?-{1,}:?\s*\|/.test(next)) {
        return; // the separator or the header
      }
      const text = cells.map(plain).find((c) => /[a-z]{3}/i.test(c) && !/^(?:#?\d+|[A-Z]+-\d+)$/.test(c));
      if (text) {
        actionItems.push({ line: lineNo, text: line.trim(), title: text, kind: kindOf(text) });
      }
      return;
    }
    const bullet = /^( {0,1})(?:[-*+]|\d{1,4}[.)])\s+(?:\[[ xX]\]\s+)?(.*)$/.exec(line);
    if (!bullet) {
      return; // prose, or a sub-point of the item above
    }
    const bold = /^\*\*([^*]+)\*\*|^__([^_]+)__/.exec(bullet[2]);
    const title = plain(bold ? (bold[1] ?? bold[2]).replace(/[:.]\s*$/, '') : bullet[2]);
    if (title) {
      actionItems.push({ line: lineNo, text: line.trim(), title, kind: kindOf(title) });
    }
  }

  // Rows and context are both in line order: one cursor each walks forward with the rows.
  const cursor = <T extends { line: number }>(list: readonly T[]) => {
    let next = 0;
    return (lineNo: number): T | undefined => {
      while (next < list.length && list[next].line <= lineNo) {
        next++;
      }
      return next > 0 ? list[next - 1] : undefined;
    };
  };
  const dayBefore = cursor(dayAt);
  const withYear = (d: { line: number; day: Day }) => d.day.year !== undefined;
  const datedBefore = cursor(dayAt.filter(withYear));
  const dayMs = (d: Day) => Date.UTC(d.year as number, d.month - 1, d.day);
  // A day without a year and nothing dated above it: the first date with a year anywhere, in a row
  // or the text (found once, when first needed).
  let firstDated: { line: number; day: Day } | null | undefined;
  const firstDatedDay = (): Day | undefined => {
    if (firstDated === undefined) {
      firstDated = dayAt.find(withYear) ?? null;
      for (const r of rows) {
        if (firstDated && r.line > firstDated.line) break;
        const own = dateIn(r.when)?.day;
        if (own?.year !== undefined) {
          firstDated = { line: r.line, day: own };
          break;
        }
      }
    }
    return firstDated?.day;
  };
  const zoneBefore = cursor(zoneAt);

  const events: ImportedEvent[] = [];
  const unplaced: (ImportedLine & { reason: string })[] = [];
  const milestones: ImportedMilestones = {};
  const milestoneLine: Partial<Record<Milestone | 'declared', number>> = {};
  let assumedUtc = false;
  let previous: { line: number; ms: number; lineDay: string; instant: number } | undefined;
  let rollover = 0;
  // The latest date a row carried itself (with its year once placed): the rows after it that give
  // only a time are on that day ("2024-03-02 23:50", then "00:10" is the 3rd), unless a heading or
  // a line below that row names another.
  let rowDay: { line: number; day: Day } | undefined;
  for (const row of rows) {
    const text = row.text || plain(row.original.replace(/^\s*(?:[-*+]|\d+[.)])\s+/, '').replace(/\|/g, ' '));
    const time = timeIn(row.when);
    const ownDate = dateIn(row.when);
    if (!time) {
      if (ownDate) {
        rowDay = { line: row.line, day: ownDate.day }; // "| 2021-12-17 | log4j 2.17 published |" opens a day too
      }
      const placeholder = /\b(?:HH|hh):?(?:mm|MM)\b|\?\?/.test(row.when);
      unplaced.push({
        line: row.line,
        text: plain(
          row.original
            .replace(/^\s*\|/, '')
            .replace(/\|\s*$/, '')
            .replace(/\|/g, ' '),
        ),
        reason: placeholder ? 'a placeholder instead of a time' : row.when.trim() ? 'a date but no time of day' : 'no time',
      });
      continue;
    }
    const contextLine = dayBefore(row.line);
    const contextDay = (rowDay && (!contextLine || rowDay.line > contextLine.line) ? rowDay : contextLine)?.day;
    let day = ownDate?.day ?? contextDay;
    if (day && day.year === undefined) {
      // A day without a year is in the year that puts it nearest the closest date above it (the row
      // before, a dated row or line), within half a year either side: "Jan 1" after "2024-12-31 23:58"
      // is 2025, "Dec 31" under "# Outage 2025-01-02" is 2024. Rows days out of order stay put.
      const above = [
        previous,
        rowDay && withYear(rowDay) ? { line: rowDay.line, ms: dayMs(rowDay.day) } : undefined,
        ((d) => d && { line: d.line, ms: dayMs(d.day) })(datedBefore(row.line)),
      ].reduce((a, b) => (b && (!a || b.line > a.line) ? b : a), undefined);
      const first = above ? undefined : firstDatedDay();
      const reference = above?.ms ?? (first && dayMs(first));
      day = reference === undefined ? undefined : { ...day, year: nearestYear(day, time.minutes, reference) };
    }
    if (!day) {
      unplaced.push({ line: row.line, text: plain(row.original), reason: 'no date in the row or above it' });
      continue;
    }
    const contextZone = zoneBefore(row.line)?.zone;
    const zone = zoneIn(row.when, badOffsetAt(row.line)) ?? contextZone;
    if (!zone) {
      assumedUtc = true;
    }
    const dayKey = `${day.year}-${day.month}-${day.day}`;
    let localMs = Date.UTC(day.year as number, day.month - 1, day.day, 0, time.minutes, time.seconds);
    // Rows with a time only, under one date (a heading's, or the row above's): a time more than 12
    // hours earlier than the row before is the next day (23:50, then 00:10); a little earlier is the
    // writer's order.
    if (!ownDate && previous && previous.lineDay === dayKey) {
      const candidate = localMs + rollover * 86_400_000;
      if (candidate < previous.ms - 12 * 3_600_000) {
        rollover++;
      }
    } else {
      rollover = 0;
    }
    localMs += rollover * 86_400_000;
    const instant = zone ? zone.toInstant(localMs) : { ms: localMs, gap: false };
    let ms = instant.ms;
    const hhmm = (t: number) => new Date(t).toISOString().slice(11, 16);
    const onDay = () => `in ${zone?.name} on ${new Date(localMs).toISOString().slice(0, 10)}`;
    if (instant.gap && zone) {
      rowWarnings.push({
        kind: 'gap',
        line: row.line,
        message: `line ${row.line}: ${hhmm(localMs)} did not happen ${onDay()} (the clocks went forward), so it is read as ${hhmm(ms)} UTC.`,
      });
    }
    // The hour the clocks go back happens twice: after a row later than its first time (01:50, then
    // 01:10), the row is in the repeated hour, not 40 minutes back.
    const second = previous && ms < previous.instant ? instant.repeated : undefined;
    if (second !== undefined) {
      ms = second;
      rowWarnings.push({
        kind: 'repeated',
        line: row.line,
        message: `line ${row.line}: ${hhmm(localMs)} happened twice ${onDay()} (the clocks went back); after the row above it, it is read as the second time, ${hhmm(ms)} UTC.`,
      });
    }
    previous = { line: row.line, ms: localMs, lineDay: dayKey, instant: ms };
    if (ownDate) {
      rowDay = { line: row.line, day };
    }
    const ts = new Date(ms).toISOString();
    events.push({ ts, text, line: row.line });
    const milestone = milestoneOf(text);
    if (milestone && milestones[milestone] === undefined) {
      milestones[milestone] = ts;
      milestoneLine[milestone] = row.line;
    }
  }
  warnings.push(...groupedWarnings(rowWarnings));
  // Milestones out of order make a duration negative: the import keeps what the rows say, and says where.
  for (const name of DURATIONS) {
    const { label, from, to } = DURATION_DEFINITIONS[name];
    const [start, end] = [milestones[from], milestones[to]];
    if (start && end && Date.parse(end) < Date.parse(start)) {
      warnings.push(
        `line ${milestoneLine[to]}: ${MILESTONE_LABELS[to].toLowerCase()} (${formatUtc(end)}) is before ${MILESTONE_LABELS[from].toLowerCase()} on line ${milestoneLine[from]} (${formatUtc(start)}), so the ${label.toLowerCase()} is negative.`,
      );
    }
  }
  if (assumedUtc && events.length) {
    warnings.push('No time zone is named for some rows; their times are read as UTC.');
  }
  if (rowsLeftOut) {
    warnings.push(
      `line ${rowsLeftOut.first}: the timeline is read up to ${MAX_TIMELINE_ROWS} rows; this row and ${rowsLeftOut.count - 1} more after it are left out.`,
    );
  }
  if (rows.length === 0) {
    warnings.push(
      sawTimelineHeading
        ? 'The timeline section has no rows.'
        : 'No timeline section (a heading with "Timeline") and no timed rows were found.',
    );
  }
  const earliest = events.reduce((min, e) => Math.min(min, Date.parse(e.ts)), Infinity);
  const first = events.length ? new Date(earliest).toISOString() : undefined;
  return {
    title: title ?? firstHeading ?? options.fallbackTitle ?? 'Imported postmortem',
    ...((milestones.impact_started ?? first) ? { startedAt: milestones.impact_started ?? first } : {}),
    milestones,
    events,
    unplaced,
    actionItems,
    warnings,
  };
}

/**
 * Where an import came from: the file (relative to the folder the data dir is in, as teammates share
 * it) and the SHA-256 of its text. Recorded on the declared event, so the same postmortem imported
 * twice is known for what it is instead of becoming a second incident.
 */
export interface PostmortemSource {
  readonly file: string;
  readonly sha256: string;
}

/**
 * An incident imported before from the same postmortem: by its text, by its file (edited since), or,
 * imported before the source was recorded, by a file of the same name and the same title.
 */
export interface EarlierImport {
  readonly id: string;
  readonly title: string;
  readonly same: 'content' | 'file' | 'name';
}

const isSource = (value: unknown): value is PostmortemSource =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as PostmortemSource).file === 'string' &&
  typeof (value as PostmortemSource).sha256 === 'string';

/**
 * The incident `source` was imported as already, if any: one whose declared event records the same
 * text (wherever the file is now), else the same file. An import from before the source was recorded
 * is known by what it wrote then: the resolution `Imported from <file name>` and the same title.
 */
export function earlierImport(
  incidents: readonly Pick<Incident, 'id' | 'title' | 'events'>[],
  source: PostmortemSource,
  title: string,
): EarlierImport | undefined {
  const name = source.file.split(/[\\/]/).pop() ?? source.file;
  let byFile: EarlierImport | undefined;
  for (const incident of incidents) {
    const declared = incident.events.find((e) => e.type === 'declared') as { readonly importedFrom?: unknown } | undefined;
    const recorded = declared?.importedFrom;
    if (isSource(recorded)) {
      if (recorded.sha256 === source.sha256) {
        return { id: incident.id, title: incident.title, same: 'content' };
      }
      if (recorded.file === source.file) byFile ??= { id: incident.id, title: incident.title, same: 'file' };
    } else if (
      (incident.title === importedTitle(title) || incident.title === title.slice(0, OLD_MAX_IMPORTED_TITLE)) &&
      incident.events.some((e) => e.type === 'resolved' && (e as { readonly resolution?: unknown }).resolution === `Imported from ${name}`)
    ) {
      byFile ??= { id: incident.id, title: incident.title, same: 'name' };
    }
  }
  return byFile;
}

/**
 * What `file` is to `earlier`, in the words `warroom postmortem import` refuses with and Import
 * Postmortem asks with: `<file> was imported already as <id> ("<title>", how it is known)`.
 */
export function importedAlready(file: string, earlier: EarlierImport): string {
  return `${file} was imported already as ${earlier.id} ("${earlier.title}"${EARLIER_HOW[earlier.same]})`;
}

/** How an earlier import is known, when not by the same text. */
const EARLIER_HOW: Readonly<Record<EarlierImport['same'], string>> = {
  content: '',
  file: ', from this file before it was last changed',
  name: ', from a file of this name',
};

/**
 * Where imports before titles were held to MAX_TITLE_CHARS cut a title (no mark, mid-word); an
 * incident they made is still known by it.
 */
const OLD_MAX_IMPORTED_TITLE = 300;

/** How far back from the limit a cut looks for a space to end at, rather than cut a word. */
const WORD_BOUNDARY_REACH = 30;

/**
 * An imported incident's title: the postmortem's heading, held to MAX_TITLE_CHARS as a typed title
 * is. A typed one is refused over it; an import has no one to ask, so a longer heading is cut, at a
 * space when one is near the limit, and ends with "…". The import keeps the whole heading in a note.
 */
function importedTitle(title: string): string {
  if (title.length <= MAX_TITLE_CHARS) {
    return title;
  }
  const room = MAX_TITLE_CHARS - 1;
  // A space right after the room counts: the text before it ends a word.
  const space = title.lastIndexOf(' ', room);
  let head = space >= room - WORD_BOUNDARY_REACH ? title.slice(0, space) : title.slice(0, room);
  // Never half a surrogate pair (an emoji cut in two).
  const lastCode = head.charCodeAt(head.length - 1);
  if (lastCode >= 0xd800 && lastCode <= 0xdbff) head = head.slice(0, -1);
  return `${head.replace(/[\s,;:\-–—]+$/u, '')}…`;
}

/** One event to append, at the time it says (the import's own events are stamped with the import time). */
export interface PlannedImportEvent {
  readonly at: string;
  readonly input: { readonly type: string; readonly [field: string]: unknown };
}

export interface ImportPlan {
  /** With the postmortem it came from, when the caller gave one. */
  readonly declaration: EventInput<DeclaredEvent> & { readonly importedFrom?: PostmortemSource };
  /** When the declared event is stamped: the earliest placed row, so the id reads as the incident's day. */
  readonly declaredAt: string;
  /** In the order to append; each after the declaration. */
  readonly events: readonly PlannedImportEvent[];
}

/** What the milestones fold reads from our events, set from the postmortem's words. */
const IMPORTED_MILESTONES: readonly Milestone[] = ['acknowledged', 'mitigated', 'closed'];

/**
 * The events that make `parsed` a resolved incident: each placed row an entry at its time, the
 * milestones the text names (one it does not name is cleared, never guessed), the action items,
 * and a resolve (at the stated resolution, else the last row, the milestone then cleared).
 */
export function importPlan(
  parsed: PostmortemImport,
  options: { readonly file: string; readonly now: Date; readonly newItemId: () => string; readonly source?: PostmortemSource },
): ImportPlan {
  if (parsed.events.length === 0) {
    throw new Error(`${options.file}: no timeline row could be placed in time, so there is nothing to import`);
  }
  const times = parsed.events.map((e) => Date.parse(e.ts));
  const first = new Date(times.reduce((a, b) => Math.min(a, b), Infinity)).toISOString();
  const last = new Date(times.reduce((a, b) => Math.max(a, b), -Infinity)).toISOString();
  const m = parsed.milestones;
  const startedAt = m.impact_started ?? first;
  const detectedAt = m.detected ?? m.declared ?? startedAt;
  const now = options.now.toISOString();
  const source = `postmortem ${options.file}`;
  const events: PlannedImportEvent[] = parsed.events.map((e) => ({
    at: e.ts,
    input: { type: 'entry', kind: 'note', text: e.text, source, line: e.line },
  }));
  const title = importedTitle(parsed.title);
  if (title !== parsed.title) {
    // Written with the import's own events: the heading as the postmortem has it, which the title could not hold.
    events.push({
      at: now,
      input: {
        type: 'entry',
        kind: 'note',
        text: `The postmortem's title, cut to ${MAX_TITLE_CHARS} characters for the incident's: ${parsed.title}`,
        source,
      },
    });
  }
  for (const milestone of IMPORTED_MILESTONES) {
    const at = m[milestone];
    if (at) {
      events.push({ at: now, input: { type: MILESTONE_EVENT, milestone, at, source: 'postmortem' } });
    }
  }
  for (const [milestone, stated] of [
    ['impact_started', m.impact_started],
    ['detected', m.detected],
  ] as const) {
    if (!stated) {
      events.push({
        at: now,
        input: { type: MILESTONE_EVENT, milestone, cleared: true, source: 'postmortem', note: 'not stated in the postmortem' },
      });
    }
  }
  // A millisecond apart: the fold orders same-time events by their random ids; the items keep the document's order.
  for (const [i, item] of parsed.actionItems.entries()) {
    events.push({
      at: new Date(options.now.getTime() + i).toISOString(),
      input: { type: ACTION_ITEM_EVENTS.added, itemId: options.newItemId(), title: item.title.slice(0, 500), kind: item.kind },
    });
  }
  const resolvedAt = m.resolved ?? last;
  events.push({ at: resolvedAt, input: { type: 'resolved', resolution: `Imported from ${options.file}` } });
  if (!m.resolved) {
    // After the resolve event (a millisecond later): the incident is resolved, but when is unknown.
    events.push({
      at: new Date(Date.parse(resolvedAt) + 1).toISOString(),
      input: { type: MILESTONE_EVENT, milestone: 'resolved', cleared: true, source: 'postmortem', note: 'not stated in the postmortem' },
    });
  }
  return {
    declaration: {
      type: 'declared',
      title,
      severity: 'SEV3',
      urgency: 'low',
      service: '',
      startedAt,
      detectedAt,
      ...(options.source ? { importedFrom: { file: options.source.file, sha256: options.source.sha256 } } : {}),
    },
    declaredAt: first,
    events,
  };
}
