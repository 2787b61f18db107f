// The local side of team sync: the workspace's events.jsonl files are the record, and a small
// state file per server (<dataDir>/.sync/<hash of the server id>.json, git-ignored) remembers the
// last sequence applied and which events the server holds. Losing that file costs a full,
// idempotent resync, never an event.
import { createHash, randomBytes } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import * as path from 'node:path';
import { lineOfEvent } from '../../core/eventLog';
import { IncidentEvent } from '../../core/events';
import {
  clearRefused,
  confirmPushed,
  EMPTY_SYNC_STATE,
  markRefused,
  MAX_EVENT_BYTES,
  outbox,
  parseSyncState,
  receive,
  RowProblem,
  serializeSyncState,
  ServerRow,
  SyncEvent,
  SyncState,
  syncEventsOf,
  unknownIncidents,
} from '../../core/sync';
import { FileIncidentStore, MAX_EVENTS_FILE_BYTES, readRegularFile, realFolder, StoreFileError, writeError } from '../store/fileStore';
import { eventBody, EventServer, FETCH_PAGE, OutgoingEvent } from './eventServer';
import { count } from '../../core/text/count';

export const SYNC_DIR = '.sync';
/** Incidents read per slice of a full push: the server inserts one slice while the next is read. */
export const PUSH_SLICE = 64;

export interface PullResult {
  /** Events appended to the local log, by incident. */
  readonly received: ReadonlyMap<string, number>;
  readonly problems: readonly RowProblem[];
  /**
   * Incidents the local store would not write (a linked folder, a file in its place, a folder or
   * file this user may not write, as one made by `sudo warroom ...` is): kept in the state's
   * `refused`, for `retryRefused` to fetch again once the cause may be fixed.
   */
  readonly refused: readonly RefusedIncident[];
}

export interface RefusedIncident {
  readonly incidentId: string;
  /** The folder or file at fault. */
  readonly file: string;
  readonly reason: string;
  /** Events from the server not written here. */
  readonly events: number;
}

/** What a refused incident means for the user: which one, where, why, and that nothing is lost. */
export function describeRefused(mirror: SyncMirror, incident: RefusedIncident): string {
  return `${count(incident.events, 'event')} of ${incident.incidentId} from the server not written here: ${mirror.shown(incident.file)}: ${incident.reason}; they stay on the server and come on a later poll or Sync Now once that is fixed`;
}

/** A local event too large for the server: kept in its file, never sent. */
export interface WithheldEvent {
  readonly incidentId: string;
  readonly eventId: string;
  readonly bytes: number;
  /** Says where the event is (the file and line) and that it stays there unshared. */
  readonly message: string;
}

export class SyncMirror {
  state: SyncState = EMPTY_SYNC_STATE;
  readonly stateFile: string;
  /**
   * Local events over MAX_EVENT_BYTES, by id: the server's CHECK would refuse each, and with it the
   * whole batch, on every cycle. Weighed once per mirror, left out of every outbox after that.
   */
  readonly withheld = new Map<string, WithheldEvent>();
  private unreported: WithheldEvent[] = [];

  constructor(
    readonly store: FileIncidentStore,
    serverId: string,
  ) {
    // The id comes from the server: hashed, it can only ever name a file in .sync.
    const name = createHash('sha256').update(serverId).digest('hex').slice(0, 32);
    this.stateFile = path.join(store.dataDir, SYNC_DIR, `${name}.json`);
  }

  /** A file of the store as a message names it: from the folder holding the data dir (".warroom/INC-…/events.jsonl"). */
  shown(file: string): string {
    return path.relative(path.dirname(this.store.dataDir), file);
  }

  async loadState(): Promise<void> {
    const dir = path.dirname(this.stateFile);
    const text = (await realFolder(dir, 'the team sync folder')) ? await readRegularFile(this.stateFile, MAX_EVENTS_FILE_BYTES) : undefined;
    this.state = text === undefined ? EMPTY_SYNC_STATE : parseSyncState(text);
  }

  /** Written beside and renamed over, so a crash leaves the old state or the new one, never half. */
  async saveState(): Promise<void> {
    const dir = path.dirname(this.stateFile);
    if (!(await realFolder(dir, 'the team sync folder'))) {
      await fsp.mkdir(dir, { recursive: true }).catch((error: unknown) => {
        throw writeError(dir, error);
      });
      // Per machine, like .git/FETCH_HEAD: never committed with the incidents.
      await fsp.writeFile(path.join(dir, '.gitignore'), '*\n', { flag: 'wx' }).catch(() => undefined);
    }
    // A name of this save's own: a process that died mid-save may have left one with this pid, and
    // two saves of one mirror can be under way at once.
    const temp = `${this.stateFile}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
    await fsp.writeFile(temp, serializeSyncState(this.state), { flag: 'wx' }).catch((error: unknown) => {
      throw writeError(temp, error);
    });
    await fsp.rename(temp, this.stateFile).catch(async (error: unknown) => {
      await fsp.rm(temp, { force: true });
      throw writeError(this.stateFile, error);
    });
  }

  /** The local events of the given incidents (all of them when omitted). */
  async localEvents(incidentIds?: readonly string[]): Promise<SyncEvent[]> {
    const loaded = incidentIds
      ? (await Promise.all(incidentIds.map((id) => this.store.load(id).catch(() => undefined)))).flatMap((l) => (l ? [l] : []))
      : (await this.store.loadAll()).incidents;
    return syncEventsOf(loaded.map((l) => l.incident));
  }

  /**
   * What the server lacks among the given incidents' events (all incidents when omitted) and can
   * take: an event too large for it is withheld (see `takeWithheld`). Each carries the body it was
   * weighed by, which is what `push` sends.
   */
  async outbox(incidentIds?: readonly string[]): Promise<OutgoingEvent[]> {
    const sendable: OutgoingEvent[] = [];
    for (const event of outbox(this.state, await this.localEvents(incidentIds))) {
      if (this.withheld.has(event.event.id)) continue;
      const body = eventBody(event.event);
      // A UTF-16 unit is at most 3 bytes of UTF-8: only a long body needs counting.
      const bytes = body.length * 3 > MAX_EVENT_BYTES ? Buffer.byteLength(body) : 0;
      if (bytes <= MAX_EVENT_BYTES) {
        sendable.push({ ...event, body });
        continue;
      }
      const withheld = await this.withhold(event, bytes);
      this.withheld.set(withheld.eventId, withheld);
      this.unreported.push(withheld);
    }
    return sendable;
  }

  /** Events withheld from the server since the last call: each reported once per mirror. */
  takeWithheld(): WithheldEvent[] {
    return this.unreported.splice(0);
  }

  private async withhold(event: SyncEvent, bytes: number): Promise<WithheldEvent> {
    const file = this.store.eventsFile(event.incidentId);
    // Read again for the line number (rare: an event this large); the file is only read.
    const text = await readRegularFile(file, MAX_EVENTS_FILE_BYTES).catch(() => undefined);
    const line = text === undefined ? undefined : lineOfEvent(text, event.event.id);
    // Where its line cannot be found again (the file changed since it was read), `file: event <id>`,
    // as a location without a line reads everywhere else (`file: message`).
    const where = line === undefined ? `${this.shown(file)}: event ${event.event.id}` : `${this.shown(file)}:${line}`;
    const kb = (n: number) => Math.ceil(n / 1024);
    return {
      incidentId: event.incidentId,
      eventId: event.event.id,
      bytes,
      message: `${where}: too large to share (${kb(bytes)} KB; team sync carries events up to ${kb(MAX_EVENT_BYTES)} KB), kept in the file`,
    };
  }

  /** Sends `events` (the outbox, with the bodies it weighed); returns how many were new to the server. */
  async push(server: EventServer, events: readonly OutgoingEvent[]): Promise<number> {
    const inserted = await server.insert(events);
    this.state = confirmPushed(
      this.state,
      events.map((e) => e.event.id),
    );
    return inserted;
  }

  /**
   * Sends what the server lacks of every incident, a slice at a time: reading and folding the logs
   * is this process's work and inserting is the server's, so overlapping them makes a backfill cost
   * about the longer of the two rather than their sum. One insert in flight bounds the memory.
   */
  async pushAll(server: EventServer): Promise<{ sent: number; inserted: number }> {
    const ids = await this.store.listIds();
    let sent = 0;
    let inserted = 0;
    let sending: Promise<void> = Promise.resolve();
    for (let i = 0; i < ids.length; i += PUSH_SLICE) {
      const events = await this.outbox(ids.slice(i, i + PUSH_SLICE));
      await sending;
      sent += events.length;
      sending = this.push(server, events).then((n) => {
        inserted += n;
      });
      // Awaited on the next turn; until then a failure must not count as unhandled.
      sending.catch(() => undefined);
    }
    await sending;
    return { sent, inserted };
  }

  /** Fetches everything after the last sequence seen and appends what this log lacks. */
  async pull(server: EventServer): Promise<PullResult> {
    const received = new Map<string, number>();
    const problems: RowProblem[] = [];
    const refused = new Map<string, RefusedIncident>();
    for (;;) {
      const rows = await server.fetchSince(this.state.lastSeq);
      if (rows.length === 0) break;
      const localIds = new Map<string, Set<string>>();
      for (const incidentId of unknownIncidents(this.state, rows)) {
        const loaded = await this.store.load(incidentId).catch(() => undefined);
        localIds.set(incidentId, new Set(loaded?.incident.events.map((e) => e.id)));
      }
      const result = receive(this.state, rows, (id) => localIds.get(id) ?? new Set());
      let state = result.state;
      for (const [incidentId, events] of result.toAppend) {
        try {
          await this.store.appendStamped(incidentId, events as IncidentEvent[]);
        } catch (error) {
          // One incident the store will not write (a linked folder a clone brought, a folder root
          // owns) must not hold back every other: it is reported, the pull moves past its rows,
          // and the incident is remembered for `retryRefused`, which fetches its rows again once
          // the folder may be fixed. A refused data dir (a link, or not writable: the store names
          // the data dir then), or a failing disk, concerns every incident: that fails the pull,
          // to be tried again.
          if (!(error instanceof StoreFileError) || error.file === this.store.dataDir) throw error;
          const seen = refused.get(incidentId);
          refused.set(incidentId, { incidentId, file: error.file, reason: error.reason, events: (seen?.events ?? 0) + events.length });
          state = markRefused(state, incidentId, events.length);
          continue;
        }
        received.set(incidentId, (received.get(incidentId) ?? 0) + events.length);
      }
      problems.push(...result.problems);
      this.state = state;
      if (rows.length < FETCH_PAGE) break;
    }
    return { received, problems, refused: [...refused.values()] };
  }

  /**
   * Fetches again the rows, up to the last sequence seen, of the incidents the store refused, and
   * writes what their logs lack: after the folder was fixed they arrive without a full resync. An
   * incident the store still will not read costs no query; one it still will not write stays
   * refused for the next retry (the caller says when: not on every cycle).
   */
  async retryRefused(server: EventServer): Promise<PullResult> {
    const received = new Map<string, number>();
    const refused: RefusedIncident[] = [];
    for (const [incidentId, notWritten] of this.state.refused ?? []) {
      const stillRefused = (error: unknown, events: number) => {
        if (!(error instanceof StoreFileError) || error.file === this.store.dataDir) throw error;
        refused.push({ incidentId, file: error.file, reason: error.reason, events });
      };
      let ids: Set<string>;
      try {
        ids = new Set((await this.store.load(incidentId))?.incident.events.map((e) => e.id));
      } catch (error) {
        stillRefused(error, notWritten);
        continue;
      }
      const missing: IncidentEvent[] = [];
      let after = 0;
      let rows: ServerRow[];
      do {
        rows = await server.fetchIncident(incidentId, after, this.state.lastSeq);
        // Rows that are not events were reported when first pulled: only events are looked at.
        for (const event of receive(EMPTY_SYNC_STATE, rows, () => ids).toAppend.get(incidentId) ?? []) {
          ids.add(event.id);
          missing.push(event);
        }
        after = rows.at(-1)?.seq ?? after;
      } while (rows.length === FETCH_PAGE);
      try {
        await this.store.appendStamped(incidentId, missing);
      } catch (error) {
        stillRefused(error, missing.length);
        continue;
      }
      this.state = clearRefused(this.state, incidentId);
      if (missing.length > 0) received.set(incidentId, missing.length);
    }
    return { received, problems: [], refused };
  }
}
