// The runbooks adapter, bundled on its own (dist/runbooks.js) with the parsers and the yaml library,
// and loaded the first time runbooks are needed: they are most of what activation would load otherwise.
export { RunbookIndex } from './runbookIndex';
export { WorkerParser } from './workerParser';
export { discoverRunbookFiles, runbookFileFilter } from './discovery';
export type { FoundFile, RunbookFileFilter } from './discovery';
export { draftToYaml } from '../../core/runbooks/draftYaml';

// The domain's runbook work that runs only once runbooks are in play: filling a step's command with
// the incident's values, its secrets, whether it is destructive (and which of a file's commands are); matching
// runbooks to an incident; a runbook's staleness; a draft from an incident. Re-exported here so it
// lives in this bundle rather than in activation's (src/vscode imports only their types).
export {
  assessStaleness,
  commandsAskingTwice,
  destructiveReason,
  draftRunbookFromIncident,
  fillVariables,
  isPlainWord,
  isSecretVariable,
  matchRunbooks,
  queryFromIncident,
  secretsOf,
  variablesFromIncident,
} from '../../core/runbooks';
