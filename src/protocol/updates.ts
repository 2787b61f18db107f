// The stakeholder updates composer's messages. The composer drafts and edits; the extension
// copies, sends through `UpdateSender`s and records each sent update as a `comms` entry.

import { Incident } from '../core/incident';
import { Audience, AUDIENCES, draftUpdate, DraftOptions, isAudience, UpdateSender } from '../core/stakeholderUpdates';
import { DEFAULT_UPDATE_CADENCE, UpdateSchedule, updateSchedule } from '../core/updateCadence';
import { MAX_ENTRY_TEXT } from '../core/timelineMarks';
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
import { incidentHeader, IncidentHeader } from './timeline';

export interface SenderInfo {
  readonly id: string;
  readonly label: string;
  readonly audiences: readonly Audience[];
}

export interface UpdatesState {
  readonly incident: IncidentHeader;
  /** Fresh drafts from the incident; the webview keeps the responder's edits on top of them. */
  readonly drafts: Readonly<Record<Audience, string>>;
  readonly schedule: UpdateSchedule;
  readonly senders: readonly SenderInfo[];
  /** Names that must not reach customers (the service's internal name ...), for live warnings. */
  readonly knownInternal: readonly string[];
  /** The extension host's clock when the state was made, so a skewed webview clock can be corrected. */
  readonly now: string;
  readonly version: number;
  /** The language model Draft with AI uses; absent (no button) when the editor has none. */
  readonly aiModel?: string;
}

export type CopyUpdateMessage = { readonly type: 'copy'; readonly requestId: string; readonly audience: Audience; readonly text: string };
export type SendUpdateMessage = {
  readonly type: 'send';
  readonly requestId: string;
  readonly audience: Audience;
  readonly text: string;
  readonly senderIds: readonly string[];
};
/** Posted by hand (copied into a channel): record it as sent so the cadence restarts. */
export type MarkSentMessage = { readonly type: 'markSent'; readonly requestId: string; readonly audience: Audience; readonly text: string };

/** Draft with AI: the model writes the audience's draft, streamed back as `aiDraftText`; answered when done. */
export type DraftWithAiMessage = { readonly type: 'draftWithAi'; readonly requestId: string; readonly audience: Audience };
export type StopAiDraftMessage = { readonly type: 'stopAiDraft'; readonly audience: Audience };

export type UpdatesWebviewMessage =
  ReadyMessage | CopyUpdateMessage | SendUpdateMessage | MarkSentMessage | DraftWithAiMessage | StopAiDraftMessage;

export type UpdatesStateMessage = { readonly type: 'state'; readonly state: UpdatesState };
/** A piece of the AI draft, to append to the audience's text as it streams in. */
export type AiDraftTextMessage = { readonly type: 'aiDraftText'; readonly audience: Audience; readonly text: string };
export type UpdatesHostMessage = UpdatesStateMessage | AiDraftTextMessage | ReplyMessage;

/** What each request is answered with. */
export interface UpdatesResults {
  readonly copy: Done;
  readonly send: Done;
  readonly markSent: Done;
  readonly draftWithAi: Done;
}

export const UPDATES_RESULTS: ResultChecks<UpdatesResults> = { copy: isDone, send: isDone, markSent: isDone, draftWithAi: isDone };

const isText = isUserText(MAX_ENTRY_TEXT);
const isSenderIds = (v: unknown): v is readonly string[] =>
  Array.isArray(v) && v.length >= 1 && v.length <= 10 && v.every((id) => typeof id === 'string' && /^[A-Za-z0-9_.-]{1,64}$/.test(id));

export const parseUpdatesMessage: (value: unknown) => Parsed<UpdatesWebviewMessage> = /* @__PURE__ */ messageParser<UpdatesWebviewMessage>({
  ready: { checks: { version: isVersion } },
  copy: { checks: { requestId: isRequestId, audience: isAudience, text: isText } },
  send: { checks: { requestId: isRequestId, audience: isAudience, text: isText, senderIds: isSenderIds } },
  markSent: { checks: { requestId: isRequestId, audience: isAudience, text: isText } },
  draftWithAi: { checks: { requestId: isRequestId, audience: isAudience } },
  stopAiDraft: { checks: { audience: isAudience } },
});

export function isUpdatesState(value: unknown): value is UpdatesState {
  if (typeof value !== 'object' || value === null) {
    return false;
  }
  const v = value as Readonly<Record<string, unknown>>;
  return (
    typeof v.incident === 'object' &&
    v.incident !== null &&
    typeof v.drafts === 'object' &&
    v.drafts !== null &&
    typeof v.schedule === 'object' &&
    v.schedule !== null &&
    Array.isArray(v.senders) &&
    Array.isArray(v.knownInternal) &&
    typeof v.now === 'string' &&
    isVersion(v.version) &&
    (v.aiModel === undefined || typeof v.aiModel === 'string')
  );
}

/** The webview's check of what the extension sends it (see `hostMessageParser`). */
export const parseUpdatesHostMessage = /* @__PURE__ */ hostMessageParser<UpdatesStateMessage | AiDraftTextMessage>({
  state: { checks: { state: isUpdatesState } },
  aiDraftText: { checks: { audience: isAudience, text: (v) => typeof v === 'string' && v.length <= MAX_ENTRY_TEXT } },
});

export function buildUpdatesState(
  incident: Incident,
  options: DraftOptions & { readonly senders?: readonly UpdateSender[]; readonly aiModel?: string },
): UpdatesState {
  const drafts = Object.fromEntries(AUDIENCES.map((a) => [a, draftUpdate(incident, a, options)])) as Record<Audience, string>;
  return {
    incident: incidentHeader(incident),
    drafts,
    schedule: updateSchedule(incident, options.cadence ?? DEFAULT_UPDATE_CADENCE),
    senders: (options.senders ?? []).map(({ id, label, audiences }) => ({ id, label, audiences: [...audiences] })),
    knownInternal: incident.service ? [incident.service] : [],
    now: options.now.toISOString(),
    version: incident.events.length,
    ...(options.aiModel ? { aiModel: options.aiModel } : {}),
  };
}
