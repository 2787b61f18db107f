// The runbooks feature's public surface, for the adapters, the CLI and the VS Code layer.
export * from './model';
export { parseRunbookFile, runbookFormatOf } from './runbookFile';
export { parseYamlRunbooks } from './yamlRunbook';
export { parseMarkdownRunbooks, githubAnchor } from './markdownRunbook';
export {
  findVariables,
  fillVariables,
  variablesOf,
  variablesFromIncident,
  shellQuote,
  variableKey,
  isSecretVariable,
  isPlainWord,
  showControls,
  quoteContexts,
} from './variables';
export type { CommandVariable, FilledCommand, NamingShell, QuoteContext } from './variables';
export { namingShellOf, quotesCsh, quotesForeign, shellKind } from './shells';
export type { ShellKind } from './shells';
export { noticeTargetIn } from './movedNotice';
export { destructiveFindings, destructiveReason } from './destructive';
export type { DestructiveFinding } from './destructive';
export { commandsAskingTwice } from './asksTwice';
export type { AskingTwiceInFile, CommandAskingTwice } from './asksTwice';
export { matchRunbooks, scoreRunbook, queryFromIncident, linkTarget, MATCH_WEIGHTS } from './match';
export type { IncidentAlert, RunbookQuery, RunbookMatch, MatchOptions } from './match';
export * from './runbookEvents';
export { draftRunbookFromIncident } from './draft';
export { draftToYaml } from './draftYaml';
export type { RunbookDraft, DraftStep } from './draft';
export { assessStaleness } from './staleness';
export type { RepoChange, StaleReason, Staleness } from './staleness';
export { parseMatcher, matcherMatches, formatMatcher } from './matchers';
export { walkPosition } from './walk';
export type { WalkPosition } from './walk';
