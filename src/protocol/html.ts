// The HTML of every panel, as a pure function so it can be tested (and served to a plain browser)
// without VS Code. The initial state rides along as a JSON data block so the panel paints without
// a round trip; it is escaped so that no string in it can close the block or open markup.

export interface PanelHtmlOptions {
  /** `webview.cspSource`: where styles, fonts and images may come from. */
  readonly cspSource: string;
  /** Fresh per render, from a CSPRNG (`crypto.randomBytes(16).toString('base64')`). */
  readonly nonce: string;
  /** `webview.asWebviewUri(dist/webview/<bundle>.js)` of each of `PANEL_SCRIPTS[panel]`, in that order. */
  readonly scriptUris: readonly string[];
  /** `webview.asWebviewUri(media/webview.css)`, as a string. */
  readonly styleUri: string;
  readonly title: string;
  /** Anything JSON-serializable: the panel's `…State`. */
  readonly initialState: unknown;
}

/**
 * The bundles in dist/webview each panel's page loads, in order. toolkit.js (the webview UI toolkit,
 * shared) comes first where the panel builds toolkit controls at once, and after the timeline's
 * script, which paints its list in plain DOM before the toolkit is needed.
 */
export const PANEL_SCRIPTS = {
  timeline: ['timeline.js', 'toolkit.js'],
  'role-board': ['toolkit.js', 'role-board.js'],
  updates: ['toolkit.js', 'updates.js'],
  walkthrough: ['walkthrough.js'],
} as const satisfies Readonly<Record<string, readonly string[]>>;

export type PanelName = keyof typeof PANEL_SCRIPTS;

export const INITIAL_STATE_ELEMENT_ID = 'initial-state';

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
  const source = options.cspSource.trim().split(/\s+/)
    .map((part) => checked(part, /^(?:'self'|[^\s;'",<>]+)$/, 'cspSource'))
    .join(' ');
  // Not HTML-escaped: its parts were checked above (no quotes or angle brackets), and escaping the
  // single quotes would make the policy unreadable in the page source.
  const csp = [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    `style-src ${source}`,
    `font-src ${source}`,
    `img-src ${source} data:`,
  ].join('; ');
  const scripts = options.scriptUris
    .map((uri) => `<script nonce="${nonce}" src="${escapeHtml(uri)}"></script>`)
    .join('\n  ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="UTF-8">
  <meta http-equiv="Content-Security-Policy" content="${csp}">
  <meta name="viewport" content="width=device-width, initial-scale=1.0">
  <link rel="stylesheet" href="${escapeHtml(options.styleUri)}">
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
