// Ranking runbooks for an incident: by the runbook an alert links to, alert name, label matchers,
// service, and shared words in title and symptoms. Every point comes with a reason in words, so the
// responder sees why a runbook is offered.

import { formatMatcher, matcherMatches } from './matchers';
import { AlertRunbookLink, Runbook } from './model';
import { normalizePath } from './references';
import { splitCamel, wordsOf } from './text';

export interface IncidentAlert {
  readonly name: string;
  readonly labels?: Readonly<Record<string, string>>;
  readonly annotations?: Readonly<Record<string, string>>;
}

export interface RunbookQuery {
  readonly service?: string;
  readonly alerts?: readonly IncidentAlert[];
  /** Free text: the incident title, alert summaries. */
  readonly text?: string;
}

export interface RunbookMatch {
  readonly runbook: Runbook;
  readonly score: number;
  readonly reasons: readonly string[];
}

export interface MatchOptions {
  /** Alert -> runbook links from rule files in the workspace. */
  readonly alertLinks?: readonly AlertRunbookLink[];
  /** Matches scoring below this are left out (default 10). */
  readonly minScore?: number;
  readonly limit?: number;
}

export const MATCH_WEIGHTS = {
  link: 100,
  ruleLink: 90,
  alertName: 80,
  labelsOnly: 50,
  matchers: 20,
  service: 40,
  textMax: 30,
} as const;

interface Prepared {
  readonly alertNames: Set<string>;
  readonly services: Set<string>;
  readonly words: Set<string>;
  readonly pathSegments: readonly string[];
}

const prepared = new WeakMap<Runbook, Prepared>();

function prepare(runbook: Runbook): Prepared {
  let p = prepared.get(runbook);
  if (!p) {
    const path = normalizePath(runbook.file)
      .toLowerCase()
      .replace(/\.(runbook\.)?(md|markdown|ya?ml)$/, '');
    p = {
      alertNames: new Set(runbook.alerts.map((a) => a.name.toLowerCase()).filter(Boolean)),
      services: new Set(runbook.services.map((s) => s.toLowerCase())),
      words: new Set(wordsOf(`${runbook.title} ${splitCamel(runbook.alerts.map((a) => a.name).join(' '))} ${runbook.symptoms.join(' ')}`)),
      pathSegments: path.split('/'),
    };
    prepared.set(runbook, p);
  }
  return p;
}

/**
 * A runbook link (`https://gitlab.com/org/runbooks/-/blob/main/docs/x.md#anchor`, `docs/x.md`,
 * `https://runbooks.example.dev/runbooks/kubernetes/kubepodcrashlooping/`) as lower-case path
 * segments without extension, plus its anchor.
 */
export function linkTarget(link: string): { segments: string[]; anchor?: string } {
  let text = link.trim();
  const hash = text.indexOf('#');
  const anchor = hash >= 0 ? text.slice(hash + 1).toLowerCase() : undefined;
  text = (hash >= 0 ? text.slice(0, hash) : text).split('?')[0];
  text = text.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/]+/i, '');
  text = text.replace(/^.*?\/-\/(?:blob|tree|raw)\/[^/]+\//, '').replace(/^.*?\/(?:blob|tree|raw|src)\/[^/]+\//, '');
  const segments = normalizePath(text)
    .toLowerCase()
    .replace(/\.(runbook\.)?(md|markdown|ya?ml|html?)$/, '')
    .split('/')
    .filter(Boolean);
  return { segments, ...(anchor ? { anchor } : {}) };
}

type LinkTarget = ReturnType<typeof linkTarget>;

/** How well a link points at a runbook: 2+ trailing path segments agree, or only the file name. */
function linkStrength(target: LinkTarget, runbook: Runbook, p: Prepared): 'path' | 'name' | undefined {
  const { segments, anchor } = target;
  if (segments.length === 0) {
    return undefined;
  }
  if (runbook.anchor && anchor && anchor !== runbook.anchor) {
    return undefined;
  }
  const own = p.pathSegments;
  let same = 0;
  while (same < segments.length && same < own.length && segments[segments.length - 1 - same] === own[own.length - 1 - same]) {
    same++;
  }
  if (same >= 2 || (same === 1 && segments.length === 1 && own.length === 1)) {
    return runbook.anchor && !anchor ? 'name' : 'path';
  }
  if (same === 1) {
    return 'name';
  }
  // A runbook site's URL may end in the alert name alone (`.../kubepodcrashlooping/`).
  return p.alertNames.has(segments[segments.length - 1]) ? 'name' : undefined;
}

/** What a query needs for every runbook, worked out once per query rather than once per runbook. */
interface PreparedQuery {
  readonly words: ReadonlySet<string>;
  readonly alerts: readonly {
    readonly alert: IncidentAlert;
    readonly labels: Readonly<Record<string, string>>;
    readonly links: readonly { key: string; link: string; target: LinkTarget }[];
    readonly rules: readonly { rule: AlertRunbookLink; target: LinkTarget }[];
  }[];
}

function prepareQuery(query: RunbookQuery, options: MatchOptions): PreparedQuery {
  return {
    words: queryWords(query),
    alerts: (query.alerts ?? []).map((alert) => ({
      alert,
      labels: { alertname: alert.name, ...(alert.labels ?? {}) },
      links: ['runbook_url', 'runbook']
        .filter((key) => alert.annotations?.[key])
        .map((key) => ({ key, link: alert.annotations?.[key] as string, target: linkTarget(alert.annotations?.[key] as string) })),
      rules: (options.alertLinks ?? []).filter((r) => r.alert === alert.name).map((rule) => ({ rule, target: linkTarget(rule.target) })),
    })),
  };
}

function scorePrepared(runbook: Runbook, query: RunbookQuery, q: PreparedQuery): RunbookMatch {
  const p = prepare(runbook);
  const reasons: string[] = [];
  let score = 0;
  let alertScore = 0;
  for (const { alert, labels, links, rules } of q.alerts) {
    for (const { key, link, target } of links) {
      const strength = linkStrength(target, runbook, p);
      if (strength) {
        alertScore = Math.max(alertScore, strength === 'path' ? MATCH_WEIGHTS.link : MATCH_WEIGHTS.link * 0.6);
        reasons.push(`alert ${alert.name}'s annotations.${key} points to this runbook (${link})`);
      }
    }
    for (const { rule, target } of rules) {
      if (linkStrength(target, runbook, p) === 'path') {
        alertScore = Math.max(alertScore, MATCH_WEIGHTS.ruleLink);
        reasons.push(`the alert rule for ${alert.name} in ${rule.file}:${rule.position.line} names this runbook`);
      }
    }
    for (const declared of runbook.alerts) {
      const nameOk = declared.name === '' || declared.name.toLowerCase() === alert.name.toLowerCase();
      if (!nameOk) {
        continue;
      }
      const failed = declared.matchers.filter((m) => !matcherMatches(m, labels));
      if (failed.length) {
        if (declared.name) {
          reasons.push(`handles ${declared.name}, but not with these labels (${failed.map(formatMatcher).join(', ')} does not match)`);
        }
        continue;
      }
      let points = declared.name ? MATCH_WEIGHTS.alertName : MATCH_WEIGHTS.labelsOnly;
      if (declared.name) {
        reasons.push(`handles alert ${declared.name}`);
      }
      if (declared.matchers.length) {
        points += MATCH_WEIGHTS.matchers;
        reasons.push(`alert labels match ${declared.matchers.map(formatMatcher).join(', ')}`);
      }
      alertScore = Math.max(alertScore, points);
    }
  }
  score += alertScore;
  if (query.service && p.services.has(query.service.toLowerCase())) {
    score += MATCH_WEIGHTS.service;
    reasons.push(`written for service ${query.service}`);
  }
  if (q.words.size) {
    let shared: string[] | undefined;
    for (const w of q.words) {
      if (p.words.has(w)) {
        (shared ??= []).push(w);
      }
    }
    if (shared) {
      score += Math.round(MATCH_WEIGHTS.textMax * Math.min(1, shared.length / Math.min(q.words.size, 4)));
      reasons.push(
        `title/symptoms share ${shared.length === 1 ? 'the word' : 'the words'} ${shared
          .slice(0, 5)
          .map((w) => `"${w}"`)
          .join(', ')}`,
      );
    }
  }
  return { runbook, score, reasons };
}

/** One runbook's score for a query, with its reasons. */
export function scoreRunbook(runbook: Runbook, query: RunbookQuery, options: MatchOptions = {}): RunbookMatch {
  return scorePrepared(runbook, query, prepareQuery(query, options));
}

export function queryWords(query: RunbookQuery): Set<string> {
  const alertWords = (query.alerts ?? [])
    .map((a) => `${splitCamel(a.name)} ${a.annotations?.summary ?? ''} ${a.annotations?.title ?? ''}`)
    .join(' ');
  return new Set(wordsOf(`${query.text ?? ''} ${alertWords}`));
}

/**
 * Where each key leads, as positions in the runbooks array: every way a runbook can score needs one
 * of these keys to agree with the query (see candidatesFor), so a query scores only the runbooks
 * its keys reach instead of all of them.
 */
interface CandidateIndex {
  /** Lower-case alert names the runbooks declare (also what a link's last segment may name). */
  readonly byAlertName: ReadonlyMap<string, readonly number[]>;
  /** The last segment of the runbook's file path, lower case, without extension (link targets). */
  readonly byFileName: ReadonlyMap<string, readonly number[]>;
  /** Runbooks with a label-only alert entry: any alert may match them. */
  readonly labelOnly: readonly number[];
  readonly byService: ReadonlyMap<string, readonly number[]>;
  /** Word stems of title, alert names and symptoms. */
  readonly byWord: ReadonlyMap<string, readonly number[]>;
}

/**
 * Kept per frozen runbooks array (RunbookIndex hands out one until a file changes): a frozen array
 * cannot change under the index, and a new array after a change gets a new one.
 */
const candidateIndexes = new WeakMap<readonly Runbook[], CandidateIndex>();

function add(map: Map<string, number[]>, key: string, position: number): void {
  const list = map.get(key);
  if (!list) {
    map.set(key, [position]);
  } else if (list[list.length - 1] !== position) {
    list.push(position);
  }
}

function buildCandidateIndex(runbooks: readonly Runbook[]): CandidateIndex {
  const byAlertName = new Map<string, number[]>();
  const byFileName = new Map<string, number[]>();
  const labelOnly: number[] = [];
  const byService = new Map<string, number[]>();
  const byWord = new Map<string, number[]>();
  runbooks.forEach((runbook, i) => {
    const p = prepare(runbook);
    for (const name of p.alertNames) {
      add(byAlertName, name, i);
    }
    if (runbook.alerts.some((a) => a.name === '')) {
      labelOnly.push(i);
    }
    add(byFileName, p.pathSegments[p.pathSegments.length - 1], i);
    for (const service of p.services) {
      add(byService, service, i);
    }
    for (const word of p.words) {
      add(byWord, word, i);
    }
  });
  return { byAlertName, byFileName, labelOnly, byService, byWord };
}

/**
 * Positions of the runbooks that can score above 0 for the query, in array order. A runbook outside
 * them shares no alert name, link target, label-only entry, service or word with the query, and so
 * scores 0 in scorePrepared.
 */
function candidatesFor(index: CandidateIndex, query: RunbookQuery, q: PreparedQuery, count: number): number[] {
  const marked = new Uint8Array(count);
  const out: number[] = [];
  const take = (positions: readonly number[] | undefined) => {
    for (const i of positions ?? []) {
      if (!marked[i]) {
        marked[i] = 1;
        out.push(i);
      }
    }
  };
  for (const { alert, links, rules } of q.alerts) {
    take(index.byAlertName.get(alert.name.toLowerCase()));
    take(index.labelOnly);
    for (const { target } of [...links, ...rules]) {
      const last = target.segments[target.segments.length - 1];
      if (last !== undefined) {
        take(index.byFileName.get(last));
        take(index.byAlertName.get(last));
      }
    }
  }
  if (query.service) {
    take(index.byService.get(query.service.toLowerCase()));
  }
  for (const word of q.words) {
    take(index.byWord.get(word));
  }
  // Scored in array order, so equal scores and titles keep the order brute force gives them.
  return out.sort((a, b) => a - b);
}

/** Runbooks for an incident, best first (ties by title); only those scoring at least `minScore`. */
export function matchRunbooks(query: RunbookQuery, runbooks: readonly Runbook[], options: MatchOptions = {}): RunbookMatch[] {
  const prepared = prepareQuery(query, options);
  const min = options.minScore ?? 10;
  const out: RunbookMatch[] = [];
  const consider = (runbook: Runbook) => {
    const match = scorePrepared(runbook, query, prepared);
    if (match.score >= min) {
      out.push(match);
    }
  };
  if (min > 0 && Object.isFrozen(runbooks)) {
    let index = candidateIndexes.get(runbooks);
    if (!index) {
      index = buildCandidateIndex(runbooks);
      candidateIndexes.set(runbooks, index);
    }
    for (const i of candidatesFor(index, query, prepared, runbooks.length)) {
      consider(runbooks[i]);
    }
  } else {
    // A minimum of 0 or below keeps runbooks that share nothing, and an array that may still change
    // cannot keep an index: score them all.
    for (const runbook of runbooks) {
      consider(runbook);
    }
  }
  out.sort((a, b) => b.score - a.score || a.runbook.title.localeCompare(b.runbook.title));
  return options.limit ? out.slice(0, options.limit) : out;
}

/** The query an incident gives by itself: its service, title and alert entries' text. */
export function queryFromIncident(
  incident: { readonly service: string; readonly title: string; readonly entries?: readonly { kind: string; text: string }[] },
  alerts: readonly IncidentAlert[] = [],
): RunbookQuery {
  const alertText = (incident.entries ?? [])
    .filter((e) => e.kind === 'alert')
    .map((e) => e.text)
    .join(' ');
  return { service: incident.service || undefined, alerts, text: `${incident.title} ${alertText}`.trim() };
}
