// Deploy markers from tags and the deploy log, the bounds of what shipped in a window, and the
// commits that did not ship: findSuspects' decisions, with no git (the adapter runs the processes).
import { DeployLogEntry } from './deployLog';
import { DeployMarker, environmentOfTag } from './deploys';
import { RefInfo } from './gitLogParser';
import { Commit, Deploy } from './model';

/** A commit dated this far past "now" still counts as in the window (clock skew between machines). */
export const FUTURE_GRACE_MS = 5 * 60_000;

export function inRange(iso: string | number, from: number, to: number): boolean {
  const t = typeof iso === 'number' ? iso : Date.parse(iso);
  return t >= from && t <= to;
}

/** Release and deploy tags as markers; other refs and tags no pattern names are not deploys. */
export function markersFromTags(
  refs: readonly RefInfo[],
  classify: (tag: string) => 'release-tag' | 'deploy-tag' | undefined,
): DeployMarker[] {
  const markers: DeployMarker[] = [];
  for (const ref of refs) {
    if (!ref.ref.startsWith('refs/tags/')) {
      continue;
    }
    const name = ref.ref.slice('refs/tags/'.length);
    const kind = classify(name);
    if (kind) {
      markers.push({ at: ref.at, sha: ref.sha, environment: kind === 'deploy-tag' ? environmentOfTag(name) : 'production', kind, name });
    }
  }
  return markers;
}

/**
 * The deploy log's entries as markers, their abbreviated shas replaced by `fullIds` (what git
 * answered for each: the full id, 'ambiguous' or 'missing'); an entry git could not name is a warning.
 */
export function markersFromDeployLog(
  entries: readonly DeployLogEntry[],
  fullIds: ReadonlyMap<string, string>,
  logPath: string,
): { markers: DeployMarker[]; warnings: string[] } {
  return resolvedMarkers(entries, fullIds, (e) => ({
    kind: 'deploy-log',
    name: e.name ?? `${e.environment} deploy ${e.sha.slice(0, 7)}`,
    where: `${logPath}:${e.line}: ${e.sha}`,
  }));
}

/** A deploy a responder, CI or a drill recorded on the incident's timeline: a `deploy` entry naming its commit. */
export interface RecordedDeploy {
  /** ISO UTC: the entry's time. */
  readonly at: string;
  readonly sha: string;
  readonly environment: string;
  /** The entry's words, on one line. */
  readonly name: string;
}

/** The timeline's deploy entries as markers (`fullIds` as for the deploy log); one git cannot name is a warning. */
export function markersFromTimeline(
  deploys: readonly RecordedDeploy[],
  fullIds: ReadonlyMap<string, string>,
): { markers: DeployMarker[]; warnings: string[] } {
  return resolvedMarkers(deploys, fullIds, (d) => ({
    kind: 'timeline',
    name: d.name,
    where: `The timeline's deploy entry "${d.name}" names ${d.sha}, which`,
  }));
}

function resolvedMarkers<E extends { readonly at: string; readonly sha: string; readonly environment: string }>(
  entries: readonly E[],
  fullIds: ReadonlyMap<string, string>,
  describe: (e: E) => { kind: 'deploy-log' | 'timeline'; name: string; where: string },
): { markers: DeployMarker[]; warnings: string[] } {
  const markers: DeployMarker[] = [];
  const warnings: string[] = [];
  for (const e of entries) {
    const sha = fullIds.get(e.sha);
    const { kind, name, where } = describe(e);
    if (sha === 'ambiguous' || sha === 'missing') {
      warnings.push(
        sha === 'ambiguous'
          ? `${where} is ambiguous in this repository (more than one object starts with it); write more of the sha`
          : `${where} is not a commit in this repository`,
      );
      continue;
    }
    markers.push({ at: e.at, sha: sha ?? e.sha, environment: e.environment, kind, name });
  }
  return { markers, warnings };
}

/** Per kind of marker, the last one before the window: where "commits since the previous deploy" stops. */
export function latestBefore(markers: readonly DeployMarker[], from: number): { sha: string; at: string }[] {
  const latest = new Map<string, { marker: DeployMarker; at: number }>();
  for (const m of markers) {
    const at = Date.parse(m.at); // once per marker: there are as many as tags
    if (at >= from) {
      continue;
    }
    const key = `${m.kind}:${m.environment}`;
    const current = latest.get(key);
    if (!current || at > current.at) {
      latest.set(key, { marker: m, at });
    }
  }
  return [...latest.values()]
    .map((l) => l.marker)
    .filter((m) => /^[0-9a-f]{40,64}$/.test(m.sha))
    .map((m) => ({ sha: m.sha, at: m.at }));
}

/** The first of `bounds` by date (a stable sort's first, as the range was always chosen). */
export function oldestOf<T extends { at: string }>(bounds: readonly T[]): T {
  return [...bounds].sort((a, b) => Date.parse(a.at) - Date.parse(b.at))[0];
}

/**
 * The branch at the window start as a merge marker just before it: it stands in for "the previous
 * merge", so merges in the window claim only what landed after it, not the older history a release
 * tag made the adapter read.
 */
export function branchAtStartMarker(boundary: { sha: string } | undefined, from: number): DeployMarker[] {
  return boundary
    ? [
        {
          at: new Date(from - 1).toISOString(),
          sha: boundary.sha,
          environment: 'production',
          kind: 'merge',
          name: 'branch at window start',
        },
      ]
    : [];
}

/** Commits read that no deploy shipped, committed in the window or dated in the future. */
export function undeployedCommits(
  commits: readonly Commit[],
  deploys: readonly Deploy[],
  window: { from: number; to: number },
  now: number,
): string[] {
  const shipped = new Set(deploys.flatMap((d) => d.commits));
  const graceNow = now + FUTURE_GRACE_MS;
  return commits
    .filter((c) => !shipped.has(c.sha) && (inRange(c.committedAt, window.from, window.to) || Date.parse(c.committedAt) > graceNow))
    .map((c) => c.sha);
}
