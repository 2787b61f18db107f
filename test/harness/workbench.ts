// Drives the real code-server workbench in chromium for end-to-end UI tests: the extension under test is
// loaded as a development extension (no VSIX build needed) or installed from a VSIX, and the helpers act
// the way a user does (F1, typing, clicking rows), waiting on what the workbench shows rather than on time.
import * as fs from 'fs';
import * as path from 'path';
import { Locator, Page } from 'playwright-core';
import { Browser, launchBrowser } from './browser';
import { CodeServer, startCodeServer } from './codeServer';
import { artifactsDir, repoRoot } from './paths';
import { WorkbenchTarget, workbenchUrl } from './workbenchUrl';
import { makeWorkspace, ScenarioOptions, TestWorkspace } from './workspaces';

export interface WorkbenchOptions {
  readonly target: WorkbenchTarget;
  /** Prefix of this workbench's screenshots and logs in test-artifacts/. */
  readonly label: string;
  readonly settings?: Readonly<Record<string, unknown>>;
  readonly extensionDevelopmentPath?: string;
  /** Run War Room installed from this .vsix (as a user gets it) instead of from a development path. */
  readonly installVsix?: string;
  /** Test-only extensions installed beside War Room (see ScenarioOptions.testExtensions). */
  readonly testExtensions?: ScenarioOptions['testExtensions'];
  /** How long each wait for the UI may take before the step fails. */
  readonly stepTimeoutMs?: number;
}

const QUICK_INPUT = '.quick-input-widget';
const QUICK_INPUT_BOX = `${QUICK_INPUT} .quick-input-box input`;
const QUICK_INPUT_ROWS = `${QUICK_INPUT} .quick-input-list .monaco-list-row`;

function escapeText(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Matches an element whose whole text is `text`, so "SEV1" does not also match "SEV1 follow-up". */
function exactly(text: string): RegExp {
  return new RegExp(`^\\s*${escapeText(text)}\\s*$`);
}

export class Workbench {
  private constructor(
    readonly page: Page,
    private readonly server: CodeServer,
    private readonly browser: Browser,
    private readonly label: string,
    private readonly timeout: number,
  ) {}

  static async open(options: WorkbenchOptions): Promise<Workbench> {
    fs.mkdirSync(artifactsDir, { recursive: true });
    const server = await startCodeServer({
      settings: options.settings,
      logFile: path.join(artifactsDir, `${options.label}-code-server.log`),
      installVsix: options.installVsix,
      testExtensions: options.testExtensions,
    });
    let browser: Browser | undefined;
    try {
      browser = await launchBrowser(server.sandboxDir, server.sandboxEnv);
      const log = fs.createWriteStream(path.join(artifactsDir, `${options.label}-browser.log`));
      browser.page.on('console', (m) => log.write(`[${m.type()}] ${m.text()}\n`));
      browser.page.on('pageerror', (e) => log.write(`[pageerror] ${e.stack ?? e.message}\n`));
      browser.page.on('close', () => log.end());
      const timeout = options.stepTimeoutMs ?? 30_000;
      browser.page.setDefaultTimeout(timeout);
      const workbench = new Workbench(browser.page, server, browser, options.label, timeout);
      await browser.page.goto(
        workbenchUrl(
          server.port,
          options.target,
          options.installVsix
            ? undefined
            : {
                extensionDevelopmentPath: options.extensionDevelopmentPath ?? repoRoot,
              },
        ),
      );
      await browser.page.locator('.monaco-workbench').waitFor({ state: 'visible' });
      return workbench;
    } catch (error) {
      await browser?.close();
      await server.stop();
      throw error;
    }
  }

  /** Opens the activity bar entry whose title starts with `title` and waits for its side bar. */
  async openViewContainer(title: string): Promise<void> {
    // VS Code 1.100 puts the title on the inner <a>; the <li> around it carries the 'checked' state.
    const entry = this.page
      .locator('.activitybar li.action-item')
      .filter({ has: this.page.locator(`a.action-label[aria-label^="${title}"]`) })
      .first();
    await entry.waitFor({ state: 'visible' });
    // Clicking the container that is already open would close the side bar instead.
    const open = ((await entry.getAttribute('class')) ?? '').split(/\s+/).includes('checked');
    if (!open) await entry.click();
    await this.page
      .locator('.sidebar .composite.title')
      .filter({ hasText: new RegExp(escapeText(title), 'i') })
      .first()
      .waitFor({ state: 'visible' });
  }

  /**
   * Drags the side bar's edge so it is `width` pixels wide: at the default width tree rows are cut
   * after the label, and screenshots would not show descriptions (severity, status).
   */
  async resizeSideBar(width: number): Promise<void> {
    const sideBar = await this.page.locator('.part.sidebar').boundingBox();
    if (!sideBar) throw new Error('no side bar to resize');
    const edgeX = sideBar.x + sideBar.width;
    const y = sideBar.y + sideBar.height / 2;
    await this.page.mouse.move(edgeX - 1, y);
    await this.page.mouse.down();
    await this.page.mouse.move(sideBar.x + width, y, { steps: 5 });
    await this.page.mouse.up();
  }

  /**
   * Clicks a tree row until `shown` is visible: a click landing while the tree re-renders only
   * selects the row, and a row's hover (an incident's tooltip) can cover the rows below and take it.
   */
  async openFromTreeRow(label: string, shown: Locator): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      await this.page.mouse.move(1000, 800);
      await this.page.locator('.workbench-hover, .monaco-hover').first().waitFor({ state: 'hidden' });
      await this.treeRow(label).click();
      try {
        await shown.waitFor({ state: 'visible', timeout: attempt < 3 ? 5_000 : this.timeout });
        return;
      } catch (error) {
        if (attempt >= 3) throw error;
      }
    }
  }

  /** Picks a color theme by name in "Preferences: Color Theme", as a user does, and waits until the workbench wears it. */
  async setColorTheme(theme: string): Promise<void> {
    await this.runCommand('Preferences: Color Theme');
    // Click the theme's own row once the filter shows it: Enter on the first row could accept the
    // theme that was active before the filter caught up (the current one), so a "light" screenshot came out dark.
    // The setting's "Default Dark Modern" may be labelled "Dark Modern": filter by the bare name, match either.
    const bare = theme.replace(/^Default /, '');
    await this.fillQuickInput(bare);
    const row = this.page
      .locator(QUICK_INPUT_ROWS)
      .filter({ has: this.page.locator('.label-name', { hasText: new RegExp(`^\\s*(Default )?${escapeText(bare)}\\s*$`) }) })
      .first();
    await row.waitFor({ state: 'visible' });
    await row.click();
    await this.waitForQuickInputClosed();
    // The workbench's own theme class, so a screenshot waits for the theme rather than racing it
    // (a webview panel repaints later still: panelPainted waits for that).
    const kind = /high contrast/i.test(bare) ? (/light/i.test(bare) ? 'hc-light' : 'hc-black') : /light/i.test(bare) ? 'vs' : 'vs-dark';
    await this.page.locator(`.monaco-workbench.${kind}`).first().waitFor();
    // Off the row just clicked, which sits over the editor tabs: a tab's hover would cover the screenshot.
    await this.page.mouse.move(1000, 700);
  }

  /** Runs a command palette entry by its full title (e.g. "War Room: Declare Incident"). */
  async runCommand(title: string): Promise<void> {
    // The palette closes when focus moves (a tree refreshing under it as the extension writes an
    // event): once seen between opening and typing, so it is opened again, up to three times.
    for (let attempt = 1; ; attempt++) {
      const timeout = attempt < 3 ? 5_000 : this.timeout;
      try {
        await this.page.keyboard.press('F1');
        const input = this.page.locator(QUICK_INPUT_BOX);
        await input.waitFor({ state: 'visible', timeout });
        await input.fill(`>${title}`, { timeout });
        // Click the exact row: Enter would run whichever fuzzy match happens to come first.
        const row = this.quickInputRow(title);
        await row.waitFor({ state: 'visible', timeout });
        await row.click({ timeout });
        return;
      } catch (error) {
        if (attempt >= 3) throw error;
        await this.page.keyboard.press('Escape');
      }
    }
  }

  /**
   * Opens a workspace file through Quick Open, at `line` when given (`disk-full.runbook.yaml:38`), and
   * waits for its editor tab.
   */
  async openFile(name: string, line?: number): Promise<void> {
    await this.page.keyboard.press('F1');
    const input = this.page.locator(QUICK_INPUT_BOX);
    await input.waitFor({ state: 'visible' });
    // Without the palette's `>`, Quick Open searches the workspace's files.
    await input.fill(line === undefined ? name : `${name}:${line}`);
    await this.pickQuickInputItem(name);
    await this.waitForQuickInputClosed();
    await this.page.locator('.tabs-container .tab.active', { hasText: name }).waitFor({ state: 'visible' });
  }

  /** Waits until the quick input (InputBox or QuickPick) shows `text` in its title, prompt or placeholder. */
  async waitForQuickInput(text: string): Promise<void> {
    await this.page
      .locator(QUICK_INPUT, { hasText: text })
      .first()
      .or(this.page.locator(`${QUICK_INPUT_BOX}[placeholder*="${text.replace(/"/g, '\\"')}"]`))
      .first()
      .waitFor({ state: 'visible' });
  }

  /**
   * Cancels the open quick input with Escape pressed into its box, not on the page: where the box has
   * not the focus yet, the editor below takes the key (the Welcome page goes back to its list).
   */
  async cancelQuickInput(): Promise<void> {
    await this.page.locator(QUICK_INPUT_BOX).press('Escape');
    await this.waitForQuickInputClosed();
  }

  /** Replaces the quick input's text without accepting it. */
  async fillQuickInput(text: string): Promise<void> {
    const input = this.page.locator(QUICK_INPUT_BOX);
    await input.waitFor({ state: 'visible' });
    await input.fill(text);
  }

  /** Types `text` (empty for the default) into the open InputBox or QuickPick and presses Enter. */
  async typeInQuickInput(text: string): Promise<void> {
    await this.fillQuickInput(text);
    await this.page.locator(QUICK_INPUT_BOX).press('Enter');
  }

  /** Clicks the quick pick item whose label is exactly `label`. */
  async pickQuickInputItem(label: string): Promise<void> {
    const row = this.quickInputRow(label);
    await row.waitFor({ state: 'visible' });
    await row.click();
  }

  async waitForQuickInputClosed(): Promise<void> {
    await this.page.locator(QUICK_INPUT).waitFor({ state: 'hidden' });
  }

  /** The visible text of every tree row in the side bar (label and description). */
  async treeRows(): Promise<string[]> {
    const texts = await this.page.locator('.sidebar .pane-body .monaco-list-row').allInnerTexts();
    return texts.map((t) => t.replace(/\s+/g, ' ').trim());
  }

  /** The side bar tree row whose label is exactly `label`. */
  treeRow(label: string): Locator {
    return this.page
      .locator('.sidebar .pane-body .monaco-list-row')
      .filter({ has: this.page.locator('.label-name', { hasText: exactly(label) }) });
  }

  /** VS Code's modal dialog (a `showWarningMessage` with `modal: true`), while one is open. */
  dialog(): Locator {
    return this.page.locator('.monaco-dialog-box');
  }

  /** The modal dialog's button named `name` (Cancel included). */
  dialogButton(name: string): Locator {
    return this.dialog().locator('.dialog-buttons a.monaco-button, .dialog-buttons .monaco-button', { hasText: name }).first();
  }

  /** Waits until `text` is visible inside `selector` (default: anywhere in the workbench). */
  async waitForText(text: string | RegExp, selector = '.monaco-workbench'): Promise<void> {
    await this.page.locator(selector).filter({ hasText: text }).first().waitFor({ state: 'visible' });
  }

  /** Saves test-artifacts/<label>-<name>.png and returns its path. */
  async screenshot(name: string): Promise<string> {
    const file = path.join(artifactsDir, `${this.label}-${name}.png`);
    await this.page.screenshot({ path: file });
    return file;
  }

  async close(): Promise<void> {
    try {
      await this.browser.close();
    } finally {
      await this.server.stop();
    }
  }

  private quickInputRow(label: string): Locator {
    return this.page
      .locator(QUICK_INPUT_ROWS)
      .filter({ has: this.page.locator('.label-name', { hasText: exactly(label) }) })
      .first();
  }

  /** Where code-server keeps installed extensions (an installed VSIX lands here). */
  get extensionsDir(): string {
    return this.server.extensionsDir;
  }

  /** How long each step waits before it fails (the page default). */
  get stepTimeoutMs(): number {
    return this.timeout;
  }
}

export async function openWorkbench(options: WorkbenchOptions): Promise<Workbench> {
  return Workbench.open(options);
}

export interface WorkbenchSuite {
  /** The open workbench (fails the test when it did not open). */
  ui(): Workbench;
  /** The throw-away single-folder workspace it is open on. */
  workspace(): TestWorkspace;
}

/**
 * Mocha hooks for an end-to-end suite: a fresh single-folder git workspace (`prepare` may seed it
 * before the workbench opens), a workbench on it, a screenshot of every failed test, and cleanup.
 */
export function useWorkbench(options: {
  readonly label: string;
  readonly settings?: Readonly<Record<string, unknown>>;
  readonly prepare?: (workspace: TestWorkspace) => void;
  readonly ready?: (workbench: Workbench) => Promise<void>;
  readonly testExtensions?: ScenarioOptions['testExtensions'];
}): WorkbenchSuite {
  let workspace: TestWorkspace | undefined;
  let workbench: Workbench | undefined;
  before(async () => {
    workspace = makeWorkspace('single');
    options.prepare?.(workspace);
    workbench = await openWorkbench({
      target: workspace.target,
      label: options.label,
      settings: options.settings,
      testExtensions: options.testExtensions,
    });
    await options.ready?.(workbench);
  });
  after(async () => {
    await workbench?.close();
    workspace?.remove();
  });
  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && workbench) {
      const file = await workbench.screenshot('failed').catch(() => undefined);
      if (file) console.log(`    screenshot of the failure: ${file}`);
    }
  });
  return {
    ui: () => {
      if (!workbench) throw new Error('the workbench did not open');
      return workbench;
    },
    workspace: () => {
      if (!workspace) throw new Error('the workspace was not made');
      return workspace;
    },
  };
}
