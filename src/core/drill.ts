// A drill (game day) is a practice incident: its `declared` event carries `drill: true` and the
// scenario it runs. Marked drill everywhere, and left out of every KPI and of on-call load.

import { Incident } from './incident';

export interface DrillMark {
  readonly drill: true;
  /** The scenario file's id (its path in the repository). */
  readonly scenario?: string;
}

export function isDrill(incident: Pick<Incident, 'events'>): boolean {
  const declared = incident.events.find((e) => e.type === 'declared') as unknown as Partial<DrillMark> | undefined;
  return declared?.drill === true;
}
