// The suspects a prompt is grounded in, from correlation's ranking: as they were merged, like the
// Suspect deploys section and the judge (docs/judge.md). A pull request is one suspect, cited by its
// merge (which opens the whole pull request's diff), with its commits named and its one revert; a
// commit that came alone is itself.

import { branchCommits, changeFiles, RankedChange } from '../correlation/changes';
import { filesAsMoved, MovedFileChange } from '../correlation/moves';
import type { RankedCommit, Ranking } from '../correlation/rank';
import type { SuspectInput } from './grounding';
import { listFirst } from '../text/strings';

function shipped(c: RankedCommit): string | undefined {
  return c.deploy ? `${c.deploy.name} to ${c.deploy.environment} at ${c.deploy.at}` : undefined;
}

/** A file as the model reads it: a moved one once, from its old path to its new one, with what the move changed. */
function fileInput(f: MovedFileChange): { path: string; additions: number; deletions: number } {
  return { path: f.from === undefined ? f.path : `${f.from} → ${f.path}`, additions: f.additions, deletions: f.deletions };
}

function commitInput(c: RankedCommit): SuspectInput {
  const deploy = shipped(c);
  return {
    sha: c.sha,
    subject: c.subject,
    author: c.author,
    committedAt: c.committedAt,
    score: c.score,
    reasons: c.reasons.map((r) => r.text),
    files: filesAsMoved(c).map(fileInput),
    ...(deploy ? { deploy } : {}),
    revert: c.revertCommand,
  };
}

function pullRequestInput(change: RankedChange): SuspectInput {
  const merge = change.commits.find((c) => c.sha === change.sha);
  const branch = change.commits.filter((c) => c !== merge);
  const deploy = merge ? shipped(merge) : undefined;
  const authors = [...new Set(branch.map((c) => c.author))];
  return {
    sha: change.sha,
    subject: change.title,
    author: authors.join(', '),
    ...(merge ? { committedAt: merge.committedAt } : {}),
    score: change.score,
    reasons: change.reasons.map((r) => r.text),
    files: changeFiles(change).map(fileInput),
    ...(deploy ? { deploy } : {}),
    pullRequest: `${change.pullRequest ? `pull request ${change.pullRequest}` : 'merge'} of ${branchCommits(change)}: ${listFirst(
      branch.map((c) => `${c.shortSha} "${c.subject}"`),
      5,
    )}`,
    members: branch.map((c) => c.sha),
    revert: change.revertCommand,
  };
}

/** The ranking's changes, most suspect first, as prompt suspects (at most `max`). */
export function suspectInputs(ranking: Pick<Ranking, 'changes'>, max: number): SuspectInput[] {
  return ranking.changes
    .slice(0, max)
    .map((change) => (change.commits.length > 1 ? pullRequestInput(change) : commitInput(change.commits[0])));
}
