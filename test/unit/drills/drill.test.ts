import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import { IncidentEvent } from '../../../src/core/events';
import { DrillClock, readScoreSheet, replayInjects, scoreDrillAt, scoreSheet, scoreSheetName } from '../../../src/core/drills/run';
import { parseScenario, Scenario } from '../../../src/core/drills/scenario';
import { checkSchema, Schema } from '../runbooks/schemaCheck';
import { repoRoot } from '../runbooks/paths';

const MIN = 60_000;
const schema = JSON.parse(fs.readFileSync(path.join(repoRoot, 'schemas/drill.schema.json'), 'utf8')) as Schema;
const examples = fs.readdirSync(path.join(repoRoot, 'drills')).filter((f) => f.endsWith('.drill.yaml'));

function poolCut(): Scenario {
  const file = 'drills/db-pool-cut.drill.yaml';
  const { scenario, problems } = parseScenario(fs.readFileSync(path.join(repoRoot, file), 'utf8'), file);
  assert.deepEqual(problems, []);
  assert.ok(scenario);
  return scenario;
}

/** Time moves only when the replay sleeps. */
function fakeClock(start: number): DrillClock & { slept: number[] } {
  let now = start;
  const slept: number[] = [];
  return {
    slept,
    now: () => now,
    sleep: (ms) => {
      slept.push(ms);
      now += ms;
      return Promise.resolve();
    },
  };
}

describe('game day scenarios and drills', () => {
  it('ships three example scenarios that parse and match the schema', () => {
    assert.deepEqual(examples.sort(), ['bad-feature-flag.drill.yaml', 'db-pool-cut.drill.yaml', 'dependency-outage.drill.yaml']);
    for (const file of examples) {
      const text = fs.readFileSync(path.join(repoRoot, 'drills', file), 'utf8');
      assert.deepEqual(parseScenario(text, file).problems, [], file);
      assert.deepEqual(checkSchema(parse(text), schema), [], `${file} against schemas/drill.schema.json`);
    }
  });

  it('replays injects at 10x on a fake clock: T+2m arrives 12 s after the start', async () => {
    const scenario = poolCut();
    const clock = fakeClock(Date.parse('2026-12-04T10:00:00Z'));
    const seen: string[] = [];
    const delivered = await replayInjects(scenario, 10, clock, (inject) => {
      seen.push(`${(clock.now() - Date.parse('2026-12-04T10:00:00Z')) / 1000}s ${inject.kind}`);
    });
    assert.equal(delivered, 4);
    // 0, 2, 3 and 6 minutes of scenario time at 10x: 0, 12, 18 and 36 seconds.
    assert.deepEqual(seen, ['0s deploy', '12s alert', '18s log', '36s message']);
    assert.deepEqual(clock.slept, [12_000, 6_000, 18_000]);
    let stop = false;
    const partial = await replayInjects(
      scenario,
      10,
      fakeClock(0),
      () => void (stop = true),
      () => stop,
    );
    assert.equal(partial, 1, 'stop ends the replay before the next inject');
  });

  it('scores each expected action in scenario time and writes a sheet that compares with earlier runs', () => {
    const scenario = poolCut();
    const start = Date.parse('2026-12-04T10:00:00Z');
    // Real seconds at 10x: 18 s = T+3m, 42 s = T+7m, 66 s = T+11m (late), 96 s = T+16m (late).
    const at = (seconds: number) => new Date(start + seconds * 1000).toISOString();
    const events = [
      { id: 'a', ts: at(18), type: 'declared', author: 'ana', drill: true },
      { id: 'b', ts: at(42), type: 'role_assigned', author: 'ana', role: 'commander', person: 'ana' },
      { id: 'c', ts: at(50), type: 'runbook_linked', author: 'ana', runbook: 'something-else' },
      { id: 'd', ts: at(66), type: 'runbook_linked', author: 'ana', runbook: 'checkout-db-pool-exhaustion' },
      { id: 'e', ts: at(96), type: 'entry', author: 'ana', kind: 'comms', text: 'Checkout degraded' },
    ] as unknown as IncidentEvent[];
    // At 10x, with no pause: scenario time is real time since the start, ten times over.
    const results = scoreDrillAt(scenario, events, (e) => (Date.parse(e.ts) - start) * 10);
    assert.deepEqual(
      results.map((r) => [r.action, r.tookMs === undefined ? '-' : r.tookMs / MIN, r.met]),
      [
        ['declare', 3, true],
        ['commander', 7, true],
        ['runbook', 11, false],
        ['cause', '-', false],
        ['status_update', 16, false],
      ],
    );
    const earlier = {
      scenario: scenario.file,
      title: scenario.title,
      startedAt: '2026-11-01T10:00:00.000Z',
      speed: 1,
      results: results.map((r) => ({ ...r, tookMs: r.tookMs === undefined ? undefined : r.tookMs + 2 * MIN })),
    };
    const run = {
      scenario: scenario.file,
      title: scenario.title,
      startedAt: new Date(start).toISOString(),
      speed: 10,
      incidentId: 'INC-1',
      results,
    };
    const sheet = scoreSheet(run, [readScoreSheet(scoreSheet(earlier, []))!]);
    assert.match(sheet, /^# Drill score: Checkout database pool cut$/m);
    assert.match(sheet, /^- Met 2 of 5 expected actions$/m);
    assert.match(sheet, /^\| runbook \(checkout-db-pool-exhaustion\) \| T\+10m \| T\+11m \| late \|$/m);
    assert.match(sheet, /^\| cause \| T\+20m \| - \| missed \|$/m);
    assert.match(
      sheet,
      /^## Missed\n\n- runbook \(checkout-db-pool-exhaustion\) by T\+10m \(took T\+11m\)\n- cause by T\+20m\n- status_update by T\+15m \(took T\+16m\)$/m,
    );
    assert.match(sheet, /^1 earlier run; the last on 2026-11-01T10:00:00.000Z\.$/m);
    assert.match(sheet, /^\| declare \| T\+3m \| T\+5m \| T\+5m \|$/m);
    assert.deepEqual(readScoreSheet(sheet), JSON.parse(JSON.stringify(run)));
    assert.equal(scoreSheetName(scenario.file, run.startedAt), 'drill-db-pool-cut-20261204-1000.md');
    assert.equal(readScoreSheet('# a review\n<!-- warroom-drill-score {"scenario": 1} -->'), undefined);
  });

  it('names the line of each mistake in a scenario', () => {
    const text = [
      'title: X',
      'service: api',
      'severity: SEV9',
      'injects:',
      '  - at: soon',
      '    kind: tweet',
      '    text: hi',
      'expect:',
      '  - action: panic',
      '    within: 5m',
      '',
    ].join('\n');
    assert.deepEqual(
      parseScenario(text, 'x.drill.yaml').problems.map((p) => `${p.line}:${p.column} ${p.message}`),
      [
        '3:11 "severity" must be SEV1 to SEV4 (got "SEV9")',
        '5:9 "at" must be a time after the start such as 5m (got "soon")',
        '6:11 "kind" must be one of alert, log, message, deploy (got "tweet")',
        '9:13 "action" must be one of declare, commander, runbook, cause, status_update (got "panic")',
      ],
    );
  });
});
