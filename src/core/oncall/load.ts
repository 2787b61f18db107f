// On-call load: how heavy on call is for each person, from the incidents and the alerts imported
// onto them. A page is an alert linked to an incident (or the incident itself when none was
// imported), going to whoever held the primary layer for its service then; drills are left out.

import { foldIncidentAlerts } from '../alerts/alertEvents';
import { isDrill } from '../drill';
import { Incident } from '../incident';
import { OncallResolver } from './resolve';
import { DEFAULT_PAGES_PER_WEEK_LIMIT } from './model';

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;
/** Working hours, local to the person's rotation: 09:00 to 18:00, Monday to Friday. */
const WORK_START_HOUR = 9;
const WORK_END_HOUR = 18;

/** Minutes as `3h 05m`. */
export const hours = (minutes: number): string => `${Math.floor(minutes / 60)}h ${String(minutes % 60).padStart(2, '0')}m`;

export interface PersonLoad {
  readonly person: string;
  readonly pages: number;
  /** Incidents the person was paged for or held a role in. */
  readonly incidents: number;
  readonly outOfHoursPages: number;
  readonly weekendPages: number;
  /** Minutes holding a role in incidents (roles held at once count once). */
  readonly incidentMinutes: number;
  readonly pagesPerWeek: number;
  readonly incidentsPerWeek: number;
}

export interface OncallLoad {
  readonly from: string;
  readonly to: string;
  readonly weeks: number;
  /** Most pages first; rotation members with none are listed too (fairness counts them). */
  readonly people: readonly PersonLoad[];
  /** Pages per week of the most and the least loaded rotation member, and the difference. */
  readonly spread?: { readonly most: string; readonly least: string; readonly pagesPerWeek: number };
  readonly pagesPerWeekLimit: number;
  /** People over the limit, most loaded first. */
  readonly overloaded: readonly PersonLoad[];
  readonly drillsLeftOut: number;
  /** Pages no rotation covered, given to whoever declared the incident. */
  readonly unrotatedPages: number;
}

/** One workspace folder's load: rotations live in each repository, so each folder is counted on its own. */
export interface FolderLoad {
  readonly folder: string;
  /** Whether the folder has a rotation file; without one every page goes to whoever declared. */
  readonly rotation: boolean;
  readonly load: OncallLoad;
}

export interface LoadOptions {
  readonly now: Date;
  readonly days: number;
  readonly resolver?: OncallResolver;
  readonly pagesPerWeekLimit?: number;
}

interface Tally {
  pages: number;
  incidents: number;
  outOfHours: number;
  weekend: number;
  minutes: number;
}

export function oncallLoad(incidents: readonly Incident[], options: LoadOptions): OncallLoad {
  const toMs = options.now.getTime();
  const fromMs = toMs - options.days * DAY_MS;
  const weeks = options.days / 7;
  const limit = options.pagesPerWeekLimit ?? DEFAULT_PAGES_PER_WEEK_LIMIT;
  const resolver = options.resolver;
  const tallies = new Map<string, Tally>();
  const tally = (person: string) => {
    let t = tallies.get(person);
    if (!t) tallies.set(person, (t = { pages: 0, incidents: 0, outOfHours: 0, weekend: 0, minutes: 0 }));
    return t;
  };
  for (const member of new Set(resolver?.config.rotations.flatMap((r) => r.members) ?? [])) tally(member);
  let drillsLeftOut = 0;
  let unrotatedPages = 0;

  for (const incident of incidents) {
    const startedMs = Date.parse(incident.startedAt);
    if (!(startedMs >= fromMs && startedMs <= toMs)) continue;
    if (isDrill(incident)) {
      drillsLeftOut++;
      continue;
    }
    const involved = new Set<string>();
    const linked = incident.events.some((e) => e.type === 'alert_linked') ? foldIncidentAlerts(incident.events).linked : [];
    const pageTimes = linked.length ? linked.map((a) => Date.parse(a.startsAt ?? a.ts)) : [startedMs];
    for (const raw of pageTimes) {
      const at = Number.isNaN(raw) ? startedMs : raw;
      const holder = resolver?.holdersAt(incident.service, at).find((h) => h.layer === 'primary');
      const person = holder?.person ?? incident.declaredBy;
      if (!holder) unrotatedPages++;
      // Working hours are the rotation's (its time zone), else the declarer's offset.
      const local = new Date(at + (holder ? holder.clock.offsetAt(at) : (incident.utcOffsetMinutes ?? 0)) * MINUTE_MS);
      const t = tally(person);
      t.pages++;
      const weekend = local.getUTCDay() === 0 || local.getUTCDay() === 6;
      if (weekend) t.weekend++;
      if (weekend || local.getUTCHours() < WORK_START_HOUR || local.getUTCHours() >= WORK_END_HOUR) t.outOfHours++;
      involved.add(person);
    }
    const endMs = incident.resolvedAt ? Date.parse(incident.resolvedAt) : toMs;
    const spans = new Map<string, [number, number][]>();
    for (const tenure of incident.roleHistory) {
      const from = Date.parse(tenure.since);
      const until = tenure.until ? Date.parse(tenure.until) : endMs;
      if (until > from) spans.set(tenure.person, [...(spans.get(tenure.person) ?? []), [from, until]]);
      involved.add(tenure.person);
    }
    for (const [person, list] of spans) tally(person).minutes += mergedMs(list) / MINUTE_MS;
    for (const person of involved) tally(person).incidents++;
  }

  const people = [...tallies].map(([person, t]): PersonLoad => ({
    person,
    pages: t.pages,
    incidents: t.incidents,
    outOfHoursPages: t.outOfHours,
    weekendPages: t.weekend,
    incidentMinutes: Math.round(t.minutes),
    pagesPerWeek: round(t.pages / weeks),
    incidentsPerWeek: round(t.incidents / weeks),
  }));
  people.sort((a, b) => b.pages - a.pages || b.incidentMinutes - a.incidentMinutes || a.person.localeCompare(b.person));
  const members = new Set(resolver?.config.rotations.flatMap((r) => r.members) ?? people.map((p) => p.person));
  const ranked = people.filter((p) => members.has(p.person));
  const spread =
    ranked.length > 1
      ? {
          most: ranked[0].person,
          least: ranked[ranked.length - 1].person,
          pagesPerWeek: round(ranked[0].pagesPerWeek - ranked[ranked.length - 1].pagesPerWeek),
        }
      : undefined;
  return {
    from: new Date(fromMs).toISOString(),
    to: options.now.toISOString(),
    weeks: round(weeks),
    people,
    ...(spread ? { spread } : {}),
    pagesPerWeekLimit: limit,
    overloaded: people.filter((p) => p.pagesPerWeek > limit),
    drillsLeftOut,
    unrotatedPages,
  };
}

function mergedMs(spans: [number, number][]): number {
  spans.sort((a, b) => a[0] - b[0]);
  let total = 0;
  let [start, end] = spans[0];
  for (const [from, until] of spans.slice(1)) {
    if (from > end) {
      total += end - start;
      start = from;
    }
    end = Math.max(end, until);
  }
  return total + end - start;
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}

/**
 * The on-call load as rows of the dashboard's long CSV (section, group, measure, value): one row per
 * figure per person, the person prefixed with the folder when there are several.
 */
export function loadCsvRows(loads: readonly FolderLoad[]): (string | number)[][] {
  const rows: (string | number)[][] = [];
  for (const { folder, rotation, load } of loads) {
    const group = (name: string) => (loads.length > 1 ? `${folder}/${name}` : name);
    rows.push(
      ['oncall', group('all'), 'rotation_file', rotation ? 1 : 0],
      ['oncall', group('all'), 'pages_per_week_limit', load.pagesPerWeekLimit],
    );
    rows.push(['oncall', group('all'), 'unrotated_pages', load.unrotatedPages]);
    if (load.spread) rows.push(['oncall', group('all'), 'spread_pages_per_week', load.spread.pagesPerWeek]);
    const over = new Set(load.overloaded.map((p) => p.person));
    for (const p of load.people) {
      const g = group(p.person);
      rows.push(['oncall', g, 'pages', p.pages], ['oncall', g, 'pages_per_week', p.pagesPerWeek]);
      rows.push(['oncall', g, 'out_of_hours_pages', p.outOfHoursPages], ['oncall', g, 'weekend_pages', p.weekendPages]);
      rows.push(['oncall', g, 'incidents', p.incidents], ['oncall', g, 'incidents_per_week', p.incidentsPerWeek]);
      rows.push(['oncall', g, 'incident_minutes', p.incidentMinutes], ['oncall', g, 'over_limit', over.has(p.person) ? 1 : 0]);
    }
  }
  return rows;
}

/** One person's row of the load table, as the CLI, the Markdown export and the dashboard show it. */
export function loadCells(p: PersonLoad): string[] {
  return [
    p.person,
    String(p.pages),
    String(p.pagesPerWeek),
    String(p.outOfHoursPages),
    String(p.weekendPages),
    String(p.incidents),
    String(p.incidentsPerWeek),
    hours(p.incidentMinutes),
  ];
}
