// The file a responder most likely wants open beside a runbook: in the commit (or pull request) marked as the cause,
// else the best-ranked commit nobody cleared, its biggest change that still exists (under its new name
// when a later commit moved it).
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { RankedCommit } from '../../core/correlation/rank';
import { foldSuspectMarks, verdictFor } from '../../core/correlation/suspectMarks';
import { IncidentModel } from '../incidentModel';
import { gitAdapter } from '../lazyAdapters';
import { CorrelationRuns } from './runs';

export async function topSuspectFile(runs: CorrelationRuns, model: IncidentModel, incidentId: string): Promise<vscode.Uri | undefined> {
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
  const repo = done.result.repo.topLevel;
  for (const c of change ? change.commits : commit ? [commit] : []) {
    const where = await whereNow(repo, c.sha, bySize(c));
    if (where !== undefined) {
      return vscode.Uri.file(path.join(repo, where));
    }
  }
  return undefined;
}

/**
 * Where the first of `files` (in that order), as commit `sha` left them, that is in the working tree
 * now is: under its own path, or the name a later commit moved it to; undefined when all are gone. Git
 * is asked once at most (git failing counts as not moved).
 */
export async function whereNow(repo: string, sha: string, files: readonly string[]): Promise<string | undefined> {
  let moves: Promise<ReadonlyMap<string, string>> | undefined;
  for (const file of files) {
    if (fs.existsSync(path.join(repo, file))) {
      return file;
    }
    moves ??= gitAdapter()
      .laterNames(repo, sha)
      .catch(() => new Map<string, string>());
    const moved = (await moves).get(file);
    if (moved !== undefined && fs.existsSync(path.join(repo, moved))) {
      return moved;
    }
  }
  return undefined;
}

/** The commit's files that can be opened (no binary, no submodule, not deleted), most changed lines first. */
function bySize(commit: RankedCommit): string[] {
  return commit.files
    .filter((f) => f.status !== 'deleted' && !f.binary && !f.submodule)
    .sort((a, b) => b.additions + b.deletions - (a.additions + a.deletions))
    .map((f) => f.path);
}
