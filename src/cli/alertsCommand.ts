// `warroom alerts [--source S] [--json]`: what the configured sources report now; `warroom alerts
// parse <payload.json> --source S [--json]`: a captured payload read into the Incoming view's alert
// shape, with every field that could not be read. Keys come from the environment, never argv
// (argv is visible to every user of the machine in `ps`).

import { readRegularFile } from '../adapters/insideFolder';
import * as path from 'node:path';
import { fetchAlerts, SourceConfig, DEFAULT_BASE_URLS, serviceName } from '../adapters/alerts/sources';
import { agrees, ClockReading, isSkewed, skewWarning } from '../core/clock';
import { Alert, ALERT_SOURCES, AlertSource, isAlertSource, ParsedAlerts } from '../core/alerts/alert';
import { parseAlertPayload } from '../core/alerts/parse';
import { flag, ParsedArgs, stringOption, UsageError } from './args';
import { CliCommand, CliIo } from './command';
import { count } from '../core/text/count';

const USAGE = [
  'alerts [--source pagerduty|alertmanager|opsgenie] [--json]',
  'alerts parse <payload.json> --source pagerduty|alertmanager|opsgenie [--json]',
];

/** The payload size `parse` reads; a captured API page is far smaller. */
const MAX_PAYLOAD_BYTES = 64 * 1024 * 1024;

/** Which sources the environment configures, and with what. */
export function sourcesFromEnv(env: NodeJS.ProcessEnv): SourceConfig[] {
  const out: SourceConfig[] = [];
  if (env.WARROOM_PAGERDUTY_TOKEN) {
    out.push({ source: 'pagerduty', key: env.WARROOM_PAGERDUTY_TOKEN, baseUrl: env.WARROOM_PAGERDUTY_URL || DEFAULT_BASE_URLS.pagerduty });
  }
  if (env.WARROOM_ALERTMANAGER_URL) {
    out.push({ source: 'alertmanager', baseUrl: env.WARROOM_ALERTMANAGER_URL });
  }
  if (env.WARROOM_OPSGENIE_KEY) {
    out.push({ source: 'opsgenie', key: env.WARROOM_OPSGENIE_KEY, baseUrl: env.WARROOM_OPSGENIE_URL || DEFAULT_BASE_URLS.opsgenie });
  }
  return out;
}

function sourceOption(args: ParsedArgs): AlertSource | undefined {
  const value = stringOption(args, 'source');
  if (value === undefined) return undefined;
  if (!isAlertSource(value)) throw new UsageError(`--source must be one of ${ALERT_SOURCES.join(', ')}`);
  return value;
}

function alertLine(a: Alert): string {
  const when = a.startsAt.replace('T', ' ').replace(/\.\d{3}Z$/, 'Z');
  return `${a.state.padEnd(12)} ${(a.priority ?? a.severity ?? '').padEnd(8)} ${when}  ${a.title}${a.service ? `  [${a.service}]` : ''}  (${a.source} ${a.id})`;
}

function print(
  results: readonly ParsedAlerts[],
  args: ParsedArgs,
  io: CliIo,
  errors: readonly { source: AlertSource; error: string }[] = [],
): void {
  if (flag(args, 'json')) {
    io.out(JSON.stringify(results.length === 1 && errors.length === 0 ? results[0] : { results, errors }, null, 2));
    return;
  }
  for (const r of results) {
    io.out(`${serviceName(r.source)}: ${count(r.alerts.length, 'alert')}`);
    for (const a of r.alerts) io.out(`  ${alertLine(a)}`);
    for (const u of r.unread) io.err(`${r.source}: could not read ${u}`);
  }
  for (const e of errors) io.err(e.error);
}

async function parse(args: ParsedArgs, io: CliIo): Promise<number> {
  const file = args.positionals[1];
  // The parser has asked for --source (the usage line needs it).
  const source = sourceOption(args) as AlertSource;
  // Read as the postmortem import reads: a missing file, a folder or a FIFO is said in words (a FIFO
  // would have held the read open), and a file over the cap is not read at all.
  const read = readRegularFile(path.resolve(io.cwd, file), MAX_PAYLOAD_BYTES);
  if ('problem' in read) {
    throw new Error(`${file}: ${read.problem}`);
  }
  let payload: unknown;
  try {
    payload = JSON.parse(read.text);
  } catch (error) {
    throw new Error(`${file}: not JSON (${(error as Error).message})`, { cause: error });
  }
  const parsed = parseAlertPayload(source, payload);
  print([parsed], args, io);
  return parsed.kind === 'unknown' ? 1 : 0;
}

async function list(args: ParsedArgs, io: CliIo): Promise<number> {
  const only = sourceOption(args);
  const configs = sourcesFromEnv(io.env).filter((c) => !only || c.source === only);
  if (configs.length === 0) {
    io.err(
      only
        ? `${serviceName(only)} is not configured: set ${only === 'alertmanager' ? 'WARROOM_ALERTMANAGER_URL' : only === 'pagerduty' ? 'WARROOM_PAGERDUTY_TOKEN' : 'WARROOM_OPSGENIE_KEY'}`
        : 'No alert source configured: set WARROOM_PAGERDUTY_TOKEN, WARROOM_ALERTMANAGER_URL or WARROOM_OPSGENIE_KEY',
    );
    return 1;
  }
  // Each source's answer tells its clock: one more than a minute off is said once per source, blaming
  // this machine or that server as the others' readings tell.
  const clocks = new Map<string, ClockReading>();
  const settled = await Promise.allSettled(configs.map((c) => fetchAlerts(c, undefined, { onClock: (r) => clocks.set(r.source, r) })));
  const agreeing = [...clocks.values()].filter(agrees).map((r) => r.source);
  for (const reading of clocks.values()) if (isSkewed(reading)) io.err(`warning: ${skewWarning(reading, agreeing)}`);
  const results: ParsedAlerts[] = [];
  const errors: { source: AlertSource; error: string }[] = [];
  settled.forEach((s, i) =>
    s.status === 'fulfilled' ? results.push(s.value) : errors.push({ source: configs[i].source, error: (s.reason as Error).message }),
  );
  print(results, args, io, errors);
  return errors.length ? 1 : 0;
}

export const alertsCommand: CliCommand = {
  name: 'alerts',
  usage: USAGE,
  summary: 'list what PagerDuty, Alertmanager and Opsgenie report, or read a captured payload',
  run: (args, io) => (args.positionals[0] === 'parse' ? parse(args, io) : list(args, io)),
};
