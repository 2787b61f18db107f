// Named sets of repositories (`--set=dev:etcd-io/etcd,grafana/loki,prometheus/prometheus`), so the
// judge and the re-scorer print the figure a goal is set on (the dev set's recall@3) pooled over its
// pairs, instead of leaving it to be added up from the rows of each repository.

import { Outcome, RecallSummary, runtime, summarize } from './recall';

export interface RepoSet {
  readonly name: string;
  /** Repository names as the judge prints them (`owner/name`). */
  readonly repos: readonly string[];
}

/**
 * The `--set=NAME:owner/name,owner/name` arguments, in order. A set named twice, an empty name or an
 * empty list is refused with the argument quoted: a set silently missing a repository would print a
 * figure for fewer pairs than its name says.
 */
export function parseSets(args: readonly string[]): RepoSet[] {
  const sets: RepoSet[] = [];
  for (const arg of args) {
    if (!arg.startsWith('--set=')) {
      continue;
    }
    const match = /^--set=([^:]+):(.+)$/.exec(arg);
    const repos = match ? match[2].split(',').map((r) => r.trim()) : [];
    if (!match || !match[1].trim() || repos.some((r) => !/^[^/\s]+\/[^/\s]+$/.test(r))) {
      throw new Error(`"${arg}": a set is --set=NAME:owner/name,owner/name`);
    }
    const name = match[1].trim();
    if (sets.some((s) => s.name === name)) {
      throw new Error(`"${arg}": the set "${name}" is named twice`);
    }
    sets.push({ name, repos });
  }
  return sets;
}

export interface Judged {
  readonly repo: string;
  readonly mode: string;
  readonly outcome: Outcome;
  /** The correlation's time, when it was measured (the judge; the re-scorer does not time). */
  readonly ms?: number;
}

export interface SetRow {
  readonly name: string;
  readonly mode: string;
  /** The set's repositories that were judged in this run; the rest are named in `missing`. */
  readonly repos: readonly string[];
  readonly missing: readonly string[];
  readonly summary: RecallSummary;
  readonly medianMs?: number;
  readonly worstMs?: number;
}

/**
 * One row per set and mode (in the order given), and an "all" row per mode when more than one
 * repository was judged: recall over the pooled pairs, and the runtime over their correlations.
 */
export function setRows(judged: readonly Judged[], sets: readonly RepoSet[], modes: readonly string[], withAll = true): SetRow[] {
  const judgedRepos = [...new Set(judged.map((j) => j.repo))];
  const all: RepoSet[] = withAll && judgedRepos.length > 1 ? [{ name: 'all', repos: judgedRepos }] : [];
  const rows: SetRow[] = [];
  for (const set of [...sets, ...all]) {
    const repos = set.repos.filter((r) => judgedRepos.includes(r));
    const missing = set.repos.filter((r) => !judgedRepos.includes(r));
    for (const mode of modes) {
      const these = judged.filter((j) => j.mode === mode && repos.includes(j.repo));
      const times = these.filter((j) => !('skipped' in j.outcome) && j.ms !== undefined).map((j) => j.ms as number);
      rows.push({
        name: set.name,
        mode,
        repos,
        missing,
        summary: summarize(these.map((j) => j.outcome)),
        ...(times.length ? runtime(times) : {}),
      });
    }
  }
  return rows;
}

/** `dev (3)  no hints  pairs 62  @1 0.419  @3 0.774  @5 0.839  errors 0  misses 0`, and what was not judged. */
export function setLine(row: SetRow): string {
  const s = row.summary;
  const time = row.medianMs !== undefined ? `  median ${row.medianMs} ms  worst ${row.worstMs} ms` : '';
  const missing = row.missing.length ? `  (not judged in this run: ${row.missing.join(', ')})` : '';
  return `${`${row.name} (${row.repos.length})`.padEnd(12)}  ${row.mode.padEnd(12)}  pairs ${s.pairs}  @1 ${s.at1}  @3 ${s.at3}  @5 ${s.at5}  baseline @3 ${s.baseline.at3}  errors ${s.errors}  misses ${s.misses}${time}${missing}`;
}
