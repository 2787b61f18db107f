// What "Record a Deploy" offers and accepts: the newest commits of the checked-out branch with their
// tags, and a sha or tag the responder typed, resolved to the commit it names.
import { gitOutput } from './gitSpawn';

export interface RecentCommit {
  readonly sha: string;
  readonly subject: string;
  /** ISO with the committer's offset, as git prints it. */
  readonly committedAt: string;
  /** Tags pointing at it, as `git log --decorate` names them. */
  readonly tags: readonly string[];
}

/** How many commits the pick offers: a deploy is seldom older than this when someone records it. */
export const RECENT_COMMITS = 30;
const FIELD = '\u001f';
const RECORD = '\u001e';

/** `git log --first-parent` of HEAD: newest first; none in a repository without commits. */
export async function recentCommits(repoDir: string, options: { limit?: number; binary?: string } = {}): Promise<RecentCommit[]> {
  const limit = Math.max(1, Math.min(options.limit ?? RECENT_COMMITS, 200));
  const out = await gitOutput(repoDir, options.binary ?? 'git', [
    'log',
    '--first-parent',
    '--no-color',
    '--decorate=full',
    `-n${limit}`,
    `--format=%H${FIELD}%cI${FIELD}%D${FIELD}%s${RECORD}`,
    'HEAD',
    '--',
  ]);
  return parseRecentCommits(out ?? '');
}

export function parseRecentCommits(out: string): RecentCommit[] {
  const commits: RecentCommit[] = [];
  for (const record of out.split(RECORD)) {
    const [sha, committedAt, decorations, subject] = record.replace(/^\n/, '').split(FIELD);
    if (!/^[0-9a-f]{40,64}$/.test(sha ?? '') || subject === undefined) {
      continue;
    }
    const tags = (decorations ?? '')
      .split(', ')
      .filter((d) => d.startsWith('tag: refs/tags/'))
      .map((d) => d.slice('tag: refs/tags/'.length));
    commits.push({ sha, subject, committedAt, tags });
  }
  return commits;
}

/** What a typed revision may be: a sha, a tag or a branch name; nothing git would read as an option or a range. */
const REVISION = /^(?!-)(?!.*\.\.)[A-Za-z0-9][A-Za-z0-9._/@+-]{0,199}$/;

/**
 * The commit a responder typed (`3f9c2e1`, `v2.4.1`, `origin/main`) as its full sha; undefined when
 * git names no commit by it, or the text is not a plain revision name.
 */
export async function resolveCommit(repoDir: string, revision: string, options: { binary?: string } = {}): Promise<string | undefined> {
  const text = revision.trim();
  if (!REVISION.test(text) || text.includes('@{')) {
    return undefined;
  }
  const out = await gitOutput(repoDir, options.binary ?? 'git', [
    'rev-parse',
    '--verify',
    '--quiet',
    '--end-of-options',
    `${text}^{commit}`,
  ]);
  const sha = out?.trim();
  return sha && /^[0-9a-f]{40,64}$/.test(sha) ? sha : undefined;
}

/** When the commit was made (`%cI`: ISO with the committer's offset); undefined when git cannot say. */
export async function commitTime(repoDir: string, sha: string, options: { binary?: string } = {}): Promise<string | undefined> {
  if (!/^[0-9a-f]{40,64}$/.test(sha)) {
    return undefined;
  }
  const out = await gitOutput(repoDir, options.binary ?? 'git', ['log', '-1', '--no-color', '--format=%cI', sha, '--']);
  const iso = out?.trim();
  return iso && !Number.isNaN(Date.parse(iso)) ? iso : undefined;
}
