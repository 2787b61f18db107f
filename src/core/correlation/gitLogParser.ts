// Pure parsers of raw git output. The adapter runs git with the exact arguments below and hands the
// text here, so the parsing is tested on captured output strings without a repository.

import { Commit, FileChange, FileStatus } from './model';
import { parseTrailers } from './trailers';

/**
 * `git log` format: a record separator (0x1e) starts each commit, fields end with 0x1f. Used with
 * `--raw --numstat --no-renames -z`, so paths arrive unquoted and NUL-terminated after the fields.
 */
export const LOG_FORMAT = '%x1e%H%x1f%P%x1f%an%x1f%ae%x1f%aI%x1f%cI%x1f%D%x1f%B%x1f';
/**
 * LOG_FORMAT with the decorations field left empty: `%D` makes git peel every annotated tag again,
 * so an adapter that already read the tags decorates the commits itself. `parseGitLog` reads both.
 */
export const LOG_FORMAT_UNDECORATED = LOG_FORMAT.replace('%D', '');
/** `--no-abbrev`: `--raw` would otherwise look up a unique short name for every blob, which we never read. */
export const LOG_DIFF_ARGS = ['--raw', '--no-abbrev', '--numstat', '--no-renames', '-z'] as const;

export interface ParseLogOptions {
  /** Keep at most this many files per commit; the rest are counted in `filesOmitted`. */
  readonly maxFilesPerCommit?: number;
}

const STATUS: Readonly<Record<string, FileStatus>> = {
  A: 'added',
  M: 'modified',
  D: 'deleted',
  R: 'renamed',
  C: 'copied',
  T: 'type-changed',
};

/** Parses `git log --format=LOG_FORMAT --raw --numstat --no-renames -z` output. */
export function parseGitLog(output: string, options: ParseLogOptions = {}): Commit[] {
  const maxFiles = options.maxFilesPerCommit ?? Number.POSITIVE_INFINITY;
  const commits: Commit[] = [];
  const times = new Map<string, ParsedTime>();
  for (const record of output.split('\x1e')) {
    if (record.trim() === '') {
      continue;
    }
    commits.push(parseRecord(record, maxFiles, times));
  }
  return commits;
}

/**
 * One commit of that output: the text after a record separator (0x1e) up to the next one, which
 * is how a reader of git's output as it streams in gets it. Undefined for an empty record.
 */
export function parseGitLogRecord(record: string, options: ParseLogOptions = {}): Commit | undefined {
  return record.trim() === '' ? undefined : parseRecord(record, options.maxFilesPerCommit ?? Number.POSITIVE_INFINITY, new Map());
}

type ParsedTime = { readonly utc: string; readonly offsetMinutes: number };

function parseRecord(record: string, maxFiles: number, times: Map<string, ParsedTime>): Commit {
  const fields = record.split('\x1f');
  if (fields.length < 9) {
    throw new Error(`git log output: a commit record has ${fields.length} fields, expected 9: ${JSON.stringify(record.slice(0, 80))}`);
  }
  const [sha, parents, authorName, authorEmail, authoredIso, committedIso, decorations, message] = fields;
  const diff = fields.length === 9 ? fields[8] : fields.slice(8).join('\x1f');
  const { files, omitted } = parseRawAndNumstat(diff, maxFiles);
  // Author and committer dates are usually the same string, and commits of one push share them.
  const authored = timeOnce(authoredIso, times);
  const committed = timeOnce(committedIso, times);
  const text = message.trimEnd(); // the same characters as /\s+$/
  const newline = text.indexOf('\n');
  const parentList = parents.trim();
  return {
    sha,
    parents: parentList === '' ? [] : parentList.split(' '),
    authorName,
    authorEmail,
    authoredAt: authored.utc,
    authorUtcOffsetMinutes: authored.offsetMinutes,
    committedAt: committed.utc,
    committerUtcOffsetMinutes: committed.offsetMinutes,
    subject: newline < 0 ? text : text.slice(0, newline),
    body: newline < 0 ? '' : stripLeadingNewlines(text.slice(newline + 1)),
    trailers: newline < 0 ? [] : parseTrailers(text), // one line is never a trailer block
    files,
    filesOmitted: omitted,
    refs: decorations.trim() === '' ? [] : decorations.split(', ').map((r) => r.trim()),
  };
}

function timeOnce(iso: string, times: Map<string, ParsedTime>): ParsedTime {
  let parsed = times.get(iso);
  if (!parsed) {
    parsed = parseGitIsoTime(iso);
    times.set(iso, parsed);
  }
  return parsed;
}

function stripLeadingNewlines(text: string): string {
  let i = 0;
  while (text.charCodeAt(i) === 10) {
    i++;
  }
  return i === 0 ? text : text.slice(i);
}

interface RawEntry {
  status: FileStatus;
  submodule: boolean;
}

interface Counts {
  additions: number;
  deletions: number;
  binary: boolean;
}

const NO_COUNTS: Counts = { additions: 0, deletions: 0, binary: false };

/** `<added>\t<deleted>\t<path>` with each count digits or `-`, as /^(\d+|-)\t(\d+|-)\t([\s\S]*)$/ reads it. */
function countField(token: string, start: number, end: number): boolean {
  if (end <= start) {
    return false;
  }
  if (end - start === 1 && token.charCodeAt(start) === 45) {
    return true; // '-'
  }
  for (let i = start; i < end; i++) {
    const c = token.charCodeAt(i);
    if (c < 48 || c > 57) {
      return false;
    }
  }
  return true;
}

function parseRawAndNumstat(diff: string, maxFiles: number): { files: FileChange[]; omitted: number } {
  const tokens = diff.split('\0');
  const raw = new Map<string, RawEntry>();
  const order: string[] = [];
  const counts = new Map<string, Counts>();
  for (let i = 0; i < tokens.length; i++) {
    const token = stripLeadingNewlines(tokens[i]);
    if (token === '') {
      continue;
    }
    if (token.charCodeAt(0) === 58) {
      // :<old mode> <new mode> <old sha> <new sha> <status>, then the path as the next token
      const [oldMode, newMode, , , statusLetters] = token.slice(1).split(' ');
      const path = tokens[++i] ?? '';
      if (!raw.has(path)) {
        order.push(path);
      }
      raw.set(path, {
        status: STATUS[statusLetters?.charAt(0) ?? ''] ?? 'unknown',
        submodule: oldMode === '160000' || newMode === '160000',
      });
      continue;
    }
    const tab1 = token.indexOf('\t');
    const tab2 = tab1 < 0 ? -1 : token.indexOf('\t', tab1 + 1);
    if (tab2 < 0 || !countField(token, 0, tab1) || !countField(token, tab1 + 1, tab2)) {
      continue;
    }
    const added = token.slice(0, tab1);
    const deleted = token.slice(tab1 + 1, tab2);
    const path = token.slice(tab2 + 1);
    const binary = added === '-' && deleted === '-';
    counts.set(path, { additions: binary ? 0 : Number(added), deletions: binary ? 0 : Number(deleted), binary });
    if (!raw.has(path)) {
      order.push(path);
      raw.set(path, { status: 'unknown', submodule: false });
    }
  }
  const files: FileChange[] = [];
  const kept = Math.min(order.length, maxFiles);
  for (let k = 0; k < kept; k++) {
    const path = order[k];
    const entry = raw.get(path) as RawEntry;
    const count = counts.get(path) ?? NO_COUNTS;
    files.push({
      path,
      status: entry.status,
      additions: entry.submodule ? 0 : count.additions,
      deletions: entry.submodule ? 0 : count.deletions,
      binary: count.binary && !entry.submodule,
      submodule: entry.submodule,
    });
  }
  return { files, omitted: Math.max(0, order.length - maxFiles) };
}

/** `2026-03-08T01:59:00-05:00` → the UTC instant and the writer's offset. */
export function parseGitIsoTime(iso: string): { utc: string; offsetMinutes: number } {
  const fast = strictIsoTime(iso);
  if (fast) {
    return fast;
  }
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) {
    throw new Error(`git printed "${iso}" where an ISO 8601 time was expected`);
  }
  const zone = /([+-])(\d{2}):?(\d{2})$/.exec(iso.trim());
  const offsetMinutes = zone ? (zone[1] === '-' ? -1 : 1) * (Number(zone[2]) * 60 + Number(zone[3])) : 0;
  return { utc: new Date(ms).toISOString(), offsetMinutes };
}

/**
 * The exact shape `%aI`/`%cI` print (`2026-03-08T01:59:00-05:00`), read without Date.parse and a
 * regex; anything else (or a field out of range) goes the general way, which gives the same answer.
 */
function strictIsoTime(iso: string): { utc: string; offsetMinutes: number } | undefined {
  if (
    iso.length !== 25 ||
    iso.charCodeAt(4) !== 45 ||
    iso.charCodeAt(7) !== 45 ||
    iso.charCodeAt(10) !== 84 ||
    iso.charCodeAt(13) !== 58 ||
    iso.charCodeAt(16) !== 58 ||
    iso.charCodeAt(22) !== 58
  ) {
    return undefined;
  }
  const sign = iso.charCodeAt(19);
  if (sign !== 43 && sign !== 45) {
    return undefined;
  }
  const year = digits(iso, 0, 4);
  const month = digits(iso, 5, 2);
  const day = digits(iso, 8, 2);
  const hour = digits(iso, 11, 2);
  const minute = digits(iso, 14, 2);
  const second = digits(iso, 17, 2);
  const zoneHours = digits(iso, 20, 2);
  const zoneMinutes = digits(iso, 23, 2);
  if (
    year < 1000 ||
    month < 1 ||
    month > 12 ||
    day < 1 ||
    day > daysInMonth(year, month) ||
    hour > 23 ||
    minute > 59 ||
    second > 59 ||
    zoneHours > 23 ||
    zoneMinutes > 59
  ) {
    return undefined; // includes the -1 of a non-digit
  }
  const offsetMinutes = (sign === 45 ? -1 : 1) * (zoneHours * 60 + zoneMinutes);
  const ms = Date.UTC(year, month - 1, day, hour, minute, second) - offsetMinutes * 60_000;
  return { utc: new Date(ms).toISOString(), offsetMinutes };
}

function digits(text: string, start: number, count: number): number {
  let n = 0;
  for (let i = start; i < start + count; i++) {
    const c = text.charCodeAt(i) - 48;
    if (c < 0 || c > 9) {
      return -1;
    }
    n = n * 10 + c;
  }
  return n;
}

function daysInMonth(year: number, month: number): number {
  return month === 2
    ? year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0)
      ? 29
      : 28
    : [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
}

/** `git for-each-ref --format=REF_FORMAT`: name, object, peeled object (annotated tags), creator date. */
export const REF_FORMAT = '%(refname)%00%(objectname)%00%(*objectname)%00%(creatordate:unix)%00%(symref)';

export interface RefInfo {
  /** Full ref name: `refs/tags/v1.2.0`, `refs/heads/main`. */
  readonly ref: string;
  /** The commit the ref points at (peeled through annotated tags). */
  readonly sha: string;
  /** Tagger date for annotated tags, committer date otherwise (ISO UTC). */
  readonly at: string;
  readonly annotated: boolean;
  /** The object the ref names: the tag object for annotated tags, else the same as `sha`. */
  readonly object: string;
  /** For symbolic refs (`refs/remotes/origin/HEAD`), the ref they point to. */
  readonly symref?: string;
}

export function parseForEachRef(output: string): RefInfo[] {
  const refs: RefInfo[] = [];
  for (const line of output.split('\n')) {
    if (line.trim() === '') {
      continue;
    }
    const [ref, object, peeled, date, symref] = line.split('\0');
    if (!ref || !object) {
      throw new Error(`git for-each-ref printed an unexpected line: ${JSON.stringify(line.slice(0, 120))}`);
    }
    const seconds = Number(date);
    refs.push({
      ref,
      sha: peeled || object,
      at: new Date((Number.isFinite(seconds) ? seconds : 0) * 1000).toISOString(),
      annotated: Boolean(peeled),
      object,
      ...(symref ? { symref } : {}),
    });
  }
  return refs;
}

export interface RepoState {
  readonly gitDir: string;
  readonly topLevel: string;
  readonly shallow: boolean;
  /** The current branch (`main`), or undefined when HEAD is detached. */
  readonly branch?: string;
  readonly headSha?: string;
}

/** Arguments whose output `parseRepoState` reads, one answer per line in this order. */
export const REPO_STATE_ARGS = [
  'rev-parse',
  '--absolute-git-dir',
  '--show-toplevel',
  '--is-shallow-repository',
  'HEAD',
  '--symbolic-full-name',
  'HEAD',
] as const;

export function parseRepoState(output: string): RepoState {
  const [gitDir, topLevel, shallow, headSha, headRef] = output.split('\n').map((l) => l.trim());
  if (!gitDir || (shallow !== 'true' && shallow !== 'false')) {
    throw new Error(`git rev-parse printed something unexpected: ${JSON.stringify(output.slice(0, 200))}`);
  }
  return {
    gitDir,
    topLevel,
    shallow: shallow === 'true',
    // `--symbolic-full-name HEAD` prints `HEAD` itself when HEAD is detached
    branch: headRef?.startsWith('refs/heads/') ? headRef.slice('refs/heads/'.length) : undefined,
    headSha: headSha && /^[0-9a-f]{40,64}$/.test(headSha) ? headSha : undefined,
  };
}
