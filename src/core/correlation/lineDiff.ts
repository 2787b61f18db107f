// Where a place in a suspect commit's version of a file sits in the file as the editor shows it now.
// Blame answers this for lines the commit wrote, but a commit that only REMOVED lines (a dropped null
// check, a deleted retry) owns no line to blame; its mark goes where the removal was, followed through
// a line diff from the commit's version to today's text (Myers' O(ND) algorithm, with D bounded).

import { Hunk } from './hunks';

/**
 * The hunks (as `git diff -U0` numbers them) turning `a` into `b`, with as few lines changed as
 * possible; undefined when more than `maxEdits` lines differ (the file was largely rewritten, and a
 * place in the old text means little in the new one).
 */
export function lineDiff(a: readonly string[], b: readonly string[], maxEdits = 1000): Hunk[] | undefined {
  // Common head and tail first: usually most of the file, and they keep the search small.
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) {
    head++;
  }
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) {
    tail++;
  }
  const n = a.length - head - tail;
  const m = b.length - head - tail;
  const kept = middleMatches(a, b, head, n, m, maxEdits);
  if (!kept) {
    return undefined;
  }
  // Walk the kept pairs (in order); every gap between them is one hunk.
  const hunks: Hunk[] = [];
  let i = 0;
  let j = 0;
  for (const [x, y] of [...kept, [n, m] as const]) {
    if (x > i || y > j) {
      const oldCount = x - i;
      const newCount = y - j;
      hunks.push({
        oldStart: head + i + (oldCount === 0 ? 0 : 1),
        oldCount,
        newStart: head + j + (newCount === 0 ? 0 : 1),
        newCount,
      });
    }
    i = x + 1;
    j = y + 1;
  }
  return hunks;
}

/**
 * The pairs (index in a's middle, index in b's middle) of lines kept, in order, for the middle
 * `a[head, head+n)` against `b[head, head+m)`. Myers: after d edits, v[k] is the furthest x reached
 * on diagonal k = x - y; each step's v (diagonals -d..d only) is kept to walk the path back.
 */
function middleMatches(
  a: readonly string[],
  b: readonly string[],
  head: number,
  n: number,
  m: number,
  maxEdits: number,
): (readonly [number, number])[] | undefined {
  const limit = Math.min(n + m, maxEdits);
  const offset = limit + 1;
  const v = new Int32Array(2 * limit + 3);
  const trace: Int32Array[] = []; // trace[d][k + d]: v before step d, on diagonals -d..d
  for (let d = 0; d <= limit; d++) {
    trace.push(v.slice(offset - d, offset + d + 1));
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[offset + k - 1] < v[offset + k + 1]) ? v[offset + k + 1] : v[offset + k - 1] + 1;
      let y = x - k;
      while (x < n && y < m && a[head + x] === b[head + y]) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) {
        return backtrack(trace, d, n, m);
      }
    }
  }
  return undefined;
}

function backtrack(trace: readonly Int32Array[], edits: number, n: number, m: number): (readonly [number, number])[] {
  const kept: (readonly [number, number])[] = [];
  let x = n;
  let y = m;
  for (let d = edits; d > 0; d--) {
    const at = (k: number) => trace[d][k + d]; // v after d - 1 edits
    const k = x - y;
    const down = k === -d || (k !== d && at(k - 1) < at(k + 1)); // came by an insertion (from k + 1)
    const previousK = down ? k + 1 : k - 1;
    const previousX = at(previousK);
    const startX = down ? previousX : previousX + 1; // just after that edit, where the snake began
    while (x > startX) {
      kept.push([--x, --y]);
    }
    x = previousX;
    y = previousX - previousK;
  }
  while (x > 0) {
    kept.push([--x, --y]); // the snake before the first edit
  }
  return kept.reverse();
}

/**
 * Where line `line` (1-based) of the old text is in the new one: its new number when it is unchanged,
 * otherwise the first line of what replaced it (the line after, when it was only removed).
 */
export function followLine(hunks: readonly Hunk[], line: number): { readonly line: number; readonly unchanged: boolean } {
  let delta = 0;
  for (const hunk of hunks) {
    const first = hunk.oldCount === 0 ? hunk.oldStart + 1 : hunk.oldStart;
    if (line < first) {
      break;
    }
    if (hunk.oldCount > 0 && line < hunk.oldStart + hunk.oldCount) {
      return { line: hunk.newCount > 0 ? hunk.newStart : hunk.newStart + 1, unchanged: false };
    }
    delta += hunk.newCount - hunk.oldCount;
  }
  return { line: line + delta, unchanged: true };
}

/** `text` as lines the way git counts them: no empty last line for a final newline, CRLF as LF. */
export function textLines(text: string): string[] {
  const lines = text.split(/\r?\n/);
  if (lines.length && lines[lines.length - 1] === '') {
    lines.pop();
  }
  return lines;
}
