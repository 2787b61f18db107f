// The shipped log read by processes started ahead (revisions on stdin), from one end or from both
// ends at once, on a real repository: always exactly what one plain `git log` run gives.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { GitCorrelationError } from '../../../src/adapters/git';
import { gitRunner } from '../../../src/adapters/git/simpleGitRunner';
import { startShippedLog } from '../../../src/adapters/git/shippedLog';
import { LOG_DIFF_ARGS, LOG_FORMAT_UNDECORATED, parseGitLog } from '../../../src/core/correlation';
import { GitRepo, makeRepo, makeTempDir, removeTempDir } from '../../support/gitRepo';

const ARGS = ['log', `--format=${LOG_FORMAT_UNDECORATED}`, ...LOG_DIFF_ARGS, '--max-count=2000', '--since=2026-01-01T00:00:00.000Z'];

describe('shipped log read ahead, from one end or both', function () {
  this.timeout(60_000);
  let dir: string;
  let repo: GitRepo;
  const shas: string[] = [];
  let side: string;

  before(() => {
    dir = makeTempDir();
    repo = makeRepo(path.join(dir, 'r'));
    // Long messages and several files per commit: the output spans many pipe reads, so records
    // arrive cut at arbitrary points.
    const long = (i: number) => `Change ${i}: ${'ünïcödé wörds and plain words '.repeat(60)}`;
    for (let i = 0; i < 24; i++) {
      const files: Record<string, string> = {};
      for (let f = 0; f < 6; f++) {
        files[`src/mod${f}/file${(i + f) % 9}.ts`] = `export const v = ${i};\n`.repeat(1 + f);
      }
      shas.push(repo.commit(files, { date: `2026-11-${String(1 + i).padStart(2, '0')}T09:00:00Z`, message: long(i) }));
      if (i === 10) {
        repo.branch('topic');
        repo.checkout('topic');
        side = repo.commit({ 'side.txt': 'side\n' }, { date: '2026-11-11T10:00:00Z', message: 'side work' });
        repo.checkout('main');
      }
      if (i === 15) {
        shas.push(repo.merge('topic', { date: '2026-11-16T12:00:00Z', message: 'Merge topic' }));
      }
    }
  });
  after(() => removeTempDir(dir));

  const plain = (revs: readonly string[]) => parseGitLog(repo.git([...ARGS, ...revs, '--']), { maxFilesPerCommit: 300 });
  const ahead = (twoEnded: boolean, maxFilesPerCommit = 300) =>
    startShippedLog(repo.dir, { binary: 'git', args: ARGS, maxFilesPerCommit, fallback: gitRunner(repo.dir), twoEnded });

  for (const twoEnded of [false, true]) {
    describe(twoEnded ? 'two processes, from both ends' : 'one process', () => {
      it('gives what one git log gives, in the same order, for any revisions', async () => {
        const tip = shas[shas.length - 1];
        const cases: string[][] = [
          [tip],
          [tip, `^${shas[3]}`],
          [shas[20], side, `^${shas[12]}`],
          [tip, `^${shas[shas.length - 2]}`],
          [shas[0]],
          [side, `^${shas[9]}`],
        ];
        for (const revs of cases) {
          const log = ahead(twoEnded);
          try {
            assert.deepStrictEqual(await log.read(revs), plain(revs), revs.join(' '));
          } finally {
            log.dispose();
          }
        }
      });

      it('gives nothing when the exclusion covers everything', async () => {
        const log = ahead(twoEnded);
        assert.deepStrictEqual(await log.read([shas[5], `^${shas[7]}`]), []);
        log.dispose();
      });

      it('keeps to maxFilesPerCommit as parseGitLog does', async () => {
        const log = ahead(twoEnded, 2);
        assert.deepStrictEqual(await log.read([shas[8]]), parseGitLog(repo.git([...ARGS, shas[8], '--']), { maxFilesPerCommit: 2 }));
      });

      it('reads again after the first read, and after dispose, with fresh processes', async () => {
        const log = ahead(twoEnded);
        assert.deepStrictEqual(await log.read([shas[4]]), plain([shas[4]]));
        assert.deepStrictEqual(await log.read([shas[6], `^${shas[2]}`]), plain([shas[6], `^${shas[2]}`]));
        log.dispose();
        assert.deepStrictEqual(await log.read([shas[3]]), plain([shas[3]]));
      });

      it('fails as the ordinary runner fails: a bad revision is a bad-revision error', async () => {
        const log = ahead(twoEnded);
        const missing = 'f'.repeat(40);
        await assert.rejects(log.read([missing]), (e: unknown) => e instanceof GitCorrelationError && e.problem === 'bad-revision');
        await assert.rejects(log.read([]), /at least one revision/);
      });
    });
  }

  describe('a repository missing an object one commit needs', () => {
    let broken: GitRepo;
    let commits: string[];
    let blob: string;
    before(() => {
      // A blob only one commit's diff reads, gone (a clone that left its largest files out).
      broken = makeRepo(path.join(dir, 'broken'));
      commits = [0, 1, 2, 3, 4, 5].map((i) =>
        broken.commit(
          { [`src/part${i}.ts`]: `export const part${i} = ${i};\n` },
          { date: `2026-11-0${i + 1}T09:00:00Z`, message: `Part ${i}` },
        ),
      );
      blob = broken.git(['rev-parse', `${commits[3]}:src/part3.ts`]).trim();
      fs.rmSync(path.join(broken.dir, '.git', 'objects', blob.slice(0, 2), blob.slice(2)));
    });
    const script = (name: string, body: string) => {
      const file = path.join(dir, name);
      fs.writeFileSync(file, `#!/bin/bash\n${body}\n`, { mode: 0o755 });
      return file;
    };

    it('fails when git dies on that commit, though both ends printed its first lines', async () => {
      // Each process prints the commit's header and dies; this git closes its output 300 ms before
      // it exits, so both halves arrive before either exit: a log that joined them looked whole (the
      // commit's numstat missing) and raised no error.
      const slowExit = script(
        'git-slow-exit',
        'out=$(mktemp)\ngit "$@" > "$out"\nrc=$?\ncat "$out"\nrm -f "$out"\nexec 1>&-\nsleep 0.3\nexit $rc',
      );
      const log = startShippedLog(broken.dir, {
        binary: slowExit,
        args: ARGS,
        maxFilesPerCommit: 300,
        fallback: gitRunner(broken.dir),
        twoEnded: true,
      });
      await assert.rejects(
        log.read([commits[5]]),
        (e: unknown) =>
          e instanceof GitCorrelationError &&
          e.problem === 'git-failed' &&
          e.message.includes(
            `unable to read ${blob}: the repository lacks an object its history needs (a partial clone, or a damaged one)`,
          ),
      );
    });

    it('fails through the ordinary runner too when git says nothing: what it printed before dying is not the log', async () => {
      const silent = script('git-silent', 'exec git "$@" 2>/dev/null');
      await assert.rejects(
        gitRunner(broken.dir, { binary: silent }).run([...ARGS, commits[5], '--']),
        (e: unknown) =>
          e instanceof GitCorrelationError && e.problem === 'git-failed' && /exited with code 128 without saying why/.test(e.message),
      );
    });
  });

  it('reports a missing git the way the ordinary runner does', async () => {
    const log = startShippedLog(repo.dir, {
      binary: 'git-not-installed-here',
      args: ARGS,
      maxFilesPerCommit: 300,
      fallback: gitRunner(repo.dir, { binary: 'git-not-installed-here' }),
      twoEnded: true,
    });
    await assert.rejects(log.read([shas[1]]), (e: unknown) => e instanceof GitCorrelationError && e.problem === 'git-missing');
  });
});
