// Reverts: the command a responder pastes to undo a suspect commit (only ever copied, never run by
// War Room), and reading the reverts already in a repository's history.

import { LOG_FORMAT_UNDECORATED } from './gitLogParser';
import { Commit } from './model';

export function revertCommand(commit: { readonly sha: string; readonly parents: readonly string[] }): string {
  // A merge needs the mainline parent named; -m 1 keeps the branch it was merged into.
  return commit.parents.length > 1 ? `git revert -m 1 ${commit.sha}` : `git revert ${commit.sha}`;
}

/** The commit ids, full or abbreviated, a message says it reverts (`git revert` writes "This reverts commit <id>."). */
export function revertedShas(message: string): string[] {
  const found = [...message.matchAll(/\bThis reverts commit ([0-9a-f]{7,64})\b/g)].map((m) => m[1]);
  return [...new Set(found)];
}

/**
 * A commit that undid another, as its subject says (`Revert "..."`, `revert ...`). Not git's line
 * in the message alone: a squash merge keeps the messages of its branch's commits, so a pull
 * request that reverted and redid a step of its own says "This reverts commit" too.
 */
export function isRevert(commit: Pick<Commit, 'subject'>): boolean {
  return /^revert\b/i.test(commit.subject);
}

/** What a revert names as undone: the ids in git's line, and the subject it quotes (`Revert "x (#12)" (#15)`). */
export interface RevertTarget {
  readonly ids: readonly string[];
  readonly subject?: string;
}

export function revertTarget(revert: Pick<Commit, 'subject' | 'body'>): RevertTarget {
  return { ids: revertedShas(revert.body), subject: /^revert "(.*)"/i.exec(revert.subject)?.[1] };
}

/**
 * Whether a revert undid `commit`: git's line names it, or the subject quotes its subject (a squash
 * merge keeps no line naming the commit).
 */
export function undoes(target: RevertTarget, commit: Pick<Commit, 'sha' | 'subject'>): boolean {
  return target.ids.some((id) => commit.sha.startsWith(id)) || target.subject === commit.subject;
}

/** How far back before the incident reverts are read (`pastRevertsArgs`). */
export const PAST_REVERT_DAYS = 180;
/** Most reverts read: a half year of a very busy repository's. */
export const PAST_REVERTS_MAX = 500;
/**
 * Most commits looked through for reverts: a half year of a repository landing up to ~25 a day, and
 * the last few weeks of a busier one. The grep reads every commit's message (~3.5 µs each); 20,000
 * commits took 70 ms, this many about 20.
 */
export const PAST_REVERTS_WALK = 5_000;

/** `--since` and `--until` (epoch seconds) for the PAST_REVERT_DAYS before `startedAt`. */
function halfYearBefore(startedAt: string): string[] {
  const start = Date.parse(startedAt);
  return [`--since=${Math.floor((start - PAST_REVERT_DAYS * 86_400_000) / 1000)}`, `--until=${Math.floor(start / 1000)}`];
}

/**
 * `git rev-list` that prints the commit PAST_REVERTS_WALK commits below `tip` within the half year
 * before the start (nothing when there are fewer): `pastRevertsArgs` stops there.
 */
export function pastRevertsBoundArgs(tip: string, startedAt: string): string[] {
  return ['rev-list', '--max-count=1', `--skip=${PAST_REVERTS_WALK}`, ...halfYearBefore(startedAt), tip, '--'];
}

/**
 * `git log` of the reverts on the branch (`tip`) in the PAST_REVERT_DAYS before `startedAt`, down to
 * `stopAt` when given (pastRevertsBoundArgs), with the files each touched. `--raw` without `--numstat`
 * reads trees only, never file contents. The output is `parseGitLog`'s; keep what `isRevert` says
 * (git's --grep also matches a line inside a message).
 */
export function pastRevertsArgs(tip: string, startedAt: string, stopAt?: string): string[] {
  return [
    'log',
    '--no-merges',
    '--regexp-ignore-case',
    '--grep=^revert',
    ...halfYearBefore(startedAt),
    `--max-count=${PAST_REVERTS_MAX}`,
    `--format=${LOG_FORMAT_UNDECORATED}`,
    '--raw',
    '--no-abbrev',
    '--no-renames',
    '-z',
    tip,
    ...(stopAt ? [`^${stopAt}`] : []),
    '--',
  ];
}

/** A revert that had undone a candidate by the start, and whether a deploy had shipped it by then. */
export interface Undoing {
  readonly revert: Commit;
  /** A deploy shipped the revert before the start: the code it undid was no longer running. */
  readonly shipped: boolean;
}

/** How deep a chain of reverts of reverts is followed (a re-land, its revert, ...). */
const UNDO_CHAIN_MAX = 8;

/**
 * The candidates a revert among them had undone by the start, each with that revert: `reverts` are
 * the reverts that had landed by then, `landedAt` says when a commit reached the branch (its deploy,
 * else its commit time). A revert undoes a commit that landed no later than itself, which git's line
 * names or, when the line names no candidate, whose subject it quotes; a revert undone in turn (a
 * re-land by reverting the revert) undoes nothing.
 */
export function undoneByReverts(
  candidates: readonly Commit[],
  reverts: readonly Commit[],
  landedAt: (c: Commit) => number,
  shipped: (revert: Commit) => boolean,
): Map<string, Undoing> {
  // git's line when it names a candidate (a re-land keeps the subject it undid); else the subject
  // (a squash merge's line names a commit of its branch, or none).
  const named = new Map(
    reverts.map((r): [Commit, RevertTarget] => {
      const target = revertTarget(r);
      const byId = target.ids.some((id) => candidates.some((c) => c.sha.startsWith(id)));
      return [r, byId ? { ids: target.ids } : { ids: [], subject: target.subject }];
    }),
  );
  // Landed together (one pull request reverting its own step), the commit times decide.
  const notBefore = (r: Commit, c: Commit) =>
    landedAt(r) > landedAt(c) || (landedAt(r) === landedAt(c) && Date.parse(r.committedAt) >= Date.parse(c.committedAt));
  const memo = new Map<string, Commit | null>();
  const undoneBy = (c: Commit, depth: number): Commit | undefined => {
    const known = memo.get(c.sha);
    if (known !== undefined || depth > UNDO_CHAIN_MAX) {
      return known ?? undefined;
    }
    const by = reverts.find(
      (r) => r.sha !== c.sha && notBefore(r, c) && undoes(named.get(r) as RevertTarget, c) && !undoneBy(r, depth + 1),
    );
    memo.set(c.sha, by ?? null);
    return by;
  };
  const out = new Map<string, Undoing>();
  for (const c of candidates) {
    const revert = undoneBy(c, 0);
    if (revert) {
      out.set(c.sha, { revert, shipped: shipped(revert) });
    }
  }
  return out;
}
