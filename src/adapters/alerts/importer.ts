// Writes planned imports (core/alerts/alertEvents.ts) into an incident with their derived ids and
// the source's times. What is already in the incident is left out by the plan, so a re-sync
// appends nothing, and a teammate's import of the same facts merges into the same events.

import { PlannedImport } from '../../core/alerts/alertEvents';
import { EventBase, EventInput } from '../../core/events';
import { FileIncidentStore } from '../store/fileStore';

export async function writeImports(
  store: FileIncidentStore,
  incidentId: string,
  plans: readonly PlannedImport[],
  author: string,
): Promise<number> {
  for (const plan of plans) {
    await store.append<EventBase>(incidentId, plan.input as unknown as EventInput<EventBase>, author, new Date(plan.at), plan.id);
  }
  return plans.length;
}
