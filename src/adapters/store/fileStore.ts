// The embedded store: one folder per incident under the data dir, each holding an append-only
// events.jsonl. Appends are single O_APPEND writes of whole lines, so concurrent writers in several
// processes never interleave; a file is never rewritten, so a corrupt line stays for a human to see.
// The data dir arrives with a clone or a pull: the store reads and appends only regular files in
// real folders under it (never through a symbolic link, never a FIFO or device), of bounded size.

import { randomBytes } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CoreEvent, EventBase, EventInput, stampEvent } from '../../core/events';
import { LogProblem, parseEventLog, serializeEvent } from '../../core/eventLog';
import { foldIncident } from '../../core/fold';
import { Incident } from '../../core/incident';
import { eventIdAfter, isIncidentId, newEventId, newIncidentId } from '../../core/ids';

export const EVENTS_FILE = 'events.jsonl';
export const DEFAULT_DATA_DIR = '.warroom';
const GITATTRIBUTES_LINE = `${EVENTS_FILE} merge=union`;
/** Far beyond any real incident (10,000 events are about 2 MB); past it a file is reported, not read. */
export const MAX_EVENTS_FILE_BYTES = 64 * 1024 * 1024;
const MIB = 1024 * 1024;

// Absent on Windows; there the lstat checks before each open stand alone.
const O_NOFOLLOW = fs.constants.O_NOFOLLOW ?? 0;
// A FIFO opened without it blocks until a writer shows up: with it the open returns and fstat tells.
const O_NONBLOCK = fs.constants.O_NONBLOCK ?? 0;

export interface LoadedIncident {
  readonly incident: Incident;
  readonly file: string;
  readonly problems: readonly LogProblem[];
}

/** A file or folder of the store that is not read or written: the message names it and says why. */
export class StoreFileError extends Error {
  constructor(
    readonly file: string,
    readonly reason: string,
  ) {
    super(`${file}: ${reason}`);
  }
}

/** The id and millisecond of the last event this process stamped. */
let lastEvent = { ms: Number.NaN, id: '' };

/**
 * A new event's id. The fold orders events by time, then by id, so two events one process stamps
 * in the same millisecond (a milestone set and cleared by a script, an import's events of one
 * minute) get ids in the order they were written; otherwise ids are random, as before.
 */
function eventIdAt(ms: number): string {
  const id = (ms === lastEvent.ms && eventIdAfter(lastEvent.id)) || newEventId(randomBytes(10));
  lastEvent = { ms, id };
  return id;
}

/** An event for appendAll (or a declaration's `then`): stamped at `at`, with `eventId` when its source fixes one. */
export interface EventToWrite<E extends EventBase = EventBase> {
  readonly input: EventInput<E>;
  readonly at: Date;
  /** An imported fact's id derived from the source's (see append). */
  readonly eventId?: string;
}

/** An incident that could not be loaded: `file` is the folder or file at fault, `message` says why. */
export interface UnreadableIncident {
  readonly incidentId: string;
  readonly file: string;
  readonly message: string;
}

export interface LoadedIncidents {
  readonly incidents: LoadedIncident[];
  readonly unreadable: UnreadableIncident[];
}

export class FileIncidentStore {
  /** @param dataDir absolute path of the folder holding one folder per incident */
  constructor(readonly dataDir: string) {}

  eventsFile(incidentId: string): string {
    return path.join(this.dataDir, incidentId, EVENTS_FILE);
  }

  /**
   * The events file's size and modification time ('' when it is not there): it changes with every
   * append, so a reader can tell that it is behind without reading the file. A link is stamped as
   * itself: the store follows none, and replacing one changes the stamp.
   */
  async stamp(incidentId: string): Promise<string> {
    try {
      const stat = await fsp.lstat(this.eventsFile(incidentId));
      return `${stat.size}:${stat.mtimeMs}`;
    } catch {
      return '';
    }
  }

  /** Incident ids present on disk, oldest first (ids start with their UTC minute). */
  /**
   * Incident ids present on disk, oldest first (ids start with their UTC minute). A symbolic link
   * named like an incident is listed too, so that loading it reports it rather than hiding it.
   */
  async listIds(): Promise<string[]> {
    if (!(await realFolder(this.dataDir, 'the data dir'))) {
      return [];
    }
    const entries = await fsp.readdir(this.dataDir, { withFileTypes: true });
    return entries
      .filter((e) => (e.isDirectory() || e.isSymbolicLink()) && isIncidentId(e.name))
      .map((e) => e.name)
      .sort();
  }

  /**
   * Loads one incident; undefined when it has no events (yet): no events file, or one with nothing in
   * it (a file being written, or emptied), which would fold into an incident with no title that began
   * in 1970. Lines that do not parse still load, with their problems. Throws StoreFileError when its
   * folder or file is not one the store reads (a link, a FIFO, a folder, over the size cap).
   */
  async load(incidentId: string): Promise<LoadedIncident | undefined> {
    const file = this.eventsFile(incidentId);
    if (!(await this.incidentFolder(incidentId))) {
      return undefined;
    }
    const text = await readRegularFile(file, MAX_EVENTS_FILE_BYTES);
    if (text === undefined) {
      return undefined;
    }
    const { events, problems } = parseEventLog(text);
    if (events.length === 0 && problems.length === 0) {
      return undefined;
    }
    const incident = foldIncident(incidentId, events);
    const allProblems =
      incident.declared || events.length === 0
        ? problems
        : [...problems, { line: 1, message: 'no "declared" event in this file; title and severity are unknown' }];
    return { incident, file, problems: allProblems };
  }

  /** Every incident; one that cannot be read is reported in `unreadable` and the rest still load. */
  async loadAll(): Promise<LoadedIncidents> {
    const ids = await this.listIds();
    const results = await Promise.all(
      ids.map(async (incidentId) => {
        try {
          return { loaded: await this.load(incidentId) };
        } catch (error) {
          return { failed: unreadableIncident(incidentId, this.eventsFile(incidentId), error) };
        }
      }),
    );
    return {
      incidents: results.flatMap((r) => r.loaded ?? []),
      unreadable: results.flatMap((r) => r.failed ?? []),
    };
  }

  /**
   * Creates a new incident folder with its declaration as the first event. `then`: events that come
   * with the declaration (an imported postmortem's rows and its resolution), written with it in one
   * write, so no reader (the editor's watcher, team sync, a teammate's pull) ever sees the incident
   * without them: an imported incident half written is an active one, with an update overdue.
   */
  async declare(
    declaration: EventInput<Extract<CoreEvent, { type: 'declared' }>>,
    author: string,
    now = new Date(),
    then: readonly EventToWrite[] = [],
  ): Promise<string> {
    const id = newIncidentId(now, randomBytes(6));
    // Checked before mkdir, which would follow a linked data dir (or one of its parents) anywhere.
    if (!(await realFolder(this.dataDir, 'the data dir'))) {
      await fsp.mkdir(this.dataDir, { recursive: true });
    }
    const folder = path.join(this.dataDir, id);
    await fsp.mkdir(folder).catch((error: unknown) => {
      throw permissionError(folder, error, 'write');
    });
    await this.ensureUnionMerge();
    await this.appendAll<EventBase>(id, [{ input: declaration, at: now }, ...then], author);
    return id;
  }

  /**
   * Appends one event (the envelope is stamped here) and returns it as written. Any event type
   * goes: features append their own (suspect_marked, runbook_step ...). `eventId`, for an imported
   * fact only: an id derived from the source's id, so two machines importing it write one event.
   */
  async append<E extends EventBase = CoreEvent>(
    incidentId: string,
    input: EventInput<E>,
    author: string,
    now = new Date(),
    eventId?: string,
  ): Promise<E> {
    const [event] = await this.appendAll<E>(incidentId, [{ input, at: now, ...(eventId !== undefined ? { eventId } : {}) }], author);
    return event;
  }

  /**
   * Appends several events in one write, each stamped at its own time (and `eventId`, as append's),
   * and returns them as written: a PagerDuty log of hundreds of entries or a model's suggested items
   * are read back once, not once each, and no reader sees some without the rest.
   */
  async appendAll<E extends EventBase = CoreEvent>(incidentId: string, events: readonly EventToWrite<E>[], author: string): Promise<E[]> {
    if (!isIncidentId(incidentId)) {
      throw new Error(`"${incidentId}" is not an incident id`);
    }
    const bad = events.find((e) => e.eventId !== undefined && !/^[0-9a-z]{16}$/.test(e.eventId));
    if (bad) {
      throw new Error(`"${bad.eventId}" is not an event id`);
    }
    const stamped = events.map(({ input, at, eventId }) =>
      stampEvent<E>(input, { id: eventId ?? eventIdAt(at.getTime()), ts: at, author }),
    );
    if (!(await this.incidentFolder(incidentId))) {
      throw new StoreFileError(path.join(this.dataDir, incidentId), 'no such incident folder');
    }
    if (stamped.length) {
      appendLine(this.eventsFile(incidentId), stamped.map(serializeEvent).join(''));
    }
    return stamped;
  }

  /**
   * Appends events stamped elsewhere (a teammate's, received through team sync) as they are, in
   * one write, creating the incident's folder when the incident is new here. The caller has
   * checked them (validateEvent) and dropped the ones this file already holds.
   */
  async appendStamped(incidentId: string, events: readonly EventBase[]): Promise<void> {
    if (!isIncidentId(incidentId)) {
      throw new Error(`"${incidentId}" is not an incident id`);
    }
    if (events.length === 0) {
      return;
    }
    if (!(await this.incidentFolder(incidentId))) {
      if (!(await realFolder(this.dataDir, 'the data dir'))) {
        await fsp.mkdir(this.dataDir, { recursive: true });
      }
      const folder = path.join(this.dataDir, incidentId);
      await fsp.mkdir(folder).catch((error: NodeJS.ErrnoException) => {
        // Not writable, the data dir is at fault: named as such, that fails every incident's write.
        if (error.code !== 'EEXIST') throw permissionError(folder, error, 'write');
      });
      await this.incidentFolder(incidentId);
      await this.ensureUnionMerge();
    }
    appendLine(this.eventsFile(incidentId), events.map(serializeEvent).join(''));
  }

  /**
   * Gives events.jsonl git's union merge, so two responders' appends merge without conflicts.
   * Written once into the data dir's own .gitattributes; an existing file is only ever added to.
   */
  async ensureUnionMerge(): Promise<void> {
    const file = path.join(this.dataDir, '.gitattributes');
    if (!(await realFolder(this.dataDir, 'the data dir'))) {
      await fsp.mkdir(this.dataDir, { recursive: true });
    }
    const current = (await readRegularFile(file, MAX_EVENTS_FILE_BYTES)) ?? '';
    if (current.split(/\r?\n/).some((line) => line.trim() === GITATTRIBUTES_LINE)) {
      return;
    }
    appendLine(file, `${GITATTRIBUTES_LINE}\n`);
  }

  /** True when the data dir and the incident's folder are real folders; false when either is absent. */
  private async incidentFolder(incidentId: string): Promise<boolean> {
    return (
      (await realFolder(this.dataDir, 'the data dir')) && (await realFolder(path.join(this.dataDir, incidentId), 'the incident folder'))
    );
  }
}

/** False when `dir` is absent; throws when it is a symbolic link or not a folder. */
export async function realFolder(dir: string, what: string): Promise<boolean> {
  let stat: fs.Stats;
  try {
    stat = await fsp.lstat(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      return false;
    }
    throw error;
  }
  if (stat.isSymbolicLink()) {
    throw new StoreFileError(
      dir,
      `${what} is a symbolic link; War Room reads and writes only a real folder here (point the data dir setting or --dir at the real one if that is what you mean)`,
    );
  }
  if (!stat.isDirectory()) {
    throw new StoreFileError(dir, `${what} is not a folder`);
  }
  return true;
}

/** What a file that is not a regular one is, for an error message. */
function kindOf(stat: fs.Stats): string {
  if (stat.isDirectory()) return 'a folder';
  if (stat.isSymbolicLink()) return 'a symbolic link';
  if (stat.isFIFO()) return 'a named pipe (FIFO)';
  if (stat.isCharacterDevice() || stat.isBlockDevice()) return 'a device';
  if (stat.isSocket()) return 'a socket';
  return 'not a regular file';
}

/** Throws unless `stat` is a regular file (and, given a cap, no larger than it). */
function checkRegular(file: string, stat: fs.Stats, maxBytes?: number): void {
  if (!stat.isFile()) {
    throw new StoreFileError(file, `is ${kindOf(stat)}, not a regular file; War Room neither reads nor writes it`);
  }
  if (maxBytes !== undefined && stat.size > maxBytes) {
    throw new StoreFileError(
      file,
      `is ${(stat.size / MIB).toFixed(1)} MiB, over War Room's ${maxBytes / MIB} MiB limit for one file; it is not read`,
    );
  }
}

/**
 * The error a refused open gives, in words: O_NOFOLLOW fails with ELOOP on a link, O_RDWR with
 * EISDIR on a folder, and a file or folder this user may not `access` with EACCES (see permissionError).
 */
function openError(file: string, error: unknown, access: Access): unknown {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ELOOP' || code === 'EMLINK') {
    return new StoreFileError(file, 'is a symbolic link, not a regular file; War Room neither reads nor writes it');
  }
  if (code === 'EISDIR') {
    return new StoreFileError(file, 'is a folder, not a regular file; War Room neither reads nor writes it');
  }
  return permissionError(file, error, access);
}

type Access = 'read' | 'write';

/**
 * An error writing a file of the data folder that is not an incident's (team sync's state), said
 * as the store says its own: a permission refused names the file or folder and what to change.
 */
export function writeError(file: string, error: unknown): unknown {
  return permissionError(file, error, 'write');
}

/**
 * A permission the system refused on `file` (EACCES, EPERM, EROFS), as a StoreFileError naming
 * what is at fault and what to change; any other error as it is. The file is at fault when it is
 * there to see, else the folder meant to hold it (not writable, or not open to this user). A
 * folder made by `sudo warroom ...` belongs to root: the usual case, said as such.
 */
function permissionError(file: string, error: unknown, access: Access): unknown {
  const code = (error as NodeJS.ErrnoException).code;
  if (code !== 'EACCES' && code !== 'EPERM' && code !== 'EROFS') {
    return error;
  }
  let target = file;
  let stat: fs.Stats | undefined;
  try {
    stat = fs.lstatSync(file);
  } catch {
    target = path.dirname(file);
    stat = tryLstat(target);
  }
  const kind = stat?.isDirectory() ? 'folder' : 'file';
  if (code === 'EROFS') {
    return new StoreFileError(target, `is on a read-only file system; War Room cannot write it there (mount it writable)`);
  }
  if (code === 'EPERM') {
    return new StoreFileError(
      target,
      `operation not permitted: the system keeps War Room from ${access === 'read' ? 'reading' : 'writing'} the ${kind} (an immutable or read-only attribute, or a security policy); lift that`,
    );
  }
  const uid = process.getuid?.();
  if (stat && uid !== undefined && stat.uid !== uid) {
    return new StoreFileError(
      target,
      `permission denied: the ${kind} belongs to another user (uid ${stat.uid}), as one made with sudo does; give it to your user (sudo chown${kind === 'folder' ? ' -R' : ''}) or fix its permissions`,
    );
  }
  const mode = stat ? ` (mode ${(stat.mode & 0o777).toString(8).padStart(3, '0')})` : '';
  const [state, bits] = DENIED[kind][access];
  return new StoreFileError(target, `permission denied: the ${kind} is ${state}${mode}; fix its permissions (chmod u+${bits})`);
}

/** What a mode that denies this user says, and the bits to add, by what is denied. */
const DENIED = {
  folder: { read: ['not open to this user', 'rx'], write: ['not writable', 'rwx'] },
  file: { read: ['not readable', 'r'], write: ['not writable', 'rw'] },
} as const;

function tryLstat(file: string): fs.Stats | undefined {
  try {
    return fs.lstatSync(file);
  } catch {
    return undefined;
  }
}

/**
 * A regular file's text, undefined when it is absent. Never follows a link, never blocks on a FIFO,
 * never reads past `maxBytes` (lstat first, then the same checks on the open descriptor).
 */
export async function readRegularFile(file: string, maxBytes: number): Promise<string | undefined> {
  let stat: fs.Stats;
  try {
    stat = await fsp.lstat(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      return undefined;
    }
    throw permissionError(file, error, 'read');
  }
  checkRegular(file, stat, maxBytes);
  let handle: fsp.FileHandle;
  try {
    handle = await fsp.open(file, fs.constants.O_RDONLY | O_NOFOLLOW | O_NONBLOCK);
  } catch (error) {
    throw openError(file, error, 'read');
  }
  try {
    const opened = await handle.stat();
    checkRegular(file, opened, maxBytes);
    // Up to the size seen now: an append landing meanwhile is read next time.
    const buffer = Buffer.alloc(opened.size);
    let read = 0;
    while (read < buffer.length) {
      const { bytesRead } = await handle.read(buffer, read, buffer.length - read, read);
      if (bytesRead === 0) {
        break;
      }
      read += bytesRead;
    }
    return buffer.toString('utf8', 0, read);
  } finally {
    await handle.close();
  }
}

/** Why an incident could not be loaded, from what `load` threw. */
export function unreadableIncident(incidentId: string, file: string, error: unknown): UnreadableIncident {
  if (error instanceof StoreFileError) {
    return { incidentId, file: error.file, message: error.reason };
  }
  const code = (error as NodeJS.ErrnoException).code;
  return { incidentId, file, message: `cannot be read (${code ?? (error as Error).message})` };
}

/**
 * One write(2) on an O_APPEND descriptor. If a writer was killed mid-line, the file ends without a
 * newline: start on a fresh line so the torn line stays the only bad one.
 */
export function appendLine(file: string, line: string): void {
  let fd: number;
  try {
    // 'a+' as flags, plus: never through a link, never waiting on a FIFO.
    fd = fs.openSync(file, fs.constants.O_RDWR | fs.constants.O_APPEND | fs.constants.O_CREAT | O_NOFOLLOW | O_NONBLOCK);
  } catch (error) {
    throw openError(file, error, 'write');
  }
  try {
    const stat = fs.fstatSync(fd);
    checkRegular(file, stat);
    const { size } = stat;
    let prefix = '';
    if (size > 0) {
      const last = Buffer.alloc(1);
      fs.readSync(fd, last, 0, 1, size - 1);
      if (last[0] !== 0x0a) {
        prefix = '\n';
      }
    }
    fs.writeSync(fd, prefix + line);
  } finally {
    fs.closeSync(fd);
  }
}
