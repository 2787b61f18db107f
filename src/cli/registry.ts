// Every `warroom` subcommand, in the order `warroom help` lists them. Add a new one here.
import { actionsCommand } from './actionsCommand';
import { alertsCommand } from './alertsCommand';
import { CliCommand } from './command';
import { correlateCommand } from './correlateCommand';
import { deployCommand } from './deployCommand';
import { drillCommand } from './drillCommand';
import { incidentCommands } from './incidentCommands';
import { learningCommands } from './learningCommands';
import { lifecycleCommands } from './lifecycleCommands';
import { markCommand } from './markCommand';
import { metricsCommand } from './metricsCommand';
import { oncallCommand } from './oncallCommand';
import { postmortemCommand } from './postmortemCommand';
import { runbooksCommand } from './runbooksCommand';
import { syncCommand } from './syncCommand';

export const COMMANDS: readonly CliCommand[] = [
  ...incidentCommands,
  ...lifecycleCommands,
  correlateCommand,
  deployCommand,
  markCommand,
  runbooksCommand,
  syncCommand,
  ...learningCommands,
  actionsCommand,
  postmortemCommand,
  metricsCommand,
  alertsCommand,
  oncallCommand,
  drillCommand,
];
