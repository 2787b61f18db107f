// Serves the panels' real HTML (from `panelHtml`, with its CSP) and bundles from a loopback HTTP
// server, with a fake `acquireVsCodeApi`, so the webview UI can be driven in Debian chromium
// without VS Code. Used by test/e2e/webview-standalone.e2e.ts and bench/webview.bench.ts.

import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as http from 'node:http';
import { AddressInfo } from 'node:net';
import * as path from 'node:path';
import * as esbuild from 'esbuild';
import { Browser, chromium } from 'playwright-core';
import { PANEL_SCRIPTS, panelHtml } from '../../src/vscode/panels/html';
import { chromiumArgs } from '../harness/browser';
import { chromiumExecutable } from '../harness/paths';

export const REPO_ROOT = path.resolve(__dirname, __dirname.includes(`${path.sep}out${path.sep}`) ? '../../..' : '../..');

export const PANELS = ['timeline', 'roleBoard', 'updates', 'dashboard', 'walkthrough'] as const;
export type PanelName = (typeof PANELS)[number];

/**
 * Builds the webview bundles with the options esbuild.mjs uses for them (iife, browser, es2022),
 * into `outdir`, so a test never runs against a stale dist/.
 */
export async function buildWebviewBundles(outdir: string): Promise<void> {
  await esbuild.build({
    entryPoints: Object.fromEntries([...PANELS, 'toolkit'].map((p) => [p, path.join(REPO_ROOT, `webview-ui/src/${p}.main.ts`)])),
    bundle: true,
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
    outdir,
    logLevel: 'warning',
    legalComments: 'none',
  });
}

// VS Code sets these on the webview's <html>; a subset of the Dark Modern theme is enough to see
// that every colour in media/webview.css comes from a theme variable.
const DARK_THEME = `html {
  --vscode-font-family: system-ui, "Segoe UI", Ubuntu, sans-serif; --vscode-font-size: 13px;
  --vscode-editor-font-family: "DejaVu Sans Mono", monospace;
  --vscode-foreground: #cccccc; --vscode-editor-background: #1f1f1f; --vscode-descriptionForeground: #9d9d9d;
  --vscode-focusBorder: #0078d4; --vscode-panel-border: #2b2b2b; --vscode-textLink-foreground: #4daafc;
  --vscode-list-hoverBackground: #2a2d2e; --vscode-list-activeSelectionBackground: #04395e;
  --vscode-list-activeSelectionForeground: #ffffff; --vscode-list-inactiveSelectionBackground: #37373d;
  --vscode-errorForeground: #f85149; --vscode-editorWarning-foreground: #cca700;
  --vscode-charts-yellow: #cca700; --vscode-charts-blue: #3794ff; --vscode-charts-purple: #b180d7;
  --vscode-charts-orange: #d18616; --vscode-charts-green: #89d185; --vscode-charts-red: #f14c4c;
  --vscode-button-background: #0078d4; --vscode-button-foreground: #ffffff;
  --vscode-button-secondaryBackground: #313131; --vscode-button-secondaryForeground: #cccccc;
  --vscode-input-background: #313131; --vscode-input-foreground: #cccccc; --vscode-dropdown-background: #313131;
  --vscode-badge-background: #616161; --vscode-badge-foreground: #f8f8f8;
}
body { background: var(--vscode-editor-background); }
`;

/**
 * A subset of the Light Modern theme, as VS Code sets it on the webview's <html> (`style`): a test
 * puts it there after the page loaded (`setProperty`, which the CSP leaves alone) to look at a page
 * in the light theme.
 */
export const LIGHT_THEME: Readonly<Record<string, string>> = {
  '--vscode-foreground': '#3b3b3b',
  '--vscode-editor-background': '#ffffff',
  '--vscode-descriptionForeground': '#3b3b3b',
  '--vscode-focusBorder': '#005fb8',
  '--vscode-panel-border': '#e5e5e5',
  '--vscode-textLink-foreground': '#005fb8',
  '--vscode-list-hoverBackground': '#f2f2f2',
  '--vscode-errorForeground': '#f85149',
  '--vscode-editorWarning-foreground': '#bf8803',
  '--vscode-button-background': '#005fb8',
  '--vscode-button-foreground': '#ffffff',
  '--vscode-button-secondaryBackground': '#e5e5e5',
  '--vscode-button-secondaryForeground': '#3b3b3b',
  '--vscode-input-background': '#ffffff',
  '--vscode-input-foreground': '#3b3b3b',
  '--vscode-badge-background': '#cccccc',
  '--vscode-badge-foreground': '#3b3b3b',
};

// The fake VS Code API: records what the panel posts and keeps its UI state, and records any CSP
// violation (a payload that became markup would be blocked by the CSP and show up here).
const FAKE_VSCODE = `(() => {
  window.__posted = [];
  window.__cspViolations = [];
  document.addEventListener('securitypolicyviolation', (e) => {
    window.__cspViolations.push(e.effectiveDirective + ' ' + e.blockedURI);
  });
  let state;
  let acquired = false;
  window.acquireVsCodeApi = () => {
    if (acquired) { throw new Error('acquireVsCodeApi called twice'); }
    acquired = true;
    return {
      postMessage: (m) => { window.__posted.push(JSON.parse(JSON.stringify(m))); },
      getState: () => state,
      setState: (s) => { state = JSON.parse(JSON.stringify(s)); },
    };
  };
})();
`;

export interface StandalonePage {
  readonly panel: PanelName;
  readonly title: string;
  readonly initialState: unknown;
}

export interface StandaloneServer {
  readonly origin: string;
  url(panel: PanelName): string;
  /** Every path requested so far: anything not ours means a payload made the page fetch it. */
  readonly requests: readonly string[];
  close(): Promise<void>;
}

export async function serveStandalone(bundleDir: string, pages: readonly StandalonePage[]): Promise<StandaloneServer> {
  const requests: string[] = [];
  const css = DARK_THEME + fs.readFileSync(path.join(REPO_ROOT, 'media/webview.css'), 'utf8');
  let origin = '';
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    requests.push(url.pathname);
    const send = (status: number, type: string, body: string | Buffer): void => {
      res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
      res.end(body);
    };
    const page = pages.find((p) => url.pathname === `/${p.panel}.html`);
    if (page) {
      const nonce = crypto.randomBytes(16).toString('base64');
      return send(
        200,
        'text/html; charset=utf-8',
        panelHtml({
          cspSource: origin,
          nonce,
          scripts: [
            { uri: `${origin}/fake-vscode.js` },
            ...PANEL_SCRIPTS[page.panel].map((script) => ({ ...script, uri: `${origin}/webview/${script.file}` })),
          ],
          style: { uri: `${origin}/${page.panel === 'walkthrough' ? 'walkthrough' : 'webview'}.css` },
          title: page.title,
          initialState: page.initialState,
        }),
      );
    }
    if (url.pathname === '/fake-vscode.js') {
      return send(200, 'text/javascript', FAKE_VSCODE);
    }
    if (url.pathname === '/webview.css') {
      return send(200, 'text/css', css);
    }
    if (url.pathname === '/walkthrough.css') {
      // Its own styles, after `@import url("webview.css")`: the themed shared ones above.
      return send(200, 'text/css', fs.readFileSync(path.join(REPO_ROOT, 'media/walkthrough.css'), 'utf8'));
    }
    const bundle = /^\/webview\/([a-zA-Z-]+\.js)$/.exec(url.pathname);
    if (bundle && fs.existsSync(path.join(bundleDir, bundle[1]))) {
      return send(200, 'text/javascript', fs.readFileSync(path.join(bundleDir, bundle[1])));
    }
    send(404, 'text/plain', 'not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    url: (panel) => `${origin}/${panel}.html`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export const EXPECTED_PATHS: ReadonlySet<string> = new Set([
  ...PANELS.map((p) => `/${p}.html`),
  ...PANELS.map((p) => `/webview/${p}.js`),
  '/webview/toolkit.js',
  '/fake-vscode.js',
  '/webview.css',
  '/walkthrough.css',
  '/favicon.ico',
]);

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumExecutable, headless: true, args: [...chromiumArgs] });
}
