// A small argv reader: positionals, `--flag`, `--key value` and `--key=value`.

export interface ParsedArgs {
  readonly positionals: string[];
  readonly options: Map<string, string | true>;
}

/** The options a command takes, as its usage line shows them. */
export interface CommandOptions {
  /** Options without a value: `[--json]`, `[--json|--csv]`, `--close-from-git [--repo D]`. */
  readonly flags: ReadonlySet<string>;
  /** Options with a value (`--repo DIR` or `--repo=DIR`): `--repo <dir>`, `[--since 90d]`, `--source S`. */
  readonly valued: ReadonlySet<string>;
}

/**
 * The options a usage line shows, so the line `warroom help` prints is the one list of what the command
 * takes: `--name` then a space and a word (`<dir>`, `D`, `90d`) takes a value; `--name` then `]`, `|`, `)`,
 * the end, or a space before `[`, `(`, `|` or another option is a flag.
 */
export function usageOptions(usage: string): CommandOptions {
  const flags = new Set<string>();
  const valued = new Set<string>();
  for (const [, name, value] of usage.matchAll(/--([a-z][a-z0-9-]*)( [^\s[(|-])?/g)) {
    (value ? valued : flags).add(name);
  }
  const both = [...flags].find((name) => valued.has(name));
  if (both) {
    throw new Error(`the usage "${usage}" shows --${both} both with a value and without one`);
  }
  return { flags, valued };
}

/**
 * Reads argv against the options `command`'s usage shows. Any other option is a usage error, not a value
 * quietly dropped: `warroom list --window 3h` would have listed as if it were not there, and in
 * `warroom note <id> ran git push --force to revert` `--force` would have taken "to" with it. Words after
 * `--` are all positionals, so such text can still be written.
 */
export function parseArgs(argv: readonly string[], command: { readonly name: string; readonly usage: string }): ParsedArgs {
  const { flags, valued } = usageOptions(command.usage);
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
      if (!flags.has(name) && !valued.has(name)) {
        throw new UsageError(`--${name} is not an option of warroom ${command.name} (to write it as text, put the text after --)`);
      }
      if (eq > 0) {
        if (flags.has(name)) {
          throw new UsageError(`--${name} takes no value (${arg})`);
        }
        options.set(name, arg.slice(eq + 1));
      } else if (flags.has(name)) {
        options.set(name, true);
      } else if (i + 1 < argv.length && !argv[i + 1].startsWith('--')) {
        options.set(name, argv[++i]);
      } else {
        // Read as absent, the default would stand in silently: `list --dir` listing the nearest folder.
        throw new UsageError(`--${name} needs a value (--${name} VALUE, or --${name}=VALUE for one that starts with --)`);
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
