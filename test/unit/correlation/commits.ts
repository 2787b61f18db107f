// Commits and file changes as the git adapter would hand them to the ranking, for tests that build
// a ranking's input by hand (rank.test.ts, changes.test.ts).
import { Commit, FileChange } from '../../../src/core/correlation';

export function file(path: string, additions = 5, deletions = 1): FileChange {
  return { path, status: 'modified', additions, deletions, binary: false, submodule: false };
}

export function commit(sha: string, at: string, subject: string, files: FileChange[], parents: string[] = ['p']): Commit {
  return {
    sha,
    parents,
    authorName: 'Ada',
    authorEmail: 'a@x',
    authoredAt: at,
    authorUtcOffsetMinutes: 0,
    committedAt: at,
    committerUtcOffsetMinutes: 0,
    subject,
    body: '',
    trailers: [],
    files,
    filesOmitted: 0,
    refs: [],
  };
}
