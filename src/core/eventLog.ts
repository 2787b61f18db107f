// Parsing an events.jsonl file: one JSON event per line. Bad lines are reported with their line
// number and skipped; the rest still loads. The text is never "repaired": the file stays as it is.

import { EventBase, IncidentEvent, validateEvent } from './events';

export interface LogProblem {
  /** 1-based line number in the file. */
  readonly line: number;
  readonly message: string;
}

export interface ParsedLog {
  readonly events: IncidentEvent[];
  readonly problems: LogProblem[];
}

/** A log's lines as written (`\r` kept). Some editors save UTF-8 with a byte order mark; left in, it would cost the first (declaring) line. */
function logLines(content: string): string[] {
  return (content.charCodeAt(0) === 0xfeff ? content.slice(1) : content).split('\n');
}

export function parseEventLog(content: string): ParsedLog {
  const events: IncidentEvent[] = [];
  const problems: LogProblem[] = [];
  const lines = logLines(content);
  const last = lines.length - 1;
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i];
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (line.trim() === '') {
      continue;
    }
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (error) {
      const torn = i === last && !content.endsWith('\n');
      problems.push({
        line: i + 1,
        message: torn
          ? 'incomplete last line (a write was cut off); it is skipped'
          : `not valid JSON (${(error as Error).message}); the line is skipped`,
      });
      continue;
    }
    const checked = validateEvent(value);
    if ('error' in checked) {
      problems.push({ line: i + 1, message: `${checked.error}; the line is skipped` });
    } else {
      events.push(checked.event);
    }
  }
  return { events, problems };
}

/** One event as one line, newline included: what an append writes. */
export function serializeEvent(event: EventBase): string {
  return JSON.stringify(event) + '\n';
}

/** The 1-based line of the first event with this id in an events.jsonl text; undefined when none has it. */
export function lineOfEvent(content: string, eventId: string): number | undefined {
  const lines = logLines(content);
  for (let i = 0; i < lines.length; i++) {
    // Parsed only where the id appears: the lines are a whole file's.
    if (!lines[i].includes(eventId)) continue;
    try {
      if ((JSON.parse(lines[i]) as { id?: unknown } | null)?.id === eventId) return i + 1;
    } catch {
      // A bad line holds no event.
    }
  }
  return undefined;
}
