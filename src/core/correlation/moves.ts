// Files a commit moved. The correlation's log reads `--no-renames` (fast, and every other factor
// wants each path as it was written), so a commit that moves a file lists it deleted and added, and
// its size would count every line of the file twice. For the commits that delete one file and add
// another, the git adapter asks git's rename detection once, and a move then counts by what it changed.

import type { Commit, FileChange, FileMove } from './model';

/**
 * Past this many added or deleted files a commit's moves are not read (git compares each added file
 * with each deleted one for a move with edits): it counts as it reads, every line.
 */
export const MOVE_CHECK_MAX_FILES = 200;

/** Whether the commit could have moved a file: it deletes one and adds another, and not too many. */
export function mayHaveMoves(commit: Commit): boolean {
  if (commit.filesOmitted > 0) {
    return false;
  }
  let added = 0;
  let deleted = 0;
  for (const file of commit.files) {
    if (file.submodule) {
      continue;
    }
    if (file.status === 'added') {
      added++;
    } else if (file.status === 'deleted') {
      deleted++;
    }
  }
  return added > 0 && deleted > 0 && added <= MOVE_CHECK_MAX_FILES && deleted <= MOVE_CHECK_MAX_FILES;
}

/** A count `git --numstat` prints: digits, or `-` for a binary file. */
function count(text: string): number | undefined {
  if (text === '-') {
    return 0;
  }
  return /^\d{1,12}$/.test(text) ? Number(text) : undefined;
}

/**
 * The moves in one commit's `git show -M --numstat -z` output: a moved file's line is
 * `<added>\t<deleted>\t` with an empty path, then its old and new paths as the next two fields.
 * Anything else (a file changed in place, the header) is passed over.
 */
export function parseMoves(numstat: string): FileMove[] {
  const fields = numstat.split('\0');
  const moves: FileMove[] = [];
  for (let i = 0; i < fields.length; i++) {
    const parts = fields[i].replace(/^\n+/, '').split('\t');
    if (parts.length !== 3 || parts[2] !== '') {
      continue;
    }
    const additions = count(parts[0]);
    const deletions = count(parts[1]);
    const from = fields[i + 1];
    const to = fields[i + 2];
    if (additions === undefined || deletions === undefined || !from || !to) {
      continue;
    }
    moves.push({ from, to, additions, deletions });
    i += 2;
  }
  return moves;
}

/** A file as a responder reads a commit: a moved one once, at its new path, `from` its old one. */
export type MovedFileChange = FileChange & { readonly from?: string };

/**
 * The commit's files with each move as one file: `renamed`, at its new path, with the lines it changed
 * on the way; its deletion left out. A move git paired otherwise than the log listed the files (not
 * a deleted `from` and an added `to`) is not used: it would count twice.
 */
export function filesAsMoved(commit: Pick<Commit, 'files' | 'moves'>): readonly MovedFileChange[] {
  if (!commit.moves?.length) {
    return commit.files; // the ranking sizes every candidate: no copy for the many that moved nothing
  }
  const deleted = new Set(commit.files.filter((f) => f.status === 'deleted').map((f) => f.path));
  const added = new Set(commit.files.filter((f) => f.status === 'added').map((f) => f.path));
  const byTo = new Map<string, FileMove>();
  const from = new Set<string>();
  for (const m of commit.moves) {
    if (deleted.has(m.from) && added.has(m.to) && !byTo.has(m.to) && !from.has(m.from)) {
      byTo.set(m.to, m);
      from.add(m.from);
    }
  }
  return commit.files.flatMap((f): MovedFileChange[] => {
    if (f.status === 'deleted' && from.has(f.path)) {
      return [];
    }
    const move = f.status === 'added' ? byTo.get(f.path) : undefined;
    return move ? [{ ...f, status: 'renamed', from: move.from, additions: move.additions, deletions: move.deletions }] : [f];
  });
}
