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

/** A module required on the first call, then the same one. */
function once<T>(load: () => T): () => T {
  let loaded: T | undefined;
  return () => (loaded ??= load());
}

// eslint-disable-next-line @typescript-eslint/no-require-imports
const gitOnce = once(() => require('../adapters/git') as typeof GitAdapter);
/** The git adapter; throws (saying why) in an untrusted workspace, so no path there reaches git. */
export function gitAdapter(): typeof GitAdapter {
  requireTrustForGit();
  return gitOnce();
}

/** Runbook discovery, the index and the parsers (with the yaml library). */
// eslint-disable-next-line @typescript-eslint/no-require-imports
export const runbooksAdapter = once(() => require('../adapters/runbooks') as typeof RunbooksAdapter);

/** Team sync over PostgreSQL (node-postgres): loaded only once a server is configured. */
// eslint-disable-next-line @typescript-eslint/no-require-imports
export const syncAdapter = once(() => require('../adapters/sync') as typeof SyncAdapter);

/** Post-incident review files (read, draft, merge). */
// eslint-disable-next-line @typescript-eslint/no-require-imports
export const learningAdapter = once(() => require('../adapters/learning') as typeof LearningAdapter);

// eslint-disable-next-line @typescript-eslint/no-require-imports
const kpiOnce = once(() => require('../adapters/kpi') as typeof KpiAdapter);
/** The dashboard's git lookup (files of the commits marked cause); throws in an untrusted workspace. */
export function kpiAdapter(): typeof KpiAdapter {
  requireTrustForGit();
  return kpiOnce();
}

/**
 * The dashboard's metrics, on-call load and exports (pure, so no trust needed): the same bundle as
 * kpiAdapter, loaded when the dashboard is first opened.
 */
export function kpiReports(): Pick<typeof KpiAdapter, 'computeMetrics' | 'metricsCsv' | 'metricsMarkdown' | 'oncallLoad' | 'loadMarkdown'> {
  return kpiOnce();
}

/** The alert sources and update channels over HTTP (with axios): loaded once a source is configured. */
// eslint-disable-next-line @typescript-eslint/no-require-imports
export const alertsAdapter = once(() => require('../adapters/alerts') as typeof AlertsAdapter);

/** The rotation file's reader (with the yaml library): loaded when a folder's on-call is first asked about. */
// eslint-disable-next-line @typescript-eslint/no-require-imports
export const oncallAdapter = once(() => require('../adapters/oncall') as typeof OncallAdapter);

/** Prompts, redaction and answer checks for AI assist: loaded on the first use of a model. */
// eslint-disable-next-line @typescript-eslint/no-require-imports
export const assistAdapter = once(() => require('../adapters/assist') as typeof AssistAdapter);

/** Game day scenario files (with the yaml library) and score sheets: loaded when a drill starts. */
// eslint-disable-next-line @typescript-eslint/no-require-imports
export const drillsAdapter = once(() => require('../adapters/drills') as typeof DrillsAdapter);
