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

/** What names a command and shows its options: one usage line, or one per sub-command. */
export interface CommandUsage {
  readonly name: string;
  readonly usage: string | readonly string[];
}

/** A command's usage lines: its one line, or one per sub-command (`oncall [--at TIME]`, `oncall load [--since 90d]`). */
export function usageLines(command: CommandUsage): readonly string[] {
  return typeof command.usage === 'string' ? [command.usage] : command.usage;
}

/** The word a line's sub-command is called by: `load` in `oncall load [--since 90d]`; none in `oncall [--at TIME]` or `show <id>`. */
function subcommandWord(line: string): string | undefined {
  const word = line.split(' ')[1];
  return word && /^[a-z][a-z-]*$/.test(word) ? word : undefined;
}

/** The positionals of argv, the values of `valued` options skipped: enough to tell which sub-command it names. */
function wordsOf(argv: readonly string[], valued: ReadonlySet<string>): string[] {
  const words: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') return [...words, ...argv.slice(i + 1)];
    if (!arg.startsWith('--')) words.push(arg);
    else if (arg.indexOf('=') <= 0 && valued.has(arg.slice(2)) && i + 1 < argv.length && !argv[i + 1].startsWith('--')) i++;
  }
  return words;
}

/**
 * The usage line argv runs, with the name errors call it by: the line of the sub-command its first word names
 * (`runbooks list`), else the one line without a sub-command (`oncall`, `show <id>`); none when argv names no
 * sub-command of a command that needs one (the command says so), then every line's options are read.
 */
function lineOf(
  argv: readonly string[],
  command: CommandUsage,
): { readonly line: string; readonly name: string; readonly named: boolean } | undefined {
  const lines = usageLines(command);
  const [word] = wordsOf(argv, usageOptions(lines.join(' | ')).valued);
  const named = word === undefined ? undefined : lines.find((line) => subcommandWord(line) === word);
  if (named) return { line: named, name: `${command.name} ${word}`, named: true };
  const bare = lines.filter((line) => subcommandWord(line) === undefined);
  return bare.length === 1 ? { line: bare[0], name: command.name, named: false } : undefined;
}

/**
 * The usage lines to show with an error in argv: those of the line argv runs, else all. For `--help`, only
 * a sub-command argv names narrows them: `oncall --help` shows `oncall load` too.
 */
export function usageFor(argv: readonly string[], command: CommandUsage, purpose: 'error' | 'help' = 'error'): readonly string[] {
  const chosen = lineOf(argv, command);
  return chosen && (chosen.named || purpose === 'error') ? [chosen.line] : usageLines(command);
}

/**
 * Reads argv against the options the usage line of `command` (of the sub-command argv names, if it has
 * several) shows. Any other option is a usage error, not a value quietly dropped: `warroom list --window 3h`
 * would have listed as if it were not there, `warroom oncall --since 30d` shown who is on call now (only
 * `oncall load` reads --since), and in `warroom note <id> ran git push --force to revert` `--force` would
 * have taken "to" with it. Words after `--` are all positionals, so such text can still be written.
 */
export function parseArgs(argv: readonly string[], command: CommandUsage): ParsedArgs {
  const chosen = lineOf(argv, command);
  const { flags, valued } = usageOptions(chosen?.line ?? usageLines(command).join(' | '));
  const who = chosen?.name ?? command.name;
  const positionals: string[] = [];
  const options = new Map<string, string | true>();
  // No option collects values (a list is one value: `--paths a/**,b/**`), so a second one would silently
  // replace the first: `--since 1h --since 30d` read 30 days. A flag given twice loses nothing.
  const setValue = (name: string, value: string) => {
    const first = options.get(name);
    if (typeof first === 'string') {
      throw new UsageError(`--${name} is given twice (${first} and ${value}): give it once`);
    }
    options.set(name, value);
  };
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
        throw new UsageError(`--${name} is not an option of warroom ${who} (to write it as text, put the text after --)`);
      }
      if (eq > 0) {
        if (flags.has(name)) {
          throw new UsageError(`--${name} takes no value (${arg})`);
        }
        setValue(name, arg.slice(eq + 1));
      } else if (flags.has(name)) {
        options.set(name, true);
      } else if (i + 1 < argv.length && !argv[i + 1].startsWith('--')) {
        setValue(name, argv[++i]);
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
