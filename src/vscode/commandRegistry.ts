// Every command goes through one wrapper: logged, and a failure becomes a plain-language message
// with "Show Log" instead of VS Code's generic "command failed".
import * as vscode from 'vscode';

export type CommandHandler = (...args: unknown[]) => unknown;

export interface CommandTable {
  readonly [commandId: string]: CommandHandler;
}

/** A failure meant for the user as it is (no stack, no "unexpected"). */
export class UserFacingError extends Error {
  /** `action`: a command that fixes it, offered as a button beside the message. */
  constructor(
    message: string,
    readonly action?: vscode.Command,
  ) {
    super(message);
  }
}

export function registerCommandTable(table: CommandTable, log: vscode.LogOutputChannel): vscode.Disposable[] {
  return Object.entries(table).map(([id, handler]) =>
    vscode.commands.registerCommand(id, async (...args: unknown[]) => {
      log.debug(`command ${id}`);
      try {
        return await handler(...args);
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        if (error instanceof UserFacingError) {
          log.warn(`${id}: ${message}`);
        } else {
          log.error(`${id} failed`, error);
        }
        const action = error instanceof UserFacingError ? error.action : undefined;
        void vscode.window.showErrorMessage(`War Room: ${message}`, ...(action ? [action.title] : []), 'Show Log').then((choice) => {
          if (choice === 'Show Log') {
            log.show(true);
          } else if (action && choice === action.title) {
            void vscode.commands.executeCommand(action.command, ...(action.arguments ?? []));
          }
        });
        return undefined;
      }
    }),
  );
}
