import * as assert from 'node:assert/strict';
import { oncallLoad } from '../../../src/core/oncall/load';
import { OncallResolver } from '../../../src/core/oncall/resolve';
import { LOAD_CONFIG, LOAD_HISTORY, LOAD_NOW } from './loadHistory';

describe('on-call load (a generated history, answers worked out by hand)', () => {
  const load = oncallLoad(LOAD_HISTORY, { now: LOAD_NOW, days: 28, resolver: new OncallResolver(LOAD_CONFIG), pagesPerWeekLimit: 0.5 });

  it('gives pages, incidents, out-of-hours and weekend pages and time in incidents per person', () => {
    assert.equal(load.from, '2026-11-03T00:00:00.000Z');
    assert.equal(load.weeks, 4);
    assert.deepEqual(
      load.people.map((p) => [
        p.person,
        p.pages,
        p.incidents,
        p.outOfHoursPages,
        p.weekendPages,
        p.incidentMinutes,
        p.pagesPerWeek,
        p.incidentsPerWeek,
      ]),
      [
        // I1 (1 page) + I2 (2 pages at the weekend night); 60 + 60 minutes commanding.
        ['alice', 3, 2, 2, 2, 120, 0.75, 0.5],
        ['bob', 1, 1, 1, 0, 0, 0.25, 0.25],
        ['dave', 1, 1, 0, 0, 0, 0.25, 0.25],
        // Scribe on I2 from 03:30 to 04:10.
        ['carol', 0, 1, 0, 0, 40, 0, 0.25],
      ],
    );
  });

  it('leaves drills out, counts pages no rotation covered, and names who is over the limit', () => {
    assert.equal(load.drillsLeftOut, 1);
    assert.equal(load.unrotatedPages, 1);
    // Between rotation members only: alice 0.75 a week, bob 0.25.
    assert.deepEqual(load.spread, { most: 'alice', least: 'bob', pagesPerWeek: 0.5 });
    assert.deepEqual(
      load.overloaded.map((p) => [p.person, p.pagesPerWeek]),
      [['alice', 0.75]],
    );
  });

  it('without a rotation file gives each page to whoever declared the incident', () => {
    const plain = oncallLoad(LOAD_HISTORY, { now: LOAD_NOW, days: 28 });
    assert.deepEqual(
      plain.people.map((p) => [p.person, p.pages]),
      [
        ['alice', 3],
        ['bob', 1],
        ['dave', 1],
        ['carol', 0],
      ],
    );
    assert.equal(plain.unrotatedPages, 5);
  });
});
