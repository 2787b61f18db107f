// Reads the patches of the candidate commits that could have changed only comments (small, code and
// documentation only), in one `git show`, so the ranking can count a typo fixed in a comment half
// (core/correlation/comments.ts).

import { mayChangeOnlyComments, onlyComments } from '../../core/correlation/comments';
import type { Commit } from '../../core/correlation/model';
import { runGit } from './gitSpawn';

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
  const result = await runGit(
    repoDir,
    binary,
    [
      'show',
      '-U0',
      '--no-color',
      '--no-ext-diff',
      '--no-textconv',
      '--no-renames',
      '--diff-merges=first-parent',
      '--format=%x01%H',
      ...unread.map((c) => c.sha),
      '--',
    ],
    '',
    COMMENT_PATCH_MAX_BYTES,
  );
  if (result.code !== 0) {
    return [...commits];
  }
  // git shows the commits in the order asked. A patch can hold the separator itself (a file with
  // control characters in it): then the pieces do not line up, and nothing is trusted.
  const chunks = result.stdout.split('\x01').slice(1);
  if (chunks.length !== unread.length || chunks.some((chunk, i) => !chunk.startsWith(`${unread[i].sha}\n`))) {
    return [...commits];
  }
  const found = new Map(unread.map((c, i) => [c.sha, onlyComments(chunks[i].slice(c.sha.length + 1))]));
  return commits.map((c) => {
    const only = c.commentsOnly === undefined ? found.get(c.sha) : undefined;
    return only === undefined ? c : { ...c, commentsOnly: only };
  });
}
