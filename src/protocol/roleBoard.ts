// The role board panel's messages. "Assign" on a single-holder role that someone holds is the
// hand-off (the core fold closes the previous tenure), so one message covers both.

import { Role, isRole } from '../core/roles';
import { RoleBoard } from '../core/roleBoard';
import { isPerson, isRequestId, isVersion, messageParser, Parsed, ReadyMessage, ReplyMessage } from './common';
import { IncidentHeader } from './timeline';

export interface RoleBoardState {
  readonly incident: IncidentHeader;
  readonly board: RoleBoard;
  /** The local user: "I'm taking command" assigns them, and the board marks their roles. */
  readonly me: string;
  /** People seen in this incident (authors, role holders), offered when assigning. */
  readonly people: readonly string[];
  readonly version: number;
}

export type AssignRoleMessage = { readonly type: 'assign'; readonly requestId: string; readonly role: Role; readonly person: string };
export type ReleaseRoleMessage = { readonly type: 'release'; readonly requestId: string; readonly role: Role; readonly person: string };
/** The local user takes the Incident Commander role; the extension knows who that is. */
export type TakeCommandMessage = { readonly type: 'takeCommand'; readonly requestId: string };

export type RoleBoardWebviewMessage = ReadyMessage | AssignRoleMessage | ReleaseRoleMessage | TakeCommandMessage;

export type RoleBoardStateMessage = { readonly type: 'state'; readonly state: RoleBoardState };
export type RoleBoardHostMessage = RoleBoardStateMessage | ReplyMessage;

export const parseRoleBoardMessage: (value: unknown) => Parsed<RoleBoardWebviewMessage> = messageParser<RoleBoardWebviewMessage>({
  ready: { checks: { version: isVersion } },
  assign: { checks: { requestId: isRequestId, role: isRole, person: isPerson } },
  release: { checks: { requestId: isRequestId, role: isRole, person: isPerson } },
  takeCommand: { checks: { requestId: isRequestId } },
});
