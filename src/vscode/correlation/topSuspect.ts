// The file a responder most likely wants open beside a runbook: in the commit (or pull request) marked as the cause,
// else the best-ranked commit nobody cleared, its biggest change that still exists.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { RankedCommit } from '../../core/correlation/rank';
import { foldSuspectMarks, verdictFor } from '../../core/correlation/suspectMarks';
import { IncidentModel } from '../incidentModel';
import { CorrelationRuns } from './runs';

export function topSuspectFile(runs: CorrelationRuns, model: IncidentModel, incidentId: string): vscode.Uri | undefined {
  const done = runs.latest(incidentId);
  const ref = model.find(incidentId);
  if (!done || !ref) {
    return undefined;
  }
  const marks = foldSuspectMarks(ref.incident.events);
  const commits = done.result.ranking.commits;
  const commit =
    commits.find((c) => verdictFor(marks, c.sha)?.verdict === 'cause') ??
    commits.find((c) => verdictFor(marks, c.sha)?.verdict !== 'cleared');
  // A merge has no files of its own: a pull request marked as the cause shows its most suspect commit's.
  const change = commit?.isMerge ? done.result.ranking.changes.find((c) => c.sha === commit.sha) : undefined;
  const file = (change ? change.commits : commit ? [commit] : []).map(largestFile).find((f) => f !== undefined);
  return file ? vscode.Uri.file(path.join(done.result.repo.topLevel, file.path)) : undefined;
}

/** The commit's file with the most changed lines that is still there to open (no binary, no submodule). */
function largestFile(commit: RankedCommit): { readonly path: string } | undefined {
  return commit.files
    .filter((f) => f.status !== 'deleted' && !f.binary && !f.submodule)
    .sort((a, b) => b.additions + b.deletions - (a.additions + a.deletions))[0];
}
