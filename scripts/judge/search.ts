// Searching the ranking's weights on the judge's dumps, honestly: a coordinate search that never
// lowers a repository it is fitted on, run leave-one-repository-out (fit on all but one repository,
// score the one left out) so a weight that only fits these pairs shows up as no gain where it was
// not fitted. Pure: the caller says how to rank (scripts/weightSearch.ts ranks the dumps).

import { RankWeights } from '../../src/core/correlation/weights';

/** One repository's recall in one mode, as counts of its pairs. */
export interface RepoRecall {
  readonly repo: string;
  readonly mode: string;
  readonly pairs: number;
  readonly at1: number;
  readonly at3: number;
  readonly at5: number;
}

/** A weight the search may change, and the values it tries. */
export interface Knob {
  readonly name: string;
  readonly values: readonly number[];
  readonly apply: (weights: RankWeights, value: number) => RankWeights;
}

const field = <K extends Exclude<keyof RankWeights, 'risk'>>(name: K, values: readonly number[]): Knob => ({
  name,
  values,
  apply: (w, v) => ({ ...w, [name]: v }),
});

/** Every weight but time (see weights.ts), with values from a third to about twice today's. */
export function defaultKnobs(start: RankWeights): Knob[] {
  return [
    field('service', [15, 20, 25, 30, 40]),
    {
      name: 'riskScale',
      values: [0, 0.5, 1, 1.5],
      apply: (w, v) => ({
        ...w,
        risk: Object.fromEntries(Object.entries(start.risk).map(([k, p]) => [k, p * v])) as RankWeights['risk'],
      }),
    },
    field('riskMax', [0, 4, 6, 10, 15]),
    field('sizePerTenfold', [1, 2, 3, 4, 5]),
    field('sizeFilesMax', [0, 1, 3, 5]),
    field('sizeMax', [6, 9, 12, 15, 20]),
    field('followUp', [0, 2, 3, 4, 5, 6, 8]),
    field('followUpMax', [4, 6, 8, 12, 16]),
    field('revertedBefore', [0, 1, 2, 3, 4, 6]),
    field('othersShare', [0, 0.1, 0.2, 0.3, 0.5]),
    field('othersMax', [5, 10, 15, 25]),
  ];
}

const key = (r: Pick<RepoRecall, 'repo' | 'mode'>) => `${r.repo}\u0000${r.mode}`;

/**
 * How good `recall` is on `repos`: recall@3 without hints first, then with the service hint, then
 * @1 and @5; -Infinity when any of those repositories' recall@3 falls below `baseline` in any mode
 * (the judge's rule: never tune one repository at another's expense).
 */
export function objective(recall: readonly RepoRecall[], baseline: readonly RepoRecall[], repos: ReadonlySet<string>): number {
  const before = new Map(baseline.map((r) => [key(r), r]));
  let score = 0;
  for (const r of recall) {
    if (!repos.has(r.repo)) {
      continue;
    }
    if (r.at3 < (before.get(key(r))?.at3 ?? 0)) {
      return -Infinity;
    }
    score += r.at3 * (r.mode === 'no hints' ? 100 : 30) + r.at1 + r.at5;
  }
  return score;
}

/** What a weight vector is, for reports and caching: the knobs' values that differ from `start`'s. */
export function describeWeights(weights: RankWeights, start: RankWeights): string {
  const changed = Object.keys(start)
    .filter((k) => JSON.stringify(weights[k as keyof RankWeights]) !== JSON.stringify(start[k as keyof RankWeights]))
    .map((k) => `${k} ${JSON.stringify(weights[k as keyof RankWeights])}`);
  return changed.length ? changed.join(', ') : 'unchanged';
}

/** `evaluate` with each weight vector ranked once, however many folds ask for it. */
export function memoized(evaluate: (w: RankWeights) => readonly RepoRecall[]): (w: RankWeights) => readonly RepoRecall[] {
  const seen = new Map<string, readonly RepoRecall[]>();
  return (w) => {
    const id = JSON.stringify(w);
    let recall = seen.get(id);
    if (!recall) {
      recall = evaluate(w);
      seen.set(id, recall);
    }
    return recall;
  };
}

/**
 * Coordinate ascent from `start`: each knob's values in turn, keeping a value only when it raises the
 * objective on `repos`, until a sweep keeps nothing (at most `sweeps`).
 */
export function coordinateSearch(
  evaluate: (w: RankWeights) => readonly RepoRecall[],
  knobs: readonly Knob[],
  start: RankWeights,
  repos: ReadonlySet<string>,
  sweeps = 3,
): { weights: RankWeights; recall: readonly RepoRecall[] } {
  const baseline = evaluate(start);
  let best = { weights: start, recall: baseline, score: objective(baseline, baseline, repos) };
  for (let sweep = 0; sweep < sweeps; sweep++) {
    let kept = false;
    for (const knob of knobs) {
      for (const value of knob.values) {
        const weights = knob.apply(best.weights, value);
        const recall = evaluate(weights);
        const score = objective(recall, baseline, repos);
        if (score > best.score) {
          best = { weights, recall, score };
          kept = true;
        }
      }
    }
    if (!kept) {
      break;
    }
  }
  return { weights: best.weights, recall: best.recall };
}

export interface Fold {
  /** The repository left out of the fit. */
  readonly heldOut: string;
  /** The weights fitted on the other repositories. */
  readonly weights: RankWeights;
  /** The held-out repository's recall with `start` and with the fitted weights, per mode. */
  readonly before: readonly RepoRecall[];
  readonly after: readonly RepoRecall[];
}

/** For each repository: fit on all the others, then score it with what they chose. */
export function leaveOneRepositoryOut(
  evaluate: (w: RankWeights) => readonly RepoRecall[],
  knobs: readonly Knob[],
  start: RankWeights,
  sweeps = 3,
): Fold[] {
  const baseline = evaluate(start);
  const repos = [...new Set(baseline.map((r) => r.repo))].sort();
  return repos.map((heldOut) => {
    const fitted = coordinateSearch(evaluate, knobs, start, new Set(repos.filter((r) => r !== heldOut)), sweeps);
    return {
      heldOut,
      weights: fitted.weights,
      before: baseline.filter((r) => r.repo === heldOut),
      after: fitted.recall.filter((r) => r.repo === heldOut),
    };
  });
}
