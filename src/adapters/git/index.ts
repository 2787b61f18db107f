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
