// Every `warroom` subcommand, in the order `warroom help` lists them. Add a new one here.
import { alertsCommand } from './alertsCommand';
import { CliCommand } from './command';
import { correlateCommand } from './correlateCommand';
import { incidentCommands } from './incidentCommands';
import { runbooksCommand } from './runbooksCommand';

export const COMMANDS: readonly CliCommand[] = [...incidentCommands, correlateCommand, runbooksCommand, alertsCommand];
