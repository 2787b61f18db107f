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
  /**
   * Asked when the terminal's shell (`shell`, undefined when VS Code named none) cannot be handed the
   * secrets by name (or not where the command puts them: a quoted here-document, past where csh reads
   * the command as bash does), so their values would be typed into it: its history and scrollback may keep them.
   * Asked once a terminal: agreed, the same secrets go into it again without a question.
   */
  confirmTypedSecrets(request: RunRequest, shell: string | undefined, keys: readonly string[]): Promise<boolean>;
}

export const RUN_BUTTON = 'Run in Terminal';
export const RUN_DESTRUCTIVE_BUTTON = 'Run Destructive Command';
export const TYPE_SECRETS_BUTTON = 'Type the Secret Anyway';

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
  async confirmTypedSecrets(request, shell, keys) {
    const named = shell ?? 'this shell';
    const choice = await vscode.window.showWarningMessage(
      `Type the value of ${keys.join(', ')} into ${shell ?? 'a shell VS Code did not name'}?`,
      {
        modal: true,
        detail:
          `War Room cannot hand ${named} this secret by name where the command puts it, so the value goes into the line typed in "${request.terminalName}", ` +
          `which ${named}'s history and the terminal's scrollback may keep. (Elsewhere in bash, zsh, sh, fish, csh and tcsh the line names an environment variable instead.) ` +
          `War Room asks once for this terminal.` +
          `\n\n${request.command}`,
      },
      TYPE_SECRETS_BUTTON,
    );
    return choice === TYPE_SECRETS_BUTTON;
  },
};
