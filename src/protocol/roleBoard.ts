// The role board panel's messages. "Assign" on a single-holder role that someone holds is the
// hand-off (the core fold closes the previous tenure), so one message covers both.

import { Role, isRole } from '../core/roles';
import { Incident } from '../core/incident';
import { RoleBoard, roleBoard } from '../core/roleBoard';
import {
  Done,
  hostMessageParser,
  isDone,
  isPerson,
  isRequestId,
  isVersion,
  messageParser,
  Parsed,
  ReadyMessage,
  ReplyMessage,
  ResultChecks,
} from './common';
import { incidentHeader, IncidentHeader } from './timeline';

export interface RoleBoardState {
  readonly incident: IncidentHeader;
  readonly board: RoleBoard;
  /** The local user: "I'm taking command" assigns them, and the board marks their roles. */
  readonly me: string;
  /** People seen in this incident (authors, role holders), offered when assigning. */
  readonly people: readonly string[];
  readonly version: number;
  /** Teammates who have the incident open now (team sync's presence, not stored); absent when none. */
  readonly present?: readonly string[];
}

export type AssignRoleMessage = { readonly type: 'assign'; readonly requestId: string; readonly role: Role; readonly person: string };
export type ReleaseRoleMessage = { readonly type: 'release'; readonly requestId: string; readonly role: Role; readonly person: string };
/** The local user takes the Incident Commander role; the extension knows who that is. */
export type TakeCommandMessage = { readonly type: 'takeCommand'; readonly requestId: string };

export type RoleBoardWebviewMessage = ReadyMessage | AssignRoleMessage | ReleaseRoleMessage | TakeCommandMessage;

export type RoleBoardStateMessage = { readonly type: 'state'; readonly state: RoleBoardState };
export type RoleBoardHostMessage = RoleBoardStateMessage | ReplyMessage;

/** What each request is answered with. */
export interface RoleBoardResults {
  readonly assign: Done;
  readonly release: Done;
  readonly takeCommand: Done;
}

export const ROLE_BOARD_RESULTS: ResultChecks<RoleBoardResults> = { assign: isDone, release: isDone, takeCommand: isDone };

export const parseRoleBoardMessage: (value: unknown) => Parsed<RoleBoardWebviewMessage> =
  /* @__PURE__ */ messageParser<RoleBoardWebviewMessage>({
    ready: { checks: { version: isVersion } },
    assign: { checks: { requestId: isRequestId, role: isRole, person: isPerson } },
    release: { checks: { requestId: isRequestId, role: isRole, person: isPerson } },
    takeCommand: { checks: { requestId: isRequestId } },
  });

export function isRoleBoardState(value: unknown): value is RoleBoardState {
  if (typeof value !== 'object' || value === null) {
    return false;
  }
  const v = value as Readonly<Record<string, unknown>>;
  const board = v.board as Readonly<Record<string, unknown>> | null;
  return (
    typeof v.incident === 'object' &&
    v.incident !== null &&
    typeof board === 'object' &&
    board !== null &&
    Array.isArray(board.slots) &&
    Array.isArray(board.gaps) &&
    Array.isArray(v.people) &&
    typeof v.me === 'string' &&
    isVersion(v.version) &&
    (v.present === undefined || (Array.isArray(v.present) && v.present.every(isPerson)))
  );
}

/** The webview's check of what the extension sends it (see `hostMessageParser`). */
export const parseRoleBoardHostMessage = /* @__PURE__ */ hostMessageParser<RoleBoardStateMessage>({
  state: { checks: { state: isRoleBoardState } },
});

export function buildRoleBoardState(incident: Incident, me: string, present: readonly string[] = []): RoleBoardState {
  const people = new Set<string>([me]);
  for (const event of incident.events) {
    if (event.author) {
      people.add(event.author);
    }
  }
  for (const tenure of incident.roleHistory) {
    people.add(tenure.person);
  }
  return {
    incident: incidentHeader(incident),
    board: roleBoard(incident),
    me,
    people: [...people].filter((p) => p.trim()).sort((a, b) => a.localeCompare(b)),
    version: incident.events.length,
    // Names come from teammates' beats: one the page would refuse must not cost the whole board.
    ...(present.some(isPerson) ? { present: present.filter(isPerson) } : {}),
  };
}
