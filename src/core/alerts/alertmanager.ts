// Alertmanager API v2 (`/api/v2/alerts`, `/api/v2/alerts/groups`) and webhook bodies into alerts.
// The API's `status` is an object ({state, silencedBy, inhibitedBy}); the webhook's a string.

import { Alert, AlertState, FieldReader, ParsedAlerts, normalisePriority, runbookUrlsOf } from './alert';

export function parseAlertmanager(payload: unknown): ParsedAlerts {
  const unread: string[] = [];
  const read = new FieldReader(unread);
  if (Array.isArray(payload)) {
    const isGroups = payload.some(
      (item) => typeof item === 'object' && item !== null && Array.isArray((item as { alerts?: unknown }).alerts),
    );
    if (isGroups) {
      const alerts: Alert[] = [];
      const seen = new Set<string>();
      payload.forEach((group, g) => {
        read.array(read.object(group, `[${g}]`)?.alerts, `[${g}].alerts`).forEach((item, i) => {
          const alert = readAlert(item, `[${g}].alerts[${i}]`, read);
          // One alert goes to each receiver's group: list it once.
          if (alert && !seen.has(alert.id)) {
            seen.add(alert.id);
            alerts.push(alert);
          }
        });
      });
      return { source: 'alertmanager', kind: 'api:groups', alerts, unread };
    }
    const alerts = payload.flatMap((item, i) => readAlert(item, `[${i}]`, read) ?? []);
    return { source: 'alertmanager', kind: 'api:alerts', alerts, unread };
  }
  const body = read.object(payload, '$');
  if (body && Array.isArray(body.alerts)) {
    const alerts = body.alerts.flatMap((item, i) => readAlert(item, `alerts[${i}]`, read, body.externalURL) ?? []);
    return { source: 'alertmanager', kind: 'webhook', alerts, unread };
  }
  unread.push('$: neither an Alertmanager alert list, a group list nor a webhook body');
  return { source: 'alertmanager', kind: 'unknown', alerts: [], unread };
}

function readAlert(item: unknown, at: string, read: FieldReader, externalUrl?: unknown): Alert | undefined {
  const record = read.object(item, at);
  if (!record) {
    return undefined;
  }
  const labels = read.strings(record.labels, `${at}.labels`);
  const annotations = read.strings(record.annotations, `${at}.annotations`);
  const fingerprint = read.string(record.fingerprint, `${at}.fingerprint`, true);
  const startsAt = read.time(record.startsAt, `${at}.startsAt`, true);
  if (!fingerprint || !startsAt) {
    return undefined;
  }
  const endsAt = read.time(record.endsAt, `${at}.endsAt`);
  const state = stateOf(record.status, `${at}.status`, read, endsAt);
  const generator = read.string(record.generatorURL, `${at}.generatorURL`);
  const title = annotations.summary ?? annotations.title ?? labels.alertname ?? fingerprint;
  return {
    source: 'alertmanager',
    id: fingerprint,
    dedupKey: fingerprint,
    title: labels.alertname && title !== labels.alertname ? `${labels.alertname}: ${title}` : title,
    state,
    startsAt,
    ...(endsAt && state === 'resolved' ? { endsAt } : {}),
    ...optional('updatedAt', read.time(record.updatedAt, `${at}.updatedAt`)),
    ...optional('service', labels.service ?? labels.app ?? labels.job),
    ...optional('priority', normalisePriority(labels.priority)),
    ...optional('severity', labels.severity),
    labels,
    annotations,
    ...optional('url', generator || (typeof externalUrl === 'string' ? externalUrl : undefined)),
    runbookUrls: runbookUrlsOf(annotations),
  };
}

function stateOf(status: unknown, at: string, read: FieldReader, endsAt: string | undefined): AlertState {
  if (typeof status === 'string') {
    if (status === 'resolved') return 'resolved';
    if (status !== 'firing') read.unread.push(`${at}: "${status.slice(0, 40)}" is neither firing nor resolved`);
    return 'firing';
  }
  const state = read.string(read.object(status, at)?.state, `${at}.state`);
  if (state === 'suppressed') return 'suppressed';
  if (state !== undefined && state !== 'active' && state !== 'unprocessed') {
    read.unread.push(`${at}.state: "${state.slice(0, 40)}" is not active, suppressed or unprocessed`);
  }
  // The API lists only unresolved alerts unless asked; an end in the past marks a resolved one.
  return status === undefined && endsAt ? 'resolved' : 'firing';
}

/** Adds `{key: value}` only when there is a value, so absent fields stay absent in JSON. */
export function optional<K extends string, V>(key: K, value: V | undefined | ''): { [P in K]?: V } {
  return (value === undefined || value === '' ? {} : { [key]: value }) as { [P in K]?: V };
}
