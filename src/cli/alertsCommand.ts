// `warroom alerts [--source S] [--json]`: what the configured sources report now; `warroom alerts
// parse <payload.json> --source S [--json]`: a captured payload read into the Incoming view's alert
// shape, with every field that could not be read; `warroom alerts ack|resolve <id> --source S
// [--incident ID]`: the page acknowledged or resolved at PagerDuty or Opsgenie, recorded on the
// incident as the editor records it. Keys come from the environment, never argv (argv is visible to
// every user of the machine in `ps`).

import { readRegularFile } from '../adapters/insideFolder';
import * as path from 'node:path';
import { fetchAlerts, OpsgenieApi, PagerDutyApi, SourceConfig, DEFAULT_BASE_URLS, serviceName } from '../adapters/alerts/sources';
import { AlertSentEvent, planAcknowledgedMilestone, scrubSecrets, sentEventInput } from '../core/alerts/alertEvents';
import { MilestoneSetEvent } from '../core/learning/milestones';
import { agrees, ClockReading, isSkewed, skewWarning } from '../core/clock';
import { Alert, ALERT_SOURCES, AlertSource, isAlertSource, PAGE_NOUNS, pageAction, ParsedAlerts } from '../core/alerts/alert';
import { parseAlertPayload } from '../core/alerts/parse';
import { flag, ParsedArgs, stringOption, UsageError } from './args';
import { authorOf, CliCommand, CliIo } from './command';
import { findIncident } from './incidentCommands';
import { count } from '../core/text/count';

const USAGE = [
  'alerts [--source pagerduty|alertmanager|opsgenie] [--json]',
  'alerts parse <payload.json> --source pagerduty|alertmanager|opsgenie [--json]',
  'alerts ack <alert-id> --source pagerduty|opsgenie [--incident ID] [--author NAME] [--dir D]',
  'alerts resolve <alert-id> --source pagerduty|opsgenie [--incident ID] [--author NAME] [--dir D]',
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
        ? `${serviceName(only)} is not configured: set ${ENV_NAMES[only]}`
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

const ENV_NAMES: Readonly<Record<AlertSource, string>> = {
  pagerduty: 'WARROOM_PAGERDUTY_TOKEN',
  alertmanager: 'WARROOM_ALERTMANAGER_URL',
  opsgenie: 'WARROOM_OPSGENIE_KEY',
};

/**
 * Acknowledges or resolves a PagerDuty incident or an Opsgenie alert (which Opsgenie calls closing)
 * as the editor's Acknowledge / Resolve Alert do; typing the command is the confirmation. With
 * `--incident`, the outcome is recorded on its timeline and the first acknowledgement sets its
 * acknowledged milestone. Opsgenie's answer is waited for: a refusal exits 1 in its words.
 */
async function act(args: ParsedArgs, io: CliIo, status: 'acknowledged' | 'resolved'): Promise<number> {
  const alertId = args.positionals[1];
  const source = sourceOption(args);
  if (source !== 'pagerduty' && source !== 'opsgenie') {
    throw new UsageError('--source must be pagerduty or opsgenie (an Alertmanager alert is silenced, not acknowledged)');
  }
  const config = sourcesFromEnv(io.env).find((c) => c.source === source);
  if (!config) throw new Error(`${serviceName(source)} is not configured: set ${ENV_NAMES[source]}`);
  const from = io.env.WARROOM_PAGERDUTY_FROM;
  if (source === 'pagerduty' && !from) {
    throw new Error('PagerDuty needs the email of a PagerDuty user for changes: set WARROOM_PAGERDUTY_FROM');
  }
  const author = authorOf(args, io);
  const incidentId = stringOption(args, 'incident');
  const target = incidentId ? await findIncident(args, io, incidentId) : undefined;
  const { action, done: past } = pageAction(source, status);
  const as = source === 'pagerduty' ? (from as string) : author;
  const what = { channel: source, action, text: `${serviceName(source)} ${PAGE_NOUNS[source]} ${alertId}\nAs: ${as}` };
  const secrets = [config.key];
  let done: { readonly at?: string } | undefined;
  let externalId: string | undefined;
  try {
    if (source === 'pagerduty') {
      await new PagerDutyApi(config).setStatus(alertId, status, as);
      done = {};
    } else {
      const api = new OpsgenieApi(config);
      const outcome = status === 'acknowledged' ? await api.acknowledge(alertId, as) : await api.close(alertId, as);
      if (outcome.processed) done = { at: outcome.status.processedAt };
      externalId = outcome.requestId;
    }
  } catch (error) {
    const reason = scrubSecrets((error as Error).message, secrets);
    if (target)
      await target.store.append<AlertSentEvent>(target.incident.id, sentEventInput(what, { outcome: 'failed', reason }, secrets), author);
    // Not the error itself as `cause`: a library's error may quote a secret.
    // eslint-disable-next-line preserve-caught-error
    throw new Error(reason);
  }
  if (target) {
    await target.store.append<AlertSentEvent>(target.incident.id, sentEventInput(what, { outcome: 'sent', externalId }, secrets), author);
    // The incident as loaded: the record just written sets no milestone.
    const milestone =
      status === 'acknowledged' && done ? planAcknowledgedMilestone(target.incident, source, done.at, new Date()) : undefined;
    if (milestone) await target.store.append<MilestoneSetEvent>(target.incident.id, milestone, author);
  }
  const recordedOn = target ? ` (recorded on ${target.incident.id})` : '';
  if (done) io.out(`${past} in ${serviceName(source)}: ${alertId}${recordedOn}`);
  else io.err(`Opsgenie took the request to ${action} ${alertId} but had not done it after a few seconds${recordedOn}`);
  return 0;
}

export const alertsCommand: CliCommand = {
  name: 'alerts',
  usage: USAGE,
  summary: 'list what the alert sources report, read a captured payload, acknowledge or resolve a page',
  run: (args, io) => {
    switch (args.positionals[0]) {
      case 'parse':
        return parse(args, io);
      case 'ack':
        return act(args, io, 'acknowledged');
      case 'resolve':
        return act(args, io, 'resolved');
      default:
        return list(args, io);
    }
  },
};
