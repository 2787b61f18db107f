// A small argv reader: positionals, `--flag`, `--key value` and `--key=value`.

export interface ParsedArgs {
  readonly positionals: string[];
  readonly options: Map<string, string | true>;
}

/** Options that take no value: the word after one is the next argument, not its value. */
const FLAGS: ReadonlySet<string> = new Set(['json', 'csv', 'overdue', 'close-from-git', 'dry-run']);

/** Options that take a value (`--repo DIR` or `--repo=DIR`), across the commands. */
const VALUED: ReadonlySet<string> = new Set([
  'after',
  'alert',
  'at',
  'author',
  'branch',
  'deploy-log',
  'deploy-tags',
  'dir',
  'env',
  'evidence',
  'folder',
  'globs',
  'incident',
  'limit',
  'note',
  'out',
  'paths',
  'recurrence',
  'release-tags',
  'repo',
  'root',
  'runbook-url',
  'service',
  'since',
  'source',
  'speed',
  'text',
  'title',
  'top',
  'url',
  'window',
]);

/**
 * Reads argv. An option no command knows is a usage error, not a value quietly dropped: in
 * `warroom note <id> ran git push --force to revert` it would have taken "to" with it. Words after
 * `--` are all positionals, so such text can still be written.
 */
export function parseArgs(argv: readonly string[]): ParsedArgs {
  const positionals: string[] = [];
  const options = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      const name = eq > 0 ? arg.slice(2, eq) : arg.slice(2);
      if (!FLAGS.has(name) && !VALUED.has(name)) {
        throw new UsageError(`${arg.slice(0, eq > 0 ? eq : undefined)} is not an option (to write it as text, put the text after --)`);
      }
      if (eq > 0) {
        options.set(name, arg.slice(eq + 1));
      } else if (!FLAGS.has(name) && i + 1 < argv.length && !argv[i + 1].startsWith('--')) {
        options.set(name, argv[++i]);
      } else {
        options.set(name, true);
      }
    } else {
      positionals.push(arg);
    }
  }
  return { positionals, options };
}

export function stringOption(args: ParsedArgs, name: string): string | undefined {
  const value = args.options.get(name);
  return typeof value === 'string' ? value : undefined;
}

export function flag(args: ParsedArgs, name: string): boolean {
  return args.options.has(name);
}

/** A usage error: printed with the command's usage, exit code 2. */
export class UsageError extends Error {}
