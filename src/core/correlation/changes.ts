// Suspects as they were merged: a pull request's merge with the commits it brought is one change,
// a commit that reached the branch alone (a squash merge, a direct push) is another. A responder
// reverts a pull request, not the third of its five commits, and five commits of one pull request
// should not push every other change out of the top three. Measured on real histories (docs/judge.md).

import type { Commit, Deploy, FileChange } from './model';
import { filesAsMoved, MovedFileChange } from './moves';
import type { RankedCommit, Reason } from './rank';
import { othersPoints, RANK_WEIGHTS, RankWeights } from './weights';
import { count } from '../text/count';

export interface RankedChange {
  /** The merge commit of a pull request, or the commit itself when it came alone. */
  readonly sha: string;
  readonly shortSha: string;
  /** `pull-request`: a merge and the commits it brought; `commit`: a commit that came alone. */
  readonly kind: 'pull-request' | 'commit';
  /** The merge's subject (for a GitHub merge, "Merge pull request #N from ..."), or the commit's. */
  readonly subject: string;
  /** "#15591" when the merge names a pull request, else undefined. */
  readonly pullRequest?: string;
  /**
   * What a responder recognises it by: a GitHub merge's pull request title (the first line of its
   * message body; its subject only says "Merge pull request #N from owner/branch"), else the subject.
   */
  readonly title: string;
  readonly score: number;
  readonly reasons: readonly Reason[];
  /** Its commits, most suspect first; for a pull request the merge commit comes last (it has no files of its own). */
  readonly commits: readonly RankedCommit[];
  /** What undoes the whole change: the merge with `-m 1`, or the commit. */
  readonly revertCommand: string;
}

const round = (n: number) => Math.round(n * 10) / 10;

/** `#123` from "Merge pull request #123 from ...", "Merge branch 'x' (#123)", "... !123" (GitLab). */
export function pullRequestOf(subject: string): string | undefined {
  return /^Merge (?:pull request|branch)\b.*?(#\d{1,9}|!\d{1,9})/.exec(subject.slice(0, 300))?.[1];
}

/** A commit's points for what it is (size, service, risk...), not for when it shipped. */
export function ownPoints(c: RankedCommit): number {
  return c.reasons.filter((r) => r.factor !== 'time' && r.factor !== 'not-deployed').reduce((n, r) => n + r.points, 0);
}

/**
 * What the merge's own subject and body add to its most suspect commit: evidence its message names,
 * and title words beyond those the commit already matched (a word counts once per change).
 */
function titleOnly(head: RankedCommit, top: RankedCommit): Reason[] {
  const words = (c: RankedCommit) => c.reasons.filter((r) => r.factor === 'words').reduce((n, r) => n + r.points, 0);
  const out: Reason[] = [];
  if (head.reasons.some((r) => r.factor === 'undone')) {
    return out; // reverted before the start, pull request and all
  }
  for (const r of head.reasons) {
    if (r.points <= 0 || r.factor === 'time' || r.factor === 'not-deployed') continue;
    const points = r.factor === 'words' ? r.points - words(top) : r.points;
    if (points > 0) out.push({ ...r, points: round(points), text: `the merge ${r.text}` });
  }
  return out;
}

/** The pull request's title a GitHub merge carries as the first line of its body, else the subject. */
export function changeTitle(subject: string, body: string | undefined): string {
  if (!/^Merge pull request [#!]\d+ from /.test(subject)) {
    return subject;
  }
  const first = (body ?? '')
    .split('\n')
    .map((l) => l.trim())
    .find(Boolean);
  return first ? first.slice(0, 200) : subject;
}

/** A merge as responders name it: `#42 Cut the payment retry budget to one`, else its subject. */
export function mergeLabel(subject: string, title: string): string {
  const number = pullRequestOf(subject);
  return title !== subject && number ? `${number} ${title}` : subject;
}

/** What a verdict calls a commit: a merge by its pull request (`mergeLabel`), another by its subject. */
export function verdictTitle(commit: { readonly subject: string; readonly body?: string; readonly parents: readonly string[] }): string {
  const title = commit.parents.length > 1 ? mergeLabel(commit.subject, changeTitle(commit.subject, commit.body)) : commit.subject;
  return title.slice(0, 200);
}

/**
 * What the whole change did to each file, from the parent it was merged onto to the merge: the files
 * of its commits, oldest first, each path once. A file the branch added and later edited was added;
 * one it added and then deleted never reached the branch and is left out; one a commit moved (when
 * the moves were read, `filesAsMoved`) and whose old path is gone at the end is one file, renamed, at
 * its new path `from` its old one, through any paths between that never reached the branch.
 */
export function changeFiles(change: Pick<RankedChange, 'commits'>): MovedFileChange[] {
  type Seen = { first: FileChange; last: FileChange; additions: number; deletions: number; movedFrom?: string };
  const byPath = new Map<string, Seen>();
  const oldestFirst = [...change.commits].sort((a, b) => Date.parse(a.committedAt) - Date.parse(b.committedAt));
  for (const c of oldestFirst) {
    // A move counts the lines it changed (on its new path), not the whole file deleted and added.
    const moves = filesAsMoved(c).filter((f) => f.from !== undefined);
    const movedHere = new Map(moves.map((f) => [f.path, f]));
    const movedAway = new Set(moves.map((f) => f.from));
    for (const f of c.files) {
      const move = f.status === 'added' ? movedHere.get(f.path) : undefined;
      const away = f.status === 'deleted' && movedAway.has(f.path);
      const additions = move ? move.additions : away ? 0 : f.additions;
      const deletions = move ? move.deletions : away ? 0 : f.deletions;
      const seen = byPath.get(f.path);
      if (seen) {
        seen.last = f;
        seen.additions += additions;
        seen.deletions += deletions;
      } else {
        byPath.set(f.path, { first: f, last: f, additions, deletions, ...(move ? { movedFrom: move.from } : {}) });
      }
    }
  }
  // Deleted at the end is deleted; otherwise the first step says what the parent had (a file the
  // branch deleted and wrote again was there before: modified). Added and then deleted: never there.
  const net = (seen: Seen): FileChange['status'] | undefined => {
    const { first, last } = seen;
    if (first.status === 'added' && last.status === 'deleted') {
      return undefined;
    }
    return last.status === 'deleted' ? 'deleted' : first.status === 'deleted' ? 'modified' : first.status;
  };
  // A file moved in, whose old path the whole change deleted: one file, renamed. Moved on again (A to
  // B, then B to C), the paths between never reached the branch: C renamed from A.
  const renamed = new Map<string, { from: string; via: Seen[] }>();
  for (const [to, seen] of byPath) {
    if (net(seen) !== 'added') {
      continue;
    }
    const via: Seen[] = [];
    const visited = new Set([to]);
    for (let from = seen.movedFrom; from !== undefined && !visited.has(from);) {
      visited.add(from);
      const old = byPath.get(from);
      if (!old) {
        break;
      }
      via.push(old);
      if (net(old) === 'deleted') {
        renamed.set(to, { from, via });
        break;
      }
      from = net(old) === undefined ? old.movedFrom : undefined;
    }
  }
  const gone = new Set([...renamed.values()].map((r) => r.from));
  const out: MovedFileChange[] = [];
  for (const [filePath, seen] of byPath) {
    const status = net(seen);
    if (status === undefined || gone.has(filePath)) {
      continue;
    }
    // A renamed file's lines: its own, and what the branch changed at its old paths before the moves.
    const move = renamed.get(filePath);
    const before = move?.via ?? [];
    out.push({
      ...seen.last,
      status: move === undefined ? status : 'renamed',
      additions: seen.additions + before.reduce((n, b) => n + b.additions, 0),
      deletions: seen.deletions + before.reduce((n, b) => n + b.deletions, 0),
      ...(move === undefined ? {} : { from: move.from }),
    });
  }
  return out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** How many commits a pull request brought, in words: "3 commits"; a merge alone says its branch was not read. */
export function branchCommits(change: Pick<RankedChange, 'commits'>): string {
  const n = change.commits.length - 1;
  return n ? count(n, 'commit') : 'its commits not among the candidates';
}

/**
 * Groups ranked commits into changes: each merge deploy (a merge into the default branch) with the
 * commits its branch brought is one pull request; every other commit is a change of its own. A change
 * is as suspect as its most suspect commit, plus a share of the other commits' own points (not their
 * time: a fifth, at most 15, weights.ts). Most suspect first, then closest to the start.
 */
export function groupChanges(
  commits: readonly RankedCommit[],
  deploys: readonly Deploy[],
  startedAt: string,
  /** The commits as read: a merge's parents (what its branch brought) and body (its pull request's title). */
  read: ReadonlyMap<string, Pick<Commit, 'body' | 'parents'>>,
  weights: RankWeights = RANK_WEIGHTS,
): RankedChange[] {
  const bySha = new Map(commits.map((c) => [c.sha, c]));
  const mergeOf = new Map<string, string>();
  for (const deploy of deploys) {
    if (deploy.kind !== 'merge' || !bySha.has(deploy.sha)) {
      continue;
    }
    for (const sha of broughtBy(deploy, read)) {
      if (bySha.has(sha) && !mergeOf.has(sha)) {
        mergeOf.set(sha, deploy.sha);
      }
    }
    mergeOf.set(deploy.sha, deploy.sha);
  }
  const members = new Map<string, RankedCommit[]>();
  for (const c of commits) {
    const head = mergeOf.get(c.sha) ?? c.sha;
    const list = members.get(head);
    if (list) {
      list.push(c);
    } else {
      members.set(head, [c]);
    }
  }
  const start = Date.parse(startedAt);
  const changes = [...members].map(([sha, list]) => changeOf(bySha.get(sha) as RankedCommit, list, read.get(sha)?.body, weights));
  const distance = new Map(changes.map((c) => [c, Math.min(...c.commits.map((m) => Math.abs(start - Date.parse(m.committedAt))))]));
  return changes.sort((a, b) => b.score - a.score || (distance.get(a) as number) - (distance.get(b) as number));
}

/**
 * The commits a merge's branch brought: those of the deploy reachable from its second (and later)
 * parents without passing through the branch it was merged onto. A commit pushed straight to the
 * branch before the merge shipped with it, but it is not part of the pull request: it is reverted
 * on its own.
 */
export function broughtBy(deploy: Deploy, read: ReadonlyMap<string, Pick<Commit, 'parents'>>): string[] {
  const shipped = new Set(deploy.commits);
  const parents = read.get(deploy.sha)?.parents ?? [];
  const mainline = new Set<string>();
  for (let p: string | undefined = parents[0]; p !== undefined && shipped.has(p) && !mainline.has(p); p = read.get(p)?.parents[0]) {
    mainline.add(p);
  }
  const brought: string[] = [];
  const seen = new Set<string>();
  const queue = parents.slice(1);
  while (queue.length) {
    const sha = queue.pop() as string;
    if (seen.has(sha) || mainline.has(sha) || !shipped.has(sha)) {
      continue;
    }
    seen.add(sha);
    brought.push(sha);
    queue.push(...(read.get(sha)?.parents ?? []));
  }
  return brought;
}

/** `list` is in ranking order (most suspect first), as `rankSuspects` returns its commits. */
function changeOf(head: RankedCommit, list: readonly RankedCommit[], body: string | undefined, weights: RankWeights): RankedChange {
  const pullRequest = head.isMerge ? pullRequestOf(head.subject) : undefined;
  const common = {
    sha: head.sha,
    shortSha: head.shortSha,
    subject: head.subject,
    title: head.isMerge ? changeTitle(head.subject, body) : head.subject,
    revertCommand: head.revertCommand,
    // A merge alone (no deploy in the window shipped its branch) is still the pull request it names.
    ...(pullRequest ? { pullRequest } : {}),
  };
  if (list.length === 1) {
    return {
      ...common,
      commits: list,
      kind: head.isMerge ? 'pull-request' : 'commit',
      score: head.score,
      reasons: head.reasons,
    };
  }
  // The branch's commits carry the change. The merge commit has no files of its own: its time is
  // theirs (the same deploy shipped them), and all it can add is what its subject (the pull request's
  // title) matched, so it never stands in for them: a docs-only pull request counts half, merge and all.
  const branch = list.filter((c) => c.sha !== head.sha);
  const [top, ...others] = branch;
  const titleReasons = titleOnly(head, top);
  const titlePoints = titleReasons.reduce((n, r) => n + r.points, 0);
  const othersScore = othersPoints(
    others.reduce((n, c) => n + Math.max(0, ownPoints(c)), 0),
    weights,
  );
  const reasons: Reason[] = [
    {
      factor: 'commits',
      points: 0,
      text: `merged ${count(list.length - 1, 'commit')}${pullRequest ? ` as pull request ${pullRequest}` : ''}; the most suspect is ${top.shortSha} "${top.subject}" (score ${top.score})`,
    },
    ...top.reasons,
    ...titleReasons,
  ];
  const risky = others.filter((c) => ownPoints(c) > 0).length;
  if (othersScore >= 0.1) {
    reasons.push({
      factor: 'commits',
      points: round(othersScore),
      text: `${count(risky, 'more commit')} with risk of ${risky === 1 ? 'its' : 'their'} own`,
    });
  }
  return {
    ...common,
    commits: [...branch, head],
    kind: 'pull-request',
    score: round(top.score + titlePoints + othersScore),
    reasons,
  };
}
