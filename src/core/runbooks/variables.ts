// Placeholders in runbook commands (`{{service}}`, `$NAMESPACE`, `${POD}`, `<namespace>`, `<my-pvc>`)
// and filling them from an incident's context. Values come from alerts, teammates' event files and
// typing, so each is quoted for the shell quoting it lands in (and stays one literal argument) or is
// refused; control characters, which a terminal acts on but a dialog does not show, are never sent.
import { controlsIn, escapeControls } from '../text/controls';
import { own } from '../own';
import { cshQuote, cshReading, cshReference } from './cshQuoting';

export type VariableSyntax = 'mustache' | 'env' | 'angle';

export interface CommandVariable {
  /** Normalized key looked up in the context: `namespace`, `pod`, `service`... */
  readonly key: string;
  /** As written: `$NAMESPACE`, `{{ service }}`, `<my-namespace>`. */
  readonly token: string;
  readonly syntax: VariableSyntax;
  readonly index: number;
}

/** The shells a secret can be named in: POSIX ones (bash, zsh, sh, ksh) and fish. */
export type NamingShell = 'posix' | 'fish';

export interface FilledCommand {
  /**
   * What to send when `refused` is empty. Always safe to show: a control character (which only
   * occurs when refused) is written out as `\u0015`.
   */
  readonly command: string;
  /** `command` with each secret value as `<redacted:key>`: what dialogs, events and logs show. */
  readonly redacted: string;
  readonly filled: readonly { key: string; token: string; value: string; secret: boolean }[];
  /**
   * `command` naming each secret's environment variable instead of its value, wherever the shell
   * would expand it: for a POSIX shell (bash, zsh...) `"${WARROOM_SECRET_API_TOKEN}"`, for fish
   * `"$WARROOM_SECRET_API_TOKEN"`. What a terminal opened with `env` is sent, so the typed line (and
   * the shell's history) holds no secret. fish's also quotes every other value fish's way (a
   * backslash is an escape inside fish's single quotes). The POSIX one equals `command` for other
   * languages and for a command without secrets.
   */
  readonly namingSecrets: Readonly<Record<NamingShell, string>>;
  /**
   * `command` for csh and tcsh: each value that is not a plain word quoted csh's way (`cshQuoting.ts`),
   * each secret naming its environment variable as `namingSecrets` does (`"${WARROOM_SECRET_API_TOKEN}"`)
   * wherever csh reads the command as bash does. `refused` says why a value cannot be sent to csh
   * (where csh reads the command otherwise than bash, or does not know its syntax), on top of `refused`
   * above; what it holds is only for csh. `typed`: secrets whose value the line holds (a plain word
   * where csh's reading stopped), as `typedWhenNamed`.
   */
  readonly csh: { readonly command: string; readonly refused: readonly string[]; readonly typed: readonly string[] };
  /** The environment `namingSecrets` and `csh` need: each secret value under the variable they name. */
  readonly env: Readonly<Record<string, string>>;
  /**
   * Secrets whose value `namingSecrets` still holds, where the shell would expand no name (a quoted
   * here-document, arithmetic, inside `${...}`); a shell that names none types every secret.
   */
  readonly typedWhenNamed: readonly string[];
  /** Keys with no value in the context: their tokens are left as written. */
  readonly missing: readonly string[];
  /** Why the command must not be sent, in plain words; empty when it may be. */
  readonly refused: readonly string[];
}

const GO_TEMPLATE_WORDS = new Set([
  'range',
  'end',
  'if',
  'else',
  'with',
  'define',
  'template',
  'block',
  'printf',
  'println',
  'print',
  'len',
  'index',
  'and',
  'or',
  'not',
]);
/** Shell variables every machine sets: not something a responder fills in. */
const AMBIENT_ENV = new Set([
  'HOME',
  'PATH',
  'USER',
  'PWD',
  'SHELL',
  'HOSTNAME',
  'TERM',
  'LANG',
  'TMPDIR',
  'EDITOR',
  'UID',
  'RANDOM',
  'IFS',
  'OLDPWD',
  'LOGNAME',
]);
const ALIASES: Readonly<Record<string, string>> = {
  ns: 'namespace',
  k8s_namespace: 'namespace',
  kube_namespace: 'namespace',
  svc: 'service',
  service_name: 'service',
  app: 'service',
  application: 'service',
  pod_name: 'pod',
  container_name: 'container',
  node_name: 'node',
  host: 'instance',
  hostname: 'instance',
  env: 'environment',
  cluster_name: 'cluster',
  deployment_name: 'deployment',
  incident: 'incident_id',
};

const TOKEN = /\{\{\s*([A-Za-z_][\w.-]*)\s*\}\}|\$\{([A-Z_][A-Z0-9_]*)\}|\$([A-Z_][A-Z0-9_]*)\b|<([A-Za-z][\w-]*(?: [\w-]+){0,4})>/g;

/** `<my-namespace>` / `$NAMESPACE` / `{{ Namespace }}` -> `namespace`. */
export function variableKey(name: string): string {
  const key = name
    .trim()
    .toLowerCase()
    .replace(/[\s.-]+/g, '_')
    .replace(/^(my|your|the)_/, '');
  return own(ALIASES, key) ?? key;
}

/** Names a command assigns itself (`NODE_NAME=...`, `export X=`, `for p in`), which need no filling. */
function assignedIn(command: string): Set<string> {
  const out = new Set<string>();
  for (const m of command.matchAll(/(?:^|[\s;&|(])(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)=/g)) {
    out.add(m[1]);
  }
  for (const m of command.matchAll(/\bfor\s+([A-Za-z_]\w*)\s+in\b/g)) {
    out.add(m[1]);
  }
  return out;
}

/**
 * The shell quoting each character of a command sits in, so a value can be quoted for where it
 * lands. `expansion` is inside `${...}` or `$((...))`, where quotes do not nest reliably.
 */
export type QuoteContext =
  'plain' | 'single' | 'double' | 'ansi' | 'backtick' | 'expansion' | 'arithmetic' | 'comment' | 'heredoc' | 'heredoc-quoted';

interface Frame {
  readonly kind: 'top' | 'subshell' | 'single' | 'double' | 'ansi' | 'backtick' | 'brace' | 'arithmetic' | 'comment';
  /** Open `(` inside a `$(...)` / `$((...))`, so its own `)` is told apart. */
  depth: number;
}

const FRAME_CONTEXT: Readonly<Record<Frame['kind'], QuoteContext>> = {
  top: 'plain',
  subshell: 'plain',
  single: 'single',
  double: 'double',
  ansi: 'ansi',
  backtick: 'backtick',
  brace: 'expansion',
  arithmetic: 'arithmetic',
  comment: 'comment',
};

const HEREDOC = /^<<(-?)[ \t]*(?:'([^'\n]*)'|"([^"\n]*)"|\\?([^\s;&|<>()'"`]+))/;

/** A bash-like reading of `command`: the quote context of every character (by index). */
export function quoteContexts(command: string): QuoteContext[] {
  const out: QuoteContext[] = new Array<QuoteContext>(command.length);
  const stack: Frame[] = [{ kind: 'top', depth: 0 }];
  const heredocs: { delimiter: string; quoted: boolean; stripTabs: boolean }[] = [];
  let i = 0;
  while (i < command.length) {
    const frame = stack[stack.length - 1];
    const here = FRAME_CONTEXT[frame.kind];
    const c = command[i];
    const next = command[i + 1];
    out[i] = here;
    const code = frame.kind === 'top' || frame.kind === 'subshell';
    if (c === '\\' && frame.kind !== 'single' && frame.kind !== 'comment') {
      if (i + 1 < command.length) {
        out[i + 1] = here;
      }
      i += 2;
      continue;
    }
    if (frame.kind === 'single') {
      if (c === "'") stack.pop();
    } else if (frame.kind === 'ansi') {
      if (c === "'") stack.pop();
    } else if (frame.kind === 'comment') {
      if (c === '\n') {
        stack.pop();
        continue; // the newline ends the comment and is read as code (it may start here-documents)
      }
    } else if (frame.kind === 'backtick' && c === '`') {
      stack.pop();
    } else if (frame.kind === 'brace' && c === '}') {
      stack.pop();
    } else if (frame.kind === 'double' && c === '"') {
      stack.pop();
    } else if (c === '$' && next === '(' && command[i + 2] === '(') {
      stack.push({ kind: 'arithmetic', depth: 0 });
      out[i + 1] = here;
      out[i + 2] = 'arithmetic';
      i += 3;
      continue;
    } else if (c === '$' && next === '(') {
      stack.push({ kind: 'subshell', depth: 0 });
      out[i + 1] = here;
      i += 2;
      continue;
    } else if (c === '$' && next === '{') {
      stack.push({ kind: 'brace', depth: 0 });
      out[i + 1] = here;
      i += 2;
      continue;
    } else if (c === '`' && frame.kind !== 'backtick') {
      stack.push({ kind: 'backtick', depth: 0 });
    } else if (frame.kind === 'arithmetic') {
      if (c === '(') frame.depth++;
      else if (c === ')' && frame.depth > 0) frame.depth--;
      else if (c === ')' && next === ')') {
        out[i + 1] = 'arithmetic';
        stack.pop();
        i += 2;
        continue;
      }
    } else if (code) {
      if (c === "'") stack.push({ kind: 'single', depth: 0 });
      else if (c === '"') stack.push({ kind: 'double', depth: 0 });
      else if (c === '$' && next === "'") {
        stack.push({ kind: 'ansi', depth: 0 });
        out[i + 1] = here;
        i += 2;
        continue;
      } else if ((c === '<' || c === '>') && next === '(') {
        stack.push({ kind: 'subshell', depth: 0 });
        out[i + 1] = here;
        i += 2;
        continue;
      } else if (c === '(' && next === '(') {
        // `(( limit = 1 << 20 ))`: bash's arithmetic command, where `<<` is a shift, not a here-document.
        stack.push({ kind: 'arithmetic', depth: 0 });
        out[i + 1] = 'arithmetic';
        i += 2;
        continue;
      } else if (c === '#' && (i === 0 || /[\s;&|()<>]/.test(command[i - 1]))) {
        stack.push({ kind: 'comment', depth: 0 });
        out[i] = 'comment';
      } else if (c === '(' && frame.kind === 'subshell') frame.depth++;
      else if (c === ')' && frame.kind === 'subshell') {
        if (frame.depth === 0) stack.pop();
        else frame.depth--;
      } else if (c === '<' && next === '<' && command[i + 2] !== '<') {
        const m = HEREDOC.exec(command.slice(i, i + 200));
        if (m) {
          const delimiter = m[2] ?? m[3] ?? m[4] ?? '';
          heredocs.push({ delimiter, quoted: m[2] !== undefined || m[3] !== undefined || m[0].includes('\\'), stripTabs: m[1] === '-' });
          for (let k = i; k < i + m[0].length; k++) out[k] = here;
          i += m[0].length;
          continue;
        }
      } else if (c === '\n' && heredocs.length) {
        i = readHeredocs(command, i + 1, heredocs.splice(0), out);
        continue;
      }
    }
    i++;
  }
  return out;
}

/** Marks here-document bodies from `start` on; answers where code resumes (the last delimiter line's end). */
function readHeredocs(
  command: string,
  start: number,
  docs: readonly { delimiter: string; quoted: boolean; stripTabs: boolean }[],
  out: QuoteContext[],
): number {
  let at = start;
  for (const doc of docs) {
    while (at < command.length) {
      const end = command.indexOf('\n', at) === -1 ? command.length : command.indexOf('\n', at);
      const line = command.slice(at, end);
      const isEnd = (doc.stripTabs ? line.replace(/^\t+/, '') : line) === doc.delimiter;
      for (let k = at; k <= end && k < command.length; k++) {
        out[k] = isEnd ? 'plain' : doc.quoted ? 'heredoc-quoted' : 'heredoc';
      }
      at = end + 1;
      if (isEnd) break;
    }
  }
  return Math.min(at, command.length);
}

export function findVariables(command: string, lang = 'shell'): CommandVariable[] {
  const assigned = assignedIn(command);
  const contexts = lang === 'shell' ? quoteContexts(command) : undefined;
  const out: CommandVariable[] = [];
  for (const m of command.matchAll(TOKEN)) {
    const [token, mustache, braced, bare, angle] = m;
    const index = m.index ?? 0;
    if (mustache !== undefined) {
      if (GO_TEMPLATE_WORDS.has(mustache)) {
        continue;
      }
      out.push({ key: variableKey(mustache), token, syntax: 'mustache', index });
    } else if (braced !== undefined || bare !== undefined) {
      const name = (braced ?? bare) as string;
      // Where the shell would not expand it (`awk '{print $NF}'`), it is the program's own text.
      const literal = contexts !== undefined && ['single', 'ansi', 'comment', 'heredoc-quoted'].includes(contexts[index]);
      if (AMBIENT_ENV.has(name) || assigned.has(name) || literal) {
        continue;
      }
      out.push({ key: variableKey(name), token, syntax: 'env', index });
    } else if (angle !== undefined) {
      out.push({ key: variableKey(angle), token, syntax: 'angle', index });
    }
  }
  return out;
}

/** Every distinct key the commands need, in first-seen order. */
export function variablesOf(commands: readonly { run: string; lang?: string }[]): string[] {
  const keys = new Set<string>();
  for (const command of commands) {
    for (const v of findVariables(command.run, command.lang)) {
      keys.add(v.key);
    }
  }
  return [...keys];
}

/** Writes unsafe characters out as `\u0015` so what is shown is all there is (newlines kept unless `all`). */
export function showControls(text: string, all = true): string {
  return escapeControls(text, all ? 'none' : 'newline');
}

/** Names whose values are secrets: masked when typed, redacted in events and logs. */
const SECRET_NAME =
  /(?:^|_)(?:pass|pwd|auth|bearer)(?:_|$)|password|passwd|passphrase|secret|token|api_?key|credential|private_?key|access_?key|signing_?key/;

/** True when a variable's key reads as a secret, or the runbook marks it `secret: true`. */
export function isSecretVariable(key: string, declared: Iterable<string> = []): boolean {
  const k = variableKey(key);
  for (const d of declared) {
    if (variableKey(d) === k) {
      return true;
    }
  }
  return SECRET_NAME.test(k);
}

/** Characters that need no quoting anywhere a word may stand (no `=`: a first word would assign). */
const PLAIN_WORD = /^[\w.:/@%+,-]+$/;

/** A value that needs no quoting in any shell: letters, digits and `_ . : / @ % + , -`. */
export function isPlainWord(value: string): boolean {
  return PLAIN_WORD.test(value);
}

/** Single-quotes a value for POSIX shells unless it is a plain word. */
export function shellQuote(value: string): string {
  if (PLAIN_WORD.test(value)) {
    return value;
  }
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/**
 * Inside fish's single quotes `\'` and `\\` are escapes (in bash's a backslash is a backslash), so a
 * value quoted bash's way could end fish's quotes early (`x\'` then code): fish gets its own.
 */
function fishSingle(value: string): string {
  return value.replace(/[\\']/g, (ch) => `\\${ch}`);
}

/** A value quoted for fish where bash's quoting would read differently; bash's text everywhere else. */
function fishQuoteFor(value: string, context: QuoteContext | undefined, posixText: string): string {
  switch (context) {
    case 'single':
    case 'ansi': // fish has no $'...': the line fails in fish, and the value stays inside quotes
      return fishSingle(value);
    case 'double':
      // fish's double quotes take `\`, `"` and `$` escaped; a backtick and `!` are plain there.
      return value.replace(/[\\"$]/g, (ch) => `\\${ch}`);
    case undefined:
    case 'plain':
      return PLAIN_WORD.test(value) ? value : `'${fishSingle(value)}'`;
    default:
      // Here-documents (a syntax error in fish: nothing runs), and where only a plain word or number goes.
      return posixText;
  }
}

/**
 * A value starting with `-` that would start a word is read by the program as an option, quoted or
 * not (`ssh '-oProxyCommand=…' host` runs a command): refused, unless an earlier `--` in the same
 * command says options have ended. Inside a word (`deploy/{{pod}}`, `--name={{pod}}`) it is no option.
 */
function optionLike(value: string, context: QuoteContext | undefined, command: string, index: number): { refused: string } | undefined {
  if (!/^-./.test(value) || !(context === undefined || context === 'plain' || context === 'single' || context === 'double')) {
    return undefined;
  }
  const before = command.slice(0, index);
  if (!/(?:^|[\s;&|(`])["']?$/.test(before)) {
    return undefined;
  }
  const segment = before.slice(Math.max(...[';', '&', '|', '\n'].map((c) => before.lastIndexOf(c))) + 1);
  if (/(?:^|\s)--\s/.test(segment)) {
    return undefined;
  }
  return { refused: 'starts with "-", so the program would read it as an option; the runbook can put it after "--" or inside a word' };
}

/**
 * A placeholder right after a backslash (`echo "\$NAMESPACE"`, `\{{v}}`) would have the first character
 * of its value's quoting escaped: a quote taken for a plain character, and the rest of the value
 * read as code. Only a plain word, which has no quoting, may go there (but where a backslash is a
 * plain character: single quotes, a quoted here-document, a comment).
 */
function afterBackslash(value: string, context: QuoteContext | undefined, command: string, index: number): { refused: string } | undefined {
  if (PLAIN_WORD.test(value) || context === 'single' || context === 'heredoc-quoted' || context === 'comment') {
    return undefined;
  }
  const backslashes = /\\*$/.exec(command.slice(Math.max(0, index - 100), index))?.[0].length ?? 0;
  return backslashes % 2 === 1 ? { refused: 'comes right after a backslash, which would escape its quoting' } : undefined;
}

/** The value as written inside `context`, staying one literal piece of its word; or why it cannot. */
function quoteFor(
  value: string,
  context: QuoteContext | undefined,
  command: string,
  index: number,
): { text: string } | { refused: string } {
  switch (context) {
    case 'single':
      return { text: value.replace(/'/g, `'\\''`) };
    case 'double':
      // `!` is history expansion in the interactive shell a terminal runs, even inside double quotes:
      // it goes in single quotes between two double-quoted parts.
      return { text: value.replace(/[\\"$`]/g, (ch) => `\\${ch}`).replace(/!/g, `"'!'"`) };
    case 'ansi':
      return { text: value.replace(/[\\']/g, (ch) => `\\${ch}`) };
    case 'heredoc':
    case 'heredoc-quoted': {
      // A value never holds a newline (refused above), so only a line equal to a delimiter ends the body.
      const delimiter = [...command.slice(0, index).matchAll(/<<-?[ \t]*['"\\]?([^\s;&|<>()'"`]+)/g)]
        .map((m) => m[1])
        .find((d) => value.includes(d));
      if (delimiter !== undefined) {
        return { refused: `contains "${delimiter}", which could end the here-document early` };
      }
      return { text: context === 'heredoc' ? value.replace(/[\\$`]/g, (ch) => `\\${ch}`) : value };
    }
    case 'backtick':
    case 'expansion':
    case 'arithmetic': {
      const ok = context === 'arithmetic' ? /^\d+$/ : /^[\w.-]+$/;
      if (ok.test(value)) {
        return { text: value };
      }
      const where = context === 'backtick' ? 'inside `backticks`' : context === 'arithmetic' ? 'inside $((...))' : 'inside ${...}';
      return {
        refused: `sits ${where}, where only a plain ${context === 'arithmetic' ? 'number' : 'word'} can be filled in safely; the runbook should use "$(...)" or a plain argument there`,
      };
    }
    default:
      return { text: shellQuote(value) };
  }
}

/**
 * Replaces every placeholder whose key has a value in `context` (keys normalized as above).
 * Shell commands get each value quoted for where it sits; other languages (`sql`, `promql`) get
 * them as they are. Unsafe characters in a value or in the command itself refuse it. A shell
 * command is also filled naming each secret's environment variable instead of its value
 * (`namingSecrets`, with `env` saying what to set), wherever the shell would expand it.
 */
export function fillVariables(
  command: string,
  context: Readonly<Record<string, string | undefined>>,
  lang = 'shell',
  secrets: Iterable<string> = [],
): FilledCommand {
  const declared = [...secrets];
  const values = new Map<string, string>();
  for (const [k, v] of Object.entries(context)) {
    if (v !== undefined && v !== '') {
      values.set(variableKey(k), v);
    }
  }
  const shell = lang === 'shell';
  const contexts = shell ? quoteContexts(command) : [];
  const filled: { key: string; token: string; value: string; secret: boolean }[] = [];
  const missing = new Set<string>();
  const refused: string[] = [];
  const inCommand = controlsIn(command, 'newline');
  if (inCommand.length) {
    refused.push(
      `The runbook's command holds ${inCommand.join(', ')}, a character a terminal acts on but this dialog cannot show (written here as \\u...).`,
    );
  }
  let out = '';
  let named = '';
  let namedFish = '';
  let csh = '';
  const cshRefused: string[] = [];
  const cshTyped = new Set<string>();
  const variables = findVariables(command, lang);
  const cshPlaces = shell
    ? cshReading(
        command,
        variables.map((v) => ({ index: v.index, length: v.token.length })),
      )
    : undefined;
  let redacted = '';
  let last = 0;
  const env: Record<string, string> = {};
  const typedWhenNamed = new Set<string>();
  for (const v of variables) {
    const value = values.get(v.key);
    if (value === undefined) {
      missing.add(v.key);
      continue;
    }
    const secret = isSecretVariable(v.key, declared);
    const before = showControls(command.slice(last, v.index), false);
    const unsafe = controlsIn(value);
    // The shell reads a secret from its environment: the typed line (and so the shell's history,
    // and the terminal's scrollback) holds only the variable's name.
    const envName = secretEnvName(v.key);
    const references = shell && secret && !unsafe.length ? secretReferences(envName, contexts[v.index]) : undefined;
    if (references) {
      env[envName] = value;
    } else if (shell && secret) {
      typedWhenNamed.add(v.key);
    }
    let text: string;
    let fishText: string | undefined;
    let cshText: string | undefined;
    if (unsafe.length) {
      refused.push(
        `The value of ${v.key} holds ${unsafe.join(', ')}, a character a terminal acts on but this dialog cannot show (written here as \\u...).`,
      );
      text = showControls(shell ? shellQuote(value) : value);
    } else if (shell) {
      const quoted =
        afterBackslash(value, contexts[v.index], command, v.index) ??
        optionLike(value, contexts[v.index], command, v.index) ??
        quoteFor(value, contexts[v.index], command, v.index);
      if ('refused' in quoted) {
        refused.push(`The value of ${v.key} ${quoted.refused}.`);
        text = shellQuote(value);
      } else {
        text = quoted.text;
        fishText = fishQuoteFor(value, contexts[v.index], text);
        const place = cshPlaces?.(v.index);
        if (secret && typeof place === 'string') {
          // csh reads it from the environment too: its line and history hold only the name.
          cshText = cshReference(envName, place);
          env[envName] = value;
        } else {
          if (secret) {
            cshTyped.add(v.key);
          }
          if (!PLAIN_WORD.test(value) && place !== undefined) {
            const inCsh = typeof place === 'string' ? cshQuote(value, place) : place;
            if ('refused' in inCsh) {
              cshRefused.push(`The value of ${v.key} ${inCsh.refused}.`);
            } else {
              cshText = inCsh.text;
            }
          }
        }
      }
    } else {
      text = value;
    }
    out += before + text;
    named += before + (references?.posix ?? text);
    namedFish += before + (references?.fish ?? fishText ?? text);
    csh += before + (cshText ?? text);
    redacted += before + (secret ? `<redacted:${v.key}>` : text);
    last = v.index + v.token.length;
    filled.push({ key: v.key, token: v.token, value, secret });
  }
  const rest = showControls(command.slice(last), false);
  return {
    command: out + rest,
    namingSecrets: { posix: named + rest, fish: namedFish + rest },
    csh: { command: csh + rest, refused: cshRefused, typed: [...cshTyped] },
    redacted: redacted + rest,
    filled,
    env,
    typedWhenNamed: [...typedWhenNamed],
    missing: [...missing],
    refused,
  };
}

/** The environment variable a secret is passed in: `api_token` -> `WARROOM_SECRET_API_TOKEN`. */
export function secretEnvName(key: string): string {
  return `WARROOM_SECRET_${key.toUpperCase().replace(/[^A-Z0-9]+/g, '_')}`;
}

/**
 * How the command refers to the environment variable `name` where a value would sit, staying one
 * literal piece of its word (the shell does not split, glob or re-read an expanded value inside
 * double quotes), in bash's way (`posix`) and in fish's; undefined where the shell expands nothing
 * (a quoted here-document), where only a number may stand (arithmetic, which would evaluate the
 * value as an expression), and inside `${...}`, where quotes do not nest reliably and an unquoted
 * expansion would split and glob it.
 * fish: `${NAME}` is an error and a name inside double quotes runs on into the letters after it, so
 * `"$NAME"` as its own quoted piece, or `$NAME""` inside double quotes (the empty string ends the
 * name). fish has no `$'...'` or here-documents; the contexts are read as bash reads the command
 * (runbooks are written for bash), so in a line fish reads otherwise the reference may not expand
 * as meant, but the line still holds only the variable's name.
 */
function secretReferences(name: string, context: QuoteContext | undefined): Record<NamingShell, string> | undefined {
  switch (context) {
    case 'double':
      return { posix: `\${${name}}`, fish: `$${name}""` };
    case 'heredoc':
    case 'comment':
      return { posix: `\${${name}}`, fish: `$${name}` };
    case 'single':
      return { posix: `'"\${${name}}"'`, fish: `'"$${name}"'` };
    case 'ansi':
      return { posix: `'"\${${name}}"$'`, fish: `'"$${name}"'` };
    case 'heredoc-quoted':
    case 'arithmetic':
    case 'expansion':
      return undefined;
    default: // plain words, inside $(...) and `...`
      return { posix: `"\${${name}}"`, fish: `"$${name}"` };
  }
}

/** The context an incident gives: its service and id, plus an alert's labels (namespace, pod...). */
export function variablesFromIncident(
  incident: { readonly id: string; readonly service: string; readonly severity?: string },
  labels: Readonly<Record<string, string>> = {},
): Record<string, string> {
  const context: Record<string, string> = {};
  for (const [k, v] of Object.entries(labels)) {
    context[variableKey(k)] = v;
  }
  if (incident.service) {
    context.service = incident.service;
  }
  context.incident_id = incident.id;
  if (incident.severity) {
    context.severity = incident.severity;
  }
  return context;
}
