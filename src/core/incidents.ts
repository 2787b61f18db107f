// Ordering and grouping incidents the way responders scan them.

import { isDrill } from './drill';
import { Incident, isActive } from './incident';
import { severityRank } from './severity';

/**
 * Active incidents: real ones before drills (a SEV1 game day must not list above a real SEV2), then
 * worst severity first, then the longest-running.
 */
export function activeIncidents(incidents: readonly Incident[]): Incident[] {
  const drill = new Map(incidents.filter(isActive).map((i) => [i, isDrill(i)]));
  return [...drill.keys()].sort(
    (a, b) =>
      Number(drill.get(a)) - Number(drill.get(b)) ||
      severityRank(a.severity) - severityRank(b.severity) ||
      Date.parse(a.startedAt) - Date.parse(b.startedAt),
  );
}

/** Resolved within `withinMs` of now, most recently resolved first. */
export function recentlyResolved(incidents: readonly Incident[], now: Date, withinMs: number): Incident[] {
  return incidents
    .filter((i) => !isActive(i) && now.getTime() - Date.parse(i.resolvedAt ?? i.updatedAt) <= withinMs)
    .sort((a, b) => Date.parse(b.resolvedAt ?? b.updatedAt) - Date.parse(a.resolvedAt ?? a.updatedAt));
}

/** Services seen in incidents, most recently used first, without duplicates. */
export function knownServices(incidents: readonly Incident[]): string[] {
  const latest = new Map<string, number>();
  for (const incident of incidents) {
    if (incident.service) {
      latest.set(incident.service, Math.max(latest.get(incident.service) ?? 0, Date.parse(incident.declaredAt)));
    }
  }
  return [...latest.entries()].sort((a, b) => b[1] - a[1]).map(([service]) => service);
}
