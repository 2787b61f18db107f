// AWS Systems Manager documents (Automation `schemaVersion: '0.3'`, Command `'2.2'`), YAML or JSON,
// read into the runbook model: parameters become variables, each main step a step. An
// `aws:executeAwsApi` step becomes the equivalent `aws <service> <operation>` CLI line, run only on
// the responder's confirmation like any command; `aws:executeScript` code is shown, never run.

import { isMap, Node } from 'yaml';
import { kindForHeading } from './sectionKinds';
import { ParsedRunbookFile, Runbook, RunbookBranch, RunbookCommand, RunbookStep, RunbookVariable, StepKind } from './model';
import { field, inputsMarkdown, items, mapEntries, plain, StructuredSource, text, variable } from './structuredSource';
import { fileStem, humanize, IdAllocator, slugify, splitCamel } from './text';
import { shellQuote } from './variables';

const NONE: readonly never[] = Object.freeze([]);

export function parseSsmDocument(source: StructuredSource): ParsedRunbookFile {
  const runbooks: Runbook[] = [];
  for (const root of source.roots) {
    if (isMap(root)) {
      runbooks.push(readDocument(root, source));
    }
  }
  return { runbooks, problems: source.problems, alertLinks: [] };
}

/** `DescribeDBInstances` -> `describe-db-instances`: how the AWS CLI names operations and parameters. */
export function kebab(name: string): string {
  return splitCamel(name)
    .trim()
    .split(/[\s_]+/)
    .join('-')
    .toLowerCase();
}

function readDocument(root: Node, s: StructuredSource): Runbook {
  const description = text(field(root, 'description')) ?? '';
  const stem = fileStem(s.file).replace(/\.json$/i, '');
  const variables: RunbookVariable[] = mapEntries(field(root, 'parameters')).map(({ key, value }) => {
    const type = text(field(value, 'type')) ?? 'String';
    const def = plain(field(value, 'default'));
    return variable(key, {
      description: text(field(value, 'description')),
      default: def,
      allowed: plain(field(value, 'allowedValues')),
      required: def === undefined,
      // No SSM parameter type is secret in itself; a SecureString reference or a name that says so is.
      secret: /secure/i.test(type) || /password|secret|token/i.test(key),
    });
  });
  const stepNodes = items(field(root, 'mainSteps'));
  const ids = new IdAllocator();
  const names = new Map<string, string>();
  for (const node of stepNodes) {
    const name = text(field(node, 'name'));
    if (name !== undefined) {
      names.set(name, ids.take(name));
    }
  }
  const steps = stepNodes.map((node, index) => readStep(node, index, names, s));
  if (steps.length === 0) {
    s.problem(root, '"mainSteps" has no steps');
  }
  return {
    id: slugify(stem),
    title: titleOf(description) ?? humanize(stem),
    format: 'ssm',
    file: s.file,
    description,
    services: NONE,
    alerts: NONE,
    symptoms: NONE,
    steps,
    links: NONE,
    references: NONE,
    position: s.pos(root),
    variables,
  };
}

/** AWS's own documents open their description with `### Document name - AWS-RestartEC2Instance` or a short line. */
function titleOf(description: string): string | undefined {
  const first = description.split('\n').find((l) => l.trim()) ?? '';
  const title = first
    .replace(/^#+\s*/, '')
    .replace(/^document\s+name\s*[-:]\s*/i, '')
    .trim();
  // A heading is a title; a first sentence is not (the file name reads better then).
  return title && (first.trimStart().startsWith('#') || (title.length <= 60 && !/[.:]$/.test(title))) ? title : undefined;
}

function readStep(node: unknown, index: number, names: ReadonlyMap<string, string>, s: StructuredSource): RunbookStep {
  const name = text(field(node, 'name')) ?? `Step${index + 1}`;
  const action = text(field(node, 'action')) ?? '';
  const inputs = field(node, 'inputs');
  const words = splitCamel(name).replace(/[_-]+/g, ' ').trim();
  const title = words.charAt(0).toUpperCase() + words.slice(1);
  const notes: string[] = [];
  const stepDescription = text(field(node, 'description'));
  if (stepDescription) {
    notes.push(stepDescription.trim());
  }
  notes.push(`Action: \`${action || '(none)'}\``);
  const shownInputs = mapEntries(inputs).filter(({ key }) => !(action === 'aws:executeScript' && key === 'Script'));
  if (shownInputs.length) {
    notes.push(`Inputs:\n\n${inputsMarkdown(shownInputs)}`);
  }
  const goto = (target: string | undefined, at: unknown): string | undefined => {
    if (target === undefined) {
      return undefined;
    }
    const id = names.get(target);
    if (id === undefined) {
      s.problem(at, `step "${name}" goes to "${target}", which is not a step in "mainSteps"`);
    }
    return id ?? target;
  };
  const onFailure = text(field(node, 'onFailure'));
  const failureStep = onFailure && /^step:/i.test(onFailure) ? goto(onFailure.slice(5).trim(), field(node, 'onFailure')) : undefined;
  if (onFailure) {
    notes.push(`On failure: ${failureStep ? `go to ${failureStep}` : onFailure}.`);
  }
  const next = goto(text(field(node, 'nextStep')), field(node, 'nextStep'));
  if (next) {
    notes.push(`Then: ${next}.`);
  }
  if (plain(field(node, 'isEnd')) === true) {
    notes.push('The automation ends after this step.');
  }
  const branches = action === 'aws:branch' ? branchesOf(inputs, goto) : [];
  return {
    id: names.get(name) ?? `step-${index + 1}`,
    kind: kindOf(action, inputs, title),
    title: title || name,
    text: notes.join('\n\n'),
    commands: commandsOf(action, inputs, s),
    branches: branches.length ? branches : NONE,
    links: NONE,
    position: s.pos(node),
  };
}

function kindOf(action: string, inputs: unknown, title: string): StepKind {
  switch (action) {
    case 'aws:branch':
      return 'decide';
    case 'aws:approve':
      return 'escalate';
    case 'aws:waitForAwsResourceProperty':
    case 'aws:assertAwsResourceProperty':
      return 'verify';
    case 'aws:changeInstanceState':
      return plain(field(inputs, 'CheckStateOnly')) === true ? 'verify' : (kindForHeading(title) ?? 'remediate');
    case 'aws:executeAwsApi':
      // Reading APIs diagnose; anything else changes something.
      return /^(Describe|Get|List|Search|Lookup|Check|Validate)/.test(text(field(inputs, 'Api')) ?? '')
        ? 'diagnose'
        : (kindForHeading(title) ?? 'remediate');
    default:
      return kindForHeading(title) ?? 'remediate';
  }
}

/** A CLI argument: placeholders and plain words as they are, lists as separate words, structures as JSON. */
function cliValue(value: unknown): string {
  if (typeof value === 'string') {
    return /^\{\{\s*[\w.:-]+\s*\}\}$/.test(value) ? value : shellQuote(value);
  }
  if (Array.isArray(value) && value.every((v) => typeof v !== 'object' || v === null)) {
    return value.map(cliValue).join(' ');
  }
  return typeof value === 'object' && value !== null ? shellQuote(JSON.stringify(value)) : String(value);
}

const API_KEYS = new Set(['Service', 'Api', 'PropertySelector', 'DesiredValues']);

/** `aws:executeAwsApi` inputs -> `aws ec2 describe-instances --instance-ids {{ InstanceId }}`. */
export function awsCliLine(inputs: unknown): string | undefined {
  const service = text(field(inputs, 'Service'));
  const api = text(field(inputs, 'Api'));
  if (!service || !api) {
    return undefined;
  }
  const args = mapEntries(inputs)
    .filter(({ key }) => !API_KEYS.has(key))
    .map(({ key, value }) => {
      const v = plain(value);
      return typeof v === 'boolean' ? `--${v ? '' : 'no-'}${kebab(key)}` : `--${kebab(key)} ${cliValue(v)}`;
    });
  return ['aws', service.toLowerCase(), kebab(api), ...args].join(' ');
}

function commandsOf(action: string, inputs: unknown, s: StructuredSource): RunbookCommand[] {
  const at = s.pos(inputs);
  switch (action) {
    case 'aws:executeAwsApi': {
      const run = awsCliLine(inputs);
      return run ? [{ run, lang: 'shell', position: at }] : [];
    }
    case 'aws:waitForAwsResourceProperty':
    case 'aws:assertAwsResourceProperty': {
      const line = awsCliLine(inputs);
      // SSM selects with JSONPath (`$.Reservations[0]...`); the CLI's --query is JMESPath, the same path without `$.`.
      const selector = text(field(inputs, 'PropertySelector'))?.replace(/^\$\.?/, '');
      const desired = plain(field(inputs, 'DesiredValues'));
      if (!line) {
        return [];
      }
      return [
        {
          run: selector ? `${line} --query ${shellQuote(selector)} --output text` : line,
          ...(Array.isArray(desired) ? { expect: `one of: ${desired.map(String).join(', ')}` } : {}),
          lang: 'shell',
          position: at,
        },
      ];
    }
    case 'aws:runShellScript':
    case 'aws:runCommand': {
      // Command documents name the script `runCommand`; Automation's aws:runCommand passes `Parameters.commands`.
      const script = plain(field(inputs, 'runCommand') ?? field(field(inputs, 'Parameters'), 'commands'));
      const lines = Array.isArray(script) ? script.map(String) : typeof script === 'string' ? [script] : [];
      const document = text(field(inputs, 'DocumentName')) ?? '';
      const lang = /powershell/i.test(document) ? 'powershell' : 'shell';
      const run = lines.join('\n').trim();
      return run ? [{ run, lang, position: s.pos(field(inputs, 'runCommand') ?? field(field(inputs, 'Parameters'), 'commands')) }] : [];
    }
    case 'aws:changeInstanceState': {
      // The action is the EC2 call by another name; in CheckStateOnly mode it only reads the state.
      const ids = field(inputs, 'InstanceIds');
      const desired = text(field(inputs, 'DesiredState')) ?? '';
      const idArgs = `--instance-ids ${cliValue(plain(ids))}`;
      if (plain(field(inputs, 'CheckStateOnly')) === true) {
        return [
          {
            run: `aws ec2 describe-instances ${idArgs} --query 'Reservations[].Instances[].State.Name' --output text`,
            expect: desired,
            lang: 'shell',
            position: at,
          },
        ];
      }
      const api = ({ running: 'start-instances', stopped: 'stop-instances', terminated: 'terminate-instances' } as Record<string, string>)[
        desired
      ];
      return api && ids !== undefined ? [{ run: `aws ec2 ${api} ${idArgs}`, lang: 'shell', position: at }] : [];
    }
    case 'aws:runPowerShellScript': {
      const script = plain(field(inputs, 'runCommand'));
      const run = (Array.isArray(script) ? script.map(String) : typeof script === 'string' ? [script] : []).join('\n').trim();
      return run ? [{ run, lang: 'powershell', position: at }] : [];
    }
    case 'aws:executeScript': {
      const script = text(field(inputs, 'Script'));
      const runtime = text(field(inputs, 'Runtime')) ?? '';
      // Shown as code to read: it runs inside Automation with the document's role, not in a terminal.
      return script?.trim()
        ? [
            {
              run: script.trimEnd(),
              lang: /^python/i.test(runtime) ? 'python' : runtime ? runtime.replace(/[\d.]+$/, '').toLowerCase() || 'script' : 'script',
              position: s.pos(field(inputs, 'Script')),
            },
          ]
        : [];
    }
    default:
      return [];
  }
}

const OPERATORS: readonly [string, string][] = [
  ['StringEquals', 'is'],
  ['EqualsIgnoreCase', 'is (any case)'],
  ['StartsWith', 'starts with'],
  ['EndsWith', 'ends with'],
  ['Contains', 'contains'],
  ['NumericEquals', '='],
  ['NumericGreater', '>'],
  ['NumericLesser', '<'],
  ['NumericGreaterOrEquals', '>='],
  ['NumericLesserOrEquals', '<='],
  ['BooleanEquals', 'is'],
];

/** A choice's condition in words: `{{ Os }} is Linux`, with And/Or/Not spelled out. */
function conditionOf(choice: unknown): string {
  const and = items(field(choice, 'And'));
  if (and.length) {
    return and.map(conditionOf).join(' and ');
  }
  const or = items(field(choice, 'Or'));
  if (or.length) {
    return `(${or.map(conditionOf).join(' or ')})`;
  }
  const not = field(choice, 'Not');
  if (not !== undefined) {
    return `not (${conditionOf(not)})`;
  }
  const variableName = text(field(choice, 'Variable')) ?? '?';
  for (const [key, words] of OPERATORS) {
    const value = field(choice, key);
    if (value !== undefined) {
      return `${variableName} ${words} ${JSON.stringify(plain(value))}`;
    }
  }
  return variableName;
}

function branchesOf(inputs: unknown, goto: (target: string | undefined, at: unknown) => string | undefined): RunbookBranch[] {
  const out: RunbookBranch[] = [];
  for (const choice of items(field(inputs, 'Choices'))) {
    const target = goto(text(field(choice, 'NextStep')), field(choice, 'NextStep') ?? choice);
    if (target) {
      out.push({ if: conditionOf(choice), goto: target });
    }
  }
  const fallback = goto(text(field(inputs, 'Default')), field(inputs, 'Default'));
  if (fallback) {
    out.push({ if: 'otherwise (default)', goto: fallback });
  }
  return out;
}
