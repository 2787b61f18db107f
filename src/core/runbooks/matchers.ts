// Prometheus-style label matchers (`severity=~"critical|page"`), as runbooks declare which alerts they handle.

import { LabelMatcher, MatchOperator } from './model';
import { own } from '../own';

// A bare value is trimmed in code: `(\S.*?)\s*$` rescanned a long run of blanks from each position.
const MATCHER = /^\s*([A-Za-z_][A-Za-z0-9_]*)\s*(=~|!~|!=|=)\s*(?:"((?:[^"\\]|\\.)*)"\s*$|'([^']*)'\s*$|(\S[^]*)$)/;

/**
 * Regex matchers are written by whoever wrote the runbook (a teammate, a cloned repository), and
 * JavaScript regexes backtrack: `(a+)+$` against a long label value never finishes. They cannot
 * be made linear in general and run on the extension host while incidents are matched, so instead
 * of a worker round trip per match: a pattern that can backtrack badly is refused when the runbook
 * is read (nested or alternated quantified groups, backreferences, more than MAX_QUANTIFIERS
 * quantifiers), and a label value longer than MAX_REGEX_INPUT never reaches a regex. What is left
 * is at worst a polynomial of small degree over a bounded input.
 */
export const MAX_REGEX_INPUT = 512;
const MAX_QUANTIFIERS = 3;

export function parseMatcher(text: string): LabelMatcher | { error: string } {
  const m = MATCHER.exec(text);
  if (!m) {
    return { error: `"${text}" is not a label matcher; write it as name="value", name!="value", name=~"regex" or name!~"regex"` };
  }
  const bare = m[5]?.trimEnd();
  if (bare !== undefined && /[\n\r\u2028\u2029]/.test(bare)) {
    return { error: `"${text}" is not a label matcher: a value without quotes is one line` };
  }
  const value = m[3] !== undefined ? m[3].replace(/\\(.)/g, '$1') : (m[4] ?? bare ?? '');
  const op = m[2] as MatchOperator;
  if (op === '=~' || op === '!~') {
    try {
      new RegExp(`^(?:${value})$`);
    } catch (error) {
      return { error: `"${text}": the regular expression does not compile (${(error as Error).message})` };
    }
    const risk = backtrackingRisk(value);
    if (risk) {
      return { error: `"${text}": the regular expression is refused because ${risk}; it could take minutes on a long label value` };
    }
  }
  return { name: m[1], op, value };
}

/**
 * Why a pattern could backtrack badly, or undefined when it cannot. A rough, conservative read of
 * the pattern's syntax: classes and escapes are skipped, groups tracked on a stack.
 */
export function backtrackingRisk(pattern: string): string | undefined {
  const groups: { quantified: boolean; alternation: boolean }[] = [{ quantified: false, alternation: false }];
  let quantifiers = 0;
  let closed: { quantified: boolean; alternation: boolean } | undefined; // the group just closed, if the last atom was one
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    const atomIsGroup = closed;
    closed = undefined;
    if (c === '\\') {
      const next = pattern[++i] ?? '';
      if (/[1-9k]/.test(next)) {
        return 'it uses a backreference';
      }
    } else if (c === '[') {
      for (i++; i < pattern.length && pattern[i] !== ']'; i++) {
        if (pattern[i] === '\\') {
          i++;
        }
      }
    } else if (c === '(') {
      groups.push({ quantified: false, alternation: false });
    } else if (c === ')') {
      closed = groups.length > 1 ? groups.pop() : undefined;
      if (closed && (closed.quantified || closed.alternation)) {
        // Marks the enclosing group too: `((a+))+` is as nested as `(a+)+`.
        const outer = groups[groups.length - 1];
        outer.quantified ||= closed.quantified;
        outer.alternation ||= closed.alternation;
      }
    } else if (c === '|') {
      groups[groups.length - 1].alternation = true;
    } else if (c === '*' || c === '+' || c === '?' || (c === '{' && /^\{(?:\d+(?:,\d*)?|\d*,\d+)\}/.test(pattern.slice(i, i + 24)))) {
      // `{12}` repeats as `{1,12}` does: `(a+){12}` tries every way of splitting a label in twelve.
      if (c === '?' && pattern[i - 1] === '(') {
        continue; // `(?:`, `(?=`, `(?<name>`: group syntax, not a quantifier
      }
      if (c === '{') {
        i = pattern.indexOf('}', i);
      }
      if (pattern[i + 1] === '?') {
        i++; // lazy
      }
      quantifiers++;
      groups[groups.length - 1].quantified = true;
      // `?` repeats nothing, so `(a|b)?` and `(a+)?` stay linear.
      if (c !== '?' && atomIsGroup && (atomIsGroup.quantified || atomIsGroup.alternation)) {
        return atomIsGroup.quantified
          ? 'it repeats a group that itself repeats (nested quantifiers)'
          : 'it repeats a group of alternatives';
      }
    }
  }
  return quantifiers > MAX_QUANTIFIERS ? `it has more than ${MAX_QUANTIFIERS} quantifiers` : undefined;
}

const compiled = new Map<string, RegExp | null>();

/** The anchored regex, or null for a pattern backtrackingRisk refuses (from a runbook not read by parseMatcher). */
function anchored(pattern: string): RegExp | null {
  let re = compiled.get(pattern);
  if (re === undefined) {
    // Alertmanager anchors regex matchers at both ends.
    re = backtrackingRisk(pattern) ? null : new RegExp(`^(?:${pattern})$`);
    compiled.set(pattern, re);
  }
  return re;
}

/** A missing label reads as the empty string, as in Alertmanager. */
export function matcherMatches(matcher: LabelMatcher, labels: Readonly<Record<string, string>>): boolean {
  // A runbook's matcher names any label: `constructor` is a missing label, not Object's constructor.
  const actual = own(labels, matcher.name) ?? '';
  switch (matcher.op) {
    case '=':
      return actual === matcher.value;
    case '!=':
      return actual !== matcher.value;
    case '=~':
    case '!~': {
      const re = anchored(matcher.value);
      if (!re || actual.length > MAX_REGEX_INPUT) {
        return false; // never run: the matcher neither matches nor excludes
      }
      return re.test(actual) === (matcher.op === '=~');
    }
  }
}

export function formatMatcher(matcher: LabelMatcher): string {
  return `${matcher.name}${matcher.op}"${matcher.value}"`;
}
