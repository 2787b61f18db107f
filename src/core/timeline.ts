// What each event says in a timeline, in words: the one place that words events, so the tree,
// the timeline panel and the CLI agree. Feature events are read defensively (any field may be
// missing in a hand-edited or newer file).

import { ALERT_SOURCE_LABELS, isAlertSource } from './alerts/alert';
import { entryTime, IncidentEvent, isCoreEvent } from './events';
import { isMilestone, MILESTONE_EVENT, MILESTONE_LABELS } from './learning/milestones';
import { ROLE_LABELS } from './roles';
import { nonBlank } from './text/strings';
import { formatUtc } from './time';
import { own } from './own';

export type TimelineKind =
  | 'declared'
  | 'severity'
  | 'status'
  | 'role'
  | 'note'
  | 'decision'
  | 'action'
  | 'hypothesis'
  | 'comms'
  | 'alert'
  | 'deploy'
  | 'runbook'
  | 'resolved'
  | 'reopened'
  | 'other';

export interface TimelineLine {
  readonly kind: TimelineKind;
  readonly text: string;
}

const short = (sha: unknown): string => (nonBlank(sha) ?? '?').slice(0, 7);
const firstLine = (text: unknown): string =>
  (nonBlank(text) ?? '')
    .split('\n')
    .find((l) => l.trim() !== '')
    ?.trim() ?? '';

const CHANNEL_LABELS: Readonly<Record<string, string>> = { ...ALERT_SOURCE_LABELS, slack: 'Slack', statuspage: 'Statuspage' };
const sourceLabel = (source: unknown): string => (isAlertSource(source) ? ALERT_SOURCE_LABELS[source] : 'Alert source');

/**
 * An update or action sent out, worded with its outcome: a failed send says so and why, and is
 * never drawn as an update sent (kind `comms` is for what went out).
 */
function sendLine(e: Readonly<Record<string, unknown>>): TimelineLine {
  const channel = nonBlank(e.channel);
  const what = `${(channel && own(CHANNEL_LABELS, channel)) ?? channel ?? '?'} ${(nonBlank(e.action) ?? 'send').replace(/_/g, ' ')}`;
  if (e.outcome === 'sent') {
    const comms = e.action === 'status_update' || e.action === 'note' || e.action === 'incident_created' || e.action === 'incident_updated';
    return { kind: comms ? 'comms' : 'action', text: `${what}: sent${nonBlank(e.externalId) ? ` (${nonBlank(e.externalId)})` : ''}` };
  }
  return { kind: 'action', text: `${what}: FAILED${nonBlank(e.reason) ? `: ${nonBlank(e.reason)}` : ''}` };
}

const FEATURE_EVENTS: Readonly<Record<string, (e: Readonly<Record<string, unknown>>) => TimelineLine>> = {
  suspect_marked: (e) => ({
    kind: 'decision',
    text: `Marked ${short(e.sha)}${nonBlank(e.title) ? ` (${nonBlank(e.title)})` : ''} ${e.verdict === 'cause' ? 'as the cause' : e.verdict === 'cleared' ? 'as cleared' : 'as suspect'}${nonBlank(e.note) ? `: ${nonBlank(e.note)}` : ''}`,
  }),
  evidence_added: (e) => ({ kind: 'note', text: `Added evidence: ${firstLine(e.text)}` }),
  runbook_linked: (e) => ({ kind: 'runbook', text: `Linked runbook ${nonBlank(e.title) ?? nonBlank(e.runbook) ?? ''}` }),
  runbook_unlinked: (e) => ({ kind: 'runbook', text: `Unlinked runbook ${nonBlank(e.title) ?? nonBlank(e.runbook) ?? ''}` }),
  runbook_step: (e) => {
    const step = nonBlank(e.title) ?? nonBlank(e.step) ?? '';
    if (nonBlank(e.note) && !nonBlank(e.status)) {
      return { kind: 'runbook', text: `Runbook step ${step}: ${nonBlank(e.note)}` };
    }
    const branch = e.branch as { if?: unknown } | undefined;
    const status =
      e.status === 'branch' && branch && nonBlank(branch.if) ? `chose "${nonBlank(branch.if)}"` : (nonBlank(e.status) ?? 'updated');
    return { kind: 'runbook', text: `Runbook step ${step} ${status}` };
  },
  command_run: (e) => ({
    kind: 'action',
    text: `Ran \`${firstLine(e.command)}\`${typeof e.exitCode === 'number' ? ` (exit ${e.exitCode})` : ''}`,
  }),
  assist_used: (e) => ({
    kind: 'note',
    text: `Used AI assist (${nonBlank(e.model) ?? '?'}) for ${nonBlank(e.purpose) ?? '?'}${e.completed === false ? ', not completed' : ''}`,
  }),
  milestone_set: (e) => ({
    kind: 'status',
    text: `Milestone ${isMilestone(e.milestone) ? MILESTONE_LABELS[e.milestone].toLowerCase() : '?'} ${e.cleared === true ? 'cleared' : `set to ${nonBlank(e.at) !== undefined ? formatUtc(e.at as string) : '?'}`}`,
  }),
  alert_linked: (e) => ({
    kind: 'alert',
    text: `Linked ${sourceLabel(e.source)} alert: ${nonBlank(e.title) ?? nonBlank(e.dedupKey) ?? '?'}`,
  }),
  alert_activity: (e) => ({
    kind: 'alert',
    text: `${sourceLabel(e.source)} ${nonBlank(e.kind) ?? 'activity'}: ${firstLine(e.text)}${nonBlank(e.agent) ? ` (${nonBlank(e.agent)})` : ''}`,
  }),
  update_sent: sendLine,
  command_exited: (e) => ({
    kind: 'action',
    text: `${nonBlank(e.command) ? `\`${firstLine(e.command)}\`` : 'A command'} exited ${typeof e.exitCode === 'number' ? e.exitCode : '?'}`,
  }),
};

export function describeEvent(event: IncidentEvent): TimelineLine {
  if (!isCoreEvent(event)) {
    const describe = own(FEATURE_EVENTS, event.type);
    return describe ? describe(event as unknown as Record<string, unknown>) : { kind: 'other', text: `${event.type} event` };
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

/**
 * When what an event records happened, in milliseconds: an entry written after the fact at its `at`
 * and a deploy recorded after the fact at its deploy (`entryTime`), a milestone at the time it was set to, anything else when it was written.
 * Never later than the event was written: a teammate's time in the future is read at the event's own.
 * The timeline (panel, tree, `warroom show`, the review) lists events in this order.
 */
export function happenedAt(event: IncidentEvent): number {
  if (event.type === 'entry') {
    return entryTime(event);
  }
  const written = Date.parse(event.ts);
  if (event.type === MILESTONE_EVENT) {
    const record = event as unknown as Record<string, unknown>;
    const at = record.cleared !== true && typeof record.at === 'string' ? Date.parse(record.at) : NaN;
    return Number.isFinite(at) && at <= written ? at : written;
  }
  return written;
}
