// Opsgenie REST (`/v2/alerts`) and webhook bodies into alerts. REST priority is "P3", the
// webhook's a number; the webhook's `updatedAt` is nanoseconds.

import { Alert, FieldReader, ParsedAlerts, normalisePriority } from './alert';
import { optional } from './alertmanager';

export function parseOpsgenie(payload: unknown): ParsedAlerts {
  const unread: string[] = [];
  const read = new FieldReader(unread);
  const body = read.object(payload, '$');
  if (body && Array.isArray(body.data)) {
    const alerts = body.data.flatMap((item, i) => readAlert(item, `data[${i}]`, read) ?? []);
    return { source: 'opsgenie', kind: 'api:alerts', alerts, unread };
  }
  if (body && body.alert !== undefined) {
    const action = read.string(body.action, 'action');
    const alert = readAlert(body.alert, 'alert', read, action);
    return { source: 'opsgenie', kind: 'webhook', alerts: alert ? [alert] : [], unread };
  }
  unread.push('$: neither an Opsgenie alert list nor a webhook body');
  return { source: 'opsgenie', kind: 'unknown', alerts: [], unread };
}

function readAlert(item: unknown, at: string, read: FieldReader, action?: string): Alert | undefined {
  const record = read.object(item, at);
  if (!record) return undefined;
  const id = read.string(record.id ?? record.alertId, `${at}.id`, true);
  const createdAt = read.time(record.createdAt, `${at}.createdAt`, true);
  if (!id || !createdAt) return undefined;
  const status = read.string(record.status, `${at}.status`);
  const closed = status === 'closed' || action === 'Close';
  const acknowledged = record.acknowledged === true || action === 'Acknowledge';
  const tags = read
    .array(record.tags, `${at}.tags`)
    .map((t, i) => read.string(t, `${at}.tags[${i}]`))
    .filter((t): t is string => !!t);
  const labels: Record<string, string> = {};
  const tinyId = read.string(record.tinyId, `${at}.tinyId`);
  if (tinyId) labels.tinyId = tinyId;
  if (tags.length) labels.tags = tags.join(', ');
  const entity = read.string(record.entity, `${at}.entity`);
  const priorityField = record.priority;
  const priority = normalisePriority(priorityField);
  if (priorityField !== undefined && !priority) read.unread.push(`${at}.priority: not P1..P5`);
  const report = read.object(record.report, `${at}.report`);
  const closeTime = report?.closeTime;
  return {
    source: 'opsgenie',
    id,
    dedupKey: read.string(record.alias, `${at}.alias`) || id,
    title: read.string(record.message, `${at}.message`) ?? id,
    state: closed ? 'resolved' : acknowledged ? 'acknowledged' : 'firing',
    startsAt: createdAt,
    ...optional('endsAt', closed && typeof closeTime === 'number' ? new Date(Date.parse(createdAt) + closeTime).toISOString() : undefined),
    ...optional('updatedAt', read.time(record.updatedAt, `${at}.updatedAt`)),
    ...optional('service', entity),
    ...optional('priority', priority),
    labels,
    annotations: {},
    runbookUrls: [],
  };
}

/**
 * Opsgenie takes an action on an alert (acknowledge, close, a note) asynchronously: the POST is
 * answered 202 with a `requestId`, and whether it went through is read later at
 * `/v2/alerts/requests/{requestId}`, which answers 404 until Opsgenie has processed it.
 */
export function opsgenieRequestId(payload: unknown): string | undefined {
  const body = typeof payload === 'object' && payload !== null ? (payload as Record<string, unknown>) : undefined;
  const id = body?.requestId;
  return typeof id === 'string' && id.trim() !== '' && id.length <= 200 ? id : undefined;
}

/** A processed request, as Opsgenie reports it. */
export interface OpsgenieRequestStatus {
  readonly success: boolean;
  /** Opsgenie's own words: "Acknowledged alert", "Alert does not exist"... (at most 200 characters). */
  readonly status: string;
  /** "Acknowledge", "Close", "AddNote"... */
  readonly action?: string;
  readonly processedAt?: string;
  readonly alertId?: string;
}

/** Reads a request status body (`{data: {isSuccess, status, ...}}`); an error when it is not one. */
export function parseOpsgenieRequestStatus(payload: unknown): OpsgenieRequestStatus | { readonly error: string } {
  const unread: string[] = [];
  const read = new FieldReader(unread);
  const data = read.object(read.object(payload, '$')?.data, 'data');
  if (!data) return { error: 'Opsgenie sent a request status without its "data"' };
  const success = data.isSuccess ?? data.success;
  if (typeof success !== 'boolean') return { error: 'Opsgenie sent a request status without "isSuccess"' };
  const status = (read.string(data.status, 'data.status') ?? '').trim().slice(0, 200);
  return {
    success,
    status: status || (success ? 'processed' : 'failed, with no reason given'),
    ...optional('action', read.string(data.action, 'data.action')?.slice(0, 80)),
    ...optional('processedAt', read.time(data.processedAt, 'data.processedAt')),
    ...optional('alertId', read.string(data.alertId, 'data.alertId')?.slice(0, 200)),
  };
}
