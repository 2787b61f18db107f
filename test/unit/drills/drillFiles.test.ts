import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { earlierRuns, readScenario, writeScoreSheet } from '../../../src/adapters/drills/drillFiles';
import { DrillRun, scoreSheet } from '../../../src/core/drills/run';
import { useTempDir } from '../../support/tempDir';
import { repoRoot } from '../runbooks/paths';

const run = (startedAt: string): DrillRun => ({
  scenario: 'drills/db-pool-cut.drill.yaml',
  title: 'Checkout database pool cut',
  startedAt,
  speed: 10,
  results: [{ action: 'declare', withinMs: 300_000, tookMs: 60_000, met: true }],
});

describe('drill files: scenarios read, score sheets written beside the reviews', () => {
  const tmp = useTempDir();

  it('reads a shipped scenario and names a missing one', () => {
    const file = path.join(repoRoot, 'drills', 'db-pool-cut.drill.yaml');
    assert.equal(readScenario(file, 'drills/db-pool-cut.drill.yaml').scenario?.title, 'Checkout database pool cut');
    assert.ok(readScenario(path.join(tmp(), 'nope.drill.yaml'), 'nope.drill.yaml').problem);
  });

  it('never overwrites a sheet, and reads back only score sheets as earlier runs', () => {
    const dir = path.join(tmp(), 'docs', 'incidents');
    const first = writeScoreSheet(dir, run('2026-12-04T10:00:00.000Z'), scoreSheet(run('2026-12-04T10:00:00.000Z'), []));
    const second = writeScoreSheet(dir, run('2026-12-04T10:00:30.000Z'), scoreSheet(run('2026-12-04T10:00:30.000Z'), []));
    assert.deepEqual(
      [path.basename(first), path.basename(second)],
      ['drill-db-pool-cut-20261204-1000.md', 'drill-db-pool-cut-20261204-1000-2.md'],
    );
    fs.writeFileSync(path.join(dir, 'drill-notes.md'), '# not a score sheet\n');
    fs.writeFileSync(path.join(dir, '2026-12-01-checkout.md'), '# a review\n');
    assert.deepEqual(
      earlierRuns(dir).map((r) => r.startedAt),
      ['2026-12-04T10:00:00.000Z', '2026-12-04T10:00:30.000Z'],
    );
    assert.deepEqual(earlierRuns(path.join(tmp(), 'missing')), []);
  });
});
