// Which lines of a file a commit changed, read from `git show -U0 --format= <sha> -- <file>`. With no
// context lines every hunk is exactly a change, so the new-side ranges are the lines to decorate.

export interface Hunk {
  /** 1-based; for a pure addition (oldCount 0) the old line after which lines were added. */
  readonly oldStart: number;
  readonly oldCount: number;
  /** 1-based; for a pure deletion (newCount 0) the new line after which lines were removed. */
  readonly newStart: number;
  readonly newCount: number;
}

export interface FileDiff {
  /** Path before the commit; undefined for an added file. */
  readonly oldPath?: string;
  /** Path after the commit; undefined for a deleted file. */
  readonly newPath?: string;
  readonly binary: boolean;
  readonly hunks: readonly Hunk[];
  /** The hunks' removed and added lines, in order, without their `-` or `+`. */
  readonly changed: readonly string[];
}

/** Lines of the file as the commit left it, 1-based and inclusive. */
export interface ChangedRange {
  readonly start: number;
  readonly end: number;
  /** True when the commit only removed lines here: `start` is the line just below the removal. */
  readonly deletion: boolean;
}

const HUNK = /^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/;
const DIFF_HEADER = /^diff --git /;

/** `a/src/x.ts` → `src/x.ts`; `/dev/null` → undefined. Git appends a tab to names holding a space. */
function sidePath(raw: string): string | undefined {
  const name = raw.replace(/\t$/, '');
  return name === '/dev/null' ? undefined : quotedName(name).replace(/^[ab]\//, '');
}

/** A name as a diff header prints it: in C-style quotes when it holds anything unusual. */
function quotedName(name: string): string {
  return name.startsWith('"') && name.endsWith('"') ? unquote(name.slice(1, -1)) : name;
}

/**
 * Git's C-style quoting of unusual names (a `"`, a backslash, a control character; any non-ASCII
 * byte too when core.quotepath is on): `text` is what stands between the quotes.
 */
export function unquote(text: string): string {
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch !== '\\') {
      bytes.push(...new TextEncoder().encode(ch));
      continue;
    }
    const next = text[++i];
    if (/[0-7]/.test(next)) {
      bytes.push(parseInt(text.slice(i, i + 3), 8));
      i += 2;
    } else {
      bytes.push(
        ({ a: 7, b: 8, f: 12, n: 10, r: 13, t: 9, v: 11, '"': 34, '\\': 92 } as Record<string, number>)[next] ?? next.charCodeAt(0),
      );
    }
  }
  return new TextDecoder().decode(Uint8Array.from(bytes));
}

/** Parses unified diff output (any context size) into one entry per file. */
export function parseFileDiffs(text: string): FileDiff[] {
  const files: { oldPath?: string; newPath?: string; binary: boolean; hunks: Hunk[]; changed: string[] }[] = [];
  let current: (typeof files)[number] | undefined;
  for (const line of text.split('\n')) {
    if (DIFF_HEADER.test(line)) {
      current = { binary: false, hunks: [], changed: [] };
      // Fallback names from the header (binary diffs and pure renames have no ---/+++ lines).
      const both = /^diff --git a\/(.*) b\/(.*)$/.exec(line);
      if (both) {
        current.oldPath = both[1];
        current.newPath = both[2];
      }
      files.push(current);
      continue;
    }
    if (!current) {
      continue;
    }
    const hunk = HUNK.exec(line);
    if (hunk) {
      current.hunks.push({
        oldStart: Number(hunk[1]),
        oldCount: hunk[2] === undefined ? 1 : Number(hunk[2]),
        newStart: Number(hunk[3]),
        newCount: hunk[4] === undefined ? 1 : Number(hunk[4]),
      });
    } else if (current.hunks.length > 0) {
      if (line.startsWith('+') || line.startsWith('-')) {
        current.changed.push(line.slice(1));
      }
    } else {
      // Header lines only: once hunks start, `--- x` could be a removed line reading "-- x".
      if (line.startsWith('--- ')) {
        current.oldPath = sidePath(line.slice(4));
      } else if (line.startsWith('+++ ')) {
        current.newPath = sidePath(line.slice(4));
      } else if (line.startsWith('new file mode')) {
        current.oldPath = undefined;
      } else if (line.startsWith('deleted file mode')) {
        current.newPath = undefined;
      } else if (line.startsWith('rename from ')) {
        current.oldPath = quotedName(line.slice('rename from '.length));
      } else if (line.startsWith('rename to ')) {
        current.newPath = quotedName(line.slice('rename to '.length));
      } else if (/^Binary files .* differ$/.test(line) || line === 'GIT binary patch') {
        current.binary = true;
      }
    }
  }
  return files;
}

/** The new-side line ranges of hunks, merged where they touch. */
export function changedRanges(hunks: readonly Hunk[]): ChangedRange[] {
  const ranges = hunks
    .map((h): ChangedRange =>
      h.newCount === 0
        ? { start: Math.max(1, h.newStart + 1), end: Math.max(1, h.newStart + 1), deletion: true }
        : { start: h.newStart, end: h.newStart + h.newCount - 1, deletion: false },
    )
    .sort((a, b) => a.start - b.start);
  const merged: ChangedRange[] = [];
  for (const range of ranges) {
    const last = merged[merged.length - 1];
    if (last && range.start <= last.end + 1) {
      merged[merged.length - 1] = { start: last.start, end: Math.max(last.end, range.end), deletion: last.deletion && range.deletion };
    } else {
      merged.push(range);
    }
  }
  return merged;
}
