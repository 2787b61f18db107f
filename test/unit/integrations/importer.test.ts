// Importing PagerDuty log entries on two machines (two clones of the data dir) and merging them the
// way git's union merge does: each fact once, and a re-sync writes nothing.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { writeImports } from '../../../src/adapters/alerts/importer';
import { FileIncidentStore } from '../../../src/adapters/store/fileStore';
import { foldIncidentAlerts, planLogImport } from '../../../src/core/alerts/alertEvents';
import { parsePagerDutyLogEntries } from '../../../src/core/alerts/pagerduty';
import { EntryEvent } from '../../../src/core/events';
import { milestonesOf } from '../../../src/core/learning/milestones';
import { payload } from '../alerts/payloads';
import { useTempDir } from '../../support/tempDir';

describe('alerts: importing into the store', () => {
  const tmp = useTempDir();
  const entries = parsePagerDutyLogEntries(payload('warroom__pagerduty__log_entries.json')).entries;

  it('writes each fact once across re-syncs and across two teammates, with the source times', async () => {
    const alice = new FileIncidentStore(path.join(tmp(), 'alice'));
    const id = await alice.declare(
      {
        type: 'declared',
        title: 'Checkout',
        severity: 'SEV1',
        urgency: 'high',
        service: 'checkout',
        startedAt: '2026-04-01T02:00:00Z',
        detectedAt: '2026-04-01T02:07:30Z',
      },
      'alice',
    );
    // Bob's clone: the same incident folder, as a pull brings it.
    fs.cpSync(path.join(tmp(), 'alice'), path.join(tmp(), 'bob'), { recursive: true });
    const bob = new FileIncidentStore(path.join(tmp(), 'bob'));
    for (const [store, who] of [
      [alice, 'alice'],
      [bob, 'bob'],
    ] as const) {
      const incident = (await store.loadAll()).incidents[0].incident;
      assert.equal(await writeImports(store, id, planLogImport(incident, 'Q3B15VLMF3ASBD', entries), who), 6);
      const again = (await store.loadAll()).incidents[0].incident;
      assert.equal(await writeImports(store, id, planLogImport(again, 'Q3B15VLMF3ASBD', entries), who), 0, 're-sync writes nothing');
    }
    // git's union merge: both sides' lines in one file.
    const merged = path.join(tmp(), 'merged');
    fs.cpSync(path.join(tmp(), 'alice'), merged, { recursive: true });
    fs.appendFileSync(path.join(merged, id, 'events.jsonl'), fs.readFileSync(path.join(tmp(), 'bob', id, 'events.jsonl'), 'utf8'));
    const incident = (await new FileIncidentStore(merged).loadAll()).incidents[0].incident;
    const activity = foldIncidentAlerts(incident.events).activity;
    assert.equal(activity.length, 5);
    assert.equal(incident.events.filter((e) => e.type === 'alert_activity').length, 5);
    assert.equal(activity.find((a) => a.kind === 'acknowledge')?.ts, '2026-04-01T02:10:01.000Z');
    assert.equal(milestonesOf(incident).values.acknowledged?.source, 'pagerduty');
  });

  it('refuses an event id that is not one', async () => {
    const store = new FileIncidentStore(path.join(tmp(), 'd'));
    const id = await store.declare(
      {
        type: 'declared',
        title: 'x',
        severity: 'SEV4',
        urgency: 'low',
        service: '',
        startedAt: '2026-04-01T02:00:00Z',
        detectedAt: '2026-04-01T02:00:00Z',
      },
      'a',
    );
    await assert.rejects(
      store.append<EntryEvent>(id, { type: 'entry', kind: 'note', text: 'x' }, 'a', new Date(), '../x'),
      /"\.\.\/x" is not an event id/,
    );
  });
});
