// Every `warroom` subcommand, in the order `warroom help` lists them. Add a new one here.
import { CliCommand } from './command';
import { correlateCommand } from './correlateCommand';
import { incidentCommands } from './incidentCommands';
import { runbooksCommand } from './runbooksCommand';
import { actionsCommand } from './actionsCommand';
import { postmortemCommand } from './postmortemCommand';

export const COMMANDS: readonly CliCommand[] = [...incidentCommands, correlateCommand, runbooksCommand, actionsCommand, postmortemCommand];
