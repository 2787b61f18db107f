// The Incoming view's grouping: by alert name and service, the way responders think about a page.

import { Alert } from './alert';

export interface AlertGroup {
  readonly key: string;
  readonly name: string;
  readonly service?: string;
  readonly alerts: readonly Alert[];
  /** The earliest start among the group's alerts. */
  readonly startsAt: string;
}

/** Groups by `alertname` (the title when there is none) and service; groups in order of their first start. */
export function groupAlerts(alerts: readonly Alert[]): AlertGroup[] {
  const groups = new Map<string, { name: string; service?: string; alerts: Alert[]; startsAt: string }>();
  for (const alert of alerts) {
    const name = alert.labels.alertname ?? alert.title;
    const key = JSON.stringify([alert.source, name, alert.service ?? '']);
    const group = groups.get(key);
    if (group) {
      group.alerts.push(alert);
      if (alert.startsAt < group.startsAt) group.startsAt = alert.startsAt;
    } else {
      groups.set(key, { name, ...(alert.service ? { service: alert.service } : {}), alerts: [alert], startsAt: alert.startsAt });
    }
  }
  return [...groups.entries()]
    .map(([key, g]) => ({ key, ...g }))
    .sort((a, b) => (a.startsAt < b.startsAt ? -1 : a.startsAt > b.startsAt ? 1 : a.key < b.key ? -1 : 1));
}
