// The stakeholder updates composer: copy, mark as sent, or send through the registered senders;
// every update that went out becomes a `comms` entry, which restarts the cadence.
import * as vscode from 'vscode';
import { Audience, commsEntryInput, CommsEntryEvent, StakeholderUpdate } from '../../core/stakeholderUpdates';
import {
  buildUpdatesState,
  DraftWithAiMessage,
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
    // Draft with AI shows while a model is available; a draft under way stops with the panel.
    const drafters = services.drafters.onDidChange(() => void this.incidentChanged());
    this.onDidDispose(() => {
      drafters.dispose();
      this.aiDrafts.forEach((d) => d.cancel());
    });
  }

  private readonly aiDrafts = new Map<Audience, vscode.CancellationTokenSource>();

  /** Draft with AI: the model's text streams into the audience's draft; nothing is sent or recorded as sent. */
  private async draftWithAi(message: DraftWithAiMessage): Promise<void> {
    const drafter = this.services.drafters.current;
    const model = drafter?.available();
    if (!drafter || !model) {
      this.refuse(message, 'No language model is available in this editor; the template draft is still yours to edit.');
      return;
    }
    this.aiDrafts.get(message.audience)?.cancel();
    const source = new vscode.CancellationTokenSource();
    this.aiDrafts.set(message.audience, source);
    try {
      await drafter.draft(this.current(), message.audience, source.token, (text) => {
        if (!source.token.isCancellationRequested) {
          this.post({ type: 'aiDraftText', audience: message.audience, text });
        }
      });
      this.answer(message, { detail: `Drafted with ${model}: check it, edit it, then send it yourself.` });
    } catch (error) {
      if (!source.token.isCancellationRequested) {
        throw error;
      }
      this.answer(message, { detail: 'Stopped; what was drafted is yours to edit.' });
    } finally {
      if (this.aiDrafts.get(message.audience) === source) {
        this.aiDrafts.delete(message.audience);
      }
      source.dispose();
    }
  }

  private state(): UpdatesState {
    return buildUpdatesState(this.ref.incident, {
      now: new Date(),
      cadence: this.services.cadence(),
      senders: this.services.senders.all(),
      aiModel: this.services.drafters.current?.available(),
    });
  }

  protected async pageState(): Promise<unknown> {
    const state = this.state();
    this.pageVersion = state.version;
    return state;
  }

  protected async incidentChanged(): Promise<void> {
    if (this.panel.visible) {
      this.post({ type: 'state', state: this.state() });
    }
  }

  protected async handle(message: UpdatesWebviewMessage): Promise<void> {
    switch (message.type) {
      case 'ready':
        if (message.version !== this.ref.incident.events.length || message.version !== this.pageVersion) {
          this.post({ type: 'state', state: this.state() });
        }
        return;
      case 'draftWithAi':
        await this.draftWithAi(message);
        return;
      case 'stopAiDraft':
        this.aiDrafts.get(message.audience)?.cancel();
        return;
      case 'copy':
        await vscode.env.clipboard.writeText(message.text);
        this.answer(message, { detail: 'Copied. Once you have posted it, mark it as sent.' });
        return;
      case 'markSent': {
        const ref = this.current();
        await this.services.model.append<CommsEntryEvent>(ref, commsEntryInput(stakeholderUpdate(ref, message.audience, message.text)));
        this.answer(message, { detail: 'Recorded as sent; the next update is due a cadence from now.' });
        return;
      }
      case 'send': {
        const ref = this.current();
        const update = stakeholderUpdate(ref, message.audience, message.text);
        const previews = await Promise.all(
          message.senderIds.map((id) => this.services.senders.get(id)).flatMap((s) => (s?.preview ? [s.preview(update)] : [])),
        );
        if (previews.length > 0 && !(await this.services.senders.confirmSend(previews))) {
          this.refuse(message, 'Not sent.');
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
        if (sent.length === results.length) this.answer(message, { detail });
        else this.refuse(message, detail);
        return;
      }
    }
  }
}
