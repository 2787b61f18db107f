import * as assert from 'node:assert/strict';
import { Hunk } from '../../../src/core/correlation/hunks';
import { followLine, lineDiff, textLines } from '../../../src/core/correlation/lineDiff';

/** `a` with the hunks applied, taking the new lines from `b`: must give `b` back. */
function apply(a: readonly string[], b: readonly string[], hunks: readonly Hunk[]): string[] {
  const out: string[] = [];
  let i = 0; // 0-based next old line
  for (const h of hunks) {
    const firstOld = h.oldCount === 0 ? h.oldStart : h.oldStart - 1; // 0-based index of the first changed old line
    out.push(...a.slice(i, firstOld));
    const firstNew = h.newCount === 0 ? h.newStart : h.newStart - 1;
    out.push(...b.slice(firstNew, firstNew + h.newCount));
    i = firstOld + h.oldCount;
  }
  out.push(...a.slice(i));
  return out;
}

/** The longest common subsequence's length, by dynamic programming: the oracle for minimality. */
function lcs(a: readonly string[], b: readonly string[]): number {
  const row = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = 0;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j];
      row[j] = a[i - 1] === b[j - 1] ? diagonal + 1 : Math.max(row[j], row[j - 1]);
      diagonal = above;
    }
  }
  return row[b.length];
}

/** A small deterministic random generator, so a failure can be replayed. */
function random(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) & 0x7fffffff;
    return s / 0x7fffffff;
  };
}

describe("correlation: line diff (where a removal sits in today's text)", () => {
  it('numbers hunks as git diff -U0 does', () => {
    const a = ['1', '2', '3', '4', '5', '6'];
    // Two lines added after line 3: "@@ -3,0 +4,2 @@".
    assert.deepEqual(lineDiff(a, ['1', '2', '3', 'x', 'y', '4', '5', '6']), [{ oldStart: 3, oldCount: 0, newStart: 4, newCount: 2 }]);
    // Lines 4 and 5 removed: "@@ -4,2 +3,0 @@".
    assert.deepEqual(lineDiff(a, ['1', '2', '3', '6']), [{ oldStart: 4, oldCount: 2, newStart: 3, newCount: 0 }]);
    // Line 2 changed and a line added at the very top: "@@ -0,0 +1 @@" and "@@ -2 +3 @@".
    assert.deepEqual(lineDiff(a, ['0', '1', 'two', '3', '4', '5', '6']), [
      { oldStart: 0, oldCount: 0, newStart: 1, newCount: 1 },
      { oldStart: 2, oldCount: 1, newStart: 3, newCount: 1 },
    ]);
    assert.deepEqual(lineDiff(a, a), []);
    assert.deepEqual(lineDiff([], ['x']), [{ oldStart: 0, oldCount: 0, newStart: 1, newCount: 1 }]);
    assert.deepEqual(lineDiff(['x'], []), [{ oldStart: 1, oldCount: 1, newStart: 0, newCount: 0 }]);
  });

  it('finds a smallest set of changes, and the hunks rebuild the new text, on 3,000 random pairs', () => {
    const next = random(7);
    for (let round = 0; round < 3000; round++) {
      const size = (limit: number) => Math.floor(next() * limit);
      const alphabet = 1 + size(4);
      const line = () => String.fromCharCode(97 + size(alphabet));
      const a = Array.from({ length: size(14) }, line);
      const b = Array.from({ length: size(14) }, line);
      const hunks = lineDiff(a, b);
      assert.ok(hunks, `round ${round}`);
      assert.deepEqual(apply(a, b, hunks), b, `round ${round}: ${a.join('')} -> ${b.join('')}`);
      const changed = hunks.reduce((sum, h) => sum + h.oldCount + h.newCount, 0);
      assert.equal(changed, a.length + b.length - 2 * lcs(a, b), `round ${round}: ${a.join('')} -> ${b.join('')} not minimal`);
    }
  });

  it('gives up past the edit budget instead of working through a rewritten file', () => {
    const a = Array.from({ length: 50 }, (_, i) => `old ${i}`);
    const b = Array.from({ length: 50 }, (_, i) => `new ${i}`);
    assert.equal(lineDiff(a, b, 99), undefined);
    assert.equal(lineDiff(a, b, 100)?.length, 1);
  });

  it('follows a line, or the place a removal left, into the new text', () => {
    const a = ['import x', 'if (!user) return;', 'charge(user)', 'log()'];
    // Two imports added above; the line after the old removal point is unchanged.
    const b = ['import x', 'import y', 'import z', 'if (!user) return;', 'charge(user)', 'log()'];
    const hunks = lineDiff(a, b) ?? [];
    assert.deepEqual(followLine(hunks, 3), { line: 5, unchanged: true });
    assert.deepEqual(followLine(hunks, 1), { line: 1, unchanged: true });
    // The line itself was rewritten later: the mark goes to what replaced it.
    const rewritten = lineDiff(a, ['import x', 'if (!user) return;', 'charge(user, { retry: 3 })', 'log()']) ?? [];
    assert.deepEqual(followLine(rewritten, 3), { line: 3, unchanged: false });
    // Removed later: the line that now follows.
    const removed = lineDiff(a, ['import x', 'if (!user) return;', 'log()']) ?? [];
    assert.deepEqual(followLine(removed, 3), { line: 3, unchanged: false });
    assert.deepEqual(followLine(removed, 4), { line: 3, unchanged: true });
  });

  it('counts lines as git does', () => {
    assert.deepEqual(textLines('a\r\nb\n'), ['a', 'b']);
    assert.deepEqual(textLines('a\nb'), ['a', 'b']);
    assert.deepEqual(textLines(''), []);
    assert.deepEqual(textLines('\n'), ['']);
  });
});
