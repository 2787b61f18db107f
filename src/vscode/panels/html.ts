// The HTML of every panel, as a pure function so it can be tested (and served to a plain browser)
// without VS Code. The initial state rides along as a JSON data block so the panel paints without
// a round trip; it is escaped so that no string in it can close the block or open markup.
// It builds pages (not protocol), so it lives with the panel hosts; it imports no `vscode`, so plain
// Node tests and the standalone browser server use it too.

export interface PanelHtmlOptions {
  /** `webview.cspSource`: where styles, fonts and images may come from. */
  readonly cspSource: string;
  /** Fresh per render, from a CSPRNG (`crypto.randomBytes(16).toString('base64')`). */
  readonly nonce: string;
  /**
   * Each of `PANEL_SCRIPTS[panel]` in that order: by URI (`webview.asWebviewUri(dist/webview/<bundle>.js)`)
   * or its text, inline (see `canInline`).
   */
  readonly scripts: readonly PageAsset[];
  /** media/<panel>.css by URI, or its text inline. */
  readonly style: PageAsset;
  readonly title: string;
  /** Anything JSON-serializable: the panel's `…State`. */
  readonly initialState: unknown;
}

/** A bundle in dist/webview; `defer`: it runs once the page is parsed, holding nothing up. */
export interface PanelScript {
  readonly file: string;
  readonly defer?: boolean;
}

/**
 * The bundles each panel's page loads, in order. toolkit.js (the webview UI toolkit, shared) comes
 * first where the panel builds toolkit controls at once; the timeline paints its list in plain DOM
 * first and takes the toolkit deferred.
 */
export const PANEL_SCRIPTS = {
  timeline: [{ file: 'timeline.js' }, { file: 'toolkit.js', defer: true }],
  roleBoard: [{ file: 'toolkit.js' }, { file: 'roleBoard.js' }],
  updates: [{ file: 'toolkit.js' }, { file: 'updates.js' }],
  walkthrough: [{ file: 'walkthrough.js' }],
  dashboard: [{ file: 'dashboard.js' }],
} as const satisfies Readonly<Record<string, readonly PanelScript[]>>;

export type PanelName = keyof typeof PANEL_SCRIPTS;

/**
 * A script or stylesheet: by URI, or inline. Inline saves the page a round trip per file through
 * the webview's service worker and the workbench.
 */
export type PageAsset = { readonly uri: string; readonly defer?: boolean } | { readonly inline: string };

export const INITIAL_STATE_ELEMENT_ID = 'initial-state';

/**
 * Whether a bundle's or stylesheet's text can sit inside a <script>/<style> element as it is: nothing
 * in it may end the element early or switch the HTML parser's script states.
 */
export function canInline(text: string): boolean {
  return !/<\/?(?:script|style)|<!--/i.test(text);
}

const HTML_ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** For text and double-quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]);
}

/**
 * JSON safe inside a `<script type="application/json">` element: `<`, `>` and `&` become `\u003c`
 * and so on (so `</script>` and `<!--` cannot appear), and U+2028/U+2029 are escaped too. The
 * result still parses to the same value with JSON.parse.
 */
export function jsonForHtml(value: unknown): string {
  const json = JSON.stringify(value) ?? 'null';
  return json.replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

// A nonce or a source that could end the CSP or the attribute would defeat the policy; these come
// from the extension, never from data, so a bad one is a bug and fails loudly.
function checked(value: string, pattern: RegExp, what: string): string {
  if (!pattern.test(value)) {
    throw new Error(`panelHtml: invalid ${what}`);
  }
  return value;
}

export function panelHtml(options: PanelHtmlOptions): string {
  const nonce = checked(options.nonce, /^[A-Za-z0-9+/=_-]{16,}$/, 'nonce');
  // VS Code gives a list (`'self' https://*.vscode-cdn.net` in 1.100): each part must be a bare
  // source or the 'self' keyword, so none can end the directive or the attribute.
  const source = options.cspSource
    .trim()
    .split(/\s+/)
    .map((part) => checked(part, /^(?:'self'|[^\s;'",<>]+)$/, 'cspSource'))
    .join(' ');
  // Not HTML-escaped: its parts were checked above (no quotes or angle brackets), and escaping the
  // single quotes would make the policy unreadable in the page source.
  const csp = [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    `style-src 'nonce-${nonce}' ${source}`,
    `font-src ${source}`,
    `img-src ${source} data:`,
  ].join('; ');
  const inline = (asset: { readonly inline: string }): string => {
    if (!canInline(asset.inline)) {
      throw new Error('panelHtml: this text cannot be inlined (it could end its element)');
    }
    return asset.inline;
  };
  const scripts = options.scripts
    .map((asset) =>
      'uri' in asset
        ? `<script nonce="${nonce}" src="${escapeHtml(asset.uri)}"${asset.defer ? ' defer' : ''}></script>`
        : `<script nonce="${nonce}">${inline(asset)}</script>`,
    )
    .join('\n  ');
  const style =
    'uri' in options.style
      ? `<link rel="stylesheet" href="${escapeHtml(options.style.uri)}">`
      : `<style nonce="${nonce}">${inline(options.style)}</style>`;
  return `<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="UTF-8">
  <meta http-equiv="Content-Security-Policy" content="${csp}">
  <meta name="viewport" content="width=device-width, initial-scale=1.0">
  ${style}
  <title>${escapeHtml(options.title)}</title>
</head>
<body>
  <div id="app" aria-busy="true"></div>
  <script type="application/json" id="${INITIAL_STATE_ELEMENT_ID}">${jsonForHtml(options.initialState)}</script>
  ${scripts}
</body>
</html>
`;
}
