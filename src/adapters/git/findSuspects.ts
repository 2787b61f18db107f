// Suspect deploys and commits for an incident, read from the repository's real history in two
// rounds of git (tags, then one shipped log, with the past reverts read beside it); why it is built
// this way: docs/ARCHITECTURE.md.

import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  assembleDeploys,
  Commit,
  correlationWindow,
  CorrelationWindow,
  DEFAULT_AFTER_MS,
  DEFAULT_TAG_PATTERNS,
  DEFAULT_WINDOW_MS,
  DeployMarker,
  RecordedDeploy,
  emptyWindowMessage,
  LOG_DIFF_ARGS,
  LOG_FORMAT_UNDECORATED,
  markersFromCommits,
  parseCodeowners,
  parseDeployLog,
  parseEvidence,
  parseForEachRef,
  parseGitLog,
  parseRepoState,
  pastRevertsArgs,
  pastRevertsBoundArgs,
  rankSuspects,
  Ranking,
  RefInfo,
  REF_FORMAT,
  REPO_STATE_ARGS,
  RepoState,
  serviceMatcher,
  tagClassifier,
  CodeownersRule,
  branchAtStartMarker,
  commitLimitWarning,
  noDeploysMarkedWarning,
  deployLogProblemWarnings,
  deployLogUnreadWarning,
  detachedHeadWarning,
  FUTURE_GRACE_MS,
  inRange,
  latestBefore,
  linesUnknownWarning,
  markersFromDeployLog,
  markersFromTimeline,
  markersFromTags,
  oldestOf,
  shallowCloneWarning,
  sizeWarnings,
  undeployedCommits,
} from '../../core/correlation';
import { readRegularFile, resolveInside } from '../insideFolder';
import { GitCorrelationError, lacksObject } from './gitErrors';
import { gitOutput, runGit } from './gitSpawn';
import { withCommentsOnly } from './commentChanges';
import { withMoves } from './moveChanges';
import { withDependencyChanges } from './manifestChanges';
import { GitRunner, gitRunner } from './simpleGitRunner';
import { ShippedLog } from './shippedLog';
import { lookupHistory, RepoHistory, startHistoryLog } from './historyCache';
import { locateRepo, readRepoState, refReader } from './repoFiles';

export interface FindSuspectsOptions {
  /** When impact began. */
  readonly at: Date;
  /** How far before `at` to look, default 24 h. */
  readonly windowMs?: number;
  /** How far after `at` deploys still count (they may have made it worse), default 1 h. */
  readonly afterMs?: number;
  /** For flagging commits dated in the future; default the real clock. */
  readonly now?: Date;
  readonly service?: string;
  /** The service's path globs (from the service→paths setting). */
  readonly paths?: readonly string[];
  /** Pasted stack trace or log lines. */
  readonly evidence?: string;
  /** Incident title and alert text, for word matches. */
  readonly title?: string;
  readonly releaseTagPatterns?: readonly string[];
  readonly deployTagPatterns?: readonly string[];
  /** Deploy log file, relative to the repository root. */
  readonly deployLogPath?: string;
  /** Deploys recorded on the incident's timeline (`recordedDeploys`): markers beside tags and the deploy log. */
  readonly recordedDeploys?: readonly RecordedDeploy[];
  /** Default branch; otherwise origin/HEAD, main, master, then the current branch. */
  readonly defaultBranch?: string;
  /** Most commits read in one go (huge merges); default 2000. */
  readonly maxCommits?: number;
  /** Responder's UTC offset, for the times in messages; default this machine's. */
  readonly utcOffsetMinutes?: number;
  readonly gitBinary?: string;
}

export interface RepoSummary {
  readonly topLevel: string;
  readonly defaultBranch: string;
  /** The current branch; undefined when HEAD is detached. */
  readonly branch?: string;
  readonly detached: boolean;
  readonly shallow: boolean;
  readonly headSha?: string;
}

export interface SuspectsResult {
  readonly window: CorrelationWindow;
  readonly repo: RepoSummary;
  readonly ranking: Ranking;
  /** Every commit read, by sha (the VS Code layer shows files and opens diffs from here). */
  readonly commits: ReadonlyMap<string, Commit>;
  /** The reverts of the months before the start the ranking was given (RankInput.pastReverts). */
  readonly pastReverts: readonly Commit[];
  /** Things the responder should know (shallow clone, detached HEAD, huge merges, bad deploy log lines). */
  readonly warnings: readonly string[];
  /** Set when there is nothing to rank: "no deploys in the 24 h before 14:15; widen the window?" */
  readonly emptyMessage?: string;
}

/**
 * The shipped log reads no commit older than this before the window: a deploy in the window ships
 * what landed since the previous one, which is days, not weeks.
 */
const OLDEST_SHIPPED_BEFORE_WINDOW_MS = 14 * 86_400_000;
/** A deploy log line is ~100 bytes: this is ~80,000 deploys. */
const MAX_DEPLOY_LOG_BYTES = 8 * 1024 * 1024;
/**
 * The one-log path reads from the branch tip, so it also reads everything that landed after the
 * window: fine for an incident of today, wasteful for last month's. Past this lag, rev-list first.
 */
const TIP_SCAN_MAX_LAG_MS = 2 * 86_400_000;
/**
 * The previous deploy's log from the branch tip answers the first-parent line too (one process
 * fewer), when that deploy is at most this long before the window; an older one would have the log
 * diff the days of commits between them, which no deploy in the window shipped.
 */
const EARLY_LOG_MAX_GAP_MS = 86_400_000;
const MAX_FILES_PER_COMMIT = 300;

export async function findSuspects(repoDir: string, options: FindSuspectsOptions): Promise<SuspectsResult> {
  const started: { shippedLog?: ShippedLog } = {};
  try {
    return await correlate(repoDir, options, started);
  } finally {
    started.shippedLog?.dispose(); // log processes started ahead and not needed after all
  }
}

async function correlate(repoDir: string, options: FindSuspectsOptions, started: { shippedLog?: ShippedLog }): Promise<SuspectsResult> {
  const git = gitRunner(repoDir, { binary: options.gitBinary });
  const binary = options.gitBinary ?? 'git';
  const now = options.now ?? new Date();
  const window = correlationWindow(options.at, options.windowMs ?? DEFAULT_WINDOW_MS, options.afterMs ?? DEFAULT_AFTER_MS);
  const from = Date.parse(window.from);
  const to = Date.parse(window.to);
  const warnings: string[] = [];
  const maxCommits = options.maxCommits ?? 2000;
  // The shipped log's options are known now; only its revisions wait for the tags.
  const logOptions = {
    binary,
    formatArgs: [`--format=${LOG_FORMAT_UNDECORATED}`, ...LOG_DIFF_ARGS],
    walkArgs: [`--max-count=${maxCommits}`, `--since=${new Date(from - OLDEST_SHIPPED_BEFORE_WINDOW_MS).toISOString()}`],
    maxFilesPerCommit: MAX_FILES_PER_COMMIT,
    fallback: git,
  };
  // What earlier runs read of this repository (historyCache.ts): tag dates and parsed commits.
  const files = locateRepo(repoDir);
  const reader = files && refReader(files);
  const cached = reader && lookupHistory(reader);
  const startLog = () => startHistoryLog(repoDir, logOptions, cached?.history);

  // Round 1: the tags with their dates, from the files and the cache when all were seen before.
  // Otherwise for-each-ref starts first (the longest wait before the log) and the log's processes
  // are spawned while it runs.
  const tagArgs = ['for-each-ref', `--format=${REF_FORMAT}`, 'refs/tags'];
  const tags = cached?.tagRefs ? undefined : gitOutput(repoDir, binary, tagArgs);
  started.shippedLog = startLog();
  let state: RepoState;
  let tagRefs: readonly RefInfo[];
  let defaultBranch: { name: string; sha: string };
  // The reverts of the months before (the ranking's reverted-before), read beside the shipped log:
  // for a recent incident from the branch tip, started as soon as the branch is known; else from the
  // branch as it was at the start, once its line is read (below).
  const recent = to >= now.getTime() - TIP_SCAN_MAX_LAG_MS;
  let pastReverts: Promise<readonly Commit[]> | undefined;
  const readRecentReverts = () =>
    recent ? readPastReverts(repoDir, binary, defaultBranch.sha, window.startedAt, cached?.history) : undefined;
  if (reader) {
    state = readRepoState(reader);
    defaultBranch = pickDefaultBranch(options.defaultBranch, state, (ref) => reader.resolve(ref));
    pastReverts = readRecentReverts();
    if (cached?.tagRefs) {
      tagRefs = cached.tagRefs;
    } else {
      const read = parseForEachRef((await tags) ?? (await git.run(tagArgs)));
      cached?.history.rememberTags(read);
      tagRefs = read;
    }
  } else {
    const [parsedState, refs] = await Promise.all([
      git.run(REPO_STATE_ARGS).then(parseRepoState),
      git.run(['for-each-ref', `--format=${REF_FORMAT}`, 'refs/tags', 'refs/heads', 'refs/remotes/origin/HEAD']).then(parseForEachRef),
    ]);
    state = parsedState;
    const byName = new Map(refs.map((r) => [r.ref, r]));
    defaultBranch = pickDefaultBranch(options.defaultBranch, state, (ref) => byName.get(ref));
    tagRefs = refs;
  }
  pastReverts ??= readRecentReverts();
  const repoRoot = state.topLevel || repoDir;
  if (!state.branch) {
    warnings.push(detachedHeadWarning(state.headSha, defaultBranch.name));
  }

  const classify = tagClassifier({
    release: options.releaseTagPatterns ?? DEFAULT_TAG_PATTERNS.release,
    deploy: options.deployTagPatterns ?? DEFAULT_TAG_PATTERNS.deploy,
  });
  const refMarkers = markersFromTags(tagRefs, classify);
  refMarkers.push(...(await readDeployLog(repoRoot, options.deployLogPath, warnings, binary)));
  refMarkers.push(...(await timelineMarkers(repoRoot, options.recordedDeploys, warnings, binary)));

  const graceNow = now.getTime() + FUTURE_GRACE_MS;
  const inWindow = refMarkers.filter((m) => inRange(m.at, from, to));
  const previous = latestBefore(refMarkers, from);
  // `git log <log options> <starts> ^<exclude> --`, through the processes started ahead when there are.
  // A partial clone (git may not fetch here) or a damaged one: the same log without --numstat
  // needs only trees, so the window is still ranked, by files, and the responder is told. Once
  // known, a second read (the early log, then the window's) goes there directly.
  let linesUnknown = false;
  const readWithoutLines = async (revs: readonly string[]): Promise<Commit[]> => {
    const args = ['log', ...logOptions.formatArgs.filter((a) => a !== '--numstat'), ...logOptions.walkArgs, ...revs, '--'];
    return parseGitLog(await git.run(args), { maxFilesPerCommit: MAX_FILES_PER_COMMIT }).map((c) => ({ ...c, linesUnknown: true }));
  };
  const readShipped = async (starts: readonly string[], exclude: string | undefined): Promise<Commit[]> => {
    const revs = [...starts, ...(exclude ? [`^${exclude}`] : [])];
    if (linesUnknown) {
      return readWithoutLines(revs);
    }
    started.shippedLog ??= startLog();
    try {
      return await started.shippedLog.read(revs);
    } catch (error) {
      if (!lacksObject(error)) {
        throw error;
      }
      linesUnknown = true;
      return readWithoutLines(revs);
    }
  };

  // Round 2, usually one process: what shipped, read from the branch tip so the branch's
  // first-parent line comes out of the same log instead of a `rev-list` of its own.
  // Only when the previous deploy is near the window: otherwise that log would diff every commit
  // since it (below), and the line comes first from a rev-list of its own.
  const early =
    previous.length && recent && (inWindow.length || from - Date.parse(oldestOf(previous).at) <= EARLY_LOG_MAX_GAP_MS)
      ? await readShipped([defaultBranch.sha, ...inWindow.map((m) => m.sha)], oldestOf(previous).sha)
      : undefined;
  const line = (early && lineFromLog(early, defaultBranch.sha, from)) ?? (await firstParentLine(git, defaultBranch.sha, from));
  const inWindowTip = line.find((c) => c.committedAt <= to || c.committedAt > graceNow);
  // The branch as it was when the window began: the last line commit's parent, or the tip itself
  // when nothing landed on the line since.
  const boundary = line.length
    ? line[line.length - 1].firstParent && { sha: line[line.length - 1].firstParent as string, at: line[line.length - 1].committedAtIso }
    : { sha: defaultBranch.sha, at: window.from };

  if (!pastReverts) {
    const startMs = Date.parse(window.startedAt);
    const tipAtStart = line.find((c) => c.committedAt <= startMs)?.sha ?? (boundary ? boundary.sha : defaultBranch.sha);
    pastReverts = readPastReverts(repoDir, binary, tipAtStart, window.startedAt, cached?.history);
  }
  const starts = new Set<string>([...(inWindowTip ? [inWindowTip.sha] : []), ...inWindow.map((m) => m.sha)]);
  // One exclusion only: git excludes everything reachable from ANY ^ref, so excluding a newer
  // bound (the branch at the window start) would hide the older commits a release tag shipped.
  // With no tag or logged deploy in the window, its deploys are the branch's merges, and what they
  // shipped is not reachable from the branch at the window start: that bound is enough, and the
  // commits since the previous release (shipped by merges before the window; 87 commits of which
  // three in the window, in a judged prometheus incident) are not diffed for nothing.
  // (A log read early from the tip already holds them: its answer is used as it is.)
  const bounds = boundary && !inWindow.length && !early ? [boundary] : [...previous, ...(boundary ? [boundary] : [])];
  const oldest = bounds.length ? oldestOf(bounds) : undefined;

  // The early log answers when it excluded the same bound and was not cut short; it read from the
  // tip, so keep only what the starts reach (the commits after the window are not part of it).
  let commits: Commit[];
  if (!starts.size) {
    commits = [];
  } else if (early && early.length < maxCommits && oldest?.sha === oldestOf(previous).sha) {
    commits = reachableFrom(early, starts);
  } else {
    commits = await readShipped([...starts], oldest?.sha);
  }
  if (commits.length >= maxCommits) {
    warnings.push(commitLimitWarning(maxCommits));
  }
  // Which dependency a manifest change moved, or that none did (its scripts or version changed),
  // which small changes touched only comments, and which files a change moved; remembered with the
  // commits, so a run again (evidence, a wider window) does not read them again.
  const [manifests, comments, moved] = await Promise.all([
    withDependencyChanges(repoDir, binary, commits),
    withCommentsOnly(repoDir, binary, commits),
    withMoves(repoDir, binary, commits),
  ]);
  const read = manifests.map((commit, i) => {
    const { commentsOnly } = comments[i];
    const { moves } = moved[i];
    if (commentsOnly === commit.commentsOnly && moves === commit.moves) {
      return commit;
    }
    return { ...commit, ...(commentsOnly === undefined ? {} : { commentsOnly }), ...(moves === undefined ? {} : { moves }) };
  });
  // (Never one read without its line counts: a later run, after a full fetch, reads it whole.)
  cached?.history.remember(read.filter((commit, i) => commit !== commits[i] && !commit.linesUnknown));
  commits = read;
  const bySha = decorate(commits, tagRefs, state, defaultBranch);
  const markers = [...refMarkers, ...branchAtStartMarker(boundary || undefined, from), ...markersFromCommits(bySha, inWindowTip?.sha)];
  const deploys = assembleDeploys(markers, bySha, {
    from: window.from,
    to: window.to,
    boundaries: new Set([...(oldest ? [oldest.sha] : []), ...previous.map((p) => p.sha)]),
  });
  warnings.push(...sizeWarnings(deploys, commits));
  if (linesUnknown) {
    warnings.push(linesUnknownWarning());
  }
  if (state.shallow) {
    warnings.push(await shallowWarning(git, files?.commonDir ?? state.gitDir, window));
  }
  const undeployed = undeployedCommits(commits, deploys, { from, to }, now.getTime());
  // Nothing marks a deploy, in the window or before it (no tags, no deploy log, no merges: a team that
  // squash-merges and deploys from the branch): what landed is ranked, rather than the window read as
  // empty. A team whose tags or log mark deploys before the window has shipped nothing new: empty.
  // (A commit whose clock says it is from outside the window does not count as landed in it.)
  const landed =
    deploys.length || previous.length ? 0 : undeployed.filter((sha) => inRange(bySha.get(sha)?.committedAt ?? '', from, to)).length;
  const rankedAsLanded = landed > 0;
  if (rankedAsLanded) {
    warnings.push(noDeploysMarkedWarning(landed, defaultBranch.name));
  }
  const reverts = await pastReverts;
  const ranking = rankSuspects({
    startedAt: window.startedAt,
    now: now.toISOString(),
    deploys,
    commits: bySha,
    undeployed,
    pastReverts: reverts,
    service: serviceScope(options, repoRoot),
    evidence: options.evidence ? parseEvidence(options.evidence) : undefined,
    text: options.title,
  });
  const offset = options.utcOffsetMinutes ?? -options.at.getTimezoneOffset();
  return {
    window,
    repo: {
      topLevel: repoRoot,
      defaultBranch: defaultBranch.name,
      branch: state.branch,
      detached: !state.branch,
      shallow: state.shallow,
      headSha: state.headSha,
    },
    ranking,
    commits: bySha,
    pastReverts: reverts,
    warnings,
    ...(deploys.length === 0 && !rankedAsLanded ? { emptyMessage: emptyWindowMessage(window, offset) } : {}),
  };
}

/**
 * The reverts on the branch before the start, with their files. Only a hint for the ranking: when
 * git cannot read them (a snapshot lacking objects), the ranking goes on without.
 */
async function readPastReverts(
  repoDir: string,
  binary: string,
  tip: string,
  startedAt: string,
  history: RepoHistory | undefined,
): Promise<readonly Commit[]> {
  const known = history?.reverts(tip, startedAt);
  if (known) {
    return known;
  }
  try {
    // At most PAST_REVERTS_WALK commits are looked through: a dense history stops short of the half year.
    const bound = (await gitOutput(repoDir, binary, pastRevertsBoundArgs(tip, startedAt)))?.trim();
    const out = await gitOutput(repoDir, binary, pastRevertsArgs(tip, startedAt, bound || undefined));
    if (out === undefined) {
      return [];
    }
    const reverts = parseGitLog(out, { maxFilesPerCommit: MAX_FILES_PER_COMMIT });
    history?.rememberReverts(tip, startedAt, reverts);
    return reverts;
  } catch {
    return []; // started before the shipped log is awaited: it must not reject unobserved
  }
}

/** The default branch: the one named, else origin/HEAD, main, master, trunk, develop, the current branch, HEAD. */
export function pickDefaultBranch(
  explicit: string | undefined,
  state: RepoState,
  find: (ref: string) => { sha: string; symref?: string } | undefined,
): { name: string; sha: string } {
  if (explicit) {
    const ref = find(`refs/heads/${explicit}`) ?? find(`refs/remotes/origin/${explicit}`);
    if (!ref) {
      throw new GitCorrelationError('bad-revision', `no branch "${explicit}" in this repository`);
    }
    return { name: explicit, sha: ref.sha };
  }
  const originHead = find('refs/remotes/origin/HEAD');
  if (originHead?.symref) {
    const local = find(originHead.symref.replace('refs/remotes/origin/', 'refs/heads/'));
    return { name: originHead.symref.replace('refs/remotes/', ''), sha: (local ?? originHead).sha };
  }
  for (const name of ['main', 'master', 'trunk', 'develop']) {
    const ref = find(`refs/heads/${name}`);
    if (ref) {
      return { name, sha: ref.sha };
    }
  }
  if (state.branch) {
    const ref = find(`refs/heads/${state.branch}`);
    if (ref) {
      return { name: state.branch, sha: ref.sha };
    }
  }
  if (!state.headSha) {
    throw new GitCorrelationError('no-commits', 'the repository has no commits yet');
  }
  return { name: 'HEAD', sha: state.headSha };
}

/**
 * `Commit.refs` as `%D` would print them for the refs correlation knows (HEAD, the default
 * branch, every tag), without making git peel every annotated tag a second time.
 */
function decorate(
  commits: readonly Commit[],
  tagRefs: readonly RefInfo[],
  state: RepoState,
  branch: { name: string; sha: string },
): Map<string, Commit> {
  const names = new Map<string, string[]>();
  const add = (sha: string | undefined, name: string) => {
    if (sha) {
      names.set(sha, [...(names.get(sha) ?? []), name]);
    }
  };
  // git's order: HEAD first, then the other refs in reverse refname order (tags before branches).
  add(state.headSha, state.branch ? `HEAD -> ${state.branch}` : 'HEAD');
  for (let i = tagRefs.length - 1; i >= 0; i--) {
    const ref = tagRefs[i].ref;
    if (ref.startsWith('refs/tags/')) {
      add(tagRefs[i].sha, `tag: ${ref.slice('refs/tags/'.length)}`);
    }
  }
  if (branch.name !== state.branch) {
    add(branch.sha, branch.name);
  }
  return new Map(
    commits.map((c) => {
      const refs = names.get(c.sha);
      return [c.sha, refs ? { ...c, refs } : c];
    }),
  );
}

/**
 * How many first-parent commits older than the window in a row end the branch's line. `rev-list
 * --since` ends it at the first one, so a single commit with a wrong clock (or a scripted
 * GIT_COMMITTER_DATE) at the tip hid every merge below it; git's own walk allows as much slop.
 */
const OLD_COMMITS_END_LINE = 5;

interface LineStep {
  readonly firstParent?: string;
  readonly committedAt: number;
}

/**
 * Walks a first-parent line from `tip` while `step` knows the commits, down to OLD_COMMITS_END_LINE
 * commits older than `from` in a row (or the root). `line` is the walk down to its last commit in
 * the window (older commits between newer ones included); `next` is the commit the walk needs and
 * `step` did not know, when it stopped for that, and `older` how many commits older than the window
 * it had walked since the last one in it.
 */
function walkLine(
  tip: string,
  from: number,
  step: (sha: string) => LineStep | undefined,
  limit: number,
): { line: LineCommit[]; next?: string; older: number } {
  const walked: LineCommit[] = [];
  let kept = 0;
  for (let sha: string | undefined = tip; sha !== undefined;) {
    const commit = step(sha);
    if (!commit || walked.length > limit) {
      // (walking past `limit` is a loop only replace refs can make)
      return { line: walked.slice(0, kept), next: commit ? undefined : sha, older: walked.length - kept };
    }
    walked.push({
      sha,
      firstParent: commit.firstParent,
      committedAt: commit.committedAt,
      committedAtIso: new Date(commit.committedAt).toISOString(),
    });
    if (commit.committedAt >= from) {
      kept = walked.length;
    } else if (walked.length - kept >= OLD_COMMITS_END_LINE) {
      break;
    }
    sha = commit.firstParent;
  }
  return { line: walked.slice(0, kept), older: walked.length - kept };
}

/**
 * The branch's first-parent line from `tip` down to its last commit in the window (`walkLine`),
 * walked in an already read log. Undefined when the line leaves what was read while still in the
 * window: then ask rev-list. Leaving it among older commits ends the line (the log was read down to
 * the previous release, and what it left out is older).
 */
function lineFromLog(commits: readonly Commit[], tip: string, from: number): LineCommit[] | undefined {
  const bySha = new Map(commits.map((c) => [c.sha, c]));
  const { line, next, older } = walkLine(
    tip,
    from,
    (sha) => {
      const commit = bySha.get(sha);
      return commit && { firstParent: commit.parents[0], committedAt: Date.parse(commit.committedAt) };
    },
    commits.length,
  );
  return next !== undefined && older === 0 ? undefined : line;
}

/** The commits of `commits` reachable from `starts` through commits in it, in the order read. */
function reachableFrom(commits: readonly Commit[], starts: ReadonlySet<string>): Commit[] {
  const bySha = new Map(commits.map((c) => [c.sha, c]));
  const seen = new Set<string>();
  const queue = [...starts];
  while (queue.length) {
    const sha = queue.pop() as string;
    const commit = bySha.get(sha);
    if (commit && !seen.has(sha)) {
      seen.add(sha);
      queue.push(...commit.parents);
    }
  }
  return commits.filter((c) => seen.has(c.sha));
}

interface LineCommit {
  readonly sha: string;
  readonly firstParent?: string;
  readonly committedAt: number;
  readonly committedAtIso: string;
}

async function firstParentLine(git: GitRunner, tip: string, from: number): Promise<LineCommit[]> {
  // `rev-list --since` reads the line down to its first commit older than the window; then the
  // next few are read to see whether the line goes on into the window below them (see
  // OLD_COMMITS_END_LINE), and --since reads on from there if it does.
  const known = new Map<string, LineStep>();
  for (let start = tip, since = true; ;) {
    const limit = since ? `--since=${Math.floor(from / 1000)}` : `--max-count=${OLD_COMMITS_END_LINE}`;
    const out = await git.run(['rev-list', '--first-parent', '--format=%P %ct', '--no-commit-header', limit, start, '--']);
    const before = known.size;
    let sha: string | undefined = start;
    for (const l of out.split('\n')) {
      const parts = l.trim().split(' ');
      if (sha === undefined || l.trim() === '') {
        continue;
      }
      // `<parents> <committer time>`; a root commit has no parents
      const step = { firstParent: parts.length > 1 ? parts[0] : undefined, committedAt: Number(parts[parts.length - 1]) * 1000 };
      known.set(sha, step);
      sha = step.firstParent;
    }
    const walked = walkLine(tip, from, (s) => known.get(s), known.size);
    if (walked.next === undefined || (!since && known.size === before)) {
      return walked.line;
    }
    // after --since, look at the older commits; after those, --since again once back in the window
    since = !since && walked.older === 0;
    start = walked.next;
  }
}

async function readDeployLog(root: string, logPath: string | undefined, warnings: string[], binary: string): Promise<DeployMarker[]> {
  if (!logPath) {
    return [];
  }
  // A setting from the repository itself: read no file outside it, no FIFO or device, nothing huge.
  const file = resolveInside(root, logPath);
  const read = file === undefined ? { problem: 'is outside the repository' } : readRegularFile(file, MAX_DEPLOY_LOG_BYTES);
  if ('problem' in read) {
    warnings.push(deployLogUnreadWarning(logPath, root, read.problem));
    return [];
  }
  const { entries, problems } = parseDeployLog(read.text);
  warnings.push(...deployLogProblemWarnings(logPath, problems));
  return resolvedMarkers(root, binary, warnings, entries, (full) => markersFromDeployLog(entries, full, logPath));
}

/** The timeline's deploys as markers, each sha resolved as the deploy log's are; one git cannot name is a warning. */
async function timelineMarkers(
  root: string,
  deploys: readonly RecordedDeploy[] | undefined,
  warnings: string[],
  binary: string,
): Promise<DeployMarker[]> {
  return deploys?.length ? resolvedMarkers(root, binary, warnings, deploys, (full) => markersFromTimeline(deploys, full)) : [];
}

/** Markers made from entries naming commits by (possibly abbreviated) sha, once git has named each in full. */
async function resolvedMarkers(
  root: string,
  binary: string,
  warnings: string[],
  entries: readonly { readonly sha: string }[],
  make: (fullIds: ReadonlyMap<string, string>) => { markers: DeployMarker[]; warnings: string[] },
): Promise<DeployMarker[]> {
  const made = make(
    await fullCommitIds(
      root,
      binary,
      entries.map((e) => e.sha),
    ),
  );
  warnings.push(...made.warnings);
  return made.markers;
}

const FULL_ID = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/;

/**
 * The full commit id of each abbreviated one (deploy logs often hold short shas), from one
 * `cat-file --batch-check` that answers "ambiguous" or "missing" per line instead of failing. Git is
 * never handed an abbreviated id to walk from: one that is unique today becomes ambiguous as the
 * repository grows, and then the whole log fails. `<id>^{commit}` lets a blob or tree share the prefix.
 */
async function fullCommitIds(repoDir: string, binary: string, shas: readonly string[]): Promise<Map<string, string>> {
  const full = new Map<string, string>();
  const short = [...new Set(shas.filter((sha) => !FULL_ID.test(sha)))];
  for (const sha of shas) {
    if (FULL_ID.test(sha)) {
      full.set(sha, sha);
    }
  }
  if (!short.length) {
    return full;
  }
  // Per id two questions: the commit it names (git says "missing" when two commits share it), and
  // the object it names ("ambiguous" then).
  const input = short.map((sha) => `${sha.toLowerCase()}^{commit}\n${sha.toLowerCase()}\n`).join('');
  const result = await runGit(repoDir, binary, ['cat-file', '--batch-check=%(objectname) %(objecttype)'], input);
  const lines = result.code === 0 ? result.stdout.split('\n') : [];
  short.forEach((sha, i) => {
    const [id, type] = (lines[2 * i] ?? '').split(' ');
    const ambiguous = (lines[2 * i + 1] ?? '').endsWith(' ambiguous');
    full.set(sha, type === 'commit' && FULL_ID.test(id) ? id : ambiguous ? 'ambiguous' : 'missing');
  });
  return full;
}

/** GitHub ignores a CODEOWNERS file over 3 MB; so does War Room. */
const MAX_CODEOWNERS_BYTES = 3 * 1024 * 1024;

function serviceScope(
  options: FindSuspectsOptions,
  root: string,
): { name: string; matches: ReturnType<typeof serviceMatcher> } | undefined {
  const globs = options.paths ?? [];
  if (!options.service && globs.length === 0) {
    return undefined;
  }
  let codeowners: CodeownersRule[] | undefined;
  for (const candidate of ['.github/CODEOWNERS', 'CODEOWNERS', 'docs/CODEOWNERS', '.gitlab/CODEOWNERS']) {
    // The repository's own file, regular and inside it: a committed symlink to a FIFO or /dev/zero
    // would block or fill the extension host, one to a file elsewhere would read outside the workspace.
    const file = resolveInside(root, candidate);
    const read = file ? readRegularFile(file, MAX_CODEOWNERS_BYTES) : undefined;
    if (read && 'text' in read) {
      codeowners = parseCodeowners(read.text);
      break;
    }
    // not there (or not a file we read): try the next place GitHub and GitLab look
  }
  const name = options.service ?? globs.join(', ');
  return { name, matches: serviceMatcher({ service: options.service ?? '', globs, codeowners }) };
}

async function shallowWarning(git: GitRunner, commonDir: string, window: CorrelationWindow): Promise<string> {
  let shas: string[] = [];
  try {
    shas = fs
      .readFileSync(path.join(commonDir, 'shallow'), 'utf8')
      .split('\n')
      .filter((s) => /^[0-9a-f]{40,64}$/.test(s.trim()));
  } catch {
    // a worktree or an odd layout: say it without the dates
  }
  let oldest: string | undefined;
  if (shas.length) {
    const out = await git.run(['log', '--no-walk', '--format=%cI', ...shas, '--']);
    const times = out
      .split('\n')
      .filter(Boolean)
      .map((t) => Date.parse(t))
      .filter((t) => !Number.isNaN(t));
    if (times.length) {
      oldest = new Date(Math.max(...times)).toISOString();
    }
  }
  return shallowCloneWarning(oldest, shas.length, window);
}
