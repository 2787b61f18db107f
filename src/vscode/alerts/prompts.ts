// The questions the alert commands ask in modal dialogs, behind one small interface (as the
// runbook commands do): no extension code can click a modal, so the integration tests answer
// with their own and record what each was shown.
import * as vscode from 'vscode';

export interface AlertPrompts {
  /**
   * A modal showing exactly what will happen (`detail`); the button chosen, undefined when cancelled.
   * A confirmation is a choice of one button.
   */
  choose(message: string, detail: string, buttons: readonly string[]): Promise<string | undefined>;
}

export const modalAlertPrompts: AlertPrompts = {
  async choose(message, detail, buttons) {
    return vscode.window.showWarningMessage(message, { modal: true, detail }, ...buttons);
  },
};
