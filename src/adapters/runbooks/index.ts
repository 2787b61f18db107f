// The runbooks adapter, bundled on its own (dist/runbooks.js) with the parsers and the yaml library,
// and loaded the first time runbooks are needed: they are most of what activation would load otherwise.
export { RunbookIndex } from './runbookIndex';
export { WorkerParser } from './workerParser';
export { discoverRunbookFiles, runbookFileFilter } from './discovery';
export type { FoundFile, RunbookFileFilter } from './discovery';
export { draftToYaml } from '../../core/runbooks/draftYaml';
