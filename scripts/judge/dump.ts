// What the judge saves of one correlation (--dump=DIR) so the ranking can be tried again without git.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { rankSuspects, Ranking, RankInput } from '../../src/core/correlation/rank';
import { Commit, Deploy } from '../../src/core/correlation/model';
import { serviceMatcher } from '../../src/core/correlation/servicePaths';
import { RankWeights } from '../../src/core/correlation/weights';
import { Outcome, outcomeOf } from './recall';

export interface JudgeDump {
  readonly repo: string;
  readonly culprit: string;
  readonly revert: string;
  readonly mode: string;
  readonly hint?: string;
  /** When the incident began (ISO): T, ten minutes before the revert was written. */
  readonly startedAt: string;
  readonly now: string;
  readonly deploys: readonly Deploy[];
  /** Candidates no deploy in the window shipped. */
  readonly undeployed: readonly string[];
  /** The candidates' commits (nothing after the window's end: the ranking never saw more). */
  readonly commits: readonly Commit[];
  /** The reverts of the months before the start (absent in dumps older than the seventh round). */
  readonly pastReverts?: readonly Commit[];
}

/** A dump ready to rank again: its commits by sha and its service hint as a matcher, built once. */
export interface LoadedDump {
  readonly file: string;
  readonly dump: JudgeDump;
  readonly input: Omit<RankInput, 'weights'>;
}

/** Every dump in `dir` (the judge's --dump=DIR), in file name order. */
export function loadDumps(dir: string): LoadedDump[] {
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((file) => {
      const dump = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as JudgeDump;
      const input: Omit<RankInput, 'weights'> = {
        startedAt: dump.startedAt,
        now: dump.now,
        deploys: dump.deploys,
        commits: new Map<string, Commit>(dump.commits.map((c) => [c.sha, c])),
        undeployed: dump.undeployed,
        pastReverts: dump.pastReverts,
        ...(dump.hint ? { service: { name: dump.hint, matches: serviceMatcher({ service: '', globs: [dump.hint] }) } } : {}),
      };
      return { file, dump, input };
    });
}

/** The culprit's outcome when `loaded` is ranked again with `weights`. */
export function rescoreDump(loaded: LoadedDump, weights?: RankWeights): { ranking: Ranking; outcome: Outcome } {
  const ranking = rankSuspects({ ...loaded.input, ...(weights ? { weights } : {}) });
  return { ranking, outcome: outcomeOf(ranking, loaded.dump.culprit) };
}
