// The runbook walkthrough panel's messages. The page shows one runbook walked for one incident:
// steps with their status, notes, branches and commands (variables already filled by the extension).
// Everything the page sends is a request the extension checks here before acting on it.

import { IncidentHeader } from './timeline';
import {
  Done,
  hostMessageParser,
  isDone,
  isRequestId,
  isUserText,
  isVersion,
  messageParser,
  Parsed,
  ReadyMessage,
  ReplyMessage,
  ResultChecks,
} from './common';

export type WalkStepStatus = 'done' | 'skipped' | 'branch' | 'pending';

export interface WalkCommand {
  /** Index in the step's `commands`, what `runCommand` refers to. */
  readonly index: number;
  readonly lang: string;
  /** The command with the incident's values filled in (what would be sent, before missing ones are asked). */
  readonly command: string;
  /** Variables the incident has no value for: the extension asks for them before confirming. */
  readonly missing: readonly string[];
  /** Why it is destructive (then it needs a second confirmation), if it is. */
  readonly destructive?: string;
  /**
   * Not checked yet (a runbook of costly commands is checked in slices, the page updated as each ends):
   * whether it asks twice is not known here; the confirmation checks it anyway.
   */
  readonly checking?: true;
  readonly expect?: string;
  /** Only shell commands go to a terminal; others (sql, promql) are shown to copy. */
  readonly runnable: boolean;
  /** Why a shell command offers no Run: what the runner would refuse in it, in words. */
  readonly refused?: string;
}

export interface WalkNote {
  readonly by: string;
  readonly at: string;
  readonly text: string;
}

/** A command run during this step, newest last: when, by whom, and how it ended. */
export interface WalkRun {
  readonly command: string;
  readonly by: string;
  readonly at: string;
  /** Absent while it runs, or when its end was never reported (no shell integration). */
  readonly exitCode?: number;
}

export interface WalkStep {
  readonly id: string;
  readonly kind: string;
  readonly title: string;
  readonly text: string;
  readonly line: number;
  readonly status: WalkStepStatus;
  readonly by?: string;
  readonly at?: string;
  /** The choice taken at this step, for a decision. */
  readonly branchTaken?: { readonly if: string; readonly goto: string };
  readonly branches: readonly { readonly if: string; readonly goto: string }[];
  readonly commands: readonly WalkCommand[];
  readonly links: readonly { readonly title: string; readonly url: string }[];
  readonly notes: readonly WalkNote[];
  readonly runs: readonly WalkRun[];
  /** False when a branch taken earlier jumped over this step. */
  readonly onPath: boolean;
  readonly alternative?: string;
}

/** "This runbook has been moved to [..](..)": where the runbook went instead of its steps. */
export interface WalkNotice {
  readonly text: string;
  readonly title: string;
  readonly url: string;
  /** Title of the workspace runbook the link resolves to, which `followNotice` opens; absent for outside links. */
  readonly target?: string;
}

export interface WalkthroughState {
  readonly incident: IncidentHeader;
  readonly runbook: {
    readonly id: string;
    readonly file: string;
    readonly title: string;
    readonly description: string;
    readonly notice?: WalkNotice;
  };
  readonly steps: readonly WalkStep[];
  /** The first step on the path taken that is neither done nor skipped. */
  readonly currentStep?: string;
  readonly progress: { readonly done: number; readonly skipped: number; readonly total: number };
  /** False in an untrusted workspace: commands are shown but cannot be run. */
  readonly trusted: boolean;
  /** Why the runbook may be out of date (files it uses changed since its last edit). */
  readonly stale: readonly string[];
  /** A step to scroll to and highlight (Open Runbook Step). */
  readonly focusStep?: string;
  readonly version: number;
}

// webview -> extension

export type SetStepMessage = {
  readonly type: 'setStep';
  readonly requestId: string;
  readonly step: string;
  readonly status: 'done' | 'skipped' | 'pending';
};
export type TakeBranchMessage = { readonly type: 'takeBranch'; readonly requestId: string; readonly step: string; readonly branch: number };
export type AddStepNoteMessage = { readonly type: 'addNote'; readonly requestId: string; readonly step: string; readonly note: string };
export type RunCommandMessage = {
  readonly type: 'runCommand';
  readonly requestId: string;
  readonly step: string;
  readonly command: number;
};
export type OpenBesideMessage = { readonly type: 'openBeside'; readonly requestId: string; readonly step: string };
/** Opens the runbook the moved notice points to, for the same incident. */
export type FollowNoticeMessage = { readonly type: 'followNotice'; readonly requestId: string };

export type WalkthroughWebviewMessage =
  ReadyMessage | SetStepMessage | TakeBranchMessage | AddStepNoteMessage | RunCommandMessage | OpenBesideMessage | FollowNoticeMessage;

// extension -> webview

export type WalkthroughStateMessage = { readonly type: 'state'; readonly state: WalkthroughState };
export type WalkthroughHostMessage = WalkthroughStateMessage | ReplyMessage;

/** What each request is answered with. */
export interface WalkthroughResults {
  readonly setStep: Done;
  readonly takeBranch: Done;
  readonly addNote: Done;
  readonly runCommand: Done;
  readonly openBeside: Done;
  readonly followNotice: Done;
}

export const WALKTHROUGH_RESULTS: ResultChecks<WalkthroughResults> = {
  setStep: isDone,
  takeBranch: isDone,
  addNote: isDone,
  runCommand: isDone,
  openBeside: isDone,
  followNotice: isDone,
};

/** Step ids come from runbook files (slugs, anchors): bounded, one line. */
export const isStepId = (v: unknown): v is string => typeof v === 'string' && v.length > 0 && v.length <= 200 && !/[\u0000-\u001f]/.test(v);
const isIndex = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0 && v < 1000;
const isSettable = (v: unknown): boolean => v === 'done' || v === 'skipped' || v === 'pending';

export const parseWalkthroughMessage: (value: unknown) => Parsed<WalkthroughWebviewMessage> =
  /* @__PURE__ */ messageParser<WalkthroughWebviewMessage>({
    ready: { checks: { version: isVersion } },
    setStep: { checks: { requestId: isRequestId, step: isStepId, status: isSettable } },
    takeBranch: { checks: { requestId: isRequestId, step: isStepId, branch: isIndex } },
    addNote: { checks: { requestId: isRequestId, step: isStepId, note: isUserText(4000) } },
    runCommand: { checks: { requestId: isRequestId, step: isStepId, command: isIndex } },
    openBeside: { checks: { requestId: isRequestId, step: isStepId } },
    followNotice: { checks: { requestId: isRequestId } },
  });

export function isWalkthroughState(value: unknown): value is WalkthroughState {
  if (typeof value !== 'object' || value === null) {
    return false;
  }
  const v = value as Readonly<Record<string, unknown>>;
  const runbook = v.runbook as Readonly<Record<string, unknown>> | null;
  return (
    typeof v.incident === 'object' &&
    v.incident !== null &&
    typeof runbook === 'object' &&
    runbook !== null &&
    typeof runbook.title === 'string' &&
    Array.isArray(v.steps) &&
    Array.isArray(v.stale) &&
    typeof v.trusted === 'boolean' &&
    isVersion(v.version)
  );
}

/** The webview's check of what the extension sends it (see `hostMessageParser`). */
export const parseWalkthroughHostMessage = /* @__PURE__ */ hostMessageParser<WalkthroughStateMessage>({
  state: { checks: { state: isWalkthroughState } },
});
