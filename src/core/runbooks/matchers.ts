// Prometheus-style label matchers (`severity=~"critical|page"`), as runbooks declare which alerts they handle.

import { LabelMatcher, MatchOperator } from './model';

const MATCHER = /^\s*([A-Za-z_][A-Za-z0-9_]*)\s*(=~|!~|!=|=)\s*(?:"((?:[^"\\]|\\.)*)"|'([^']*)'|(\S.*?))\s*$/;

export function parseMatcher(text: string): LabelMatcher | { error: string } {
  const m = MATCHER.exec(text);
  if (!m) {
    return { error: `"${text}" is not a label matcher; write it as name="value", name!="value", name=~"regex" or name!~"regex"` };
  }
  const value = m[3] !== undefined ? m[3].replace(/\\(.)/g, '$1') : m[4] ?? m[5] ?? '';
  const op = m[2] as MatchOperator;
  if (op === '=~' || op === '!~') {
    try {
      new RegExp(`^(?:${value})$`);
    } catch (error) {
      return { error: `"${text}": the regular expression does not compile (${(error as Error).message})` };
    }
  }
  return { name: m[1], op, value };
}

const compiled = new Map<string, RegExp>();

function anchored(pattern: string): RegExp {
  let re = compiled.get(pattern);
  if (!re) {
    // Alertmanager anchors regex matchers at both ends.
    re = new RegExp(`^(?:${pattern})$`);
    compiled.set(pattern, re);
  }
  return re;
}

/** A missing label reads as the empty string, as in Alertmanager. */
export function matcherMatches(matcher: LabelMatcher, labels: Readonly<Record<string, string>>): boolean {
  const actual = labels[matcher.name] ?? '';
  switch (matcher.op) {
    case '=':
      return actual === matcher.value;
    case '!=':
      return actual !== matcher.value;
    case '=~':
      return anchored(matcher.value).test(actual);
    case '!~':
      return !anchored(matcher.value).test(actual);
  }
}

export function formatMatcher(matcher: LabelMatcher): string {
  return `${matcher.name}${matcher.op}"${matcher.value}"`;
}
