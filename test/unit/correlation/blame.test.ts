// The blame parser, on output captured from `git blame --incremental` (git 2.39) and on real
// repositories built here with controlled dates: suspect lines shifted by later commits, a suspect
// line rewritten later, a merged side branch, an evil merge, a name with a space.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { blameSince, isUncommitted, linesByCommit, parseIncrementalBlame } from '../../../src/core/correlation/blame';
import { makeTempDir, removeTempDir } from '../../support/gitRepo';
import { BlameScenario, buildBlameScenario, FILE, SUSPECT_AT } from './blameScenario';

// `printf 'new\na\nB\nc\nd\ne\n' | git blame --incremental --root --since=@1795338000 --contents - -- 'say "hi" ü.txt'`
// after a commit (0fee26c) that renamed `old "name".txt` and changed line 2 and added line 5 of it;
// the first line is the unsaved edit, the rest shift down by one. init (ed71ea4) is older than --since.
const CAPTURED = [
  '0000000000000000000000000000000000000000 1 1 1',
  'author Not Committed Yet',
  'author-mail <not.committed.yet>',
  'author-time 1795384890',
  'author-tz +0000',
  'committer Not Committed Yet',
  'committer-mail <not.committed.yet>',
  'committer-time 1795384890',
  'committer-tz +0000',
  'summary Version of say "hi" ü.txt from standard input',
  'previous 0fee26c74cbb5a5979166f42a17c3959b8e72cd9 "say \\"hi\\" ü.txt"',
  'filename "say \\"hi\\" ü.txt"',
  '0fee26c74cbb5a5979166f42a17c3959b8e72cd9 2 3 1',
  'author Ada Tester',
  'author-mail <ada@example.com>',
  'author-time 1795341600',
  'author-tz +0000',
  'committer Ada Tester',
  'committer-mail <ada@example.com>',
  'committer-time 1795341600',
  'committer-tz +0000',
  'summary Rename and change',
  'previous ed71ea4cdadd3070611e1b9e0ef8f2c16d710d6f "old \\"name\\".txt"',
  'filename "say \\"hi\\" ü.txt"',
  '0fee26c74cbb5a5979166f42a17c3959b8e72cd9 5 6 1',
  'previous ed71ea4cdadd3070611e1b9e0ef8f2c16d710d6f "old \\"name\\".txt"',
  'filename "say \\"hi\\" ü.txt"',
  'ed71ea4cdadd3070611e1b9e0ef8f2c16d710d6f 1 2 1',
  'author Ada Tester',
  'author-mail <ada@example.com>',
  'author-time 1795165200',
  'author-tz +0000',
  'committer Ada Tester',
  'committer-mail <ada@example.com>',
  'committer-time 1795165200',
  'committer-tz +0000',
  'summary init',
  'boundary',
  'filename "old \\"name\\".txt"',
  'ed71ea4cdadd3070611e1b9e0ef8f2c16d710d6f 3 4 2',
  'filename "old \\"name\\".txt"',
  '',
].join('\n');

const RENAMER = '0fee26c74cbb5a5979166f42a17c3959b8e72cd9';
const INIT = 'ed71ea4cdadd3070611e1b9e0ef8f2c16d710d6f';

describe('blame parser', () => {
  it("reads every group of captured output, boundary carried to a commit's later groups", () => {
    assert.deepEqual(
      parseIncrementalBlame(CAPTURED).map((g) => [g.sha.slice(0, 7), g.originalLine, g.finalLine, g.count, g.boundary, g.filename]),
      [
        ['0000000', 1, 1, 1, false, 'say "hi" ü.txt'],
        ['0fee26c', 2, 3, 1, false, 'say "hi" ü.txt'],
        ['0fee26c', 5, 6, 1, false, 'say "hi" ü.txt'],
        ['ed71ea4', 1, 2, 1, true, 'old "name".txt'],
        ['ed71ea4', 3, 4, 2, true, 'old "name".txt'],
      ],
    );
  });

  it('gives the wanted commits their lines; boundary and uncommitted lines belong to nobody', () => {
    const groups = parseIncrementalBlame(CAPTURED);
    assert.ok(isUncommitted(groups[0].sha));
    const lines = linesByCommit(groups, new Set([RENAMER, INIT, groups[0].sha]));
    assert.deepEqual(
      [...lines],
      [
        [
          RENAMER,
          [
            { start: 3, end: 3 },
            { start: 6, end: 6 },
          ],
        ],
      ],
    );
  });

  it('ignores a truncated last group and anything before the first header', () => {
    const cut = CAPTURED.slice(0, CAPTURED.indexOf('0fee26c74cbb5a5979166f42a17c3959b8e72cd9 5 6 1') + 10);
    assert.deepEqual(
      parseIncrementalBlame(`warning: noise\n${cut}`).map((g) => g.finalLine),
      [1, 3],
    );
    assert.deepEqual(parseIncrementalBlame(''), []);
  });

  it('merges touching ranges of one commit, whatever order blame settled them in', () => {
    const group = (finalLine: number, count: number) => ({
      sha: 'a'.repeat(40),
      originalLine: finalLine,
      finalLine,
      count,
      boundary: false,
      filename: 'f',
    });
    const lines = linesByCommit([group(9, 1), group(2, 3), group(5, 1), group(12, 2)], new Set(['a'.repeat(40)]));
    assert.deepEqual(lines.get('a'.repeat(40)), [
      { start: 2, end: 5 },
      { start: 9, end: 9 },
      { start: 12, end: 13 },
    ]);
  });

  it('bounds blame a margin before the oldest commit, by committer date', () => {
    assert.equal(blameSince(['2026-11-22T12:00:00Z', SUSPECT_AT, 'not a date']), Date.parse(SUSPECT_AT) / 1000 - 3600);
    assert.equal(blameSince([SUSPECT_AT], 0), Date.parse(SUSPECT_AT) / 1000);
    assert.equal(blameSince([]), undefined);
  });
});

describe('blame parser on real git output', function () {
  this.timeout(30_000);
  let dir: string;
  let s: BlameScenario;
  const blame = (...extra: string[]) => parseIncrementalBlame(s.repo.git(['blame', '--incremental', '--root', ...extra, '--', FILE]));

  before(() => {
    dir = makeTempDir();
    s = buildBlameScenario(path.join(dir, 'repo'));
  });
  after(() => removeTempDir(dir));

  it('puts the suspect on the lines it last changed as the file is now, not on its own line numbers', () => {
    const lines = linesByCommit(blame(), new Set([s.suspect, s.later, s.side, s.merge]));
    // The suspect changed its lines 3, 4 and 6; two lines were inserted above and its line 4 rewritten.
    assert.deepEqual(lines.get(s.suspect), [
      { start: 5, end: 5 },
      { start: 8, end: 8 },
    ]);
    assert.deepEqual(lines.get(s.later), [
      { start: 1, end: 2 },
      { start: 6, end: 6 },
    ]);
    // A merged side branch's line is its own commit's; the merge owns only the line it changed itself.
    assert.deepEqual(lines.get(s.side), [{ start: 7, end: 7 }]);
    assert.deepEqual(lines.get(s.merge), [{ start: 4, end: 4 }]);
    assert.equal(blame().find((g) => g.sha === s.suspect)?.filename, FILE);
  });

  it("reports lines older than --since on a boundary commit, and the root commit's own otherwise", () => {
    const since = blameSince([SUSPECT_AT]);
    const bounded = blame(`--since=@${since}`);
    assert.ok(bounded.filter((g) => g.sha === s.init).every((g) => g.boundary));
    assert.deepEqual(linesByCommit(bounded, new Set([s.init])).get(s.init), undefined);
    assert.deepEqual(linesByCommit(bounded, new Set([s.suspect])).get(s.suspect), [
      { start: 5, end: 5 },
      { start: 8, end: 8 },
    ]);
    assert.deepEqual(linesByCommit(blame(), new Set([s.init])).get(s.init), [
      { start: 3, end: 3 },
      { start: 9, end: 9 },
    ]);
  });
});
