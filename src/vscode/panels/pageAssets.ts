// The files a panel's page loads, inline where that is safe (they then arrive with the HTML); the
// shared toolkit bundle stays a file. Why: docs/ARCHITECTURE.md.
import { promises as fs } from 'node:fs';
import * as vscode from 'vscode';
import { canInline, PageAsset, PanelScript } from './html';

const BY_URI = new Set(['toolkit.js']);

async function pageAsset(webview: vscode.Webview, file: vscode.Uri, inline: boolean, defer = false): Promise<PageAsset> {
  if (inline && file.scheme === 'file') {
    // Read on every render, so a rebuilt bundle shows on the next one.
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
