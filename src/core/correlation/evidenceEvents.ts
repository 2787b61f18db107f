// Pasted stack traces and log lines are timeline events (`evidence_added`, carrying the text), so
// every responder's ranking uses the same evidence and the postmortem keeps it.
import { IncidentEvent } from '../events';

export const EVIDENCE_EVENT = 'evidence_added';

export interface EvidenceAddedInput {
  readonly type: typeof EVIDENCE_EVENT;
  readonly text: string;
}

/** Every piece of evidence so far, oldest first, as one text (ranking reads all frames at once). */
export function evidenceText(events: readonly IncidentEvent[]): string | undefined {
  const texts = events
    .filter((e) => e.type === EVIDENCE_EVENT)
    .map((e) => (e as unknown as Record<string, unknown>).text)
    .filter((t): t is string => typeof t === 'string' && t.trim() !== '');
  return texts.length ? texts.join('\n') : undefined;
}

/** The incident's title and alert entries: words a suspect commit's message or paths may share. */
export function incidentText(title: string, events: readonly IncidentEvent[]): string {
  const alerts = events
    .filter((e) => e.type === 'entry' && (e as unknown as Record<string, unknown>).kind === 'alert')
    .map((e) => String((e as unknown as Record<string, unknown>).text ?? ''));
  return [title, ...alerts].join('\n');
}
