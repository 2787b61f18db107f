// War Room's tables on a team's PostgreSQL server, created and migrated by War Room itself.
// Versioned (warroom_schema.version), idempotent, and safe when two clients migrate at once: each
// migration runs under a transaction-scoped advisory lock, and a client finding the version
// current runs no DDL at all (so a least-privilege role, which cannot create anything, still works).
import type { ClientBase } from 'pg';

/** Channels the server notifies on: new events (`incident:seq`, ids only) and presence beats. */
export const EVENTS_CHANNEL = 'warroom_events';
export const PRESENCE_CHANNEL = 'warroom_presence';

// One lock id for every War Room writer and migrator: hashtext('warroom') is stable across versions.
const LOCK = "hashtext('warroom')";

/**
 * Each step takes the schema from version i to i+1. Never edit a released step: append one.
 * Sequences are drawn under an advisory lock held to commit (taken by a BEFORE STATEMENT trigger,
 * which fires before the first row's default is computed), so a row with a lower seq is never
 * committed after a higher one and "seq > last seen" misses nothing. The
 * notification carries `incident:seq` only: NOTIFY payloads are capped at 8,000 bytes.
 */
export const MIGRATIONS: readonly string[] = [
  `
  CREATE SEQUENCE warroom_events_seq;
  CREATE TABLE warroom_events (
    event_id    text PRIMARY KEY,
    incident_id text NOT NULL,
    seq         bigint NOT NULL UNIQUE DEFAULT nextval('warroom_events_seq'),
    ts          timestamptz NOT NULL,
    author      text NOT NULL,
    type        text NOT NULL,
    body        json NOT NULL CHECK (octet_length(body::text) <= 262144),
    received_at timestamptz NOT NULL DEFAULT now()
  );
  ALTER SEQUENCE warroom_events_seq OWNED BY warroom_events.seq;
  CREATE INDEX warroom_events_incident ON warroom_events (incident_id, seq);

  -- Fires before the statement produces its first row, so every default seq is drawn under the lock.
  CREATE FUNCTION warroom_events_lock() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    PERFORM pg_advisory_xact_lock(${LOCK});
    RETURN NULL;
  END $$;
  CREATE FUNCTION warroom_events_notify() RETURNS trigger LANGUAGE plpgsql AS $$
  DECLARE r record;
  BEGIN
    FOR r IN SELECT incident_id, max(seq) AS seq FROM inserted GROUP BY incident_id LOOP
      PERFORM pg_notify('${EVENTS_CHANNEL}', r.incident_id || ':' || r.seq);
    END LOOP;
    RETURN NULL;
  END $$;
  CREATE TRIGGER warroom_events_lock BEFORE INSERT ON warroom_events
    FOR EACH STATEMENT EXECUTE FUNCTION warroom_events_lock();
  CREATE TRIGGER warroom_events_notify AFTER INSERT ON warroom_events
    REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION warroom_events_notify();
  `,
];

export const SCHEMA_VERSION = MIGRATIONS.length;

export interface SchemaInfo {
  readonly version: number;
  /** Random, made once per database: names this mirror's state file for that server. */
  readonly serverId: string;
}

/** The schema's version and server id, or undefined when War Room's tables are not there. */
export async function readSchema(client: ClientBase): Promise<SchemaInfo | undefined> {
  const exists = await client.query<{ t: string | null }>(`SELECT to_regclass('warroom_schema')::text AS t`);
  if (!exists.rows[0]?.t) {
    return undefined;
  }
  const info = await client.query<{ version: number; server_id: string }>('SELECT version, server_id FROM warroom_schema');
  const row = info.rows[0];
  return row ? { version: row.version, serverId: row.server_id } : undefined;
}

/** Brings the schema to SCHEMA_VERSION; returns it. Refuses a schema newer than this War Room. */
export async function migrate(client: ClientBase): Promise<SchemaInfo> {
  const current = await readSchema(client);
  if (current && current.version === SCHEMA_VERSION) {
    return current;
  }
  if (current && current.version > SCHEMA_VERSION) {
    throw new Error(
      `the server's War Room schema is version ${current.version}, newer than this War Room's (${SCHEMA_VERSION}); update War Room`,
    );
  }
  await client.query('BEGIN');
  try {
    await client.query(`SELECT pg_advisory_xact_lock(${LOCK})`);
    await client.query('CREATE TABLE IF NOT EXISTS warroom_schema (version integer NOT NULL, server_id text NOT NULL)');
    // Read again under the lock: another client may have migrated while we waited.
    const locked = await client.query<{ version: number; server_id: string }>('SELECT version, server_id FROM warroom_schema');
    let version = locked.rows[0]?.version ?? 0;
    if (!locked.rows[0]) {
      await client.query('INSERT INTO warroom_schema (version, server_id) VALUES (0, gen_random_uuid()::text)');
    }
    for (; version < SCHEMA_VERSION; version++) {
      await client.query(MIGRATIONS[version]);
    }
    await client.query('UPDATE warroom_schema SET version = $1', [SCHEMA_VERSION]);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
  const info = await readSchema(client);
  if (!info) {
    throw new Error('the War Room schema is missing right after it was created');
  }
  return info;
}
