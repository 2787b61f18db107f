// HEAD, the shallow marker and single refs read from the files under .git instead of a git process.
// A layout this does not know (reftable, bare, GIT_DIR set ...) gives undefined and the caller asks git.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { configMovesWorkTree, findPackedRef, parseGitdirFile, parseRefFile, RepoState } from '../../core/correlation';

export interface RepoFiles {
  /** The repository's git dir for this work tree (HEAD lives here). Real path. */
  readonly gitDir: string;
  /** Where refs, packed-refs and shallow live: the main repository's git dir for a linked worktree. */
  readonly commonDir: string;
  readonly topLevel: string;
}

export interface ResolvedRef {
  readonly sha: string;
  /** For annotated tags read from packed-refs: the commit it points to. */
  readonly peeled?: string;
  /** Set when the ref is symbolic (`refs/remotes/origin/HEAD` → `refs/remotes/origin/main`). */
  readonly symref?: string;
}

export interface RefReader {
  readonly files: RepoFiles;
  resolve(ref: string): ResolvedRef | undefined;
  /** The text of packed-refs (empty when there is none), read once per reader. */
  packedRefs(): string;
}

/** Environment variables that make git look somewhere other than the folder's own .git. */
const REDIRECTING_ENV = [
  'GIT_DIR',
  'GIT_WORK_TREE',
  'GIT_COMMON_DIR',
  'GIT_INDEX_FILE',
  'GIT_SHALLOW_FILE',
  'GIT_CEILING_DIRECTORIES',
  'GIT_DISCOVERY_ACROSS_FILESYSTEM',
];

export function readText(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

/** Finds the repository holding `dir` the way git does for ordinary layouts; undefined means "ask git". */
export function locateRepo(dir: string): RepoFiles | undefined {
  if (REDIRECTING_ENV.some((name) => process.env[name] !== undefined)) {
    return undefined;
  }
  let current: string;
  try {
    current = fs.realpathSync(dir);
  } catch {
    return undefined;
  }
  for (;;) {
    const dotGit = path.join(current, '.git');
    let stat: fs.Stats | undefined;
    try {
      stat = fs.statSync(dotGit);
    } catch {
      stat = undefined;
    }
    if (stat) {
      let gitDir: string | undefined;
      if (stat.isDirectory()) {
        gitDir = dotGit;
      } else if (stat.isFile()) {
        const target = parseGitdirFile(readText(dotGit) ?? '');
        gitDir = target === undefined ? undefined : path.resolve(current, target);
      }
      return gitDir ? describe(gitDir, current) : undefined;
    }
    const parent = path.dirname(current);
    if (parent === current) {
      return undefined; // not a repository: git will say so in its own words
    }
    current = parent;
  }
}

function describe(gitDirPath: string, topLevel: string): RepoFiles | undefined {
  let gitDir: string;
  try {
    gitDir = fs.realpathSync(gitDirPath);
  } catch {
    return undefined;
  }
  const common = readText(path.join(gitDir, 'commondir'));
  const commonDir = common === undefined ? gitDir : path.resolve(gitDir, common.trim());
  if (!fs.existsSync(path.join(gitDir, 'HEAD')) || fs.existsSync(path.join(commonDir, 'reftable'))) {
    return undefined; // not a git dir we can read (or refs in reftable format): ask git
  }
  const config = readText(path.join(commonDir, 'config')) ?? '';
  if (configMovesWorkTree(config) || /^\s*refstorage\s*=/im.test(config)) {
    return undefined;
  }
  return { gitDir, commonDir, topLevel };
}

/** Resolves refs from loose files and packed-refs (read once per reader), following symbolic refs. */
export function refReader(files: RepoFiles): RefReader {
  let packedText: string | undefined;
  const packedRefs = () => (packedText ??= readText(path.join(files.commonDir, 'packed-refs')) ?? '');
  const packedRef = (ref: string) => findPackedRef(packedRefs(), ref);
  const resolve = (ref: string, depth = 0): ResolvedRef | undefined => {
    if (depth > 5) {
      return undefined; // a symref loop: git would refuse too
    }
    // HEAD and per-worktree refs live in the worktree's git dir; branches and tags in the common one.
    const base = ref === 'HEAD' || ref.startsWith('refs/worktree/') || ref.startsWith('refs/bisect/') ? files.gitDir : files.commonDir;
    const loose = readText(path.join(base, ref));
    if (loose !== undefined) {
      const content = parseRefFile(loose);
      if (!content) {
        return undefined;
      }
      if ('symref' in content) {
        const target = resolve(content.symref, depth + 1);
        return { sha: target?.sha ?? '', ...(target?.peeled ? { peeled: target.peeled } : {}), symref: content.symref };
      }
      return { sha: content.sha };
    }
    const entry = packedRef(ref);
    return entry ? { sha: entry.sha, ...(entry.peeled ? { peeled: entry.peeled } : {}) } : undefined;
  };
  return { files, resolve: (ref) => resolve(ref), packedRefs };
}

/** What `git rev-parse --absolute-git-dir --show-toplevel --is-shallow-repository HEAD --symbolic-full-name HEAD` says. */
export function readRepoState(refs: RefReader): RepoState {
  const head = refs.resolve('HEAD');
  const branchRef = head?.symref;
  const sha = head?.sha;
  return {
    gitDir: refs.files.gitDir,
    topLevel: refs.files.topLevel,
    // git treats the mere presence of the shallow file as shallow; it lives with the objects
    shallow: fs.existsSync(path.join(refs.files.commonDir, 'shallow')),
    branch: branchRef?.startsWith('refs/heads/') ? branchRef.slice('refs/heads/'.length) : undefined,
    headSha: sha && /^[0-9a-f]{40,64}$/.test(sha) ? sha : undefined,
  };
}
