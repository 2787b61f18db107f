// What a command line hands a shell on its input to run: the text echo or printf print into a pipe
// that a shell reads (`echo reboot | sh`, `printf 'systemctl stop nginx\n' | ssh db-1 sudo bash`),
// maybe through commands that hand it on (`echo reboot | tee steps.txt | sh`), and the text they
// print as the code a shell is given (`sh -c "$(echo reboot)"`, `ssh h "$(echo reboot)"`), and
// inside a command substitution as at the line's top, in any command's arguments, in double quotes
// or none (`x=$(echo reboot | sh)`, `notify "$(curl -s x | sh)"`).
// The destructive check reads that text as commands, so every rule applies to it as to a command
// written out. The shell's reading is followed only as far as it decides what is printed and where
// it goes: words, quotes, escapes and `|`; an expansion (`$(...)`, `$VAR`) is kept as written,
// but for a substitution in a shell's code that prints echo's or printf's text, made that text.

import { own } from '../own';

/** One simple command of a line, as far as this module reads it. */
interface Simple {
  /** Its words as the shell passes them on: quotes and escapes removed, redirections left out. */
  readonly words: readonly string[];
  /** The text inside each of its quoted strings, unquoted: maybe a line another shell runs (`ssh h "echo x | sh"`). */
  readonly quoted: readonly string[];
  /** Its output is the next command's input (a lone `|` or `|&`). */
  readonly piped: boolean;
  /**
   * The code inside each of its command substitutions (`$(...)`, backticks), unquoted or in a
   * double-quoted string, in order, and the index of the word holding it: a line the shell runs
   * before the command, whatever the command is and though the string around it may be text
   * (`x=$(echo reboot | sh)`, `notify "$(curl -s x | sh)"`, `echo "$(date)"`). Not in single quotes.
   */
  readonly substitutions: readonly { readonly at: number; readonly code: string }[];
  /**
   * Where its input is redirected from: `text` the line writes (a here-document or here-string),
   * or a `file` (`< steps.sh`, `< <(curl -s x)`; not `/dev/null`). Undefined for neither.
   */
  readonly stdin?: 'text' | 'file';
  /** The word of its here-string, unquoted (`$(curl -s x)` in `bash <<< "$(curl -s x)"`). */
  readonly hereString?: string;
  /** The file its output is redirected to (`> fix.sh`, `>> x`, `&> x`), as written. */
  readonly stdout?: string;
  /** A `$` in its words was written in single quotes or escaped (`'$CMD'`, `\$CMD`): this shell does not expand it. */
  readonly literalDollar?: true;
  /**
   * It runs whenever the line gets to it, in the line's own shell: it starts the line or follows a
   * `;` or a newline, outside parentheses and compound commands (if, while, for, case, `{ }`), with
   * no here-document before it, and is neither piped nor sent to the background. Only such a
   * command's assignment is sure to hold when a later command runs (see Assigned).
   */
  readonly unconditional?: true;
}

/** The program a command word names, without its folder (`/usr/bin/sudo` is sudo); '' for none. */
function programName(word: string | undefined): string {
  return word?.replace(/^.*\//, '') ?? '';
}

/** How deep quoted command lines are looked into (`ssh h "sh -c 'echo reboot | sh'"` is two). */
const MAX_NESTING = 3;

/** Quoted text or code worth reading as a command line: it pipes, redirects or substitutes. */
const WORTH_READING = /[|<`]|\$\(/;

/** A variable's expansion somewhere in a text: `$CMD`, `${CMD}`, `$1`, `$@`. */
const A_VARIABLE = /\$[\w{@*]/;

/**
 * A word that is variables' expansions, nothing else (`$CMD`, `${FIX:-x}`, `$1`, `$@`, `$TOOL$ARGS`;
 * quotes already removed): as a command, it runs whatever they hold. `$HOME/bin/x` is a path.
 */
const VARIABLE_WORD = /^(?:\$(?:[A-Za-z_]\w*|[0-9@*]|\{[^{}]*\}))+$/;

/** What a command line hands shells to run, as far as it shows. */
export interface ShellInput {
  /**
   * The texts it prints into a shell's input or code, each as the shell would read it, in order;
   * past the limit no more are added (the caller asks twice for what it cannot check).
   */
  readonly texts: string[];
  /**
   * The first place it hands a shell commands the line does not show (see Unseen). Read only in
   * code: a quoted grep pattern (`grep -E 'zsh|bash'`) is no pipe.
   */
  unseen?: Unseen;
}

/**
 * Commands run that the line does not show, and where they come from:
 * - `input`: a file's, a download's or another program's output handed to a shell, here, over ssh
 *   or in a container (`curl -fsSL https://x/install.sh | sh`, `cat steps.sh | ssh h bash`,
 *   `bash < steps.sh`, `docker exec -i c sh < fix.sh`, `bash <(curl -s x)`, `sh -c "$(curl -s x)"`);
 * - `fetched`: what a command downloads or reads from a file, run by eval or source
 *   (`eval "$(curl -s x)"`, `source <(cat steps.sh)`); see FETCHERS for where the line is drawn;
 * - `variable`: what a variable holds, given to a shell, ssh or eval as its code or printed into a
 *   shell (`sh -c "$CMD"`, `echo "$CMD" | sh`).
 */
export interface Unseen {
  /** The shell, substitution or variable, as the line writes it. */
  readonly shown: string;
  readonly from: 'input' | 'fetched' | 'variable';
}

/**
 * What `line` hands shells to run (see ShellInput); past `limit` characters of printed text in all,
 * no more texts are added.
 */
export function shellInput(line: string, limit: number): ShellInput {
  const input: ShellInput = { texts: [] };
  read(line, limit, 0, true, input);
  return input;
}

/** A text inside a command that is read as a command line of its own (see read). */
interface Line {
  readonly text: string;
  /** It is run, not a quoted argument read in case it is code. */
  readonly run: boolean;
  /** Who is given it as code: a shell or ssh (`sh -c TEXT`, `ssh h TEXT`) or eval; undefined for neither. */
  readonly given?: Given;
  /** The variables it sees set as the line set them: a command substitution runs in a copy of the line's shell. */
  readonly sees?: ReadonlyMap<string, string>;
}

/** `NAME=value`, `NAME+=value` or `NAME[i]=value`: the name, and `=` for a plain assignment. */
const ASSIGNMENT = /^([A-Za-z_]\w*)(=|\+=|\[)/;

/** Commands that may set any variable: what they run or read is code (see Assigned.note). */
const SETS_ANY: ReadonlySet<string> = new Set(['eval', 'source', '.']);

/** Builtins that set the variables they are given by name (see Assigned.note). */
const SETS_NAMED: ReadonlySet<string> = new Set([
  'export',
  'declare',
  'typeset',
  'local',
  'readonly',
  'let',
  'printf',
  'read',
  'mapfile',
  'readarray',
  'getopts',
]);

/** A variable's plain expansion in code: `$NAME` or `${NAME}`. */
const EXPANSION = /\$(?:\{([A-Za-z_]\w*)\}|([A-Za-z_]\w*))/g;

/**
 * The variables a line has set where it shows their values, read command by command in its order
 * (see note): `CMD=ls; sh -c "$CMD"` runs `ls`, which the line shows, so it is read as such and
 * not as commands a variable holds (see Unseen). A name is known only from an unconditional
 * command (see Simple.unconditional) of nothing but assignments (`export` or `readonly` before them
 * allowed) setting it to a value with no `$`, backtick or substitution in it; any other command
 * naming it (`CMD=$(curl -s x)`, `read CMD`, `for CMD in …`, `x && CMD=ls`, `CMD+=x`) makes it
 * unknown again, so what it holds could be anything, as before.
 */
class Assigned {
  /** The line's own values once it sets or forgets one; until then the enclosing line's, shared (see seen). */
  private values: ReadonlyMap<string, string>;
  private owned = false;
  /** A function or brace group was written: calling it may set any name, so none is known again. */
  private off = false;

  constructor(seen?: ReadonlyMap<string, string>) {
    this.values = seen ?? new Map<string, string>();
  }

  /** The values to change, copied from the enclosing line's on the first change. */
  private own(): Map<string, string> {
    if (!this.owned) {
      this.values = new Map(this.values);
      this.owned = true;
    }
    return this.values as Map<string, string>;
  }

  /** Takes in what `command` sets, after it has been read. */
  note(command: Simple): void {
    const words = command.words;
    const program = words.find((w) => !ASSIGNMENT.test(w)) ?? '';
    // What a sourced file or eval'd code sets, or a builtin given a name the line does not show
    // (`export $(cat .env)`, `declare "$name=x"`, `printf -v "$n" …`), could be any name.
    if (
      program === '{' ||
      program === 'function' ||
      SETS_ANY.has(program) ||
      (SETS_NAMED.has(program) && (command.substitutions.length > 0 || words.some((w) => w.includes('$'))))
    ) {
      this.off ||= program === '{' || program === 'function';
      this.values = new Map<string, string>();
      this.owned = true;
      return;
    }
    const start = words[0] === 'export' || words[0] === 'readonly' ? 1 : 0;
    const plain =
      command.unconditional === true &&
      command.substitutions.length === 0 &&
      words.length > start &&
      words.every((w, i) => i < start || ASSIGNMENT.exec(w)?.[2] === '=');
    // A name alone is read, set or unset by the command (`read CMD`, `unset CMD`, `for CMD in …`),
    // but only exported or made read-only as it is by export and readonly.
    const keeps = program === 'export' || program === 'readonly';
    for (const word of words) {
      const name = ASSIGNMENT.exec(word)?.[1] ?? (!keeps && this.values.has(word) ? word : undefined);
      if (name === undefined) {
        continue;
      }
      const value = word.slice(name.length + 1);
      if (plain && !this.off && !/[$`]/.test(value)) {
        this.own().set(name, value);
      } else if (this.values.has(name)) {
        this.own().delete(name);
      }
    }
  }

  /** Whether the line has set any variable it shows the value of (nothing to expand otherwise). */
  get any(): boolean {
    return this.values.size > 0;
  }

  /**
   * The values as a command substitution sees them, read at once (before the line sets another):
   * the substitution's own Assigned copies them only if it changes one, so a line of many
   * substitutions and many variables copies none it need not.
   */
  seen(): ReadonlyMap<string, string> | undefined {
    return this.values.size > 0 ? this.values : undefined;
  }

  /**
   * `code` with each variable's expansion made its value, when every `$` in it is a variable the
   * line set: a value beside one it did not (`sh -c "$PRE$CMD"`, `sh -c "cd $DIR && $CMD"`) could
   * make it any command, so such code is read as written. Undefined too when it would grow past
   * `limit` characters (`A=xxxx; sh -c "$A$A$A…"`).
   */
  expanded(code: string, limit: number): string | undefined {
    if (this.values.size === 0 || !code.includes('$')) {
      return undefined;
    }
    let grown = 0;
    let all = true;
    const out = code.replace(EXPANSION, (whole, braced: string | undefined, bare: string | undefined) => {
      const value = this.values.get(braced ?? bare ?? '');
      if (value === undefined || grown > limit) {
        all = false;
        return whole;
      }
      grown += value.length;
      return value;
    });
    return all && out.length <= limit && !code.replace(EXPANSION, '').includes('$') ? out : undefined;
  }
}

/** Who runs code given as a word: a shell (or ssh's remote one), or eval (source alike). */
type Given = 'shell' | 'eval';

/**
 * Adds what `line` hands shells to `input`; `code` says the line is run (not a quoted argument read
 * as a line in case it is code), `given` who was given it as code (a shell, ssh or eval), and
 * returns the printed text's size added.
 */
function read(
  line: string,
  limit: number,
  nesting: number,
  code: boolean,
  input: ShellInput,
  given?: Given,
  sees?: ReadonlyMap<string, string>,
): number {
  let size = 0;
  const assigned = new Assigned(sees);
  const add = (text: string) => {
    input.texts.push(text);
    size += text.length;
  };
  const commands = simpleCommands(line);
  const handedOn = handedOnTo(commands);
  const runs: (boolean | undefined)[] = [];
  const runsAt = (k: number) => (runs[k] ??= runsInput(commands[k].words));
  /** The files the commands before the one read saved a download to (see downloadedRun). */
  const downloaded = new Set<string>();
  for (let k = 0; k < commands.length && size <= limit; k++) {
    let command = commands[k];
    // Text this shell expands with the variables the line set, as their values (see Assigned); not
    // a `$` it leaves alone (`sh -c '$CMD'`, `ssh h '$CMD'`). Undefined when nothing is expanded.
    const valueOf = (text: string | undefined) =>
      text === undefined || command.literalDollar || !assigned.any ? undefined : assigned.expanded(text, limit - size);
    // A here-string of a variable the line set is its value, which a shell reading it runs
    // (`CMD=ls; bash <<< "$CMD"`): read as such, and as the command's input from here on.
    const hereValue = command.hereString !== undefined && runsAt(k) ? valueOf(command.hereString) : undefined;
    if (hereValue !== undefined) {
      add(hereValue);
      command = commands[k] = { ...command, hereString: hereValue };
    }
    // A command that is a variable the line set runs its value (`CMD=reboot; $CMD`): read as such.
    const run = code && assigned.any ? afterPrefix(command.words).words : [];
    const ran = VARIABLE_WORD.test(run[0] ?? '') ? valueOf(run.join(' ')) : undefined;
    if (ran !== undefined) {
      add(ran);
    }
    const last = handedOn[k];
    const shown = commands[last].piped && last + 1 < commands.length && runsAt(last + 1) ? printed(command.words, limit) : undefined;
    // What echo prints of a variable the line set is its value (`CMD=ls; echo "$CMD" | sh`).
    const text = shown !== undefined ? (valueOf(shown) ?? shown) : undefined;
    if (text !== undefined) {
      add(text);
      if (code && input.unseen === undefined && runsVariable(text)) {
        input.unseen = { shown: `| ${commands[last + 1].words.join(' ')}`, from: 'variable' };
      }
    }
    if (code && input.unseen === undefined) {
      input.unseen =
        unseenRun(commands, k, runsAt) ?? (given ? givenUnseen(command.words, given) : undefined) ?? downloadedRun(command, downloaded);
      downloadedTo(command).forEach((file) => downloaded.add(plainPath(file)));
    }
    const written = givenCode(command.words);
    // Code given as a variable the line set is that value, read by the rules as the commands it is
    // (`CMD=ls; sh -c "$CMD"`).
    const value = valueOf(written?.code);
    if (value !== undefined) {
      add(value);
    }
    const inner = written !== undefined && value !== undefined ? { ...written, code: value } : written;
    const substitutedCode = substituted(inner?.code, limit - size);
    if (substitutedCode !== undefined) {
      add(substitutedCode);
      if (code && input.unseen === undefined && inner !== undefined && runsVariable(substitutedCode)) {
        input.unseen = { shown: inner.code, from: 'variable' }; // `eval "$(echo "$CMD")"`
      }
    }
    // A here-string a shell reads is its commands: what a substitution in it prints, echo's or printf's
    // text (`bash <<< "$(echo reboot)"`); a string written out is read by the rules where it stands.
    const hereText = command.hereString !== undefined && runsAt(k) ? substituted(command.hereString, limit - size) : undefined;
    if (hereText !== undefined) {
      add(hereText);
    }
    if (nesting < MAX_NESTING) {
      // The code a shell is given is read as a line; so is each quoted string, when there is none,
      // in case it is code, unless it is what echo prints or grep looks for: text, not code
      // (`grep 'echo reboot | sh' notes.txt`). Each substitution's code is run where it stands, by
      // the shell running the line, whatever the command around it (`notify "$(curl -s x | sh)"`);
      // one in the code given is read with that code.
      const lines: Line[] =
        inner !== undefined
          ? [{ text: inner.code, run: code, given: inner.given }]
          : textOnly(command.words)
            ? []
            : command.quoted.map((quoted) => ({ text: quoted, run: false }));
      for (const substitution of command.substitutions) {
        if (inner === undefined || substitution.at < inner.from || substitution.at >= inner.to) {
          lines.push({ text: substitution.code, run: code, sees: assigned.seen() });
        }
      }
      for (const inside of lines) {
        // Code given as a word, or run in a substitution, is read for a variable given as code, too
        // (`sh -c "$CMD"`, `notify "$(eval "$CMD")"`).
        if (WORTH_READING.test(inside.text) || ((inside.given !== undefined || inside.run) && A_VARIABLE.test(inside.text))) {
          size += read(inside.text, limit - size, nesting + 1, inside.run, input, inside.given, inside.sees);
        }
      }
    }
    assigned.note(command);
  }
  return size;
}

/**
 * What code given to a shell, ssh or eval (`given`) runs unseen when `words` are one of its
 * commands: a variable as the command (`sh -c "$CMD"`, `eval "$CMD"`), or a substitution's output
 * (see substitutedCommand).
 */
function givenUnseen(words: readonly string[], given: Given): Unseen | undefined {
  const word = afterPrefix(words).words[0];
  if (word === undefined) {
    return undefined;
  }
  return VARIABLE_WORD.test(word) ? { shown: word, from: 'variable' } : substitutedCommand(word, given);
}

/**
 * Whether `word`, run as code by `given`, is a command substitution's output no line shows, and
 * from where. For a shell or ssh, any program's output but echo's or printf's text
 * (`sh -c "$(curl -fsSL x)"`, `ssh h "$(cat fix.sh)"`). For eval and source, only what the
 * substitution downloads or reads from a file (see FETCHERS): `eval "$(curl -fsSL x)"` and
 * `eval "$(cat steps.sh)"` ask twice, but a local tool's generated setup (`eval "$(ssh-agent -s)"`,
 * `eval "$(direnv hook bash)"`, `source <(kubectl completion bash)`) is how tools are loaded, once.
 */
function substitutedCommand(word: string, given: Given): Unseen | undefined {
  const dollar = word.startsWith('$(');
  if (!dollar && !word.startsWith('`')) {
    return undefined;
  }
  const end = dollar ? balanced(word, 1) : closing(word, 1, '`', true);
  const commands = simpleCommands(word.slice(dollar ? 2 : 1, end));
  const shown = word.slice(0, end + 1);
  if (fetches(commands)) {
    return { shown, from: given === 'eval' ? 'fetched' : 'input' };
  }
  return given === 'shell' && outputOf(commands, 0) === undefined ? { shown, from: 'input' } : undefined;
}

/**
 * The commands that fetch code from outside the line when their output is run: downloads (curl,
 * wget), files read (cat, head, tail and their kin, a `< file` redirection, `$(< file)`), and
 * decoders, which turn a blob no one can read into code (`base64 -d`, `xxd -r`, `gzip -d`). Where the
 * line is drawn between `eval "$(curl -s x)"` (twice) and `eval "$(ssh-agent -s)"` (once): another
 * program's output is its own, made on this host; what the line downloads or reads is not, and a
 * runbook gives no sight of it.
 */
const FETCHERS: ReadonlySet<string> = new Set(['curl', 'wget', 'cat', 'tac', 'head', 'tail', 'zcat', 'bzcat', 'xzcat', 'gunzip']);

/** Decoders, each with the options that make it decode (see FETCHERS). */
const DECODERS: Readonly<Record<string, RegExp>> = {
  base64: /^(?:-[A-Za-z]*[dD][A-Za-z]*|--decode)$/,
  xxd: /^-[A-Za-z]*r[A-Za-z]*$/,
  gzip: /^(?:-[A-Za-z]*d[A-Za-z]*|--decompress)$/,
};

/**
 * Whether any of `commands` downloads, reads a file or decodes (see FETCHERS), here, as ssh's
 * remote command (`ssh h cat steps.sh`; one hop looked into) or in a container or pod, with its
 * input or not (`kubectl exec pod -- cat /tmp/fix.sh`, `docker exec c cat x`; looked into
 * MAX_EXEC_NESTING deep, and past that taken to fetch: the safe error, as in runsInput).
 */
function fetches(commands: readonly Simple[], hop = false, execs = 0): boolean {
  return commands.some((command) => {
    if (command.stdin === 'file') {
      return true;
    }
    const words = afterPrefix(command.words).words;
    const name = programName(words[0]);
    const decodes = own(DECODERS, name);
    if (FETCHERS.has(name) || (decodes !== undefined && words.some((w, i) => i > 0 && decodes.test(w)))) {
      return true;
    }
    const exec = words.length > 0 ? execIn(words) : undefined;
    if (exec !== undefined) {
      // Its words are the command's own, not a line a shell reads again.
      return execs >= MAX_EXEC_NESTING || fetches([{ words: exec.command, quoted: [], piped: false, substitutions: [] }], hop, execs + 1);
    }
    const remote = name === 'ssh' && !hop ? sshRemote(words) : undefined;
    return remote !== undefined && remote.length > 0 && fetches(simpleCommands(remote.join(' ')), true);
  });
}

/**
 * Whether the text printed into a shell runs a variable's contents: one of its commands is a
 * variable (`echo "$CMD" | sh`); not a variable inside readable text (`echo "ls $DIR" | sh`).
 */
function runsVariable(text: string): boolean {
  return A_VARIABLE.test(text) && simpleCommands(text).some((c) => VARIABLE_WORD.test(afterPrefix(c.words).words[0] ?? ''));
}

/** Commands whose quoted words are text they print, log or search for: never run. */
const TEXT_COMMANDS: ReadonlySet<string> = new Set(['echo', 'printf', 'logger', 'grep', 'egrep', 'fgrep', 'zgrep', 'rg']);

/** Whether `words` print, log or search for their words (TEXT_COMMANDS), sudo or a path before. */
function textOnly(words: readonly string[]): boolean {
  return TEXT_COMMANDS.has(programName(afterPrefix(words).words[0]));
}

/**
 * Where `commands[k]` runs commands the line does not show, as the line writes it (undefined when it
 * does not). A shell (here, over ssh or in a container) reading its input from a file
 * (`bash < steps.sh`, `ssh h < steps.sh`, `docker exec -i c sh < fix.sh`), from a here-string of a
 * program's output or a variable (`bash <<< "$(curl -s x)"`), or from a pipe whose text is not all
 * printed by echo or printf or written in a here-document, through commands that hand it on
 * (`curl -s x | sh`, `cat steps.sh | ssh h bash`, `echo x | cat steps.sh | sh`); or a shell running
 * the script a process substitution prints (`bash <(curl -s x)`). `source` (or `.`) of its input or
 * of a process substitution only when what it reads is downloaded or read from a file (see
 * substitutedCommand): `source <(curl -s x)`, `curl -s x | source /dev/stdin`, not
 * `source <(kubectl completion bash)`. Code given to a shell, ssh or eval whose command is a
 * substitution's output or a variable is found as that code is read (see givenUnseen).
 */
function unseenRun(commands: readonly Simple[], k: number, runsAt: (k: number) => boolean): Unseen | undefined {
  const command = commands[k];
  const piped = k > 0 && commands[k - 1].piped;
  const words = afterPrefix(command.words).words;
  const name = programName(words[0]);
  const sources = name === 'source' || name === '.';
  if ((command.stdin !== undefined || piped) && runsAt(k)) {
    const shown = `${piped ? '| ' : ''}${command.words.join(' ')}`;
    const from = sources ? 'fetched' : 'input';
    if (command.stdin === 'file') {
      return { shown, from };
    }
    if (command.stdin === 'text') {
      return command.hereString === undefined ? undefined : givenUnseen([command.hereString], sources ? 'eval' : 'shell');
    }
    return (sources ? pipedFetched(commands, k) : !pipedTextShown(commands, k)) ? { shown, from } : undefined;
  }
  if (!SHELLS.has(name) && !sources) {
    return undefined;
  }
  const script = words.slice(1).find((w) => !/^[-+]/.test(w));
  if (!script?.startsWith('<(')) {
    return undefined;
  }
  return !sources || fetches(simpleCommands(script.slice(2, balanced(script, 1))))
    ? { shown: script, from: sources ? 'fetched' : 'input' }
    : undefined;
}

/** Whether a command piped into `commands[k]`, up its pipe, downloads, reads a file or decodes (see FETCHERS). */
function pipedFetched(commands: readonly Simple[], k: number): boolean {
  for (let j = k - 1; j >= 0 && commands[j].piped; j--) {
    if (fetches([commands[j]])) {
      return true;
    }
  }
  return false;
}

/**
 * Whether the text piped into `commands[k]` is all in the line: printed by echo or printf, or a
 * here-document or here-string, maybe handed on unchanged on the way (see handsOn). A command that
 * hands on what it reads but is given nothing on a pipe reads the terminal or its files: unseen.
 */
function pipedTextShown(commands: readonly Simple[], k: number): boolean {
  for (let j = k - 1; j >= 0 && commands[j].piped; j--) {
    const command = commands[j];
    if (printed(command.words, 0) !== undefined) {
      return true;
    }
    if (!handsOn(command.words)) {
      return false;
    }
    if (command.stdin !== undefined) {
      return command.stdin === 'text';
    }
  }
  return false;
}

/**
 * For each of `commands`, the last command of its pipe whose input is what it printed, or lines of
 * it: itself, or one after it, each command between handing its input on (see handsOn), so
 * `echo reboot | cat | tee steps.txt | sh` prints into sh. Read once from the end, so a long run of
 * `| cat` costs a step a command.
 */
function handedOnTo(commands: readonly Simple[]): number[] {
  const last: number[] = [];
  for (let k = commands.length - 1; k >= 0; k--) {
    last[k] = commands[k].piped && k + 1 < commands.length && handsOn(commands[k + 1].words) ? last[k + 1] : k;
  }
  return last;
}

/**
 * Whether the command `words` hands on only lines it was given, so the text read before it is
 * all a shell after it may run. Unchanged: `cat` reading its input (no file, or `-`), `tee`
 * (what it writes to files it also prints), `stdbuf` running one of these. Or some of them:
 * grep and its kin, head, tail, sort, uniq. Reading all that was printed then asks twice for a
 * line the filter may drop (`echo reboot | grep -v reboot | sh`), never misses one it lets through
 * (`echo reboot | grep -v x | sh`): a false second confirmation is the safe error. A file operand
 * (`grep x steps.txt`), or an option that counts or numbers lines (`grep -c`, `uniq -c`), makes
 * its output other text than was printed: the same safe error. Not followed:
 * commands that rewrite the text (sed, tr, awk, cut, base64 -d) hand a shell lines the command
 * line does not show, so reading what was printed would judge text the shell is not given.
 */
function handsOn(words: readonly string[]): boolean {
  const command = afterPrefix(words).words;
  const name = programName(command[0]);
  if (name === 'cat') {
    return command.slice(1).every((arg) => arg === '-' || arg === '-u');
  }
  return name !== undefined && LINE_KEEPERS.has(name);
}

/** Commands that print lines they read unchanged, all or some of them (see handsOn). */
const LINE_KEEPERS: ReadonlySet<string> = new Set(['tee', 'grep', 'egrep', 'fgrep', 'head', 'tail', 'sort', 'uniq']);

/**
 * The code `words` hand a shell as a word, not on its input: `sh -c CODE` (sudo and the like
 * before it, maybe in a container: `docker exec c sh -c CODE`), ssh's remote command (`ssh h CODE`,
 * run by the remote user's shell), or what `eval` runs (its words joined). `from` and `to` say which
 * of `words` it is made of; `given`, whether a shell or ssh runs it, or eval.
 */
function givenCode(words: readonly string[]): { code: string; from: number; to: number; given: Given } | undefined {
  let command = afterPrefix(words).words;
  // In a container or pod, with its input or not (`kubectl exec pod -- sh -c CODE`).
  const exec = command.length > 0 ? execIn(command) : undefined;
  if (exec !== undefined) {
    command = afterPrefix(exec.command).words;
  }
  // Each of these is a tail of `words`.
  const skipped = words.length - command.length;
  const name = programName(command[0]);
  if (name === 'eval') {
    return command.length > 1 ? { code: command.slice(1).join(' '), from: skipped + 1, to: words.length, given: 'eval' } : undefined;
  }
  if (SHELLS.has(name)) {
    const c = command.findIndex((w, i) => i > 0 && /^-[A-Za-z]*c[A-Za-z]*$/.test(w));
    const at = c > 0 ? command.findIndex((w, i) => i > c && !/^[-+]/.test(w)) : -1;
    return at > 0 ? { code: command[at], from: skipped + at, to: skipped + at + 1, given: 'shell' } : undefined;
  }
  if (name === 'su' || name === 'runuser') {
    const at = suShell(command).code;
    if (at === undefined) {
      return undefined;
    }
    const code = command[at].replace(/^--(?:command|session-command)=/, '');
    return { code, from: skipped + at, to: skipped + at + 1, given: 'shell' };
  }
  if (name === 'ssh') {
    const host = sshHost(command);
    return host !== undefined && host + 1 < command.length
      ? { code: command.slice(host + 1).join(' '), from: skipped + host + 1, to: words.length, given: 'shell' }
      : undefined;
  }
  return undefined;
}

/**
 * `code` with each command substitution in it (`$(...)`, backticks) made what it prints, when that
 * is text echo or printf print (through commands that hand it on): `$(echo reboot)` gives `reboot`.
 * Undefined when no substitution in it prints such text.
 */
function substituted(code: string | undefined, limit: number): string | undefined {
  if (code === undefined || limit < 0) {
    return undefined;
  }
  let out = '';
  let found = false;
  for (let i = 0; i < code.length; i++) {
    const dollar = code[i] === '$' && code[i + 1] === '(';
    if (!dollar && code[i] !== '`') {
      out += code[i];
      continue;
    }
    const end = dollar ? balanced(code, i + 1) : closing(code, i + 1, '`', true);
    const inner = code.slice(dollar ? i + 2 : i + 1, end);
    const text = outputOf(simpleCommands(inner), limit - out.length);
    found ||= text !== undefined;
    out += text ?? code.slice(i, end + 1);
    i = end;
  }
  return found ? out : undefined;
}

/**
 * What `commands` (a substitution's) print to their output that is echo's or printf's text: each
 * printer whose pipe ends, through commands that hand it on, at the line's output. The shell drops
 * the trailing newlines. Undefined when none does.
 */
function outputOf(commands: readonly Simple[], limit: number): string | undefined {
  const handedOn = handedOnTo(commands);
  const texts: string[] = [];
  for (let k = 0; k < commands.length; k++) {
    const text = commands[handedOn[k]].piped ? undefined : printed(commands[k].words, limit);
    if (text !== undefined) {
      texts.push(text);
    }
  }
  return texts.length > 0 ? texts.join('\n').replace(/\n+$/, '') : undefined;
}

/** First words that open a compound command, and those that close one (see Simple.unconditional). */
const COMPOUND_OPENS: ReadonlySet<string> = new Set(['if', 'while', 'until', 'for', 'select', 'case', '{']);
const COMPOUND_CLOSES: ReadonlySet<string> = new Set(['fi', 'done', 'esac', '}']);

/**
 * A line's simple commands, split where the shell splits them: at `|`, `;`, `&`, a newline and
 * parentheses outside quotes. `$(...)`, `${...}` and backticks stay inside their word. One pass.
 */
function simpleCommands(line: string): Simple[] {
  const out: Simple[] = [];
  let words: string[] = [];
  let quoted: string[] = [];
  let substitutions: { at: number; code: string }[] = [];
  let stdin: Simple['stdin'];
  let hereString: string | undefined;
  let stdout: string | undefined;
  let literalDollar = false;
  let word: string | undefined;
  // What ended the command before this one ('' at the line's start), parentheses open, compound
  // commands open (by their first words), and whether a here-document has begun: see Simple.unconditional.
  let before = '';
  let parens = 0;
  let compound = 0;
  let hereDocument = false;
  /** The next word is a redirection's target (`> file`), not an argument. */
  let target = false;
  /** That target is a file read as the command's input (`< file`), or a here-string (`<<< text`), or its output's file. */
  let inputTarget: 'file' | 'hereString' | 'stdout' | undefined;
  const endWord = () => {
    if (word !== undefined && !target) {
      words.push(word);
    }
    if (word !== undefined) {
      if (inputTarget === 'file' && word !== '/dev/null') {
        stdin = 'file';
      } else if (inputTarget === 'hereString') {
        hereString = word;
      } else if (inputTarget === 'stdout') {
        stdout = word;
      }
      target = false;
      inputTarget = undefined;
    }
    word = undefined;
  };
  const endCommand = (piped: boolean, separator = '') => {
    endWord();
    target = false;
    inputTarget = undefined;
    // A file read with no command is still read (`$(< steps.sh)`).
    if (words.length > 0 || stdin === 'file') {
      const first = words[0] ?? '';
      const unconditional =
        (before === '' || before === ';' || before === '\n') &&
        parens === 0 &&
        compound === 0 &&
        !hereDocument &&
        !piped &&
        separator !== '&';
      compound += COMPOUND_OPENS.has(first) ? 1 : COMPOUND_CLOSES.has(first) ? -1 : 0;
      out.push({
        words,
        quoted,
        piped,
        substitutions,
        ...(stdin ? { stdin } : {}),
        ...(hereString !== undefined ? { hereString } : {}),
        ...(stdout !== undefined ? { stdout } : {}),
        ...(literalDollar ? { literalDollar } : {}),
        ...(unconditional ? { unconditional } : {}),
      });
      before = piped ? '|' : separator;
    } else if (separator !== '' || piped) {
      before = piped ? '|' : separator;
    }
    words = [];
    quoted = [];
    substitutions = [];
    stdin = undefined;
    hereString = undefined;
    stdout = undefined;
    literalDollar = false;
  };
  const add = (text: string) => {
    word = (word ?? '') + text;
  };
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    const next = line[i + 1];
    if (ch === ' ' || ch === '\t' || ch === '\r') {
      endWord();
    } else if (ch === '#' && word === undefined) {
      // A comment runs to the line's end.
      const end = line.indexOf('\n', i);
      i = (end < 0 ? line.length : end) - 1;
    } else if (ch === '|' && next === '|') {
      endCommand(false, '||');
      i++;
    } else if (ch === '|') {
      endCommand(true);
      if (next === '&') {
        i++;
      }
    } else if (ch === '&' && next === '>') {
      endWord();
      target = true;
      inputTarget = 'stdout';
      i += line[i + 2] === '>' ? 2 : 1;
    } else if ((ch === '<' || ch === '>') && next === '(') {
      // A process substitution is a file name whose contents its code prints (`bash <(curl -s x)`).
      const end = balanced(line, i + 1);
      add(line.slice(i, end + 1));
      substitutions.push({ at: words.length, code: line.slice(i + 2, end) });
      i = end;
    } else if (ch === '>' || ch === '<') {
      // `2>&1`, `>> log`, `<<< text`: the descriptor before and the target after are not arguments.
      const descriptor = word !== undefined && /^\d+$/.test(word) ? word : undefined;
      if (descriptor !== undefined) {
        word = undefined;
      }
      endWord();
      if (ch === '<' && (descriptor ?? '0') === '0') {
        // `<<EOF`, `<<-EOF` and `<<< text` give it text the line holds; `<&3` another descriptor.
        if (next === '<') {
          stdin = 'text';
          inputTarget = line[i + 2] === '<' ? 'hereString' : undefined;
          hereDocument ||= line[i + 2] !== '<';
        } else if (next !== '&') {
          inputTarget = 'file';
        }
      } else if (ch === '>' && (descriptor ?? '1') === '1' && next !== '&') {
        inputTarget = 'stdout';
      }
      while (line[i + 1] === '>' || line[i + 1] === '<' || line[i + 1] === '&' || line[i + 1] === '|') {
        i++;
      }
      target = true;
    } else if (';&\n()'.includes(ch)) {
      endCommand(false, ch === '&' && next === '&' ? '&&' : ch);
      if (ch === '&' && next === '&') {
        i++;
      }
      parens += ch === '(' ? 1 : ch === ')' ? -1 : 0;
    } else if (ch === '\\') {
      literalDollar ||= next === '$';
      add(next ?? '');
      i++;
    } else if (ch === "'") {
      const end = closing(line, i + 1, "'");
      const text = line.slice(i + 1, end);
      literalDollar ||= text.includes('$');
      add(text);
      quoted.push(text);
      i = end;
    } else if (ch === '$' && next === "'") {
      const end = closing(line, i + 2, "'", true);
      const text = unescaped(line.slice(i + 2, end).replace(/\\'/g, "'"));
      literalDollar ||= text.includes('$');
      add(text);
      quoted.push(text);
      i = end;
    } else if (ch === '"') {
      const end = closingDouble(line, i + 1, (code) => substitutions.push({ at: words.length, code }));
      const raw = line.slice(i + 1, end);
      literalDollar ||= raw.includes('\\$');
      const text = raw.replace(/\\([\\"$`])/g, '$1');
      add(text);
      quoted.push(text);
      i = end;
    } else if (ch === '$' && (next === '(' || next === '{')) {
      const end = balanced(line, i + 1);
      add(line.slice(i, end + 1));
      if (next === '(') {
        substitutions.push({ at: words.length, code: line.slice(i + 2, end) });
      }
      i = end;
    } else if (ch === '`') {
      const end = closing(line, i + 1, '`', true);
      add(line.slice(i, end + 1));
      substitutions.push({ at: words.length, code: line.slice(i + 1, end) });
      i = end;
    } else {
      add(ch);
    }
  }
  endCommand(false);
  return out;
}

/** Where the quote closing a string that starts at `from` is (the line's length if none). */
function closing(line: string, from: number, quote: string, escapes = false): number {
  for (let i = from; i < line.length; i++) {
    if (escapes && line[i] === '\\') {
      i++;
    } else if (line[i] === quote) {
      return i;
    }
  }
  return line.length;
}

/**
 * Where the double quote closing a string that starts at `from` is (the line's length if none): a
 * substitution inside is passed over whole, so its own quotes do not end the string
 * (`"$(echo "reboot" | sh)"`), and its code handed to `substitution`.
 */
function closingDouble(line: string, from: number, substitution: (code: string) => void): number {
  for (let i = from; i < line.length; i++) {
    if (line[i] === '\\') {
      i++;
    } else if (line[i] === '"') {
      return i;
    } else if (line[i] === '$' && line[i + 1] === '(') {
      const end = balanced(line, i + 1);
      substitution(line.slice(i + 2, end));
      i = end;
    } else if (line[i] === '`') {
      const end = closing(line, i + 1, '`', true);
      substitution(line.slice(i + 1, end));
      i = end;
    }
  }
  return line.length;
}

/** Where the bracket opened at `open` closes, counting nested ones (the line's end if it never does). */
function balanced(line: string, open: number): number {
  const [opening, closer] = line[open] === '(' ? ['(', ')'] : ['{', '}'];
  let depth = 0;
  for (let i = open; i < line.length; i++) {
    if (line[i] === opening) {
      depth++;
    } else if (line[i] === closer && --depth === 0) {
      return i;
    }
  }
  return line.length - 1;
}

/** `\n`, `\t` and `\\` as echo -e, dash's echo and printf read them: a `\n` starts another command. */
function unescaped(text: string): string {
  return text.replace(/\\([\\nt])/g, (_, c: string) => (c === 'n' ? '\n' : c === 't' ? '\t' : '\\'));
}

/** A printf conversion: `%s`, `%-10s`, `%b`, `%d`, or `%%`. */
const CONVERSION = /%(?:%|[-+ #0-9.]*[a-zA-Z])/g;

/** What an echo or printf command prints (up to about `limit` characters), or undefined for any other command. */
function printed(words: readonly string[], limit: number): string | undefined {
  const command = afterPrefix(words);
  const name = programName(command.words[0]);
  if (name === 'echo') {
    let k = 1;
    while (k < command.words.length && /^-[neE]+$/.test(command.words[k])) {
      k++;
    }
    return unescaped(command.words.slice(k).join(' '));
  }
  if (name !== 'printf') {
    return undefined;
  }
  const k = command.words[1] === '--' ? 2 : 1;
  const format = command.words[k];
  if (format === undefined || format.startsWith('-')) {
    return undefined; // `printf -v name` sets a variable and prints nothing
  }
  // The format is used again while arguments are left, as printf does.
  const args = command.words.slice(k + 1);
  let next = 0;
  let out = '';
  for (;;) {
    let converted = false;
    out += format.replace(CONVERSION, (c) => {
      if (c === '%%') {
        return '%';
      }
      converted = true;
      return args[next++] ?? '';
    });
    if (!converted || next >= args.length || out.length > limit) {
      return unescaped(out);
    }
  }
}

/** The shells that run what they read: `sh`, `bash`, `zsh` and the like. */
const SHELLS: ReadonlySet<string> = new Set(['sh', 'bash', 'zsh', 'dash', 'ksh', 'mksh', 'ash', 'yash']);

/** sudo's and doas's options that take the next word as their value (`-u postgres`). */
const SUDO_VALUE_OPTIONS = /^-[ugpChDrtTUa]$/;

/**
 * A program that runs the command written after its own options and operands, as it is: `nice -n
 * 10 sh`, `timeout 60 bash`, `chroot /host bash`, `nsenter -t 1 -m -- bash`, `busybox sh`.
 */
interface Wrapper {
  /** Its options that take the next word as their value (`-n 10`, `-s KILL`). */
  readonly valued?: RegExp;
  /** How many words after its options come before the command (timeout's duration, chroot's root). */
  readonly operands?: number;
  /** Options after which it runs no command (`ionice -p PID`, `command -v sh`). */
  readonly noCommand?: RegExp;
  /** With no command it starts the user's shell, which reads its input (`chroot /host`, `nsenter -t 1 -a`). */
  readonly shellWhenBare?: boolean;
}

const WRAPPERS: Readonly<Record<string, Wrapper>> = {
  nice: { valued: /^(?:-n|--adjustment)$/ },
  nohup: {},
  setsid: {},
  busybox: {},
  timeout: { valued: /^(?:-s|-k|--signal|--kill-after)$/, operands: 1 },
  chroot: { valued: /^(?:--userspec|--groups)$/, operands: 1, shellWhenBare: true },
  nsenter: { valued: /^(?:-t|--target|-S|--setuid|-G|--setgid)$/, shellWhenBare: true },
  ionice: { valued: /^(?:-c|-n|--class|--classdata)$/, noCommand: /^(?:-[A-Za-z]*[pPu][A-Za-z]*|--pid|--pgid|--uid)$/ },
  taskset: { operands: 1, noCommand: /^(?:-[A-Za-z]*p[A-Za-z]*|--pid)$/ },
  // `-oL`, `-o L`, `--output=L`: the buffering, then the command run.
  stdbuf: { valued: /^-[ioe]$/ },
  time: { valued: /^(?:-o|-f|--output|--format)$/ },
  exec: { valued: /^-a$/ },
  command: { noCommand: /^-[A-Za-z]*[vV]/ },
};

/** su's and runuser's options that take the next word as their value (`-s /bin/bash`, `-c CODE`). */
const SU_VALUE_OPTIONS = /^(?:-[cgGswu]|--(?:command|session-command|shell|group|supp-group|whitelist-environment|user))$/;

/** su's and runuser's options that give the shell code to run (`su - postgres -c CODE`). */
const SU_CODE_OPTIONS = /^(?:-c|--command|--session-command)$/;

/**
 * Reserved words a command may follow in the same simple command, as the line splits them: a
 * compound command's (`then sh -c "$CMD"`, `do ssh "$h" "$CMD"`, `{ sh -c …`) or a pipeline's `!`.
 */
export const RESERVED_BEFORE: ReadonlySet<string> = new Set(['if', 'then', 'else', 'elif', 'while', 'until', 'do', '{', '!']);

/**
 * The command `words` run once the words before it that only set how it runs are passed over:
 * `sudo` or `doas` and their options, `env` and `NAME=value` settings, and the programs that run
 * the command after them as it is (see WRAPPERS; `runuser -u USER -- CMD` too). `shell` says sudo
 * was asked for a shell (`sudo -s`, `sudo -i`), or chroot or nsenter given no command, which with no
 * command after it reads its input.
 */
function afterPrefix(words: readonly string[]): { words: readonly string[]; shell: boolean } {
  let k = 0;
  let shell = false;
  while (k < words.length) {
    const name = programName(words[k]);
    const wrapper = own(WRAPPERS, name) ?? (name === 'runuser' && runuserRuns(words.slice(k)) ? RUNUSER : undefined);
    if (/^[A-Za-z_]\w*=/.test(words[k]) || (RESERVED_BEFORE.has(words[k]) && k + 1 < words.length)) {
      k++;
    } else if (name === 'sudo' || name === 'doas' || name === 'env') {
      k++;
      while (k < words.length && words[k].startsWith('-')) {
        if (words[k] === '--') {
          k++;
          break;
        }
        shell ||= name !== 'env' && /^-[A-Za-z]*[si]/.test(words[k]);
        k += SUDO_VALUE_OPTIONS.test(words[k]) || (name === 'env' && words[k] === '-u') ? 2 : 1;
      }
    } else if (wrapper !== undefined) {
      const options = afterOptions(words, k + 1, (w) => wrapper.valued?.test(w) ?? false);
      if (wrapper.noCommand && words.slice(k + 1, options).some((w) => wrapper.noCommand?.test(w))) {
        return { words: [], shell };
      }
      k = Math.min(options + (words[options] === '--' ? 1 : 0) + (wrapper.operands ?? 0), words.length);
      shell ||= k === words.length && wrapper.shellWhenBare === true;
    } else {
      break;
    }
  }
  return { words: words.slice(k), shell };
}

/** runuser given a user with `-u` runs the command after its options as it is; without, it is su. */
const RUNUSER: Wrapper = { valued: SU_VALUE_OPTIONS };

/** Whether runuser's `words` (its name first) name the user with `-u`, so that a command follows (see RUNUSER). */
function runuserRuns(words: readonly string[]): boolean {
  const end = afterOptions(words, 1, (w) => SU_VALUE_OPTIONS.test(w));
  return words.slice(1, end).some((w) => /^(?:-u|--user(?:=.*)?)$/.test(w));
}

/**
 * What su, or runuser without `-u` (`words`, its name first), hands the user's shell: the index of
 * the code its `-c` gives (`su - postgres -c CODE`), and the words after the user, which the shell
 * takes as its own arguments. Its options may come anywhere, as getopt reads them.
 */
function suShell(words: readonly string[]): { code?: number; args: readonly string[] } {
  let code: number | undefined;
  let user = false;
  const args: string[] = [];
  for (let k = 1; k < words.length; k++) {
    const word = words[k];
    if (word === '--') {
      args.push(...words.slice(k + 1 + (user ? 0 : 1)));
      break;
    }
    if (SU_CODE_OPTIONS.test(word)) {
      code = k + 1;
      k++;
    } else if (/^--(?:command|session-command)=/.test(word)) {
      return { code: k, args }; // the code is in the word: read it whole
    } else if (SU_VALUE_OPTIONS.test(word)) {
      k++;
    } else if (word.startsWith('-')) {
      // `-` is a login shell; `-l`, `-m` and the like are flags.
    } else if (!user) {
      user = true;
    } else {
      args.push(word);
    }
  }
  return { code: code !== undefined && code < words.length ? code : undefined, args };
}

/**
 * Interpreters that run a program they read from their input when they are given no script and no
 * code (`curl -fsSL https://bootstrap.pypa.io/get-pip.py | python3`, `… | perl`, `… | node -`), each
 * with the options that give them code or a module instead (`python3 -c CODE`, `python3 -m
 * json.tool`, `perl -ne CODE`, `node -e CODE`) and the options that take the next word as a value.
 */
const INTERPRETERS: Readonly<Record<string, { readonly code: RegExp; readonly valued: RegExp }>> = {
  python: { code: /^-[A-Za-z]*[cm]/, valued: /^-[WXQ]$/ },
  // perl's options take their values in the same word (`-Ilib`, `-Mstrict`): none takes the next.
  perl: { code: /^-[A-Za-z]*[eE]/, valued: /^$/ },
  ruby: { code: /^-[A-Za-z]*e/, valued: /^-[rIC]$/ },
  node: {
    code: /^(?:-[A-Za-z]*[ep][A-Za-z]*|--eval|--print|--eval=.*|--print=.*)$/,
    valued: /^(?:-r|--require|--import|--loader|-C|--conditions)$/,
  },
};

/** Which of INTERPRETERS a program is (`python3.12` is python, `nodejs` node), or undefined. */
function interpreter(name: string): (typeof INTERPRETERS)[string] | undefined {
  return own(INTERPRETERS, name.replace(/^python[\d.]*$/, 'python').replace(/^nodejs$/, 'node'));
}

/**
 * What a shell or an interpreter runs, by its arguments: the commands it reads from its input, code
 * given as a word (`sh -c CODE`, `python3 -m json.tool`), or a script file (`sh fix.sh`).
 */
type Runs = { readonly from: 'input' | 'code' } | { readonly from: 'script'; readonly script: string };

const RUNS_INPUT: Runs = { from: 'input' };
const RUNS_CODE: Runs = { from: 'code' };

/** Whether what `runs` says is run comes from the input: read from it, or a script that is it (`sh /dev/stdin`). */
function fromInput(runs: Runs): boolean {
  return runs.from === 'input' || (runs.from === 'script' && STDIN_FILES.has(runs.script));
}

/** What an interpreter given `args` (with `spec`'s options) runs (see Runs). */
function programRuns(args: readonly string[], spec: (typeof INTERPRETERS)[string]): Runs {
  for (let k = 0; k < args.length; k++) {
    const arg = args[k];
    if (arg === '-') {
      return RUNS_INPUT; // the words after are the program's arguments
    }
    if (arg === '--') {
      return k === args.length - 1 ? RUNS_INPUT : { from: 'script', script: args[k + 1] };
    }
    if (!arg.startsWith('-')) {
      return { from: 'script', script: arg };
    }
    if (spec.code.test(arg)) {
      return RUNS_CODE; // the code or module given, not its input
    }
    if (spec.valued.test(arg)) {
      k++;
    }
  }
  return RUNS_INPUT;
}

/**
 * Whether `command` runs a file an earlier command of its line saved a download to (`downloaded`,
 * see downloadedTo), as the line writes it: as unseen as `curl … | sh` (`curl -fsSLo install.sh
 * https://x && sh install.sh`, `wget -O /tmp/fix.sh https://x; bash /tmp/fix.sh`, `curl -s
 * https://x > fix.py && python3 fix.py`, `… && chmod +x f && ./f`, `. ./env.sh`). Undefined when it
 * does not. A file named two ways (`f` and `/tmp/../f`) is not followed.
 */
function downloadedRun(command: Simple, downloaded: ReadonlySet<string>): Unseen | undefined {
  const file = downloaded.size > 0 ? ranFile(command.words) : undefined;
  return file !== undefined && downloaded.has(plainPath(file)) ? { shown: command.words.join(' '), from: 'fetched' } : undefined;
}

/** `./x` and `x` are one file. */
function plainPath(file: string): string {
  return file.replace(/^(?:\.\/+)+/, '');
}

/** curl's short options that take a value (`-H`, `-d`, `-u`...), in a cluster or the next word; `-o` is read apart. */
const CURL_VALUED = 'AbcCdDeEFHKmQrTuUwxXyYz';

/** The files curl or wget (`command`, maybe after sudo and the like) saves a download to. */
function downloadedTo(command: Simple): string[] {
  const words = afterPrefix(command.words).words;
  const name = programName(words[0]);
  if (name !== 'curl' && name !== 'wget') {
    return [];
  }
  const files: string[] = [];
  let remoteName = name === 'wget';
  for (let k = 1; k < words.length; k++) {
    const word = words[k];
    const long = /^--(output|output-document|remote-name)(?:=(.*))?$/.exec(word);
    if (long) {
      if (long[1] === 'remote-name') {
        remoteName = true;
      } else {
        files.push(long[2] ?? words[++k] ?? '');
        remoteName = false;
      }
      continue;
    }
    if (!/^-[A-Za-z]/.test(word)) {
      continue;
    }
    // A cluster of short options: the one that takes a value takes the rest of the word, or the next.
    for (let i = 1; i < word.length; i++) {
      const letter = word[i];
      const output = name === 'curl' ? letter === 'o' : letter === 'O';
      if (output || (name === 'curl' && CURL_VALUED.includes(letter))) {
        const value = i + 1 < word.length ? word.slice(i + 1) : words[++k];
        if (output && value !== undefined) {
          files.push(value);
          remoteName = false;
        }
        break;
      }
      remoteName ||= name === 'curl' && letter === 'O';
    }
  }
  if (remoteName) {
    const url = words.find((w) => /^[a-z][a-z0-9+.-]*:\/\//i.test(w));
    const base = url?.replace(/[?#].*$/, '').replace(/^.*\//, '');
    if (base) {
      files.push(base);
    }
  }
  if (command.stdout !== undefined) {
    files.push(command.stdout);
  }
  return files.filter((f) => f !== '' && f !== '-');
}

/**
 * The script file `words` run: a shell's or an interpreter's script (`sh install.sh`, `python3
 * fix.py`), what source or `.` reads, or the command itself when it is a path (`./install.sh`,
 * `sudo /tmp/fix.sh`). Undefined for none.
 */
function ranFile(words: readonly string[]): string | undefined {
  const command = afterPrefix(words).words;
  const name = programName(command[0]);
  if (name === 'source' || name === '.') {
    return command[1];
  }
  const program = interpreter(name);
  const runs = SHELLS.has(name) ? shellRuns(command.slice(1)) : program ? programRuns(command.slice(1), program) : undefined;
  if (runs !== undefined) {
    return runs.from === 'script' ? runs.script : undefined;
  }
  return command[0]?.includes('/') ? command[0] : undefined;
}

/**
 * PowerShell's options that take the next word as their value, by any prefix it accepts:
 * -ExecutionPolicy (`-ex`, `-ep`), -OutputFormat, -InputFormat, -WorkingDirectory, -SettingsFile,
 * -ConfigurationName, -CustomPipeName, -WindowStyle, -Version.
 */
const PWSH_VALUE_OPTIONS = /^-(?:ex\w*|ep|o\w*|in(?:putformat)?|if|wd|wo\w*|settings\w*|conf\w*|custom\w*|w|win\w*|v|ver\w*)$/i;

/**
 * Whether PowerShell (pwsh or powershell), given `args`, runs the commands it reads from its input:
 * `-` or `-Command -` (`-File -` alike), or nothing to run at all (`curl -s x | pwsh`). Not with a
 * command or script given, nor -EncodedCommand (a rule of its own: see destructive.ts).
 */
function pwshReadsInput(args: readonly string[]): boolean {
  for (let k = 0; k < args.length; k++) {
    const arg = args[k];
    if (arg === '-') {
      return true;
    }
    if (/^-(?:c|co\w*|f|fi\w*)$/i.test(arg)) {
      return args[k + 1] === '-';
    }
    if (!arg.startsWith('-') || /^-(?:e|ec|en\w*)$/i.test(arg)) {
      return false;
    }
    k += PWSH_VALUE_OPTIONS.test(arg) ? 1 : 0;
  }
  return true;
}

/**
 * Whether at or batch, given `args`, schedule the commands they read from their input (`echo reboot
 * | at now`): not with `-f FILE`, nor when they list, remove or print jobs (`-l`, `-r`, `-d`, `-c`).
 * `-q` and `-t` take a value, in the same word or the next.
 */
function atReadsInput(args: readonly string[]): boolean {
  for (let k = 0; k < args.length; k++) {
    const arg = args[k];
    for (let i = 1; arg.startsWith('-') && i < arg.length; i++) {
      if ('flrdc'.includes(arg[i])) {
        return false;
      }
      if (arg[i] === 'q' || arg[i] === 't') {
        k += i === arg.length - 1 ? 1 : 0;
        break;
      }
    }
  }
  return true;
}

/** ssh's options that take the next word as their value (`-i key`, `-p 2222`, `-o Opt=value`). */
export const SSH_VALUE_OPTIONS = 'BbcDEeFIiJLlmOopQRSWw';

/**
 * Whether the command `words` runs what it reads as commands: a shell reading its input (`sh`,
 * `bash -s`, `sudo -u app bash`, `sudo -i`), ssh with no remote command or a remote shell (`ssh h`,
 * `ssh h sudo bash`), one in a container or pod given the input (`docker exec -i c sh`,
 * `kubectl exec -i pod -- bash -s`), `source /dev/stdin`, or xargs handing each line to `sh -c`
 * (`xargs -I{} sh -c {}`). Containers are looked into MAX_EXEC_NESTING deep (`kubectl exec -i pod --
 * docker exec -i c sh`); past that, the command is taken to run its input: the safe error, and
 * no run of `kubectl exec -i p --` costs a pass over the rest of the line each.
 */
function runsInput(words: readonly string[], execs = 0): boolean {
  const { words: command, shell } = afterPrefix(words);
  if (command.length === 0) {
    return shell;
  }
  const name = programName(command[0]);
  if (SHELLS.has(name)) {
    return fromInput(shellRuns(command.slice(1)));
  }
  if (name === 'source' || name === '.') {
    // fish's source with no file reads its input (`curl -sL x | source`); bash's and zsh's need one.
    return command[1] === undefined || STDIN_FILES.has(command[1]);
  }
  if (name === 'su' || name === 'runuser') {
    // The user's shell, given no code: it reads its input (`curl -s x | su -`, `… | su postgres`).
    const { code, args } = suShell(command);
    return code === undefined && fromInput(shellRuns(args));
  }
  if (/^(?:pwsh|powershell)(?:\.exe)?$/i.test(name)) {
    return pwshReadsInput(command.slice(1));
  }
  if (name === 'at' || name === 'batch') {
    return atReadsInput(command.slice(1));
  }
  const program = interpreter(name);
  if (program !== undefined) {
    return fromInput(programRuns(command.slice(1), program));
  }
  const exec = execIn(command);
  if (exec !== undefined) {
    return exec.input && (execs >= MAX_EXEC_NESTING || runsInput(exec.command, execs + 1));
  }
  if (name === 'ssh') {
    const remote = sshRemote(command)?.join(' ');
    return remote !== undefined && (remote.trim() === '' || simpleCommands(remote).some((c) => runsInput(c.words)));
  }
  if (name === 'xargs') {
    return xargsRunsEach(command.slice(1));
  }
  return false;
}

/**
 * The remote command of ssh's `words` (ssh first), which the remote shell reads as one line: the
 * words after its options and the host. Undefined when no host is named.
 */
function sshRemote(command: readonly string[]): readonly string[] | undefined {
  const host = sshHost(command);
  return host === undefined ? undefined : command.slice(host + 1);
}

/** Where ssh's `words` (ssh first) name the host, after its options; undefined when they do not. */
function sshHost(command: readonly string[]): number | undefined {
  let k = 1;
  while (k < command.length && command[k].startsWith('-')) {
    const letters = command[k].slice(1);
    const valued = [...letters].findIndex((c) => SSH_VALUE_OPTIONS.includes(c));
    k += valued === letters.length - 1 ? 2 : 1;
  }
  return k < command.length ? k : undefined;
}

/** How many containers in a row runsInput follows a command into. */
const MAX_EXEC_NESTING = 2;

/** The names a process reads its own input by. */
const STDIN_FILES: ReadonlySet<string> = new Set(['/dev/stdin', '/dev/fd/0', '/proc/self/fd/0']);

/**
 * The container CLIs that take docker's words (`exec`, `run`, `rm`, `compose`, `container stop`): the
 * destructive rules build their patterns from this list too. crictl's words are the kubelet's, apart.
 */
export const DOCKER_LIKE: readonly string[] = ['docker', 'podman', 'nerdctl'];

/**
 * docker's, podman's and nerdctl's options before their verb that take the next word as their value
 * (`-H host`, `--connection c`, nerdctl's `-n k8s.io`), from their references.
 */
const DOCKER_VALUE_OPTIONS: ReadonlySet<string> = new Set(
  [
    ['-H', '--host', '-c', '--context', '--config', '-l', '--log-level'],
    ['--connection', '--url', '--identity', '--root', '--runroot', '--storage-driver', '--cgroup-manager', '--tmpdir'],
    ['-n', '--namespace', '-a', '--address', '--snapshotter', '--data-root', '--cni-path', '--cni-netconfpath'],
  ].flat(),
);

/** docker compose's options before its verb that take the next word as their value. */
const COMPOSE_VALUE_OPTIONS: ReadonlySet<string> = new Set([
  '-f',
  '--file',
  '-p',
  '--project-name',
  '--env-file',
  '--profile',
  '--project-directory',
]);

/** docker exec's and compose exec's options that take the next word as their value (`-u root`, `-e X=1`). */
const EXEC_VALUE_OPTIONS: ReadonlySet<string> = new Set(['--env', '--env-file', '--user', '--workdir', '--detach-keys', '--index']);

/**
 * docker run's and podman run's long options that take the next word as their value (`--name n`,
 * `--network n`, `--entrypoint sh`); their short ones are RUN_SHORT_VALUED. Any other is taken to
 * be a flag. Both tools' options, from their run references.
 */
const RUN_VALUE_OPTIONS: ReadonlySet<string> = new Set(
  [
    'add-host annotation arch attach authfile blkio-weight blkio-weight-device cap-add cap-drop cert-dir cgroup-conf',
    'cgroup-parent cgroupns cgroups chrootdirs cidfile conmon-pidfile cpu-count cpu-percent cpu-period cpu-quota',
    'cpu-rt-period cpu-rt-runtime cpu-shares cpus cpuset-cpus cpuset-mems creds decryption-key detach-keys device',
    'device-cgroup-rule device-read-bps device-read-iops device-write-bps device-write-iops dns dns-opt dns-option',
    'dns-search domainname entrypoint env env-file env-merge expose gidmap gpus group-add group-entry health-cmd',
    'health-interval health-log-destination health-max-log-count health-max-log-size health-on-failure health-retries',
    'health-start-interval health-start-period health-startup-cmd health-startup-interval health-startup-retries',
    'health-startup-success health-startup-timeout health-timeout hostname hostuser hosts-file image-volume init-path',
    'io-maxbandwidth io-maxiops ip ip6 ipc isolation kernel-memory label label-file link link-local-ip log-driver',
    'log-opt mac-address memory memory-reservation memory-swap memory-swappiness mount name net net-alias network',
    'network-alias oom-score-adj os passwd-entry personality pid pidfile pids-limit platform pod pod-id-file',
    'preserve-fds publish pull rdt-class requires restart retry retry-delay runtime sdnotify seccomp-policy secret',
    'security-opt shm-size shm-size-systemd stop-signal stop-timeout storage-opt subgidname subuidname sysctl systemd',
    'timeout tmpfs tz uidmap ulimit umask user userns uts variant volume volume-driver volumes-from workdir',
  ]
    .join(' ')
    .split(' ')
    .map((option) => `--${option}`),
);

/**
 * docker run's, podman run's and compose run's long options that take no value (`--rm`, `--init`):
 * any other long option missing from RUN_VALUE_OPTIONS may take one (see runIn).
 */
const RUN_FLAGS: ReadonlySet<string> = new Set(
  [
    'build detach disable-content-trust env-host help http-proxy init interactive no-deps no-healthcheck no-hosts',
    'no-TTY oom-kill-disable passwd privileged publish-all quiet quiet-pull read-only read-only-tmpfs remove-orphans',
    'replace rm rmi rootfs service-ports sig-proxy tls-verify tty use-aliases use-api-socket',
  ]
    .join(' ')
    .split(' ')
    .map((option) => `--${option}`),
);

/** docker run's and podman run's short options that take a value, alone or last of a cluster (`-v a:b`, `-itw /srv`). */
const RUN_SHORT_VALUED = /^-[A-Za-z]*[acehlmpuvw]$/;

/**
 * docker compose run's long options that take the next word as their value (`--name n`, `--pull never`),
 * from its reference; its short ones are COMPOSE_RUN_SHORT_VALUED.
 */
const COMPOSE_RUN_VALUE_OPTIONS: ReadonlySet<string> = new Set(
  ['cap-add', 'cap-drop', 'entrypoint', 'env', 'env-from-file', 'label', 'name', 'publish', 'pull', 'user', 'volume', 'workdir'].map(
    (option) => `--${option}`,
  ),
);

/** docker compose run's short options that take a value, alone or last of a cluster (`-e X=1`, `-Tv a:b`). */
const COMPOSE_RUN_SHORT_VALUED = /^-[A-Za-z]*[elpuvw]$/;

/** An option that hands a container's command the input: `-i` (maybe with others, `-it`), `--interactive`, `--stdin`. */
function interactive(option: string): boolean {
  return /^-[A-Za-z]*i[A-Za-z]*$/.test(option) || /^--(?:interactive|stdin)(?:=true)?$/.test(option);
}

/**
 * Whether a docker, podman or compose option detaches the command (`-d`, `-dit`, `--detach`): the
 * client then returns at once and hands it none of its input, `-i` or not (`docker run -di img sh < x`).
 */
function detached(option: string): boolean {
  return /^-[A-Za-z]*d[A-Za-z]*$/.test(option) || /^--detach(?:=true)?$/.test(option);
}

/** The index of the first of `words` after `from` that is not an option or a value of one in `valued`. */
function afterOptions(words: readonly string[], from: number, valued: (option: string) => boolean): number {
  let k = from;
  while (k < words.length && words[k].startsWith('-') && words[k] !== '--') {
    k += !words[k].includes('=') && valued(words[k]) ? 2 : 1;
  }
  return k;
}

/**
 * The command `command` (docker, podman, nerdctl, their compose, oc or kubectl first) runs in a
 * container or pod, and whether it is given the input: `docker exec -i c CMD`, `docker compose exec web CMD` (compose's
 * exec always hands on its input), `kubectl exec -i pod -- CMD` (`-i` or `--stdin`, maybe with `-t`);
 * or in a new one: `docker run -i IMAGE CMD` (podman's alike; with `--entrypoint E`, E then the
 * words after the image), `docker compose run SERVICE CMD` (like compose's exec, always given the
 * input), `kubectl run -i NAME --image=IMAGE -- CMD`, `kubectl debug -i node/x --image=IMAGE -- CMD`
 * (`oc debug -t node/x -- CMD`: see below). Without `-i` the command reads
 * no input (`kubectl exec pod -- sh < x` runs nothing from x). Undefined for anything else, and for
 * a new container running its image's own command (`docker run -i img < x`): which that is, the line
 * does not say.
 */
function execIn(command: readonly string[]): { command: readonly string[]; input: boolean } | undefined {
  const name = programName(command[0]);
  if (name === 'kubectl' || name === 'oc') {
    const dash = command.indexOf('--');
    const options = dash < 0 ? [] : command.slice(1, dash);
    if (!options.includes('exec') && !options.includes('run') && !options.includes('debug')) {
      return undefined;
    }
    // oc debug has no -i: it hands its command the input when a terminal is forced (-t) or refused
    // (-T), unless -I (--no-stdin) says not to.
    const ocDebug = name === 'oc' && options.includes('debug') && !options.includes('exec') && !options.includes('run');
    const input = ocDebug
      ? options.some((w) => /^-[A-Za-z]*[tT][A-Za-z]*$/.test(w) || /^--(?:no-)?tty(?:=true)?$/.test(w)) &&
        !options.some((w) => /^-[A-Za-z]*I[A-Za-z]*$/.test(w) || /^--no-stdin(?:=true)?$/.test(w))
      : options.some(interactive);
    return { command: command.slice(dash + 1), input };
  }
  let k: number;
  let compose = name.endsWith('-compose') && DOCKER_LIKE.includes(name.slice(0, -'-compose'.length));
  if (compose) {
    k = 1;
  } else if (DOCKER_LIKE.includes(name)) {
    k = afterOptions(command, 1, (w) => DOCKER_VALUE_OPTIONS.has(w));
    compose = command[k] === 'compose';
    k += compose || command[k] === 'container' ? 1 : 0;
  } else {
    return undefined;
  }
  if (compose) {
    k = afterOptions(command, k, (w) => COMPOSE_VALUE_OPTIONS.has(w));
  }
  if (command[k] === 'run') {
    return compose
      ? runIn(command, k + 1, (w) => COMPOSE_RUN_VALUE_OPTIONS.has(w) || COMPOSE_RUN_SHORT_VALUED.test(w), true)
      : runIn(command, k + 1, (w) => RUN_VALUE_OPTIONS.has(w) || RUN_SHORT_VALUED.test(w), false);
  }
  if (command[k] !== 'exec') {
    return undefined;
  }
  const start = k + 1;
  const at = afterOptions(command, start, (w) => EXEC_VALUE_OPTIONS.has(w) || /^-[A-Za-z]*[euw]$/.test(w));
  const options = command.slice(start, at);
  const input = (compose || options.some(interactive)) && !options.some(detached);
  // The container (or compose's service) is the word after the options; its command follows.
  return at + 1 < command.length ? { command: command.slice(at + 1), input } : undefined;
}

/**
 * The command docker run's, podman run's or compose run's `command` runs, its options starting at
 * `start` (`valued` says which take the next word as their value), and whether it is given the input
 * (see execIn; `alwaysInput` for compose's): the words after the image or service, after the
 * entrypoint if one is set. Undefined when neither is written.
 */
function runIn(
  command: readonly string[],
  start: number,
  valued: (option: string) => boolean,
  alwaysInput: boolean,
): { command: readonly string[]; input: boolean } | undefined {
  let at = afterOptions(command, start, valued);
  // A long option missing from the tables that takes a value (a newer release's) leaves its value
  // where the image would be: an option right after that word says the options go on.
  while (
    at > start &&
    at + 1 < command.length &&
    /^--[^=]+$/.test(command[at - 1]) &&
    !valued(command[at - 1]) &&
    !RUN_FLAGS.has(command[at - 1]) &&
    /^-./.test(command[at + 1]) &&
    command[at + 1] !== '--'
  ) {
    at = afterOptions(command, at + 1, valued);
  }
  const options = command.slice(start, at);
  at += command[at] === '--' ? 1 : 0;
  let entrypoint: string | undefined;
  options.forEach((option, i) => {
    if (option === '--entrypoint') {
      entrypoint = options[i + 1];
    } else if (option.startsWith('--entrypoint=')) {
      entrypoint = option.slice('--entrypoint='.length);
    }
  });
  // The image is the word after the options; its command follows.
  const run = [...(entrypoint ? [entrypoint] : []), ...command.slice(at + 1)];
  const input = (alwaysInput || options.some(interactive)) && !options.some(detached);
  return at < command.length && run.length > 0 ? { command: run, input } : undefined;
}

/** What a shell given `args` runs (see Runs): its input with no script file and no `-c` (`sh`, `bash -s`, `sh -`). */
function shellRuns(args: readonly string[]): Runs {
  for (let k = 0; k < args.length; k++) {
    const arg = args[k];
    if (arg === '-s' || arg === '-') {
      return RUNS_INPUT; // the words after are the script's arguments
    }
    if (arg === '--') {
      return k === args.length - 1 ? RUNS_INPUT : { from: 'script', script: args[k + 1] };
    }
    if (arg === '-o' || arg === '+o' || arg === '-O' || arg === '+O') {
      k++;
    } else if (/^-[A-Za-z]*c/.test(arg)) {
      return RUNS_CODE; // runs the word given, not its input
    } else if (!/^[-+]/.test(arg)) {
      return { from: 'script', script: arg };
    }
  }
  return RUNS_INPUT;
}

/**
 * xargs running `sh -c` on what it reads: with a replacement string as the code (`xargs -I{} sh -c
 * {}`), each line it reads is run as a command; with no code after `-c` (`xargs -0 sh -c`), the
 * first word it hands on is.
 */
function xargsRunsEach(args: readonly string[]): boolean {
  let replace: string | undefined;
  let k = 0;
  for (; k < args.length && args[k].startsWith('-'); k++) {
    const arg = args[k];
    if (arg === '--') {
      k++;
      break;
    }
    const short = /^-([IiadELnPs])(.*)$/.exec(arg);
    if (short?.[1] === 'I') {
      replace = short[2] || args[++k];
    } else if (short?.[1] === 'i') {
      replace = short[2] || '{}';
    } else if (short && short[2] === '' && short[1] !== 'i') {
      k++; // the option's value is the next word
    } else if (arg.startsWith('--replace')) {
      replace = arg.split('=')[1] ?? '{}';
    }
  }
  const command = afterPrefix(args.slice(k)).words;
  if (!SHELLS.has(programName(command[0]))) {
    return false;
  }
  const c = command.findIndex((w, i) => i > 0 && /^-[A-Za-z]*c$/.test(w));
  return c > 0 && (c === command.length - 1 || (replace !== undefined && command[c + 1] === replace));
}
