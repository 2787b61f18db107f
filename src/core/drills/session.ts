// A running drill's clock: scenario time stands still while the drill is paused, and a stop wakes
// whatever waits on it. Built over an injected clock, so tests drive it by hand.

import { DrillClock } from './run';
import type { Scenario } from './scenario';

/** When a drill is over by itself: its last inject has come and its last deadline has passed (scenario time). */
export function drillEndMs(scenario: Scenario): number {
  return Math.max(0, ...scenario.injects.map((i) => i.atMs), ...scenario.expect.map((e) => e.withinMs));
}

/**
 * Running time since the start (real ms, paused stretches left out) over a base clock. `sleep`
 * waits that much running time: a pause holds it, `end()` releases every sleeper at once.
 */
export class PausableClock implements DrillClock {
  private runBefore = 0;
  /** Base time the current running stretch began; undefined while paused or ended. */
  private since: number | undefined;
  private ended = false;
  private readonly sleepers = new Set<() => void>();

  constructor(private readonly base: DrillClock) {
    this.since = base.now();
  }

  now(): number {
    return this.runBefore + (this.since === undefined ? 0 : this.base.now() - this.since);
  }

  get paused(): boolean {
    return this.since === undefined && !this.ended;
  }

  get isEnded(): boolean {
    return this.ended;
  }

  pause(): void {
    if (this.since === undefined) return;
    this.runBefore = this.now();
    this.since = undefined;
    this.wake();
  }

  resume(): void {
    if (this.since !== undefined || this.ended) return;
    this.since = this.base.now();
    this.wake();
  }

  /** Stops time for good; every sleep returns. */
  end(): void {
    this.pause();
    this.ended = true;
    this.wake();
  }

  async sleep(ms: number): Promise<void> {
    const until = this.now() + ms;
    while (!this.ended) {
      const left = until - this.now();
      if (left <= 0) return;
      let woken!: () => void;
      const nudge = new Promise<void>((resolve) => (woken = resolve));
      this.sleepers.add(woken);
      try {
        await (this.since === undefined ? nudge : Promise.race([this.base.sleep(left), nudge]));
      } finally {
        this.sleepers.delete(woken);
      }
    }
  }

  private wake(): void {
    const all = [...this.sleepers];
    this.sleepers.clear();
    for (const w of all) w();
  }
}
