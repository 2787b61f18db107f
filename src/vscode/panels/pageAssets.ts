// The files a panel's page loads, inline where that is safe. A webview fetches each file through
// its service worker and the workbench, which cost 60-80 ms before the timeline's first frame on a
// first open; inline they arrive with the HTML. The shared toolkit bundle stays a file: ~130 KB, the
// same for every panel, and never on the timeline's paint path.
import { promises as fs } from 'node:fs';
import * as vscode from 'vscode';
import { canInline, PageAsset, PanelScript } from './html';

const BY_URI = new Set(['toolkit.js']);

async function pageAsset(webview: vscode.Webview, file: vscode.Uri, inline: boolean, defer = false): Promise<PageAsset> {
  if (inline && file.scheme === 'file') {
    // Read on every render (1 ms for these sizes): a rebuilt bundle shows on the next render.
    const text = await fs.readFile(file.fsPath, 'utf8').catch(() => undefined);
    if (text !== undefined && canInline(text)) {
      return { inline: text };
    }
  }
  // Missing or not inlinable: by URI, so the page (and its console) say what failed to load.
  return { uri: webview.asWebviewUri(file).toString(), ...(defer ? { defer } : {}) };
}

/** `scripts` are bundles in dist/webview (`PANEL_SCRIPTS`), `stylesheet` a file in media/. */
export async function pageAssets(
  webview: vscode.Webview,
  extensionUri: vscode.Uri,
  scripts: readonly PanelScript[],
  stylesheet: string,
): Promise<{ readonly scripts: PageAsset[]; readonly style: PageAsset }> {
  const [style, ...bundles] = await Promise.all([
    pageAsset(webview, vscode.Uri.joinPath(extensionUri, 'media', stylesheet), true),
    ...scripts.map((script) =>
      pageAsset(webview, vscode.Uri.joinPath(extensionUri, 'dist', 'webview', script.file), !BY_URI.has(script.file), script.defer),
    ),
  ]);
  return { scripts: bundles, style };
}
