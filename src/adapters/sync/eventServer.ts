// The server side of team sync: parameterised SQL over one connection. Rows leave as the events'
// JSON text and come back as ServerRow, which the core checks like lines of events.jsonl.
import type { ClientBase } from 'pg';
import { ServerRow, SyncEvent } from '../../core/sync';
import { serializeEvent } from '../../core/eventLog';
import { PRESENCE_CHANNEL } from './schema';
import { clockReading, ClockReading } from '../../core/clock';

/** Whose clock a heartbeat reads, as a warning names it. */
export const SYNC_SERVER_CLOCK = 'the team sync server';

/** Rows per INSERT and per catch-up page: large enough for throughput, small enough for memory. */
export const INSERT_BATCH = 5000;
export const FETCH_PAGE = 5000;

/** An event as a row's body: its line of events.jsonl without the newline. */
export function eventBody(event: SyncEvent['event']): string {
  return serializeEvent(event).trimEnd();
}

/**
 * An event on its way to the server with its body as the outbox weighed it: serialised once per
 * cycle, and the bytes inserted are the bytes checked against the size limit.
 */
export interface OutgoingEvent extends SyncEvent {
  readonly body: string;
}

export class EventServer {
  private tail: Promise<unknown> = Promise.resolve();
  /** When the query now on the wire was sent (epoch ms); undefined when none is. */
  private sentAt: number | undefined;

  constructor(readonly client: ClientBase) {}

  /**
   * One query at a time on the connection: a beat or heartbeat can come while a sync runs, and pg 8
   * only queues such a query with a deprecation warning (pg 9 will refuse it).
   */
  private serial<T>(run: () => Promise<T>): Promise<T> {
    const timed = async () => {
      this.sentAt = Date.now();
      try {
        return await run();
      } finally {
        this.sentAt = undefined;
      }
    };
    const next = this.tail.then(timed, timed);
    this.tail = next.catch(() => undefined);
    return next;
  }

  /** How long the query on the wire has waited for its answer, in ms; undefined when none is out. */
  waitingMs(now = Date.now()): number | undefined {
    return this.sentAt === undefined ? undefined : now - this.sentAt;
  }

  /**
   * A round trip: the heartbeat that tells a live connection from a dead one. It asks the server's
   * clock, so each beat is also a reading of how far this machine's is off (teammates' entries are
   * stamped by their clocks, ours by this one).
   */
  async ping(): Promise<ClockReading | undefined> {
    return this.serial(async () => {
      const sentAt = Date.now();
      const result = await this.client.query<{ now: unknown }>('SELECT clock_timestamp() AS now');
      const now = result.rows[0]?.now;
      return now instanceof Date ? clockReading(SYNC_SERVER_CLOCK, now.getTime(), sentAt, Date.now(), 1) : undefined;
    });
  }

  /** Inserts events the server may already hold (ON CONFLICT DO NOTHING); returns how many were new. */
  async insert(events: readonly OutgoingEvent[]): Promise<number> {
    let inserted = 0;
    for (let i = 0; i < events.length; i += INSERT_BATCH) {
      const batch = events.slice(i, i + INSERT_BATCH);
      const result = await this.serial(() =>
        this.client.query(
          `INSERT INTO warroom_events (event_id, incident_id, ts, author, type, body)
         SELECT * FROM unnest($1::text[], $2::text[], $3::timestamptz[], $4::text[], $5::text[], $6::json[])
         ON CONFLICT (event_id) DO NOTHING`,
          [
            batch.map((e) => e.event.id),
            batch.map((e) => e.incidentId),
            batch.map((e) => new Date(e.event.ts).toISOString()),
            batch.map((e) => e.event.author),
            batch.map((e) => e.event.type),
            batch.map((e) => e.body),
          ],
        ),
      );
      inserted += result.rowCount ?? 0;
    }
    return inserted;
  }

  /** Up to `limit` rows after `seq`, in server order. */
  async fetchSince(seq: number, limit = FETCH_PAGE): Promise<ServerRow[]> {
    const result = await this.serial(() =>
      this.client.query<{ seq: string; incident_id: string; body: string }>(
        'SELECT seq, incident_id, body::text AS body FROM warroom_events WHERE seq > $1 ORDER BY seq LIMIT $2',
        [seq, limit],
      ),
    );
    return result.rows.map((r) => ({ seq: Number(r.seq), incidentId: r.incident_id, body: r.body }));
  }

  /** Up to `limit` rows of one incident with `after < seq <= upTo`, in server order. */
  async fetchIncident(incidentId: string, after: number, upTo: number, limit = FETCH_PAGE): Promise<ServerRow[]> {
    const result = await this.serial(() =>
      this.client.query<{ seq: string; incident_id: string; body: string }>(
        'SELECT seq, incident_id, body::text AS body FROM warroom_events WHERE incident_id = $1 AND seq > $2 AND seq <= $3 ORDER BY seq LIMIT $4',
        [incidentId, after, upTo, limit],
      ),
    );
    return result.rows.map((r) => ({ seq: Number(r.seq), incidentId: r.incident_id, body: r.body }));
  }

  async stats(): Promise<{ events: number; incidents: number; maxSeq: number }> {
    const result = await this.serial(() =>
      this.client.query<{ events: string; incidents: string; max_seq: string | null }>(
        'SELECT count(*) AS events, count(DISTINCT incident_id) AS incidents, max(seq) AS max_seq FROM warroom_events',
      ),
    );
    const row = result.rows[0];
    return { events: Number(row.events), incidents: Number(row.incidents), maxSeq: Number(row.max_seq ?? 0) };
  }

  /** A presence beat: a notification only, nothing is stored. */
  async beat(payload: string): Promise<void> {
    await this.serial(() => this.client.query('SELECT pg_notify($1, $2)', [PRESENCE_CHANNEL, payload]));
  }
}

/** The connection string without its password, for messages and the status bar. */
export function describeUrl(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.password = '';
    return `${parsed.hostname}${parsed.port ? `:${parsed.port}` : ''}${parsed.pathname}`;
  } catch {
    return 'the configured server';
  }
}
