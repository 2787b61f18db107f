// War Room's own runbook format (`*.runbook.yaml`), read with positions so every problem and every
// step points at its line and column. A file may hold several runbooks (YAML documents), and a
// Prometheus rule file found among runbooks yields alert -> runbook links instead of runbooks.

import { isMap, isScalar, isSeq, LineCounter, Node, Scalar, YAMLMap } from 'yaml';
import { parseMatcher } from './matchers';
import { readYamlDocuments } from './yamlDocuments';
import {
  AlertRunbookLink,
  isStepKind,
  LabelMatcher,
  ParsedRunbookFile,
  Runbook,
  RunbookAlert,
  RunbookBranch,
  RunbookCommand,
  RunbookLink,
  RunbookProblem,
  RunbookStep,
  SourcePosition,
  STEP_KINDS,
} from './model';
import { fileStem, IdAllocator, slugify } from './text';

const RUNBOOK_KEYS = new Set(['id', 'title', 'description', 'services', 'alerts', 'symptoms', 'references', 'links', 'variables', 'steps']);
const STEP_KEYS = new Set(['id', 'kind', 'title', 'text', 'commands', 'branches', 'links']);
const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

export class Reader {
  readonly problems: RunbookProblem[] = [];

  constructor(
    readonly file: string,
    private readonly lines: LineCounter,
  ) {}

  pos(node: Node | null | undefined): SourcePosition {
    const offset = node?.range?.[0] ?? 0;
    const { line, col } = this.lines.linePos(offset);
    return { line, column: col };
  }

  error(node: Node | null | undefined, message: string): void {
    this.problems.push({ file: this.file, ...this.pos(node), message, severity: 'error' });
  }

  warn(node: Node | null | undefined, message: string): void {
    this.problems.push({ file: this.file, ...this.pos(node), message, severity: 'warning' });
  }

  string(node: unknown, what: string, parent: Node): string | undefined {
    if (isScalar(node) && (typeof node.value === 'string' || typeof node.value === 'number')) {
      return String(node.value);
    }
    this.error((node as Node | undefined) ?? parent, `${what} must be a string`);
    return undefined;
  }

  /** A sequence of strings; a single string is accepted as a list of one. */
  strings(node: unknown, what: string, parent: Node): string[] {
    if (node === undefined || node === null) {
      return [];
    }
    if (isScalar(node)) {
      const one = this.string(node, what, parent);
      return one === undefined ? [] : [one];
    }
    if (!isSeq(node)) {
      this.error(node as Node, `${what} must be a list of strings`);
      return [];
    }
    const out: string[] = [];
    for (const item of node.items) {
      const value = this.string(item, `each of ${what}`, node);
      if (value !== undefined) {
        out.push(value);
      }
    }
    return out;
  }
}

export function entries(map: YAMLMap): { key: string; keyNode: Node; value: unknown }[] {
  return map.items.map((pair) => ({
    key: isScalar(pair.key) ? String(pair.key.value) : String(pair.key),
    keyNode: pair.key as Node,
    value: pair.value,
  }));
}

export function field(map: YAMLMap, key: string): unknown {
  return map.get(key, true);
}

export function parseYamlRunbooks(text: string, file: string): ParsedRunbookFile {
  const { documents, count, lines, problems: syntax } = readYamlDocuments(text, file);
  const reader = new Reader(file, lines);
  reader.problems.push(...syntax);
  const runbooks: Runbook[] = [];
  const alertLinks: AlertRunbookLink[] = [];
  for (const doc of documents) {
    const root = doc.contents;
    if (root === null || (isScalar(root) && root.value === null)) {
      continue;
    }
    if (!isMap(root)) {
      reader.error(root, 'a runbook must be a mapping with at least "title" and "steps"');
      continue;
    }
    if (root.has('groups') && !root.has('steps')) {
      alertLinks.push(...readAlertRules(root, reader));
      continue;
    }
    const errorsBefore = reader.problems.filter((p) => p.severity === 'error').length;
    const runbook = readRunbook(root, reader, count > 1 ? runbooks.length : -1);
    // A runbook with errors is left out (its problems say why) rather than walked half-understood.
    if (runbook && reader.problems.filter((p) => p.severity === 'error').length === errorsBefore) {
      runbooks.push(runbook);
    }
  }
  const problems = [...reader.problems].sort((a, b) => a.line - b.line || a.column - b.column);
  return { runbooks, problems, alertLinks };
}

function readRunbook(root: YAMLMap, r: Reader, indexInFile: number): Runbook | undefined {
  for (const { key, keyNode } of entries(root)) {
    if (!RUNBOOK_KEYS.has(key)) {
      r.warn(keyNode, `unknown field "${key}" (known: ${[...RUNBOOK_KEYS].join(', ')})`);
    }
  }
  const titleNode = field(root, 'title');
  const title = titleNode === undefined ? undefined : r.string(titleNode, '"title"', root);
  if (titleNode === undefined) {
    r.error(root, 'missing "title"');
  }
  const idNode = field(root, 'id');
  let id = idNode === undefined ? undefined : r.string(idNode, '"id"', root);
  if (id !== undefined && !ID_PATTERN.test(id)) {
    r.error(idNode as Node, `"id" must be letters, digits, ".", "_" or "-" (got "${id}")`);
  }
  if (id === undefined) {
    id = slugify(fileStem(r.file)) + (indexInFile > 0 ? `-${indexInFile + 1}` : '');
  }
  const stepsNode = field(root, 'steps');
  const steps = readSteps(stepsNode, root, r);
  const descriptionNode = field(root, 'description');
  const secrets = readSecrets(field(root, 'variables'), r);
  if (title === undefined) {
    return undefined;
  }
  return {
    id,
    title,
    format: 'yaml',
    file: r.file,
    description: descriptionNode === undefined ? '' : (r.string(descriptionNode, '"description"', root) ?? ''),
    services: r.strings(field(root, 'services'), '"services"', root),
    alerts: readAlerts(field(root, 'alerts'), r),
    symptoms: r.strings(field(root, 'symptoms'), '"symptoms"', root),
    steps,
    links: readLinks(field(root, 'links'), r),
    references: r.strings(field(root, 'references'), '"references"', root),
    ...(secrets.length ? { secrets } : {}),
    position: r.pos(root),
  };
}

/** `variables: {name: {secret: true}}`: the names whose values are masked when typed and redacted when stored. */
function readSecrets(node: unknown, r: Reader): string[] {
  if (node === undefined || node === null) {
    return [];
  }
  if (!isMap(node)) {
    r.error(node as Node, '"variables" must be a mapping of name: {secret: true}');
    return [];
  }
  const out: string[] = [];
  for (const { key, keyNode, value } of entries(node)) {
    if (!isMap(value)) {
      r.error((value as Node | null) ?? keyNode, `variable "${key}" must be a mapping like {secret: true}`);
      continue;
    }
    for (const { key: k, keyNode: kn } of entries(value)) {
      if (k !== 'secret') {
        r.warn(kn, `unknown variable field "${k}" (known: secret)`);
      }
    }
    const secret = field(value, 'secret');
    if (secret !== undefined && !(isScalar(secret) && typeof secret.value === 'boolean')) {
      r.error(secret as Node, `variable "${key}": "secret" must be true or false`);
    } else if (isScalar(secret) && secret.value === true) {
      out.push(key);
    }
  }
  return out;
}

function readAlerts(node: unknown, r: Reader): RunbookAlert[] {
  if (node === undefined || node === null) {
    return [];
  }
  if (!isSeq(node)) {
    r.error(node as Node, '"alerts" must be a list of alert names or {name, matchers}');
    return [];
  }
  const out: RunbookAlert[] = [];
  for (const item of node.items) {
    if (isScalar(item)) {
      const name = r.string(item, 'an alert', node);
      if (name) {
        out.push({ name, matchers: [] });
      }
      continue;
    }
    if (!isMap(item)) {
      r.error(item as Node, 'an alert must be a name or {name, matchers}');
      continue;
    }
    for (const { key, keyNode } of entries(item)) {
      if (key !== 'name' && key !== 'matchers') {
        r.warn(keyNode, `unknown alert field "${key}" (known: name, matchers)`);
      }
    }
    const nameNode = field(item, 'name');
    const name = nameNode === undefined ? '' : (r.string(nameNode, 'alert "name"', item) ?? '');
    const matchers = readMatchers(field(item, 'matchers'), r);
    if (!name && matchers.length === 0) {
      r.error(item, 'an alert needs a "name", "matchers", or both');
      continue;
    }
    out.push({ name, matchers });
  }
  return out;
}

/** Matchers as a list of `name="value"` strings, or a map of label -> exact value. */
function readMatchers(node: unknown, r: Reader): LabelMatcher[] {
  if (node === undefined || node === null) {
    return [];
  }
  const out: LabelMatcher[] = [];
  if (isMap(node)) {
    for (const { key, value } of entries(node)) {
      const v = r.string(value, `matcher "${key}"`, node);
      if (v !== undefined) {
        out.push({ name: key, op: '=', value: v });
      }
    }
    return out;
  }
  if (!isSeq(node)) {
    r.error(node as Node, '"matchers" must be a list like ["severity=~\\"critical|page\\""] or a map of label: value');
    return out;
  }
  for (const item of node.items) {
    const text = r.string(item, 'a matcher', node);
    if (text === undefined) {
      continue;
    }
    const parsed = parseMatcher(text);
    if ('error' in parsed) {
      r.error(item as Node, parsed.error);
    } else {
      out.push(parsed);
    }
  }
  return out;
}

function readLinks(node: unknown, r: Reader): RunbookLink[] {
  if (node === undefined || node === null) {
    return [];
  }
  if (!isSeq(node)) {
    r.error(node as Node, '"links" must be a list of URLs or {title, url}');
    return [];
  }
  const out: RunbookLink[] = [];
  for (const item of node.items) {
    if (isScalar(item)) {
      const url = r.string(item, 'a link', node);
      if (url) {
        out.push({ title: url, url });
      }
    } else if (isMap(item)) {
      const url = field(item, 'url');
      if (url === undefined) {
        r.error(item, 'a link needs a "url"');
        continue;
      }
      const u = r.string(url, 'link "url"', item);
      const t = field(item, 'title');
      if (u) {
        out.push({ url: u, title: (t === undefined ? undefined : r.string(t, 'link "title"', item)) ?? u });
      }
    } else {
      r.error(item as Node, 'a link must be a URL or {title, url}');
    }
  }
  return out;
}

function readSteps(node: unknown, root: YAMLMap, r: Reader): RunbookStep[] {
  if (node === undefined) {
    r.error(root, 'missing "steps" (a list of steps, each with kind and title)');
    return [];
  }
  if (!isSeq(node) || node.items.length === 0) {
    r.error(node as Node, '"steps" must be a non-empty list');
    return [];
  }
  const ids = new IdAllocator();
  const declared = new Map<string, Node>();
  const steps: RunbookStep[] = [];
  const gotos: { target: string; node: Node }[] = [];
  node.items.forEach((item, index) => {
    if (!isMap(item)) {
      r.error(item as Node, `step ${index + 1} must be a mapping with kind and title`);
      return;
    }
    for (const { key, keyNode } of entries(item)) {
      if (!STEP_KEYS.has(key)) {
        r.warn(keyNode, `unknown step field "${key}" (known: ${[...STEP_KEYS].join(', ')})`);
      }
    }
    const kindNode = field(item, 'kind');
    const kindText = kindNode === undefined ? undefined : r.string(kindNode, 'step "kind"', item);
    if (kindNode === undefined) {
      r.error(item, `step ${index + 1} is missing "kind" (one of ${STEP_KINDS.join(', ')})`);
    } else if (kindText !== undefined && !isStepKind(kindText)) {
      r.error(kindNode as Node, `step kind "${kindText}" is not one of ${STEP_KINDS.join(', ')}`);
    }
    const titleNode = field(item, 'title');
    const title = titleNode === undefined ? undefined : r.string(titleNode, 'step "title"', item);
    if (titleNode === undefined) {
      r.error(item, `step ${index + 1} is missing "title"`);
    }
    const idNode = field(item, 'id');
    let id = idNode === undefined ? undefined : r.string(idNode, 'step "id"', item);
    if (id !== undefined) {
      if (!ID_PATTERN.test(id)) {
        r.error(idNode as Node, `step id "${id}" must be letters, digits, ".", "_" or "-"`);
      }
      if (declared.has(id)) {
        r.error(idNode as Node, `step id "${id}" is used twice`);
      }
      declared.set(id, idNode as Node);
    }
    id = ids.take(id ?? slugify(title ?? `step-${index + 1}`));
    const textNode = field(item, 'text');
    const branches = readBranches(field(item, 'branches'), r, gotos);
    steps.push({
      id,
      kind: isStepKind(kindText) ? kindText : 'diagnose',
      title: title ?? `Step ${index + 1}`,
      text: textNode === undefined ? '' : (r.string(textNode, 'step "text"', item) ?? '').trimEnd(),
      commands: readCommands(field(item, 'commands'), r),
      branches,
      links: readLinks(field(item, 'links'), r),
      position: r.pos(item),
    });
  });
  const known = new Set(steps.map((s) => s.id));
  for (const { target, node: at } of gotos) {
    if (!known.has(target)) {
      r.error(at, `branch goes to "${target}", which is not a step id here (ids: ${[...known].join(', ')})`);
    }
  }
  return steps;
}

function readCommands(node: unknown, r: Reader): RunbookCommand[] {
  if (node === undefined || node === null) {
    return [];
  }
  if (!isSeq(node)) {
    r.error(node as Node, '"commands" must be a list of commands (strings or {run, expect})');
    return [];
  }
  const out: RunbookCommand[] = [];
  for (const item of node.items) {
    if (isScalar(item)) {
      const run = r.string(item, 'a command', node);
      if (run?.trim()) {
        out.push({ run: run.trim(), lang: 'shell', position: r.pos(item) });
      }
      continue;
    }
    if (!isMap(item)) {
      r.error(item as Node, 'a command must be a string or {run, expect}');
      continue;
    }
    for (const { key, keyNode } of entries(item)) {
      if (key !== 'run' && key !== 'expect' && key !== 'lang') {
        r.warn(keyNode, `unknown command field "${key}" (known: run, expect, lang)`);
      }
    }
    const runNode = field(item, 'run');
    if (runNode === undefined) {
      r.error(item, 'a command needs "run"');
      continue;
    }
    const run = r.string(runNode, 'command "run"', item);
    const expectNode = field(item, 'expect');
    const langNode = field(item, 'lang');
    if (run?.trim()) {
      const expect = expectNode === undefined ? undefined : r.string(expectNode, 'command "expect"', item);
      out.push({
        run: run.trim(),
        ...(expect !== undefined ? { expect: expect.trimEnd() } : {}),
        lang: (langNode === undefined ? undefined : r.string(langNode, 'command "lang"', item)) ?? 'shell',
        position: r.pos(runNode as Scalar),
      });
    } else if (run !== undefined) {
      r.error(runNode as Node, 'a command\'s "run" is empty');
    }
  }
  return out;
}

function readBranches(node: unknown, r: Reader, gotos: { target: string; node: Node }[]): RunbookBranch[] {
  if (node === undefined || node === null) {
    return [];
  }
  if (!isSeq(node)) {
    r.error(node as Node, '"branches" must be a list of {if, goto}');
    return [];
  }
  const out: RunbookBranch[] = [];
  for (const item of node.items) {
    if (!isMap(item) || field(item, 'if') === undefined || field(item, 'goto') === undefined) {
      r.error(item as Node, 'a branch needs "if" (the condition in words) and "goto" (a step id)');
      continue;
    }
    const condition = r.string(field(item, 'if'), 'branch "if"', item);
    const gotoNode = field(item, 'goto') as Node;
    const target = r.string(gotoNode, 'branch "goto"', item);
    if (condition !== undefined && target !== undefined) {
      out.push({ if: condition, goto: target });
      gotos.push({ target, node: gotoNode });
    }
  }
  return out;
}

/** Prometheus rule files: `groups[].rules[]` with `alert` and `annotations.runbook|runbook_url`. */
function readAlertRules(root: YAMLMap, r: Reader): AlertRunbookLink[] {
  const out: AlertRunbookLink[] = [];
  const groups = field(root, 'groups');
  if (!isSeq(groups)) {
    return out;
  }
  for (const group of groups.items) {
    const rules = isMap(group) ? field(group, 'rules') : undefined;
    if (!isSeq(rules)) {
      continue;
    }
    for (const rule of rules.items) {
      if (!isMap(rule)) {
        continue;
      }
      const alert = field(rule, 'alert');
      const annotations = field(rule, 'annotations');
      if (!isScalar(alert) || !isMap(annotations)) {
        continue;
      }
      const target = annotations.get('runbook_url', true) ?? annotations.get('runbook', true);
      if (isScalar(target) && typeof target.value === 'string' && target.value.trim()) {
        out.push({ alert: String(alert.value), target: target.value.trim(), file: r.file, position: r.pos(alert) });
      }
    }
  }
  return out;
}
