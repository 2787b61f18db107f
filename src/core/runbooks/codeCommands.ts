// Commands out of Markdown: fenced code blocks (with `$ cmd` / `> cmd` / `db=# cmd` prompt lines,
// whose following lines are the expected output) and inline code spans that read as commands
// ("check pod events via `kubectl describe pod $POD`").

import { RunbookCommand } from './model';
import { smallest } from '../arrays';

/** Block languages that are data or output, never something to run. */
const NOT_COMMANDS = new Set([
  'text',
  'txt',
  'plain',
  'plaintext',
  'json',
  'jsonc',
  'yaml',
  'yml',
  'toml',
  'xml',
  'html',
  'csv',
  'log',
  'output',
  'diff',
  'md',
  'markdown',
  'mermaid',
  'ini',
  'conf',
  'properties',
  'hcl-output',
]);

const SHELL_LANGS = new Set(['shell', 'sh', 'bash', 'zsh', 'console', 'shell-session', 'shellsession', 'terminal', 'fish', 'ksh']);

/** First words that make an unlabelled block or an inline span read as a shell command. */
const KNOWN_COMMANDS = new Set(
  (
    'kubectl helm sudo curl wget psql pg_dump pg_restore pg_ctl pg_isready patronictl redis-cli mysql mysqladmin mongo mongosh ' +
    'knife ssh scp rsync git docker podman crictl ctr systemctl service journalctl etcdctl aws gcloud gsutil az terraform ' +
    'jq yq grep egrep cat less ls df du top htop ps kill pkill killall pgrep find tail head echo export openssl dig ' +
    'nslookup host ping traceroute mtr nc ncat telnet tcpdump tcpflow rm mv cp chmod chown mkdir watch while for alias ' +
    'perf lsof netstat ss free vmstat iostat uptime dmesg zcat gzip gunzip tar make npm npx yarn pnpm node python python3 ' +
    'pip ruby bundle rails go java kubeadm istioctl linkerd vault consul nomad argocd flux stern kubectx kubens sed awk ' +
    'xargs sort uniq wc env source cd sleep timeout iptables ip ifconfig certbot rabbitmqctl kafka-topics ' +
    'kafka-consumer-groups nodetool cqlsh truncate dd shred mkfs mount umount socat gh glab chef-client gitlab-ctl ' +
    'gitlab-rails gitlab-psql gitlab-redis-cli gitlab-runner gitlab-rake pgbouncer vacuumdb reindexdb ' +
    'dropdb createdb k9s skopeo crane cosign step vault nmap strace ltrace gdb sar pidstat nproc date hostname whoami id ' +
    'stat file ulimit sysctl cut tr tee diff base64 sha256sum fluxctl ansible ansible-playbook salt kustomize oc eksctl ' +
    'doctl heroku fly flyctl wrangler vercel ufw firewall-cmd nft logrotate'
  ).split(/\s+/),
);

const SQL_START =
  /^(select|with|explain|analyze|vacuum|show|set|begin|commit|rollback|lock|update|delete|insert|alter|drop|truncate|create|reindex|grant|revoke|\\[a-z])\b/i;

const PROMQL_START =
  /^(sum|rate|irate|avg|max|min|count|increase|histogram_quantile|topk|bottomk|delta|deriv|predict_linear|absent|avg_over_time|max_over_time|min_over_time|quantile_over_time|label_replace|[a-z_:][a-z0-9_:]*\{)/;

/** Interactive prompts: `$ cmd`, `> cmd` (redis-cli), `db=# cmd` (psql), `user@host:~$ cmd`, `PS> cmd`. */
const PROMPT = /^(?:\$|>|[\w.-]+=[#>]|[\w.-]+@[\w.-]+:[^\s$#]*[$#]|PS>|[\w.-]+>)\s+(.*)$/;

function firstWord(line: string): string {
  const trimmed = line.trim().replace(/^(?:[A-Z_][A-Z0-9_]*=\S*\s+)+/, '');
  // Nothing blank is left at the start: the word runs to the first blank (splitting the whole
  // line into words to keep the first was most of this function's time on long lines).
  return /^\S*/.exec(trimmed)?.[0] ?? '';
}

/** True when a line reads like something to type at a shell. */
export function looksLikeShellCommand(line: string): boolean {
  const text = line.trim();
  if (!text || text.startsWith('#')) {
    return false;
  }
  if (/^[A-Z_][A-Z0-9_]*=/.test(text)) {
    return true; // an environment assignment, as in `REDISCLI_AUTH=$(...)`
  }
  const word = firstWord(text);
  if (/^(\.{0,2}\/|~\/)[\w./-]+$/.test(word)) {
    return true; // a path to a binary or script
  }
  return KNOWN_COMMANDS.has(word) || /^gitlab-|^kafka-|^pg_|^redis-/.test(word);
}

function normalizeLang(lang: string): string {
  const l = lang.toLowerCase();
  if (SHELL_LANGS.has(l) || l === '') {
    return 'shell';
  }
  if (l === 'postgresql' || l === 'psql' || l === 'pgsql' || l === 'mysql') {
    return 'sql';
  }
  return l;
}

export interface CodeBlockInput {
  readonly lang: string;
  readonly lines: readonly string[];
  /** 1-based line of the first content line (after the opening fence). */
  readonly firstLine: number;
  readonly column: number;
}

/**
 * The commands a fenced block holds, or none when it is data/output (JSON, logs, tables...).
 * Prompted blocks give one command per prompt line with its output as `expect`; shell blocks
 * without prompts give one command per blank-line-separated chunk; other languages one per block.
 */
export function commandsFromCodeBlock(block: CodeBlockInput): RunbookCommand[] {
  const rawLang = block.lang.trim().split(/[\s{]/)[0] ?? '';
  if (NOT_COMMANDS.has(rawLang.toLowerCase())) {
    return [];
  }
  const lang = normalizeLang(rawLang);
  const lines = block.lines;
  const prompted = lines.some((l) => PROMPT.test(l.trim()) && !/^>\s*$/.test(l.trim()));
  if (prompted && (lang === 'shell' || lang === 'sql' || rawLang === '')) {
    return promptedCommands(block, lang);
  }
  const meaningful = lines.filter((l) => l.trim() && !/^\s*(#|--|\/\/)/.test(l));
  if (meaningful.length === 0) {
    return []; // e.g. a block holding only "# TODO: Command needed"
  }
  if (rawLang === '') {
    // Unlabelled: a command only if it starts like one; otherwise it is output or a config excerpt.
    const first = meaningful[0];
    if (SQL_START.test(first.trim())) {
      return [chunkCommand(lines, 0, lines.length, block, 'sql')];
    }
    if (!looksLikeShellCommand(first)) {
      return [];
    }
  }
  if (lang !== 'shell') {
    return [chunkCommand(lines, 0, lines.length, block, lang)];
  }
  const out: RunbookCommand[] = [];
  let start = 0;
  for (let i = 0; i <= lines.length; i++) {
    const continued = i > 0 && i < lines.length && /\\\s*$/.test(lines[i - 1]);
    if (i === lines.length || (lines[i].trim() === '' && !continued)) {
      const hasCode = lines.slice(start, i).some((l) => l.trim() && !l.trim().startsWith('#'));
      if (hasCode) {
        out.push(chunkCommand(lines, start, i, block, lang));
      }
      start = i + 1;
    }
  }
  return out;
}

function chunkCommand(lines: readonly string[], from: number, to: number, block: CodeBlockInput, lang: string): RunbookCommand {
  let first = from;
  // Leading comment lines describe the command; keep them only when nothing else is there.
  while (first < to - 1 && (lines[first].trim() === '' || lines[first].trim().startsWith('#')) && lang === 'shell') {
    first++;
  }
  const body = dedent(lines.slice(first, to)).join('\n').trim();
  return { run: body, lang, position: { line: block.firstLine + first, column: block.column } };
}

function dedent(lines: readonly string[]): string[] {
  // Each line's indent read once; a line that is all indent is blank (\s is what trim() removes).
  const indents = lines.map((l) => /^\s*/.exec(l)?.[0].length ?? 0);
  const cut = smallest(indents.filter((indent, i) => indent < lines[i].length)) ?? 0;
  return lines.map((l, i) => l.slice(Math.min(cut, indents[i])));
}

function promptedCommands(block: CodeBlockInput, lang: string): RunbookCommand[] {
  const out: { run: string[]; expect: string[]; line: number; lang: string }[] = [];
  let current: { run: string[]; expect: string[]; line: number; lang: string } | undefined;
  let continuing = false;
  block.lines.forEach((raw, i) => {
    const line = raw.trimEnd();
    const prompt = PROMPT.exec(line.trim());
    if (prompt && !continuing) {
      current = { run: [prompt[1]], expect: [], line: block.firstLine + i, lang: promptLang(line.trim(), lang) };
      out.push(current);
      continuing = /\\$/.test(prompt[1]);
      return;
    }
    if (current && continuing) {
      current.run.push(line.trim());
      continuing = /\\$/.test(line);
      return;
    }
    if (current && line.trim() && !(current.lang === 'shell' && /^\s*#\s/.test(line))) {
      current.expect.push(line);
    }
  });
  return out
    .filter((c) => c.run.join('').trim())
    .map((c) => {
      const expect = dedent(c.expect).join('\n').trim();
      return {
        run: c.run.join('\n').trim(),
        ...(expect ? { expect } : {}),
        lang: c.lang,
        position: { line: c.line, column: block.column },
      };
    });
}

/** `> cmd` is a REPL (redis-cli...) and `db=# cmd` is psql: neither goes to a shell as typed. */
function promptLang(line: string, blockLang: string): string {
  if (/^[\w.-]+=[#>]/.test(line)) {
    return 'sql';
  }
  if (/^(>|[\w.-]+>)\s/.test(line) && blockLang === 'shell') {
    return 'repl';
  }
  return blockLang;
}

/**
 * `code.split(/\s+/).length >= 2` and `>= 3` for text without blanks at either end, without making
 * the words: any blank is then between two words, and two blanks apart make three. Linear: each
 * run of non-blanks is read from the one blank before it.
 */
const TWO_WORDS = /\s/;
const THREE_WORDS = /\s\S+\s/;

/** Words just before a code span that say "this is something to run". */
const RUN_CUE = /(?:\brun|\brunning|\bvia|\busing|\bwith|\bexecute|\bexec|\bcommand|\btry|\btype|:|：)\s*$/i;

/** Whether the words just before `index` (the cue is the word before a span) say "run this". */
function cuedAt(line: string, index: number): boolean {
  return RUN_CUE.test(line.slice(Math.max(0, index - 24), index));
}

/**
 * Inline code spans that are commands: a shell command right after a cue ("run", "via", ":"), or a
 * span that is the whole line / list item (a shell command or a PromQL query).
 */
/** An inline code span: where its opening backticks start, how many there are, and the text inside. */
export interface CodeSpan {
  readonly index: number;
  readonly ticks: number;
  readonly code: string;
}

/**
 * The code spans of a line, as the pattern /(`+)([^`]+?)\1/g finds them, in one pass: that pattern backtracks
 * over every length of every backtick run, so a line of 10,000 backticks took quadratic time. A span opens with
 * the end of a run and closes at the next run, with as many backticks as the shorter of the two.
 */
export function inlineCodeSpans(line: string): CodeSpan[] {
  const spans: CodeSpan[] = [];
  let at = line.indexOf('`');
  while (at >= 0) {
    let openEnd = at;
    while (line.charCodeAt(openEnd) === 96) openEnd++;
    const close = line.indexOf('`', openEnd);
    if (close < 0) break;
    let closeEnd = close;
    while (line.charCodeAt(closeEnd) === 96) closeEnd++;
    const ticks = Math.min(openEnd - at, closeEnd - close);
    spans.push({ index: openEnd - ticks, ticks, code: line.slice(openEnd, close) });
    // What the closing run has left over opens the next span, as the pattern's next search would.
    at = close + ticks < closeEnd ? close + ticks : line.indexOf('`', closeEnd);
  }
  return spans;
}

export function commandsFromInline(line: string, lineNumber: number, column0: number): RunbookCommand[] {
  const out: RunbookCommand[] = [];
  if (!line.includes('`')) {
    return out;
  }
  const item = line.replace(/^\s*(?:[-*+]|\d+[.)])\s+(?:\[[ xX]\]\s+)?/, '');
  const alone = /^\s*(`+)[^`]+\1[\s.,;]*$/.test(item);
  for (const span of inlineCodeSpans(line)) {
    const code = span.code.trim().replace(/^\$\s+/, '');
    const column = column0 + span.index + span.ticks + 1;
    // A shell command is two words or more alone on its line, three after a cue: two-word spans
    // after a cue are usually names in prose ("clients running `git fetch`"), not steps. The cheap
    // tests come first, as most spans in prose (names, paths, values) fail them.
    const shellShaped = alone ? TWO_WORDS.test(code) : THREE_WORDS.test(code) && cuedAt(line, span.index);
    if (shellShaped && looksLikeShellCommand(code)) {
      out.push({ run: code, lang: 'shell', position: { line: lineNumber, column } });
    } else if (alone && PROMQL_START.test(code) && code.includes('(')) {
      out.push({ run: code, lang: 'promql', position: { line: lineNumber, column } });
    }
  }
  return out;
}
