// What is wrong with a rotation file beyond its syntax: hours when a service has no one on call,
// overrides that cover the same rotation twice, people outside the roster, hand-offs that fall in
// a DST gap (the clock skips them; the shift starts later than written).

import { SourcePosition } from '../runbooks/model';
import { LAYERS, OncallConfig, OncallProblem } from './model';
import { iso, OncallResolver } from './resolve';

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;
/** Past this many, more of the same kind tell a reader nothing new. */
const MAX_PER_KIND = 10;

export interface ProblemWindow {
  readonly from: Date;
  /** How far ahead gaps and hand-offs are looked for. */
  readonly days: number;
}

export function oncallProblems(config: OncallConfig, file: string, window: ProblemWindow): OncallProblem[] {
  const problems: OncallProblem[] = [];
  const at = (position: SourcePosition | undefined, message: string, severity: OncallProblem['severity'] = 'warning') =>
    problems.push({ file, line: position?.line ?? 1, column: position?.column ?? 1, message, severity });
  const resolver = new OncallResolver(config);

  const roster = config.people ? new Set(config.people) : undefined;
  if (roster) {
    for (const r of config.rotations) {
      for (const m of r.members.filter((m) => !roster.has(m))) {
        at(r.position, `rotation "${r.id}": "${m}" is not in people`);
      }
    }
    for (const o of config.overrides.filter((o) => !roster.has(o.who))) {
      at(o.position, `override: "${o.who}" is not in people`);
    }
  }
  // A rotation left out for its own error has that error; its overrides and layers are not blamed again.
  const unreadable = config.unreadable ?? [];
  const rotationIds = new Set([...config.rotations, ...unreadable].map((r) => r.id));
  for (const o of config.overrides.filter((o) => !rotationIds.has(o.rotation))) {
    at(o.position, `override: no rotation "${o.rotation}"`, 'error');
  }
  for (const path of config.escalation) {
    for (const level of path.levels) {
      for (const target of level.notify) {
        const isLayer = (LAYERS as readonly string[]).includes(target);
        const covers = (r: { layer?: string; services: readonly string[] }) => r.layer === target && r.services.includes(path.service);
        if (isLayer && !config.rotations.some(covers) && !unreadable.some(covers)) {
          at(level.position, `escalation for "${path.service}": no ${target} rotation covers it`);
        } else if (!isLayer && roster && !roster.has(target)) {
          at(level.position, `escalation for "${path.service}": "${target}" is not in people`);
        }
      }
    }
  }

  const byRotation = new Map<string, { from: number; to: number; position?: SourcePosition }[]>();
  for (const o of config.overrides) {
    const list = byRotation.get(o.rotation) ?? [];
    const from = Date.parse(o.from);
    const to = Date.parse(o.to);
    const clash = list.find((p) => p.from < to && from < p.to);
    if (clash) {
      at(
        o.position,
        `override overlaps the one at line ${clash.position?.line ?? '?'} on rotation "${o.rotation}", which holds the overlap (written first)`,
      );
    }
    list.push({ from, to, position: o.position });
    byRotation.set(o.rotation, list);
  }

  const start = window.from.getTime();
  const end = start + window.days * DAY_MS;
  for (const r of config.rotations) {
    const clock = resolver.clock(r.id)!;
    let reported = 0;
    const first = clock.shiftAt(start)?.index ?? 0;
    for (let i = first; reported < MAX_PER_KIND; i++) {
      const shift = clock.shiftStart(i);
      // Hand-offs after a rotation's end never happen.
      if (shift.ms >= end || shift.ms >= clock.endMs) break;
      if (shift.gap && shift.ms >= start) {
        at(
          r.position,
          `rotation "${r.id}": the hand-off at ${r.handoff} on shift ${i + 1} falls in a DST gap in ${r.timeZone}; it happens at ${iso(shift.ms)}`,
        );
        reported++;
      }
    }
  }

  // Hour by hour, merged into spans: "no one on call for checkout from ... to ...".
  const firstHour = Math.ceil(start / HOUR_MS) * HOUR_MS;
  // A service with a rotation left out for an error has no one in that layer, which its error says.
  for (const service of resolver.services().filter((s) => !resolver.unreadableFor(s).length)) {
    const spans: [number, number][] = [];
    for (let h = firstHour; h < end && spans.length <= MAX_PER_KIND; h += HOUR_MS) {
      if (resolver.holdersAt(service, h).length) continue;
      const last = spans[spans.length - 1];
      if (last && last[1] === h) last[1] = h + HOUR_MS;
      else spans.push([h, h + HOUR_MS]);
    }
    const position =
      config.rotations.find((r) => r.services.includes(service))?.position ??
      config.escalation.find((p) => p.service === service)?.position;
    for (const [from, to] of spans.slice(0, MAX_PER_KIND)) {
      at(position, `no one on call for "${service}" from ${iso(from)} to ${iso(to)} (${Math.round((to - from) / HOUR_MS)} h)`);
    }
  }
  return problems.sort((a, b) => a.line - b.line || a.column - b.column);
}
