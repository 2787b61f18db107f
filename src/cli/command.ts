import * as os from 'node:os';
import * as path from 'node:path';
import { parseWhen, TIME_INPUT_HELP } from '../core/time';
import { ParsedArgs, stringOption, UsageError } from './args';

export interface CliIo {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
}

export interface CliCommand {
  /** The first word: `list`, `show`, `correlate`, `runbooks` ... */
  readonly name: string;
  /**
   * Its line in `warroom help`, and the one list of its options: argv may hold only the options shown here,
   * `--repo <dir>` or `[--since 90d]` with a value, `[--json]` or `[--json|--csv]` without (`usageOptions`).
   * A command with sub-commands has a line for each, its second word the sub-command's (`sync push [--url U]`;
   * at most one line without, for the command alone: `oncall [--at TIME]`), and each takes only its own options.
   */
  readonly usage: string | readonly string[];
  readonly summary: string;
  /** Resolves to the process exit code. Throw UsageError for bad arguments. */
  run(args: ParsedArgs, io: CliIo): Promise<number>;
}

/** Who an event is written by: `--author`, else $WARROOM_AUTHOR, else the login name. */
export function authorOf(args: ParsedArgs, io: CliIo): string {
  return stringOption(args, 'author') ?? io.env.WARROOM_AUTHOR ?? os.userInfo().username;
}

/** The repository `--repo` names (relative to where the command runs), else where it runs. */
export function repoOf(args: ParsedArgs, io: CliIo): string {
  return path.resolve(io.cwd, stringOption(args, 'repo') ?? '.');
}

/**
 * A typed time (`--began 20m ago`, `--at 02:20`), read as the editor reads it; a usage error naming
 * what it was for when it cannot be read, and a warning when the reading took a choice (a clock time
 * the clocks went back over happened twice).
 */
export function readTime(text: string, now: Date, io: CliIo, what: string): Date {
  const parsed = parseWhen(text, now);
  if ('error' in parsed) {
    throw new UsageError(`${what}: ${parsed.error} (${TIME_INPUT_HELP})`);
  }
  if (parsed.note) io.err(`warning: ${parsed.note}`);
  return parsed.time;
}
