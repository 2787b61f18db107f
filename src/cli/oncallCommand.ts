// `warroom oncall`: who is on call now or at any time, per service, from `.warroom/oncall.yaml` and,
// with `$WARROOM_PAGERDUTY_TOKEN`, PagerDuty's /oncalls for the services the file does not name;
// `warroom oncall load`: how heavy on call has been per person (drills left out).
import { readOncallFile, folderOfDataDir, LoadedOncall } from '../adapters/oncall';
import { parsePeriod } from '../core/learning/metrics';
import { oncallLoad } from '../core/oncall/load';
import { DEFAULT_PAGES_PER_WEEK_LIMIT, OnCallShift } from '../core/oncall/model';
import { OncallResolver } from '../core/oncall/resolve';
import { loadText, onCallSummary, onCallText, withPagerDuty } from '../core/oncall/summary';
import { PagerDutyApi } from '../adapters/alerts/sources';
import { sourcesFromEnv } from './alertsCommand';
import { flag, ParsedArgs, stringOption, UsageError } from './args';
import { CliCommand, CliIo, readTime } from './command';
import { dataDirFor, openStore } from './dataDir';
import { reportProblems } from './incidentCommands';

/** An ISO time with its offset may be in the future (who is on call on Saturday); other forms are parseWhen's. */
function atOption(args: ParsedArgs, io: CliIo, now: Date): Date {
  const text = stringOption(args, 'at');
  if (text === undefined) return now;
  if (/^\d{4}-\d{2}-\d{2}T.*(Z|[+-]\d{2}:?\d{2})$/i.test(text.trim()) && !Number.isNaN(Date.parse(text))) return new Date(text);
  return readTime(text, now, io, '--at');
}

function loadFile(args: ParsedArgs, io: CliIo, now: Date): LoadedOncall | undefined {
  const loaded = readOncallFile(folderOfDataDir(dataDirFor(args, io)), now);
  for (const p of loaded?.problems ?? []) {
    io.err(`${p.file}:${p.line}:${p.column}: ${p.severity}: ${p.message}`);
  }
  return loaded;
}

/**
 * PagerDuty's on-calls at `at` when `$WARROOM_PAGERDUTY_TOKEN` is set (API root `$WARROOM_PAGERDUTY_URL`);
 * a failure is said on stderr and the rotation file still answers.
 */
async function pagerDutyShifts(io: CliIo, at: Date): Promise<{ shifts: readonly OnCallShift[]; failed: boolean } | undefined> {
  const config = sourcesFromEnv(io.env).find((c) => c.source === 'pagerduty');
  if (!config) return undefined;
  try {
    const { shifts, unread } = await new PagerDutyApi(config).oncalls(at);
    for (const field of unread) io.err(`PagerDuty /oncalls: could not read ${field}`);
    return { shifts, failed: false };
  } catch (error) {
    io.err(`warroom oncall: ${(error as Error).message}`);
    return { shifts: [], failed: true };
  }
}

async function runLoad(args: ParsedArgs, io: CliIo, now: Date): Promise<number> {
  const sinceText = stringOption(args, 'since') ?? '90d';
  const days = parsePeriod(sinceText);
  if (days === undefined) throw new UsageError(`--since "${sinceText}" is not a period (90d, 12w, 6m, 1y)`);
  const limitText = stringOption(args, 'limit');
  const limit = limitText === undefined ? DEFAULT_PAGES_PER_WEEK_LIMIT : Number(limitText);
  if (!Number.isFinite(limit) || limit < 0) throw new UsageError(`--limit "${limitText}" is not a number of pages a week`);
  const oncall = loadFile(args, io, now);
  const { incidents, unreadable } = await openStore(args, io).loadAll();
  reportProblems(incidents, io, unreadable);
  const load = oncallLoad(
    incidents.map((l) => l.incident),
    { now, days, pagesPerWeekLimit: limit, ...(oncall ? { resolver: new OncallResolver(oncall.config) } : {}) },
  );
  io.out(flag(args, 'json') ? JSON.stringify(load, null, 2) : loadText(load));
  return 0;
}

export const oncallCommand: CliCommand = {
  name: 'oncall',
  usage: ['oncall [--at TIME] [--service S] [--json] [--dir D]', 'oncall load [--since 90d] [--limit 5] [--json] [--dir D]'],
  summary: 'who is on call (.warroom/oncall.yaml or PagerDuty), or on-call load per person',
  async run(args, io) {
    const now = new Date();
    if (args.positionals[0] === 'load') return runLoad(args, io, now);
    const at = atOption(args, io, now);
    const oncall = loadFile(args, io, now);
    const pagerduty = await pagerDutyShifts(io, at);
    if (!oncall && !pagerduty) {
      io.err(
        'warroom oncall: no .warroom/oncall.yaml here (rotations; see schemas/oncall.schema.json) and no PagerDuty (set WARROOM_PAGERDUTY_TOKEN)',
      );
      return 1;
    }
    const resolver = new OncallResolver(oncall?.config ?? { rotations: [], overrides: [], escalation: [] });
    const service = stringOption(args, 'service');
    const known = [...new Set([...resolver.services(), ...(pagerduty?.shifts ?? []).map((s) => s.service)])].sort();
    if (service !== undefined && !known.includes(service)) {
      const where = pagerduty ? 'no rotation, escalation path or PagerDuty service' : 'no rotation or escalation path';
      io.err(`warroom oncall: ${where} names "${service}" (known: ${known.join(', ') || 'none'})`);
      return 1;
    }
    const fromFile = oncall ? onCallSummary(resolver, at, service) : [];
    const { summary, notes } = withPagerDuty(fromFile, pagerduty?.shifts ?? [], at, service);
    for (const note of notes) io.err(`note: ${note}`);
    io.out(flag(args, 'json') ? JSON.stringify({ at: at.toISOString(), services: summary, notes }, null, 2) : onCallText(summary, at));
    return oncall?.problems.some((p) => p.severity === 'error') || pagerduty?.failed ? 1 : 0;
  },
};
