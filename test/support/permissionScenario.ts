// Incident folders and files this user may not write or read (mode 0555, 0444, 0000, as a folder
// made by `sudo warroom ...` is for everyone else), for the store and team sync tests. Modes deny
// nothing to root, so under root `runUnprivileged` runs a scenario in a child process that becomes
// `nobody` once its modules are loaded; otherwise it runs here. Either way the scenario makes its own files, as that user,
// and gives them their modes back before it returns, so the temp folder can be removed.
// Usage (the child): node permissionScenario.js <scenario> <JSON args>; prints the result as JSON.
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Client } from 'pg';
import { FileIncidentStore, StoreFileError } from '../../src/adapters/store/fileStore';
import { EventServer, migrate, SyncMirror } from '../../src/adapters/sync';
import { SYNC_DIR } from '../../src/adapters/sync/mirror';
import { newIncidentId } from '../../src/core/ids';
import { DECLARATION } from './syncHelpers';

const NOBODY = 65534;

/** What a store call did: 'ok', or what it threw (a StoreFileError's file and reason). */
export type Outcome = 'ok' | { storeFileError: boolean; file?: string; reason?: string; message: string };

async function outcome(run: () => Promise<unknown>): Promise<Outcome> {
  try {
    await run();
    return 'ok';
  } catch (error) {
    return error instanceof StoreFileError
      ? { storeFileError: true, file: error.file, reason: error.reason, message: error.message }
      : { storeFileError: false, message: (error as Error).message };
  }
}

export interface StoreScenario {
  /** Appending to an incident whose folder is 0555 and events file 0444. */
  readonly lockedAppend: Outcome;
  /** Appending to the other incident. */
  readonly otherAppend: Outcome;
  /** A teammate's event for an incident whose (empty) folder is 0555. */
  readonly emptyLockedAppendStamped: Outcome;
  /** Loading an incident whose folder is 0000. */
  readonly closedLoad: Outcome;
  /** loadAll with the 0000 folder: the incidents loaded and the one reported. */
  readonly loadAll: { loaded: string[]; unreadable: { incidentId: string; file: string; message: string }[] };
  readonly ids: { locked: string; other: string; emptyLocked: string; closed: string };
  readonly lines: { locked: number; other: number };
}

async function storeScenario(args: { dataDir: string }): Promise<StoreScenario> {
  const s = new FileIncidentStore(args.dataDir);
  const locked = await s.declare(DECLARATION, 'ann', new Date('2026-11-22T23:01:00Z'));
  const other = await s.declare({ ...DECLARATION, title: 'Other' }, 'ann', new Date('2026-11-22T23:02:00Z'));
  const closed = await s.declare({ ...DECLARATION, title: 'Closed' }, 'ann', new Date('2026-11-22T23:03:00Z'));
  const emptyLocked = newIncidentId(new Date('2026-11-22T23:04:00Z'), new Uint8Array(6));
  const lockedDir = path.dirname(s.eventsFile(locked));
  const emptyDir = path.dirname(s.eventsFile(emptyLocked));
  const closedDir = path.dirname(s.eventsFile(closed));
  fs.mkdirSync(emptyDir);
  fs.chmodSync(s.eventsFile(locked), 0o444);
  fs.chmodSync(lockedDir, 0o555);
  fs.chmodSync(emptyDir, 0o555);
  fs.chmodSync(closedDir, 0o000);
  try {
    const note = { type: 'entry' as const, kind: 'note' as const, text: 'a note' };
    const lockedAppend = await outcome(() => s.append(locked, note, 'ann'));
    const otherAppend = await outcome(() => s.append(other, note, 'ann'));
    const stamped = { id: 'aaaaaaaaaaaaaaaa', ts: '2026-11-22T23:05:00.000Z', author: 'bob', ...DECLARATION };
    const emptyLockedAppendStamped = await outcome(() => s.appendStamped(emptyLocked, [stamped]));
    const closedLoad = await outcome(() => s.load(closed));
    const all = await s.loadAll();
    return {
      lockedAppend,
      otherAppend,
      emptyLockedAppendStamped,
      closedLoad,
      loadAll: { loaded: all.incidents.map((l) => l.incident.id), unreadable: all.unreadable },
      ids: { locked, other, emptyLocked, closed },
      lines: {
        locked: fs.readFileSync(s.eventsFile(locked), 'utf8').split('\n').length - 1,
        other: fs.readFileSync(s.eventsFile(other), 'utf8').split('\n').length - 1,
      },
    };
  } finally {
    for (const dir of [lockedDir, emptyDir, closedDir]) fs.chmodSync(dir, 0o755);
    fs.chmodSync(s.eventsFile(locked), 0o644);
  }
}

interface Pulled {
  readonly received: [string, number][];
  readonly refused: { incidentId: string; file: string; reason: string; events: number }[];
  /** The sync state's refused incidents after the call. */
  readonly stateRefused: string[];
}

export interface MirrorScenario {
  readonly ids: { locked: string; other: string };
  /** The pull with the locked incident's folder 0555 and its events file 0444; or what it threw. */
  readonly pull: Pulled | { error: string };
  /** Event ids in this machine's files after that pull. */
  readonly afterPull: { locked: string[]; other: string[] };
  /** retryRefused once the modes are fixed; or what it threw. */
  readonly retry: Pulled | { error: string };
  /** Event ids in this machine's files and the teammate's after the retry. */
  readonly afterRetry: { locked: string[]; teammateLocked: string[] };
}

async function pulled(mirror: SyncMirror, run: () => ReturnType<SyncMirror['pull']>): Promise<Pulled | { error: string }> {
  try {
    const result = await run();
    return { received: [...result.received], refused: [...result.refused], stateRefused: [...(mirror.state.refused?.keys() ?? [])] };
  } catch (error) {
    return { error: (error as Error).message };
  }
}

function fileIds(store: FileIncidentStore, incidentId: string): string[] {
  const file = store.eventsFile(incidentId);
  if (!fs.existsSync(file)) return [];
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => (JSON.parse(line) as { id: string }).id);
}

/**
 * A teammate (store b) pushes two incidents; this machine (store a) has the first one's folder
 * from a clone, not writable here (0555, its events file 0444). a pulls, then fixes the modes and
 * retries its refused incidents.
 */
async function mirrorScenario(args: { url: string; mine: string; theirs: string }): Promise<MirrorScenario> {
  const db = new Client({ connectionString: args.url });
  await db.connect();
  try {
    await migrate(db);
    const server = new EventServer(db);
    const [a, b] = [new FileIncidentStore(args.mine), new FileIncidentStore(args.theirs)];
    const teammate = new SyncMirror(b, 'server');
    const locked = await b.declare(DECLARATION, 'bob');
    await teammate.pushAll(server);
    // The clone brings the incident's folder; here it is not writable.
    fs.mkdirSync(a.dataDir, { recursive: true });
    const lockedDir = path.dirname(a.eventsFile(locked));
    fs.cpSync(path.dirname(b.eventsFile(locked)), lockedDir, { recursive: true });
    fs.chmodSync(a.eventsFile(locked), 0o444);
    fs.chmodSync(lockedDir, 0o555);
    await b.append(locked, { type: 'entry', kind: 'note', text: 'written after the clone' }, 'bob');
    const other = await b.declare({ ...DECLARATION, title: 'Other' }, 'bob');
    await teammate.pushAll(server);

    const mirror = new SyncMirror(a, 'server');
    let pull: MirrorScenario['pull'];
    let afterPull: MirrorScenario['afterPull'];
    try {
      pull = await pulled(mirror, () => mirror.pull(server));
      afterPull = { locked: fileIds(a, locked), other: fileIds(a, other) };
    } finally {
      fs.chmodSync(lockedDir, 0o755);
      fs.chmodSync(a.eventsFile(locked), 0o644);
    }
    const retry = await pulled(mirror, () => mirror.retryRefused(server));
    return {
      ids: { locked, other },
      pull,
      afterPull,
      retry,
      afterRetry: { locked: fileIds(a, locked), teammateLocked: fileIds(b, locked) },
    };
  } finally {
    await db.end();
  }
}

export interface SyncStateScenario {
  /** Saving the sync state into a `.sync` folder that is 0555. */
  readonly lockedSyncFolder: Outcome;
  /** The same once its mode is fixed. */
  readonly fixed: Outcome;
  /** Saving the first sync state into a data folder that is 0555 (no `.sync` yet). */
  readonly lockedDataFolder: Outcome;
  /** The files left in the `.sync` folder after the refused save and the fixed one. */
  readonly syncFiles: string[];
}

/** Team sync's own state file, which no incident owns, in folders this user may not write. */
async function syncStateScenario(args: { dataDir: string; otherDataDir: string }): Promise<SyncStateScenario> {
  const s = new FileIncidentStore(args.dataDir);
  await s.declare(DECLARATION, 'ann', new Date('2026-11-22T23:01:00Z'));
  const syncDir = path.join(args.dataDir, SYNC_DIR);
  fs.mkdirSync(syncDir);
  fs.chmodSync(syncDir, 0o555);
  let lockedSyncFolder: Outcome;
  try {
    lockedSyncFolder = await outcome(() => new SyncMirror(s, 'server').saveState());
  } finally {
    fs.chmodSync(syncDir, 0o755);
  }
  const fixed = await outcome(() => new SyncMirror(s, 'server').saveState());
  const other = new FileIncidentStore(args.otherDataDir);
  await other.declare(DECLARATION, 'ann', new Date('2026-11-22T23:02:00Z'));
  fs.chmodSync(args.otherDataDir, 0o555);
  let lockedDataFolder: Outcome;
  try {
    lockedDataFolder = await outcome(() => new SyncMirror(other, 'server').saveState());
  } finally {
    fs.chmodSync(args.otherDataDir, 0o755);
  }
  return { lockedSyncFolder, fixed, lockedDataFolder, syncFiles: fs.readdirSync(syncDir).sort() };
}

const SCENARIOS = { store: storeScenario, mirror: mirrorScenario, syncState: syncStateScenario };
type Scenarios = typeof SCENARIOS;

/**
 * Runs a scenario as a user that file modes bind: this process unless it is root, else a child
 * process as `nobody`, given `dir` (made its owner) to work in.
 */
export async function runUnprivileged<K extends keyof Scenarios>(
  name: K,
  dir: string,
  args: Parameters<Scenarios[K]>[0],
): Promise<Awaited<ReturnType<Scenarios[K]>>> {
  if (process.getuid?.() !== 0) {
    return (await SCENARIOS[name](args as never)) as Awaited<ReturnType<Scenarios[K]>>;
  }
  fs.chownSync(dir, NOBODY, NOBODY);
  // The child starts as root and becomes nobody once its modules are loaded (below), so neither
  // node nor this checkout has to be reachable by nobody (a checkout under /root is not).
  const argv = [__filename, name, JSON.stringify(args)];
  const stdout = await new Promise<string>((resolve, reject) => {
    execFile(process.execPath, argv, { cwd: dir, maxBuffer: 16 * 1024 * 1024 }, (error, out, err) => {
      if (error) reject(new Error(`${name} scenario as nobody failed: ${error.message}\n${err}`));
      else resolve(out);
    });
  });
  return JSON.parse(stdout) as Awaited<ReturnType<Scenarios[K]>>;
}

if (require.main === module) {
  const [name, args] = process.argv.slice(2);
  const scenario = SCENARIOS[name as keyof Scenarios] as (args: unknown) => Promise<unknown>;
  if (process.getuid?.() === 0) {
    process.setgroups?.([]);
    process.setgid?.(NOBODY);
    process.setuid?.(NOBODY);
  }
  scenario(JSON.parse(args)).then(
    (result) => process.stdout.write(JSON.stringify(result)),
    (error: Error) => {
      process.stderr.write(`${error.stack}\n`);
      process.exitCode = 1;
    },
  );
}
