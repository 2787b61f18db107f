// What leaves the editor for a language model: secrets and tokens are cut out before anything is
// counted or sent (a timeline holds pasted logs, commands and URLs), and the values of fields the
// team excludes (a customer's name ...) are replaced wherever they appear.

export interface SecretPattern {
  readonly name: string;
  readonly pattern: RegExp;
  /** Which capture group is the secret; the whole match when absent. */
  readonly group?: number;
}

// Vendors' published token shapes first (they need no key name to be found), then the generic
// `name=value` / `name: value` forms that catch the rest.
export const SECRET_PATTERNS: readonly SecretPattern[] = [
  { name: 'private-key', pattern: /-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?(?:-----END [A-Z ]*PRIVATE KEY-----|$)/g },
  { name: 'slack-webhook', pattern: /https:\/\/hooks\.slack\.com\/(?:services|workflows|triggers)\/[A-Za-z0-9_/-]+/g },
  { name: 'slack-token', pattern: /\bxox[abposr]-[A-Za-z0-9-]{10,}/g },
  { name: 'github-token', pattern: /\b(?:gh[pousr]_[A-Za-z0-9]{30,}|github_pat_[A-Za-z0-9_]{40,})/g },
  { name: 'aws-access-key', pattern: /\b(?:AKIA|ASIA|AGPA|AIDA|AROA|ANPA|ANVA|AIPA)[A-Z0-9]{16}\b/g },
  { name: 'jwt', pattern: /\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/g },
  { name: 'bearer', pattern: /\b(Bearer|Basic|Token token=)\s*([A-Za-z0-9._~+/=-]{8,})/gi, group: 2 },
  // Any scheme an API takes its key in: `OAuth` (Statuspage), `GenieKey` (Opsgenie) ...
  { name: 'auth-header', pattern: /\bAuthorization["']?\s*[:=]\s*["']?(?:[A-Za-z-]{1,30}\s+)?([^\s"',;<]{8,})/gi, group: 1 },
  { name: 'url-password', pattern: /\b[a-z][a-z0-9+.-]{0,30}:\/\/[^\s:/@]{1,256}:([^\s/@]{1,256})@/gi, group: 1 },
  {
    name: 'key-value',
    // No leading word pattern: `DB_PASSWORD=` and `aws_secret_access_key =` are found by their tail,
    // and the scan stays linear on a long line of words.
    pattern:
      /(?:password|passwd|pwd|secret|token|api[_-]?key|apikey|access[_-]?key|private[_-]?key|routing[_-]?key|integration[_-]?key|service[_-]?key|[_-]key|credentials?)["']?\s*[:=]\s*["']?([^\s"',;&]{4,})/gi,
    group: 1,
  },
];

export interface Redacted {
  readonly text: string;
  /** How many secrets were cut out, by pattern name. */
  readonly found: ReadonlyMap<string, number>;
}

/**
 * What every pattern above starts with or needs: a line without any of these holds no secret they
 * find, and most lines are passed by this one scan instead of one per pattern.
 */
const MAYBE_SECRET =
  /BEGIN|hooks\.slack|xox|gh[pousr]_|github_pat_|A[GIKNRS][A-Z]A|eyJ|bearer|basic|token|:\/\/|pass|pwd|secret|key|credential|authorization/i;

/** Replaces every secret in the text by `<redacted:kind>`; `found` counts them. */
export function redactSecrets(text: string, found = new Map<string, number>()): Redacted {
  if (!MAYBE_SECRET.test(text)) {
    return { text, found };
  }
  let out = text;
  for (const { name, pattern, group } of SECRET_PATTERNS) {
    pattern.lastIndex = 0;
    if (!pattern.test(out)) {
      continue; // most lines hold no secret: one test, no rebuilt string
    }
    pattern.lastIndex = 0;
    out = out.replace(pattern, (match: string, ...groups: unknown[]) => {
      found.set(name, (found.get(name) ?? 0) + 1);
      if (group === undefined) {
        return `<redacted:${name}>`;
      }
      const secret = String(groups[group - 1] ?? '');
      const at = match.lastIndexOf(secret);
      return `${match.slice(0, at)}<redacted:${name}>${match.slice(at + secret.length)}`;
    });
  }
  return { text: out, found };
}

/**
 * The values the team keeps out of prompts: every string (or string in an array) held under one of
 * the excluded field names in any event. Short values (under 3 characters) are ignored, so a field
 * like `tier: "a"` cannot blank every "a" in the prompt.
 */
export function excludedValues(events: readonly object[], fields: readonly string[]): Map<string, string> {
  const values = new Map<string, string>();
  if (fields.length === 0) {
    return values;
  }
  const wanted = new Set(fields);
  const add = (field: string, v: unknown): void => {
    if (typeof v === 'string' && v.trim().length >= 3) {
      values.set(v.trim(), field);
    }
  };
  for (const event of events) {
    for (const [field, value] of Object.entries(event)) {
      if (!wanted.has(field)) {
        continue;
      }
      if (Array.isArray(value)) {
        value.forEach((v) => add(field, v));
      } else {
        add(field, value);
      }
    }
  }
  return values;
}

const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** One pass that replaces each excluded value (longest first) by `<excluded:field>`. */
export function exclusionScrubber(values: ReadonlyMap<string, string>): (text: string) => string {
  if (values.size === 0) {
    return (text) => text;
  }
  const sorted = [...values.keys()].sort((a, b) => b.length - a.length);
  const pattern = new RegExp(sorted.map(escapeRegExp).join('|'), 'gi');
  const byLower = new Map([...values].map(([v, field]) => [v.toLowerCase(), field]));
  return (text) => text.replace(pattern, (match) => `<excluded:${byLower.get(match.toLowerCase()) ?? 'field'}>`);
}
