// Commits on the default branch whose messages carry `Closes-Action: ACT-…` trailers. git does the
// search (`log --grep`, in C, over every commit reachable from the branch); only the few matching
// messages reach Node, where closedActionIds reads the trailers exactly.

import { ClosingCommit } from '../../core/learning/actionTracking';
import { closedActionIds } from '../../core/learning/actionItems';
import { parseForEachRef, parseRepoState, REF_FORMAT, REPO_STATE_ARGS } from '../../core/correlation';
import { pickDefaultBranch } from './findSuspects';
import { gitRunner, GitRunnerOptions } from './simpleGitRunner';
import { locateRepo, readRepoState, refReader } from './repoFiles';

export interface ActionClosureOptions extends GitRunnerOptions {
  /** The branch whose history closes items; default as correlation picks it (origin/HEAD, main, master ...). */
  readonly defaultBranch?: string;
  /** Only commits committed after this (the oldest open item's creation, less a margin). */
  readonly since?: Date;
  /** At most this many matching commits, newest first (a bound on what a hostile history can make us read). */
  readonly maxCommits?: number;
}

export interface ActionClosureScan {
  readonly branch: string;
  /** Newest first, as git log prints them. */
  readonly commits: readonly ClosingCommit[];
}

/** The line git's own grep looks for; closedActionIds then reads each message exactly. */
const TRAILER_GREP = '^closes-action:[[:blank:]]*act-';

export async function findActionClosures(repoDir: string, options: ActionClosureOptions = {}): Promise<ActionClosureScan> {
  const git = gitRunner(repoDir, options);
  const files = locateRepo(repoDir);
  const reader = files && refReader(files);
  let branch: { name: string; sha: string };
  if (reader) {
    branch = pickDefaultBranch(options.defaultBranch, readRepoState(reader), (ref) => reader.resolve(ref));
  } else {
    const [state, refs] = await Promise.all([
      git.run(REPO_STATE_ARGS).then(parseRepoState),
      git.run(['for-each-ref', `--format=${REF_FORMAT}`, 'refs/heads', 'refs/remotes/origin']).then(parseForEachRef),
    ]);
    const byName = new Map(refs.map((r) => [r.ref, r]));
    branch = pickDefaultBranch(options.defaultBranch, state, (ref) => byName.get(ref));
  }
  const out = await git.run([
    'log',
    `--max-count=${options.maxCommits ?? 10_000}`,
    ...(options.since ? [`--since=${options.since.toISOString()}`] : []),
    '--regexp-ignore-case',
    '--extended-regexp',
    `--grep=${TRAILER_GREP}`,
    '--format=%H%x00%cI%x00%B%x00',
    branch.sha,
    '--',
  ]);
  const commits: ClosingCommit[] = [];
  const fields = out.split('\0');
  for (let i = 0; i + 2 < fields.length; i += 3) {
    const sha = fields[i].trim();
    const committedAt = fields[i + 1];
    const ids = closedActionIds(fields[i + 2]);
    if (/^[0-9a-f]{40,64}$/.test(sha) && !Number.isNaN(Date.parse(committedAt)) && ids.length > 0) {
      commits.push({ sha, committedAt: new Date(committedAt).toISOString(), ids });
    }
  }
  return { branch: branch.name, commits };
}
