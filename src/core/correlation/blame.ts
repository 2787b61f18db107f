// Which lines of a file, as it is now, each commit last changed: read from `git blame --incremental`,
// for the editor's suspect-line marks. A suspect commit's own line numbers (`git show -U0`) go stale
// as soon as a later commit or an unsaved edit moves the file; blame maps them onto today's text.

import { unquote } from './hunks';

/** One run of lines blamed on one commit, as `git blame --incremental` reports it. */
export interface BlameGroup {
  readonly sha: string;
  /** 1-based line in the commit's version of the file. */
  readonly originalLine: number;
  /** 1-based line in the file as blamed (the working tree or the text given with `--contents`). */
  readonly finalLine: number;
  readonly count: number;
  /**
   * The commit sits on the boundary of what was walked (older than `--since`, or excluded with `^rev`):
   * its lines are older than that, not its own work.
   */
  readonly boundary: boolean;
  /** The file's name in that commit (differs from today's after a rename). */
  readonly filename: string;
}

/** 1-based, inclusive lines of the file as blamed. */
export interface LineRange {
  readonly start: number;
  readonly end: number;
}

const HEADER = /^([0-9a-f]{40}|[0-9a-f]{64}) (\d+) (\d+) (\d+)$/;
const UNCOMMITTED = /^0+$/;

/** Lines nobody committed yet (unsaved edits, `--contents`, working-tree changes) carry an all-zero sha. */
export function isUncommitted(sha: string): boolean {
  return UNCOMMITTED.test(sha);
}

/**
 * Parses `git blame --incremental` output. Each group is a header `<sha> <orig> <final> <count>`, then
 * the commit's details the first time that commit is shown (`author ...`, `summary ...`, `boundary`,
 * `previous <sha> <name>`), always ending with `filename <name>`. `boundary` comes only with the first
 * group of a commit, so it is carried to the commit's later groups. Groups come in the order blame
 * settles them, not in line order.
 */
export function parseIncrementalBlame(text: string): BlameGroup[] {
  const boundaries = new Set<string>();
  const raw: Omit<BlameGroup, 'boundary'>[] = [];
  let current: { sha: string; originalLine: number; finalLine: number; count: number } | undefined;
  for (const line of text.split('\n')) {
    if (!current) {
      const header = HEADER.exec(line);
      if (header) {
        current = { sha: header[1], originalLine: Number(header[2]), finalLine: Number(header[3]), count: Number(header[4]) };
      }
      continue;
    }
    if (line === 'boundary') {
      boundaries.add(current.sha);
    } else if (line.startsWith('filename ')) {
      raw.push({ ...current, filename: unquotePath(line.slice('filename '.length)) });
      current = undefined;
    }
  }
  return raw.map((group) => ({ ...group, boundary: boundaries.has(group.sha) }));
}

/**
 * The lines each wanted commit last changed, sorted and merged where they touch. Boundary groups
 * (older than the walk) and uncommitted lines belong to nobody; a commit blame found nowhere is absent.
 *
 * Merges: blame follows every parent, so a line a side branch brought in is blamed on the side
 * branch's own commit (right when that commit is among the deploy's suspects), and a merge commit
 * itself is blamed only for lines it resolved (conflicts, evil merges): far fewer than its
 * first-parent diff.
 */
export function linesByCommit(groups: readonly BlameGroup[], wanted: ReadonlySet<string>): Map<string, LineRange[]> {
  const found = new Map<string, LineRange[]>();
  for (const group of groups) {
    if (group.boundary || group.count <= 0 || !wanted.has(group.sha) || isUncommitted(group.sha)) {
      continue;
    }
    const ranges = found.get(group.sha) ?? [];
    ranges.push({ start: group.finalLine, end: group.finalLine + group.count - 1 });
    found.set(group.sha, ranges);
  }
  for (const [sha, ranges] of found) {
    ranges.sort((a, b) => a.start - b.start);
    const merged: LineRange[] = [];
    for (const range of ranges) {
      const last = merged[merged.length - 1];
      if (last && range.start <= last.end + 1) {
        merged[merged.length - 1] = { start: last.start, end: Math.max(last.end, range.end) };
      } else {
        merged.push(range);
      }
    }
    found.set(sha, merged);
  }
  return found;
}

/**
 * The `--since` bound (unix seconds) that keeps blame to the correlation window: a little before the
 * oldest commit to be found, so blame stops walking there and reports older lines as a boundary commit.
 * Blame compares each commit's committer date, so `committedAt` (the committer date) is what counts.
 * Undefined when no date is usable (then blame walks the whole history).
 */
export function blameSince(committedAt: readonly string[], marginMs = 60 * 60_000): number | undefined {
  let oldest = Infinity;
  for (const at of committedAt) {
    const ms = Date.parse(at);
    if (Number.isFinite(ms) && ms < oldest) {
      oldest = ms;
    }
  }
  return Number.isFinite(oldest) ? Math.floor((oldest - marginMs) / 1000) : undefined;
}

/** `filename` values are C-quoted by git when they hold a `"`, a backslash or a control character. */
function unquotePath(name: string): string {
  return name.length >= 2 && name.startsWith('"') && name.endsWith('"') ? unquote(name.slice(1, -1)) : name;
}
