// What each event says in a timeline, in words.

import { IncidentEvent, isCoreEvent } from './events';
import { ROLE_LABELS } from './roles';

export type TimelineKind =
  | 'declared' | 'severity' | 'status' | 'role' | 'note' | 'decision' | 'action' | 'hypothesis'
  | 'comms' | 'alert' | 'deploy' | 'resolved' | 'reopened' | 'other';

export interface TimelineLine {
  readonly kind: TimelineKind;
  readonly text: string;
}

export function describeEvent(event: IncidentEvent): TimelineLine {
  if (!isCoreEvent(event)) {
    return { kind: 'other', text: `${event.type} event` };
  }
  switch (event.type) {
    case 'declared':
      return { kind: 'declared', text: `Declared ${event.severity}: ${event.title}` };
    case 'severity_changed':
      return { kind: 'severity', text: `Severity set to ${event.severity}` };
    case 'status_changed':
      return { kind: 'status', text: `Status set to ${event.status}` };
    case 'role_assigned':
      return { kind: 'role', text: `${event.person} is ${ROLE_LABELS[event.role]}` };
    case 'role_released':
      return { kind: 'role', text: `${event.person} stepped down as ${ROLE_LABELS[event.role]}` };
    case 'entry':
      return { kind: event.kind, text: event.text };
    case 'resolved':
      return { kind: 'resolved', text: event.resolution ? `Resolved: ${event.resolution}` : 'Resolved' };
    case 'reopened':
      return { kind: 'reopened', text: event.reason ? `Reopened: ${event.reason}` : 'Reopened' };
  }
}
