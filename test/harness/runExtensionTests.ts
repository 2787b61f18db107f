// Runs a mocha suite INSIDE the real extension host of code-server, the way @vscode/test-electron does on
// desktop VS Code: the workbench loads extensionTestsPath, calls its run(), and reports the exit code through
// window.codeAutomationExit; every console.* of the extension host arrives through window.codeAutomationLog.
import * as fs from 'fs';
import * as path from 'path';
import { format } from 'util';
import { launchBrowser } from './browser';
import { startCodeServer } from './codeServer';
import { artifactsDir } from './paths';
import { WorkbenchTarget, workbenchUrl } from './workbenchUrl';

export interface ExtensionTestRun {
  /** Names the artifacts (screenshot, logs) of this run. */
  readonly label: string;
  readonly extensionDevelopmentPath: string;
  readonly extensionTestsPath: string;
  readonly target: WorkbenchTarget;
  /** Passed to code-server, whose extension host inherits it. */
  readonly env?: Readonly<Record<string, string>>;
  readonly userDataDir?: string;
  readonly extensionsDir?: string;
  /** Merged over the harness's default user settings. */
  readonly settings?: Readonly<Record<string, unknown>>;
  /** Keep workspace trust on (see CodeServerOptions.workspaceTrust). */
  readonly workspaceTrust?: boolean;
  /** Test-only extensions installed beside War Room (see ScenarioOptions.testExtensions). */
  readonly testExtensions?: readonly { readonly id: string; readonly dir: string }[];
  /**
   * A hung run() never reports back: when the extension host has printed nothing for this long (no
   * test result, no line), the harness gives up, with a screenshot. Counted from its last line, not
   * from the start: a suite that grows, or a slower machine, is not a hang (each test has its own
   * mocha timeout), while a test that never returns still ends the run this long after it began.
   */
  readonly timeoutMs: number;
}

// The workbench's own start-up chatter arrives through the same channel as the tests' output; it goes to the
// browser log instead of the console (WARROOM_VERBOSE=1 shows it). Extension host errors are never filtered.
const WORKBENCH_CHATTER =
  /^(Resolving connection token|Resolved connection token|Creating a socket|Ignoring fetching additional builtin extensions|\[Service Worker\]|ChatSessionStore:|Updating additional builtin extensions cache)/;

/** Exit code the harness reports for a run that never finished (the test host itself uses 0 and 1). */
export const TIMED_OUT = 124;
/**
 * A run that timed out before the extension host printed anything at all: the workbench or its
 * extension host never came up, so no test ran. Worth one more try; a run whose tests started is not.
 */
export const NEVER_STARTED = 125;

/** Browser log lines kept in memory, printed when a run times out (CI keeps only what is printed). */
const LOG_TAIL_LINES = 40;

export async function runExtensionTests(run: ExtensionTestRun): Promise<number> {
  fs.mkdirSync(artifactsDir, { recursive: true });
  const server = await startCodeServer({
    env: run.env,
    userDataDir: run.userDataDir,
    extensionsDir: run.extensionsDir,
    settings: run.settings,
    workspaceTrust: run.workspaceTrust,
    testExtensions: run.testExtensions,
    logFile: path.join(artifactsDir, `${run.label}-code-server.log`),
  });
  const browserLog = fs.createWriteStream(path.join(artifactsDir, `${run.label}-browser.log`));
  const tail: string[] = [];
  const logLine = (line: string) => {
    browserLog.write(line);
    tail.push(line);
    if (tail.length > LOG_TAIL_LINES) tail.shift();
  };
  // Anything the extension host prints beyond the workbench's start-up chatter: the tests have begun.
  let hostSpoke = false;
  let timer: NodeJS.Timeout | undefined;
  let quietSince = Date.now();
  try {
    const browser = await launchBrowser(server.sandboxDir, server.sandboxEnv);
    try {
      const { page } = browser;
      let reportExit: (code: number) => void = () => undefined;
      const exited = new Promise<number>((resolve) => {
        reportExit = resolve;
      });
      // Both must exist before the workbench loads: it looks them up once, at startup.
      await page.exposeFunction('codeAutomationExit', (code: unknown) => {
        reportExit(typeof code === 'number' ? code : 1);
      });
      await page.exposeFunction('codeAutomationLog', (type: unknown, args: unknown) => {
        const line = format(...(Array.isArray(args) ? args : [args]));
        if (type !== 'error' && !process.env.WARROOM_VERBOSE && WORKBENCH_CHATTER.test(line)) {
          browserLog.write(`[automation ${String(type)}] ${line}\n`); // the page's console has it too
          return;
        }
        hostSpoke = true;
        quietSince = Date.now();
        if (type === 'error') process.stderr.write(`${line}\n`);
        else process.stdout.write(`${line}\n`);
      });
      page.on('console', (message) => logLine(`[${message.type()}] ${message.text()}\n`));
      page.on('pageerror', (error) => logLine(`[pageerror] ${error.stack ?? error.message}\n`));

      // Checked every second against the host's last line (a timer re-armed on every line would be
      // one timer per test result).
      quietSince = Date.now();
      const timedOut = new Promise<'timeout'>((resolve) => {
        timer = setInterval(() => {
          if (Date.now() - quietSince >= run.timeoutMs) resolve('timeout');
        }, 1_000);
      });
      await page.goto(
        workbenchUrl(server.port, run.target, {
          extensionDevelopmentPath: run.extensionDevelopmentPath,
          extensionTestsPath: run.extensionTestsPath,
        }),
      );
      const outcome = await Promise.race([exited, timedOut]);
      if (outcome === 'timeout') {
        const shot = path.join(artifactsDir, `${run.label}-timeout.png`);
        await page.screenshot({ path: shot }).catch(() => undefined);
        console.error(
          `${run.label}: ${hostSpoke ? `nothing from the tests for ${run.timeoutMs / 1000} s` : `no result after ${run.timeoutMs / 1000} s, and the extension host printed nothing (the tests never started)`}; screenshot ${shot}, logs in ${artifactsDir}`,
        );
        console.error(
          `${run.label}: the browser's last ${tail.length} log lines:\n${tail
            .map((l) => `  | ${l}`)
            .join('')
            .trimEnd()}`,
        );
        console.error(`${run.label}: code-server's log ends:\n${logEnd(path.join(artifactsDir, `${run.label}-code-server.log`))}`);
        return hostSpoke ? TIMED_OUT : NEVER_STARTED;
      }
      return outcome;
    } finally {
      await browser.close();
    }
  } finally {
    if (timer) clearInterval(timer);
    browserLog.end();
    await server.stop();
  }
}

function logEnd(file: string, lines = 20): string {
  try {
    return fs
      .readFileSync(file, 'utf8')
      .trimEnd()
      .split('\n')
      .slice(-lines)
      .map((l) => `  | ${l}`)
      .join('\n');
  } catch {
    return '  (no log)';
  }
}
