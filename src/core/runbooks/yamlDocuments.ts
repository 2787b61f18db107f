// Every YAML or JSON runbook (War Room's own, SSM documents, Rundeck jobs) is read here: the parser's
// documents, a line counter for positions, and its syntax errors as problems with file, line and column.
import { Document, LineCounter, parseAllDocuments } from 'yaml';
import { RunbookProblem } from './model';

/** A hostile file can hold thousands of syntax errors; past the first few they tell a reader nothing more. */
const MAX_SYNTAX_PROBLEMS = 20;

export interface YamlDocuments {
  /** Documents that parsed without errors. */
  readonly documents: readonly Document.Parsed[];
  /** How many documents the file holds, with errors or not (ids of runbooks in a multi-document file count them). */
  readonly count: number;
  readonly lines: LineCounter;
  readonly problems: readonly RunbookProblem[];
}

export function readYamlDocuments(text: string, file: string): YamlDocuments {
  const lines = new LineCounter();
  // prettyErrors costs about twice the parse on a file full of errors; the position comes from the line counter.
  // The parser makes an Error per syntax error, and capturing each one's stack was most of the time on
  // a line of `: : : ...` (thousands of errors); the stacks are never read, so none are captured.
  const parsed = withoutStacks(() => parseAllDocuments(text, { lineCounter: lines, prettyErrors: false }));
  const all = Array.isArray(parsed) ? parsed : [];
  const documents: Document.Parsed[] = [];
  const problems: RunbookProblem[] = [];
  const label = /\.json$/i.test(file) ? 'JSON' : 'YAML';
  for (const doc of all) {
    if (!doc.errors.length) {
      documents.push(doc);
      continue;
    }
    for (const error of doc.errors.slice(0, Math.max(0, MAX_SYNTAX_PROBLEMS - problems.length))) {
      const { line, col } = lines.linePos(error.pos[0]);
      problems.push({ file, line, column: col, message: `${label}: ${error.message.split('\n')[0]}`, severity: 'error' });
    }
  }
  return { documents, count: all.length, lines, problems };
}

function withoutStacks<T>(run: () => T): T {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return run();
  } finally {
    Error.stackTraceLimit = limit;
  }
}
