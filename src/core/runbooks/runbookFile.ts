// One entry point for any runbook file: the format is chosen by the file name, and for YAML and
// JSON by the content (an SSM document or a Rundeck job export is told apart by its keys).

import { parseMarkdownRunbooks } from './markdownRunbook';
import { ParsedRunbookFile, Runbook } from './model';
import { referencesIn } from './references';
import { parseRundeckJobs } from './rundeckJob';
import { parseSsmDocument } from './ssmDocument';
import { mightBeStructured, StructuredSource, structuredFormatOf } from './structuredSource';
import { MAX_RUNBOOK_CHARS } from './text';
import { parseYamlRunbooks } from './yamlRunbook';

export function runbookFormatOf(file: string): 'yaml' | 'markdown' | 'json' | undefined {
  if (/\.(ya?ml)$/i.test(file)) {
    return 'yaml';
  }
  if (/\.(md|markdown)$/i.test(file)) {
    return 'markdown';
  }
  if (/\.json$/i.test(file)) {
    return 'json';
  }
  return undefined;
}

const NOTHING: ParsedRunbookFile = Object.freeze({ runbooks: [], problems: [], alertLinks: [] });

/** An SSM document or Rundeck jobs, parsed; undefined when the text is neither (a War Room YAML runbook...). */
function parseStructured(file: string, text: string): ParsedRunbookFile | undefined {
  if (!mightBeStructured(text)) {
    return undefined;
  }
  const source = new StructuredSource(file, text);
  if (source.roots.length === 0 && source.problems.length) {
    return { runbooks: [], problems: source.problems, alertLinks: [] };
  }
  const format = source.roots.length ? structuredFormatOf(source.roots[0]) : undefined;
  if (format === 'ssm') {
    return withAllReferences(parseSsmDocument(source));
  }
  if (format === 'rundeck') {
    return withAllReferences(parseRundeckJobs(source));
  }
  return undefined;
}

/** Parses a runbook file's text. Never throws: what cannot be read is a problem with a position. */
export function parseRunbookFile(file: string, text: string): ParsedRunbookFile {
  const format = runbookFormatOf(file);
  if (format && text.length > MAX_RUNBOOK_CHARS) {
    const message = `file is ${text.length} characters long (over ${MAX_RUNBOOK_CHARS}): not read as a runbook`;
    return { runbooks: [], alertLinks: [], problems: [{ file, line: 1, column: 1, message, severity: 'error' }] };
  }
  if (format === 'json') {
    // Not every JSON file among the runbooks is one (package.json, dashboards): those are quietly no runbook.
    // War Room's own format written as JSON (its schema is offered for *.runbook.json) is read as the YAML
    // it also is, with the same checks and positions.
    const structured = parseStructured(file, text);
    if (structured) {
      return structured;
    }
    return isWarRoomJson(file, text) ? withAllReferences(parseYamlRunbooks(text, file)) : NOTHING;
  }
  if (format === 'yaml') {
    const structured = parseStructured(file, text);
    if (structured) {
      return structured;
    }
    return withAllReferences(parseYamlRunbooks(text, file));
  }
  if (format === 'markdown') {
    return parseMarkdownRunbooks(text, file);
  }
  return {
    runbooks: [],
    alertLinks: [],
    problems: [{ file, line: 1, column: 1, message: 'not a runbook file (expected .md, .yml, .yaml or .json)', severity: 'error' }],
  };
}

/**
 * A JSON file is War Room's runbook format when its name says so (`*.runbook.json`: then broken JSON is an
 * error, as a broken `*.runbook.yaml` is) or when it is an object with both a title and steps.
 */
function isWarRoomJson(file: string, text: string): boolean {
  if (/\.runbook\.json$/i.test(file)) {
    return true;
  }
  if (!text.includes('"steps"') || !text.includes('"title"')) {
    return false;
  }
  try {
    const root: unknown = JSON.parse(text);
    return typeof root === 'object' && root !== null && !Array.isArray(root) && 'steps' in root && 'title' in root;
  } catch {
    return false;
  }
}

function withAllReferences(parsed: ParsedRunbookFile): ParsedRunbookFile {
  return { ...parsed, runbooks: parsed.runbooks.map(withReferences) };
}

/** YAML runbooks declare references; commands and relative links add to them. */
function withReferences(runbook: Runbook): Runbook {
  const links = [...runbook.links, ...runbook.steps.flatMap((s) => s.links)];
  const commands = runbook.steps.flatMap((s) => s.commands);
  return { ...runbook, references: referencesIn(runbook.file, links, commands, runbook.references) };
}
