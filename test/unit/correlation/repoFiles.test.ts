import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  compareRefNames,
  configMovesWorkTree,
  findPackedRef,
  PackedRef,
  packedRefsUnder,
  parseGitdirFile,
  parseRefFile,
  parseRepoState,
  REPO_STATE_ARGS,
} from '../../../src/core/correlation';
import { locateRepo, readRepoState, refReader } from '../../../src/adapters/git/repoFiles';
import { GitRepo, makeRepo, makeTempDir, removeTempDir } from '../../support/gitRepo';

const FULL_SHA = /^[0-9a-f]{40}([0-9a-f]{24})?$/;

/**
 * The whole of `packed-refs` read line by line, the plain way: the oracle findPackedRef (which reads
 * only the lines naming its ref) is held to.
 */
function parsePackedRefs(text: string): Map<string, PackedRef> {
  const refs = new Map<string, PackedRef>();
  let last: string | undefined;
  for (const raw of text.split('\n')) {
    const line = raw.trimEnd();
    if (line === '' || line.startsWith('#')) {
      continue;
    }
    if (line.startsWith('^')) {
      const peeled = line.slice(1);
      const entry = last === undefined ? undefined : refs.get(last);
      if (last !== undefined && entry && FULL_SHA.test(peeled)) {
        refs.set(last, { sha: entry.sha, peeled });
      }
      continue;
    }
    const space = line.indexOf(' ');
    const sha = line.slice(0, space);
    if (space > 0 && FULL_SHA.test(sha)) {
      last = line.slice(space + 1);
      refs.set(last, { sha });
    } else {
      last = undefined;
    }
  }
  return refs;
}

const A = 'a'.repeat(40);
const B = 'b'.repeat(40);

describe('git files read without git', () => {
  describe('parsers', () => {
    it('parseRefFile: a sha, a symbolic ref, garbage', () => {
      assert.deepEqual(parseRefFile(`${A}\n`), { sha: A });
      assert.deepEqual(parseRefFile('ref: refs/heads/main\n'), { symref: 'refs/heads/main' });
      assert.equal(parseRefFile('not a ref\n'), undefined);
    });

    it('findPackedRef: header, peeled lines, odd lines', () => {
      const text = `# pack-refs with: peeled fully-peeled sorted \n${A} refs/heads/main\n${B} refs/tags/v1\n^${A}\nnonsense\n^${B}\n`;
      assert.deepEqual(findPackedRef(text, 'refs/heads/main'), { sha: A });
      assert.deepEqual(findPackedRef(text, 'refs/tags/v1'), { sha: B, peeled: A });
      assert.equal(findPackedRef(text, 'nonsense'), undefined);
      assert.equal(parsePackedRefs(text).size, 2);
    });

    it('findPackedRef answers as parsePackedRefs does, odd files included', () => {
      const C = 'c'.repeat(40);
      const texts = [
        `# pack-refs with: peeled fully-peeled sorted \n${A} refs/heads/main\n${B} refs/tags/v1\n^${A}\n`,
        `${A} refs/heads/main-old\n${B} refs/heads/main\r\n\n# comment\n^${C}\n^nonsense\n${C} refs/heads/mainline\n`,
        `${A} refs/heads/main\n${B} refs/heads/main\n^${C}\n`, // a duplicate: the last one wins, with its peeled line
        `${B} refs/heads/main\n^${C}\n${A} refs/heads/main\n`,
        `${A}  refs/heads/main\nzz refs/heads/main\n${A.slice(1)} refs/heads/main\n^${A}\n`,
        `${A} refs/heads/with space\n^${B}`,
        `refs/heads/main`,
        '',
      ];
      for (const text of texts) {
        for (const ref of [
          'refs/heads/main',
          'refs/heads/main-old',
          'refs/heads/mainline',
          'refs/tags/v1',
          'refs/heads/with space',
          'refs/heads/nope',
        ]) {
          assert.deepEqual(findPackedRef(text, ref), parsePackedRefs(text).get(ref), `${JSON.stringify(text)} ${ref}`);
        }
      }
    });

    it('packedRefsUnder lists what parsePackedRefs finds under a prefix', () => {
      const C = 'c'.repeat(40);
      const texts = [
        `# pack-refs with: peeled fully-peeled sorted \n${A} refs/heads/main\n${B} refs/tags/v1\n^${A}\n${C} refs/tags/deploy/prod/1\n`,
        `${A} refs/tags/v1\n${B} refs/tags/v1\r\n^${C}\nzz refs/tags/v2\n${A.slice(1)} refs/tags/v3\n${C} refs/tagsv4\n${C} refs/tags/with space`,
        '',
      ];
      for (const text of texts) {
        const expected = new Map(
          [...parsePackedRefs(text)].filter(([ref]) => ref.startsWith('refs/tags/')).map(([ref, entry]) => [ref, entry.sha]),
        );
        assert.deepEqual(packedRefsUnder(text, 'refs/tags/'), expected, JSON.stringify(text));
      }
    });

    it('compareRefNames sorts as the UTF-8 bytes do, as git does', () => {
      const names = [
        'refs/tags/v1',
        'refs/tags/v1.0',
        'refs/tags/V2',
        'refs/tags/é',
        'refs/tags/\uffee',
        'refs/tags/\u{1f680}',
        'refs/tags/',
      ];
      const byBytes = [...names].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
      assert.deepEqual([...names].sort(compareRefNames), byBytes);
      assert.notDeepEqual([...names].sort(), byBytes, 'plain string order differs for these names');
    });

    it('parseGitdirFile and configMovesWorkTree', () => {
      assert.equal(parseGitdirFile('gitdir: ../.git/worktrees/wt\n'), '../.git/worktrees/wt');
      assert.equal(parseGitdirFile('hello'), undefined);
      assert.equal(configMovesWorkTree('[core]\n\tbare = false\n[remote "origin"]\n\tworktree = x\n'), false);
      assert.equal(configMovesWorkTree('[core]\n\tworktree = /elsewhere\n'), true);
      assert.equal(configMovesWorkTree('[core]\n\tbare = true\n'), true);
    });
  });

  describe('on real repositories, the same answers as git rev-parse', () => {
    let dir: string;
    let repo: GitRepo;
    before(() => {
      dir = makeTempDir();
      repo = makeRepo(path.join(dir, 'r'));
      repo.commit({ 'a.txt': '1\n', 'sub/b.txt': '1\n' }, { date: '2026-11-20T09:00:00Z', message: 'one' });
      repo.tag('v1', { date: '2026-11-20T10:00:00Z', message: 'release' });
      repo.commit({ 'a.txt': '2\n' }, { date: '2026-11-20T11:00:00Z', message: 'two' });
    });
    after(() => removeTempDir(dir));

    const fromGit = (r: GitRepo, cwd = r.dir) => parseRepoState(r.git(['-C', cwd, ...REPO_STATE_ARGS]));
    const fromFiles = (cwd: string) => {
      const files = locateRepo(cwd);
      assert.ok(files, `no repository found from ${cwd}`);
      return readRepoState(refReader(files));
    };

    it('a branch checked out, from the top and from a subfolder', () => {
      assert.deepEqual(fromFiles(repo.dir), fromGit(repo));
      assert.deepEqual(fromFiles(path.join(repo.dir, 'sub')), fromGit(repo, path.join(repo.dir, 'sub')));
    });

    it('refs from loose files and from packed-refs (with peeled tags)', () => {
      const loose = refReader(locateRepo(repo.dir) as NonNullable<ReturnType<typeof locateRepo>>);
      const main = repo.git(['rev-parse', 'refs/heads/main']).trim();
      assert.equal(loose.resolve('refs/heads/main')?.sha, main);
      repo.git(['pack-refs', '--all']);
      const packed = refReader(locateRepo(repo.dir) as NonNullable<ReturnType<typeof locateRepo>>);
      assert.equal(packed.resolve('refs/heads/main')?.sha, main);
      assert.equal(packed.resolve('refs/tags/v1')?.peeled, repo.git(['rev-parse', 'v1^{commit}']).trim());
      assert.equal(packed.resolve('refs/heads/nope'), undefined);
    });

    it('a detached HEAD', () => {
      repo.detach('v1');
      try {
        const state = fromFiles(repo.dir);
        assert.deepEqual(state, fromGit(repo));
        assert.equal(state.branch, undefined);
      } finally {
        repo.checkout('main');
      }
    });

    it('a linked worktree: its own HEAD, the shared refs', () => {
      const wt = path.join(dir, 'wt');
      repo.git(['worktree', 'add', '-q', '--detach', wt, 'v1']);
      const state = fromFiles(wt);
      assert.deepEqual(state, fromGit(repo, wt));
      const reader = refReader(locateRepo(wt) as NonNullable<ReturnType<typeof locateRepo>>);
      assert.equal(reader.resolve('refs/heads/main')?.sha, repo.git(['rev-parse', 'main']).trim());
    });

    it('a shallow clone', () => {
      const clone = repo.shallowClone(path.join(dir, 'shallow'), 1);
      const state = fromFiles(clone.dir);
      assert.equal(state.shallow, true);
      assert.deepEqual(state, fromGit(clone));
    });

    it('not a repository: undefined, so the caller asks git', () => {
      const plain = makeTempDir('warroom-plain-');
      try {
        fs.mkdirSync(path.join(plain, 'x'));
        // a temp folder could sit inside some repository; only claim "none" when git agrees
        const insideRepo = (() => {
          try {
            new GitRepo(plain).git(['rev-parse', '--git-dir']);
            return true;
          } catch {
            return false;
          }
        })();
        if (!insideRepo) {
          assert.equal(locateRepo(path.join(plain, 'x')), undefined);
        }
      } finally {
        removeTempDir(plain);
      }
    });
  });
});
