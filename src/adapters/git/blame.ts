// `git blame --incremental` of one file as the editor shows it now, for the suspect-line marks: which
// lines each commit last changed. Run through gitSpawn.ts because the editor's unsaved text goes to
// git on stdin (`--contents -`), which simple-git cannot feed.

import { BlameGroup, parseIncrementalBlame } from '../../core/correlation/blame';
import { explainGitError } from './gitErrors';
import { gitOutput, noFilterArgs, runGit } from './gitSpawn';
import { locateRepo, readRepoState, refReader } from './repoFiles';

export interface BlameOptions {
  /** The git executable, default `git`. */
  readonly binary?: string;
  /**
   * Unix seconds: blame walks no commit older than this (committer date); lines older come back on a
   * boundary commit. Keeps blame fast on long histories. Absent: the whole history.
   */
  readonly since?: number;
  /**
   * The file's text to blame instead of the working-tree file (an editor's unsaved text): lines
   * that differ from HEAD come back uncommitted (all-zero sha). Bytes for a file not in UTF-8: git
   * compares bytes, so the text must be encoded as the file is.
   */
  readonly contents?: string | Uint8Array;
}

/**
 * Blames `file` (repository-relative, forward slashes) from HEAD. Root commits are not boundaries
 * (`--root`): a suspect that created the repository still owns its lines. Rejects with a
 * GitCorrelationError when git fails (file not in HEAD, not a repository, git missing).
 */
export async function blameFile(repoDir: string, file: string, options: BlameOptions = {}): Promise<BlameGroup[]> {
  const binary = options.binary ?? 'git';
  let filters: string[];
  try {
    filters = await noFilterArgs(repoDir, binary);
  } catch (error) {
    throw explainGitError(error, repoDir, binary, 'blame');
  }
  // --no-textconv: blame runs the repository's textconv drivers on every version it reads otherwise.
  const args = [
    ...filters,
    'blame',
    '--incremental',
    '--root',
    '--no-textconv',
    ...(options.since !== undefined ? [`--since=@${Math.floor(options.since)}`] : []),
    ...(options.contents !== undefined ? ['--contents', '-'] : []),
    '--',
    file,
  ];
  const result = await runGit(repoDir, binary, args, options.contents ?? '');
  if (result.code !== 0) {
    throw explainGitError(result.error ?? new Error(result.stderr || `exited with ${String(result.code)}`), repoDir, binary, 'blame');
  }
  return parseIncrementalBlame(result.stdout);
}

/**
 * The commit HEAD points at, read from .git's files where they are plainly laid out, from git
 * otherwise; undefined in a repository without commits. Cheap enough to call on every redraw (it
 * keys the blame cache: a commit, checkout or pull changes what blame says about the same text).
 */
export async function headCommit(repoDir: string, options: { binary?: string } = {}): Promise<string | undefined> {
  const files = locateRepo(repoDir);
  const fromFiles = files ? readRepoState(refReader(files)).headSha : undefined;
  if (fromFiles) {
    return fromFiles;
  }
  const out = await gitOutput(repoDir, options.binary ?? 'git', ['rev-parse', '--verify', '--quiet', 'HEAD']);
  const sha = out?.trim();
  return sha && /^[0-9a-f]{40,64}$/.test(sha) ? sha : undefined;
}
