// The points ranking gives each kind of fact about a change, in one place, so the judge
// (scripts/weightSearch.ts, docs/judge.md) can try others on real histories. Time is not here: the
// judge's window starts just before each culprit, so it favours old changes by construction; judged
// with windows starting two days before the culprit instead, every curve it lifts loses more than it
// gained (docs/judge.md, twentieth round), so the curve in rank.ts is kept where both balance.

import type { PathClass } from './pathClass';

export interface RankWeights {
  /** A change wholly in the service the responder named; a share of its files counts the share's square root. */
  readonly service: number;
  /** Each risky kind of file a change touches (configuration, a migration...), once per kind... */
  readonly risk: Readonly<Record<PathClass, number>>;
  /** ...and at most this much for all of them. */
  readonly riskMax: number;
  /** Size: points for each tenfold of lines changed... */
  readonly sizePerTenfold: number;
  /** ...plus a point for each ten files, at most this many... */
  readonly sizeFilesMax: number;
  /** ...and at most this much in all. */
  readonly sizeMax: number;
  /** Each later commit (before the start) that changed a file of this one again... */
  readonly followUp: number;
  /** ...at most this much. */
  readonly followUpMax: number;
  /** A revert in the half year before the start changed one of its files. */
  readonly revertedBefore: number;
  /** A pull request (or a deploy) counts this share of its other commits' own points... */
  readonly othersShare: number;
  /** ...at most this much. */
  readonly othersMax: number;
}

export const RANK_WEIGHTS: RankWeights = {
  // Outweighs a same-sized change elsewhere shipped up to about 2 h 45 m closer to the start. Raised
  // from 20 (2 h) after the judge: with the service hint no pair ranked lower and six rose.
  service: 25,
  // A tie-breaker worth about half an hour of time, not hours: on real histories configuration and
  // dependency changes are common and seldom the culprit (halved after the judge).
  risk: { migration: 5, iac: 4, config: 4, env: 4, dependency: 3 },
  riskMax: 10,
  // 3 points a tenfold of lines, a point per ten files (at most 3), at most 12 in all. A cap of 9 was
  // chosen by every fold of a search over ten open-source projects but cost a pair on a service
  // deployed from its repository (snuba), where the folds chose 15: no cap carries over (ninth round).
  sizePerTenfold: 3,
  sizeFilesMax: 3,
  sizeMax: 12,
  // People patch forward before they revert (the first round; fitted on etcd and loki).
  followUp: 4,
  followUpMax: 8,
  // About ten minutes of time: of the judge's culprits 19 % changed code a revert had changed in the
  // half year before, against 11 % of the other candidates; 3 points lost a pair with the hint.
  revertedBefore: 2,
  othersShare: 0.2,
  othersMax: 15,
};

/** What a pull request or a deploy adds for its other commits, given the sum of their own points. */
export function othersPoints(sum: number, weights: RankWeights): number {
  return Math.min(weights.othersMax, weights.othersShare * sum);
}
