// The judge's answer key, read from a repository's own history: a commit R whose message says
// "This reverts commit C" names C as the cause of something that went wrong. Pure: the git output
// comes in as text (JUDGE_LOG_ARGS), so the unit tests feed it a real repository's log.

import { revertedShas } from '../../src/core/correlation/revert';
import { isDocumentation } from '../../src/core/correlation/pathClass';

export const DAY_MS = 86_400_000;
/** A revert this long after its culprit is a change of mind, not an incident. */
export const MAX_REVERT_GAP_MS = 14 * DAY_MS;

/** How far before the culprit its window starts: the method, an hour. */
export const WINDOW_SLACK_MS = 3_600_000;

/**
 * `--before-culprit=HOURS` among the judge's arguments: how far before each culprit its window starts,
 * in ms (the default, an hour, without it). Wider, the culprit is no longer the oldest candidate, so a
 * time curve can be judged without the window favouring the oldest change (docs/judge.md).
 */
export function windowSlackMs(args: readonly string[]): number {
  const arg = args.find((a) => a.startsWith('--before-culprit='));
  if (arg === undefined) {
    return WINDOW_SLACK_MS;
  }
  const text = arg.slice('--before-culprit='.length);
  const hours = /^\d+(\.\d+)?$/.test(text) ? Number(text) : NaN;
  if (!(hours <= 14 * 24)) {
    throw new Error(`"${arg}": --before-culprit takes hours, from 0 to 336`);
  }
  return hours * 3_600_000;
}

/** `git log` arguments whose output `parseJudgeLog` reads: one record per commit, fields split by US. */
export const JUDGE_LOG_ARGS = ['--format=%x1e%H%x1f%P%x1f%at%x1f%ct%x1f%B'] as const;

export interface LoggedCommit {
  readonly sha: string;
  readonly parents: readonly string[];
  /** Epoch ms. */
  readonly authoredAt: number;
  readonly committedAt: number;
  readonly message: string;
}

export interface RevertPair {
  readonly revert: string;
  readonly culprit: string;
  /** When the revert was written (its author date), epoch ms: the incident is placed just before. */
  readonly revertAt: number;
  /** When the culprit was committed, epoch ms: the window reaches back to it. */
  readonly culpritAt: number;
}

export function parseJudgeLog(text: string): LoggedCommit[] {
  const commits: LoggedCommit[] = [];
  for (const record of text.split('\x1e')) {
    if (!record.trim()) {
      continue;
    }
    const [sha, parents, authored, committed, ...message] = record.split('\x1f');
    if (!/^[0-9a-f]{40,64}$/.test(sha.trim())) {
      throw new Error(`git log record does not start with a commit id: ${JSON.stringify(record.slice(0, 80))}`);
    }
    commits.push({
      sha: sha.trim(),
      parents: parents.split(' ').filter(Boolean),
      authoredAt: Number(authored) * 1000,
      committedAt: Number(committed) * 1000,
      message: message.join('\x1f'),
    });
  }
  return commits;
}

/**
 * The subject a revert names when its message lost git's line (a squash merge keeps only the pull
 * request's text): `Revert "fix: retry (#12)" (#15)` → `fix: retry (#12)`.
 */
export function revertedSubject(message: string): string | undefined {
  const subject = message.split('\n')[0];
  return /\bRevert "(.+)"/.exec(subject)?.[1];
}

/**
 * Every (revert, culprit) pair among `commits` where the culprit is one of them too and the revert
 * was written within `maxGapMs` after it, oldest revert first (a stable order for sampling and diffs).
 */
export function revertPairs(commits: readonly LoggedCommit[], maxGapMs = MAX_REVERT_GAP_MS): RevertPair[] {
  const bySha = new Map(commits.map((c) => [c.sha, c]));
  const shas = [...bySha.keys()];
  const byPrefix = (id: string) => {
    const found = id.length >= 40 ? [id].filter((s) => bySha.has(s)) : shas.filter((s) => s.startsWith(id));
    return found.length === 1 ? bySha.get(found[0]) : undefined; // an ambiguous prefix names nothing
  };
  // Newest first, as git log lists them: the subject a revert names is the newest commit before it with it.
  const bySubject = new Map<string, LoggedCommit[]>();
  for (const c of commits) {
    const subject = c.message.split('\n')[0];
    bySubject.set(subject, [...(bySubject.get(subject) ?? []), c]);
  }
  const pairs: RevertPair[] = [];
  for (const revert of commits) {
    const ids = revertedShas(revert.message);
    const named = revertedSubject(revert.message);
    // The id when it names a commit of the branch; otherwise (a squashed pull request's commit, a
    // lost line) the subject.
    const byId = ids.map(byPrefix).filter((c): c is LoggedCommit => c !== undefined);
    const culprits = byId.length
      ? byId
      : named === undefined
        ? []
        : [bySubject.get(named)?.find((c) => c.committedAt < revert.authoredAt && c.sha !== revert.sha)];
    for (const culprit of culprits) {
      if (!culprit || culprit.sha === revert.sha) {
        continue;
      }
      const gap = revert.authoredAt - culprit.committedAt;
      if (gap > 0 && gap <= maxGapMs) {
        pairs.push({ revert: revert.sha, culprit: culprit.sha, revertAt: revert.authoredAt, culpritAt: culprit.committedAt });
      }
    }
  }
  return pairs.sort((a, b) => a.revertAt - b.revertAt || (a.culprit < b.culprit ? -1 : 1));
}

/**
 * The branch as it was at `at`: the first commit of its first-parent line (newest first, as
 * `rev-list --first-parent` walks it) committed at or before `at`. Undefined before the line began.
 */
export function branchAt(line: readonly { readonly sha: string; readonly committedAt: number }[], at: number): string | undefined {
  return line.find((c) => c.committedAt <= at)?.sha;
}

/**
 * The top-level folder most of `paths` are in (a root-level file stands for itself): the service a
 * responder would name for the change. Ties go to the name first in order, so the answer is stable.
 * Documentation counts only when the change is nothing else: nobody names CHANGELOG.md as the
 * service that broke, though a fix and its changelog line are a tie by count.
 */
export function mainFolder(paths: readonly string[]): string | undefined {
  const code = paths.filter((p) => !isDocumentation(p));
  const counts = new Map<string, number>();
  for (const p of code.length ? code : paths) {
    const top = p.split('/')[0];
    counts.set(top, (counts.get(top) ?? 0) + 1);
  }
  return [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]?.[0];
}

/** The service-path glob for `mainFolder`'s answer: a folder's whole tree, or the one root file. */
export function folderGlob(folder: string, paths: readonly string[]): string {
  return paths.some((p) => p.startsWith(`${folder}/`)) ? `${folder}/**` : folder;
}
