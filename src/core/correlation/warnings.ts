// What the responder should know about a correlation run (shallow clone, detached HEAD, huge
// merges, a deploy log that could not be read), worded once here; the adapter finds the facts.
import { DeployLogProblem } from './deployLog';
import { Commit, Deploy } from './model';
import { CorrelationWindow } from './window';
import { count } from '../text/count';

/** A deploy shipping more commits than this is named: its commits are ranked one by one. */
export const HUGE_DEPLOY_COMMITS = 200;

export function detachedHeadWarning(headSha: string | undefined, branch: string): string {
  return `HEAD is detached at ${headSha?.slice(0, 7) ?? '?'}; deploys are read from ${branch}`;
}

/** `problem`: why the file was not read (insideFolder's readRegularFile, or outside the repository). */
export function deployLogUnreadWarning(logPath: string, root: string, problem: string): string {
  return `deploy log ${logPath} ${problem === 'not found' ? `not found in ${root}` : `${problem} (${root}): not read`}`;
}

export function deployLogProblemWarnings(logPath: string, problems: readonly DeployLogProblem[]): string[] {
  return problems.map((problem) => `${logPath}:${problem.line}: ${problem.message}`);
}

/** How noDeploysMarkedWarning begins, so a view can offer its way out (Record a Deploy) without rewording it. */
export const NO_DEPLOYS_MARKED = 'no deploys marked';

/**
 * Commits landed on the branch in the window but nothing marked a deploy (a team that squash-merges
 * and deploys from the branch without tags): the commits are still ranked, as landed, rather than
 * the window read as empty.
 */
export function noDeploysMarkedWarning(commits: number, branch: string): string {
  const one = commits === 1;
  return (
    `${NO_DEPLOYS_MARKED}: the ${one ? 'commit' : `${commits} commits`} that landed on ${branch} ${one ? 'is' : 'are'} ranked as landed, ` +
    `${one ? 'its' : 'their'} time counting half (deploys are read from release tags, merges into ${branch}, a deploy log, Deployed-to trailers, ` +
    'the timeline: Record a Deploy… adds one you know of)'
  );
}

/** Why git lacked an object, said the same wherever it shows (`what`: what git needed it for). */
function lacksObjects(what: string): string {
  return `this clone lacks objects git needs to ${what} (a partial clone, which War Room does not let git fetch into, or a damaged one)`;
}

/** Some of the window's commits were read without line counts (Commit.linesUnknown). */
export function linesUnknownWarning(): string {
  return `no line counts: ${lacksObjects("diff the window's commits")}, so suspects are ranked by the files they touched. A full clone ranks them by lines too; \`git fsck\` lists what is missing.`;
}

/** Blame of `file` failed for a missing object: the editor shows no suspect lines there, and says why once. */
export function blameLacksObjectsWarning(file: string): string {
  return `Suspect lines in ${file} are not marked: ${lacksObjects('blame it')}. A full clone marks them; run git fsck to list what is missing.`;
}

export function commitLimitWarning(maxCommits: number): string {
  return `more than ${maxCommits} commits shipped in the window; only the newest ${maxCommits} were read`;
}

/** Huge deploys, then commits whose files were cut at the adapter's per-commit limit. */
export function sizeWarnings(deploys: readonly Deploy[], commits: readonly Commit[]): string[] {
  const warnings: string[] = [];
  for (const deploy of deploys) {
    if (deploy.commits.length > HUGE_DEPLOY_COMMITS) {
      warnings.push(`${deploy.name} (${deploy.sha.slice(0, 7)}) ships ${deploy.commits.length} commits; each is ranked on its own`);
    }
  }
  for (const commit of commits) {
    if (commit.filesOmitted > 0) {
      warnings.push(
        `${commit.sha.slice(0, 7)} touches ${commit.files.length + commit.filesOmitted} files; only the first ${commit.files.length} are ranked`,
      );
    }
  }
  return warnings;
}

/**
 * `oldest`: the newest cut-off commit's date (ISO) when git could date them; `cutOffs`: how many
 * shas the shallow file lists.
 */
export function shallowCloneWarning(oldest: string | undefined, cutOffs: number, window: CorrelationWindow): string {
  const gap =
    oldest && Date.parse(oldest) > Date.parse(window.from) ? ` The window starts at ${window.from}, so part of it is missing.` : '';
  return oldest
    ? `shallow clone: history before ${oldest} is missing (${count(cutOffs, 'cut-off point')}); older deploys and commits are not seen.${gap} Run \`git fetch --unshallow\` for the full history.`
    : 'shallow clone: older history is missing; run `git fetch --unshallow` for the full history.';
}
