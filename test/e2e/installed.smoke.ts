// The extension as a user gets it: dist/war-room.vsix (`npm run package`) installed into code-server
// with --install-extension, no development path, opened on the demo workspace with the demo's settings.
// It activates from the extensions dir, opens on War Room (the Incidents view focused, the SEV-1
// expanded, its timeline open) and opens a panel on request. `npm run test:smoke`; screenshots go to
// test-artifacts/smoke-*.png, and every panel in each theme to test-artifacts/screenshots/.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createDemoWorkspace, DemoWorkspace, demoSettings } from '../../scripts/demoWorkspace';
import { artifactsDir, repoRoot } from '../harness/paths';
import { openWorkbench, Workbench } from '../harness/workbench';
import { panelFrame } from './fixtures';
import { waitForExpression } from '../harness/browser';

const VSIX = path.resolve(process.env.WARROOM_VSIX ?? path.join(repoRoot, 'dist', 'war-room.vsix'));
const TITLE = 'Checkout failing: payments time out';

describe('the packaged VSIX, installed into code-server', function () {
  this.bail(true);
  let tmp: string;
  let demo: DemoWorkspace;
  let workbench: Workbench | undefined;
  const ui = (): Workbench => {
    if (!workbench) throw new Error('the workbench did not open');
    return workbench;
  };
  const pkg = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as {
    publisher: string;
    name: string;
    version: string;
    contributes: { walkthroughs: { steps: { media: { markdown: string } }[] }[] };
  };
  const extensionId = `${pkg.publisher}.${pkg.name}`;

  before(async () => {
    assert.ok(fs.existsSync(VSIX), `${VSIX} is missing: run npm run package first`);
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'wr-smoke-'));
    demo = createDemoWorkspace(path.join(tmp, 'checkout-service'), path.join(repoRoot, 'runbooks'));
    workbench = await openWorkbench({
      target: { kind: 'folder', path: demo.dir },
      label: 'smoke',
      settings: demoSettings,
      installVsix: VSIX,
    });
  });
  after(async () => {
    await workbench?.close();
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });
  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && workbench) {
      const file = await workbench.screenshot('failed').catch(() => undefined);
      if (file) console.log(`    screenshot of the failure: ${file}`);
    }
  });

  it('is unpacked into the extensions dir with what runs, and no sources or tests', () => {
    const installed = fs.readdirSync(ui().extensionsDir).filter((d) => d.startsWith(`${extensionId}-`));
    assert.deepEqual(installed, [`${extensionId}-${pkg.version}`]);
    const dir = path.join(ui().extensionsDir, installed[0]);
    assert.ok(!fs.lstatSync(dir).isSymbolicLink(), `${dir} is a link, not an installed copy`);
    for (const file of [
      'package.json',
      'dist/extension.js',
      'dist/webview/timeline.js',
      'dist/webview/toolkit.js',
      'media/webview.css',
      'media/warroom.svg',
      // The walkthrough's pages: a step whose Markdown is missing shows an error instead.
      ...pkg.contributes.walkthroughs.flatMap((w) => w.steps.map((s) => s.media.markdown)),
    ]) {
      assert.ok(fs.existsSync(path.join(dir, file)), `${file} is not in the VSIX`);
    }
    // Every bundle the build makes (the lazily loaded adapters included: a feature whose bundle is
    // missing fails only when first used).
    const bundles = fs.readdirSync(path.join(repoRoot, 'dist')).filter((f) => f.endsWith('.js'));
    assert.ok(bundles.length > 5, `dist/ holds the built bundles (${bundles.join(', ')})`);
    for (const bundle of bundles) {
      assert.ok(fs.existsSync(path.join(dir, 'dist', bundle)), `dist/${bundle} is not in the VSIX`);
    }
    for (const absent of ['src', 'test', 'out', 'node_modules', 'tsconfig.json']) {
      assert.ok(!fs.existsSync(path.join(dir, absent)), `${absent} should not ship in the VSIX`);
    }
  });

  it('opens on War Room: the Incidents view focused, the SEV-1 expanded, its timeline open', async function () {
    // Nothing is clicked first: the workspace's .warroom activates it, after the built-in extensions;
    // 20-60 s on a busy 2-core machine, so a generous limit.
    this.timeout(360_000);
    await ui().treeRow(TITLE).waitFor({ state: 'visible', timeout: 300_000 });
    for (const section of ['Roles', 'Suspect deploys', 'Runbooks', 'Timeline']) {
      await ui().treeRow(section).first().waitFor({ state: 'visible' });
    }
    // Its rows are drawn under the expanded sections: the commander, the alert in the timeline.
    await ui().treeRow('Dana Whitfield').waitFor({ state: 'visible' });
    await waitForExpression(ui().page, "!!document.activeElement && !!document.activeElement.closest('.part.sidebar .pane-body')");
    await ui()
      .page.locator('.tabs-container .tab', { hasText: `Timeline: ${TITLE}` })
      .waitFor();
    await panelFrame(ui().page).locator('h1.title', { hasText: TITLE }).waitFor();
    await ui().resizeSideBar(480);
    await ui().screenshot('1-first-screen');
  });

  it('runs the installed copy: the log names the extensions dir as where it activated from', async () => {
    await ui().runCommand('War Room: Show Log');
    const expected = `from ${path.join(ui().extensionsDir, `${extensionId}-${pkg.version}`)}`;
    await ui().waitForText(expected, '.part.panel');
    await ui().screenshot('2-log');
  });

  it('opens the role board from the palette', async () => {
    await ui().runCommand('War Room: Open Role Board');
    const frame = panelFrame(ui().page);
    await frame.locator('h2', { hasText: /^Incident Commander/ }).waitFor();
    await frame.locator('.holders strong', { hasText: 'Dana Whitfield' }).waitFor();
    await ui().screenshot('3-roleBoard');
  });

  it('shows every panel in dark, light and high contrast themes; the Updates buttons do not overlap', async () => {
    const frame = panelFrame(ui().page);
    await ui().runCommand('War Room: Compose Status Update');
    await frame.locator('vscode-button', { hasText: 'Copy' }).first().waitFor();
    const runbook = 'Checkout database connection pool exhausted after a deploy';
    await ui().openViewContainer('War Room');
    await ui().openFromTreeRow(runbook, frame.locator('h1', { hasText: runbook }));
    const tabs: readonly [string, string][] = [
      ['timeline', `Timeline: ${TITLE}`],
      ['roleBoard', `Roles: ${TITLE}`],
      ['updates', `Updates: ${TITLE}`],
      ['walkthrough', `Runbook: ${runbook}`],
    ];
    fs.mkdirSync(path.join(artifactsDir, 'screenshots'), { recursive: true });
    const themes = [
      ['dark', 'Dark Modern', 'vscode-dark'],
      ['light', 'Light Modern', 'vscode-light'],
      ['high-contrast', 'Dark High Contrast', 'vscode-high-contrast'],
    ] as const;
    for (const [name, theme, bodyClass] of themes) {
      await ui().setColorTheme(theme);
      for (const [panel, tab] of tabs) {
        await ui().page.locator('.tabs-container .tab', { hasText: tab }).click();
        await frame.locator(`body.${bodyClass}`).waitFor();
        if (panel === 'updates') {
          const boxes = await frame.locator('vscode-panel-view:visible .composer-actions vscode-button').evaluateAll((buttons) =>
            buttons.map((b) => {
              const r = b.getBoundingClientRect();
              const control = b.shadowRoot?.querySelector('.control');
              return {
                text: (b.textContent ?? '').trim(),
                left: r.left,
                right: r.right,
                top: r.top,
                bottom: r.bottom,
                clipped: !!control && control.scrollWidth > control.clientWidth,
              };
            }),
          );
          assert.ok(boxes.length >= 3, JSON.stringify(boxes));
          for (const [i, a] of boxes.entries()) {
            assert.ok(!a.clipped, `${name}: "${a.text}" is cut: ${JSON.stringify(boxes)}`);
            for (const b of boxes.slice(i + 1)) {
              const overlap = a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
              assert.ok(!overlap, `${name}: "${a.text}" overlaps "${b.text}": ${JSON.stringify(boxes)}`);
            }
          }
        }
        await ui().page.screenshot({ path: path.join(artifactsDir, 'screenshots', `${name}-${panel}.png`) });
      }
    }
  });
});
