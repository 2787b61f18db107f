// Rundeck / PagerDuty Runbook Automation job exports (YAML or JSON: a list of jobs, or one job) read
// into the runbook model: a job is a runbook, its options variables, each workflow step a step.
// Rundeck's placeholders (`${option.x}`, `@option.x@`, `$RD_OPTION_X`) become `{{ x }}`, which the
// command filler already understands, so a step's command asks for the same values Rundeck would.

import { isMap, Node } from 'yaml';
import { kindForHeading } from './sectionKinds';
import { ParsedRunbookFile, Runbook, RunbookCommand, RunbookStep, RunbookVariable } from './model';
import { field, inputsMarkdown, items, mapEntries, plain, StructuredSource, text, variable } from './structuredSource';
import { IdAllocator, slugify } from './text';

const NONE: readonly never[] = Object.freeze([]);

export function parseRundeckJobs(source: StructuredSource): ParsedRunbookFile {
  const runbooks: Runbook[] = [];
  const ids = new IdAllocator();
  for (const root of source.roots) {
    for (const job of isMap(root) ? [root] : items(root)) {
      if (!isMap(job)) {
        source.problem(job, 'a Rundeck job must be a mapping with "name" and "sequence"', 'error');
        continue;
      }
      runbooks.push(readJob(job, ids, source));
    }
  }
  return { runbooks, problems: source.problems, alertLinks: [] };
}

/** Rundeck's environment name for an option: `RD_OPTION_` + upper case, other characters as `_`. */
const envName = (option: string) => `RD_OPTION_${option.toUpperCase().replace(/[^A-Z0-9]/g, '_')}`;

/** `${option.x}`, `${option.x.value}`, `@option.x@`, `$RD_OPTION_X`, `${RD_OPTION_X}` -> `{{ x }}`. */
export function rundeckPlaceholders(command: string, options: readonly string[]): string {
  const byEnv = new Map(options.map((o) => [envName(o), o]));
  return command
    .replace(
      /\$\{option\.([\w.-]+?)(?:\.value)?\}|@option\.([\w.-]+?)@/g,
      (_m, a: string | undefined, b: string | undefined) => `{{ ${a ?? b} }}`,
    )
    .replace(/\$\{(RD_OPTION_[A-Z0-9_]+)\}|\$(RD_OPTION_[A-Z0-9_]+)\b/g, (_m, a: string | undefined, b: string | undefined) => {
      const env = (a ?? b) as string;
      return `{{ ${byEnv.get(env) ?? env.slice('RD_OPTION_'.length).toLowerCase()} }}`;
    });
}

function readOptions(node: unknown): RunbookVariable[] {
  // Exports hold a list of options; older ones a map of name -> option.
  const listed = isMap(node)
    ? mapEntries(node).map(({ key, value }) => ({ name: key, value }))
    : items(node).map((value) => ({ name: text(field(value, 'name')), value }));
  return listed
    .filter((o): o is { name: string; value: unknown } => !!o.name)
    .map(({ name, value }) =>
      variable(name, {
        description: text(field(value, 'description')),
        default: plain(field(value, 'value')),
        allowed: plain(field(value, 'values')),
        required: plain(field(value, 'required')) === true,
        secret: plain(field(value, 'secure')) === true,
      }),
    );
}

function readJob(job: Node, ids: IdAllocator, s: StructuredSource): Runbook {
  const name = text(field(job, 'name'));
  if (name === undefined) {
    s.problem(job, 'a Rundeck job without "name"', 'error');
  }
  const group = text(field(job, 'group'));
  const title = name ?? 'Unnamed job';
  const variables = readOptions(field(job, 'options'));
  const optionNames = variables.map((v) => v.name);
  const sequence = field(job, 'sequence');
  const stepIds = new IdAllocator();
  const steps = items(field(sequence, 'commands')).map((node, index) => readStep(node, index, optionNames, stepIds, s));
  const description = text(field(job, 'description')) ?? '';
  const notes = [
    description.trim(),
    group ? `Group: ${group}` : '',
    text(field(sequence, 'keepgoing')) === 'true' ? 'Rundeck runs the remaining steps when one fails.' : '',
  ].filter(Boolean);
  return {
    id: ids.take(slugify(group ? `${group} ${title}` : title)),
    title,
    format: 'rundeck',
    file: s.file,
    description: notes.join('\n\n'),
    services: NONE,
    alerts: NONE,
    symptoms: NONE,
    steps,
    links: NONE,
    references: NONE,
    position: s.pos(field(job, 'name') ?? job),
    variables,
  };
}

function readStep(node: unknown, index: number, options: readonly string[], ids: IdAllocator, s: StructuredSource): RunbookStep {
  const convert = (command: string) => rundeckPlaceholders(command, options);
  const exec = text(field(node, 'exec'));
  const script = text(field(node, 'script'));
  const scriptFile = text(field(node, 'scriptfile')) ?? text(field(node, 'scripturl'));
  const args = text(field(node, 'args'));
  const jobref = field(node, 'jobref');
  const described = text(field(node, 'description'));
  const commands: RunbookCommand[] = [];
  const notes: string[] = [];
  let title = described;
  if (exec !== undefined) {
    commands.push({ run: convert(exec.trim()), lang: 'shell', position: s.pos(field(node, 'exec')) });
    title ??= firstLine(convert(exec));
  } else if (script !== undefined) {
    const interpreter = text(field(node, 'scriptInterpreter')) ?? /^#!\s*\S*?(\w+)\s*$/m.exec(script.split('\n')[0])?.[1] ?? '';
    const lang = /python|ruby|node|perl|powershell|pwsh/.exec(interpreter)?.[0] ?? 'shell';
    commands.push({ run: convert(script.trimEnd()), lang, position: s.pos(field(node, 'script')) });
    if (args) {
      notes.push(`Rundeck passes the script these arguments: \`${convert(args)}\``);
    }
    title ??= 'Run script';
  } else if (scriptFile !== undefined) {
    commands.push({ run: convert([scriptFile, args].filter(Boolean).join(' ')), lang: 'shell', position: s.pos(node) });
    title ??= `Run ${scriptFile.split('/').pop()}`;
  } else if (jobref !== undefined) {
    const ref = [text(field(jobref, 'group')), text(field(jobref, 'name'))].filter(Boolean).join('/');
    notes.push(
      `Runs the Rundeck job "${ref || text(field(jobref, 'uuid')) || '?'}"${text(field(jobref, 'args')) ? ` with \`${convert(text(field(jobref, 'args')) as string)}\`` : ''}.`,
    );
    title ??= `Run job ${ref}`;
  } else {
    // A plugin step (`type` + `configuration`): what it does is in its settings.
    const type = text(field(node, 'type'));
    if (type) {
      const settings = mapEntries(field(node, 'configuration'));
      notes.push(`Rundeck step plugin \`${type}\`${settings.length ? `:\n\n${convert(inputsMarkdown(settings))}` : ''}`);
    } else {
      s.problem(node, 'a Rundeck step needs "exec", "script", "scriptfile", "jobref" or a plugin "type"');
    }
    title ??= type ?? `Step ${index + 1}`;
  }
  const handler = field(node, 'errorhandler');
  if (handler !== undefined) {
    const what = text(field(handler, 'exec')) ?? text(field(handler, 'script')) ?? text(field(field(handler, 'jobref'), 'name'));
    notes.push(`If it fails, Rundeck runs: \`${convert(firstLine(what ?? '?'))}\``);
  }
  return {
    id: ids.take(slugify(title)),
    // A step's own description names what it is for; a command line's words would mislead (`${option.x}` is no "option" to decide on).
    kind: (described !== undefined ? kindForHeading(described) : undefined) ?? 'remediate',
    title,
    text: notes.join('\n\n'),
    commands: commands.length ? commands : NONE,
    branches: NONE,
    links: NONE,
    position: s.pos(node),
  };
}

function firstLine(command: string): string {
  const line = command.trim().split('\n')[0];
  return line.length > 80 ? `${line.slice(0, 77)}...` : line;
}
