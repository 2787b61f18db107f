// From deploy markers (tags, deploy log lines, trailers, first-parent merges) and the commits read
// from git to deploys, each with the commits it shipped since the previous deploy.

import picomatch from 'picomatch';
import { Commit, Deploy, DeployKind } from './model';
import { deployTrailerEnvironments } from './trailers';

/** A point in history someone shipped; `Deploy` without its commits. */
export interface DeployMarker {
  readonly at: string;
  readonly sha: string;
  readonly environment: string;
  readonly kind: DeployKind;
  readonly name: string;
}

export interface TagPatterns {
  /** Release tags, default `v*`. */
  readonly release: readonly string[];
  /** Deploy marker tags, default `deploy/*` and `prod-*`. */
  readonly deploy: readonly string[];
}

export const DEFAULT_TAG_PATTERNS: TagPatterns = { release: ['v*'], deploy: ['deploy/**', 'prod-*', 'production-*'] };

export function tagClassifier(patterns: TagPatterns): (tag: string) => 'release-tag' | 'deploy-tag' | undefined {
  const deploy = picomatch([...patterns.deploy], { windows: false });
  const release = picomatch([...patterns.release], { windows: false });
  // Deploy patterns first: `deploy/v1.2` is a deploy marker, not a second release.
  return (tag) => (deploy(tag) ? 'deploy-tag' : release(tag) ? 'release-tag' : undefined);
}

/** `deploy/staging/2026-11-22`, `stage-42` → staging; anything else → production. */
export function environmentOfTag(tag: string): string {
  const match = /(^|[/_-])(staging|stage|stg|qa|dev|development|canary|preprod|sandbox)([/_-]|$)/i.exec(tag);
  return match ? (match[2].toLowerCase().startsWith('st') ? 'staging' : match[2].toLowerCase()) : 'production';
}

/**
 * The environment a deploy's own words name: "Deployed v2.4.1 to production" → production, "canary
 * 5% of checkout" → canary, "rolled out to staging" → staging. Production wins when it is named.
 */
export function environmentOfText(text: string): string {
  if (/\b(production|prod)\b/i.test(text)) {
    return 'production';
  }
  const match = /\b(staging|stage|stg|qa|canary|preprod|sandbox|development)\b/i.exec(text);
  return match ? (match[1].toLowerCase().startsWith('st') ? 'staging' : match[1].toLowerCase()) : 'production';
}

/** First-parent merges into the default branch, and commits carrying `Deployed-to:` trailers. */
export function markersFromCommits(commits: ReadonlyMap<string, Commit>, branchTip: string | undefined): DeployMarker[] {
  const markers: DeployMarker[] = [];
  for (let sha = branchTip, guard = 0; sha && guard < commits.size + 1; guard++) {
    const commit = commits.get(sha);
    if (!commit) {
      break;
    }
    if (commit.parents.length > 1) {
      markers.push({ at: commit.committedAt, sha, environment: 'production', kind: 'merge', name: commit.subject });
    }
    sha = commit.parents[0];
  }
  for (const commit of commits.values()) {
    for (const environment of deployTrailerEnvironments(commit.trailers)) {
      markers.push({ at: commit.committedAt, sha: commit.sha, environment, kind: 'trailer', name: `Deployed-to: ${environment}` });
    }
  }
  return markers;
}

/** Merges, tags and "real" deploy markers are separate sequences: a merge does not hide a release's commits. */
function family(kind: DeployKind): string {
  return kind === 'merge' ? 'merge' : kind === 'release-tag' ? 'release' : 'deploy';
}

export interface AssembleOptions {
  /** Only deploys at or after this instant (ISO) are returned; earlier markers still bound the commits. */
  readonly from: string;
  readonly to: string;
  /** Shas deliberately not read (previous deploys before the scan): reaching one is not truncation. */
  readonly boundaries?: ReadonlySet<string>;
}

/**
 * Gives each marker the commits reachable from it that no earlier marker of the same family and
 * environment already shipped. A deploy recorded on the timeline does not ship again what an earlier
 * release tag to its environment shipped either: recorded by hand during an incident, the first one
 * would otherwise bring every commit in the window as if it had just gone out. A release tag of the very
 * commit a timeline deploy to its environment names is that deploy, and gives way to it. Markers whose
 * sha was not read are resolved by unique prefix (deploy logs often hold short shas) or dropped.
 */
export function assembleDeploys(
  markers: readonly DeployMarker[],
  commits: ReadonlyMap<string, Commit>,
  options: AssembleOptions,
): Deploy[] {
  const from = Date.parse(options.from);
  const to = Date.parse(options.to);
  let shas: string[] | undefined;
  const resolve = (sha: string): string | undefined => {
    if (commits.has(sha) || sha.length >= 40) {
      return sha; // a full sha that was not read stays as it is: no prefix search over every commit
    }
    shas ??= [...commits.keys()];
    const found = shas.filter((s) => s.startsWith(sha));
    return found.length === 1 ? found[0] : undefined;
  };
  // Sorting compares each commit many times: parse its date once.
  const committedCache = new Map<string, number>();
  const committedMs = (sha: string): number => {
    let ms = committedCache.get(sha);
    if (ms === undefined) {
      ms = Date.parse((commits.get(sha) as Commit).committedAt);
      committedCache.set(sha, ms);
    }
    return ms;
  };
  const resolved = markers.map((m) => ({ m, sha: resolve(m.sha) ?? m.sha, time: Date.parse(m.at), name: m.name }));
  // A release tag names when a commit was cut; a deploy of that very commit recorded on the timeline says
  // when it went out. The recorded one stands for the release, so its commits count from its time.
  const recorded = new Set(resolved.filter(({ m }) => m.kind === 'timeline').map(({ m, sha }) => `${m.environment}:${sha}`));
  const ordered = resolved
    .filter(({ m, sha }) => m.kind !== 'release-tag' || !recorded.has(`${m.environment}:${sha}`))
    .sort((a, b) => a.time - b.time || (a.name < b.name ? -1 : 1));
  const claimed = new Map<string, Set<string>>();
  const deploys: Deploy[] = [];
  const seen = new Set<string>();
  for (const { m, sha, time } of ordered) {
    const inWindow = time >= from && time <= to;
    if (!inWindow && !commits.has(sha)) {
      // Most markers (every old tag) point outside what was read: they ship nothing here, are not
      // returned, and cannot shadow a marker that does (the dedupe key holds the sha and time).
      continue;
    }
    const marker = { ...m, sha };
    const key = `${family(marker.kind)}:${marker.environment}`;
    const dedupe = `${key}:${marker.sha}:${marker.at}`;
    if (seen.has(dedupe)) {
      continue;
    }
    seen.add(dedupe);
    const taken = claimed.get(key) ?? new Set<string>();
    claimed.set(key, taken);
    const released = marker.kind === 'timeline' ? claimed.get(`release:${marker.environment}`) : undefined;
    const shipped: string[] = [];
    let truncated = false;
    const queue = commits.has(marker.sha) ? [marker.sha] : [];
    if (!commits.has(marker.sha) && !options.boundaries?.has(marker.sha)) {
      truncated = true;
    }
    while (queue.length) {
      const next = queue.pop() as string;
      if (taken.has(next) || released?.has(next)) {
        continue;
      }
      const commit = commits.get(next);
      if (!commit) {
        if (!options.boundaries?.has(next)) {
          truncated = true;
        }
        continue;
      }
      taken.add(next);
      shipped.push(next);
      for (const parent of commit.parents) {
        queue.push(parent);
      }
    }
    if (inWindow) {
      shipped.sort((a, b) => committedMs(b) - committedMs(a));
      deploys.push({ ...marker, commits: shipped, commitsTruncated: truncated });
    }
  }
  const at = new Map(deploys.map((d) => [d, Date.parse(d.at)]));
  return deploys.sort((a, b) => (at.get(b) as number) - (at.get(a) as number));
}
