// What every War Room webview panel shares, whatever it shows: where its page may load from, and
// what it does with a message that failed its checks. Small on purpose: the walkthrough and the
// dashboard use it without the incident panel's machinery.
import * as vscode from 'vscode';
import { malformedReply, ReplyMessage } from '../../protocol/common';

/**
 * What became of a message from the webview: acted on, or dropped and why. `answered`: a refused
 * request that carried a usable request id was told so (the page stops waiting).
 */
export type Received = { readonly accepted: true } | { readonly accepted: false; readonly reason: string; readonly answered: boolean };

/**
 * What every panel does with a message that failed its checks: logs it as `who`, answers the request
 * it names (malformedReply) so the page stops waiting, and acts on nothing.
 */
export function refuseMalformed(
  raw: unknown,
  reason: string,
  who: string,
  log: vscode.LogOutputChannel,
  post: (reply: ReplyMessage) => void,
): Received {
  log.warn(`${who}: dropped a malformed message: ${reason}`);
  const reply = malformedReply(raw, reason);
  if (reply) {
    post(reply);
  }
  return { accepted: false, reason, answered: reply !== undefined };
}

/** The only folders a panel's page may load from: the built UI and the stylesheet. */
export function panelResourceRoots(extensionUri: vscode.Uri): vscode.Uri[] {
  return [vscode.Uri.joinPath(extensionUri, 'dist', 'webview'), vscode.Uri.joinPath(extensionUri, 'media')];
}

/** A panel's webview: scripts on, loading only from panelResourceRoots. */
export function panelOptions(extensionUri: vscode.Uri): vscode.WebviewPanelOptions & vscode.WebviewOptions {
  // No retainContextWhenHidden: a hidden panel is torn down and repaints from the store when shown.
  return { enableScripts: true, localResourceRoots: panelResourceRoots(extensionUri) };
}
