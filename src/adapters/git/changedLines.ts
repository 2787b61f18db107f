// The lines a commit changed in one file, for the editor's suspect-line decorations; and the file or the
// whole commit as git shows them, for the read-only diff used when the built-in git extension is absent.

import { changedRanges, ChangedRange, parseFileDiffs } from '../../core/correlation/hunks';
import { LOG_FORMAT_UNDECORATED, parseGitLog } from '../../core/correlation/gitLogParser';
import type { Commit } from '../../core/correlation/model';
import { GitRunner, gitRunner, GitRunnerOptions } from './simpleGitRunner';

export interface ChangedLines {
  /** The file as the commit left it (repository-relative, forward slashes). */
  readonly path: string;
  /** Where it was before, when the commit renamed it. */
  readonly oldPath?: string;
  readonly binary: boolean;
  /** Lines of the file as of that commit, 1-based and inclusive. */
  readonly ranges: readonly ChangedRange[];
}

/**
 * Runs `git show -U0 --format= <sha> -- <file>`. A merge is shown against its first parent (what it
 * brought into the branch), not as git's combined diff, whose `@@@` hunks name no single side.
 * Returns undefined when the commit did not touch the file.
 */
export async function changedLines(
  repoDir: string,
  sha: string,
  file: string,
  options: GitRunnerOptions = {},
): Promise<ChangedLines | undefined> {
  if (!/^[0-9a-f]{4,64}$/i.test(sha)) {
    throw new Error(`"${sha}" is not a commit sha`);
  }
  const git = gitRunner(repoDir, options);
  const show = async (paths: readonly string[]) =>
    parseFileDiffs(
      await git.run([
        'show',
        '-U0',
        '--no-color',
        '--no-ext-diff',
        '--no-textconv',
        '--format=',
        '--diff-merges=first-parent',
        '-M',
        sha,
        '--',
        ...paths,
      ]),
    ).find((d) => d.newPath === file || d.oldPath === file);
  let diff = await show([file]);
  if (diff && diff.oldPath === undefined && diff.newPath === file) {
    // Shown alone, a file the commit renamed looks added (every line new): git pairs a rename only
    // when both names are in the pathspec, so ask where it came from and show the two together.
    const from = await renamedFrom(git, sha, file);
    if (from !== undefined) {
      diff = (await show([from, file])) ?? diff;
    }
  }
  if (!diff) {
    return undefined;
  }
  return {
    path: diff.newPath ?? file,
    ...(diff.oldPath && diff.oldPath !== diff.newPath ? { oldPath: diff.oldPath } : {}),
    binary: diff.binary,
    ranges: diff.newPath === undefined ? [] : changedRanges(diff.hunks),
  };
}

/** The name `file` had before `sha` renamed it (against its first parent), or undefined when it did not. */
async function renamedFrom(git: GitRunner, sha: string, file: string): Promise<string | undefined> {
  const out = await git.run(['show', '--format=', '--no-color', '--diff-merges=first-parent', ...RENAMES_ONLY, sha, '--']);
  return renamesIn(out).find((r) => r.to === file)?.from;
}

/** Renames only, NUL-separated and unquoted: `R<score>\0<old>\0<new>\0` each. */
const RENAMES_ONLY = ['-M', '--diff-filter=R', '--name-status', '-z'];

/** The renames in `--name-status -z` output; a log's empty format lines are skipped. */
function renamesIn(out: string): { from: string; to: string }[] {
  const fields = out.split('\0');
  const found: { from: string; to: string }[] = [];
  for (let i = 0; i + 2 < fields.length; i++) {
    if (/^R\d*$/.test(fields[i].trim())) {
      found.push({ from: fields[i + 1], to: fields[i + 2] });
      i += 2;
    }
  }
  return found;
}

/**
 * The names `file` (as HEAD has it) had before, newest first, as far back as `since` (unix seconds,
 * committer dates): a suspect that changed it under an older name changed this file. Empty when it
 * was never renamed in that time (or git does not know it).
 */
export async function formerNames(
  repoDir: string,
  file: string,
  options: GitRunnerOptions & { readonly since?: number } = {},
): Promise<string[]> {
  const out = await gitRunner(repoDir, options).run([
    'log',
    '--follow',
    '--format=',
    '--no-color',
    ...RENAMES_ONLY,
    ...(options.since !== undefined ? [`--since=@${Math.floor(options.since)}`] : []),
    'HEAD',
    '--',
    file,
  ]);
  return renamesIn(out).map((r) => r.from);
}

/**
 * Where the files commit `sha` left are at HEAD, for those a later commit moved: old name to new, from
 * one diff of the commit against HEAD (so a file moved twice is found under its last name).
 */
export async function laterNames(repoDir: string, sha: string, options: GitRunnerOptions = {}): Promise<ReadonlyMap<string, string>> {
  if (!/^[0-9a-f]{4,64}$/i.test(sha)) {
    throw new Error(`"${sha}" is not a commit sha`);
  }
  const out = await gitRunner(repoDir, options).run(['diff', '--no-color', ...RENAMES_ONLY, sha, 'HEAD', '--']);
  return new Map(renamesIn(out).map((r) => [r.from, r.to]));
}

/**
 * A file as it was at a revision (`<sha>`, `<sha>^`), as git stores it: bytes in whatever encoding it
 * was written in, for the caller to decode as the editor does. Undefined when the file did not exist
 * at that revision (added, deleted).
 */
export async function fileAtRevision(
  repoDir: string,
  revision: string,
  file: string,
  options: GitRunnerOptions = {},
): Promise<Buffer | undefined> {
  if (!/^[0-9a-f]{4,64}(\^|~\d+)?$/i.test(revision)) {
    throw new Error(`"${revision}" is not a commit sha`);
  }
  try {
    return await gitRunner(repoDir, options).showBytes(['--no-textconv', `${revision}:${file}`]);
  } catch (error) {
    // A missing path, or `<root>^` (the first commit has no parent): nothing on that side of the diff.
    if (/does not exist|exists on disk, but not in|invalid object name|bad revision|unknown revision/i.test(String(error))) {
      return undefined;
    }
    throw error;
  }
}

/** The whole commit as `git show` prints it (header, stat, patch), for a read-only document. */
export async function commitText(repoDir: string, sha: string, options: GitRunnerOptions = {}): Promise<string> {
  if (!/^[0-9a-f]{4,64}$/i.test(sha)) {
    throw new Error(`"${sha}" is not a commit sha`);
  }
  const git = gitRunner(repoDir, options);
  return git.run([
    'show',
    '--no-color',
    '--no-ext-diff',
    '--no-textconv',
    '--format=fuller',
    '--stat',
    '--patch',
    '--diff-merges=first-parent',
    sha,
    '--',
  ]);
}

/** The commit an abbreviated or full sha names in `repoDir` (no files read); git's error when it names none. */
export async function readCommit(repoDir: string, sha: string, options: GitRunnerOptions = {}): Promise<Commit> {
  if (!/^[0-9a-f]{7,64}$/i.test(sha)) {
    throw new Error(`"${sha}" is not a commit sha (7 to 64 hex digits)`);
  }
  const out = await gitRunner(repoDir, options).run([
    'log',
    '-1',
    '--no-color',
    `--format=${LOG_FORMAT_UNDECORATED}`,
    `${sha}^{commit}`,
    '--',
  ]);
  const [commit] = parseGitLog(out);
  if (!commit) {
    throw new Error(`git named no commit for ${sha}`);
  }
  return commit;
}
