// The lines a commit changed in one file, for the editor's suspect-line decorations.

import { changedRanges, ChangedRange, parseFileDiffs } from '../../core/correlation/hunks';
import { gitRunner, GitRunnerOptions } from './gitRunner';

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
export async function changedLines(repoDir: string, sha: string, file: string, options: GitRunnerOptions = {}): Promise<ChangedLines | undefined> {
  if (!/^[0-9a-f]{4,64}$/i.test(sha)) {
    throw new Error(`"${sha}" is not a commit sha`);
  }
  const git = gitRunner(repoDir, options);
  const out = await git.run([
    'show', '-U0', '--no-color', '--no-ext-diff', '--no-textconv', '--format=', '--diff-merges=first-parent', '-M', sha, '--', file,
  ]);
  const diff = parseFileDiffs(out).find((d) => d.newPath === file || d.oldPath === file);
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
