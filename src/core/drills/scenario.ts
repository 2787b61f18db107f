// A game day scenario (`*.drill.yaml`): what happens when (injects at offsets) and what the team is
// expected to do by when. Read with positions like runbooks and rotations.

import { isMap, isScalar, isSeq, Node, YAMLMap } from 'yaml';
import { RunbookProblem, SourcePosition } from '../runbooks/model';
import { readYamlDocuments } from '../runbooks/yamlDocuments';
import { entries, field, Reader } from '../runbooks/yamlRunbook';
import { isSeverity, Severity } from '../severity';
import { parseDuration } from '../time';

export const INJECT_KINDS = ['alert', 'log', 'message', 'deploy'] as const;
export type InjectKind = (typeof INJECT_KINDS)[number];

/** declare, an Incident Commander assigned, a runbook opened, the suspect commit marked cause, a status update. */
export const EXPECTED_ACTIONS = ['declare', 'commander', 'runbook', 'cause', 'status_update'] as const;
export type ExpectedActionKind = (typeof EXPECTED_ACTIONS)[number];

export interface Inject {
  /** Scenario time after the start. */
  readonly atMs: number;
  readonly kind: InjectKind;
  readonly text: string;
  /** Who says it (a teammate's message), or where it comes from (alert source, deploy ref). */
  readonly from?: string;
  readonly position: SourcePosition;
}

export interface ExpectedAction {
  readonly action: ExpectedActionKind;
  readonly withinMs: number;
  /** For `runbook`: the runbook id to open. */
  readonly runbook?: string;
  readonly position: SourcePosition;
}

export interface Scenario {
  readonly file: string;
  readonly title: string;
  readonly severity: Severity;
  readonly service: string;
  readonly injects: readonly Inject[];
  readonly expect: readonly ExpectedAction[];
}

export type ScenarioProblem = RunbookProblem;

const ROOT_KEYS = new Set(['title', 'severity', 'service', 'description', 'injects', 'expect']);
const INJECT_KEYS = new Set(['at', 'kind', 'text', 'from']);
const EXPECT_KEYS = new Set(['action', 'within', 'runbook']);

function duration(node: unknown, what: string, parent: Node, r: Reader): number | undefined {
  const text = isScalar(node) && typeof node.value === 'number' ? `${node.value}m` : r.string(node, what, parent);
  const ms = text === undefined ? undefined : text.trim() === '0' ? 0 : parseDuration(text);
  if (ms === undefined)
    r.error((node as Node | undefined) ?? parent, `${what} must be a time after the start such as 5m (got "${text ?? ''}")`);
  return ms;
}

function oneOf<T extends string>(node: unknown, list: readonly T[], what: string, parent: Node, r: Reader): T | undefined {
  const value = node === undefined ? undefined : r.string(node, what, parent);
  if (value === undefined) {
    if (node === undefined) r.error(parent, `missing ${what}`);
    return undefined;
  }
  if (!(list as readonly string[]).includes(value)) {
    r.error(node as Node, `${what} must be one of ${list.join(', ')} (got "${value}")`);
    return undefined;
  }
  return value as T;
}

function unknownKeys(map: YAMLMap, known: ReadonlySet<string>, r: Reader): void {
  for (const { key, keyNode } of entries(map)) {
    if (!known.has(key)) r.warn(keyNode, `unknown field "${key}" (known: ${[...known].join(', ')})`);
  }
}

export function parseScenario(text: string, file: string): { scenario?: Scenario; problems: ScenarioProblem[] } {
  const { documents, lines, problems: syntax } = readYamlDocuments(text, file);
  const r = new Reader(file, lines);
  r.problems.push(...syntax);
  const root = documents[0]?.contents;
  if (!isMap(root)) {
    if (!syntax.length) r.error(root ?? undefined, 'a scenario must be a mapping with "title", "service", "injects" and "expect"');
    return { problems: r.problems };
  }
  unknownKeys(root, ROOT_KEYS, r);
  const title =
    field(root, 'title') === undefined ? (r.error(root, 'missing "title"'), undefined) : r.string(field(root, 'title'), '"title"', root);
  const service =
    field(root, 'service') === undefined
      ? (r.error(root, 'missing "service"'), undefined)
      : r.string(field(root, 'service'), '"service"', root);
  const severityNode = field(root, 'severity');
  const severityText = severityNode === undefined ? 'SEV2' : r.string(severityNode, '"severity"', root);
  if (severityText !== undefined && !isSeverity(severityText))
    r.error(severityNode as Node, `"severity" must be SEV1 to SEV4 (got "${severityText}")`);
  const list = (key: string): YAMLMap[] => {
    const node = field(root, key);
    if (!isSeq(node) || !node.items.length) {
      r.error((node as Node | undefined) ?? root, `"${key}" must be a non-empty list`);
      return [];
    }
    return node.items.filter(
      (item): item is YAMLMap => isMap(item) || (r.error(item as Node, `each of "${key}" must be a mapping`), false),
    );
  };
  const injects: Inject[] = [];
  for (const map of list('injects')) {
    unknownKeys(map, INJECT_KEYS, r);
    const atMs = duration(field(map, 'at'), '"at"', map, r);
    const kind = oneOf(field(map, 'kind'), INJECT_KINDS, '"kind"', map, r);
    const textNode = field(map, 'text');
    const body = textNode === undefined ? (r.error(map, 'missing "text"'), undefined) : r.string(textNode, '"text"', map);
    const fromNode = field(map, 'from');
    const from = fromNode === undefined ? undefined : r.string(fromNode, '"from"', map);
    if (atMs !== undefined && kind && body !== undefined)
      injects.push({ atMs, kind, text: body, ...(from ? { from } : {}), position: r.pos(map) });
  }
  const expect: ExpectedAction[] = [];
  for (const map of list('expect')) {
    unknownKeys(map, EXPECT_KEYS, r);
    const action = oneOf(field(map, 'action'), EXPECTED_ACTIONS, '"action"', map, r);
    const withinMs = duration(field(map, 'within'), '"within"', map, r);
    const runbookNode = field(map, 'runbook');
    const runbook = runbookNode === undefined ? undefined : r.string(runbookNode, '"runbook"', map);
    if (runbookNode !== undefined && action !== 'runbook') r.warn(runbookNode as Node, '"runbook" only applies to action: runbook');
    if (action && withinMs !== undefined) expect.push({ action, withinMs, ...(runbook ? { runbook } : {}), position: r.pos(map) });
  }
  const problems = [...r.problems].sort((a, b) => a.line - b.line || a.column - b.column);
  if (problems.some((p) => p.severity === 'error') || !title || !service || !isSeverity(severityText)) return { problems };
  return {
    scenario: { file, title, severity: severityText, service, injects: [...injects].sort((a, b) => a.atMs - b.atMs), expect },
    problems,
  };
}
