// Starts code-server 4.100.3 (VS Code 1.100.3 server + web workbench) in a throw-away sandbox.
// Everything it, VS Code and chromium write (HOME, XDG_*, TMPDIR, user data, extensions) goes into the
// sandbox, so a run never reads or changes the developer's own settings and leaves nothing behind.
import { ChildProcess, spawn, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as http from 'http';
import * as net from 'net';
import * as os from 'os';
import * as path from 'path';
import { registerCleanup } from './cleanup';
import { codeServerEntry, codeServerPrefix } from './paths';

export interface CodeServerOptions {
  /** Extra environment for code-server; its extension host inherits it. */
  readonly env?: Readonly<Record<string, string>>;
  /** Merged over the defaults in the sandbox's User/settings.json. */
  readonly settings?: Readonly<Record<string, unknown>>;
  /** Use these instead of sandbox folders (the launcher gets them from @vscode/test-electron). */
  readonly userDataDir?: string;
  readonly extensionsDir?: string;
  /** Where code-server's own output goes; kept in memory when absent and printed on a failed start. */
  readonly logFile?: string;
  readonly startTimeoutMs?: number;
  /** Keep workspace trust (an untrusted-workspace test); by default code-server starts with it disabled. */
  readonly workspaceTrust?: boolean;
  /** A .vsix to install into the extensions dir first, as a user would (`--install-extension`). */
  readonly installVsix?: string;
  /** Extension folders copied into the extensions dir, each started with `--enable-proposed-api <id>`. */
  readonly testExtensions?: readonly { readonly id: string; readonly dir: string }[];
}

export interface CodeServer {
  readonly port: number;
  /** http://127.0.0.1:PORT */
  readonly origin: string;
  readonly sandboxDir: string;
  readonly userDataDir: string;
  readonly extensionsDir: string;
  /** The environment chromium should run with: the same throw-away HOME, XDG_* dirs and TMPDIR. */
  readonly sandboxEnv: Readonly<Record<string, string>>;
  /** Ends code-server's whole process group (server, extension host, tsserver...) and removes the sandbox. */
  stop(): Promise<void>;
}

export const defaultUserSettings: Readonly<Record<string, unknown>> = {
  'workbench.startupEditor': 'none',
  'telemetry.telemetryLevel': 'off',
  // A test of untrusted mode sets this to true in its own settings.
  'security.workspace.trust.enabled': false,
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'update.mode': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'git.openRepositoryInParentFolders': 'never',
};

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => (port ? resolve(port) : reject(new Error('no free port'))));
    });
  });
}

function healthy(origin: string): Promise<boolean> {
  return new Promise((resolve) => {
    const req = http.get(`${origin}/healthz`, { timeout: 1000 }, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(false));
  });
}

const delay = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    // Negative pid: the whole group; detached made code-server its leader.
    process.kill(-child.pid, signal);
  } catch {
    // Already gone.
  }
}

function groupAlive(pid: number): boolean {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function endGroup(child: ChildProcess): Promise<void> {
  const pid = child.pid;
  if (pid === undefined) return;
  killGroup(child, 'SIGTERM');
  for (let i = 0; i < 50 && groupAlive(pid); i++) await delay(100);
  if (groupAlive(pid)) {
    killGroup(child, 'SIGKILL');
    for (let i = 0; i < 20 && groupAlive(pid); i++) await delay(100);
  }
}

function installVsix(vsix: string, userDataDir: string, extensionsDir: string, env: NodeJS.ProcessEnv, cwd: string): void {
  const result = spawnSync(
    process.execPath,
    [codeServerEntry, '--install-extension', path.resolve(vsix), '--extensions-dir', extensionsDir, '--user-data-dir', userDataDir],
    { env, cwd, encoding: 'utf8', timeout: 120_000 },
  );
  if (result.status !== 0) {
    if (!process.env.WARROOM_KEEP_SANDBOX) fs.rmSync(cwd, { recursive: true, force: true });
    throw new Error(
      `code-server --install-extension ${vsix} failed (${result.status ?? result.signal ?? result.error?.message}):\n${result.stdout}${result.stderr}`,
    );
  }
}

export async function startCodeServer(options: CodeServerOptions = {}): Promise<CodeServer> {
  if (!fs.existsSync(codeServerEntry)) {
    throw new Error(`code-server is not installed in ${codeServerPrefix}: run node test/harness/install.mjs`);
  }
  // Short on purpose: VS Code puts unix sockets in TMPDIR and a socket path must stay under ~107 chars.
  const sandboxDir = fs.mkdtempSync(path.join(os.tmpdir(), 'wr-'));
  const home = path.join(sandboxDir, 'h');
  const tmp = path.join(sandboxDir, 't');
  const userDataDir = path.resolve(options.userDataDir ?? path.join(sandboxDir, 'ud'));
  const extensionsDir = path.resolve(options.extensionsDir ?? path.join(sandboxDir, 'ext'));
  for (const dir of [home, tmp, userDataDir, extensionsDir, path.join(userDataDir, 'User')]) {
    fs.mkdirSync(dir, { recursive: true });
  }
  fs.writeFileSync(
    path.join(userDataDir, 'User', 'settings.json'),
    JSON.stringify({ ...defaultUserSettings, ...options.settings }, null, 2),
  );
  // The extension host runs on code-server's side, which reads a setting of "machine" scope (an
  // API root a key is sent to) from its own Machine settings, not the browser's User settings.
  fs.mkdirSync(path.join(userDataDir, 'Machine'), { recursive: true });
  fs.writeFileSync(path.join(userDataDir, 'Machine', 'settings.json'), JSON.stringify(options.settings ?? {}, null, 2));

  const sandboxEnv: Record<string, string> = {
    HOME: home,
    XDG_CONFIG_HOME: path.join(home, '.config'),
    XDG_DATA_HOME: path.join(home, '.local', 'share'),
    XDG_CACHE_HOME: path.join(home, '.cache'),
    XDG_RUNTIME_DIR: tmp,
    TMPDIR: tmp,
  };
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ...sandboxEnv,
    // No marketplace lookups: the machines reach no gallery, and tests must not depend on one.
    EXTENSIONS_GALLERY: '{}',
  };
  // Variables of an enclosing VS Code/code-server would redirect this one's IPC to the wrong server.
  for (const key of Object.keys(env)) {
    if (key.startsWith('VSCODE_') || key === 'ELECTRON_RUN_AS_NODE' || key === 'CODE_SERVER_PARENT_PID') delete env[key];
  }
  Object.assign(env, options.env);
  if (options.installVsix) installVsix(options.installVsix, userDataDir, extensionsDir, env, sandboxDir);
  for (const extension of options.testExtensions ?? []) {
    fs.cpSync(extension.dir, path.join(extensionsDir, `${extension.id}-0.0.1`), { recursive: true });
  }
  const args = [
    codeServerEntry,
    '--auth',
    'none',
    '--bind-addr',
    `127.0.0.1:${port}`,
    '--user-data-dir',
    userDataDir,
    '--extensions-dir',
    extensionsDir,
    '--disable-telemetry',
    '--disable-update-check',
    ...(options.workspaceTrust ? [] : ['--disable-workspace-trust']),
    '--disable-getting-started-override',
    '--ignore-last-opened',
    ...(options.testExtensions ?? []).flatMap((e) => ['--enable-proposed-api', e.id]),
  ];
  const child = spawn(process.execPath, args, { env, cwd: sandboxDir, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });

  const output: string[] = [];
  const logStream = options.logFile ? fs.createWriteStream(options.logFile) : undefined;
  const collect = (chunk: Buffer): void => {
    if (logStream) logStream.write(chunk);
    else if (output.length < 2000) output.push(chunk.toString());
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  let exited: string | undefined;
  child.on('exit', (code, signal) => {
    exited = `code-server exited (${code ?? signal})`;
  });

  const release = registerCleanup(
    async () => {
      await endGroup(child);
      logStream?.end();
      if (!process.env.WARROOM_KEEP_SANDBOX) fs.rmSync(sandboxDir, { recursive: true, force: true });
    },
    () => {
      killGroup(child, 'SIGKILL');
      if (!process.env.WARROOM_KEEP_SANDBOX) fs.rmSync(sandboxDir, { recursive: true, force: true });
    },
  );

  const deadline = Date.now() + (options.startTimeoutMs ?? 30_000);
  for (;;) {
    if (exited !== undefined || Date.now() > deadline) {
      await release();
      const why = exited ?? `code-server did not answer ${origin}/healthz in time`;
      throw new Error(`${why}\n${output.join('')}${options.logFile ? `(log: ${options.logFile})` : ''}`);
    }
    if (await healthy(origin)) break;
    await delay(100);
  }

  return { port, origin, sandboxDir, userDataDir, extensionsDir, sandboxEnv, stop: release };
}
