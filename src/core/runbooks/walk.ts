// Where a responder is in a runbook: the path taken (a branch chosen at a decision jumps to its
// target, leaving the steps in between off the path), the current step and the progress on that path.

import { Runbook } from './model';
import { StepProgress } from './runbookEvents';

export interface WalkPosition {
  /** Step ids on the path taken so far, in walking order. */
  readonly path: readonly string[];
  /** The first step on the path that is neither done, skipped nor branched; undefined when finished. */
  readonly current?: string;
}

export function walkPosition(runbook: Runbook, progress: ReadonlyMap<string, StepProgress> | undefined): WalkPosition {
  const index = new Map(runbook.steps.map((s, i) => [s.id, i]));
  const path: string[] = [];
  const seen = new Set<number>();
  let current: string | undefined;
  let i = 0;
  // `seen` stops a loop of branches (a step going back to an earlier one) from walking forever.
  while (i < runbook.steps.length && !seen.has(i)) {
    seen.add(i);
    const step = runbook.steps[i];
    path.push(step.id);
    const p = progress?.get(step.id);
    if (!p || p.status === 'pending') {
      current ??= step.id;
    }
    const target = p?.status === 'branch' && p.branch ? index.get(p.branch.goto) : undefined;
    i = target !== undefined ? target : i + 1;
  }
  return { path, ...(current ? { current } : {}) };
}
