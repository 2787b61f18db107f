// The file a responder most likely wants open beside a runbook: in the commit marked as the cause,
// else the best-ranked commit nobody cleared, its biggest change that still exists.
import * as path from 'node:path';
import * as vscode from 'vscode';
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
  const file = commit?.files
    .filter((f) => f.status !== 'deleted' && !f.binary && !f.submodule)
    .sort((a, b) => b.additions + b.deletions - (a.additions + a.deletions))[0];
  return file ? vscode.Uri.file(path.join(done.result.repo.topLevel, file.path)) : undefined;
}
