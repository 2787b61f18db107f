// Team sync over PostgreSQL (node-postgres): loaded only when sync is configured.
export { describeUrl, eventBody, EventServer, OutgoingEvent } from './eventServer';
export { describeRefused, PUSH_SLICE, SyncMirror } from './mirror';
export { MIGRATIONS, migrate, readSchema, SCHEMA_VERSION } from './schema';
export { SyncClient, SyncClientOptions, testConnection, withConnection } from './syncClient';
