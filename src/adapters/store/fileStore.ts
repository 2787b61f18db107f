// The embedded store: one folder per incident under the data dir, each holding an append-only
// events.jsonl. Appends are single O_APPEND writes of whole lines, so concurrent writers in several
// processes never interleave; a file is never rewritten, so a corrupt line stays for a human to see.

import { randomBytes } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CoreEvent, EventBase, EventInput, stampEvent } from '../../core/events';
import { LogProblem, parseEventLog, serializeEvent } from '../../core/eventLog';
import { foldIncident, Incident } from '../../core/fold';
import { isIncidentId, newEventId, newIncidentId } from '../../core/ids';

export const EVENTS_FILE = 'events.jsonl';
export const DEFAULT_DATA_DIR = '.warroom';
const GITATTRIBUTES_LINE = `${EVENTS_FILE} merge=union`;

export interface LoadedIncident {
  readonly incident: Incident;
  readonly file: string;
  readonly problems: readonly LogProblem[];
}

export class FileIncidentStore {
  /** @param dataDir absolute path of the folder holding one folder per incident */
  constructor(readonly dataDir: string) {}

  eventsFile(incidentId: string): string {
    return path.join(this.dataDir, incidentId, EVENTS_FILE);
  }

  /**
   * The events file's size and modification time ('' when it is not there): it changes with every
   * append, so a reader can tell that it is behind without reading the file.
   */
  async stamp(incidentId: string): Promise<string> {
    try {
      const stat = await fsp.stat(this.eventsFile(incidentId));
      return `${stat.size}:${stat.mtimeMs}`;
    } catch {
      return '';
    }
  }

  /** Incident ids present on disk, oldest first (ids start with their UTC minute). */
  async listIds(): Promise<string[]> {
    let entries: fs.Dirent[];
    try {
      entries = await fsp.readdir(this.dataDir, { withFileTypes: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
        return [];
      }
      throw error;
    }
    return entries.filter((e) => e.isDirectory() && isIncidentId(e.name)).map((e) => e.name).sort();
  }

  /** Loads one incident; undefined when it has no events file (yet). */
  async load(incidentId: string): Promise<LoadedIncident | undefined> {
    const file = this.eventsFile(incidentId);
    let text: string;
    try {
      text = await fsp.readFile(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
        return undefined;
      }
      throw error;
    }
    const { events, problems } = parseEventLog(text);
    const incident = foldIncident(incidentId, events);
    const allProblems = incident.declared || events.length === 0
      ? problems
      : [...problems, { line: 1, message: 'no "declared" event in this file; title and severity are unknown' }];
    return { incident, file, problems: allProblems };
  }

  async loadAll(): Promise<LoadedIncident[]> {
    const ids = await this.listIds();
    const loaded = await Promise.all(ids.map((id) => this.load(id)));
    return loaded.filter((l): l is LoadedIncident => l !== undefined);
  }

  /** Creates a new incident folder with its declaration as the first event. */
  async declare(
    declaration: EventInput<Extract<CoreEvent, { type: 'declared' }>>,
    author: string,
    now = new Date(),
  ): Promise<string> {
    const id = newIncidentId(now, randomBytes(6));
    await fsp.mkdir(path.join(this.dataDir, id), { recursive: true });
    await this.ensureUnionMerge();
    await this.append(id, declaration, author, now);
    return id;
  }

  /**
   * Appends one event (the envelope is stamped here) and returns it as written. Any event type
   * goes: features append their own (suspect_marked, runbook_step ...).
   */
  async append<E extends EventBase = CoreEvent>(
    incidentId: string,
    input: EventInput<E>,
    author: string,
    now = new Date(),
  ): Promise<E> {
    if (!isIncidentId(incidentId)) {
      throw new Error(`"${incidentId}" is not an incident id`);
    }
    const event = stampEvent<E>(input, { id: newEventId(randomBytes(10)), ts: now, author });
    appendLine(this.eventsFile(incidentId), serializeEvent(event));
    return event;
  }

  /**
   * Gives events.jsonl git's union merge, so two responders' appends merge without conflicts.
   * Written once into the data dir's own .gitattributes; an existing file is only ever added to.
   */
  async ensureUnionMerge(): Promise<void> {
    const file = path.join(this.dataDir, '.gitattributes');
    let current = '';
    try {
      current = await fsp.readFile(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
        throw error;
      }
    }
    if (current.split(/\r?\n/).some((line) => line.trim() === GITATTRIBUTES_LINE)) {
      return;
    }
    const separator = current === '' || current.endsWith('\n') ? '' : '\n';
    await fsp.mkdir(this.dataDir, { recursive: true });
    await fsp.appendFile(file, `${separator}${GITATTRIBUTES_LINE}\n`);
  }
}

/**
 * One write(2) on an O_APPEND descriptor. If a writer was killed mid-line, the file ends without a
 * newline: start on a fresh line so the torn line stays the only bad one.
 */
export function appendLine(file: string, line: string): void {
  const fd = fs.openSync(file, 'a+');
  try {
    const { size } = fs.fstatSync(fd);
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
