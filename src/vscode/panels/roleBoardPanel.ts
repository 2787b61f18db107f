// The role board panel: small state, so every change re-sends it whole.
import { RoleAssignedEvent, RoleReleasedEvent } from '../../core/events';
import { ROLE_LABELS } from '../../core/roles';
import {
  buildRoleBoardState,
  parseRoleBoardMessage,
  RoleBoardHostMessage,
  RoleBoardResults,
  RoleBoardState,
  RoleBoardWebviewMessage,
} from '../../protocol/roleBoard';
import { UserFacingError } from '../commandRegistry';
import { IncidentRef } from '../incidentModel';
import { IncidentPanel, PanelDefinition } from './incidentPanel';
import { PanelServices } from './services';
import { PANEL_SCRIPTS } from './html';

export const ROLE_BOARD_PANEL: PanelDefinition<RoleBoardWebviewMessage> = {
  viewType: 'warroom.roleBoard',
  scripts: PANEL_SCRIPTS['roleBoard'],
  title: (incident) => `Roles: ${incident.title}`,
  parse: parseRoleBoardMessage,
};

/** "I'm taking command": the local user becomes Incident Commander (a hand-off if someone was). */
export async function takeCommand(services: PanelServices, ref: IncidentRef): Promise<string> {
  const me = await services.model.userName(ref.folder);
  if (ref.incident.roles.some((h) => h.role === 'commander' && h.person === me)) {
    return `You (${me}) are already the Incident Commander.`;
  }
  await services.model.append<RoleAssignedEvent>(ref, { type: 'role_assigned', role: 'commander', person: me });
  return `${me} is now the Incident Commander.`;
}

export class RoleBoardPanel extends IncidentPanel<RoleBoardWebviewMessage, RoleBoardHostMessage, RoleBoardResults> {
  private pageVersion = -1;
  /** Who the page was last told is here, so a presence change re-sends only when it differs. */
  private shownPresent: readonly string[] = [];

  /** Teammates the page shows as having the incident open (for the tests). */
  get present(): readonly string[] {
    return this.shownPresent;
  }

  private async state(): Promise<RoleBoardState> {
    const state = buildRoleBoardState(
      this.ref.incident,
      await this.services.model.userName(this.ref.folder),
      this.services.presence.present(this.ref.incident.id),
    );
    this.shownPresent = state.present ?? [];
    return state;
  }

  protected async pageState(): Promise<unknown> {
    const state = await this.state();
    this.pageVersion = state.version;
    return state;
  }

  /** Someone opened or left the incident elsewhere (team sync): the board's "Here now" follows. */
  async presenceChanged(): Promise<void> {
    if (this.panel.visible && this.presenceMoved()) {
      await this.sendState();
    }
  }

  private presenceMoved(): boolean {
    return this.services.presence.present(this.ref.incident.id).join('\n') !== this.shownPresent.join('\n');
  }

  protected async incidentChanged(): Promise<void> {
    if (this.panel.visible) {
      await this.sendState();
    }
  }

  private async sendState(): Promise<void> {
    this.post({ type: 'state', state: await this.state() });
  }

  protected async handle(message: RoleBoardWebviewMessage): Promise<void> {
    switch (message.type) {
      case 'ready':
        if (message.version !== this.ref.incident.events.length || message.version !== this.pageVersion || this.presenceMoved()) {
          await this.sendState();
        }
        return;
      case 'assign': {
        const person = message.person.trim();
        await this.services.model.append<RoleAssignedEvent>(this.current(), { type: 'role_assigned', role: message.role, person });
        this.answer(message, { detail: `${person} is ${ROLE_LABELS[message.role]}.` });
        return;
      }
      case 'release': {
        const ref = this.current();
        if (!ref.incident.roles.some((h) => h.role === message.role && h.person === message.person)) {
          throw new UserFacingError(`${message.person} does not hold ${ROLE_LABELS[message.role]}.`);
        }
        await this.services.model.append<RoleReleasedEvent>(ref, {
          type: 'role_released',
          role: message.role,
          person: message.person,
        });
        this.answer(message, { detail: `${message.person} released from ${ROLE_LABELS[message.role]}.` });
        return;
      }
      case 'takeCommand':
        this.answer(message, { detail: await takeCommand(this.services, this.current()) });
        return;
    }
  }
}
