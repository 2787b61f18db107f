// The stakeholder updates composer: copy, mark as sent, or send through the registered senders;
// every update that went out becomes a `comms` entry, which restarts the cadence.
import * as vscode from 'vscode';
import { Audience, commsEntryInput, CommsEntryEvent, StakeholderUpdate } from '../../core/stakeholderUpdates';
import {
  buildUpdatesState,
  parseUpdatesMessage,
  UpdatesHostMessage,
  UpdatesResults,
  UpdatesState,
  UpdatesWebviewMessage,
} from '../../protocol/updates';
import { IncidentRef } from '../incidentModel';
import { IncidentPanel, PanelDefinition } from './incidentPanel';
import { PanelServices } from './services';
import { PANEL_SCRIPTS } from './html';

export const UPDATES_PANEL: PanelDefinition<UpdatesWebviewMessage> = {
  viewType: 'warroom.updates',
  scripts: PANEL_SCRIPTS['updates'],
  title: (incident) => `Updates: ${incident.title}`,
  parse: parseUpdatesMessage,
};

function stakeholderUpdate(ref: IncidentRef, audience: Audience, text: string): StakeholderUpdate {
  const { incident } = ref;
  return { incidentId: incident.id, audience, text, title: incident.title, severity: incident.severity, status: incident.status };
}

export class UpdatesPanel extends IncidentPanel<UpdatesWebviewMessage, UpdatesHostMessage, UpdatesResults> {
  private pageVersion = -1;

  constructor(panel: vscode.WebviewPanel, ref: IncidentRef, services: PanelServices) {
    super(panel, ref, services, UPDATES_PANEL);
    // A sender registered while the composer is open shows up at once.
    const subscription = services.senders.onDidChange(() => void this.incidentChanged());
    this.onDidDispose(() => subscription.dispose());
  }

  private state(): UpdatesState {
    return buildUpdatesState(this.ref.incident, {
      now: new Date(),
      cadence: this.services.cadence(),
      senders: this.services.senders.all(),
    });
  }

  protected async pageState(): Promise<unknown> {
    const state = this.state();
    this.pageVersion = state.version;
    return state;
  }

  protected async incidentChanged(): Promise<void> {
    if (this.panel.visible) {
      await this.post({ type: 'state', state: this.state() });
    }
  }

  protected async handle(message: UpdatesWebviewMessage): Promise<void> {
    switch (message.type) {
      case 'ready':
        if (message.version !== this.ref.incident.events.length || message.version !== this.pageVersion) {
          await this.post({ type: 'state', state: this.state() });
        }
        return;
      case 'copy':
        await vscode.env.clipboard.writeText(message.text);
        await this.answer(message, { detail: 'Copied. Once you have posted it, mark it as sent.' });
        return;
      case 'markSent': {
        const ref = this.current();
        await this.services.model.append<CommsEntryEvent>(ref, commsEntryInput(stakeholderUpdate(ref, message.audience, message.text)));
        await this.answer(message, { detail: 'Recorded as sent; the next update is due a cadence from now.' });
        return;
      }
      case 'send': {
        const ref = this.current();
        const update = stakeholderUpdate(ref, message.audience, message.text);
        const previews = await Promise.all(
          message.senderIds.map((id) => this.services.senders.get(id)).flatMap((s) => (s?.preview ? [s.preview(update)] : [])),
        );
        if (previews.length > 0 && !(await this.services.senders.confirmSend(previews))) {
          await this.refuse(message, 'Not sent.');
          return;
        }
        const results = await Promise.all(
          message.senderIds.map(async (id) => {
            const sender = this.services.senders.get(id);
            if (!sender) {
              return { id, ok: false, detail: `${id}: not available` };
            }
            if (!sender.audiences.includes(message.audience)) {
              return { id, ok: false, detail: `${sender.label}: not meant for this audience` };
            }
            try {
              const result = await sender.send(update);
              return { id, ok: result.ok, detail: `${sender.label}: ${result.detail}` };
            } catch (error) {
              this.services.log.error(`update sender ${id} failed`, error);
              return { id, ok: false, detail: `${sender.label}: ${error instanceof Error ? error.message : String(error)}` };
            }
          }),
        );
        const sent = results.filter((r) => r.ok).map((r) => r.id);
        if (sent.length > 0) {
          await this.services.model.append<CommsEntryEvent>(ref, commsEntryInput(update, sent));
        }
        const detail = results.map((r) => r.detail).join('; ');
        // Any sender that failed fails the request, so the panel keeps the text to try again.
        await (sent.length === results.length ? this.answer(message, { detail }) : this.refuse(message, detail));
        return;
      }
    }
  }
}
