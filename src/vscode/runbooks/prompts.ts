// The questions asked before a runbook command runs, behind one small interface: the real one uses
// modal dialogs (which no extension code can click), so the integration tests put in answers of
// their own while the end-to-end test clicks the real dialogs.
import * as vscode from 'vscode';

export interface RunRequest {
  /** Exactly what will be sent to the terminal, but each secret value as `<redacted:key>`. */
  readonly command: string;
  readonly runbookTitle: string;
  readonly stepTitle: string;
  readonly terminalName: string;
}

export interface RunPrompts {
  /** A value for a variable the incident does not give, typed into a masked box when `secret`; undefined cancels. */
  askVariable(key: string, request: RunRequest & { readonly secret: boolean }): Promise<string | undefined>;
  /** The first confirmation, showing the exact command. */
  confirmRun(request: RunRequest): Promise<boolean>;
  /** The second confirmation for a destructive command, naming why it is destructive. */
  confirmDestructive(request: RunRequest, reason: string): Promise<boolean>;
}

export const RUN_BUTTON = 'Run in Terminal';
export const RUN_DESTRUCTIVE_BUTTON = 'Run Destructive Command';

export const modalPrompts: RunPrompts = {
  async askVariable(key, request) {
    return vscode.window.showInputBox({
      title: request.secret ? `Secret value for ${key} (hidden; sent to the terminal only, never recorded)` : `Value for ${key}`,
      prompt: `"${request.stepTitle}" needs a value for ${key}: ${request.command}`,
      password: request.secret,
      ignoreFocusOut: true,
      validateInput: (v) => (v.trim() ? undefined : `Type the ${key}, or press Escape to cancel`),
    });
  },
  async confirmRun(request) {
    const choice = await vscode.window.showWarningMessage(
      `Run this command from "${request.runbookTitle}" in the terminal "${request.terminalName}"?`,
      { modal: true, detail: request.command },
      RUN_BUTTON,
    );
    return choice === RUN_BUTTON;
  },
  async confirmDestructive(request, reason) {
    const choice = await vscode.window.showWarningMessage(
      `This command is destructive: ${reason}. Run it anyway?`,
      { modal: true, detail: request.command },
      RUN_DESTRUCTIVE_BUTTON,
    );
    return choice === RUN_DESTRUCTIVE_BUTTON;
  },
};
