// Reads which files the candidate commits moved, for those that delete one file and add another, in
// one `git show -M --numstat`, so a move counts by what it changed (core/correlation/moves.ts).

import type { Commit } from '../../core/correlation/model';
import { mayHaveMoves, MOVE_CHECK_MAX_FILES, parseMoves } from '../../core/correlation/moves';
import { showEach } from './showEach';

/** Commits read per correlation at most, newest first; the rest count every line, as the log lists them. */
export const MOVE_CHECKS_MAX = 100;
/**
 * The deleted and added files named to git at most (the commits' in turn, while they fit). Naming them
 * is what keeps this cheap: `--numstat` would otherwise diff every file the commits modified (55 ms
 * for one thanos commit of 218 files; 11 ms for its 44 deleted and added).
 */
export const MOVE_PATHS_MAX = 2_000;
/** And their bytes at most: a command line has a limit (a repository's names can be 4 KB each). */
export const MOVE_PATHS_MAX_BYTES = 128 * 1024;
/** A numstat line is a path or two: 400 files of 100 commits fit many times over. */
export const MOVE_OUTPUT_MAX_BYTES = 4 * 1024 * 1024;

/**
 * `commits` with `moves` set on those worth reading (those that have it already are not read again).
 * Never rejects: without git's answer, or for a commit git did not show, it stays unset.
 */
export async function withMoves(repoDir: string, binary: string, commits: readonly Commit[]): Promise<Commit[]> {
  const unread: Commit[] = [];
  const paths = new Set<string>();
  let bytes = 0;
  for (const c of commits.filter(mayHaveMoves).slice(0, MOVE_CHECKS_MAX)) {
    const ends = c.files.filter((f) => f.status === 'added' || f.status === 'deleted').map((f) => f.path);
    const size = ends.reduce((n, p) => n + Buffer.byteLength(p) + 12, 0); // and `:(literal)`, a NUL
    if (c.moves !== undefined || paths.size + ends.length > MOVE_PATHS_MAX || bytes + size > MOVE_PATHS_MAX_BYTES) {
      continue;
    }
    unread.push(c);
    ends.forEach((p) => paths.add(p));
    bytes += size;
  }
  if (!unread.length) {
    return [...commits];
  }
  // `-l`: git pairs each added file with each deleted one for a move with edits only up to this many.
  // `--diff-filter=R`: lines counted for the moves alone, not for every file added or deleted (a third
  // of the time on tempo's commits).
  const numstats = await showEach(
    repoDir,
    binary,
    ['-M', `-l${MOVE_CHECK_MAX_FILES}`, '--diff-filter=R', '--numstat', '-z', '--no-color', '--no-ext-diff', '--diff-merges=first-parent'],
    unread.map((c) => c.sha),
    { maxBytes: MOVE_OUTPUT_MAX_BYTES, paths: [...paths], leavesOutEmpty: true },
  );
  if (!numstats) {
    return [...commits];
  }
  return commits.map((c) => {
    const numstat = c.moves === undefined ? numstats.get(c.sha) : undefined;
    return numstat === undefined ? c : { ...c, moves: parseMoves(numstat) };
  });
}
