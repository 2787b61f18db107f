// Heavy adapters load on first use, not at activation. esbuild turns these requires into
// `require('./git.js')`, `require('./runbooks.js')` ... (separate bundles; see esbuild.mjs), so
// dist/extension.js stays small; unbundled (tests) they resolve to the compiled sources.
// Only `import type` of those adapters is allowed elsewhere in src/vscode.
import type * as GitAdapter from '../adapters/git';
import type * as RunbooksAdapter from '../adapters/runbooks';
import type * as SyncAdapter from '../adapters/sync';
import type * as LearningAdapter from '../adapters/learning';
import type * as KpiAdapter from '../adapters/kpi';
import type * as AlertsAdapter from '../adapters/alerts';
import type * as OncallAdapter from '../adapters/oncall';
import type * as AssistAdapter from '../adapters/assist';
import type * as DrillsAdapter from '../adapters/drills';
import { requireTrustForGit } from './trust';

let git: typeof GitAdapter | undefined;
let runbooks: typeof RunbooksAdapter | undefined;
let sync: typeof SyncAdapter | undefined;
let learning: typeof LearningAdapter | undefined;
let kpi: typeof KpiAdapter | undefined;
let alerts: typeof AlertsAdapter | undefined;
let oncall: typeof OncallAdapter | undefined;
let assist: typeof AssistAdapter | undefined;
let drills: typeof DrillsAdapter | undefined;

/** The git adapter; throws (saying why) in an untrusted workspace, so no path there reaches git. */
export function gitAdapter(): typeof GitAdapter {
  requireTrustForGit();
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  git ??= require('../adapters/git') as typeof GitAdapter;
  return git;
}

/** Runbook discovery, the index and the parsers (with the yaml library). */
export function runbooksAdapter(): typeof RunbooksAdapter {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  runbooks ??= require('../adapters/runbooks') as typeof RunbooksAdapter;
  return runbooks;
}

/** Team sync over PostgreSQL (node-postgres): loaded only once a server is configured. */
export function syncAdapter(): typeof SyncAdapter {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  sync ??= require('../adapters/sync') as typeof SyncAdapter;
  return sync;
}

/** Post-incident review files (read, draft, merge). */
export function learningAdapter(): typeof LearningAdapter {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  learning ??= require('../adapters/learning') as typeof LearningAdapter;
  return learning;
}

/** The dashboard's git lookup (files of the commits marked cause); throws in an untrusted workspace. */
export function kpiAdapter(): typeof KpiAdapter {
  requireTrustForGit();
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  kpi ??= require('../adapters/kpi') as typeof KpiAdapter;
  return kpi;
}

/** The alert sources and update channels over HTTP (with axios): loaded once a source is configured. */
export function alertsAdapter(): typeof AlertsAdapter {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  alerts ??= require('../adapters/alerts') as typeof AlertsAdapter;
  return alerts;
}

/** The rotation file's reader (with the yaml library): loaded when a folder's on-call is first asked about. */
export function oncallAdapter(): typeof OncallAdapter {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  oncall ??= require('../adapters/oncall') as typeof OncallAdapter;
  return oncall;
}

/** Prompts, redaction and answer checks for AI assist: loaded on the first use of a model. */
export function assistAdapter(): typeof AssistAdapter {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  assist ??= require('../adapters/assist') as typeof AssistAdapter;
  return assist;
}

/** Game day scenario files (with the yaml library) and score sheets: loaded when a drill starts. */
export function drillsAdapter(): typeof DrillsAdapter {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  drills ??= require('../adapters/drills') as typeof DrillsAdapter;
  return drills;
}
