// `warroom oncall`: who is on call now or at any time, per service, from `.warroom/oncall.yaml`;
// `warroom oncall load`: how heavy on call has been per person (drills left out).
import { readOncallFile, folderOfDataDir, LoadedOncall } from '../adapters/oncall';
import { parsePeriod } from '../core/learning/metrics';
import { DEFAULT_PAGES_PER_WEEK_LIMIT, oncallLoad } from '../core/oncall/load';
import { OncallResolver } from '../core/oncall/resolve';
import { loadText, onCallSummary, onCallText } from '../core/oncall/summary';
import { parseWhen, TIME_INPUT_HELP } from '../core/time';
import { flag, ParsedArgs, stringOption, UsageError } from './args';
import { CliCommand, CliIo } from './command';
import { openStore, resolveDataDir } from './dataDir';
import { reportProblems } from './incidentCommands';

/** An ISO time with its offset may be in the future (who is on call on Saturday); other forms are parseWhen's. */
function atOption(args: ParsedArgs, now: Date): Date {
  const text = stringOption(args, 'at');
  if (text === undefined) {
    if (args.options.has('at')) throw new UsageError(`--at needs a time (${TIME_INPUT_HELP})`);
    return now;
  }
  if (/^\d{4}-\d{2}-\d{2}T.*(Z|[+-]\d{2}:?\d{2})$/i.test(text.trim()) && !Number.isNaN(Date.parse(text))) return new Date(text);
  const parsed = parseWhen(text, now);
  if ('error' in parsed) throw new UsageError(`--at: ${parsed.error} (${TIME_INPUT_HELP})`);
  return parsed.time;
}

function loadFile(args: ParsedArgs, io: CliIo, now: Date): LoadedOncall | undefined {
  const loaded = readOncallFile(folderOfDataDir(resolveDataDir(args, io)), now);
  for (const p of loaded?.problems ?? []) {
    io.err(`${p.file}:${p.line}:${p.column}: ${p.severity}: ${p.message}`);
  }
  return loaded;
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
  usage: 'oncall [load] [--at TIME] [--service S] [--since 90d] [--limit 5] [--json] [--dir D]',
  summary: 'who is on call (.warroom/oncall.yaml), or on-call load per person',
  async run(args, io) {
    const now = new Date();
    const [sub, ...extra] = args.positionals;
    if (extra.length || (sub !== undefined && sub !== 'load')) throw new UsageError(`unknown argument "${[sub, ...extra].join(' ')}"`);
    if (sub === 'load') return runLoad(args, io, now);
    const at = atOption(args, now);
    const oncall = loadFile(args, io, now);
    if (!oncall) {
      io.err('warroom oncall: no .warroom/oncall.yaml here (rotations; see schemas/oncall.schema.json)');
      return 1;
    }
    const resolver = new OncallResolver(oncall.config);
    const service = stringOption(args, 'service');
    if (service !== undefined && !resolver.services().includes(service)) {
      io.err(`warroom oncall: no rotation or escalation path names "${service}" (known: ${resolver.services().join(', ') || 'none'})`);
      return 1;
    }
    const summary = onCallSummary(resolver, at, service);
    io.out(flag(args, 'json') ? JSON.stringify({ at: at.toISOString(), services: summary }, null, 2) : onCallText(summary, at));
    return oncall.problems.some((p) => p.severity === 'error') ? 1 : 0;
  },
};
