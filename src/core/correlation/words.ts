// The words of an incident title or alert ("Checkout timeouts after payment retries") reduced to
// stems that can be found again in commit messages and paths ("retry checkout timeout").

const STOP_WORDS = new Set(
  (
    'a an and are as at be been but by can could did do does down for from had has have high how i if in into is it its ' +
    'low no not of off on or our out over so some than that the their them then there these they this those to too up ' +
    'us was we were what when where which while who why will with would you your after before during since until ' +
    'again all any more most other such only own same very just now new also via per get got due ' +
    // incident boilerplate: in every title, so it says nothing about which change caused it
    'incident sev sev1 sev2 sev3 sev4 p1 p2 p3 p4 alert alerts alerting prod production outage issue issues error errors ' +
    'problem problems degraded degradation customer customers users user impact elevated increased spike fail failing ' +
    'failed failure failures broken down investigate investigating fix fixes fixed bug update updated change changes ' +
    'src lib test tests spec index main app js ts json yaml yml md'
  ).split(/\s+/),
);

/** Stemming-lite: enough that `timeouts`, `retrying` and `retried` meet `timeout` and `retry`. */
export function stem(word: string): string {
  let w = word.toLowerCase();
  if (w.length <= 4) {
    return w;
  }
  if (w.endsWith('ies') && w.length > 5) {
    return w.slice(0, -3) + 'y';
  }
  if (w.endsWith('ied')) {
    return w.slice(0, -3) + 'y';
  }
  for (const suffix of ['ing', 'ed', 'es', 's']) {
    if (w.endsWith(suffix) && w.length - suffix.length >= 4 && !w.endsWith('ss')) {
      w = w.slice(0, -suffix.length);
      // `retrying` → `retry`; `charging` → `charg` stays comparable with `charge` → `charg` below
      break;
    }
  }
  if (w.endsWith('e') && w.length > 4) {
    w = w.slice(0, -1);
  }
  return w;
}

/** Splits on non-letters and camelCase, drops stop words and short words, returns unique stems. */
export function keywordStems(text: string): string[] {
  const stems = new Set<string>();
  eachKeywordStem(text, (s) => stems.add(s));
  return [...stems];
}

/**
 * Adds to `found` each of `wanted` that is among `keywordStems(text)`, without building that list:
 * ranking asks this of every commit for the two or three stems of an incident title.
 */
export function addKeywordMatches(text: string, wanted: ReadonlySet<string>, found: Set<string>): void {
  eachKeywordStem(text, (s) => {
    if (wanted.has(s)) {
      found.add(s);
    }
  });
}

function eachKeywordStem(text: string, each: (stem: string) => void): void {
  for (const w of asciiWords(text) ?? splitWords(text)) {
    if (w.length >= 3 && !STOP_WORDS.has(w) && !ALL_DIGITS.test(w)) {
      each(stem(w));
    }
  }
}

const ALL_DIGITS = /^\d+$/;

function splitWords(text: string): string[] {
  return text
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/);
}

/**
 * `splitWords` in one pass for ASCII text (commit messages and paths nearly always are): a word
 * is a run of letters and digits, also split where a lower-case letter or digit meets a capital.
 * Undefined for other text, whose lower-casing is Unicode's business.
 */
function asciiWords(text: string): string[] | undefined {
  const words: string[] = [];
  let start = -1;
  let previousLowerOrDigit = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c > 127) {
      return undefined;
    }
    const upper = c >= 65 && c <= 90;
    const lowerOrDigit = (c >= 97 && c <= 122) || (c >= 48 && c <= 57);
    if (upper || lowerOrDigit) {
      if (start < 0) {
        start = i;
      } else if (upper && previousLowerOrDigit) {
        words.push(text.slice(start, i).toLowerCase());
        start = i;
      }
    } else if (start >= 0) {
      words.push(text.slice(start, i).toLowerCase());
      start = -1;
    }
    previousLowerOrDigit = lowerOrDigit;
  }
  if (start >= 0) {
    words.push(text.slice(start).toLowerCase());
  }
  return words;
}
