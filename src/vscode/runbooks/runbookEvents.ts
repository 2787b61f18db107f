// Appending the runbook feature's own events (runbook_linked, runbook_step, command_run ...) to an
// incident, the way IncidentActions appends core events, then re-reading the incident at once.
import { EventInput } from '../../core/events';
import { RunbookEvent, validateRunbookEvent } from '../../core/runbooks';
import { UserFacingError } from '../commandRegistry';
import { IncidentModel, IncidentRef } from '../incidentModel';

export async function appendRunbookEvent(
  model: IncidentModel,
  ref: IncidentRef,
  input: EventInput<RunbookEvent>,
  at?: Date,
): Promise<RunbookEvent> {
  const state = model.folderState(ref.folder);
  if (!state) {
    throw new UserFacingError(`${ref.folder.name} has no incident store.`);
  }
  const author = await model.userName(ref.folder);
  // Checked before writing: a malformed event would be skipped by every reader's fold.
  const problem = validateRunbookEvent({ ...input, id: 'pending', ts: new Date().toISOString(), author } as unknown as Parameters<
    typeof validateRunbookEvent
  >[0]);
  if (problem) {
    throw new Error(problem);
  }
  const event = await state.store.append<RunbookEvent>(ref.incident.id, input, author, at);
  await model.reloadIncident(ref.folder, ref.incident.id);
  return event;
}
