// Each use of the language model is on the timeline: which model, for what; never the prompt or the
// answer (they may quote what the timeline already holds, and a draft is the human's until sent).
// Folded here from `incident.events`, not by the core fold (see ARCHITECTURE.md).

import { EventBase, IncidentEvent } from '../events';
import { isPurpose, Purpose } from './prompts';

export const ASSIST_USED = 'assist_used';

export interface AssistUsedEvent extends EventBase {
  readonly type: typeof ASSIST_USED;
  /** The model's id as the editor reports it (vendor/family/version). */
  readonly model: string;
  readonly purpose: Purpose;
  /** Timeline events left out to fit the model's limit. */
  readonly leftOut?: number;
  /** Secrets cut out of the prompt. */
  readonly redacted?: number;
  /** False when the user cancelled or the model failed before answering in full. */
  readonly completed?: boolean;
}

const MAX_MODEL_ID = 200;

/** Checks the fields this module reads; the envelope was checked by `validateEvent`. */
export function checkAssistUsed(event: IncidentEvent): { event: AssistUsedEvent } | { error: string } {
  const e = event as unknown as Record<string, unknown>;
  if (e.type !== ASSIST_USED) {
    return { error: `not an ${ASSIST_USED} event (type "${String(e.type)}")` };
  }
  if (typeof e.model !== 'string' || e.model.trim() === '' || e.model.length > MAX_MODEL_ID) {
    return { error: `${ASSIST_USED} event: "model" must be a non-empty string of at most ${MAX_MODEL_ID} characters` };
  }
  if (!isPurpose(e.purpose)) {
    return { error: `${ASSIST_USED} event: "purpose" must be a known purpose` };
  }
  for (const field of ['leftOut', 'redacted'] as const) {
    if (e[field] !== undefined && !(Number.isInteger(e[field]) && (e[field] as number) >= 0)) {
      return { error: `${ASSIST_USED} event: "${field}" must be a whole number when present` };
    }
  }
  if (e.completed !== undefined && typeof e.completed !== 'boolean') {
    return { error: `${ASSIST_USED} event: "completed" must be true or false when present` };
  }
  return { event: event as unknown as AssistUsedEvent };
}

/** Every use, oldest first; events of this type whose fields are wrong are skipped and listed. */
export function foldAssistUses(events: readonly IncidentEvent[]): {
  uses: AssistUsedEvent[];
  problems: { eventId: string; message: string }[];
} {
  const uses: AssistUsedEvent[] = [];
  const problems: { eventId: string; message: string }[] = [];
  for (const event of events) {
    if (event.type !== ASSIST_USED) {
      continue;
    }
    const checked = checkAssistUsed(event);
    if ('error' in checked) {
      problems.push({ eventId: event.id, message: checked.error });
    } else {
      uses.push(checked.event);
    }
  }
  return { uses, problems };
}
