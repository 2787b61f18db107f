// The reliability dashboard's one piece of outside data: which files each commit marked cause
// changed, read from git so recurrence can say "both touched src/db/pool.ts". Bundled on its own
// (dist/kpi.js) and loaded on first use; git is started directly (no simple-git in this bundle).

import { Incident } from '../../core/incident';
import { computeMetrics, Metrics } from '../../core/learning/metrics';
import { causeShas } from '../../core/learning/recurrence';
import { gitOutput } from '../git/gitSpawn';

// The dashboard's computing and its exports ride here too, off the activation path: the extension
// calls them through lazyAdapters.kpiReports() when the dashboard is first opened or exported.
export { computeMetrics } from '../../core/learning/metrics';
export { metricsCsv, metricsMarkdown } from '../../core/learning/metricsExport';
export { oncallLoad } from '../../core/oncall/load';
export { loadMarkdown } from '../../core/oncall/summary';

export interface CommitFilesOptions {
  readonly binary?: string;
  /** How many git processes at once (the machine is shared with the editor). */
  readonly concurrency?: number;
}

const SHA = /^[0-9a-f]{7,64}$/;

/**
 * The files each commit changed (renames under their new name), by the sha as asked. A sha git does
 * not know (not fetched, a typo in a teammate's mark) is left out, not an error: recurrence then sees
 * only the action item links.
 */
export async function commitFiles(
  repoDir: string,
  shas: Iterable<string>,
  options: CommitFilesOptions = {},
): Promise<Map<string, readonly string[]>> {
  const binary = options.binary ?? 'git';
  // Marks are checked by the core fold; checked again here because they become git arguments.
  const queue = [...new Set(shas)].filter((sha) => SHA.test(sha));
  const result = new Map<string, readonly string[]>();
  const worker = async (): Promise<void> => {
    for (let sha = queue.shift(); sha !== undefined; sha = queue.shift()) {
      const out = await gitOutput(repoDir, binary, [
        'diff-tree',
        '--no-commit-id',
        '--name-only',
        '-r',
        '-z',
        '--root',
        '-M',
        // A merge (a pull request marked the cause) has no files of its own: what it brought to its branch.
        '--diff-merges=first-parent',
        `${sha}^{commit}`,
      ]);
      if (out !== undefined) {
        result.set(
          sha,
          out.split('\0').filter((f) => f !== ''),
        );
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.concurrency ?? 4) }, worker));
  return result;
}

/** All KPIs over the incidents, with the files of their cause commits read from git in `repoDir`. */
export async function metricsWithGit(
  incidents: readonly Incident[],
  repoDir: string,
  options: { readonly now: Date; readonly days: number; readonly recurrenceDays: number; readonly binary?: string },
): Promise<Metrics> {
  const files = await commitFiles(repoDir, incidents.flatMap(causeShas), { binary: options.binary });
  return computeMetrics(incidents, { ...options, filesOf: (sha) => files.get(sha) });
}
