// One entry point for any runbook file: the format is chosen by the file name.

import { parseMarkdownRunbooks } from './markdownRunbook';
import { ParsedRunbookFile, Runbook } from './model';
import { referencesIn } from './references';
import { MAX_RUNBOOK_CHARS } from './text';
import { parseYamlRunbooks } from './yamlRunbook';

export function runbookFormatOf(file: string): 'yaml' | 'markdown' | undefined {
  if (/\.(ya?ml)$/i.test(file)) {
    return 'yaml';
  }
  if (/\.(md|markdown)$/i.test(file)) {
    return 'markdown';
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
  if (format === 'yaml') {
    const parsed = parseYamlRunbooks(text, file);
    return { ...parsed, runbooks: parsed.runbooks.map(withReferences) };
  }
  if (format === 'markdown') {
    return parseMarkdownRunbooks(text, file);
  }
  return {
    runbooks: [],
    alertLinks: [],
    problems: [{ file, line: 1, column: 1, message: 'not a runbook file (expected .md, .yml or .yaml)', severity: 'error' }],
  };
}

/** YAML runbooks declare references; commands and relative links add to them. */
function withReferences(runbook: Runbook): Runbook {
  const links = [...runbook.links, ...runbook.steps.flatMap((s) => s.links)];
  const commands = runbook.steps.flatMap((s) => s.commands);
  return { ...runbook, references: referencesIn(runbook.file, links, commands, runbook.references) };
}
