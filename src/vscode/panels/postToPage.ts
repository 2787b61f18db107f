// Sending to a panel's page. Why not awaited: VS Code holds a message for a page still loading (a
// panel revealed again reloads its page) until the page is up, and a page that never comes up would
// hold whatever awaited the send (a panel's handling of the next message, a test's 30 s).
import type * as vscode from 'vscode';

/** Posts `message` to the page without waiting for it; messages keep their order, and one not delivered is logged at debug as `who`. */
export function postToPage(webview: vscode.Webview, message: unknown, log: vscode.LogOutputChannel, who: string): void {
  webview.postMessage(message).then(undefined, (error: unknown) => {
    log.debug(`${who}: a message to the page was not delivered: ${String(error)}`);
  });
}
