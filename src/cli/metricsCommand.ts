// `warroom metrics`: the reliability dashboard's figures in a terminal, as JSON or as CSV, from the
// same core as the extension. Files of the commits marked cause come from the git repository the
// command runs in (when it is one), so recurrence can name them.
import { metricsWithGit } from '../adapters/kpi';
import { parsePeriod } from '../core/learning/metrics';
import { metricsCsv, metricsMarkdown } from '../core/learning/metricsExport';
import { DEFAULT_RECURRENCE_DAYS } from '../core/learning/recurrence';
import { flag, ParsedArgs, stringOption, UsageError } from './args';
import { CliCommand } from './command';
import { openStore } from './dataDir';
import { reportProblems } from './incidentCommands';

function days(args: ParsedArgs, name: string, fallback: number): number {
  const text = stringOption(args, name);
  if (text === undefined) return fallback;
  const parsed = parsePeriod(text);
  if (parsed === undefined) {
    throw new UsageError(`--${name} "${text}" is not a period (90d, 12w, 6m, 1y)`);
  }
  return parsed;
}

export const metricsCommand: CliCommand = {
  name: 'metrics',
  usage: 'metrics [--since 90d] [--recurrence 90d] [--json|--csv] [--dir D]',
  summary: 'reliability KPIs, recurrence and patterns (drills left out)',
  async run(args, io) {
    if (flag(args, 'json') && flag(args, 'csv')) {
      throw new UsageError('choose one of --json and --csv');
    }
    const since = days(args, 'since', 90);
    const recurrenceDays = days(args, 'recurrence', DEFAULT_RECURRENCE_DAYS);
    const { incidents: loaded, unreadable } = await openStore(args, io).loadAll();
    reportProblems(loaded, io, unreadable);
    const metrics = await metricsWithGit(
      loaded.map((l) => l.incident),
      io.cwd,
      { now: new Date(), days: since, recurrenceDays },
    );
    io.out(flag(args, 'json') ? JSON.stringify(metrics, null, 2) : flag(args, 'csv') ? metricsCsv(metrics) : metricsMarkdown(metrics));
    return 0;
  },
};
