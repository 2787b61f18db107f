import * as assert from 'node:assert/strict';
import { computeMetrics, median, parsePeriod, percentile } from '../../../src/core/learning/metrics';
import { csvCell, metricsCsv, metricsMarkdown } from '../../../src/core/learning/metricsExport';
import { A, B, C, D, F, filesOf, HISTORY, incidentOf, MIN, NOW } from './kpiHistory';

describe('metrics (KPIs over a generated history, answers worked out by hand)', () => {
  const m = computeMetrics(HISTORY, { now: NOW, days: 90, filesOf });

  it('counts the period by impact start and leaves drills and older incidents out', () => {
    // 90 days before 2026-12-01 is 2026-09-02: A, B, C and D; E is a drill, F began in August.
    assert.equal(m.from, '2026-09-02T00:00:00.000Z');
    assert.equal(m.count, 4);
    assert.equal(m.drillsLeftOut, 1);
  });

  it('gives the median and p90 of each duration with n and how many lacked a milestone', () => {
    const d = m.overall.durations;
    // detect: 5, 10, 20, 30 min -> median (10+20)/2 = 15, p90 = ceil(3.6) = 4th = 30
    assert.deepEqual(d.timeToDetect, { n: 4, missing: 0, outOfOrder: 0, medianMs: 15 * MIN, p90Ms: 30 * MIN });
    // acknowledge: C 1, A 5 (B and D never acknowledged) -> median 3, p90 = 2nd = 5
    assert.deepEqual(d.timeToAcknowledge, { n: 2, missing: 2, outOfOrder: 0, medianMs: 3 * MIN, p90Ms: 5 * MIN });
    // mitigate: A 40, B 60 (C and D lack it)
    assert.deepEqual(d.timeToMitigate, { n: 2, missing: 2, outOfOrder: 0, medianMs: 50 * MIN, p90Ms: 60 * MIN });
    // resolve: 70, 120, 200 (C unresolved) -> median 120, p90 = ceil(2.7) = 3rd = 200
    assert.deepEqual(d.timeToResolve, { n: 3, missing: 1, outOfOrder: 0, medianMs: 120 * MIN, p90Ms: 200 * MIN });
  });

  it('splits by severity, month and service', () => {
    assert.equal(m.bySeverity.SEV2.count, 3);
    assert.equal(m.bySeverity.SEV1.count, 1);
    assert.equal(m.bySeverity.SEV3.count, 0);
    // SEV2 detect: 10, 20, 30
    assert.equal(m.bySeverity.SEV2.durations.timeToDetect.medianMs, 20 * MIN);
    assert.equal(m.bySeverity.SEV3.durations.timeToDetect.medianMs, undefined);
    assert.deepEqual(
      m.byMonth.map((mo) => [mo.month, mo.count, mo.bySeverity.SEV1, mo.bySeverity.SEV2]),
      [
        ['2026-09', 0, 0, 0],
        ['2026-10', 1, 1, 0],
        ['2026-11', 3, 0, 3],
        ['2026-12', 0, 0, 0],
      ],
    );
    assert.equal(m.byMonth[2].durations.timeToResolve.medianMs, 120 * MIN);
    assert.deepEqual(
      m.byService.map((s) => [s.service, s.count, s.bySeverity.SEV1, s.bySeverity.SEV2]),
      [
        ['checkout', 3, 0, 3],
        ['payments', 1, 1, 0],
      ],
    );
  });

  it('measures action item closure (done by due date / due in the period) and the open backlog', () => {
    // Due in the period: 1 (done early), 2 (done late), 3 (open, overdue), 5 (won't do); 4 is due
    // after now; 6 is the drill's. Done by the due date: 1 only.
    const a = m.actionItems;
    assert.equal(a.dueInPeriod, 4);
    assert.equal(a.doneByDue, 1);
    assert.equal(a.closureRate, 0.25);
    // Open: 3, 4, 7 (C's, no due date); 3 is overdue.
    assert.equal(a.open, 3);
    assert.equal(a.overdue, 1);
    assert.equal(a.backlog.length, 12);
    // Point 10 of 12 is 75 days in: 2026-11-16. Open then: 2 (closed 11-20), 3, 4 and 7.
    assert.deepEqual(a.backlog[9], { at: '2026-11-16T00:00:00.000Z', open: 4 });
    assert.deepEqual(a.backlog[11], { at: NOW.toISOString(), open: 3 });
    // Point 1 is 7.5 days in (2026-09-09 12:00): nothing added yet (F's item was closed in August).
    assert.equal(a.backlog[0].open, 0);
  });

  it('finds recurrences with reasons in words, within the window and the service', () => {
    assert.deepEqual(
      m.recurrences.map((r) => [r.incidentId, r.recurs, r.reason]),
      [
        [D, B, 'same service, both touched src/db/pool.ts'],
        [D, A, 'same service, both touched src/db/pool.ts; both followed runbook db-pool'],
        [B, A, 'same service, both touched src/db/pool.ts'],
      ],
    );
    // C (payments) shares the file but not the service; A began 92 days after F; E is a drill.
    const wider = computeMetrics(HISTORY, { now: NOW, days: 90, filesOf, recurrenceDays: 100 });
    assert.ok(wider.recurrences.some((r) => r.incidentId === A && r.recurs === F));
    assert.ok(!wider.recurrences.some((r) => r.incidentId === C || r.recurs === C));
  });

  it('states recurring patterns in words, with the open action items', () => {
    assert.deepEqual(
      m.patterns.map((p) => p.text),
      [
        '3 SEV-2 incidents on checkout in 90 days, all touching src/db/pool.ts; 2 action items still open',
        '2 SEV-2 incidents on checkout in 90 days, all following runbook db-pool; no action items still open',
      ],
    );
    assert.deepEqual(m.patterns[0].incidentIds, [A, B, D]);
  });

  it('without the git lookup, recurrence still sees action item links and runbooks', () => {
    const bare = computeMetrics(HISTORY, { now: NOW, days: 90 });
    assert.deepEqual(
      bare.recurrences.map((r) => [r.incidentId, r.recurs, r.reason]),
      [[D, A, 'same service, both followed runbook db-pool']],
    );
  });

  it('names mixed severities and leaves out-of-order milestones out of the figures', () => {
    const odd = incidentOf({
      id: 'INC-20261125-0000-oooooo',
      severity: 'SEV3',
      service: 'checkout',
      started: '2026-11-25T00:00:00.000Z',
      detectAfter: 10,
      ackAfter: 5, // acknowledged before detection: reported, not used
      items: [{ itemId: 'ACT-0000000a', created: '2026-11-25T01:00:00.000Z', links: ['./src/db/pool.ts:7:2'] }],
    });
    const mixed = computeMetrics([...HISTORY, odd], { now: NOW, days: 90, filesOf });
    assert.deepEqual(mixed.overall.durations.timeToAcknowledge, { n: 2, missing: 2, outOfOrder: 1, medianMs: 3 * MIN, p90Ms: 5 * MIN });
    assert.equal(
      mixed.patterns[0].text,
      '4 incidents (3 SEV-2, 1 SEV-3) on checkout in 90 days, all touching src/db/pool.ts; 3 action items still open',
    );
  });

  it('median, percentile and period parsing', () => {
    assert.equal(median([]), undefined);
    assert.equal(median([1, 2, 3]), 2);
    assert.equal(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.9), 9);
    assert.equal(percentile([7], 0.9), 7);
    assert.equal(parsePeriod('90d'), 90);
    assert.equal(parsePeriod('12w'), 84);
    assert.equal(parsePeriod('1y'), 365);
    assert.equal(parsePeriod('30'), 30);
    assert.equal(parsePeriod('0d'), undefined);
    assert.equal(parsePeriod('ninety'), undefined);
  });

  it('exports Markdown and CSV with the same figures, cells from teammates made harmless', () => {
    const md = metricsMarkdown(m);
    assert.match(md, /^# Reliability: the last 90 days/);
    assert.match(md, /\| Time to resolve \| 2h 00m \| 3h 20m \| 3 \| 1 \|/);
    assert.match(md, /Closure rate \(done by the due date \/ due in the period\): 25% \(1 of 4\)/);
    assert.match(md, /- 3 SEV-2 incidents on checkout/);
    const csv = metricsCsv(m);
    assert.ok(csv.startsWith('section,group,measure,value\n'));
    assert.match(csv, /\noverall,all,timeToResolve\.median_minutes,120\n/);
    assert.match(csv, /\nservice,checkout,count,3\n/);
    assert.match(csv, /\naction_items,all,closure_rate,0\.25\n/);
    // With the on-call load (the dashboard export): one row per figure per person, the folder in front
    // when there are several, and a teammate's name is data, never a formula.
    const person = (name: string, pages: number) => ({
      person: name,
      pages,
      incidents: pages,
      outOfHoursPages: 1,
      weekendPages: 0,
      incidentMinutes: 90,
      pagesPerWeek: pages / 2,
      incidentsPerWeek: pages / 2,
    });
    const load = (people: ReturnType<typeof person>[]) => ({
      from: m.from,
      to: m.to,
      weeks: 2,
      people,
      pagesPerWeekLimit: 5,
      overloaded: people.filter((p) => p.pagesPerWeek > 5),
      drillsLeftOut: 0,
      unrotatedPages: 0,
    });
    const twoFolders = metricsCsv(m, [
      { folder: 'checkout', rotation: true, load: load([person('ana', 12), person('bo', 2)]) },
      { folder: 'payments', rotation: false, load: load([person('cy', 1)]) },
    ]).split('\n');
    for (const row of [
      'oncall,checkout/all,rotation_file,1',
      'oncall,checkout/ana,pages_per_week,6',
      'oncall,checkout/ana,over_limit,1',
      'oncall,checkout/bo,over_limit,0',
      'oncall,payments/all,rotation_file,0',
      'oncall,payments/cy,incident_minutes,90',
    ]) {
      assert.ok(twoFolders.includes(row), row);
    }
    const oneFolder = metricsCsv(m, [{ folder: 'checkout', rotation: true, load: load([person('=cmd()', 1)]) }]).split('\n');
    assert.ok(oneFolder.includes(`oncall,'=cmd(),pages,1`), 'a name that looks like a formula is quoted');
    assert.equal(csv, metricsCsv(m, []), 'without a load, no oncall rows');
    assert.equal(csvCell('=HYPERLINK("x")'), `"'=HYPERLINK(""x"")"`);
    assert.equal(csvCell('a,b'), '"a,b"');
    const evil = incidentOf({
      id: 'INC-20261126-0000-zzzzzz',
      severity: 'SEV4',
      service: 'a|b\n# x',
      started: '2026-11-26T00:00:00.000Z',
      detectAfter: 1,
    });
    const table = metricsMarkdown(computeMetrics([evil], { now: NOW, days: 30 }));
    assert.ok(table.includes('| a\\|b # x | 1 |'));
    assert.ok(!table.includes('\n# x'));
    assert.match(table, /\(UTC\): 1 incident\./);
  });
});
