import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { IncidentEvent } from '../../../src/core/events';
import { DrillClock, replayInjects, scoreDrillAt } from '../../../src/core/drills/run';
import { parseScenario, Scenario } from '../../../src/core/drills/scenario';
import { drillEndMs, PausableClock } from '../../../src/core/drills/session';
import { repoRoot } from '../runbooks/paths';

const MIN = 60_000;

function poolCut(): Scenario {
  const file = 'drills/db-pool-cut.drill.yaml';
  const { scenario } = parseScenario(fs.readFileSync(path.join(repoRoot, file), 'utf8'), file);
  assert.ok(scenario);
  return scenario;
}

/** A clock moved by hand: sleepers wake when `advance` passes their time. */
function handClock(): DrillClock & { advance(ms: number): Promise<void> } {
  let now = 0;
  const sleepers: { until: number; wake: () => void }[] = [];
  const settle = () => new Promise<void>((resolve) => setImmediate(resolve));
  return {
    now: () => now,
    sleep: (ms) => new Promise<void>((wake) => sleepers.push({ until: now + ms, wake })),
    async advance(ms) {
      now += ms;
      for (const s of sleepers.filter((s) => s.until <= now)) {
        sleepers.splice(sleepers.indexOf(s), 1);
        s.wake();
      }
      for (let i = 0; i < 5; i++) await settle();
    },
  };
}

describe('a running drill: pause, stop, end and scoring', () => {
  it('ends after the last inject and the last deadline', () => {
    // Injects up to T+6m, deadlines up to T+20m.
    assert.equal(drillEndMs(poolCut()), 20 * MIN);
  });

  it('holds scenario time while paused and delivers the next inject only after resuming', async () => {
    const base = handClock();
    const clock = new PausableClock(base);
    const seen: string[] = [];
    const replay = replayInjects(
      poolCut(),
      10,
      clock,
      (inject) => void seen.push(`${clock.now() / 1000}s ${inject.kind}`),
      () => clock.isEnded,
    );
    await base.advance(0);
    assert.deepEqual(seen, ['0s deploy']);
    await base.advance(5_000);
    clock.pause();
    assert.equal(clock.paused, true);
    await base.advance(60_000);
    assert.equal(clock.now(), 5_000, 'a minute paused adds nothing');
    assert.deepEqual(seen, ['0s deploy']);
    clock.resume();
    await base.advance(7_000);
    // T+2m at 10x is 12 s of running time: 5 s before the pause and 7 s after.
    assert.deepEqual(seen, ['0s deploy', '12s alert']);
    clock.end();
    assert.equal(await replay, 2, 'stopping releases the replay before the later injects');
  });

  it('scores on the times the drill clock gave each event, paused stretches left out', () => {
    const scenario = poolCut();
    const events = [
      { id: 'a', ts: '2026-12-04T10:00:00Z', type: 'declared', author: 'ana', drill: true },
      { id: 'b', ts: '2026-12-04T10:09:00Z', type: 'role_assigned', author: 'ana', role: 'commander', person: 'ana' },
      { id: 'c', ts: '2026-12-04T10:10:00Z', type: 'entry', author: 'ana', kind: 'comms', text: 'Degraded' },
      { id: 'd', ts: '2026-12-04T10:11:00Z', type: 'entry', author: 'ana', kind: 'comms', text: 'Still degraded' },
    ] as unknown as IncidentEvent[];
    const at: Record<string, number> = { a: 4 * MIN, b: 9 * MIN, c: 14 * MIN, d: 15 * MIN };
    const results = scoreDrillAt(scenario, events, (e) => at[e.id]);
    assert.deepEqual(
      results.map((r) => [r.action, r.tookMs === undefined ? '-' : r.tookMs / MIN, r.met]),
      [
        ['declare', 4, true],
        ['commander', 9, false],
        ['runbook', '-', false],
        ['cause', '-', false],
        ['status_update', 14, true],
      ],
    );
  });
});
