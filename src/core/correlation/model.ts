// The deploy and commit model that correlation ranks. Filled by the git adapter from raw git output
// (see gitLogParser.ts), but plain data: tests and other sources (a deploy API) can build it directly.

export type FileStatus = 'added' | 'modified' | 'deleted' | 'renamed' | 'copied' | 'type-changed' | 'unknown';

export interface FileChange {
  readonly path: string;
  readonly status: FileStatus;
  /** Lines added; 0 for binary files and submodules. */
  readonly additions: number;
  readonly deletions: number;
  readonly binary: boolean;
  /** A gitlink (mode 160000): the commit moved a submodule pointer, there are no lines to count. */
  readonly submodule: boolean;
  /**
   * For a manifest whose dependencies can be read (manifests.ts): the dependencies the commit added,
   * removed or moved, none when it changed something else (scripts, a version, tool settings).
   * Absent when not read: then its path alone says whether it changes dependencies.
   */
  readonly dependencies?: readonly DependencyChange[];
}

/** A file a commit moved, and the lines it changed on the way (0 and 0 for a move alone). */
export interface FileMove {
  readonly from: string;
  readonly to: string;
  readonly additions: number;
  readonly deletions: number;
}

/** One dependency a change added, removed or moved. */
export interface DependencyChange {
  /** As the manifest names it: `express`, `golang.org/x/net`, `go` (go.mod's language version). */
  readonly name: string;
  /** Absent when the change added it. */
  readonly from?: string;
  /** Absent when the change removed it. */
  readonly to?: string;
}

export interface Trailer {
  readonly key: string;
  readonly value: string;
}

export interface Commit {
  readonly sha: string;
  readonly parents: readonly string[];
  readonly authorName: string;
  readonly authorEmail: string;
  /** ISO 8601 in UTC. */
  readonly authoredAt: string;
  /** The author's own UTC offset in minutes (east positive), kept so times can be shown as they saw them. */
  readonly authorUtcOffsetMinutes: number;
  readonly committedAt: string;
  readonly committerUtcOffsetMinutes: number;
  readonly subject: string;
  readonly body: string;
  readonly trailers: readonly Trailer[];
  readonly files: readonly FileChange[];
  /** Files left out of `files` because the commit touched more than the adapter keeps (huge commits). */
  readonly filesOmitted: number;
  /**
   * Ref names decorating the commit (`HEAD -> main`, `tag: v1.2.0`, ...) as `%D` prints them; the git
   * adapter's correlation fills in only HEAD, the default branch and tags (the refs it reads anyway).
   */
  readonly refs: readonly string[];
  /**
   * The patch changed only comments (and documentation): true or false once read (the git adapter
   * reads small patches of code and documentation only, core/correlation/comments.ts); absent when
   * not read.
   */
  readonly commentsOnly?: boolean;
  /**
   * Its files' line counts are unknown: the repository lacks objects git needs to diff them (a
   * partial clone, which git may not fetch into here, or a damaged one), so only `--raw` was read and
   * every count is 0. Ranking then sizes it by its files (core/correlation/rank.ts).
   */
  readonly linesUnknown?: boolean;
  /**
   * The files it moved (git's rename detection; the log lists each deleted and added): read by the
   * git adapter for commits that delete one file and add another (core/correlation/moves.ts), empty
   * when it moved none; absent when not read.
   */
  readonly moves?: readonly FileMove[];
}

export const DEPLOY_KINDS = ['release-tag', 'merge', 'deploy-tag', 'deploy-log', 'trailer', 'timeline'] as const;
export type DeployKind = (typeof DEPLOY_KINDS)[number];

export const DEPLOY_KIND_LABELS: Readonly<Record<DeployKind, string>> = {
  'release-tag': 'release tag',
  merge: 'merge into the default branch',
  'deploy-tag': 'deploy tag',
  'deploy-log': 'deploy log entry',
  trailer: 'commit trailer',
  timeline: 'deploy recorded on the timeline',
};

export interface Deploy {
  /** ISO 8601 in UTC: when it shipped (tagger date, deploy log time, merge commit time...). */
  readonly at: string;
  readonly sha: string;
  /** `production` unless the marker says otherwise. */
  readonly environment: string;
  readonly kind: DeployKind;
  /** Tag name, deploy log name, the merge subject, or a timeline entry's words. */
  readonly name: string;
  /** Commits shipped since the previous deploy to the same environment, newest first. */
  readonly commits: readonly string[];
  /**
   * True when older commits of this deploy were not read (the previous deploy is outside what was
   * scanned, the history is shallow, or the deploy brings more commits than the adapter keeps).
   */
  readonly commitsTruncated: boolean;
}

/** Where in the code a stack trace or log line points. */
export interface EvidenceFrame {
  /** As written in the trace, normalised to forward slashes, `file://` and drive letters dropped. */
  readonly path?: string;
  readonly line?: number;
  /** Function, method or class names named by the frame (`PaymentService`, `charge`). */
  readonly symbols: readonly string[];
  /** The trace line it came from, 1-based, for "line 12 of the evidence". */
  readonly sourceLine: number;
  /** Frames inside dependencies (node_modules, site-packages, vendor, JDK) point less at our code. */
  readonly thirdParty: boolean;
}

export interface Evidence {
  readonly frames: readonly EvidenceFrame[];
}
