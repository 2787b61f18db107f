// Where stakeholder update senders (Slack, Statuspage ...) plug in. The integrations feature, or
// another extension through activate()'s `features.panels.registerUpdateSender`, registers an
// `UpdateSender`; the composer lists the registered ones and sends through those picked.
import * as vscode from 'vscode';
import { SendPreview, UpdateSender } from '../../core/stakeholderUpdates';

export const SEND_BUTTON = 'Send';

/** One modal for every picked sender: sending asks once, showing exactly what goes where. */
export async function confirmSendModal(previews: readonly SendPreview[]): Promise<boolean> {
  const choice = await vscode.window.showWarningMessage(
    `Send this update to ${previews.map((p) => p.where).join(', ')}?`,
    { modal: true, detail: previews.map((p) => `${p.where}:\n${p.body}`).join('\n\n') },
    SEND_BUTTON,
  );
  return choice === SEND_BUTTON;
}

const SENDER_ID = /^[A-Za-z0-9_.-]{1,64}$/;

export class UpdateSenderRegistry {
  private readonly senders = new Map<string, UpdateSender>();
  private readonly changeEmitter = new vscode.EventEmitter<void>();
  /** Open composers re-render their "send through" choices. */
  readonly onDidChange = this.changeEmitter.event;
  private confirmer = confirmSendModal;

  /** Asks before sending what the previews show; the integration tests answer it themselves. */
  confirmSend(previews: readonly SendPreview[]): Promise<boolean> {
    return this.confirmer(previews);
  }

  /** For the integration tests: answers the send confirmation until disposed. */
  useConfirm(confirm: (previews: readonly SendPreview[]) => Promise<boolean>): vscode.Disposable {
    this.confirmer = confirm;
    return new vscode.Disposable(() => {
      if (this.confirmer === confirm) this.confirmer = confirmSendModal;
    });
  }

  register(sender: UpdateSender): vscode.Disposable {
    // The id travels through the webview protocol, which accepts only this pattern.
    if (!SENDER_ID.test(sender.id)) {
      throw new Error(`update sender id "${sender.id}" must match ${SENDER_ID}`);
    }
    if (this.senders.has(sender.id)) {
      throw new Error(`an update sender "${sender.id}" is already registered`);
    }
    this.senders.set(sender.id, sender);
    this.changeEmitter.fire();
    return new vscode.Disposable(() => {
      if (this.senders.get(sender.id) === sender) {
        this.senders.delete(sender.id);
        this.changeEmitter.fire();
      }
    });
  }

  all(): UpdateSender[] {
    return [...this.senders.values()];
  }

  get(id: string): UpdateSender | undefined {
    return this.senders.get(id);
  }

  dispose(): void {
    this.senders.clear();
    this.changeEmitter.dispose();
  }
}
