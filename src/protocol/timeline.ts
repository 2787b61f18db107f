// The timeline panel's messages (extension <-> webview). Shared by src/vscode and webview-ui; no
// `vscode` import. Every webview -> extension message goes through `parseTimelineMessage` first.

import { foldIncidentAlerts } from '../core/alerts/alertEvents';
import { isDrill } from '../core/drill';
import { Incident } from '../core/incident';
import { Severity } from '../core/severity';
import { Status } from '../core/status';
import { isMilestone, Milestone } from '../core/learning/milestones';
import { MAX_ENTRY_TEXT } from '../core/timelineMarks';
import { isLine, isQuickAddKind, isRefText, isSha, isWebUrl, QuickAddKind, TimelineRow, timelineRowsAndTotal } from '../core/timelineView';
import {
  Done,
  hostMessageParser,
  isDone,
  isEventId,
  isObject,
  isRequestId,
  isUserText,
  isVersion,
  messageParser,
  Parsed,
  ReadyMessage,
  ReplyMessage,
  ResultChecks,
} from './common';

export interface IncidentHeader {
  readonly incidentId: string;
  readonly title: string;
  readonly severity: Severity;
  readonly status: Status;
  readonly service: string;
  readonly startedAt: string;
  /**
   * The timeline only: where a row can be shared as a note ("PagerDuty", "Opsgenie": the incident is
   * linked there); absent when nowhere.
   */
  readonly noteTargets?: readonly string[];
  /** A practice incident (a game day drill): the header says so. */
  readonly drill?: true;
}

/** What the panel paints: embedded in the HTML (first paint) and re-sent whole when needed. */
export interface TimelineState {
  readonly incident: IncidentHeader;
  readonly rows: readonly TimelineRow[];
  /** Events folded so far; the webview echoes it in `ready` so the extension sends only what is newer. */
  readonly version: number;
  /** The local user, so the quick-add bar can show who will be the author. */
  readonly me: string;
  /**
   * How many rows the incident has. Fewer in `rows` means this is the embedded first screen (the newest
   * rows): the page paints them and the extension sends the whole state after `ready`.
   */
  readonly total: number;
}

/**
 * Rows embedded in the page: the newest, more than any screen shows at the bottom of the list (rows are
 * 52 px or more, plus overscan). A 10,000-event page is otherwise megabytes of HTML to build, send through
 * the workbench and parse before anything shows.
 */
export const EMBEDDED_ROWS = 200;

// webview -> extension

export type AddEntryMessage = {
  readonly type: 'addEntry';
  readonly requestId: string;
  readonly kind: QuickAddKind;
  readonly text: string;
  /** When it happened, as typed ("23:10", "15m ago"); absent for now. Read by the extension (parseWhen). */
  readonly at?: string;
};
export type AmendMessage = { readonly type: 'amend'; readonly requestId: string; readonly target: string; readonly text: string };
export type SetPinnedMessage = {
  readonly type: 'setPinned';
  readonly requestId: string;
  readonly target: string;
  readonly pinned: boolean;
};
// Jumps carry the event id so the extension can look the reference up in the store instead of
// trusting the webview's copy; the value is carried too, checked, for logging and for tests.
export type OpenShaMessage = { readonly type: 'openSha'; readonly eventId: string; readonly sha: string };
export type OpenFileMessage = { readonly type: 'openFile'; readonly eventId: string; readonly file: string; readonly line?: number };
export type OpenRunbookStepMessage = {
  readonly type: 'openRunbookStep';
  readonly eventId: string;
  readonly runbook: string;
  readonly step?: string;
};
export type OpenUrlMessage = { readonly type: 'openUrl'; readonly eventId: string; readonly url: string };
/** "Mark as milestone…" on a row: without `milestone` the extension asks which (a quick pick). */
export type MarkMilestoneMessage = {
  readonly type: 'markMilestone';
  readonly requestId: string;
  readonly target: string;
  readonly milestone?: Milestone;
};
/** "Add action item…" on a row: the extension asks the fields, the title starting from the row's text. */
export type AddActionItemMessage = { readonly type: 'addActionItem'; readonly requestId: string; readonly target: string };
/** "Share to PagerDuty…" on a row: the row's text as a note on the linked PagerDuty incident / Opsgenie alert, after a confirmation. */
export type ShareNoteMessage = { readonly type: 'shareNote'; readonly requestId: string; readonly target: string };
/** "Deploy…" beside Add: Record a Deploy for this incident (the extension asks the commit, environment and time). */
export type RecordDeployMessage = { readonly type: 'recordDeploy'; readonly requestId: string };

export type TimelineWebviewMessage =
  | ReadyMessage
  | AddEntryMessage
  | AmendMessage
  | SetPinnedMessage
  | OpenShaMessage
  | OpenFileMessage
  | OpenRunbookStepMessage
  | OpenUrlMessage
  | MarkMilestoneMessage
  | AddActionItemMessage
  | ShareNoteMessage
  | RecordDeployMessage;

// extension -> webview

export type TimelineStateMessage = { readonly type: 'state'; readonly state: TimelineState };
/** New or changed rows (appended, amended, pinned), merged by id; see `mergeRows`. */
export type RowsChangedMessage = {
  readonly type: 'rowsChanged';
  readonly rows: readonly TimelineRow[];
  readonly version: number;
  readonly incident?: IncidentHeader;
};
/** The palette's "add note/decision/..." while the panel is open: focus the quick-add bar. */
export type FocusQuickAddMessage = { readonly type: 'focusQuickAdd'; readonly kind?: QuickAddKind };

export type TimelineHostMessage = TimelineStateMessage | RowsChangedMessage | FocusQuickAddMessage | ReplyMessage;

/** What each request is answered with. */
export interface TimelineResults {
  readonly addEntry: Done;
  readonly amend: Done;
  readonly setPinned: Done;
  readonly markMilestone: Done;
  readonly addActionItem: Done;
  readonly shareNote: Done;
  readonly recordDeploy: Done;
}

export const TIMELINE_RESULTS: ResultChecks<TimelineResults> = {
  addEntry: isDone,
  amend: isDone,
  setPinned: isDone,
  markMilestone: isDone,
  addActionItem: isDone,
  shareNote: isDone,
  recordDeploy: isDone,
};

const isText = isUserText(MAX_ENTRY_TEXT);
/** A time as typed in the quick-add bar's When field: one short line. */
const isTypedTime = isUserText(100);
const isBool = (v: unknown): v is boolean => typeof v === 'boolean';

export const parseTimelineMessage: (value: unknown) => Parsed<TimelineWebviewMessage> =
  /* @__PURE__ */ messageParser<TimelineWebviewMessage>({
    ready: { checks: { version: isVersion } },
    addEntry: { checks: { requestId: isRequestId, kind: isQuickAddKind, text: isText, at: isTypedTime }, optional: ['at'] },
    amend: { checks: { requestId: isRequestId, target: isEventId, text: isText } },
    setPinned: { checks: { requestId: isRequestId, target: isEventId, pinned: isBool } },
    openSha: { checks: { eventId: isEventId, sha: isSha } },
    openFile: { checks: { eventId: isEventId, file: isRefText, line: isLine }, optional: ['line'] },
    openRunbookStep: { checks: { eventId: isEventId, runbook: isRefText, step: isRefText }, optional: ['step'] },
    openUrl: { checks: { eventId: isEventId, url: isWebUrl } },
    markMilestone: { checks: { requestId: isRequestId, target: isEventId, milestone: isMilestone }, optional: ['milestone'] },
    addActionItem: { checks: { requestId: isRequestId, target: isEventId } },
    shareNote: { checks: { requestId: isRequestId, target: isEventId } },
    recordDeploy: { checks: { requestId: isRequestId } },
  });

/**
 * The shape check the webview runs on the embedded state. It comes from the extension (trusted),
 * so this only guards against a stale or truncated page; rows' text is rendered as text anyway.
 */
export function isTimelineState(value: unknown): value is TimelineState {
  return (
    isObject(value) &&
    isObject(value.incident) &&
    Array.isArray(value.rows) &&
    isVersion(value.version) &&
    typeof value.me === 'string' &&
    isVersion(value.total)
  );
}

/** The webview's check of what the extension sends it (see `hostMessageParser`). */
export const parseTimelineHostMessage = /* @__PURE__ */ hostMessageParser<Exclude<TimelineHostMessage, ReplyMessage>>({
  state: { checks: { state: isTimelineState } },
  rowsChanged: { checks: { rows: Array.isArray, version: isVersion, incident: isObject }, optional: ['incident'] },
  focusQuickAdd: { checks: { kind: isQuickAddKind }, optional: ['kind'] },
});

export function incidentHeader(incident: Incident): IncidentHeader {
  return {
    incidentId: incident.id,
    title: incident.title,
    severity: incident.severity,
    status: incident.status,
    service: incident.service,
    startedAt: incident.startedAt,
    ...(isDrill(incident) ? { drill: true as const } : {}),
  };
}

const NOTE_TARGETS = { pagerduty: 'PagerDuty', opsgenie: 'Opsgenie' } as const;

/** The timeline's header: the incident's, and where its rows can be shared as notes. */
export function timelineHeader(incident: Incident): IncidentHeader {
  const linked = foldIncidentAlerts(incident.events).linked;
  const targets = (['pagerduty', 'opsgenie'] as const).filter((s) => linked.some((l) => l.source === s)).map((s) => NOTE_TARGETS[s]);
  return { ...incidentHeader(incident), ...(targets.length ? { noteTargets: targets } : {}) };
}

/**
 * What the extension sends as `state`; with `newest` (EMBEDDED_ROWS for the HTML), only the newest
 * rows, `total` saying how many there are.
 */
export function buildTimelineState(incident: Incident, me: string, newest?: number): TimelineState {
  const { rows, total } = timelineRowsAndTotal(incident, newest);
  return { incident: timelineHeader(incident), rows, version: incident.events.length, me, total };
}
