// Which releases contain a commit, nearest first: "is the suspect in what is running now?", from
// `git tag --contains` (why that one: docs/ARCHITECTURE.md).

import picomatch from 'picomatch';
import { DEFAULT_TAG_PATTERNS, parseForEachRef, REF_FORMAT } from '../../core/correlation';
import { gitRunner, GitRunnerOptions } from './simpleGitRunner';

export interface ReleaseRef {
  readonly tag: string;
  /** Tag date (tagger date, or the commit's for lightweight tags), ISO UTC. */
  readonly at: string;
  readonly sha: string;
}

export interface ReleasesOptions extends GitRunnerOptions {
  readonly releaseTagPatterns?: readonly string[];
}

export async function releasesContaining(repoDir: string, sha: string, options: ReleasesOptions = {}): Promise<ReleaseRef[]> {
  if (!/^[0-9a-f]{4,64}$/i.test(sha)) {
    throw new Error(`"${sha}" is not a commit sha`);
  }
  const git = gitRunner(repoDir, options);
  const patterns = options.releaseTagPatterns ?? DEFAULT_TAG_PATTERNS.release;
  const isRelease = picomatch([...patterns], { windows: false });
  // `--`: the patterns come from workspace settings, and one starting with `-` is still a pattern.
  const out = await git.run(['tag', '--list', `--contains=${sha}`, `--format=${REF_FORMAT}`, '--', ...patterns]);
  return parseForEachRef(out)
    .map((ref) => ({ tag: ref.ref.replace(/^refs\/tags\//, ''), at: ref.at, sha: ref.sha }))
    .filter((r) => isRelease(r.tag))
    .sort((a, b) => Date.parse(a.at) - Date.parse(b.at) || (a.tag < b.tag ? -1 : 1));
}
