// Small text helpers shared by the parsers and matching.

/**
 * Runbooks come from teammates and cloned repositories, so the parsers bound their input before
 * any regex: a file over MAX_RUNBOOK_CHARS is not parsed, a line over MAX_LINE_CHARS is left out.
 * Both are ten times what real runbooks hold (the corpus's largest is 52 KB, its longest line 869).
 */
export const MAX_RUNBOOK_CHARS = 512_000;
export const MAX_LINE_CHARS = 10_000;

/** `Data retention` -> `data-retention`; keeps letters of any script so non-English headings get ids too. */
export function slugify(text: string): string {
  const fast = asciiSlug(text.toLowerCase());
  if (fast !== undefined) {
    return fast || 'section';
  }
  const slug = text
    .toLowerCase()
    .replace(/[`*_~[\]()<>"'!?.,:;{}|\\/#@$%^&+=—–]/g, ' ')
    .trim()
    .replace(/\s+/g, '-')
    .replace(/-+/g, '-');
  return slug || 'section';
}

/** The ASCII characters slugify turns into a separator (its punctuation class and whitespace). */
const SLUG_SEPARATOR = new Uint8Array(128);
for (const ch of '`*_~[]()<>"\'!?.,:;{}|\\/#@$%^&+= \t\n\v\f\r') {
  SLUG_SEPARATOR[ch.charCodeAt(0)] = 1;
}

/**
 * slugify's regex chain done in one pass, for ASCII text (nearly every heading); undefined for
 * anything else so the regexes keep the exact rules for other scripts and Unicode spaces. A run of
 * separators and dashes becomes one `-`; at either end it is dropped unless it holds a `-`
 * (the chain trims spaces before it turns them into dashes).
 */
function asciiSlug(lower: string): string | undefined {
  // Words are slices of `lower` joined once: building the slug by `+=` would leave a chain of
  // concatenation nodes in every step id the index keeps.
  const words: string[] = [];
  let wordStart = -1;
  let leadingDash = false;
  let runHasDash = false;
  for (let i = 0; i < lower.length; i++) {
    const c = lower.charCodeAt(i);
    if (c > 127 || (c < 32 && (c < 9 || c > 13))) {
      return undefined;
    }
    if (c === 45 /* - */ || SLUG_SEPARATOR[c]) {
      if (wordStart >= 0) {
        words.push(lower.slice(wordStart, i));
        wordStart = -1;
        runHasDash = false;
      }
      runHasDash ||= c === 45;
      continue;
    }
    if (wordStart < 0) {
      if (words.length === 0) {
        leadingDash = runHasDash;
      }
      wordStart = i;
    }
  }
  if (wordStart >= 0) {
    words.push(lower.slice(wordStart));
    runHasDash = false;
  }
  if (words.length === 0) {
    return runHasDash ? '-' : '';
  }
  // Inner runs become one `-`; a run at either end only when it holds a `-`.
  if (leadingDash) {
    words.unshift('');
  }
  if (runHasDash) {
    words.push('');
  }
  return words.length === 1 ? words[0] : words.join('-');
}

/** Makes ids unique within one runbook: `check`, `check-2`, `check-3`. */
export class IdAllocator {
  private readonly used = new Map<string, number>();

  take(base: string): string {
    const seen = this.used.get(base);
    if (seen === undefined) {
      this.used.set(base, 1);
      return base;
    }
    let n = seen + 1;
    while (this.used.has(`${base}-${n}`)) {
      n++;
    }
    this.used.set(base, n);
    this.used.set(`${base}-${n}`, 1);
    return `${base}-${n}`;
  }
}

/** Inline Markdown to plain words: code spans, emphasis, links and images reduced to their text. */
export function plainInline(text: string): string {
  if (isPlainAlready(text)) {
    return text; // nothing to strip, no space to collapse or trim: the common case for headings and titles
  }
  if (!/[`*_[!<]/.test(text)) {
    return text.replace(/\s+/g, ' ').trim(); // most lines have no inline markup: skip the regex chain
  }
  // Bracket and parenthesis classes exclude the opening character too, so each attempt stops at
  // the next `[` or `(`: with `[^\]]*` a line of `[x](` repeated was rescanned from every `[`.
  // Each pattern runs only when the text holds the characters it cannot match without (`](`, `][`,
  // a backtick, `*` or `_`): most text has one kind of markup (an alert message is one code span),
  // and a pattern that cannot match would only scan the text to leave it as it is.
  let out = text;
  if (out.includes('](')) {
    out = out.replace(/!\[([^[\]]*)\]\([^()]*\)/g, '$1').replace(/\[([^[\]]*)\]\([^()]*\)/g, '$1');
  }
  if (out.includes('][')) {
    out = out.replace(/\[([^[\]]+)\]\[[^[\]]*\]/g, '$1');
  }
  if (out.includes('`')) {
    out = out.replace(/`([^`]*)`/g, '$1');
  }
  if (out.includes('*') || out.includes('_')) {
    out = out.replace(/(\*\*|__)(.*?)\1/g, '$2').replace(/(^|\W)[*_]([^*_]+)[*_](?=\W|$)/g, '$1$2');
  }
  return out.replace(/\s+/g, ' ').trim();
}

/**
 * True when plainInline would return the text unchanged: no markup character, only single ASCII
 * spaces between words. Anything else (tabs, Unicode spaces, control characters) takes the regexes.
 */
function isPlainAlready(text: string): boolean {
  let afterSpace = true; // a leading space would be trimmed
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 32) {
      if (afterSpace) {
        return false;
      }
      afterSpace = true;
      continue;
    }
    afterSpace = false;
    // Markup (` * _ [ ! <), ASCII control/whitespace, and any non-ASCII character that might be a space.
    if (c === 96 || c === 42 || c === 95 || c === 91 || c === 33 || c === 60 || c < 32 || (c > 126 && isUnicodeSpace(c))) {
      return false;
    }
  }
  return !afterSpace || text.length === 0;
}

/** The non-ASCII code units JavaScript's `\s` matches. */
function isUnicodeSpace(c: number): boolean {
  return (
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

/** The last path segment without its extension: `docs/runbooks/Disk-Full.runbook.md` -> `Disk-Full`. */
export function fileStem(file: string): string {
  const base = file.split(/[\\/]/).pop() ?? file;
  return base.replace(/\.runbook\.(md|markdown|ya?ml)$/i, '').replace(/\.(md|markdown|ya?ml)$/i, '');
}

/** `disk-full` / `disk_full` -> `Disk full`. */
export function humanize(stem: string): string {
  const words = stem.replace(/[-_]+/g, ' ').trim();
  return words ? words[0].toUpperCase() + words.slice(1) : stem;
}

const STOP_WORDS = new Set(
  (
    'the a an and or of to in on for is are be was were it its this that with by at from as not no if then ' +
    'when what how why which who can may might will should must do does did has have had been being into ' +
    'than too very more most some any all each other over under after before up down out about also only ' +
    'there their them they we you your our us'
  ).split(' '),
);

/** Lower-case word stems for text matching: stop words dropped, a trailing plural `s` removed. */
export function wordsOf(text: string): string[] {
  const lower = text.toLowerCase();
  const out: string[] = [];
  // ASCII text (nearly all titles and symptoms) is cut in one pass: there, letters and digits are
  // exactly [a-z0-9]. Other text takes the Unicode-aware split. Matching prepares every runbook's
  // words when it builds its candidate index, so this is on the first match's path.
  let start = 0;
  let digitsOnly = true;
  for (let i = 0; i <= lower.length; i++) {
    const c = i < lower.length ? lower.charCodeAt(i) : 32;
    if (c > 127) {
      return unicodeWordsOf(lower);
    }
    const digit = c >= 48 && c <= 57;
    if (digit || (c >= 97 && c <= 122)) {
      digitsOnly &&= digit;
      continue;
    }
    if (i - start >= 3 && !digitsOnly) {
      keepWord(lower.slice(start, i), out);
    }
    start = i + 1;
    digitsOnly = true;
  }
  return out;
}

function unicodeWordsOf(lower: string): string[] {
  const out: string[] = [];
  for (const raw of lower.split(/[^\p{L}\p{N}]+/u)) {
    if (raw.length >= 3 && !/^\d+$/.test(raw)) {
      keepWord(raw, out);
    }
  }
  return out;
}

/** Stop words dropped, a trailing plural `s` removed. */
function keepWord(raw: string, out: string[]): void {
  if (!STOP_WORDS.has(raw)) {
    out.push(raw.length > 4 && raw.endsWith('s') && !raw.endsWith('ss') ? raw.slice(0, -1) : raw);
  }
}

/** Splits CamelCase identifiers (alert names) into words: `CheckoutDBPoolExhausted` -> `Checkout DB Pool Exhausted`. */
export function splitCamel(text: string): string {
  // A lookahead, not `([A-Z]+)([A-Z][a-z])`: that rescans a run of capitals from each of them (an SSM
  // parameter named with 10,000 of them took half a second).
  return text.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/([A-Z])(?=[A-Z][a-z])/g, '$1 ');
}
