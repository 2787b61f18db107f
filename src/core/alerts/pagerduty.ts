// PagerDuty REST v2 (`/incidents`, one incident) and V3 webhook bodies into alerts; log entries
// into timeline items.

import { Alert, AlertState, FieldReader, ParsedAlerts, normalisePriority } from './alert';
import { optional } from './alertmanager';
import { own } from '../own';

export function parsePagerDuty(payload: unknown): ParsedAlerts {
  const unread: string[] = [];
  const read = new FieldReader(unread);
  const body = read.object(payload, '$');
  if (body && Array.isArray(body.incidents)) {
    const alerts = body.incidents.flatMap((item, i) => readIncident(item, `incidents[${i}]`, read) ?? []);
    return { source: 'pagerduty', kind: 'api:incidents', alerts, unread };
  }
  if (body && body.incident !== undefined) {
    const alert = readIncident(body.incident, 'incident', read);
    return { source: 'pagerduty', kind: 'api:incident', alerts: alert ? [alert] : [], unread };
  }
  const event = read.object(body?.event, 'event');
  if (event) {
    return { source: 'pagerduty', kind: 'webhook', alerts: readWebhook(event, read), unread };
  }
  unread.push('$: neither a PagerDuty incident list, an incident nor a V3 webhook body');
  return { source: 'pagerduty', kind: 'unknown', alerts: [], unread };
}

const STATES: Readonly<Record<string, AlertState>> = { triggered: 'firing', acknowledged: 'acknowledged', resolved: 'resolved' };

function readIncident(item: unknown, at: string, read: FieldReader, occurredAt?: string): Alert | undefined {
  const record = read.object(item, at);
  if (!record) return undefined;
  const id = read.string(record.id, `${at}.id`, true);
  const createdAt = read.time(record.created_at, `${at}.created_at`, !occurredAt) ?? occurredAt;
  if (!id || !createdAt) return undefined;
  const status = read.string(record.status, `${at}.status`);
  const state = status === undefined ? 'firing' : own(STATES, status);
  if (status !== undefined && !state) read.unread.push(`${at}.status: "${status.slice(0, 40)}" is not triggered, acknowledged or resolved`);
  const service = read.object(record.service, `${at}.service`);
  const priority = read.object(record.priority, `${at}.priority`);
  const number = read.string(record.incident_number ?? record.number, `${at}.incident_number`);
  const labels: Record<string, string> = {};
  if (number) labels.incident_number = number;
  const serviceId = read.string(service?.id, `${at}.service.id`);
  if (serviceId) labels.service_id = serviceId;
  const teams = read
    .array(record.teams, `${at}.teams`)
    .map((t, i) => read.string(read.object(t, `${at}.teams[${i}]`)?.summary, `${at}.teams[${i}].summary`))
    .filter((t): t is string => !!t);
  if (teams.length) labels.teams = teams.join(', ');
  const resolvedAt = read.time(record.resolved_at, `${at}.resolved_at`);
  const title = read.string(record.title, `${at}.title`) ?? read.string(record.summary, `${at}.summary`) ?? id;
  return {
    source: 'pagerduty',
    id,
    dedupKey: read.string(record.incident_key, `${at}.incident_key`) || id,
    title,
    state: state ?? 'firing',
    startsAt: createdAt,
    ...optional('endsAt', state === 'resolved' ? resolvedAt : undefined),
    ...optional('updatedAt', read.time(record.updated_at ?? record.last_status_change_at, `${at}.updated_at`)),
    ...optional('service', read.string(service?.summary, `${at}.service.summary`)),
    ...optional('priority', normalisePriority(read.string(priority?.summary, `${at}.priority.summary`))),
    ...optional('severity', read.string(record.urgency, `${at}.urgency`)),
    labels,
    annotations: {},
    ...optional('url', read.string(record.html_url, `${at}.html_url`)),
    runbookUrls: [],
  };
}

function readWebhook(event: Record<string, unknown>, read: FieldReader): Alert[] {
  const type = read.string(event.event_type, 'event.event_type', true) ?? '';
  const occurredAt = read.time(event.occurred_at, 'event.occurred_at');
  const data = read.object(event.data, 'event.data');
  if (!data) return [];
  // incident.* events carry the incident; others (annotated, status_update_published) a reference to it.
  const incident = data.type === 'incident' ? data : read.object(data.incident, 'event.data.incident');
  if (!incident) {
    read.unread.push(`event.data: ${type} carries no incident`);
    return [];
  }
  const alert = readIncident(incident, data.type === 'incident' ? 'event.data' : 'event.data.incident', read, occurredAt);
  return alert ? [alert] : [];
}

/** The log entry types War Room shows on the timeline (PagerDuty's `<type>_log_entry`). */
export const LOG_ENTRY_KINDS = ['trigger', 'acknowledge', 'escalate', 'assign', 'annotate', 'resolve'] as const;
export type LogEntryKind = (typeof LOG_ENTRY_KINDS)[number];

export interface PagerDutyLogEntry {
  readonly id: string;
  readonly kind: LogEntryKind;
  readonly at: string;
  readonly summary: string;
  /** Who did it (agent summary), when named. */
  readonly agent?: string;
  /** An annotation's note text. */
  readonly note?: string;
  readonly url?: string;
  /** The incident it belongs to (account-wide `GET /log_entries` mixes incidents). */
  readonly incidentId?: string;
}

/** `GET /incidents/{id}/log_entries` or `GET /log_entries` into the entries shown; other types (notify, snooze ...) are skipped, not unread. */
export function parsePagerDutyLogEntries(payload: unknown): {
  entries: PagerDutyLogEntry[];
  unread: string[];
  more: boolean;
  sent: number;
} {
  const unread: string[] = [];
  const read = new FieldReader(unread);
  const body = read.object(payload, '$');
  const entries: PagerDutyLogEntry[] = [];
  const listed = read.array(body?.log_entries, 'log_entries');
  listed.forEach((item, i) => {
    const at = `log_entries[${i}]`;
    const record = read.object(item, at);
    const type = read.string(record?.type, `${at}.type`, true)?.replace(/_log_entry$/, '');
    if (!record || !type || !(LOG_ENTRY_KINDS as readonly string[]).includes(type)) return;
    const id = read.string(record.id, `${at}.id`, true);
    const when = read.time(record.created_at, `${at}.created_at`, true);
    if (!id || !when) return;
    const agent = read.string(read.object(record.agent, `${at}.agent`)?.summary, `${at}.agent.summary`);
    const channel = read.object(record.channel, `${at}.channel`);
    entries.push({
      id,
      kind: type as LogEntryKind,
      at: when,
      summary: read.string(record.summary, `${at}.summary`) ?? type,
      ...optional('agent', agent),
      ...optional('note', read.string(channel?.summary ?? record.note, `${at}.channel.summary`)),
      ...optional('url', read.string(record.html_url, `${at}.html_url`)),
      ...optional('incidentId', read.string(read.object(record.incident, `${at}.incident`)?.id, `${at}.incident.id`)),
    });
  });
  return { entries, unread, more: body?.more === true, sent: listed.length };
}

export interface PagerDutyChangeEvent {
  readonly at: string;
  readonly summary: string;
  readonly source?: string;
  readonly reason?: string;
  readonly url?: string;
}

/** `GET /incidents/{id}/related_change_events`, shown beside War Room's own deploy correlation. */
export function parsePagerDutyChangeEvents(payload: unknown): { changes: PagerDutyChangeEvent[]; unread: string[] } {
  const unread: string[] = [];
  const read = new FieldReader(unread);
  const body = read.object(payload, '$');
  const changes: PagerDutyChangeEvent[] = [];
  read.array(body?.change_events, 'change_events').forEach((item, i) => {
    const at = `change_events[${i}]`;
    const record = read.object(item, at);
    const when = read.time(record?.timestamp, `${at}.timestamp`, true);
    const summary = read.string(record?.summary, `${at}.summary`, true);
    if (!record || !when || !summary) return;
    const link = read.object(read.array(record.links, `${at}.links`)[0], `${at}.links[0]`);
    changes.push({
      at: when,
      summary,
      ...optional('source', read.string(record.source, `${at}.source`)),
      ...optional(
        'reason',
        read.string(read.object(record.correlation_reason, `${at}.correlation_reason`)?.reason, `${at}.correlation_reason.reason`),
      ),
      ...optional('url', read.string(link?.href, `${at}.links[0].href`)),
    });
  });
  return { changes, unread };
}
