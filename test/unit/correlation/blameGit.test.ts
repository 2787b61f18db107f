// blameFile and headCommit on real repositories: the file as committed, an editor's unsaved text fed
// on stdin, the window bound, and failures reported as errors (never a wrong answer).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { blameFile, fileAtRevision, GitCorrelationError, headCommit } from '../../../src/adapters/git';
import { blameSince, linesByCommit } from '../../../src/core/correlation/blame';
import { makeRepo, makeTempDir, removeTempDir } from '../../support/gitRepo';
import { BlameScenario, buildBlameScenario, FILE, SUSPECT_AT } from './blameScenario';

describe('blameFile on a real repository', function () {
  this.timeout(30_000);
  let dir: string;
  let s: BlameScenario;
  let suspects: Set<string>;

  before(() => {
    dir = makeTempDir();
    s = buildBlameScenario(path.join(dir, 'repo'));
    suspects = new Set([s.suspect, s.later, s.side, s.merge]);
  });
  after(() => removeTempDir(dir));

  it('blames the working-tree file from HEAD', async () => {
    const lines = linesByCommit(await blameFile(s.repo.dir, FILE), suspects);
    assert.deepEqual(lines.get(s.suspect), [
      { start: 5, end: 5 },
      { start: 8, end: 8 },
    ]);
    assert.deepEqual(lines.get(s.merge), [{ start: 4, end: 4 }]);
  });

  it('blames unsaved text given on stdin: edited lines belong to nobody, the rest follow', async () => {
    // One line added on top, the suspect's "max: 5" edited, the side branch's line removed.
    const contents = s.text
      .replace('// Pool settings\n', '// unsaved note\n// Pool settings\n')
      .replace('max: 5,', 'max: 6,')
      .replace('  retries: 2,\n', '');
    const groups = await blameFile(s.repo.dir, FILE, { contents, since: blameSince([SUSPECT_AT]) });
    const lines = linesByCommit(groups, suspects);
    assert.deepEqual(lines.get(s.suspect), [{ start: 8, end: 8 }]);
    assert.deepEqual(lines.get(s.later), [
      { start: 2, end: 3 },
      { start: 7, end: 7 },
    ]);
    assert.equal(lines.get(s.side), undefined);
    assert.deepEqual(
      groups
        .filter((g) => /^0+$/.test(g.sha))
        .map((g) => [g.finalLine, g.count])
        .sort(),
      [
        [1, 1],
        [6, 1],
      ],
    );
    // The working tree was not touched.
    assert.equal(fs.readFileSync(path.join(s.repo.dir, FILE), 'utf8'), s.text);
  });

  it('blames unsaved text of a Latin-1 file given as its own bytes, and reads the file back as bytes', async () => {
    const repo = makeRepo(path.join(dir, 'latin1'));
    const latin1 = (text: string) => Buffer.from(text, 'latin1');
    repo.commit({ 'prix.txt': latin1('caf\u00e9 = 3\nth\u00e9 = 2\n') }, { date: '2026-11-20T09:00:00Z', message: 'init' });
    const change = repo.commit(
      { 'prix.txt': latin1('caf\u00e9 = 4\nth\u00e9 = 2\n') },
      { date: '2026-11-21T09:00:00Z', message: 'dearer' },
    );
    // The editor's text with a line added on top, encoded as the file is: every accented line still matches.
    const groups = await blameFile(repo.dir, 'prix.txt', { contents: latin1('# note\ncaf\u00e9 = 4\nth\u00e9 = 2\n') });
    assert.deepEqual(linesByCommit(groups, new Set([change])).get(change), [{ start: 2, end: 2 }]);
    // As UTF-8 text the accented lines differ from every commit: nobody's.
    const asText = await blameFile(repo.dir, 'prix.txt', { contents: '# note\ncaf\u00e9 = 4\nth\u00e9 = 2\n' });
    assert.equal(linesByCommit(asText, new Set([change])).get(change), undefined);
    assert.deepEqual(await fileAtRevision(repo.dir, `${change}^`, 'prix.txt'), latin1('caf\u00e9 = 3\nth\u00e9 = 2\n'));
    assert.equal(await fileAtRevision(repo.dir, change, 'absent.txt'), undefined);
  });

  it('gives lines that lost their final newline in the editor to their commit still', async () => {
    const lines = linesByCommit(await blameFile(s.repo.dir, FILE, { contents: s.text.slice(0, -1) }), suspects);
    assert.deepEqual(lines.get(s.suspect), [
      { start: 5, end: 5 },
      { start: 8, end: 8 },
    ]);
  });

  it('stops at the window: older lines come back on a boundary commit', async () => {
    const groups = await blameFile(s.repo.dir, FILE, { since: blameSince([SUSPECT_AT]) });
    assert.deepEqual(
      groups.filter((g) => g.boundary).map((g) => g.sha),
      [s.init, s.init],
    );
    assert.deepEqual(linesByCommit(groups, new Set([s.init])).size, 0);
  });

  it('fails with a GitCorrelationError for a file not in HEAD, a folder that is not a repository, a missing git', async () => {
    await assert.rejects(
      blameFile(s.repo.dir, 'nope.ts', { contents: 'x\n' }),
      (e: unknown) => e instanceof GitCorrelationError && /no such path/.test(e.message),
    );
    const plain = path.join(dir, 'plain');
    fs.mkdirSync(plain);
    await assert.rejects(blameFile(plain, 'x.ts'), (e: unknown) => e instanceof GitCorrelationError && e.problem === 'not-a-repo');
    await assert.rejects(
      blameFile(s.repo.dir, FILE, { binary: path.join(dir, 'no-git-here') }),
      (e: unknown) => e instanceof GitCorrelationError && e.problem === 'git-missing',
    );
  });

  it('reads HEAD from the files, loose or packed, and asks git when they say nothing (no commits yet)', async () => {
    assert.equal(await headCommit(s.repo.dir), s.merge);
    assert.equal(await headCommit(path.join(s.repo.dir, 'src')), s.merge);
    s.repo.git(['pack-refs', '--all']);
    assert.equal(await headCommit(s.repo.dir), s.merge);
    const empty = makeRepo(path.join(dir, 'empty'));
    assert.equal(await headCommit(empty.dir), undefined);
  });
});
