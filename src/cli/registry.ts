// Every `warroom` subcommand, in the order `warroom help` lists them. Add a new one here.
import { CliCommand } from './command';
import { correlateCommand } from './correlateCommand';
import { incidentCommands } from './incidentCommands';
import { metricsCommand } from './metricsCommand';
import { runbooksCommand } from './runbooksCommand';

export const COMMANDS: readonly CliCommand[] = [...incidentCommands, correlateCommand, runbooksCommand, metricsCommand];
