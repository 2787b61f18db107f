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

/**
 * The flag a line's mode is called by: `--close-from-git` in `actions --close-from-git [--repo D]`, a flag
 * the line needs (not in brackets) standing where a sub-command's word would; none in `correlate [--repo DIR] (--at <time> | ...)`.
 */
function modeFlag(line: string): string | undefined {
  const [, word, next] = line.split(' ');
  return word && /^--[a-z][a-z0-9-]*$/.test(word) && (next === undefined || /^[[(]/.test(next)) ? word : undefined;
}

/** What picks a line among a command's lines: its sub-command's word or its mode's flag. */
function selectorOf(line: string): string | undefined {
  return subcommandWord(line) ?? modeFlag(line);
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

/** The positionals a usage line shows after its command and sub-command: `<id>`, `<text...>`, `[file]`. */
export interface UsagePositionals {
  /** Each as the line shows it, in order. */
  readonly shown: readonly string[];
  /** How many argv must hold. */
  readonly min: number;
  /** How many argv may hold: Infinity after one that takes the rest (`<text...>`). */
  readonly max: number;
}

/**
 * The positionals a usage line shows: what is left of it without its options (and their values), its
 * command and its sub-command or mode. `<name>` is needed, `[name]` may be left out, and `...` in
 * either takes every word after it (`note <id> <text...>`). Anything else is a mistake in the line.
 */
export function usagePositionals(line: string): UsagePositionals {
  let rest = line.replace(/--[a-z][a-z0-9-]*(?: [^\s[(|\])-][^\s\])]*)?/g, '');
  for (let before = ''; before !== rest;) {
    before = rest;
    rest = rest.replace(/\[[\s|]*\]|\([\s|]*\)/g, '');
  }
  const words = rest
    .split(/\s+/)
    .filter(Boolean)
    .slice(subcommandWord(line) ? 2 : 1);
  let min = 0;
  let max = 0;
  for (const [i, word] of words.entries()) {
    const needed = /^<[^<>[\]\s]+>$/.test(word);
    if (!needed && !/^\[<?[^<>[\]\s]+>?\]$/.test(word)) {
      throw new Error(`the usage "${line}" shows "${word}": neither an option, <needed> nor [optional]`);
    }
    if (needed && min < i) {
      throw new Error(`the usage "${line}" shows ${word}, needed, after an optional one`);
    }
    if (max === Infinity) {
      throw new Error(`the usage "${line}" shows ${word} after one that takes every word left`);
    }
    if (needed) min++;
    max = word.includes('...') ? Infinity : max + 1;
  }
  return { shown: words, min, max };
}

/** An option a usage line needs: one of `names`, shown as the line shows it (`--source S`, `either --at <time> or --incident <id>`). */
export interface RequiredOption {
  readonly names: readonly string[];
  readonly shown: string;
}

/**
 * The options a usage line needs: those outside any `[...]`, each on its own (`--repo <dir>`), or one of
 * a `(... | ...)` group of them (`(--at <time> | --incident <id>)`, either or both). A group must be
 * options alone, one to each side of a `|`: anything else is a mistake in the line.
 */
export function usageRequired(line: string): readonly RequiredOption[] {
  let outside = line;
  for (let before = ''; before !== outside;) {
    before = outside;
    outside = outside.replace(/\[[^[\]]*\]/g, ' ');
  }
  // A value runs to the next space: `--source a|b|c` is one option and its choice of values.
  const option = /--([a-z][a-z0-9-]*)(?: [^\s[\]()|-][^\s[\]()]*)?/g;
  const required: RequiredOption[] = [];
  // In the line's order: a group, or an option outside one.
  for (const found of outside.matchAll(new RegExp(`\\(([^()]*)\\)|${option.source}`, 'g'))) {
    if (found[1] === undefined) {
      required.push({ names: [found[2]], shown: found[0] });
      continue;
    }
    const choices = found[1].split('|').map((choice) => {
      const inChoice = [...choice.matchAll(option)];
      if (inChoice.length !== 1 || inChoice[0][0] !== choice.trim()) {
        throw new Error(`the usage "${line}" shows ${found[0]}: a group of options needs one option each side of |`);
      }
      return inChoice[0];
    });
    const shown = choices.map((c) => c[0]);
    required.push({ names: choices.map((c) => c[1]), shown: `${shown.length === 2 ? 'either' : 'one of'} ${either(shown)}` });
  }
  return required;
}

/** Optimal string alignment distance: edits, a swap of two neighbours counting as one. */
function distance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}

/** The one of `names` that `word` is a near typo of (`pase`: `parse`), if any: a third of its letters wrong at most. */
export function nearest(word: string, names: readonly string[]): string | undefined {
  let best: { name: string; edits: number } | undefined;
  for (const name of names) {
    const edits = distance(word.toLowerCase(), name);
    if (edits <= Math.max(1, Math.floor(name.length / 3)) && (!best || edits < best.edits)) best = { name, edits };
  }
  return best?.name;
}

/** `a`, `a or b`, `a, b or c`. */
function either(names: readonly string[], conjunction = 'or'): string {
  return names.length < 2 ? names.join('') : `${names.slice(0, -1).join(', ')} ${conjunction} ${names.at(-1)}`;
}

/** `a`, `a and b`, `a, b and c`. */
function each(names: readonly string[]): string {
  return either(names, 'and');
}

/**
 * The usage line argv runs (`chosen`), with the name errors call it by, and argv's first word (`word`): the line of the sub-command its first word names
 * (`runbooks list`), else that of the mode a flag before any `--` names (`actions --close-from-git`), else the
 * one line without either (`oncall`, `show <id>`); none when argv names no sub-command of a command that
 * needs one.
 */
function lineOf(
  argv: readonly string[],
  command: CommandUsage,
): { readonly chosen?: { readonly line: string; readonly name: string; readonly named: boolean }; readonly word?: string } {
  const lines = usageLines(command);
  const [word] = wordsOf(argv, usageOptions(lines.join(' | ')).valued);
  const named = word === undefined ? undefined : lines.find((line) => subcommandWord(line) === word);
  if (named) return { chosen: { line: named, name: `${command.name} ${word}`, named: true }, word };
  const end = argv.indexOf('--');
  const flags = end < 0 ? argv : argv.slice(0, end);
  // `--close-from-git=x` too, for the error that it takes no value.
  const mode = lines.find((line) => flags.some((arg) => arg === modeFlag(line) || arg.startsWith(`${modeFlag(line)}=`)));
  if (mode) return { chosen: { line: mode, name: `${command.name} ${modeFlag(mode)}`, named: true }, word };
  const bare = lines.filter((line) => selectorOf(line) === undefined);
  return { chosen: bare.length === 1 ? { line: bare[0], name: command.name, named: false } : undefined, word };
}

/**
 * The usage lines to show with an error in argv: those of the line argv runs, else all. For `--help`, only
 * a sub-command argv names narrows them: `oncall --help` shows `oncall load` too.
 */
export function usageFor(argv: readonly string[], command: CommandUsage, purpose: 'error' | 'help' = 'error'): readonly string[] {
  const { chosen } = lineOf(argv, command);
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
  const lines = usageLines(command);
  const { chosen, word } = lineOf(argv, command);
  const subcommands = lines.map(subcommandWord).filter((name): name is string => name !== undefined);
  // A word no sub-command has, where only a sub-command's can stand, is refused before any option:
  // `alerts pase x.json --source alertmanager` fetched live alerts instead of reading x.json.
  if (subcommands.length && (!chosen || (!chosen.named && word !== undefined && usagePositionals(chosen.line).max === 0))) {
    const guess = word === undefined ? undefined : nearest(word, subcommands);
    throw new UsageError(
      word === undefined
        ? `a sub-command is required: ${either(subcommands)}`
        : `"${word}" is not a sub-command of warroom ${command.name} (${guess ? `did you mean ${guess}?` : `its sub-commands: ${either(subcommands)}`})`,
      lines,
    );
  }
  const { flags, valued } = usageOptions(chosen?.line ?? lines.join(' | '));
  const who = chosen?.name ?? command.name;
  /** Who else takes option `name`: `warroom oncall load`, `warroom actions --close-from-git`. */
  const takenBy = (name: string) => {
    const mode = chosen && modeFlag(chosen.line);
    const others = lines
      .filter((line) => line !== chosen?.line && (usageOptions(line).flags.has(name) || usageOptions(line).valued.has(name)))
      .map((line) => selectorOf(line) ?? (mode ? `without ${mode}` : ''));
    return others.length
      ? `only warroom ${command.name}${others.length > 1 ? ` ${either(others)} take` : `${others[0] ? ` ${others[0]}` : ''} takes`} it`
      : undefined;
  };
  const positionals: string[] = [];
  const options = new Map<string, string | true>();
  // No option collects values (a list is one value: `--paths a/**,b/**`), so a second one would silently
  // replace the first: `--since 1h --since 30d` read 30 days. A flag given twice loses nothing.
  const setValue = (name: string, value: string) => {
    // `--incident "$ID"` with $ID unset: read as absent, the command went on without it (and then
    // asked for --at); read as given, an empty id is the start of every incident's.
    if (!value.trim()) {
      throw new UsageError(`--${name} "${value}" is blank: it needs a value`);
    }
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
        // Another line's option, a typo of one of this line's (`--jsn`), or text for a line that takes some.
        const own = [...flags, ...valued];
        const guess = nearest(name, own);
        const takesText = usagePositionals(chosen?.line ?? lines[0]).max > 0;
        const hint =
          takenBy(name) ??
          (guess
            ? `did you mean --${guess}?`
            : takesText || !own.length
              ? 'to write it as text, put the text after --'
              : `its options: ${own.map((o) => `--${o}`).join(', ')}`);
        throw new UsageError(`--${name} is not an option of warroom ${who} (${hint})`);
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
  // A word too many was dropped unread: `list extra`, `runbooks show a.md b.md` showing only a.md.
  const { shown, min, max } = usagePositionals(chosen?.line ?? lines[0]);
  const skip = chosen && subcommandWord(chosen.line) ? 1 : 0;
  if (chosen && positionals.length > skip + max) {
    const takes = shown.length ? `only ${shown.join(' ')}` : 'none';
    throw new UsageError(`unexpected argument "${positionals[skip + max]}": warroom ${who} takes ${takes}`);
  }
  // A word too few is told here, in one form for every command, before any command reads its words: each
  // said it its own way, some blaming a word that was fine (`mark INC-1` asked for the sha's hex digits),
  // and `milestone <id> detected` set the milestone to now. A blank word (`show "$ID"` with $ID unset) is
  // missing too: as an id, it is the start of every incident's. So is an option the line needs, in the
  // same form, after the words: `alerts parse` and `correlate` each asked for theirs their own way.
  const words = positionals.slice(skip);
  const required = chosen ? usageRequired(chosen.line) : [];
  const needed = [...shown.slice(0, min), ...required.map((r) => r.shown)];
  const missing = [
    ...shown.slice(0, min).filter((word, i) => !(word.includes('...') ? words.slice(i).join(' ') : (words[i] ?? '')).trim()),
    ...required.filter((r) => !r.names.some((name) => options.has(name))).map((r) => r.shown),
  ];
  if (chosen && missing.length) {
    const needs = `warroom ${who} needs ${each(needed)}`;
    throw new UsageError(missing.length === needed.length ? needs : `missing ${each(missing)}: ${needs}`);
  }
  return { positionals, options };
}

/** The words as one line: a title or a name typed across several arguments, or with a newline in one. */
export const words = (list: readonly string[]): string => list.join(' ').replace(/\s+/g, ' ').trim();

export function stringOption(args: ParsedArgs, name: string): string | undefined {
  const value = args.options.get(name);
  return typeof value === 'string' ? value : undefined;
}

export function flag(args: ParsedArgs, name: string): boolean {
  return args.options.has(name);
}

/** A usage error: printed with the command's usage, exit code 2. */
export class UsageError extends Error {
  /** @param usage the usage lines to show, when not those of the line argv runs (a sub-command it mistypes). */
  constructor(
    message: string,
    readonly usage?: readonly string[],
  ) {
    super(message);
  }
}
