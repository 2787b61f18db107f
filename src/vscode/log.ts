import * as vscode from 'vscode';

/** The one output channel: "War Room" in the Output panel, with log levels. */
export function createLog(): vscode.LogOutputChannel {
  return vscode.window.createOutputChannel('War Room', { log: true });
}
