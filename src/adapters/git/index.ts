// The git adapter, bundled on its own (dist/git.js) and loaded only when correlation is first used.
export { findSuspects } from './findSuspects';
export type { FindSuspectsOptions, RepoSummary, SuspectsResult } from './findSuspects';
export { releasesContaining } from './releases';
export type { ReleaseRef, ReleasesOptions } from './releases';
export { GitCorrelationError, lacksObject } from './gitErrors';
export type { GitProblem } from './gitErrors';
export { changedLines, commitText, fileAtRevision, formerNames, laterNames, readCommit } from './changedLines';
export type { ChangedLines } from './changedLines';
export { runbookChanges, parseNameStatusLog } from './runbookChanges';
export { blameFile, headCommit } from './blame';
export type { BlameOptions } from './blame';
export { findActionClosures } from './actionClosures';
export type { ActionClosureOptions, ActionClosureScan } from './actionClosures';
export { commitTime, recentCommits, resolveCommit, RECENT_COMMITS } from './deployedCommits';
export type { RecentCommit } from './deployedCommits';
// Read and written here, in the git bundle, rather than in the extension's: only correlation and Record a Deploy need them.
export {
  deployBeforeCommit,
  deployEntry,
  deployName,
  environmentsOffered,
  isEnvironmentName,
  recordedDeploys,
} from '../../core/correlation/evidenceEvents';
