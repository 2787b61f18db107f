// Runbooks kept as YAML or JSON by other tools (AWS SSM documents, Rundeck job exports), read with
// positions. JSON is YAML to the `yaml` parser, so one reader gives both formats line and column.

import { isMap, isScalar, isSeq, LineCounter, Node, YAMLMap } from 'yaml';
import { RunbookProblem, RunbookVariable, SourcePosition } from './model';
import { readYamlDocuments } from './yamlDocuments';

export type StructuredFormat = 'ssm' | 'rundeck';

export class StructuredSource {
  readonly problems: RunbookProblem[] = [];
  readonly roots: Node[] = [];
  private readonly lines: LineCounter;

  constructor(
    readonly file: string,
    text: string,
  ) {
    const { documents, lines, problems } = readYamlDocuments(text, file);
    this.lines = lines;
    this.problems.push(...problems);
    for (const doc of documents) {
      if (doc.contents) {
        this.roots.push(doc.contents as Node);
      }
    }
  }

  pos(node: unknown): SourcePosition {
    const { line, col } = this.lines.linePos((node as Node | undefined)?.range?.[0] ?? 0);
    return { line, column: col };
  }

  problem(node: unknown, message: string, severity: 'error' | 'warning' = 'warning'): void {
    this.problems.push({ file: this.file, ...this.pos(node), message, severity });
  }
}

export function field(map: unknown, key: string): unknown {
  return isMap(map) ? map.get(key, true) : undefined;
}

/** A scalar as text (numbers and booleans too), or undefined. */
export function text(node: unknown): string | undefined {
  return isScalar(node) && node.value !== null && typeof node.value !== 'object' ? String(node.value) : undefined;
}

/** Any node as plain data (for inputs shown or turned into CLI arguments). */
export function plain(node: unknown): unknown {
  return node && typeof (node as Node).toJSON === 'function' ? (node as Node).toJSON() : node;
}

export function items(node: unknown): unknown[] {
  return isSeq(node) ? node.items : [];
}

export function mapEntries(node: unknown): { key: string; value: unknown }[] {
  return isMap(node)
    ? (node as YAMLMap).items.map((p) => ({ key: isScalar(p.key) ? String(p.key.value) : String(p.key), value: p.value }))
    : [];
}

/** What a file holds, from its shape: SSM has `schemaVersion` + `mainSteps`, Rundeck jobs `sequence.commands`. */
export function structuredFormatOf(root: unknown): StructuredFormat | undefined {
  if (isMap(root) && root.has('schemaVersion') && isSeq(root.get('mainSteps', true))) {
    return 'ssm';
  }
  const jobs = isSeq(root) ? root.items : [root];
  if (jobs.length > 0 && jobs.every((job) => isMap(field(job, 'sequence')) && field(field(job, 'sequence'), 'commands') !== undefined)) {
    return 'rundeck';
  }
  return undefined;
}

/**
 * A cheap look at the text before any parse: only files naming both keys can be one of these formats,
 * so an ordinary YAML runbook or an unrelated JSON file costs a string search.
 */
export function mightBeStructured(source: string): boolean {
  return (source.includes('mainSteps') && source.includes('schemaVersion')) || (source.includes('sequence') && source.includes('commands'));
}

/** Markdown for a step's inputs: one bullet per input, values as code. */
export function inputsMarkdown(inputs: readonly { key: string; value: unknown }[]): string {
  return inputs
    .map(({ key, value }) => {
      const v = plain(value);
      const shown = typeof v === 'string' ? v : JSON.stringify(v);
      return shown.includes('\n') ? `- ${key}:\n\n  \`\`\`\n${shown.trimEnd().replace(/^/gm, '  ')}\n  \`\`\`` : `- ${key}: \`${shown}\``;
    })
    .join('\n');
}

export function variable(
  name: string,
  fields: { description?: unknown; default?: unknown; allowed?: unknown; required?: boolean; secret?: boolean },
): RunbookVariable {
  const allowed = Array.isArray(fields.allowed) ? fields.allowed.map(String) : undefined;
  const def =
    fields.default === undefined || fields.default === null
      ? undefined
      : typeof fields.default === 'string'
        ? fields.default
        : JSON.stringify(fields.default);
  return {
    name,
    description: typeof fields.description === 'string' ? fields.description : '',
    ...(def !== undefined ? { default: def } : {}),
    ...(allowed?.length ? { allowedValues: allowed } : {}),
    required: fields.required ?? false,
    secret: fields.secret ?? false,
  };
}
