// On-call load on the reliability dashboard: the state carries each folder's load and the page
// accepts only a well-formed one; the Markdown export's section names who is over the limit.
import * as assert from 'node:assert/strict';
import { computeMetrics } from '../../../src/core/learning/metrics';
import { FolderLoad, oncallLoad } from '../../../src/core/oncall/load';
import { OncallResolver } from '../../../src/core/oncall/resolve';
import { loadMarkdown } from '../../../src/core/oncall/summary';
import { dashboardState, isDashboardState, parseDashboardHostMessage } from '../../../src/protocol/dashboard';
import { LOAD_CONFIG, LOAD_HISTORY, LOAD_NOW } from './loadHistory';

describe('on-call load on the reliability dashboard', () => {
  const metrics = computeMetrics(LOAD_HISTORY, { now: LOAD_NOW, days: 28 });
  const load = oncallLoad(LOAD_HISTORY, { now: LOAD_NOW, days: 28, resolver: new OncallResolver(LOAD_CONFIG), pagesPerWeekLimit: 0.5 });
  const folder: FolderLoad = { folder: 'shop', rotation: true, load };
  const state = dashboardState(metrics, [folder], LOAD_HISTORY.length, 3);

  it('carries the load in the state, and the page accepts it', () => {
    assert.deepEqual(state.oncall, [folder]);
    assert.ok(isDashboardState(JSON.parse(JSON.stringify(state))));
    const parsed = parseDashboardHostMessage({ type: 'state', state: JSON.parse(JSON.stringify(state)) });
    assert.equal(parsed.reason, undefined);
    assert.ok(isDashboardState({ ...state, oncall: [] }), 'no folder with incidents or rotations');
  });

  it('rejects a state without the load or with a malformed one', () => {
    const { oncall: _omitted, ...without } = state;
    const person = load.people[0];
    const bad: unknown[] = [
      without,
      { ...state, oncall: {} },
      { ...state, oncall: [{ ...folder, folder: 1 }] },
      { ...state, oncall: [{ ...folder, rotation: 'yes' }] },
      { ...state, oncall: [{ folder: 'shop', rotation: true }] },
      { ...state, oncall: [{ ...folder, load: { ...load, people: [{ ...person, pages: '3' }] } }] },
      { ...state, oncall: [{ ...folder, load: { ...load, people: [{ ...person, person: undefined }] } }] },
      { ...state, oncall: [{ ...folder, load: { ...load, overloaded: [null] } }] },
      { ...state, oncall: [{ ...folder, load: { ...load, spread: { most: 'alice' } } }] },
      { ...state, oncall: [{ ...folder, load: { ...load, weeks: '4' } }] },
    ];
    for (const value of bad) {
      assert.equal(isDashboardState(value), false, JSON.stringify(value).slice(0, 200));
      assert.notEqual(parseDashboardHostMessage({ type: 'state', state: value }).reason, undefined);
    }
  });

  it('exports a Markdown section with the table, the spread and who is over the limit', () => {
    const text = loadMarkdown([folder]);
    assert.match(text, /^## On-call load\n/);
    assert.match(text, /\| alice \| 3 \| 0\.75 \| 2 \| 2 \| 2 \| 0\.5 \| 2h 00m \|/);
    assert.match(text, /\| carol \| 0 \| 0 \| 0 \| 0 \| 1 \| 0\.25 \| 0h 40m \|/);
    assert.match(text, /Fairness: alice is paged 0\.5 more a week than bob\./);
    assert.match(text, /Over 0\.5 pages a week: alice \(0\.75 a week, 2 out of hours, 2 at weekends\)\./);
    assert.doesNotMatch(text, /No rotation file/);
    const plain = loadMarkdown([{ folder: 'shop', rotation: false, load: oncallLoad(LOAD_HISTORY, { now: LOAD_NOW, days: 28 }) }]);
    assert.match(plain, /No rotation file/);
    assert.match(plain, /No one over 5 pages a week\./);
    assert.match(loadMarkdown([folder, { ...folder, folder: 'a|b' }]), /### shop\n[\s\S]*### a\\\|b\n/);
  });
});
