// How well a ranking found the culprits: recall@k over the judged pairs, beside a baseline ranked
// the naive way ("most recent commit first") over the same candidates, and the runtime figures.

export interface Candidate {
  readonly sha: string;
  /** ISO 8601. */
  readonly committedAt: string;
}

/**
 * One judged pair: the culprit's 1-based rank, `miss` when it was not a candidate, the error, or
 * why it could not be judged at all (then it is not one of the pairs).
 */
export type Outcome =
  | { readonly rank: number; readonly baseline: number; readonly commitRank?: number }
  | { readonly miss: true }
  | { readonly error: string }
  | { readonly skipped: string };

export interface RecallSummary {
  readonly pairs: number;
  readonly at1: number;
  readonly at3: number;
  readonly at5: number;
  readonly baseline: { readonly at1: number; readonly at3: number; readonly at5: number };
  /** The culprit's rank among single commits (before changes were grouped as merged), where recorded. */
  readonly commits?: { readonly at1: number; readonly at3: number; readonly at5: number };
  readonly errors: number;
  readonly misses: number;
  readonly skipped: number;
}

/** 1-based rank of `sha` in `ranked`, or undefined when it is not there. */
export function rankOf(ranked: readonly { readonly sha: string }[], sha: string): number | undefined {
  const index = ranked.findIndex((c) => c.sha === sha);
  return index < 0 ? undefined : index + 1;
}

/** The baseline: the same candidates, most recently committed first (ties by sha, so it is stable). */
export function baselineRank(candidates: readonly Candidate[], sha: string): number | undefined {
  const sorted = candidates
    .map((c) => ({ sha: c.sha, at: Date.parse(c.committedAt) }))
    .sort((a, b) => b.at - a.at || (a.sha < b.sha ? -1 : 1));
  return rankOf(sorted, sha);
}

/** A change as merged (a pull request with its commits, or a commit alone): see core/correlation/changes.ts. */
export interface ChangeCandidate {
  readonly sha: string;
  readonly commits: readonly Candidate[];
}

/** 1-based rank of the item that is `sha` or holds it among its commits (a change: the merge or one of its commits). */
export function changeRankOf(
  changes: readonly { readonly sha: string; readonly commits?: readonly { readonly sha: string }[] }[],
  sha: string,
): number | undefined {
  const index = changes.findIndex((c) => c.sha === sha || (c.commits?.some((m) => m.sha === sha) ?? false));
  return index < 0 ? undefined : index + 1;
}

/**
 * The culprit's outcome in one ranking: the rank of the change that holds it against the baseline
 * over the same changes, with its rank among single commits beside them; a miss when it is not there.
 */
export function outcomeOf(
  ranking: { readonly changes: readonly ChangeCandidate[]; readonly commits: readonly Candidate[] },
  culprit: string,
): Outcome {
  const rank = changeRankOf(ranking.changes, culprit);
  const baseline = changeBaselineRank(ranking.changes, culprit);
  const commitRank = rankOf(ranking.commits, culprit);
  return rank === undefined || baseline === undefined ? { miss: true } : { rank, baseline, ...(commitRank ? { commitRank } : {}) };
}

/** The baseline over changes: most recent first, a change dated by its newest commit (ties by sha). */
export function changeBaselineRank(changes: readonly ChangeCandidate[], sha: string): number | undefined {
  const newest = (c: ChangeCandidate) => Math.max(...c.commits.map((m) => Date.parse(m.committedAt)));
  const sorted = changes
    .map((c) => ({ c, at: newest(c) }))
    .sort((a, b) => b.at - a.at || (a.c.sha < b.c.sha ? -1 : 1))
    .map((x) => x.c);
  return changeRankOf(sorted, sha);
}

const share = (n: number, of: number) => (of === 0 ? 0 : Math.round((n / of) * 1000) / 1000);

/** Recall@k counts every judged pair (a miss or an error is a pair the ranking did not get right). */
export function summarize(all: readonly Outcome[]): RecallSummary {
  const outcomes = all.filter((o) => !('skipped' in o));
  const ranks = outcomes.filter((o): o is { rank: number; baseline: number; commitRank?: number } => 'rank' in o);
  const within = (k: number, pick: (o: { rank: number; baseline: number; commitRank?: number }) => number) =>
    share(ranks.filter((o) => pick(o) <= k).length, outcomes.length);
  return {
    pairs: outcomes.length,
    at1: within(1, (o) => o.rank),
    at3: within(3, (o) => o.rank),
    at5: within(5, (o) => o.rank),
    baseline: { at1: within(1, (o) => o.baseline), at3: within(3, (o) => o.baseline), at5: within(5, (o) => o.baseline) },
    ...(ranks.some((o) => o.commitRank !== undefined)
      ? {
          commits: {
            at1: within(1, (o) => o.commitRank ?? Infinity),
            at3: within(3, (o) => o.commitRank ?? Infinity),
            at5: within(5, (o) => o.commitRank ?? Infinity),
          },
        }
      : {}),
    errors: outcomes.filter((o) => 'error' in o).length,
    misses: outcomes.filter((o) => 'miss' in o).length,
    skipped: all.length - outcomes.length,
  };
}

/** Median and worst of the per-correlation times, in ms (0 when there were none). */
export function runtime(times: readonly number[]): { medianMs: number; worstMs: number } {
  if (!times.length) {
    return { medianMs: 0, worstMs: 0 };
  }
  const sorted = [...times].sort((a, b) => a - b);
  return { medianMs: Math.round(sorted[Math.floor(sorted.length / 2)]), worstMs: Math.round(sorted[sorted.length - 1]) };
}

export interface Explained {
  readonly sha: string;
  /** A change's commits: the culprit may be one of them rather than the change's own sha. */
  readonly commits?: readonly { readonly sha: string }[];
  readonly subject: string;
  readonly score: number;
  readonly reasons: readonly { readonly points: number; readonly text: string }[];
}

/**
 * Why a culprit ranked below the top `top`: those above it and the culprit itself, each with its
 * score and the reasons that gave it points, so misses can be grouped by cause. Empty when it made it.
 */
export function missLines(ranked: readonly Explained[], sha: string, top = 3): string[] {
  const rank = changeRankOf(ranked, sha);
  if (rank === undefined || rank <= top) {
    return [];
  }
  const line = (c: Explained, at: number, label: string) =>
    `    ${label}${at}. ${c.score}  ${c.sha.slice(0, 10)} "${c.subject}": ${
      c.reasons
        .filter((r) => r.points !== 0)
        .map((r) => `${r.points > 0 ? '+' : ''}${r.points} ${r.text}`)
        .join('; ') || 'no points'
    }`;
  return [...ranked.slice(0, top).map((c, i) => line(c, i + 1, '')), line(ranked[rank - 1], rank, 'culprit ')];
}
