// What changed in the repository since each runbook's own last commit, for the staleness check
// (core/runbooks/staleness.ts). Runbooks last edited in the same commit share one `git log`.

import type { RepoChange } from '../../core/runbooks/staleness';
import { gitRunner, GitRunnerOptions } from './simpleGitRunner';

const KINDS: Readonly<Record<string, RepoChange['kind']>> = {
  A: 'added',
  M: 'modified',
  D: 'deleted',
  R: 'renamed',
  C: 'added',
  T: 'modified',
};

/**
 * Parses `git log --format=%x01%H%x09%cI --name-status -z` output: per commit a header, then status
 * letters and NUL-separated paths (two for renames/copies). Newest commit first, so the first change of a path
 * is its latest one; later (older) ones are dropped.
 */
export function parseNameStatusLog(out: string): RepoChange[] {
  const changes = new Map<string, RepoChange>();
  for (const chunk of out.split('\u0001').slice(1)) {
    const tab = chunk.indexOf('\t');
    // The header ends with NUL then a newline under -z.
    const headerEnd = chunk.indexOf('\u0000');
    if (tab < 0 || headerEnd < 0) {
      continue;
    }
    const commit = chunk.slice(0, tab);
    const date = chunk.slice(tab + 1, headerEnd);
    const fields = chunk
      .slice(headerEnd + 1)
      .replace(/^\n+/, '')
      .split('\u0000');
    for (let i = 0; i < fields.length; i++) {
      const status = fields[i].trim();
      const kind = KINDS[status.charAt(0)];
      if (!kind || !fields[i + 1]) {
        continue;
      }
      const path = fields[++i];
      const renamedTo = status.startsWith('R') || status.startsWith('C') ? fields[++i] : undefined;
      if (!changes.has(path)) {
        changes.set(path, { path, kind, ...(renamedTo ? { renamedTo } : {}), commit, date });
      }
    }
  }
  return [...changes.values()];
}

/**
 * For each runbook file (relative to `folder`, which may be a sub-folder of the repository), the
 * changes under `folder` committed after the runbook's last commit. A runbook git does not know
 * (new, untracked) gets no entry: it has nothing to be stale against.
 */
export async function runbookChanges(
  folder: string,
  runbookFiles: readonly string[],
  options: GitRunnerOptions = {},
): Promise<Map<string, RepoChange[]>> {
  const git = gitRunner(folder, options);
  const lastCommit = new Map<string, string>();
  for (const file of runbookFiles) {
    const sha = (await git.run(['log', '-1', '--format=%H', '--', file])).trim();
    if (sha) {
      lastCommit.set(file, sha);
    }
  }
  const bySha = new Map<string, RepoChange[]>();
  for (const sha of new Set(lastCommit.values())) {
    // --relative: paths relative to the folder (as runbooks name them), and only changes under it.
    const out = await git.run(['log', '--relative', '-M', '--format=%x01%H%x09%cI', '--name-status', '-z', `${sha}..HEAD`]);
    bySha.set(sha, parseNameStatusLog(out));
  }
  const result = new Map<string, RepoChange[]>();
  for (const [file, sha] of lastCommit) {
    result.set(file, bySha.get(sha) ?? []);
  }
  return result;
}
