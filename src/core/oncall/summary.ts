// Who is on call, as the palette command, the tree and `warroom oncall` show it: per service, each
// layer's holder with who follows, and the escalation path with its people named.

import { escalationAt, OncallResolver, ResolvedLevel } from './resolve';
import { OnCallShift, UnreadableRotation } from './model';
import { mergeOncallSources } from './pagerduty';
import { markdownCell } from '../learning/metricsExport';
import { FolderLoad, loadCells, OncallLoad } from './load';
import { count } from '../text/count';

export interface LayerNow {
  readonly shift: OnCallShift;
  /** Who takes over at `shift.until` ("hand off to next"). */
  readonly next?: OnCallShift;
}

export interface ServiceOnCall {
  readonly service: string;
  readonly layers: readonly LayerNow[];
  readonly escalation: readonly ResolvedLevel[];
  /** Rotations for the service the file could not read: a layer no one is shown in because of an error. */
  readonly unreadable?: readonly UnreadableRotation[];
}

export function onCallSummary(resolver: OncallResolver, at: Date, service?: string): ServiceOnCall[] {
  const ms = at.getTime();
  const services = service === undefined ? resolver.services() : [service];
  return services.map((s) => ({
    service: s,
    layers: resolver.onCallAt(s, ms).map((shift) => {
      const next = resolver.nextOnCall(s, shift.layer, ms);
      return { shift, ...(next ? { next } : {}) };
    }),
    escalation: escalationAt(resolver, s, ms),
    ...unreadableOf(resolver, s),
  }));
}

function unreadableOf(resolver: OncallResolver, service: string): { unreadable?: UnreadableRotation[] } {
  const unreadable = resolver.unreadableFor(service);
  return unreadable.length ? { unreadable } : {};
}

/** A service's layers as shown, primary first: who holds each, or the rotation that could not be read. */
export type LayerRow = { readonly layer: string } & ({ readonly held: LayerNow } | { readonly unreadable: UnreadableRotation });

export function layerRows(s: ServiceOnCall): LayerRow[] {
  const rows: LayerRow[] = [
    ...s.layers.map((held) => ({ layer: held.shift.layer, held })),
    ...(s.unreadable ?? []).map((unreadable) => ({ layer: unreadable.layer ?? '?', unreadable })),
  ];
  const order = (layer: string) => (layer === 'primary' ? 0 : 1);
  return rows.sort((a, b) => order(a.layer) - order(b.layer));
}

/** `rotation "checkout-primary" (line 4) has an error`: why a layer shows no one. */
export function unreadableText(r: UnreadableRotation): string {
  return `rotation "${r.id}"${r.position ? ` (line ${r.position.line})` : ''} has an error`;
}

/**
 * The rotation file's answer with PagerDuty's (from /oncalls) added for the services the file does not
 * name; where both name a service the file wins, and a note says so. Services sorted by name.
 */
export function withPagerDuty(
  summary: readonly ServiceOnCall[],
  pagerduty: readonly OnCallShift[],
  at: Date,
  service?: string,
): { readonly summary: ServiceOnCall[]; readonly notes: string[] } {
  const wanted = service === undefined ? pagerduty : pagerduty.filter((s) => s.service === service);
  const merged = mergeOncallSources(
    [],
    wanted,
    at,
    summary.map((s) => s.service),
  );
  const added = new Map<string, OnCallShift[]>();
  for (const shift of merged.shifts) added.set(shift.service, [...(added.get(shift.service) ?? []), shift]);
  const layerOrder = (s: OnCallShift) => (s.layer === 'primary' ? 0 : 1);
  const fromPagerDuty = [...added].map(([name, shifts]) => ({
    service: name,
    layers: [...shifts].sort((a, b) => layerOrder(a) - layerOrder(b)).map((shift) => ({ shift })),
    escalation: [],
  }));
  return {
    summary: [...summary, ...fromPagerDuty].sort((a, b) => (a.service < b.service ? -1 : a.service > b.service ? 1 : 0)),
    notes: [...merged.notes],
  };
}

export function onCallText(summary: readonly ServiceOnCall[], at: Date): string {
  const lines = [`On call at ${at.toISOString()}`];
  for (const s of summary) {
    lines.push('', s.service);
    if (!s.layers.length && !s.unreadable?.length) lines.push('  no one on call');
    for (const row of layerRows(s)) {
      if ('unreadable' in row) {
        lines.push(`  ${row.layer.padEnd(9)}  no one shown: ${unreadableText(row.unreadable)}`);
        continue;
      }
      const { shift, next } = row.held;
      const until = shift.until ? ` until ${shift.until}` : '';
      const from = shift.source === 'pagerduty' ? `PagerDuty: ${shift.rotation}` : shift.rotation;
      lines.push(
        `  ${shift.layer.padEnd(9)}  ${shift.person}${shift.override ? ' (override)' : ''}${until}${next ? ` · next: ${next.person}` : ''}  [${from}]`,
      );
    }
    if (s.escalation.length) {
      const levels = s.escalation.map((l) => `${l.afterMinutes}m ${l.people.join(', ') || '(no one)'}`);
      lines.push(`  escalation: ${levels.join(' -> ')}`);
    }
  }
  return lines.join('\n');
}

export function loadText(load: OncallLoad): string {
  const header = ['person', 'pages', '/week', 'out of hours', 'weekend', 'incidents', '/week', 'in incidents'];
  const rows = load.people.map(loadCells);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i]))
      .join('  ')
      .trimEnd();
  const drills = load.drillsLeftOut ? `; ${count(load.drillsLeftOut, 'drill')} left out` : '';
  const out = [
    `On-call load ${load.from.slice(0, 10)} to ${load.to.slice(0, 10)} (${load.weeks} weeks${drills})`,
    '',
    line(header),
    ...rows.map(line),
  ];
  if (load.spread) {
    out.push('', `Fairness: ${load.spread.most} is paged ${load.spread.pagesPerWeek} more a week than ${load.spread.least}`);
  }
  if (load.unrotatedPages) out.push(`${count(load.unrotatedPages, 'page')} no rotation covered went to whoever declared the incident`);
  out.push(
    load.overloaded.length
      ? `Over ${load.pagesPerWeekLimit} pages a week: ${load.overloaded.map((p) => `${p.person} (${p.pagesPerWeek}/week, ${p.outOfHoursPages} out of hours, ${p.weekendPages} at weekends)`).join('; ')}`
      : `No one over ${load.pagesPerWeekLimit} pages a week`,
  );
  return out.join('\n');
}

/** The dashboard export's on-call section: per folder, the table, the fairness spread and who is over the limit. */
export function loadMarkdown(loads: readonly FolderLoad[]): string {
  const lines = ['## On-call load', ''];
  if (!loads.length) lines.push('No incidents and no rotation file.', '');
  for (const { folder, rotation, load } of loads) {
    if (loads.length > 1) lines.push(`### ${markdownCell(folder)}`, '');
    if (!rotation) lines.push('No rotation file (`.warroom/oncall.yaml`): each page counts for whoever declared the incident.', '');
    const header = ['Person', 'Pages', 'Pages a week', 'Out of hours', 'Weekend', 'Incidents', 'Incidents a week', 'In incidents'];
    lines.push(`| ${header.join(' | ')} |`, `|${header.map(() => ' --- ').join('|')}|`);
    for (const p of load.people) {
      const [person, ...figures] = loadCells(p);
      const row = [markdownCell(person), ...figures];
      lines.push(`| ${row.join(' | ')} |`);
    }
    lines.push('');
    if (load.spread) {
      lines.push(
        `Fairness: ${markdownCell(load.spread.most)} is paged ${load.spread.pagesPerWeek} more a week than ${markdownCell(load.spread.least)}.`,
        '',
      );
    }
    if (load.unrotatedPages)
      lines.push(`${count(load.unrotatedPages, 'page')} no rotation covered went to whoever declared the incident.`, '');
    lines.push(
      load.overloaded.length
        ? `Over ${load.pagesPerWeekLimit} pages a week: ${load.overloaded.map((p) => `${markdownCell(p.person)} (${p.pagesPerWeek} a week, ${p.outOfHoursPages} out of hours, ${p.weekendPages} at weekends)`).join('; ')}.`
        : `No one over ${load.pagesPerWeekLimit} pages a week.`,
      '',
    );
  }
  return lines.join('\n');
}
