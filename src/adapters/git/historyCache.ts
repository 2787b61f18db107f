// What correlation has read from a repository's history, kept for the next run: tag dates and
// parsed commits by object id, which never go stale (docs/ARCHITECTURE.md says what empties it).

import * as fs from 'node:fs';
import * as path from 'node:path';
import { Commit, compareRefNames, packedRefsUnder, parseGitLog, parseRefFile, RefInfo } from '../../core/correlation';
import { GitProcess, runGit, startGit, stopGit } from './gitSpawn';
import { GitRunner } from './simpleGitRunner';
import { readText, RefReader } from './repoFiles';
import { ShippedLog, startShippedLog } from './shippedLog';

/** Repositories remembered at once (the least recently used is dropped). */
const MAX_REPOS = 8;
/**
 * Commits and their files remembered per repository (the least recently used are dropped first).
 * Measured: ~2.7 KB per commit of two files, so ~15 MB at most; a 24 h window is a few hundred.
 */
const MAX_COMMITS = 5_000;
const MAX_FILES = 50_000;
/** Tag objects remembered per repository; past this the tags are simply read from git each time. */
const MAX_TAGS = 50_000;
/**
 * Past this many commits missing from the cache, read the whole range the fast cold way (two
 * processes from both ends) rather than the missing ones alone (one process).
 */
const MANY_MISSING = 64;
/** Past reverts remembered per repository: one list per incident start and branch tip. */
const MAX_REVERT_LISTS = 16;

interface TagFacts {
  readonly sha: string;
  readonly at: string;
  readonly annotated: boolean;
}

export class RepoHistory {
  private readonly tags = new Map<string, TagFacts>();
  private readonly commits = new Map<string, Commit>();
  private readonly revertLists = new Map<string, readonly Commit[]>();
  private files = 0;

  constructor(readonly stamp: string) {}

  /** True once commits have been remembered: a run then lists its commits and reads only new ones. */
  get warm(): boolean {
    return this.commits.size > 0;
  }

  /** The tags as `git for-each-ref --format=REF_FORMAT refs/tags` lists them, if all are known. */
  tagRefs(names: ReadonlyMap<string, string>): RefInfo[] | undefined {
    const refs: RefInfo[] = [];
    for (const [ref, object] of names) {
      const facts = this.tags.get(object);
      if (!facts) {
        return undefined;
      }
      refs.push({ ref, object, ...facts });
    }
    return refs.sort((a, b) => compareRefNames(a.ref, b.ref));
  }

  rememberTags(refs: readonly RefInfo[]): void {
    if (this.tags.size + refs.length > MAX_TAGS) {
      this.tags.clear();
    }
    if (refs.length > MAX_TAGS) {
      return; // more tags than the cache keeps: read from git every time
    }
    for (const ref of refs) {
      if (ref.ref.startsWith('refs/tags/') && !ref.symref) {
        this.tags.set(ref.object, { sha: ref.sha, at: ref.at, annotated: ref.annotated });
      }
    }
  }

  has(sha: string): boolean {
    return this.commits.has(sha);
  }

  /**
   * The reverts read before (findSuspects' past reverts) for the branch at `tip` and the months
   * before `startedAt`: what a commit reaches never changes, so neither does the list.
   */
  reverts(tip: string, startedAt: string): readonly Commit[] | undefined {
    return this.revertLists.get(`${tip} ${startedAt}`);
  }

  rememberReverts(tip: string, startedAt: string, reverts: readonly Commit[]): void {
    this.revertLists.set(`${tip} ${startedAt}`, reverts);
    for (const key of this.revertLists.keys()) {
      if (this.revertLists.size <= MAX_REVERT_LISTS) {
        break;
      }
      this.revertLists.delete(key);
    }
  }

  /** A remembered commit (and marks it recently used). */
  commit(sha: string): Commit | undefined {
    const commit = this.commits.get(sha);
    if (commit) {
      this.commits.delete(sha);
      this.commits.set(sha, commit);
    }
    return commit;
  }

  /** Remembers `commits` and hands them back. */
  remember(commits: readonly Commit[]): readonly Commit[] {
    for (const commit of commits) {
      const known = this.commits.get(commit.sha);
      this.files += commit.files.length - (known?.files.length ?? 0);
      this.commits.delete(commit.sha);
      this.commits.set(commit.sha, commit);
    }
    for (const [sha, commit] of this.commits) {
      if (this.commits.size <= MAX_COMMITS && this.files <= MAX_FILES) {
        break;
      }
      this.files -= commit.files.length;
      this.commits.delete(sha);
    }
    return commits;
  }
}

const histories = new Map<string, RepoHistory>();

export interface HistoryLookup {
  readonly history: RepoHistory;
  /** The tags from the files under .git and the cache; undefined when git must be asked. */
  readonly tagRefs?: RefInfo[];
}

/**
 * The cache for the repository `refs` reads, and its tags when every tag object is known.
 * Undefined when the repository must not be cached (replace refs, grafts).
 */
export function lookupHistory(refs: RefReader): HistoryLookup | undefined {
  const files = refs.files;
  const packed = refs.packedRefs();
  const stamp = historyStamp(files.commonDir, packed);
  if (stamp === undefined) {
    histories.delete(files.commonDir);
    return undefined;
  }
  let history = histories.get(files.commonDir);
  histories.delete(files.commonDir);
  if (!history || history.stamp !== stamp) {
    history = new RepoHistory(stamp);
  }
  histories.set(files.commonDir, history);
  for (const key of histories.keys()) {
    if (histories.size <= MAX_REPOS) {
      break;
    }
    histories.delete(key);
  }
  const names = tagObjects(files.commonDir, packed);
  const tagRefs = names && history.tagRefs(names);
  return { history, ...(tagRefs ? { tagRefs } : {}) };
}

/** Forgets every repository's history (the benchmark's first-run figure; tests). */
export function forgetHistories(): void {
  histories.clear();
}

/** What must not change under a cache: the shallow boundary and config; undefined for never-cache repos. */
function historyStamp(commonDir: string, packedRefs: string): string | undefined {
  if (
    fs.existsSync(path.join(commonDir, 'info', 'grafts')) ||
    /[ \n]refs\/replace\//.test(packedRefs) ||
    hasEntries(path.join(commonDir, 'refs', 'replace'))
  ) {
    return undefined;
  }
  return ['shallow', 'config'].map((name) => fileStamp(path.join(commonDir, name))).join('|');
}

function fileStamp(file: string): string {
  try {
    const stat = fs.statSync(file);
    return `${stat.size}:${stat.mtimeMs}`;
  } catch {
    return '-';
  }
}

function hasEntries(dir: string): boolean {
  try {
    return fs.readdirSync(dir).length > 0;
  } catch {
    return false;
  }
}

/**
 * Every tag's name and the object it names, from packed-refs and the loose files under refs/tags
 * (a loose ref wins over a packed one). Undefined when a loose ref is not a plain id (a symbolic
 * tag, a half-written file): git is asked then.
 */
function tagObjects(commonDir: string, packedRefs: string): Map<string, string> | undefined {
  const names = packedRefsUnder(packedRefs, 'refs/tags/');
  const walk = (dir: string, prefix: string): boolean => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return true; // no loose tags
    }
    for (const entry of entries) {
      const name = `${prefix}${entry.name}`;
      if (entry.isDirectory()) {
        if (!walk(path.join(dir, entry.name), `${name}/`)) {
          return false;
        }
        continue;
      }
      const content = parseRefFile(readText(path.join(dir, entry.name)) ?? '');
      if (!content || !('sha' in content) || entry.name.endsWith('.lock')) {
        return false;
      }
      names.set(name, content.sha);
    }
    return true;
  };
  return walk(path.join(commonDir, 'refs', 'tags'), 'refs/tags/') ? names : undefined;
}

export interface HistoryLogOptions {
  readonly binary: string;
  /** `--format=...` and the diff options: what each commit's record holds. */
  readonly formatArgs: readonly string[];
  /** `--max-count`, `--since`: which commits the revisions select. */
  readonly walkArgs: readonly string[];
  readonly maxFilesPerCommit: number;
  readonly fallback: GitRunner;
}

/**
 * The shipped log (see shippedLog.ts), through the repository's cache when there is one: a cold
 * cache reads the log as always and remembers it; a warm one lists the commits with `rev-list`
 * (started now, fed its revisions later) and reads only the commits it has not seen.
 */
export function startHistoryLog(repoDir: string, options: HistoryLogOptions, history: RepoHistory | undefined): ShippedLog {
  const cold = () =>
    startShippedLog(repoDir, {
      binary: options.binary,
      args: ['log', ...options.formatArgs, ...options.walkArgs],
      maxFilesPerCommit: options.maxFilesPerCommit,
      fallback: options.fallback,
    });
  if (!history) {
    return cold();
  }
  const remembered = (log: ShippedLog, revs: readonly string[]) => log.read(revs).then((commits) => history.remember(commits) as Commit[]);
  if (!history.warm) {
    const log = cold();
    return { read: (revs) => remembered(log, revs), dispose: () => log.dispose() };
  }
  const startList = () => startGit(repoDir, options.binary, ['rev-list', ...options.walkArgs, '--stdin', '--']);
  let ahead: GitProcess | undefined = startList();
  const readCold = (revs: readonly string[]) => {
    const log = cold();
    return remembered(log, revs).finally(() => log.dispose());
  };
  return {
    async read(revs) {
      const list = ahead ?? startList();
      ahead = undefined;
      const shas = await listed(list, revs);
      if (!shas) {
        return readCold(revs);
      }
      const missing = shas.filter((sha) => !history.has(sha));
      if (missing.length > MANY_MISSING) {
        return readCold(revs);
      }
      if (missing.length) {
        const fresh = await readCommits(repoDir, options, missing);
        if (!fresh) {
          return readCold(revs);
        }
        history.remember(fresh);
      }
      const commits = shas.map((sha) => history.commit(sha));
      return commits.every((c): c is Commit => c !== undefined) ? commits : readCold(revs);
    },
    dispose() {
      if (ahead) {
        stopGit(ahead);
      }
      ahead = undefined;
    },
  };
}

/** Feeds `revs` to a `rev-list --stdin` and collects the ids it lists; undefined if it failed. */
function listed(list: GitProcess, revs: readonly string[]): Promise<string[] | undefined> {
  let out = '';
  list.child.stdout?.on('data', (text: string) => {
    out += text;
  });
  list.child.stdin?.end(revs.join('\n') + '\n');
  return list.ended.then(({ code }) => (code === 0 ? out.split('\n').filter((line) => line !== '') : undefined));
}

/** The records of the commits `shas`, exactly as the log prints them; undefined if git failed. */
async function readCommits(repoDir: string, options: HistoryLogOptions, shas: readonly string[]): Promise<Commit[] | undefined> {
  const result = await runGit(
    repoDir,
    options.binary,
    ['log', '--no-walk=unsorted', ...options.formatArgs, '--stdin', '--'],
    shas.join('\n') + '\n',
  );
  if (result.code !== 0) {
    return undefined;
  }
  try {
    return parseGitLog(result.stdout, { maxFilesPerCommit: options.maxFilesPerCommit });
  } catch {
    return undefined; // the cold read reports it
  }
}
