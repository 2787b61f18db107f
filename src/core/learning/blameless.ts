// The blameless language check for review files: a person (a name, he / she / they, "the engineer")
// as the subject of blaming phrasing ("caused", "forgot", "should have", "failed to", "didn't
// bother"), and words that blame on their own ("careless", "human error"). Each finding carries a
// neutral rewrite. "The deploy caused" and "the check failed to catch" are about systems: no finding.
import { MAX_LINE_CHARS } from '../runbooks/text';

export interface BlameFinding {
  /** 0-based line, and the span on it (character offsets) the rewrite replaces. */
  readonly line: number;
  readonly start: number;
  readonly end: number;
  readonly phrase: string;
  /** Who is blamed, as written; absent for words that blame on their own. */
  readonly subject?: string;
  readonly message: string;
  readonly rewrite: string;
}

export interface BlamelessOptions {
  /** People known to the incident (authors, role holders): their names count as persons. */
  readonly people?: readonly string[];
  /** 0-based line ranges to skip (the generated blocks, which quote the timeline as it was written). */
  readonly skip?: readonly { readonly start: number; readonly end: number }[];
}

interface Phrase {
  readonly pattern: RegExp;
  /** Blames without a person before it. */
  readonly alone?: boolean;
  /** The neutral wording for "<person> <phrase>" (or the phrase alone), from what matched. */
  readonly rewrite: (match: string) => string;
  /** For a phrase that blames alone: the wording when a person is its subject ("Bob was careless"). */
  readonly withSubject?: string;
}

const NOBODY_ENSURED = 'nothing in the process ensured anyone would';

// Each pattern matches the phrase at a word boundary; the subject is found by walking back from it.
const PHRASES: readonly Phrase[] = [
  { pattern: /\bcaused\b/gi, rewrite: () => 'a change caused' },
  { pattern: /\bforgot to\b/gi, rewrite: () => 'nothing in the process prompted anyone to' },
  { pattern: /\bforgot\b(?! to\b)/gi, rewrite: () => 'the process did not surface' },
  { pattern: /\b(?:shouldn't|should not) have\b/gi, rewrite: () => 'it would have helped not to have' },
  { pattern: /\bshould have\b/gi, rewrite: () => 'it would have helped to have' },
  { pattern: /\bfailed to\b/gi, rewrite: () => NOBODY_ENSURED },
  {
    pattern: /\b(?:didn't|did not|didn’t) bother(?: to\b)?/gi,
    rewrite: (m) => (/to$/i.test(m) ? NOBODY_ENSURED : 'nobody was prompted to'),
  },
  { pattern: /\bhuman error\b/gi, alone: true, rewrite: () => 'a gap in tooling or process' },
  { pattern: /\bcarelessly\s+/gi, alone: true, rewrite: () => '' },
  { pattern: /\bcareless(?:ness)?\b/gi, alone: true, rewrite: () => 'risky', withSubject: 'the work was risky' },
];

const PRONOUNS = new Set(['he', 'she', 'they', "he'd", "she'd", "they'd"]);
/** Words for a person by their job: "the on-call engineer forgot". */
const PERSON_NOUNS = new Set([
  'engineer',
  'developer',
  'dev',
  'operator',
  'on-call',
  'oncall',
  'oncaller',
  'responder',
  'intern',
  'admin',
  'administrator',
  'reviewer',
  'author',
  'committer',
  'someone',
  'somebody',
  'person',
  'guy',
]);
/** Words between a subject and the phrase that keep the subject the subject ("Bob simply forgot"). */
const BETWEEN = new Set([
  'had',
  'has',
  'have',
  'was',
  'were',
  'is',
  'just',
  'simply',
  'also',
  'then',
  'clearly',
  'obviously',
  'accidentally',
  'mistakenly',
  'probably',
  'apparently',
  'again',
  'completely',
  'totally',
  'really',
  'unfortunately',
  'being',
  'been',
  'so',
  'very',
]);

/** Finds blaming language in a review's text, line by line, outside code and the given ranges. */
export function findBlame(text: string, options: BlamelessOptions = {}): BlameFinding[] {
  const people = new Set((options.people ?? []).flatMap((p) => namesOf(p)));
  const skip = options.skip ?? [];
  const findings: BlameFinding[] = [];
  let fence = false;
  let comment = false;
  text.split(/\r?\n/).forEach((raw, line) => {
    if (/^\s*(```|~~~)/.test(raw)) {
      fence = !fence;
      return;
    }
    // A line longer than the runbooks' cap is no prose to check (and its phrases would each walk back far).
    if (fence || raw.length > MAX_LINE_CHARS || skip.some((r) => line >= r.start && line <= r.end)) {
      return;
    }
    // Blank out code spans and comments (same length, so offsets stay right).
    let masked = raw.replace(/`[^`]*`/g, (m) => ' '.repeat(m.length));
    if (comment) {
      const close = masked.indexOf('-->');
      masked = close < 0 ? ' '.repeat(masked.length) : ' '.repeat(close + 3) + masked.slice(close + 3);
      comment = close < 0;
    }
    masked = masked.replace(/<!--[\s\S]*?(-->|$)/g, (m, closed: string) => {
      comment = closed === '';
      return ' '.repeat(m.length);
    });
    findings.push(...lineFindings(masked, line, people));
  });
  return findings;
}

function namesOf(person: string): string[] {
  // "Alice Chen" and "alice.chen@example.com" both yield the names a review would use.
  const local = person.split('@')[0];
  return [local, ...local.split(/[\s._-]+/)].map((n) => n.trim().toLowerCase()).filter((n) => n.length >= 2);
}

interface Word {
  readonly text: string;
  readonly start: number;
  /** The word opens a sentence (so its capital letter says nothing). */
  readonly sentenceStart: boolean;
}

const WORD = /[@\p{L}](?:[\p{L}\p{N}'’_-]|\.(?=[\p{L}\p{N}]))*|[.!?;:,()]/gu;

/** A word's text without trailing dots and apostrophes (a loop: `/[.'’]+$/` is quadratic on a run of them). */
function bare(word: string): string {
  let end = word.length;
  while (end > 0 && ".'’".includes(word[end - 1])) end--;
  return word.slice(0, end);
}

/** The words and punctuation of a line, each with its raw length; read once per line, not once per phrase found. */
function wordsOf(masked: string): (Word & { readonly raw: number })[] {
  const words: (Word & { readonly raw: number })[] = [];
  let sentenceStart = true;
  for (const m of masked.matchAll(WORD)) {
    if (/^[.!?;:()]$/.test(m[0])) {
      words.push({ text: m[0], start: m.index, sentenceStart: false, raw: 1 });
      sentenceStart = m[0] !== ',';
      continue;
    }
    if (m[0] === ',') {
      words.push({ text: ',', start: m.index, sentenceStart: false, raw: 1 });
      continue;
    }
    words.push({ text: bare(m[0]), start: m.index, sentenceStart, raw: m[0].length });
    sentenceStart = false;
  }
  return words;
}

/**
 * The words before `upTo`, as reading only the text before it would give: a word running into the
 * phrase ("on-call-caused") ends there, and a dot just before it stands alone. A view over the
 * line's words, not a copy: a line of many phrases would copy them once per phrase.
 */
function wordsBefore(
  masked: string,
  line: readonly (Word & { readonly raw: number })[],
  upTo: number,
): { length: number; at(i: number): Word } {
  let lo = 0;
  let hi = line.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (line[mid].start < upTo) lo = mid + 1;
    else hi = mid;
  }
  const last = line[lo - 1];
  if (!last || last.start + last.raw <= upTo) {
    return { length: lo, at: (i) => line[i] };
  }
  const cut = masked.slice(last.start, upTo);
  const dot = cut.endsWith('.');
  const tail: Word[] = [
    { ...last, text: bare(dot ? cut.slice(0, -1) : cut) },
    ...(dot ? [{ text: '.', start: upTo - 1, sentenceStart: false }] : []),
  ];
  return { length: lo - 1 + tail.length, at: (i) => (i < lo - 1 ? line[i] : tail[i - lo + 1]) };
}

const MAX_WORDS_BETWEEN = 8;

const DETERMINERS = new Set(['the', 'a', 'an', 'our', 'their', 'that', 'this', 'one']);

function subjectBefore(
  masked: string,
  line: readonly (Word & { readonly raw: number })[],
  at: number,
  people: ReadonlySet<string>,
): Word | undefined {
  const words = wordsBefore(masked, line, at);
  // A subject is a few words back at most ("Bob simply forgot"); the bound keeps a line of
  // "carelessly carelessly ..." from walking back over all of them from each one.
  for (let i = words.length - 1; i >= Math.max(0, words.length - 1 - MAX_WORDS_BETWEEN); i--) {
    const w = words.at(i);
    const lower = w.text.toLowerCase();
    if (BETWEEN.has(lower) || /ly$/.test(lower)) {
      continue;
    }
    if (!isPerson(w, people)) {
      return undefined;
    }
    // "the on-call engineer": the rewrite replaces the whole phrase naming the person.
    for (let j = i - 1; j >= Math.max(0, i - 3) && /^[@\p{L}]/u.test(words.at(j).text); j--) {
      const d = words.at(j);
      if (DETERMINERS.has(d.text.toLowerCase())) {
        return { ...d, text: masked.slice(d.start, w.start + w.text.length) };
      }
    }
    return w;
  }
  return undefined;
}

function isPerson(word: Word, people: ReadonlySet<string>): boolean {
  const lower = word.text.toLowerCase().replace(/'s$/, '');
  if (PRONOUNS.has(lower) || PERSON_NOUNS.has(lower) || people.has(lower) || people.has(lower.replace(/^@/, ''))) {
    return true;
  }
  // A capitalised word is not enough: "then Redis failed to" names a system. Names come from the
  // incident (its authors, role holders, owners) or an @handle.
  return word.text.startsWith('@') && word.text.length > 1;
}

function lineFindings(masked: string, line: number, people: ReadonlySet<string>): BlameFinding[] {
  const found: BlameFinding[] = [];
  // Characters already rewritten, one flag each: checking each finding against every earlier one was
  // quadratic on a line of many.
  let taken: Uint8Array | undefined;
  let words: (Word & { readonly raw: number })[] | undefined;
  for (const phrase of PHRASES) {
    for (const m of masked.matchAll(phrase.pattern)) {
      const from = m.index;
      const to = from + m[0].length;
      if (taken?.subarray(from, to).includes(1)) {
        continue;
      }
      words ??= wordsOf(masked);
      const subject = subjectBefore(masked, words, from, people);
      if (!subject && !phrase.alone) {
        continue;
      }
      // The rewrite replaces "<person> ... <phrase>" when a person is the subject, else the phrase.
      const whole = subject !== undefined && (!phrase.alone || phrase.withSubject !== undefined);
      const start = whole ? subject.start : from;
      const wording = whole && phrase.withSubject ? phrase.withSubject : phrase.rewrite(m[0].trim());
      (taken ??= new Uint8Array(masked.length)).fill(1, start, to);
      found.push({
        line,
        start,
        end: to,
        phrase: m[0].trim(),
        ...(subject ? { subject: subject.text } : {}),
        message: `Blaming language: ${subject ? `"${subject.text}" ` : ''}"${m[0].trim()}". Say what the system and the process allowed, not who slipped.`,
        rewrite: whole && subject.sentenceStart ? capitalise(wording) : wording,
      });
    }
  }
  return found.sort((a, b) => a.start - b.start);
}

function capitalise(text: string): string {
  return text ? text[0].toUpperCase() + text.slice(1) : text;
}

/** The line with a finding's rewrite applied (for tests and the CLI; the editor applies an edit). */
export function applyRewrite(lineText: string, finding: Pick<BlameFinding, 'start' | 'end' | 'rewrite'>): string {
  return lineText.slice(0, finding.start) + finding.rewrite + lineText.slice(finding.end);
}
