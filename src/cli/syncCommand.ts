// `warroom sync status|push|pull`: backfills a team's PostgreSQL server from the incidents in the
// workspace and back, idempotently (events are keyed by id on both sides).
import { stringOption, flag, ParsedArgs, UsageError } from './args';
import { CliCommand, CliIo } from './command';
import { openStore } from './dataDir';
import { count } from '../core/text/count';
import { isPostgresUrl } from '../core/sync/status';
import { isSkewed, skewWarning } from '../core/clock';

function serverUrl(args: ParsedArgs, io: CliIo): string {
  const url = stringOption(args, 'url') ?? io.env.WARROOM_PG_URL;
  if (!url) {
    throw new UsageError('a server is required: --url postgres://... or $WARROOM_PG_URL');
  }
  if (!isPostgresUrl(url)) {
    // Named by where it came from, not shown: a connection string may hold a password.
    throw new UsageError(
      `${stringOption(args, 'url') ? '--url' : '$WARROOM_PG_URL'} is not a postgres:// or postgresql:// URL (postgres://user@host:5432/warroom)`,
    );
  }
  return url;
}

export const syncCommand: CliCommand = {
  name: 'sync',
  usage: ['sync status [--url U] [--json] [--dir D]', 'sync push [--url U] [--dir D]', 'sync pull [--url U] [--dir D]'],
  summary: 'share incidents through a PostgreSQL server ($WARROOM_PG_URL)',
  async run(args, io) {
    // The parser has refused any other word (usage lines).
    const action = args.positionals[0] as 'status' | 'push' | 'pull';
    const url = serverUrl(args, io);
    const store = openStore(args, io, action === 'pull' ? 'create' : 'read');
    // pg loads only for this command.
    const sync = await import('../adapters/sync');
    const where = sync.describeUrl(url);
    return sync.withConnection(url, async (client) => {
      const server = new sync.EventServer(client);
      if (action === 'status') {
        const schema = await sync.readSchema(client);
        const local = (await store.loadAll()).incidents;
        const localEvents = local.reduce((n, l) => n + l.incident.events.length, 0);
        const mirror = schema && new sync.SyncMirror(store, schema.serverId);
        await mirror?.loadState();
        // Teammates' entries are stamped by their clocks and ours by this one: say when it is off.
        const clock = await server.ping();
        if (clock && isSkewed(clock)) io.err(`warning: ${skewWarning(clock)}`);
        const status = {
          server: where,
          ...(clock ? { clockOffsetMs: clock.offsetMs } : {}),
          schemaVersion: schema?.version ?? null,
          ...(schema ? await server.stats() : { events: 0, incidents: 0, maxSeq: 0 }),
          local: {
            incidents: local.length,
            events: localEvents,
            queued: mirror ? (await mirror.outbox()).length : localEvents,
            tooLarge: mirror ? mirror.withheld.size : 0,
            lastSeq: mirror?.state.lastSeq ?? 0,
          },
        };
        if (flag(args, 'json')) {
          io.out(JSON.stringify(status, null, 2));
        } else {
          io.out(
            schema
              ? `${where}: schema v${schema.version}, ${count(status.events, 'event')} in ${count(status.incidents, 'incident')} (last seq ${status.maxSeq})`
              : `${where}: no War Room tables yet (warroom sync push creates them)`,
          );
          io.out(
            `${store.dataDir}: ${count(local.length, 'incident')}, ${count(localEvents, 'event')}; ${status.local.queued} not on the server${status.local.tooLarge ? ` (and ${status.local.tooLarge} too large to share)` : ''}; caught up to seq ${status.local.lastSeq}`,
          );
        }
        return 0;
      }
      const schema = await sync.migrate(client);
      const mirror = new sync.SyncMirror(store, schema.serverId);
      await mirror.loadState();
      if (action === 'push') {
        const { sent, inserted } = await mirror.pushAll(server);
        await mirror.saveState();
        const withheld = mirror.takeWithheld();
        for (const event of withheld) {
          io.err(event.message);
        }
        io.out(`pushed ${count(sent, 'event')} to ${where}: ${inserted} new there, ${sent - inserted} already there`);
        return withheld.length ? 1 : 0;
      }
      const { received, problems, refused } = await mirror.pull(server);
      await mirror.saveState();
      for (const problem of problems) {
        io.err(`${where}: row ${problem.seq}: ${problem.message}; it is skipped`);
      }
      for (const incident of refused) {
        io.err(sync.describeRefused(mirror, incident));
      }
      const pulled = [...received.values()].reduce((a, b) => a + b, 0);
      io.out(`pulled ${count(pulled, 'event')} into ${count(received.size, 'incident')} from ${where}`);
      return problems.length || refused.length ? 1 : 0;
    });
  },
};
