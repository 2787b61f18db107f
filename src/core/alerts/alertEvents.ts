// Alert events on an incident's timeline and their own fold (docs/ARCHITECTURE.md: a feature folds
// `incident.events` filtered by its types). Imported facts get ids derived from the source's id, so
// a re-sync, or a teammate importing the same alert on another machine, writes the same event id
// and the fold (which drops repeated ids) never shows it twice.

import { base32 } from '../ids';
import { EventBase, EventInput, IncidentEvent } from '../events';
import { Incident } from '../incident';
import { MILESTONE_EVENT, MilestoneSetEvent, milestonesOf } from '../learning/milestones';
import { Alert, AlertSource, isAlertSource } from './alert';
import { PagerDutyLogEntry } from './pagerduty';

/** The incident carries this alert: declared from it, or an alert that matched it was linked. */
export interface AlertLinkedEvent extends EventBase {
  readonly type: 'alert_linked';
  readonly source: AlertSource;
  /** The source's id (PagerDuty incident id, fingerprint, Opsgenie id). */
  readonly sourceId: string;
  /** incident_key / fingerprint / alias: what later alerts are matched on. */
  readonly dedupKey: string;
  readonly title: string;
  readonly url?: string;
  readonly startsAt?: string;
}

/** A fact from the source's own log (PagerDuty log entry), at the time the source recorded it. */
export interface AlertActivityEvent extends EventBase {
  readonly type: 'alert_activity';
  readonly source: AlertSource;
  /** The incident or alert at the source this happened on. */
  readonly sourceId: string;
  /** The log entry's own id. */
  readonly entryId: string;
  /** trigger, acknowledge, escalate, assign, annotate, resolve. */
  readonly kind: string;
  readonly text: string;
  readonly agent?: string;
  readonly url?: string;
}

export const SEND_OUTCOMES = ['sent', 'failed'] as const;

/** An update sent out (Slack, Statuspage, PagerDuty note) or an action taken at the source, with its outcome. */
export interface AlertSentEvent extends EventBase {
  readonly type: 'update_sent';
  /** slack, statuspage, pagerduty, opsgenie, alertmanager. */
  readonly channel: string;
  /** status_update, note, incident_created, incident_updated, acknowledge, resolve, silence, expire_silence. */
  readonly action: string;
  readonly outcome: (typeof SEND_OUTCOMES)[number];
  /** Why it failed, in plain words. Never a key or a webhook URL. */
  readonly reason?: string;
  /** What was sent, as the preview showed it. */
  readonly text?: string;
  /** The id the channel gave back (Statuspage incident id, silence id). */
  readonly externalId?: string;
}

/** What a send or an action at a source was: where, what, and the text the confirmation showed. */
export interface SendRecord {
  readonly channel: string;
  readonly action: string;
  /** What was sent, as the preview or the confirmation showed it. */
  readonly text?: string;
}

/** Replaces each secret in `text`: an error from a library might quote a URL or a header. */
export function scrubSecrets(text: string, secrets: readonly (string | undefined)[]): string {
  let out = text;
  for (const secret of secrets) {
    if (secret && secret.length >= 4) out = out.split(secret).join('[secret]');
  }
  return out;
}

/**
 * The `update_sent` event that records a send or an action at a source with its outcome: sent (with
 * the id the source gave it, if any) or failed and why, every secret scrubbed from the words.
 */
export function sentEventInput(
  what: SendRecord,
  result: { readonly outcome: 'sent'; readonly externalId?: string } | { readonly outcome: 'failed'; readonly reason: string },
  secrets: readonly (string | undefined)[],
): EventInput<AlertSentEvent> {
  return {
    type: 'update_sent',
    channel: what.channel,
    action: what.action,
    ...(what.text ? { text: scrubSecrets(what.text, secrets) } : {}),
    outcome: result.outcome,
    ...(result.outcome === 'failed' ? { reason: scrubSecrets(result.reason, secrets) } : {}),
    ...(result.outcome === 'sent' && result.externalId ? { externalId: result.externalId } : {}),
  };
}

export const ALERT_EVENT_TYPES: ReadonlySet<string> = new Set(['alert_linked', 'alert_activity', 'update_sent']);

const str = (v: unknown): v is string => typeof v === 'string' && v.trim().length > 0;
const optStr = (v: unknown) => v === undefined || typeof v === 'string';

/** Checks the fields this module reads; undefined when the event can be trusted. */
export function validateAlertEvent(event: IncidentEvent): string | undefined {
  const e = event as unknown as Record<string, unknown>;
  switch (event.type) {
    case 'alert_linked':
      if (!isAlertSource(e.source)) return 'alert_linked: "source" must be pagerduty, alertmanager or opsgenie';
      if (!str(e.sourceId) || !str(e.dedupKey)) return 'alert_linked: "sourceId" and "dedupKey" must be non-empty strings';
      if (typeof e.title !== 'string' || !optStr(e.url) || !optStr(e.startsAt))
        return 'alert_linked: "title", "url" and "startsAt" must be strings';
      return undefined;
    case 'alert_activity':
      if (!isAlertSource(e.source)) return 'alert_activity: "source" must be pagerduty, alertmanager or opsgenie';
      if (!str(e.sourceId) || !str(e.entryId) || !str(e.kind))
        return 'alert_activity: "sourceId", "entryId" and "kind" must be non-empty strings';
      if (typeof e.text !== 'string' || !optStr(e.agent) || !optStr(e.url))
        return 'alert_activity: "text", "agent" and "url" must be strings';
      return undefined;
    case 'update_sent':
      if (!str(e.channel) || !str(e.action)) return 'update_sent: "channel" and "action" must be non-empty strings';
      if (!(SEND_OUTCOMES as readonly unknown[]).includes(e.outcome)) return 'update_sent: "outcome" must be sent or failed';
      if (!optStr(e.reason) || !optStr(e.text) || !optStr(e.externalId))
        return 'update_sent: "reason", "text" and "externalId" must be strings';
      return undefined;
    default:
      return `not an alert event: ${event.type}`;
  }
}

export interface IncidentAlerts {
  readonly linked: readonly AlertLinkedEvent[];
  readonly activity: readonly AlertActivityEvent[];
  readonly sends: readonly AlertSentEvent[];
  readonly problems: readonly { readonly eventId: string; readonly message: string }[];
}

/** Folds alert events; `events` in fold order (`incident.events`). A link repeated by source and key counts once. */
export function foldIncidentAlerts(events: readonly IncidentEvent[]): IncidentAlerts {
  const linked = new Map<string, AlertLinkedEvent>();
  const activity = new Map<string, AlertActivityEvent>();
  const sends: AlertSentEvent[] = [];
  const problems: { eventId: string; message: string }[] = [];
  for (const event of events) {
    if (!ALERT_EVENT_TYPES.has(event.type)) continue;
    const error = validateAlertEvent(event);
    if (error) {
      problems.push({ eventId: event.id, message: error });
      continue;
    }
    const e = event as unknown as AlertLinkedEvent | AlertActivityEvent | AlertSentEvent;
    if (e.type === 'alert_linked') {
      const key = `${e.source}\u0000${e.dedupKey}`;
      if (!linked.has(key)) linked.set(key, e);
    } else if (e.type === 'alert_activity') {
      const key = `${e.source}\u0000${e.entryId}`;
      if (!activity.has(key)) activity.set(key, e);
    } else {
      sends.push(e);
    }
  }
  return { linked: [...linked.values()], activity: [...activity.values()], sends, problems };
}

/** The incident an alert belongs to: one linked to the same source and dedup key (the newest such incident). */
export function incidentForAlert<I extends Pick<Incident, 'events' | 'declaredAt'>>(alert: Alert, incidents: readonly I[]): I | undefined {
  let best: I | undefined;
  for (const incident of incidents) {
    const { linked } = foldIncidentAlerts(incident.events);
    if (linked.some((l) => l.source === alert.source && (l.dedupKey === alert.dedupKey || l.sourceId === alert.id))) {
      if (!best || incident.declaredAt > best.declaredAt) best = incident;
    }
  }
  return best;
}

/**
 * An event id fixed by what it records (`pagerduty`, `log`, `Q3B15...`), in the form `newEventId`
 * mints (16 Crockford base32 characters): 80 bits of two FNV-1a 64-bit hashes of the parts.
 */
export function importedEventId(...parts: readonly string[]): string {
  const text = parts.map((p) => `${p.length}:${p}`).join('|');
  const bytes = new Uint8Array(16);
  const view = new DataView(bytes.buffer);
  view.setBigUint64(0, fnv1a64(text, 0xcbf29ce484222325n));
  view.setBigUint64(8, fnv1a64(text, 0x84222325cbf29ce4n));
  return base32(bytes, 16);
}

function fnv1a64(text: string, seed: bigint): bigint {
  let hash = seed;
  for (let i = 0; i < text.length; i++) {
    hash ^= BigInt(text.charCodeAt(i));
    hash = (hash * 0x100000001b3n) & 0xffffffffffffffffn;
  }
  return hash;
}

/** An event to append with its own id and time: what an import writes. */
export interface PlannedImport {
  readonly id: string;
  readonly at: string;
  readonly input: Record<string, unknown> & { readonly type: string };
}

/**
 * What importing PagerDuty log entries into an incident appends: one `alert_activity` per entry not
 * already there, and the first acknowledgement as the `acknowledged` milestone when none is set.
 * Idempotent: planning again after appending plans nothing.
 */
export function planLogImport(
  incident: Pick<Incident, 'events'>,
  sourceId: string,
  entries: readonly PagerDutyLogEntry[],
): PlannedImport[] {
  const have = new Set(incident.events.map((e) => e.id));
  const planned: PlannedImport[] = [];
  const sorted = [...entries].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.id < b.id ? -1 : 1));
  for (const entry of sorted) {
    const id = importedEventId('pagerduty', 'log', entry.id);
    if (have.has(id)) continue;
    have.add(id);
    planned.push({
      id,
      at: entry.at,
      input: {
        type: 'alert_activity',
        source: 'pagerduty',
        sourceId,
        entryId: entry.id,
        kind: entry.kind,
        text: entry.note ? `${entry.summary}: ${entry.note}` : entry.summary,
        ...(entry.agent ? { agent: entry.agent } : {}),
        ...(entry.url ? { url: entry.url } : {}),
      },
    });
  }
  const firstAck = sorted.find((e) => e.kind === 'acknowledge');
  const ackId = importedEventId('pagerduty', 'acknowledged', sourceId);
  if (firstAck && !have.has(ackId) && !milestonesOf(incident).values.acknowledged) {
    planned.push({
      id: ackId,
      at: firstAck.at,
      input: {
        type: MILESTONE_EVENT,
        milestone: 'acknowledged',
        at: firstAck.at,
        source: 'pagerduty',
        eventId: importedEventId('pagerduty', 'log', firstAck.id),
      },
    });
  }
  return planned;
}

/**
 * The `acknowledged` milestone that acknowledging the page from here sets, when the incident has
 * none yet: the page acknowledged is time to acknowledge's end. At the time the source says it did
 * it (its clock is the record's, as for PagerDuty's log), unless it said none or one more than an
 * hour from `now`, which is no answer to a request made now: then at `now`.
 */
export function planAcknowledgedMilestone(
  incident: Pick<Incident, 'events'>,
  source: AlertSource,
  reportedAt: string | undefined,
  now: Date,
): EventInput<MilestoneSetEvent> | undefined {
  if (milestonesOf(incident).values.acknowledged) return undefined;
  const t = reportedAt === undefined ? NaN : Date.parse(reportedAt);
  const at = Number.isFinite(t) && Math.abs(t - now.getTime()) <= 3_600_000 ? new Date(t) : now;
  return { type: MILESTONE_EVENT, milestone: 'acknowledged', at: at.toISOString(), source };
}

/** The `alert_linked` event that ties an incident to an alert, with its id fixed by the alert. */
export function planAlertLink(incident: Pick<Incident, 'events' | 'id'>, alert: Alert, at: string): PlannedImport | undefined {
  const id = importedEventId(alert.source, 'link', alert.dedupKey, incident.id);
  if (incident.events.some((e) => e.id === id)) return undefined;
  return {
    id,
    at,
    input: {
      type: 'alert_linked',
      source: alert.source,
      sourceId: alert.id,
      dedupKey: alert.dedupKey,
      title: alert.title,
      startsAt: alert.startsAt,
      ...(alert.url ? { url: alert.url } : {}),
    },
  };
}
