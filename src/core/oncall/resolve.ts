// Who is on call at an instant: rotation arithmetic in the rotation's own time zone (a weekly
// rotation handing off at 09:00 Berlin lasts 167 hours across the March change), overrides on top.

import { Layer, LAYERS, OncallConfig, OnCallShift, Override, Rotation } from './model';
import { zonedToInstant, ZonedInstant } from './zone';

const DAY_MS = 86_400_000;

/** YYYY-MM-DD plus HH:MM as a wall time written as if it were UTC, `days` later. */
export function localWallMs(date: string, time: string, days = 0): number {
  const [y, m, d] = date.split('-').map(Number);
  const [hh, mm] = time.split(':').map(Number);
  return Date.UTC(y, m - 1, d + days, hh, mm);
}

interface TimedOverride {
  readonly from: number;
  readonly to: number;
  readonly override: Override;
}

/** One rotation's shifts, each computed once (a year of hourly questions asks about 52 of them). */
export class RotationClock {
  private readonly starts = new Map<number, ZonedInstant>();
  private readonly firstMs: number;
  private readonly endMs: number;

  constructor(readonly rotation: Rotation) {
    this.firstMs = this.shiftStart(0).ms;
    this.endMs = rotation.end ? zonedToInstant(rotation.timeZone, localWallMs(rotation.end, rotation.handoff)).ms : Infinity;
  }

  shiftStart(index: number): ZonedInstant {
    let start = this.starts.get(index);
    if (!start) {
      const r = this.rotation;
      start = zonedToInstant(r.timeZone, localWallMs(r.start, r.handoff, index * r.lengthDays));
      this.starts.set(index, start);
    }
    return start;
  }

  /** The shift holding an instant, or undefined before the first hand-off and after the end. */
  shiftAt(ms: number): { index: number; person: string; from: number; until: number } | undefined {
    if (ms < this.firstMs || ms >= this.endMs || !this.rotation.members.length) {
      return undefined;
    }
    // A guess from the UTC length, corrected by at most a step across a DST change.
    let index = Math.floor((ms - this.firstMs) / (this.rotation.lengthDays * DAY_MS));
    while (index > 0 && this.shiftStart(index).ms > ms) index--;
    while (this.shiftStart(index + 1).ms <= ms) index++;
    const members = this.rotation.members;
    return {
      index,
      person: members[index % members.length],
      from: this.shiftStart(index).ms,
      until: Math.min(this.shiftStart(index + 1).ms, this.endMs),
    };
  }
}

export class OncallResolver {
  private readonly clocks: RotationClock[];
  private readonly overrides = new Map<string, TimedOverride[]>();
  private readonly byService = new Map<string, RotationClock[]>();

  constructor(readonly config: OncallConfig) {
    this.clocks = config.rotations.map((r) => new RotationClock(r));
    for (const o of config.overrides) {
      const list = this.overrides.get(o.rotation) ?? [];
      list.push({ from: Date.parse(o.from), to: Date.parse(o.to), override: o });
      this.overrides.set(o.rotation, list);
    }
    for (const clock of this.clocks) {
      for (const service of clock.rotation.services) {
        const list = this.byService.get(service) ?? [];
        list.push(clock);
        this.byService.set(service, list);
      }
    }
    for (const path of config.escalation) {
      if (!this.byService.has(path.service)) this.byService.set(path.service, []);
    }
  }

  /** Every service the file names (rotations and escalation paths), sorted. */
  services(): string[] {
    return [...this.byService.keys()].sort();
  }

  clock(rotationId: string): RotationClock | undefined {
    return this.clocks.find((c) => c.rotation.id === rotationId);
  }

  /** Who holds each layer of a service at an instant; a layer no one holds is left out. */
  onCallAt(service: string, ms: number): OnCallShift[] {
    const out: OnCallShift[] = [];
    const layers = new Set<Layer>();
    for (const clock of this.byService.get(service) ?? []) {
      const layer = clock.rotation.layer;
      if (layers.has(layer)) continue;
      const shift = this.rotationAt(clock, ms);
      if (shift) {
        layers.add(layer);
        out.push({ service, layer, ...shift });
      }
    }
    return out.sort((a, b) => a.layer.localeCompare(b.layer));
  }

  /** Who a rotation has on call at an instant, overrides applied. */
  rotationAt(clock: RotationClock, ms: number): Omit<OnCallShift, 'service' | 'layer'> | undefined {
    const id = clock.rotation.id;
    const overrides = this.overrides.get(id);
    if (overrides) {
      const o = overrides.find((t) => t.from <= ms && ms < t.to);
      if (o) {
        return { person: o.override.who, rotation: id, from: iso(o.from), until: iso(o.to), override: true, source: 'file' };
      }
    }
    const shift = clock.shiftAt(ms);
    if (!shift) return undefined;
    // The turn ends early where an override starts inside it.
    const cut = overrides?.reduce((min, t) => (t.from > ms && t.from < min ? t.from : min), shift.until) ?? shift.until;
    return {
      person: shift.person,
      rotation: id,
      from: iso(Math.max(shift.from, overrides?.reduce((max, t) => (t.to <= ms && t.to > max ? t.to : max), shift.from) ?? shift.from)),
      ...(Number.isFinite(cut) ? { until: iso(cut) } : {}),
      override: false,
      source: 'file',
    };
  }

  /** Who follows the current holder of a layer: the holder at the moment the current one hands off. */
  nextOnCall(service: string, layer: Layer, ms: number): OnCallShift | undefined {
    const now = this.onCallAt(service, ms).find((s) => s.layer === layer);
    if (!now?.until) return undefined;
    return this.onCallAt(service, Date.parse(now.until)).find((s) => s.layer === layer);
  }
}

export interface ResolvedLevel {
  readonly afterMinutes: number;
  /** The people this level pages: layers replaced by who holds them, in the order written. */
  readonly people: readonly string[];
  /** Layers no one holds at that instant. */
  readonly unheld: readonly Layer[];
}

/** A service's escalation path at an instant, each level's people named. */
export function escalationAt(resolver: OncallResolver, service: string, ms: number): ResolvedLevel[] {
  const path = resolver.config.escalation.find((p) => p.service === service);
  if (!path) return [];
  const holders = resolver.onCallAt(service, ms);
  return path.levels.map((level) => {
    const people: string[] = [];
    const unheld: Layer[] = [];
    for (const target of level.notify) {
      const layer = LAYERS.find((l) => l === target);
      const person = layer ? holders.find((h) => h.layer === layer)?.person : target;
      if (person === undefined) unheld.push(layer as Layer);
      else if (!people.includes(person)) people.push(person);
    }
    return { afterMinutes: level.afterMinutes, people, unheld };
  });
}

export function iso(ms: number): string {
  return new Date(ms).toISOString();
}
