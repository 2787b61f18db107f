// Who is on call at an instant: rotation arithmetic in the rotation's own time zone (a weekly
// rotation handing off at 09:00 Berlin lasts 167 hours across the March change), overrides on top.

import { Layer, LAYERS, OncallConfig, OnCallShift, Override, Rotation, UnreadableRotation } from './model';
import { zonedToInstant, ZonedInstant, zoneOffsetMinutes } from './zone';

const DAY_MS = 86_400_000;

/** Shorter than this, a shift holds at most one clock change of its zone. */
const SHORT_SHIFT_MS = 60 * DAY_MS;

/** YYYY-MM-DD plus HH:MM as a wall time written as if it were UTC, `days` later. */
export function localWallMs(date: string, time: string, days = 0): number {
  const [y, m, d] = date.split('-').map(Number);
  const [hh, mm] = time.split(':').map(Number);
  return Date.UTC(y, m - 1, d + days, hh, mm);
}

/** One layer's holder, times in ms (`untilMs` Infinity when the rotation never ends). */
export interface Holder {
  readonly layer: Layer;
  readonly person: string;
  readonly rotation: string;
  readonly fromMs: number;
  readonly untilMs: number;
  readonly override: boolean;
  readonly clock: RotationClock;
}

interface TimedOverride {
  readonly from: number;
  readonly to: number;
  readonly override: Override;
}

export interface Shift {
  readonly index: number;
  readonly person: string;
  readonly from: number;
  readonly until: number;
}

/** One rotation's shifts, each computed once (a year of hourly questions asks about 52 of them). */
export class RotationClock {
  private readonly starts = new Map<number, ZonedInstant>();
  private readonly firstMs: number;
  private last: Shift | undefined;
  /** The resolver's last answer for this rotation (overrides applied), reused while it holds. */
  held: Holder | undefined;
  /** When the rotation ends (its last hand-off), Infinity when it does not. */
  readonly endMs: number;

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

  /**
   * The zone's offset (minutes) at an instant, read from the shift starts either side when they
   * agree (no change in between), so a year of pages asks Intl only around the two changes.
   */
  offsetAt(ms: number): number {
    const shift = this.shiftAt(ms);
    // The same offset at both ends of a shift shorter than two months holds throughout it (no zone
    // changes its clock twice in that time); a longer shift can span a summer between two winters.
    if (shift && shift.until - shift.from < SHORT_SHIFT_MS) {
      const before = this.startOffset(shift.index);
      if (before !== undefined && before === this.startOffset(shift.index + 1)) return before;
    }
    return zoneOffsetMinutes(this.rotation.timeZone, ms);
  }

  private startOffset(index: number): number | undefined {
    const r = this.rotation;
    const start = this.shiftStart(index);
    return start.gap ? undefined : (localWallMs(r.start, r.handoff, index * r.lengthDays) - start.ms) / 60_000;
  }

  /** The shift holding an instant, or undefined before the first hand-off and after the end. */
  shiftAt(ms: number): Shift | undefined {
    if (ms < this.firstMs || ms >= this.endMs || !this.rotation.members.length) {
      return undefined;
    }
    // Questions come in time order (a sweep over a year): most fall in the shift asked about last.
    const last = this.last;
    if (last && last.from <= ms && ms < last.until) return last;
    // A guess from the UTC length, corrected by at most a step across a DST change.
    let index = Math.floor((ms - this.firstMs) / (this.rotation.lengthDays * DAY_MS));
    while (index > 0 && this.shiftStart(index).ms > ms) index--;
    while (this.shiftStart(index + 1).ms <= ms) index++;
    const members = this.rotation.members;
    this.last = {
      index,
      person: members[index % members.length],
      from: this.shiftStart(index).ms,
      until: Math.min(this.shiftStart(index + 1).ms, this.endMs),
    };
    return this.last;
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
    for (const service of [...config.escalation.map((p) => p.service), ...(config.unreadable ?? []).flatMap((r) => r.services)]) {
      if (!this.byService.has(service)) this.byService.set(service, []);
    }
  }

  /** Rotations for a service that the file names but could not read (each has its error). */
  unreadableFor(service: string): UnreadableRotation[] {
    return (this.config.unreadable ?? []).filter((r) => r.services.includes(service));
  }

  /** Every service the file names (rotations, also unreadable ones, and escalation paths), sorted. */
  services(): string[] {
    return [...this.byService.keys()].sort();
  }

  clock(rotationId: string): RotationClock | undefined {
    return this.clocks.find((c) => c.rotation.id === rotationId);
  }

  /** Who holds each layer of a service at an instant; a layer no one holds is left out. */
  onCallAt(service: string, ms: number): OnCallShift[] {
    return this.holdersAt(service, ms).map((h) => ({
      service,
      layer: h.layer,
      person: h.person,
      rotation: h.rotation,
      from: iso(h.fromMs),
      ...(Number.isFinite(h.untilMs) ? { until: iso(h.untilMs) } : {}),
      override: h.override,
      source: 'file',
    }));
  }

  /**
   * The same answer with times as numbers, for questions asked by the thousand (coverage over a
   * year, load over every page): formatting the times costs more than finding the holder.
   */
  holdersAt(service: string, ms: number): Holder[] {
    const out: Holder[] = [];
    for (const clock of this.byService.get(service) ?? []) {
      const layer = clock.rotation.layer;
      if (out.some((h) => h.layer === layer)) continue;
      const holder = this.rotationAt(clock, ms);
      if (holder) out.push(holder);
    }
    return out.length > 1 ? out.sort((a, b) => LAYERS.indexOf(a.layer) - LAYERS.indexOf(b.layer)) : out;
  }

  /** Who a rotation has on call at an instant, overrides applied. */
  rotationAt(clock: RotationClock, ms: number): Holder | undefined {
    const held = clock.held;
    if (held && held.fromMs <= ms && ms < held.untilMs) return held;
    const { id, layer } = clock.rotation;
    const overrides = this.overrides.get(id);
    if (overrides) {
      // Where overrides overlap, the one written first holds the overlap (the file check warns of it).
      const at = overrides.findIndex((t) => t.from <= ms && ms < t.to);
      if (at >= 0) {
        const o = overrides[at];
        let fromMs = o.from;
        let untilMs = o.to;
        // Its hold, remembered for the next question, ends where one written before it takes over.
        for (let i = 0; i < at; i++) {
          const t = overrides[i];
          if (t.to <= ms && t.to > fromMs) fromMs = t.to;
          if (t.from > ms && t.from < untilMs) untilMs = t.from;
        }
        return (clock.held = { layer, person: o.override.who, rotation: id, fromMs, untilMs, override: true, clock });
      }
    }
    const shift = clock.shiftAt(ms);
    if (!shift) return undefined;
    let fromMs = shift.from;
    let untilMs = shift.until;
    // The turn starts late where an override ended inside it, and ends early where one starts.
    for (const t of overrides ?? []) {
      if (t.to <= ms && t.to > fromMs) fromMs = t.to;
      if (t.from > ms && t.from < untilMs) untilMs = t.from;
    }
    return (clock.held = { layer, person: shift.person, rotation: id, fromMs, untilMs, override: false, clock });
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
