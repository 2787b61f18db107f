// How suspect each deploy and commit is, with every point explained in words. The weights are
// judgement, not science: time before the start dominates (most incidents follow a change within
// hours), then direct evidence (the trace names a file the commit touched), then what kind of
// change it was and where.

import { formatDuration } from '../time';
import { listFirst } from '../text/strings';
import { Commit, Deploy, DeployKind, Evidence, FileChange, FileMove } from './model';
import { describeDependencyChanges, followsMovedFolder, isReadableLockfile, lockfilesLast, movedDependencyChanges } from './manifests';
import { isDependencyManifest, isDocumentation, PATH_CLASS_LABELS, PathClass, pathClasses } from './pathClass';
import { isRevert, PAST_REVERT_DAYS, revertCommand, RevertTarget, revertTarget, undoes, undoneByReverts, Undoing } from './revert';
import { ServiceMatcher } from './servicePaths';
import { sharedSuffixSegments } from './evidence';
import { addKeywordMatches, keywordStems } from './words';
import { broughtBy, groupChanges, ownPoints, RankedChange } from './changes';
import { filesAsMoved, MovedFileChange } from './moves';
import { othersPoints, RANK_WEIGHTS, RankWeights } from './weights';
import { count, noun } from '../text/count';

export type Factor =
  | 'time'
  | 'size'
  | 'service'
  | 'risky-path'
  | 'evidence'
  | 'words'
  | 'follow-ups'
  | 'reverted-before'
  | 'future-dated'
  | 'not-deployed'
  | 'written-after'
  | 'shipped-after'
  | 'docs-only'
  | 'undone'
  | 'commits';

export interface Reason {
  readonly factor: Factor;
  /** Points this reason adds (0 for flags that only inform). */
  readonly points: number;
  readonly text: string;
  /** Commits the text names by their first 7 characters (full shas), so an editor can link them. */
  readonly shas?: readonly string[];
}

export interface ShippedBy {
  readonly sha: string;
  readonly name: string;
  readonly kind: DeployKind;
  readonly environment: string;
  readonly at: string;
}

export interface RankedCommit {
  readonly sha: string;
  readonly shortSha: string;
  readonly subject: string;
  readonly author: string;
  readonly committedAt: string;
  readonly score: number;
  readonly reasons: readonly Reason[];
  /** The deploy that shipped it closest before the start; absent when no deploy in the window did. */
  readonly deploy?: ShippedBy;
  readonly futureDated: boolean;
  readonly isMerge: boolean;
  readonly revertCommand: string;
  readonly files: readonly FileChange[];
  /** The files it moved, when the adapter read them (see `filesAsMoved`). */
  readonly moves?: readonly FileMove[];
}

export interface RankedDeploy {
  readonly deploy: Deploy;
  readonly score: number;
  readonly reasons: readonly Reason[];
  /** Its commits, most suspect first. */
  readonly commits: readonly RankedCommit[];
}

export interface RankInput {
  /** When impact began (ISO UTC). */
  readonly startedAt: string;
  /** "Now", to flag commits dated in the future. */
  readonly now: string;
  readonly deploys: readonly Deploy[];
  readonly commits: ReadonlyMap<string, Commit>;
  /** Commits read from the window that no deploy in it shipped. */
  readonly undeployed?: readonly string[];
  readonly service?: { readonly name: string; readonly matches: ServiceMatcher };
  readonly evidence?: Evidence;
  /** Incident title, alert text... */
  readonly text?: string;
  /**
   * Reverts on the branch in the months before the start, with their files (`pastRevertsArgs`):
   * code where a change had to be undone lately (see revertedBeforeReason).
   */
  readonly pastReverts?: readonly Commit[];
  /** What each fact is worth; RANK_WEIGHTS unless the judge is trying others (scripts/weightSearch.ts). */
  readonly weights?: RankWeights;
}

export interface Ranking {
  readonly deploys: readonly RankedDeploy[];
  /** Every commit of every deploy, plus the undeployed ones, most suspect first. */
  readonly commits: readonly RankedCommit[];
  /**
   * The same commits as they were merged, most suspect first: a pull request (a merge with the
   * commits it brought) is one change, a commit that came alone another (see changes.ts).
   */
  readonly changes: readonly RankedChange[];
}

const HOUR = 3_600_000;
/** Clock skew tolerated before a commit counts as dated in the future. */
const FUTURE_GRACE_MS = 5 * 60_000;

const round = (n: number) => Math.round(n * 10) / 10;
/** The points that take `points` down to half ("counts half"): what undeployed, late and docs-only reasons add. */
const halfOff = (points: number) => round(points * 0.5 - points);

/**
 * 40 points at the start, halving every 2 h before it, plus half a point halving every 4 days: past
 * a day the first part is nothing, and between changes days old the newer is still a little more
 * suspect (a tie-breaker; the judge, docs/judge.md). After the start, 10 points halving every 15 min.
 * The judge's two windows pull the curve opposite ways (a weaker, faster one where the window starts
 * at the culprit, a stronger, slower one where it starts two days before); this is where they balance.
 */
export function timePoints(deltaBeforeMs: number): number {
  return deltaBeforeMs >= 0
    ? 40 * 0.5 ** (deltaBeforeMs / (2 * HOUR)) + 0.5 * 0.5 ** (deltaBeforeMs / (96 * HOUR))
    : 10 * 0.5 ** (-deltaBeforeMs / (15 * 60_000));
}

/** Users are hurt by production; a staging or canary deploy is a weaker (half) time signal. */
export function environmentWeight(environment: string): number {
  return isProduction(environment) ? 1 : 0.5;
}

/** Production, or a part of it a team names on its own: `prod`, `production`, `prod-eu`, `production-us-east`. */
export function isProduction(environment: string): boolean {
  return /^prod(?:uction)?(?:$|[-_./])/i.test(environment);
}

function timeReason(verb: string, atIso: string, start: number, weight = 1): Reason {
  const delta = start - Date.parse(atIso);
  const when =
    delta >= 0
      ? `${formatDuration(delta)} before the incident began`
      : `${formatDuration(-delta)} after the incident began (could worsen it, unlikely to start it)`;
  return {
    factor: 'time',
    points: round(timePoints(delta) * weight),
    text: `${verb} ${when}${weight < 1 ? ' (not production: counts half)' : ''}`,
  };
}

function deployTimePoints(deploy: Deploy, start: number): number {
  return timePoints(start - Date.parse(deploy.at)) * environmentWeight(deploy.environment);
}

interface CommitFacts {
  readonly reasons: Reason[];
  readonly points: number;
}

/** What every commit of one ranking shares, worked out once per ranking instead of once per commit. */
interface RankContext {
  readonly input: RankInput;
  readonly weights: RankWeights;
  readonly start: number;
  readonly now: number;
  readonly keywords: readonly string[];
  readonly keywordSet: ReadonlySet<string>;
  /** Which keywords each file path seen so far mentions (the same paths come back commit after commit). */
  readonly pathKeywords: Map<string, ReadonlySet<string>>;
  /** The ranked commits that changed each path before the start, oldest first (see followUpsReason). */
  readonly changedBefore: ReadonlyMap<string, readonly { readonly commit: Commit; readonly at: number }[]>;
  /** The past reverts that changed each path (code, not documentation or dependency manifests), newest first. */
  readonly revertedPaths: ReadonlyMap<string, readonly PastRevert[]>;
  /** The candidates a revert had undone by the start, with that revert (see undoneReason). */
  readonly undone: ReadonlyMap<string, Undoing>;
}

/** `12345` → `12,345`, as `toLocaleString('en-US')` prints it, without an Intl call per commit. */
export function groupThousands(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/**
 * How much it changed: lines (a moved file by what changed on the way, when the adapter read its
 * moves; one file, not a deletion and an addition), files, binaries and submodules. A file moved
 * without a line changed counts no file: a move counts by what it changed (the judge, docs/judge.md,
 * twenty-first round: a package moved whole, 21 files, outranked a culprit on its file count alone).
 */
function sizeReason(commit: Commit, files: readonly MovedFileChange[], weights: RankWeights): Reason | undefined {
  let lines = 0;
  let binary = 0;
  let submodules = 0;
  const moves: MovedFileChange[] = [];
  let unchanged = 0;
  for (const f of files) {
    if (f.from !== undefined && f.additions === 0 && f.deletions === 0) {
      unchanged++;
    } else if (f.from !== undefined) {
      moves.push(f); // a binary moved is not a binary changed: git gave its lines, or none
    } else if (f.binary) {
      binary++;
    }
    if (f.submodule) {
      submodules++;
    }
    if (!f.binary && !f.submodule) {
      lines += f.additions + f.deletions;
    }
  }
  const fileTotal = files.length + commit.filesOmitted;
  if (fileTotal === 0) {
    return undefined;
  }
  const changedTotal = fileTotal - unchanged;
  // Read without line counts (a partial clone: Commit.linesUnknown), only its files size it.
  const linePoints = commit.linesUnknown ? 0 : weights.sizePerTenfold * Math.log10(1 + lines);
  const points = Math.min(
    weights.sizeMax,
    linePoints + Math.min(weights.sizeFilesMax, changedTotal / 10) + Math.min(2, binary + submodules),
  );
  return {
    factor: 'size',
    points: round(points),
    text: sizeText(commit, files, { lines, changedTotal, unchanged, moves, binary, submodules }),
  };
}

function sizeText(
  commit: Commit,
  files: readonly MovedFileChange[],
  size: { lines: number; changedTotal: number; unchanged: number; moves: readonly MovedFileChange[]; binary: number; submodules: number },
): string {
  const { lines, changedTotal, unchanged, moves, binary, submodules } = size;
  if (commit.linesUnknown) {
    return `changes ${count(changedTotal + unchanged, 'file')} (its line counts unknown: the clone lacks the objects to diff it)`;
  }
  if (changedTotal === 0) {
    const only = files.length === 1 ? files[0] : undefined;
    return only?.from !== undefined
      ? `moves ${only.from} to ${only.path} without changing it`
      : `moves ${count(unchanged, 'file')} without changing them`;
  }
  const extras = [binary ? count(binary, 'binary file') : '', submodules ? count(submodules, 'submodule update') : ''].filter(Boolean);
  // A lone moved file is named; among others (a vendored bump that moves a LICENSE) only counted.
  const moving = !moves.length
    ? ''
    : changedTotal === 1
      ? `, moving ${moves[0].from} to ${moves[0].path}`
      : moves.length === changedTotal
        ? ', all moved'
        : `, ${moves.length} of them moved`;
  const asTheyWere = unchanged ? `; moves ${unchanged} more without changing ${unchanged === 1 ? 'it' : 'them'}` : '';
  return `changes ${groupThousands(lines)} ${noun(lines, 'line')} in ${count(changedTotal, 'file')}${moving}${extras.length ? ` (and ${extras.join(', ')})` : ''}${asTheyWere}`;
}

/** `its file is`, `both files are`, `all 4 files are`, `2 of 5 files are`. */
function inServiceCount(inService: number, files: number): string {
  if (inService === files) {
    return files === 1 ? 'its file is' : files === 2 ? 'both files are' : `all ${files} files are`;
  }
  return `${inService} of ${files} files ${inService === 1 ? 'is' : 'are'}`;
}

function listed(items: readonly string[], max = 3): string {
  return listFirst(items, max);
}

/** A manifest whose dependencies were read and none moved: its scripts, version or tool settings changed. */
function movedNoDependency(file: MovedFileChange): boolean {
  // A lockfile read to name what moved says nothing when it names nothing (isReadableLockfile); a
  // manifest or lockfile moved with no line changed names the same dependencies as before (vendored
  // code moved is another import path: its path decides).
  const read = file.dependencies?.length === 0 && !isReadableLockfile(file.path);
  const movedAsItWas = file.from !== undefined && file.additions === 0 && file.deletions === 0 && isDependencyManifest(file.path);
  return read || movedAsItWas;
}

/**
 * What each move did to dependencies (`filesAsMoved` keeps the added end's, each dependency `added`):
 * a manifest read at both ends, what differs between them; otherwise unknown, and its path decides.
 */
function withMovedDependencies(commit: Commit, files: readonly MovedFileChange[]): readonly MovedFileChange[] {
  if (files === commit.files) {
    return files; // nothing moved
  }
  const deleted = new Map(commit.files.filter((f) => f.status === 'deleted').map((f) => [f.path, f]));
  return files.map((f) => {
    if (f.from === undefined) {
      return f;
    }
    const removed = deleted.get(f.from)?.dependencies;
    const { dependencies: added, ...file } = f;
    return removed && added ? { ...file, dependencies: movedDependencyChanges(removed, added, { from: f.from, to: f.path }) } : file;
  });
}

/**
 * Each manifest's dependency changes without those that only follow a folder this commit moved
 * (`followsMovedFolder`): a go.mod that points its replacement at the module's new folder changed
 * no dependency.
 */
function withoutMoveFollowers<F extends MovedFileChange>(commit: Commit, files: readonly F[]): readonly F[] {
  const moves = commit.moves;
  if (!moves?.length) {
    return files;
  }
  return files.map((f) => {
    if (!f.dependencies?.length) {
      return f;
    }
    const manifests = { from: f.from ?? f.path, to: f.path };
    const dependencies = f.dependencies.filter((c) => !followsMovedFolder(c, manifests, moves));
    return dependencies.length === f.dependencies.length ? f : { ...f, dependencies };
  });
}

/** The risky kinds a changed file is: its path's, except that a manifest that moved no dependency is not a dependency change. */
function fileClasses(file: FileChange): readonly PathClass[] {
  const classes = pathClasses(file.path);
  return movedNoDependency(file) ? classes.filter((cls) => cls !== 'dependency') : classes;
}

function commitFacts(commit: Commit, context: RankContext): CommitFacts {
  const { input, keywords, weights } = context;
  const reasons: Reason[] = [];
  // A moved file is one file at its new path, with the lines it changed on the way and what the move
  // did to its dependencies.
  const files = withoutMoveFollowers(commit, withMovedDependencies(commit, filesAsMoved(commit)));
  const size = sizeReason(commit, files, weights);
  if (size) {
    reasons.push(size);
  }
  if (input.service && commit.files.length) {
    const inService = commit.files.map((f) => ({ path: f.path, why: input.service?.matches(f.path) })).filter((f) => f.why);
    if (inService.length) {
      const share = inService.length / commit.files.length;
      reasons.push({
        factor: 'service',
        points: round(weights.service * Math.sqrt(share)),
        text: `${inServiceCount(inService.length, commit.files.length)} in ${input.service.name} (${inService[0].path} ${inService[0].why})`,
      });
    }
  }
  const byClass = new Map<PathClass, string[]>();
  for (const file of files) {
    for (const cls of fileClasses(file)) {
      byClass.set(cls, [...(byClass.get(cls) ?? []), file.path]);
    }
  }
  let riskTotal = 0;
  for (const [cls, paths] of byClass) {
    const points = Math.min(weights.risk[cls], weights.riskMax - riskTotal);
    riskTotal += points;
    const moved = cls === 'dependency' ? [...files].sort(lockfilesLast).flatMap((f) => f.dependencies ?? []) : [];
    const which = moved.length ? ` (${describeDependencyChanges(moved)})` : '';
    reasons.push({ factor: 'risky-path', points, text: `changes ${PATH_CLASS_LABELS[cls]}: ${listed(paths)}${which}` });
  }
  if (input.evidence) {
    reasons.push(...evidenceReasons(commit, input.evidence));
  }
  const followUps = followUpsReason(commit, context);
  if (followUps) {
    reasons.push(followUps);
  }
  const reverted = revertedBeforeReason(commit, context);
  if (reverted) {
    reasons.push(reverted);
  }
  if (keywords.length) {
    // The stems of "subject\nbody\npath path ..." are the stems of each part: words never span the
    // line breaks and spaces between them. Paths repeat across commits, so theirs are kept.
    const mentioned = new Set<string>();
    addKeywordMatches(`${commit.subject}\n${commit.body}`, context.keywordSet, mentioned);
    for (const file of commit.files) {
      for (const k of keywordsOfPath(file.path, context)) {
        mentioned.add(k);
      }
    }
    const found = keywords.filter((k) => mentioned.has(k));
    if (found.length) {
      reasons.push({
        factor: 'words',
        points: Math.min(15, 5 * found.length),
        text: `mentions ${found.map((w) => `"${w}"`).join(', ')} from the incident title or alert`,
      });
    }
  }
  return { reasons, points: reasons.reduce((n, r) => n + r.points, 0) };
}

/**
 * People patch forward before they revert: later commits (before the start) that changed a file of
 * this one again are a hint it needed fixing. Kept because the judge (docs/judge.md) said so.
 */
function followUpsReason(commit: Commit, context: RankContext): Reason | undefined {
  const committed = Date.parse(commit.committedAt);
  const undoneBy = context.undone.get(commit.sha)?.revert.sha; // its own revert fixed nothing of it
  const later = new Set<Commit>();
  for (const file of commit.files) {
    for (const other of context.changedBefore.get(file.path) ?? []) {
      if (other.at > committed && other.commit.sha !== commit.sha && other.commit.sha !== undoneBy) {
        later.add(other.commit);
      }
    }
  }
  if (!later.size) {
    return undefined;
  }
  const inOrder = [...later].sort((a, b) => Date.parse(a.committedAt) - Date.parse(b.committedAt));
  const named = inOrder.map((c) => `${c.sha.slice(0, 7)} "${c.subject}"`);
  return {
    factor: 'follow-ups',
    points: Math.min(context.weights.followUpMax, context.weights.followUp * later.size),
    shas: inOrder.slice(0, 3).map((c) => c.sha), // listed() names the first three
    text: `its files were changed again by ${count(later.size, 'later commit')} before the incident began (${listed(named)}): follow-up fixes often trail a bad change`,
  };
}

/**
 * Code where a change had to be undone lately breaks again more often than the rest: a revert in
 * the months before the start changed one of this commit's files. Never the commit's own revert.
 */
function revertedBeforeReason(commit: Commit, context: RankContext): Reason | undefined {
  if (!context.revertedPaths.size) {
    return undefined;
  }
  let newest: { revert: Commit; path: string } | undefined;
  const reverts = new Set<Commit>();
  const undoneBy = context.undone.get(commit.sha)?.revert.sha; // its own revert, of the merge that brought it
  for (const file of commit.files) {
    for (const { revert, target } of context.revertedPaths.get(file.path) ?? []) {
      if (revert.sha === commit.sha || revert.sha === undoneBy || undoes(target, commit)) {
        continue;
      }
      reverts.add(revert);
      if (!newest || revert.committedAt > newest.revert.committedAt) {
        newest = { revert, path: file.path };
      }
    }
  }
  if (!newest) {
    return undefined;
  }
  const ago = formatDuration(Math.max(0, context.start - Date.parse(newest.revert.committedAt)));
  const more = reverts.size > 1 ? ` and ${reverts.size - 1} more revert${reverts.size > 2 ? 's' : ''}` : '';
  return {
    factor: 'reverted-before',
    points: context.weights.revertedBefore,
    shas: [newest.revert.sha],
    text: `a revert changed ${newest.path} ${ago} before the incident began (${newest.revert.sha.slice(0, 7)} ${newest.revert.subject}${more}): where a change had to be undone, the next one breaks more often`,
  };
}

/** A past revert with what it names as undone, read once per ranking rather than once per commit and file. */
interface PastRevert {
  readonly revert: Commit;
  readonly target: RevertTarget;
}

/** Path → the reverts among `reverts` (before the start) that changed it, newest first; documentation and dependency manifests left out. */
function revertedPaths(reverts: readonly Commit[], start: number): Map<string, PastRevert[]> {
  const byPath = new Map<string, PastRevert[]>();
  const newestFirst = reverts
    .filter((r) => isRevert(r) && Date.parse(r.committedAt) <= start && Date.parse(r.committedAt) >= start - PAST_REVERT_DAYS * 86_400_000)
    .sort((a, b) => Date.parse(b.committedAt) - Date.parse(a.committedAt));
  for (const revert of newestFirst) {
    const entry = { revert, target: revertTarget(revert) };
    for (const file of revert.files) {
      if (isDocumentation(file.path) || pathClasses(file.path).includes('dependency')) {
        continue; // every dependency bump and changelog touches these: they say nothing of the code
      }
      const list = byPath.get(file.path);
      if (list) {
        list.push(entry);
      } else {
        byPath.set(file.path, [entry]);
      }
    }
  }
  return byPath;
}

/** Path → the non-merge commits among `shas` that changed it at or before `start`, with their commit times. */
function changedBeforeStart(
  commits: ReadonlyMap<string, Commit>,
  shas: Iterable<string>,
  start: number,
): Map<string, { commit: Commit; at: number }[]> {
  const byPath = new Map<string, { commit: Commit; at: number }[]>();
  for (const sha of new Set(shas)) {
    const commit = commits.get(sha);
    const at = commit ? Date.parse(commit.committedAt) : NaN;
    if (!commit || commit.parents.length > 1 || !(at <= start)) {
      continue; // a merge brings its branch's changes (already counted); after the start says nothing of the cause
    }
    for (const file of withoutMoveFollowers(commit, commit.files)) {
      if (movedNoDependency(file)) {
        continue; // a release setting the version fixes nothing
      }
      const list = byPath.get(file.path);
      if (list) {
        list.push({ commit, at });
      } else {
        byPath.set(file.path, [{ commit, at }]);
      }
    }
  }
  return byPath;
}

function evidenceReasons(commit: Commit, evidence: Evidence): Reason[] {
  const reasons: Reason[] = [];
  let total = 0;
  for (const file of commit.files) {
    let best: { points: number; text: string } | undefined;
    for (const frame of evidence.frames) {
      if (!frame.path) {
        continue;
      }
      const shared = sharedSuffixSegments(file.path, frame.path);
      const traceSegments = frame.path.split('/').length;
      // The file name alone is weak (index.ts is everywhere) unless the trace has nothing more.
      const points = shared >= 2 ? 25 : shared === 1 && traceSegments === 1 ? 15 : shared === 1 ? 6 : 0;
      const weighted = frame.thirdParty ? points * 0.3 : points;
      if (weighted > (best?.points ?? 0)) {
        best = {
          points: weighted,
          text: `touches ${file.path}, named in the evidence (${frame.path}${frame.line ? `:${frame.line}` : ''}, evidence line ${frame.sourceLine})`,
        };
      }
    }
    if (best) {
      reasons.push({ factor: 'evidence', points: round(best.points), text: best.text });
      total += best.points;
    }
  }
  const message = `${commit.subject}\n${commit.body}`;
  const symbols = [...new Set(evidence.frames.filter((f) => !f.thirdParty).flatMap((f) => f.symbols))];
  const named = symbols.filter((s) => new RegExp(`\\b${s.replace(/[$]/g, '\\$')}\\b`).test(message));
  if (named.length) {
    reasons.push({ factor: 'evidence', points: 8, text: `its message names ${listed(named.map((s) => `${s}`))} from the evidence` });
    total += 8;
  }
  // Cap: three frames of one trace in one file are one piece of evidence, not three.
  if (total > 45) {
    const scale = 45 / total;
    return reasons.map((r) => ({ ...r, points: round(r.points * scale) }));
  }
  return reasons;
}

function keywordsOfPath(path: string, context: RankContext): ReadonlySet<string> {
  let found = context.pathKeywords.get(path);
  if (!found) {
    const matches = new Set<string>();
    addKeywordMatches(path, context.keywordSet, matches);
    found = matches;
    context.pathKeywords.set(path, found);
  }
  return found;
}

/**
 * A commit written after impact began cannot have started it: it is most often the response (a fix
 * forward, a revert), and it ranked above culprits it answered (the judge, docs/judge.md). No time
 * points, whatever shipped it; a deploy after the start keeps its own (smaller) points in the deploy list.
 */
function writtenAfterReason(afterMs: number, shippedBy: Deploy | undefined): Reason {
  return {
    factor: 'time',
    points: 0,
    text: `committed ${formatDuration(afterMs)} after the incident began${shippedBy ? ` (shipped by ${shippedBy.name})` : ''}: more likely part of the response (a fix, a revert) than its cause`,
  };
}

/**
 * What else a commit written after the start has (size, service, words...) counts half: it can
 * worsen an incident, not start it. Without this the revert itself (in the window's hour after the
 * start, touching the culprit's files) outranked culprits with the service hint (the judge, docs/judge.md).
 */
function writtenAfterHalf(points: number): Reason {
  return { factor: 'written-after', points: halfOff(points), text: 'written after the incident began: the rest counts half' };
}

/**
 * What else a commit that no deploy shipped before the start has counts half, for the same reason: it
 * reached users after impact began, so it can worsen the incident, not start it. On the judge's
 * histories a release tagged minutes after the start otherwise put its largest commits above a
 * culprit merged a day before (prometheus, docs/judge.md).
 */
function shippedAfterHalf(points: number): Reason {
  return { factor: 'shipped-after', points: halfOff(points), text: 'shipped only after the incident began: the rest counts half' };
}

/**
 * A change to documentation alone (Markdown, a docs folder), or to comments alone (a typo fixed in a
 * doc comment, a licence header: `commentsOnly`, read from the patch by the git adapter), does not
 * change what runs in production: all it has counts half, time included. On the judge's histories
 * docs-only changes were 2 % of the culprits and 11 % of the candidates; of their 32 comment-only
 * candidates one was a culprit, a typo fix reverted "to test fast revert" (docs/judge.md).
 */
function docsOnlyHalf(commit: Commit, reasons: readonly Reason[]): Reason | undefined {
  const docs = commit.files.length > 0 && commit.filesOmitted === 0 && commit.files.every((f) => isDocumentation(f.path));
  if (!docs && commit.commentsOnly !== true) {
    return undefined;
  }
  const total = reasons.reduce((n, r) => n + r.points, 0);
  if (total <= 0) {
    return undefined;
  }
  const named = docs ? commit.files : commit.files.filter((f) => !isDocumentation(f.path));
  const files = `${named[0].path}${named.length > 1 ? ` and ${named.length - 1} more` : ''}`;
  return {
    factor: 'docs-only',
    points: halfOff(total),
    text: docs
      ? `changes documentation only (${files}): it does not run in production, counts half`
      : `changes only comments (${files}): nothing that runs changed, counts half`,
  };
}

/**
 * A change a revert had undone before the start was not running when the incident began: it cannot
 * have started it. Shipped by a deploy before the start, the revert leaves the change nothing; a
 * revert no deploy shipped (committed, or pushed straight to the branch) may not have been live
 * yet, so the change counts half, as such commits do. The revert itself is ranked as any change.
 */
function undoneReason(undoing: Undoing | undefined, reasons: readonly Reason[]): Reason | undefined {
  const total = reasons.reduce((n, r) => n + r.points, 0);
  if (!undoing || total <= 0) {
    return undefined;
  }
  const { revert, shipped } = undoing;
  const by = `${revert.sha.slice(0, 7)} "${revert.subject}"`;
  return {
    factor: 'undone',
    points: shipped ? round(-total) : halfOff(total),
    shas: [revert.sha],
    text: shipped
      ? `undone before the incident began by ${by}: its code was no longer running, counts nothing`
      : `undone before the incident began by ${by}, which no deploy in the window shipped: counts half`,
  };
}

/**
 * The candidates a revert had undone by the start (`undoneByReverts`): reverts committed by then that
 * a deploy shipped before it, or that none shipped (pushed straight to the branch, or no deploy in
 * the window), not those only a deploy after the start shipped. A merge undone undoes what its
 * branch brought.
 */
function undoneBeforeStart(
  input: RankInput,
  candidateShas: readonly string[],
  start: number,
  shippedBy: ReadonlyMap<string, Deploy>,
  shippedBefore: ReadonlySet<string>,
  pushed: ReadonlyMap<string, Deploy>,
): Map<string, Undoing> {
  const candidates = candidateShas.map((sha) => input.commits.get(sha)).filter((c): c is Commit => c !== undefined);
  const reverts = candidates.filter(
    (c) => isRevert(c) && Date.parse(c.committedAt) <= start && (shippedBefore.has(c.sha) || pushed.has(c.sha) || !shippedBy.has(c.sha)),
  );
  if (!reverts.length) {
    return new Map();
  }
  const landedAt = (c: Commit) => {
    const deploy = shippedBefore.has(c.sha) ? shippedBy.get(c.sha) : undefined;
    return deploy ? Date.parse(deploy.at) : Date.parse(c.committedAt);
  };
  const undone = undoneByReverts(candidates, reverts, landedAt, (r) => shippedBefore.has(r.sha));
  for (const deploy of input.deploys) {
    const merge = deploy.kind === 'merge' ? undone.get(deploy.sha) : undefined;
    for (const sha of merge ? broughtBy(deploy, input.commits) : []) {
      if (!undone.has(sha)) {
        undone.set(sha, merge as Undoing);
      }
    }
  }
  return undone;
}

/**
 * A commit pushed straight to the branch (no pull request brought it) lands when it is pushed, and git
 * keeps no push time: only that it came after its commit and before the next merge on the branch.
 * When that merge came after the start the commit may well have been live before it, so it is ranked
 * as a commit no deploy shipped (its own time, counting half), as it was before that merge came,
 * rather than as shipped only after the start. GitHub's squash and rebase merges write such commits
 * at the moment they land. (The judge, docs/judge.md, fourteenth round: a version bump pushed 4
 * minutes before the start ranked 57th behind a release tagged after it.)
 */
function pushedReason(commit: Commit, nextMerge: Deploy, start: number): Reason {
  const base = timeReason('committed straight to the branch', commit.committedAt, start);
  const after = formatDuration(Math.max(0, Date.parse(nextMerge.at) - start));
  return {
    ...base,
    text: `${base.text}, no pull request: git keeps no push time, so it may have been live before the next merge (${after} after the incident began)`,
  };
}

/**
 * Commits pushed straight to the branch at or before the start whose next merge came after it (see
 * pushedReason), with that merge: the first-parent line below each such merge, as far as it shipped.
 */
function pushedBeforeStart(input: RankInput, start: number): Map<string, Deploy> {
  const pushed = new Map<string, Deploy>();
  for (const deploy of input.deploys) {
    if (deploy.kind !== 'merge' || !(Date.parse(deploy.at) > start)) {
      continue;
    }
    const shipped = new Set(deploy.commits);
    const seen = new Set<string>();
    for (
      let sha = input.commits.get(deploy.sha)?.parents[0];
      sha && shipped.has(sha) && !seen.has(sha);
      sha = input.commits.get(sha)?.parents[0]
    ) {
      seen.add(sha);
      const commit = input.commits.get(sha);
      if (commit && commit.parents.length === 1 && Date.parse(commit.committedAt) <= start && !pushed.has(sha)) {
        pushed.set(sha, deploy);
      }
    }
  }
  return pushed;
}

/**
 * `shippedOnlyAfter`: every deploy that shipped it is after the start (`shippedBy` is the one with the
 * most time points); `pushedBefore`: the merge after the start above it, when it was pushed straight
 * to the branch before the start (see pushedReason).
 */
function rankCommit(
  commit: Commit,
  context: RankContext,
  shippedBy: Deploy | undefined,
  shippedOnlyAfter: boolean,
  pushedBefore?: Deploy,
): RankedCommit {
  const reasons: Reason[] = [];
  const committedMs = Date.parse(commit.committedAt);
  const authoredMs = commit.authoredAt === commit.committedAt ? committedMs : Date.parse(commit.authoredAt);
  const future = committedMs > context.now + FUTURE_GRACE_MS || authoredMs > context.now + FUTURE_GRACE_MS;
  const writtenAfter = committedMs - context.start;
  if (writtenAfter > 0 && !future) {
    reasons.push(writtenAfterReason(writtenAfter, shippedBy));
  } else if (shippedBy && !pushedBefore) {
    reasons.push(
      timeReason(
        `shipped by ${shippedBy.kind === 'timeline' ? `the timeline's deploy "${shippedBy.name}"` : shippedBy.name} (${shippedBy.environment})`,
        shippedBy.at,
        context.start,
        environmentWeight(shippedBy.environment),
      ),
    );
  } else {
    // No deploy shipped it, or (pushed straight to the branch) none before the start: its own time, counting half.
    const base = pushedBefore
      ? pushedReason(commit, pushedBefore, context.start)
      : timeReason('committed', commit.committedAt, context.start);
    reasons.push({
      factor: 'not-deployed',
      points: halfOff(base.points),
      text: `no deploy ${pushedBefore ? 'shipped it before the incident began' : 'in the window shipped it'}: counts half`,
    });
    reasons.push(base);
  }
  const facts = commitFacts(commit, context);
  reasons.push(...facts.reasons);
  if (writtenAfter > 0 && !future && facts.points > 0) {
    reasons.push(writtenAfterHalf(facts.points));
  } else if (shippedOnlyAfter && !pushedBefore && facts.points > 0) {
    reasons.push(shippedAfterHalf(facts.points));
  }
  const docs = docsOnlyHalf(commit, reasons);
  if (docs) {
    reasons.push(docs);
  }
  const undone = undoneReason(context.undone.get(commit.sha), reasons);
  if (undone) {
    reasons.push(undone);
  }
  if (future) {
    const ahead = Math.max(committedMs, authoredMs) - context.now;
    reasons.push({
      factor: 'future-dated',
      points: 0,
      text: `dated ${formatDuration(ahead)} in the future (a wrong clock?): its own date is not trusted`,
    });
  }
  const score = round(
    Math.max(
      0,
      reasons.reduce((n, r) => n + r.points, 0),
    ),
  );
  return {
    sha: commit.sha,
    shortSha: commit.sha.slice(0, 7),
    subject: commit.subject,
    author: commit.authorName,
    committedAt: commit.committedAt,
    score,
    reasons,
    ...(shippedBy
      ? { deploy: { sha: shippedBy.sha, name: shippedBy.name, kind: shippedBy.kind, environment: shippedBy.environment, at: shippedBy.at } }
      : {}),
    futureDated: future,
    isMerge: commit.parents.length > 1,
    revertCommand: revertCommand(commit),
    files: commit.files,
    ...(commit.moves ? { moves: commit.moves } : {}),
  };
}

/**
 * Most suspect first, then closest to the start. Times are parsed once per item, not per
 * comparison; `distances` may be shared by several sorts of the same items.
 */
function sortBySuspicion<T extends { score: number }>(
  items: T[],
  at: (t: T) => string,
  start: number,
  distances = new Map<T, number>(),
): T[] {
  for (const item of items) {
    if (!distances.has(item)) {
      distances.set(item, Math.abs(start - Date.parse(at(item))));
    }
  }
  return items.sort((a, b) => b.score - a.score || (distances.get(a) as number) - (distances.get(b) as number));
}

export function rankSuspects(input: RankInput): Ranking {
  const keywords = input.text ? keywordStems(input.text) : [];
  const start = Date.parse(input.startedAt);
  // A commit shipped by several deploys (a merge, then the release tag) is judged by the one
  // closest before the start, since that is when it most plausibly reached users.
  const shippedBy = new Map<string, Deploy>();
  // Commits that some deploy shipped before the start (whichever deploy names them in shippedBy).
  const shippedBefore = new Set<string>();
  const deployPoints = new Map(input.deploys.map((d) => [d, deployTimePoints(d, start)]));
  for (const deploy of input.deploys) {
    const points = deployPoints.get(deploy) as number;
    const before = Date.parse(deploy.at) <= start;
    for (const sha of deploy.commits) {
      if (before) {
        shippedBefore.add(sha);
      }
      const current = shippedBy.get(sha);
      if (!current || points > (deployPoints.get(current) as number)) {
        shippedBy.set(sha, deploy);
      }
    }
  }
  const weights = input.weights ?? RANK_WEIGHTS;
  const pushed = pushedBeforeStart(input, start);
  // Every commit ranked: those a deploy in the window shipped, and those none did.
  const candidates = [...shippedBy.keys(), ...(input.undeployed ?? [])];
  const context: RankContext = {
    input,
    weights,
    start,
    now: Date.parse(input.now),
    keywords,
    keywordSet: new Set(keywords),
    pathKeywords: new Map(),
    changedBefore: changedBeforeStart(input.commits, candidates, start),
    revertedPaths: revertedPaths(input.pastReverts ?? [], start),
    undone: undoneBeforeStart(input, candidates, start, shippedBy, shippedBefore, pushed),
  };
  const ranked = new Map<string, RankedCommit>();
  const rankOnce = (sha: string, deploy: Deploy | undefined) => {
    const commit = input.commits.get(sha);
    if (commit && !ranked.has(sha)) {
      const onlyAfter = deploy !== undefined && !shippedBefore.has(sha);
      ranked.set(sha, rankCommit(commit, context, deploy, onlyAfter, onlyAfter ? pushed.get(sha) : undefined));
    }
  };
  for (const [sha, deploy] of shippedBy) {
    rankOnce(sha, deploy);
  }
  for (const sha of input.undeployed ?? []) {
    rankOnce(sha, undefined);
  }
  const committedAt = (c: RankedCommit) => c.committedAt;
  const commitDistances = new Map<RankedCommit, number>();
  const deploys = input.deploys.map((deploy): RankedDeploy => {
    const commits = sortBySuspicion(
      deploy.commits.map((sha) => ranked.get(sha)).filter((c): c is RankedCommit => Boolean(c)),
      committedAt,
      start,
      commitDistances,
    );
    const reasons: Reason[] = [
      timeReason(`deployed (${deployKindWords(deploy)})`, deploy.at, start, environmentWeight(deploy.environment)),
    ];
    // A deploy is as suspect as its worst commit, plus a little for each other risky one.
    const own = commits.map((c) => ({
      c,
      points: ownPoints(c),
    }));
    own.sort((a, b) => b.points - a.points);
    if (own.length && own[0].points > 0) {
      const top = own[0].c.reasons
        .filter((r) => r.factor !== 'time' && r.points > 0)
        .sort((a, b) => b.points - a.points)
        .slice(0, 2);
      reasons.push({
        factor: 'commits',
        points: round(own[0].points),
        text: `its most suspect commit ${own[0].c.shortSha} "${own[0].c.subject}": ${top.map((r) => r.text).join('; ')}`,
      });
    }
    const rest = othersPoints(
      own.slice(1).reduce((n, o) => n + Math.max(0, o.points), 0), // a commit undone or docs-only takes nothing from the rest
      weights,
    );
    if (rest >= 1) {
      reasons.push({
        factor: 'commits',
        points: round(rest),
        text: `${own.length - 1} more commit${own.length > 2 ? 's' : ''} with risk of their own`,
      });
    }
    if (deploy.commits.length === 0) {
      reasons.push({ factor: 'commits', points: 0, text: 'ships no commits the previous deploy did not already ship' });
    }
    if (deploy.commitsTruncated) {
      reasons.push({ factor: 'commits', points: 0, text: 'older commits of this deploy were not read (before the scanned history)' });
    }
    return { deploy, score: round(reasons.reduce((n, r) => n + r.points, 0)), reasons, commits };
  });
  sortBySuspicion(deploys, (d) => d.deploy.at, start);
  const commits = sortBySuspicion([...ranked.values()], committedAt, start, commitDistances);
  return { deploys, commits, changes: groupChanges(commits, input.deploys, input.startedAt, input.commits, weights) };
}

function deployKindWords(deploy: Deploy): string {
  switch (deploy.kind) {
    case 'release-tag':
      return `release ${deploy.name}`;
    case 'deploy-tag':
      return `deploy tag ${deploy.name}`;
    case 'deploy-log':
      return `deploy log: ${deploy.name} to ${deploy.environment}`;
    case 'trailer':
      return `${deploy.name}`;
    case 'timeline':
      return `recorded on the timeline: "${deploy.name}"`;
    case 'merge':
      return `merge "${deploy.name}"`;
  }
}
