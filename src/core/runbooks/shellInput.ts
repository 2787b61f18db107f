// What a command line hands a shell on its input to run: the text echo or printf print into a pipe
// that a shell reads (`echo reboot | sh`, `printf 'systemctl stop nginx\n' | ssh db-1 sudo bash`),
// maybe through commands that hand it on (`echo reboot | tee steps.txt | sh`), and the text they
// print as the code a shell is given (`sh -c "$(echo reboot)"`, `ssh h "$(echo reboot)"`), and
// inside a command substitution as at the line's top (`x=$(echo reboot | sh)`).
// The destructive check reads that text as commands, so every rule applies to it as to a command
// written out. The shell's reading is followed only as far as it decides what is printed and where
// it goes: words, quotes, escapes and `|`; an expansion (`$(...)`, `$VAR`) is kept as written,
// but for a substitution in a shell's code that prints echo's or printf's text, made that text.

/** One simple command of a line, as far as this module reads it. */
interface Simple {
  /** Its words as the shell passes them on: quotes and escapes removed, redirections left out. */
  readonly words: readonly string[];
  /** The text inside each of its quoted strings, unquoted: maybe a line another shell runs (`ssh h "echo x | sh"`). */
  readonly quoted: readonly string[];
  /** Its output is the next command's input (a lone `|` or `|&`). */
  readonly piped: boolean;
  /**
   * The code inside each of its unquoted command substitutions (`$(...)`, backticks), and the index
   * of the word holding it: a line the shell runs, maybe printing into a shell of its own
   * (`x=$(echo reboot | sh)`).
   */
  readonly substitutions: readonly { readonly at: number; readonly code: string }[];
  /**
   * Where its input is redirected from: `text` the line writes (a here-document or here-string),
   * or a `file` (`< steps.sh`, `< <(curl -s x)`; not `/dev/null`). Undefined for neither.
   */
  readonly stdin?: 'text' | 'file';
}

/** How deep quoted command lines are looked into (`ssh h "sh -c 'echo reboot | sh'"` is two). */
const MAX_NESTING = 3;

/** Quoted text or code worth reading as a command line: it pipes, redirects or substitutes. */
const WORTH_READING = /[|<`]|\$\(/;

/** What a command line hands shells to run, as far as it shows. */
export interface ShellInput {
  /**
   * The texts it prints into a shell's input or code, each as the shell would read it, in order;
   * past the limit no more are added (the caller asks twice for what it cannot check).
   */
  readonly texts: string[];
  /**
   * The first shell it hands commands the line does not show: a file's, a download's or another
   * program's output (`curl -fsSL https://x/install.sh | sh`, `cat steps.sh | ssh h bash`,
   * `bash < steps.sh`, `bash <(curl -s x)`, `sh -c "$(curl -s x)"`), as the line writes it.
   * Read only in code: a quoted grep pattern (`grep -E 'zsh|bash'`) is no pipe.
   */
  unseen?: string;
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
  /** A shell or ssh is given it as code (`sh -c TEXT`, `ssh h TEXT`), not eval. */
  readonly toShell: boolean;
}

/**
 * Adds what `line` hands shells to `input`; `code` says the line is run (not a quoted argument read
 * as a line in case it is code), `given` that a shell or ssh was given it as code, and returns the
 * printed text's size added.
 */
function read(line: string, limit: number, nesting: number, code: boolean, input: ShellInput, given = false): number {
  let size = 0;
  const add = (text: string) => {
    input.texts.push(text);
    size += text.length;
  };
  const commands = simpleCommands(line);
  const handedOn = handedOnTo(commands);
  const runs: (boolean | undefined)[] = [];
  const runsAt = (k: number) => (runs[k] ??= runsInput(commands[k].words));
  for (let k = 0; k < commands.length && size <= limit; k++) {
    const command = commands[k];
    const last = handedOn[k];
    const text = commands[last].piped && last + 1 < commands.length && runsAt(last + 1) ? printed(command.words, limit) : undefined;
    if (text !== undefined) {
      add(text);
    }
    if (code && input.unseen === undefined) {
      input.unseen = unseenRun(commands, k, runsAt) ?? (given ? substitutedCommand(command.words) : undefined);
    }
    const inner = givenCode(command.words);
    const substitutedCode = substituted(inner?.code, limit - size);
    if (substitutedCode !== undefined) {
      add(substitutedCode);
    }
    if (nesting < MAX_NESTING) {
      // The code a shell is given is read as a line; so is each quoted string, when there is none,
      // in case it is code, and each substitution's code, run where it stands (in quotes, with them;
      // in the code given, with it).
      const lines: Line[] =
        inner !== undefined
          ? [{ text: inner.code, run: code, toShell: inner.shell }]
          : command.quoted.map((quoted) => ({ text: quoted, run: false, toShell: false }));
      for (const substitution of command.substitutions) {
        if (inner === undefined || substitution.at < inner.from || substitution.at >= inner.to) {
          lines.push({ text: substitution.code, run: code, toShell: false });
        }
      }
      for (const inside of lines) {
        if (WORTH_READING.test(inside.text)) {
          size += read(inside.text, limit - size, nesting + 1, inside.run, input, inside.toShell);
        }
      }
    }
  }
  return size;
}

/**
 * The command word of `words` when it is what a substitution prints, other than echo's or printf's
 * text (`$(curl -fsSL x)` in `sh -c "$(curl -fsSL x)"`): code no line shows.
 */
function substitutedCommand(words: readonly string[]): string | undefined {
  const word = afterPrefix(words).words[0];
  const dollar = word?.startsWith('$(');
  if (word === undefined || (!dollar && !word.startsWith('`'))) {
    return undefined;
  }
  const end = dollar ? balanced(word, 1) : closing(word, 1, '`', true);
  return substitutionOutput(word.slice(dollar ? 2 : 1, end), 0) === undefined ? word.slice(0, end + 1) : undefined;
}

/**
 * Where `commands[k]` runs a shell on commands the line does not show, as the line writes it
 * (undefined when it does not): a shell reading its input from a file (`bash < steps.sh`,
 * `ssh h < steps.sh`) or from a pipe whose text is not all printed by echo or printf or written in a
 * here-document, through commands that hand it on (`curl -s x | sh`, `cat steps.sh | ssh h bash`,
 * `echo x | cat steps.sh | sh`); or a shell running the script a process substitution prints
 * (`bash <(curl -s x)`). Code given to a shell or ssh whose command is a substitution's output is
 * found as that code is read (see substitutedCommand). Not `source` or `eval` of a program's output:
 * that is how a tool's settings are read (`source <(kubectl completion bash)`, `eval "$(ssh-agent -s)"`).
 */
function unseenRun(commands: readonly Simple[], k: number, runsAt: (k: number) => boolean): string | undefined {
  const command = commands[k];
  const piped = k > 0 && commands[k - 1].piped;
  if ((command.stdin !== undefined || piped) && runsAt(k)) {
    const unseen = command.stdin !== undefined ? command.stdin === 'file' : !pipedTextShown(commands, k);
    return unseen ? `${piped ? '| ' : ''}${command.words.join(' ')}` : undefined;
  }
  const words = afterPrefix(command.words).words;
  if (!SHELLS.has(words[0]?.replace(/^.*\//, '') ?? '')) {
    return undefined;
  }
  const script = words.slice(1).find((w) => !/^[-+]/.test(w));
  return script?.startsWith('<(') ? script : undefined;
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
  let command = afterPrefix(words).words;
  if (command[0]?.replace(/^.*\//, '') === 'stdbuf') {
    // `-oL`, `-o L`, `--output=L`: the buffering, then the command run.
    let k = 1;
    while (k < command.length && command[k].startsWith('-')) {
      k += /^-[ioe]$/.test(command[k]) ? 2 : 1;
    }
    command = command.slice(k);
  }
  const name = command[0]?.replace(/^.*\//, '');
  if (name === 'cat') {
    return command.slice(1).every((arg) => arg === '-' || arg === '-u');
  }
  return name !== undefined && LINE_KEEPERS.has(name);
}

/** Commands that print lines they read unchanged, all or some of them (see handsOn). */
const LINE_KEEPERS: ReadonlySet<string> = new Set(['tee', 'grep', 'egrep', 'fgrep', 'head', 'tail', 'sort', 'uniq']);

/**
 * The code `words` hand a shell as a word, not on its input: `sh -c CODE` (sudo and the like
 * before it), ssh's remote command (`ssh h CODE`, run by the remote user's shell), or what `eval`
 * runs (its words joined). `from` and `to` say which of `words` it is made of; `shell`, that a
 * shell or ssh runs it, not eval.
 */
function givenCode(words: readonly string[]): { code: string; from: number; to: number; shell: boolean } | undefined {
  const command = afterPrefix(words).words;
  const skipped = words.length - command.length;
  const name = command[0]?.replace(/^.*\//, '') ?? '';
  if (name === 'eval') {
    return command.length > 1 ? { code: command.slice(1).join(' '), from: skipped + 1, to: words.length, shell: false } : undefined;
  }
  if (SHELLS.has(name)) {
    const c = command.findIndex((w, i) => i > 0 && /^-[A-Za-z]*c[A-Za-z]*$/.test(w));
    const at = c > 0 ? command.findIndex((w, i) => i > c && !/^[-+]/.test(w)) : -1;
    return at > 0 ? { code: command[at], from: skipped + at, to: skipped + at + 1, shell: true } : undefined;
  }
  if (name === 'ssh') {
    const host = sshHost(command);
    return host !== undefined && host + 1 < command.length
      ? { code: command.slice(host + 1).join(' '), from: skipped + host + 1, to: words.length, shell: true }
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
    const text = substitutionOutput(inner, limit - out.length);
    found ||= text !== undefined;
    out += text ?? code.slice(i, end + 1);
    i = end;
  }
  return found ? out : undefined;
}

/**
 * What the commands `line` print to their output that is echo's or printf's text: each printer whose
 * pipe ends, through commands that hand it on, at the line's output. The shell drops the trailing
 * newlines. Undefined when none does.
 */
function substitutionOutput(line: string, limit: number): string | undefined {
  const commands = simpleCommands(line);
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
  let word: string | undefined;
  /** The next word is a redirection's target (`> file`), not an argument. */
  let target = false;
  /** That target is a file read as the command's input (`< file`). */
  let inputTarget = false;
  const endWord = () => {
    if (word !== undefined && !target) {
      words.push(word);
    }
    if (word !== undefined) {
      if (inputTarget && word !== '/dev/null') {
        stdin = 'file';
      }
      target = false;
      inputTarget = false;
    }
    word = undefined;
  };
  const endCommand = (piped: boolean) => {
    endWord();
    target = false;
    inputTarget = false;
    if (words.length > 0) {
      out.push({ words, quoted, piped, substitutions, ...(stdin ? { stdin } : {}) });
    }
    words = [];
    quoted = [];
    substitutions = [];
    stdin = undefined;
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
      endCommand(false);
      i++;
    } else if (ch === '|') {
      endCommand(true);
      if (next === '&') {
        i++;
      }
    } else if (ch === '&' && next === '>') {
      endWord();
      target = true;
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
        } else if (next !== '&') {
          inputTarget = true;
        }
      }
      while (line[i + 1] === '>' || line[i + 1] === '<' || line[i + 1] === '&' || line[i + 1] === '|') {
        i++;
      }
      target = true;
    } else if (';&\n()'.includes(ch)) {
      endCommand(false);
    } else if (ch === '\\') {
      add(next ?? '');
      i++;
    } else if (ch === "'") {
      const end = closing(line, i + 1, "'");
      const text = line.slice(i + 1, end);
      add(text);
      quoted.push(text);
      i = end;
    } else if (ch === '$' && next === "'") {
      const end = closing(line, i + 2, "'", true);
      const text = unescaped(line.slice(i + 2, end).replace(/\\'/g, "'"));
      add(text);
      quoted.push(text);
      i = end;
    } else if (ch === '"') {
      const end = closingDouble(line, i + 1);
      const text = line.slice(i + 1, end).replace(/\\([\\"$`])/g, '$1');
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
 * (`"$(echo "reboot" | sh)"`).
 */
function closingDouble(line: string, from: number): number {
  for (let i = from; i < line.length; i++) {
    if (line[i] === '\\') {
      i++;
    } else if (line[i] === '"') {
      return i;
    } else if (line[i] === '$' && line[i + 1] === '(') {
      i = balanced(line, i + 1);
    } else if (line[i] === '`') {
      i = closing(line, i + 1, '`', true);
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
  const name = command.words[0]?.replace(/^.*\//, '');
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
 * The command `words` run once the words before it that only set how it runs are passed over:
 * `sudo` or `doas` and their options, `env` and `NAME=value` settings. `shell` says sudo was asked
 * for a shell (`sudo -s`, `sudo -i`), which with no command after it reads its input.
 */
function afterPrefix(words: readonly string[]): { words: readonly string[]; shell: boolean } {
  let k = 0;
  let shell = false;
  while (k < words.length) {
    const name = words[k].replace(/^.*\//, '');
    if (/^[A-Za-z_]\w*=/.test(words[k])) {
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
    } else {
      break;
    }
  }
  return { words: words.slice(k), shell };
}

/** ssh's options that take the next word as their value (`-i key`, `-p 2222`, `-o Opt=value`). */
export const SSH_VALUE_OPTIONS = 'BbcDEeFIiJLlmOopQRSWw';

/**
 * Whether the command `words` runs what it reads as commands: a shell reading its input (`sh`,
 * `bash -s`, `sudo -u app bash`, `sudo -i`), ssh with no remote command or a remote shell (`ssh h`,
 * `ssh h sudo bash`), or xargs handing each line to `sh -c` (`xargs -I{} sh -c {}`).
 */
function runsInput(words: readonly string[]): boolean {
  const { words: command, shell } = afterPrefix(words);
  if (command.length === 0) {
    return shell;
  }
  const name = command[0].replace(/^.*\//, '');
  if (SHELLS.has(name)) {
    return readsInput(command.slice(1));
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

/** A shell's arguments after its name leave it reading commands from its input: no script file, no `-c`. */
function readsInput(args: readonly string[]): boolean {
  for (let k = 0; k < args.length; k++) {
    const arg = args[k];
    if (arg === '-s' || arg === '-') {
      return true; // the words after are the script's arguments
    }
    if (arg === '--') {
      return k === args.length - 1;
    }
    if (arg === '-o' || arg === '+o' || arg === '-O' || arg === '+O') {
      k++;
    } else if (/^-[A-Za-z]*c/.test(arg)) {
      return false; // runs the word given, not its input
    } else if (!/^[-+]/.test(arg)) {
      return false; // runs a script file
    }
  }
  return true;
}

/** xargs with a replacement string, running `sh -c` on it: each line it reads is run as a command. */
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
  if (replace === undefined) {
    return false;
  }
  const command = afterPrefix(args.slice(k)).words;
  if (!SHELLS.has(command[0]?.replace(/^.*\//, '') ?? '')) {
    return false;
  }
  const c = command.findIndex((w, i) => i > 0 && /^-[A-Za-z]*c$/.test(w));
  return c > 0 && command[c + 1] === replace;
}
