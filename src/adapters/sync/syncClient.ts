// A live team sync connection: one dedicated pg connection (not a pool, which drops idle
// listeners) that LISTENs, with TCP keepalive and a heartbeat. On every (re)connect it LISTENs
// first, then pushes the outbox and catches up with `seq > last seen`; a safety poll repeats that,
// so a lost notification costs seconds, never events. Writes go to events.jsonl first (the
// caller's append), so being offline only grows the outbox.
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { PresenceBeat, parsePresenceBeat, reconnectDelayMs, SyncStatus } from '../../core/sync';
import { FileIncidentStore } from '../store/fileStore';
import { describeUrl, EventServer, OutgoingEvent } from './eventServer';
import { describeRefused, SyncMirror } from './mirror';
import { EVENTS_CHANNEL, migrate, PRESENCE_CHANNEL } from './schema';
import { count } from '../../core/text/count';
import { ClockReading } from '../../core/clock';

export interface SyncClientOptions {
  /** A PostgreSQL connection string; TLS as its `sslmode` says. */
  readonly url: string;
  readonly store: FileIncidentStore;
  /** Safety poll interval; 45 s by default. */
  readonly pollMs?: number;
  /** Heartbeat interval (an unanswered one drops the connection); 15 s by default. */
  readonly heartbeatMs?: number;
  /**
   * A query unanswered this long drops the connection: no heartbeat is sent while one is out, so
   * this is what finds a connection that went silent mid-query (or while connecting: the schema
   * check and LISTEN, before any heartbeat runs). Four heartbeats by default.
   */
  readonly queryStallMs?: number;
  readonly onStatus?: (status: SyncStatus) => void;
  /** Incidents whose local log just grew with a teammate's events. */
  readonly onReceived?: (incidentIds: readonly string[]) => void;
  readonly onPresence?: (beat: PresenceBeat) => void;
  /** The server's clock against this machine's, read on connecting and by every heartbeat. */
  readonly onClock?: (reading: ClockReading) => void;
  /** Something worth a log line: a refused row, a failed cycle, a lost connection. */
  readonly onProblem?: (message: string) => void;
}

/** A healthy server answers a query, or a goodbye, well within this; stop() and a beat wait no longer. */
const GRACE_MS = 5_000;

/** True once `promise` settles, false when `ms` pass first; it runs on either way. */
function settlesWithin(promise: Promise<unknown>, ms: number): Promise<boolean> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    const settled = () => {
      clearTimeout(timer);
      resolve(true);
    };
    promise.then(settled, settled);
  });
}

/**
 * Ends a connection. The goodbye waits for the server to close its side, which one gone silent
 * never does (no FIN comes back): after a grace the socket is dropped. With a query running, pg
 * drops it at once.
 */
async function close(client: Client): Promise<void> {
  client.on('error', () => undefined);
  const ended = client.end().catch(() => undefined);
  if (!(await settlesWithin(ended, GRACE_MS))) {
    client.connection.stream.destroy();
    await ended;
  }
}

export class SyncClient {
  /** Random per client, so presence can tell two windows of one user apart. */
  readonly clientId = randomBytes(8).toString('hex');
  private client: Client | undefined;
  private server: EventServer | undefined;
  private mirror: SyncMirror | undefined;
  private serverId: string | undefined;
  private stopped = false;
  private attempt = 0;
  private reconnectTimer: NodeJS.Timeout | undefined;
  private pollTimer: NodeJS.Timeout | undefined;
  private heartbeatTimer: NodeJS.Timeout | undefined;
  /** Events known to be missing on the server, by id, with the bodies the outbox weighed. */
  private readonly pending = new Map<string, OutgoingEvent>();
  /** Incidents appended to since the last cycle; everything when `fullScan`. */
  private readonly dirty = new Set<string>();
  private fullScan = true;
  /** Local appends made before the first connection told us the server (no state file yet). */
  private unsentBeforeConnect = 0;
  /** Incidents the store refused to write, as reported: said once per reason, not on every cycle. */
  private readonly refusedReported = new Set<string>();
  /**
   * Whether the next cycle fetches refused incidents' rows again: on connecting and on each poll or
   * Sync Now, not on every teammate's event (a folder that stays refused costs a query a poll).
   */
  private retryDue = true;
  /** The server's last refusal of a push, until one goes through (reported once, shown in the status). */
  private pushProblem: string | undefined;
  private queue: Promise<void> = Promise.resolve();
  private next: Promise<void> | undefined;
  private current: SyncStatus = { kind: 'reconnecting', queued: 0, attempt: 0 };

  constructor(private readonly options: SyncClientOptions) {}

  get status(): SyncStatus {
    return this.current;
  }

  /** Connects in the background; status changes tell how it goes. */
  start(): void {
    void this.connect();
  }

  /** A local append happened (already in events.jsonl): send it. */
  localAppend(incidentId: string): void {
    this.dirty.add(incidentId);
    if (!this.mirror) this.unsentBeforeConnect++;
    void this.schedule();
  }

  /** Push everything queued and catch up now; resolves when done (or when offline, at once). */
  syncNow(): Promise<void> {
    this.fullScan = true;
    this.retryDue = true;
    return this.schedule();
  }

  /**
   * Tells teammates this window has the incident open (or no longer). Dropped when offline, and
   * not waited for past a short grace: on a connection gone silent it would wait for ever, and
   * Disconnect sends one before it stops.
   */
  async beat(incidentId: string, user: string, open: boolean): Promise<void> {
    const sent = this.server?.beat(JSON.stringify({ incidentId, user, client: this.clientId, open }));
    if (sent) await settlesWithin(sent, GRACE_MS);
  }

  /** Ends the connection and the timers; what is queued stays in events.jsonl for next time. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.reconnectTimer);
    clearInterval(this.pollTimer);
    clearInterval(this.heartbeatTimer);
    // The cycles queued finish (send what was written, save the state) while the server answers.
    // On a connection gone silent a query never returns: once one has waited longer than a healthy
    // server takes, the connection is closed under it (pg fails a running query when its client
    // ends), and what it was sending stays in events.jsonl for next time.
    const queued = this.queue;
    while (!(await settlesWithin(queued, 250))) {
      if ((this.server?.waitingMs() ?? 0) > GRACE_MS) break;
    }
    const client = this.client;
    this.client = undefined;
    this.server = undefined;
    if (client) await close(client);
    await this.queue;
    this.setStatus({ kind: 'off' });
  }

  /** The connection's backend pid (tests terminate it to play a dropped connection). */
  get backendPid(): number | undefined {
    return (this.client as unknown as { processID?: number } | undefined)?.processID;
  }

  private async connect(): Promise<void> {
    if (this.stopped) return;
    this.attempt++;
    this.setStatus({ kind: 'reconnecting', queued: this.queued(), attempt: this.attempt });
    const client = new Client({
      connectionString: this.options.url,
      keepAlive: true,
      keepAliveInitialDelayMillis: 10_000,
      connectionTimeoutMillis: 10_000,
      application_name: 'warroom',
    });
    client.on('error', (error) => this.lost(client, error.message));
    client.on('end', () => this.lost(client, 'the server closed the connection'));
    client.on('notification', (message) => {
      if (message.channel === EVENTS_CHANNEL) {
        void this.schedule();
      } else if (message.channel === PRESENCE_CHANNEL && message.payload) {
        const beat = parsePresenceBeat(message.payload, Date.now());
        if (beat) this.options.onPresence?.(beat);
      }
    });
    const setUp = async () => {
      await client.connect();
      const checked = await migrate(client);
      // LISTEN before catching up: whatever commits from here on is notified or fetched.
      await client.query(`LISTEN ${EVENTS_CHANNEL}`);
      await client.query(`LISTEN ${PRESENCE_CHANNEL}`);
      return checked;
    };
    let giveUp: NodeJS.Timeout | undefined;
    try {
      // No heartbeat runs yet: a connection gone silent here would say "reconnecting" for ever.
      const stallMs = this.options.queryStallMs ?? 4 * (this.options.heartbeatMs ?? 15_000);
      const silence = new Promise<never>((_resolve, reject) => {
        giveUp = setTimeout(() => reject(new Error(`no answer for ${Math.round(stallMs / 1000)} s while connecting`)), stallMs);
      });
      const schema = await Promise.race([setUp(), silence]);
      clearTimeout(giveUp);
      if (this.stopped) {
        await client.end();
        return;
      }
      // A different server (the database was recreated) has its own sequence and its own state.
      if (this.serverId !== schema.serverId) {
        const mirror = new SyncMirror(this.options.store, schema.serverId);
        await mirror.loadState();
        this.mirror = mirror;
        this.serverId = schema.serverId;
      }
      this.client = client;
      this.server = new EventServer(client);
      this.attempt = 0;
      this.fullScan = true;
      this.retryDue = true;
      this.startTimers(client, this.server);
      await this.schedule();
    } catch (error) {
      clearTimeout(giveUp);
      client.removeAllListeners('end');
      await close(client);
      if (this.client === client) {
        this.client = undefined;
        this.server = undefined;
      }
      this.setStatus({ kind: 'offline', queued: this.queued(), reason: `${describeUrl(this.options.url)}: ${(error as Error).message}` });
      this.retry();
    }
  }

  private startTimers(client: Client, server: EventServer): void {
    clearInterval(this.pollTimer);
    clearInterval(this.heartbeatTimer);
    this.pollTimer = setInterval(() => void this.syncNow(), this.options.pollMs ?? 45_000);
    const heartbeatMs = this.options.heartbeatMs ?? 15_000;
    const stallMs = this.options.queryStallMs ?? 4 * heartbeatMs;
    this.heartbeatTimer = setInterval(() => {
      const waiting = server.waitingMs();
      if (waiting !== undefined) {
        // A query is out: its answer will prove the connection alive, and a ping would only queue
        // behind it (a teammate holding the lock, a big catch-up). Only a much longer silence
        // means the connection is gone.
        if (waiting > stallMs) this.lost(client, `no answer to a query for ${Math.round(waiting / 1000)} s`);
        return;
      }
      // Nothing out, so the ping goes on the wire now. No answer within one interval: the
      // connection is dead even if TCP has not noticed.
      const timer = setTimeout(() => this.lost(client, 'heartbeat unanswered'), heartbeatMs);
      void this.ping(server).finally(() => clearTimeout(timer));
    }, heartbeatMs);
    // The first reading of the server's clock now, not a heartbeat from now.
    void this.ping(server);
  }

  /** A heartbeat; its answer is a reading of the clock. Never rejects (a lost connection says itself). */
  private async ping(server: EventServer): Promise<void> {
    const reading = await server.ping().catch(() => undefined);
    if (reading && !this.stopped) this.options.onClock?.(reading);
  }

  private lost(client: Client, reason: string): void {
    if (client !== this.client || this.stopped) return;
    this.client = undefined;
    this.server = undefined;
    clearInterval(this.pollTimer);
    clearInterval(this.heartbeatTimer);
    void close(client);
    this.options.onProblem?.(`team sync: connection lost (${reason}); reconnecting`);
    this.setStatus({ kind: 'reconnecting', queued: this.queued(), attempt: this.attempt + 1 });
    this.retry();
  }

  private retry(): void {
    if (this.stopped) return;
    clearTimeout(this.reconnectTimer);
    this.reconnectTimer = setTimeout(() => void this.connect(), reconnectDelayMs(Math.max(1, this.attempt)));
  }

  /** One cycle at a time; requests while one waits to start share it. */
  private schedule(): Promise<void> {
    if (this.next) return this.next;
    const run = this.queue.then(() => {
      this.next = undefined;
      return this.cycle();
    });
    this.next = run.catch((error: Error) => {
      this.fullScan = true;
      if (this.client) this.options.onProblem?.(`team sync: ${error.message}`);
    });
    this.queue = this.next;
    return this.next;
  }

  private async cycle(): Promise<void> {
    const mirror = this.mirror;
    if (!mirror) return;
    const scope = this.fullScan ? undefined : [...this.dirty];
    this.fullScan = false;
    this.dirty.clear();
    for (const event of await mirror.outbox(scope)) {
      this.pending.set(event.event.id, event);
    }
    for (const withheld of mirror.takeWithheld()) {
      this.options.onProblem?.(`team sync: ${withheld.message}`);
    }
    const server = this.server;
    if (!server) {
      if (this.current.kind === 'offline' || this.current.kind === 'reconnecting') {
        this.setStatus({ ...this.current, queued: this.queued() });
      }
      return;
    }
    // A push the server refuses (a role that may only read, a row it will not take) must not stop
    // teammates' events from arriving: the pull runs anyway, and the push's error is reported after.
    // Reported once until it changes or a push goes through: a read-only role fails every cycle.
    if (this.pending.size > 0) {
      const sending = [...this.pending.values()];
      this.setStatus({ kind: 'live', queued: sending.length, ...this.notSent() });
      try {
        await mirror.push(server, sending);
        for (const event of sending) this.pending.delete(event.event.id);
        this.unsentBeforeConnect = 0;
        this.pushProblem = undefined;
      } catch (error) {
        const problem = (error as Error).message;
        if (problem !== this.pushProblem) {
          this.options.onProblem?.(`team sync: sending ${count(sending.length, 'event')} failed: ${problem}`);
        }
        this.pushProblem = problem;
        this.fullScan = true;
      }
    }
    // Refused incidents first: their older events go in before newer rows of the same incident.
    const retrying = this.retryDue && (mirror.state.refused?.size ?? 0) > 0;
    this.retryDue = false;
    const retried = retrying ? await mirror.retryRefused(server) : undefined;
    const { received, problems, refused } = await mirror.pull(server);
    await mirror.saveState();
    for (const problem of problems) {
      this.options.onProblem?.(`team sync: server row ${problem.seq} refused: ${problem.message}`);
    }
    for (const incident of [...(retried?.refused ?? []), ...refused]) {
      const key = `${incident.incidentId}\u0000${incident.file}\u0000${incident.reason}`;
      if (this.refusedReported.has(key)) continue;
      this.refusedReported.add(key);
      this.options.onProblem?.(`team sync: ${describeRefused(mirror, incident)}`);
    }
    // An incident written at last: a later refusal of it is news again.
    for (const key of this.refusedReported) {
      if (!mirror.state.refused?.has(key.slice(0, key.indexOf('\u0000')))) this.refusedReported.delete(key);
    }
    const arrived = new Set([...(retried?.received.keys() ?? []), ...received.keys()]);
    if (arrived.size > 0) this.options.onReceived?.([...arrived]);
    if (this.server === server) this.setStatus({ kind: 'live', queued: this.pending.size, ...this.notSent() });
  }

  private notSent(): { notSent?: string } {
    return this.pushProblem !== undefined && this.pending.size > 0 ? { notSent: this.pushProblem } : {};
  }

  private queued(): number {
    return this.mirror ? this.pending.size : this.unsentBeforeConnect;
  }

  private setStatus(status: SyncStatus): void {
    const changed = JSON.stringify(status) !== JSON.stringify(this.current);
    this.current = status;
    if (changed) this.options.onStatus?.(status);
  }
}

/** One short-lived connection for `fn` (the CLI, "test connection"), closed whatever happens. */
export async function withConnection<T>(url: string, fn: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 10_000, application_name: 'warroom' });
  client.on('error', () => undefined);
  try {
    await client.connect();
    return await fn(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Connects once, migrates and closes: what "test connection" shows before a URL is saved. */
export function testConnection(url: string): Promise<string> {
  return withConnection(url, async (client) => {
    const version = await client.query<{ server_version: string }>('SHOW server_version');
    const schema = await migrate(client);
    const stats = await new EventServer(client).stats();
    return `PostgreSQL ${version.rows[0].server_version} at ${describeUrl(url)}: War Room schema v${schema.version}, ${count(stats.events, 'event')} in ${count(stats.incidents, 'incident')}`;
  });
}
