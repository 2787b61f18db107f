import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { canInline, jsonForHtml, PANEL_SCRIPTS, panelHtml } from '../../../src/vscode/panels/html';
import { loadXssPayloads } from './incidentFixture';
import { freshBuild } from '../../support/freshBuild';

const NONCE = 'q2Zx0Lx9Yq3Jw8P1aB4cDg==';
const base = {
  cspSource: 'https://file+.vscode-resource.vscode-cdn.net',
  nonce: NONCE,
  scripts: [{ uri: 'https://file+.vscode-resource.vscode-cdn.net/ext/dist/webview/timeline.js' }],
  style: { uri: 'https://file+.vscode-resource.vscode-cdn.net/ext/media/webview.css' },
  title: 'Timeline',
  initialState: { rows: [] },
};

function stateBlock(html: string): string {
  const match = /<script type="application\/json" id="initial-state">([\s\S]*?)<\/script>/.exec(html);
  assert.ok(match, 'initial state block present');
  return match[1];
}

describe('panel HTML', () => {
  it('has the CSP: nothing by default, scripts by nonce, styles/fonts/images from the webview source', () => {
    const html = panelHtml(base);
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1];
    assert.equal(
      csp,
      `default-src 'none'; script-src 'nonce-${NONCE}'; style-src 'nonce-${NONCE}' ${base.cspSource}; font-src ${base.cspSource}; img-src ${base.cspSource} data:`,
    );
    assert.doesNotMatch(html, /unsafe-inline|unsafe-eval/);
  });

  it('puts the nonce on every executable script, and a script by URI has no body', () => {
    const html = panelHtml({ ...base, scripts: [{ uri: 'https://x.example/a.js' }, ...base.scripts] });
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
    const executable = scripts.filter((s) => !/type="application\/json"/.test(s[1]));
    assert.equal(executable.length, 2);
    for (const [, attrs, body] of executable) {
      assert.match(attrs, new RegExp(`nonce="${NONCE.replace(/[+/=]/g, (c) => `\\${c}`)}"`));
      assert.match(attrs, /src="/);
      assert.equal(body, '');
    }
  });

  it('escapes a hostile initial state so it cannot leave its block, and it still round-trips', () => {
    const payloads = loadXssPayloads();
    const state = { title: '</script><script>window.__xss=1</script>', payloads, sep: '\u2028\u2029', comment: '<!-- -->' };
    const html = panelHtml({ ...base, initialState: state });
    const block = stateBlock(html);
    assert.doesNotMatch(block, /[<>]/);
    assert.doesNotMatch(block, /[\u2028\u2029]/);
    assert.deepEqual(JSON.parse(block), state);
    assert.equal((html.match(/<script/g) ?? []).length, 2, 'no script element was injected');
  });

  it('loads the shared toolkit before a panel that builds toolkit controls, after the timeline that paints first', () => {
    assert.deepEqual(PANEL_SCRIPTS.timeline, [{ file: 'timeline.js' }, { file: 'toolkit.js', defer: true }]);
    for (const panel of ['roleBoard', 'updates'] as const) {
      assert.deepEqual(PANEL_SCRIPTS[panel][0], { file: 'toolkit.js' }, panel);
    }
    const html = panelHtml({
      ...base,
      scripts: [{ uri: 'https://x.example/timeline.js' }, { uri: 'https://x.example/toolkit.js', defer: true }],
    });
    assert.deepEqual(
      [...html.matchAll(/<script nonce="[^"]+" src="([^"]+)"( defer)?>/g)].map((m) => m.slice(1)),
      [
        ['https://x.example/timeline.js', undefined],
        ['https://x.example/toolkit.js', ' defer'],
      ],
    );
  });

  it('inlines a script and the stylesheet under the nonce, and refuses text that could end its element', () => {
    const html = panelHtml({
      ...base,
      scripts: [{ inline: 'window.x = 1 < 2;' }, { uri: 'https://x.example/toolkit.js' }],
      style: { inline: 'body { color: red }' },
    });
    assert.ok(html.includes(`<script nonce="${NONCE}">window.x = 1 < 2;</script>`));
    assert.ok(html.includes(`<style nonce="${NONCE}">body { color: red }</style>`));
    assert.doesNotMatch(html, /<link rel="stylesheet"/);
    for (const text of ['a = "</script><script>x()</script>"', 'a = "</SCRIPT >"', 'b = "<!-- x"', 'c = "<script>"', '</style>']) {
      assert.equal(canInline(text), false, text);
      assert.throws(() => panelHtml({ ...base, scripts: [{ inline: text }] }), /cannot be inlined/);
      assert.throws(() => panelHtml({ ...base, style: { inline: text } }), /cannot be inlined/);
    }
  });

  it('can inline every panel bundle but the shared toolkit as built', function () {
    this.timeout(60_000);
    const dir = path.join(freshBuild(), 'webview');
    for (const [panel, scripts] of Object.entries(PANEL_SCRIPTS)) {
      for (const { file } of scripts.filter((s) => s.file !== 'toolkit.js')) {
        assert.ok(canInline(fs.readFileSync(path.join(dir, file), 'utf8')), `${panel}: ${file} would be served by URI`);
      }
    }
    for (const css of ['webview.css', 'walkthrough.css']) {
      assert.ok(canInline(fs.readFileSync(path.resolve(__dirname, '../../../../media', css), 'utf8')), css);
    }
  });

  it('escapes the title and URIs as text', () => {
    const html = panelHtml({
      ...base,
      title: '</title><script>x()</script>',
      scripts: [{ uri: 'https://a.example/x.js"><script>y()</script>' }],
    });
    assert.match(html, /<title>&lt;\/title&gt;&lt;script&gt;x\(\)&lt;\/script&gt;<\/title>/);
    assert.equal((html.match(/<script/g) ?? []).length, 2);
  });

  it('refuses a nonce or CSP source that could break the policy', () => {
    assert.throws(() => panelHtml({ ...base, nonce: "abc'; script-src *" }));
    assert.throws(() => panelHtml({ ...base, nonce: 'short' }));
    assert.throws(() => panelHtml({ ...base, cspSource: "https://x; script-src 'unsafe-inline'" }));
  });

  it('serializes undefined state as null', () => {
    assert.equal(jsonForHtml(undefined), 'null');
  });
});
