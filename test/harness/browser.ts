// Debian's chromium driven by playwright-core: no browser download, which these machines cannot do.
import * as fs from 'fs';
import * as path from 'path';
import { BrowserContext, chromium, Page } from 'playwright-core';
import { registerCleanup } from './cleanup';
import { chromiumExecutable } from './paths';

export const chromiumArgs: readonly string[] = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

export interface Browser {
  readonly context: BrowserContext;
  readonly page: Page;
  close(): Promise<void>;
}

/**
 * Launches chromium with a fresh profile inside `sandboxDir` and the sandbox's HOME/TMPDIR,
 * so it shares nothing with other runs.
 */
export async function launchBrowser(sandboxDir: string, sandboxEnv: Readonly<Record<string, string>>): Promise<Browser> {
  if (!fs.existsSync(chromiumExecutable)) {
    throw new Error(`${chromiumExecutable} not found: run node test/harness/install.mjs`);
  }
  const profileDir = path.join(sandboxDir, 'chromium');
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: chromiumExecutable,
    headless: true,
    args: [...chromiumArgs],
    env: { ...process.env, ...sandboxEnv },
    viewport: { width: 1400, height: 900 },
    // The harness owns signal handling (see cleanup.ts) and ends chromium itself.
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
  });
  const release = registerCleanup(
    () => context.close().catch(() => undefined),
    // On a sudden exit playwright-core kills the browsers it launched itself.
    () => undefined,
  );
  const page = context.pages()[0] ?? (await context.newPage());
  return { context, page, close: release };
}

/**
 * Waits until `expression` is truthy in `page`, evaluating it through the DevTools protocol.
 * Playwright's `waitForFunction` polls with `eval` inside the page, which a panel's CSP (no
 * 'unsafe-eval') refuses as soon as the first check is false; this never runs code in the page's
 * own world, so the CSP under test stays exactly what ships.
 */
export async function waitForExpression(page: Page, expression: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    last = await page.evaluate(expression);
    if (last) {
      return;
    }
    if (Date.now() > deadline) {
      throw new Error(`Still false after ${timeoutMs} ms: ${expression} (last value: ${JSON.stringify(last)})`);
    }
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
