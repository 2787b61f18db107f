// Where an update drafter (the AI assist's "Draft with AI") plugs into the Updates panel: the assist
// feature fills the slot, the composer shows its button only while the drafter has a model, and
// streams what it writes into the audience's draft for the human to edit and send.
import * as vscode from 'vscode';
import { Audience } from '../../core/stakeholderUpdates';
import { IncidentRef } from '../incidentModel';

export interface UpdateDrafter {
  /** The model's name while one is available; undefined hides the button. */
  available(): string | undefined;
  /** Writes the audience's update from the incident, passing the text on as it streams in. */
  draft(ref: IncidentRef, audience: Audience, token: vscode.CancellationToken, onText: (text: string) => void): Promise<void>;
}

export class UpdateDrafterSlot {
  private drafter: UpdateDrafter | undefined;
  private readonly changeEmitter = new vscode.EventEmitter<void>();
  /** Open composers show or hide the button. */
  readonly onDidChange = this.changeEmitter.event;

  register(drafter: UpdateDrafter): vscode.Disposable {
    this.drafter = drafter;
    this.changeEmitter.fire();
    return new vscode.Disposable(() => {
      if (this.drafter === drafter) {
        this.drafter = undefined;
        this.changeEmitter.fire();
      }
    });
  }

  /** The drafter has a model now (its availability changed). */
  changed(): void {
    this.changeEmitter.fire();
  }

  get current(): UpdateDrafter | undefined {
    return this.drafter;
  }

  dispose(): void {
    this.drafter = undefined;
    this.changeEmitter.dispose();
  }
}
