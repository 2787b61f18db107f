// A question asked in a modal dialog, behind one small interface (as the runbook commands' prompts):
// no extension code can click a modal, so the integration tests answer with their own and record
// what each was shown. The alert commands, Import Postmortem and Set Milestone ask through it.
import * as vscode from 'vscode';

export interface ModalChoice {
  /**
   * A modal showing exactly what will happen (`detail`); the button chosen, undefined when cancelled.
   * A confirmation is a choice of one button.
   */
  choose(message: string, detail: string, buttons: readonly string[]): Promise<string | undefined>;
}

export const modalChoice: ModalChoice = {
  async choose(message, detail, buttons) {
    return vscode.window.showWarningMessage(message, { modal: true, detail }, ...buttons);
  },
};
