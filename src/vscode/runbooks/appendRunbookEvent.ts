// Appending the runbook feature's own events (runbook_linked, runbook_step, command_run ...) to an
// incident through the model's one write path, once they pass the feature's own check.
import { EventInput } from '../../core/events';
import { RunbookEvent, validateRunbookEvent } from '../../core/runbooks';
import { IncidentModel, IncidentRef } from '../incidentModel';

export async function appendRunbookEvent(
  model: IncidentModel,
  ref: IncidentRef,
  input: EventInput<RunbookEvent>,
  at?: Date,
): Promise<RunbookEvent> {
  const author = await model.userName(ref.folder);
  // Checked before writing: a malformed event would be skipped by every reader's fold.
  const problem = validateRunbookEvent({ ...input, id: 'pending', ts: new Date().toISOString(), author } as unknown as Parameters<
    typeof validateRunbookEvent
  >[0]);
  if (problem) {
    throw new Error(problem);
  }
  return model.append<RunbookEvent>(ref, input, at);
}
