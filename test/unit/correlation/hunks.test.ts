// The hunk parser on output captured from `git show -U0 --no-color --format= <sha>` (git 2.39).
import * as assert from 'node:assert/strict';
import { changedRanges, parseFileDiffs } from '../../../src/core/correlation/hunks';

// A commit that added a binary file, rewrote one line of a file whose name holds a space (git then
// ends the ---/+++ names with a tab), and in x.txt changed line 2, removed old line 4, appended 2 lines.
const CAPTURED = [
  'diff --git a/bin.dat b/bin.dat',
  'new file mode 100644',
  'index 0000000..bdc955b',
  'Binary files /dev/null and b/bin.dat differ',
  'diff --git a/sp ace.txt b/sp ace.txt',
  'index 2fa992c..3e75765 100644',
  '--- a/sp ace.txt\t',
  '+++ b/sp ace.txt\t',
  '@@ -1 +1 @@',
  '-keep',
  '+new',
  'diff --git a/x.txt b/x.txt',
  'index 0fdf397..17f84cd 100644',
  '--- a/x.txt',
  '+++ b/x.txt',
  '@@ -2 +2 @@ a',
  '-b',
  '+B',
  '@@ -4 +3,0 @@ c',
  '-d',
  '@@ -6,0 +6,2 @@ f',
  '+g',
  '+h',
  '',
].join('\n');

describe('hunk parser', () => {
  it('reads every file of a captured -U0 diff with its hunks', () => {
    const files = parseFileDiffs(CAPTURED);
    assert.deepEqual(
      files.map((f) => [f.oldPath, f.newPath, f.binary, f.hunks.length]),
      [
        [undefined, 'bin.dat', true, 0],
        ['sp ace.txt', 'sp ace.txt', false, 1],
        ['x.txt', 'x.txt', false, 3],
      ],
    );
    assert.deepEqual(files[2].hunks, [
      { oldStart: 2, oldCount: 1, newStart: 2, newCount: 1 },
      { oldStart: 4, oldCount: 1, newStart: 3, newCount: 0 },
      { oldStart: 6, oldCount: 0, newStart: 6, newCount: 2 },
    ]);
  });

  it("turns hunks into the new file's changed lines, a removal marking the line below it", () => {
    const x = parseFileDiffs(CAPTURED)[2];
    assert.deepEqual(changedRanges(x.hunks), [
      { start: 2, end: 2, deletion: false },
      { start: 4, end: 4, deletion: true },
      { start: 6, end: 7, deletion: false },
    ]);
  });

  it('merges ranges that touch', () => {
    assert.deepEqual(
      changedRanges([
        { oldStart: 5, oldCount: 0, newStart: 5, newCount: 2 },
        { oldStart: 3, oldCount: 1, newStart: 3, newCount: 2 },
      ]),
      [{ start: 3, end: 6, deletion: false }],
    );
  });

  it('keeps a deleted file with no new path, and a rename with both', () => {
    const files = parseFileDiffs(
      [
        'diff --git a/old.ts b/old.ts',
        'deleted file mode 100644',
        'index 1111111..0000000',
        '--- a/old.ts',
        '+++ /dev/null',
        '@@ -1,2 +0,0 @@',
        '-a',
        '-b',
        'diff --git a/src/a.ts b/src/b.ts',
        'similarity index 90%',
        'rename from src/a.ts',
        'rename to src/b.ts',
        'index 2222222..3333333 100644',
        '--- a/src/a.ts',
        '+++ b/src/b.ts',
        '@@ -3 +3 @@',
        '-x',
        '+y',
        '',
      ].join('\n'),
    );
    assert.equal(files[0].oldPath, 'old.ts');
    assert.equal(files[0].newPath, undefined);
    assert.deepEqual([files[1].oldPath, files[1].newPath], ['src/a.ts', 'src/b.ts']);
    assert.deepEqual(changedRanges(files[1].hunks), [{ start: 3, end: 3, deletion: false }]);
  });

  it('unquotes the names of a pure rename, which has no ---/+++ lines', () => {
    const [file] = parseFileDiffs(
      [
        'diff --git "a/caf\\303\\251.md" "b/docs/caf\\303\\251.md"',
        'similarity index 100%',
        'rename from "caf\\303\\251.md"',
        'rename to "docs/caf\\303\\251.md"',
        '',
      ].join('\n'),
    );
    assert.deepEqual([file.oldPath, file.newPath, file.hunks.length], ['café.md', 'docs/café.md', 0]);
  });

  it('does not take a removed line that reads "-- x" for a file header', () => {
    const files = parseFileDiffs(
      ['diff --git a/m.sql b/m.sql', '--- a/m.sql', '+++ b/m.sql', '@@ -1 +1 @@', '--- a comment', '+-- b comment', ''].join('\n'),
    );
    assert.equal(files[0].newPath, 'm.sql');
    assert.equal(files[0].hunks.length, 1);
  });

  it('unquotes C-quoted names', () => {
    const files = parseFileDiffs(
      [
        'diff --git "a/caf\\303\\251.txt" "b/caf\\303\\251.txt"',
        '--- "a/caf\\303\\251.txt"',
        '+++ "b/caf\\303\\251.txt"',
        '@@ -1 +1 @@',
        '',
      ].join('\n'),
    );
    assert.equal(files[0].newPath, 'café.txt');
  });
});
