// Reads the patches of the candidate commits that could have changed only comments (small, code and
// documentation only), in one `git show`, so the ranking can count a typo fixed in a comment half
// (core/correlation/comments.ts).

import { mayChangeOnlyComments, onlyComments } from '../../core/correlation/comments';
import type { Commit } from '../../core/correlation/model';
import { showEach } from './showEach';

/** Patches read per correlation at most, newest commits first; the rest count in full. */
export const COMMENT_CHECKS_MAX = 100;
/**
 * Output read at most: 200 changed lines a commit is small, but one of them can be a megabyte (a
 * minified file). Past this git is stopped and nothing is read.
 */
export const COMMENT_PATCH_MAX_BYTES = 4 * 1024 * 1024;

/**
 * `commits` with `commentsOnly` set on those worth reading (those that have it already are not read
 * again). Never rejects: without git's answer, or for a commit git did not show, it stays unset.
 */
export async function withCommentsOnly(repoDir: string, binary: string, commits: readonly Commit[]): Promise<Commit[]> {
  const wanted = commits.filter(mayChangeOnlyComments).slice(0, COMMENT_CHECKS_MAX);
  const unread = wanted.filter((c) => c.commentsOnly === undefined);
  if (!unread.length) {
    return [...commits];
  }
  const patches = await showEach(
    repoDir,
    binary,
    ['-U0', '--no-color', '--no-ext-diff', '--no-textconv', '--no-renames', '--diff-merges=first-parent'],
    unread.map((c) => c.sha),
    { maxBytes: COMMENT_PATCH_MAX_BYTES },
  );
  if (!patches) {
    return [...commits];
  }
  const found = new Map(unread.map((c) => [c.sha, onlyComments(patches.get(c.sha) ?? '')]));
  return commits.map((c) => {
    const only = c.commentsOnly === undefined ? found.get(c.sha) : undefined;
    return only === undefined ? c : { ...c, commentsOnly: only };
  });
}
