// What the judge saves of one correlation (--dump=DIR) so the ranking can be tried again without git.

import { Commit, Deploy } from '../../src/core/correlation/model';

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
