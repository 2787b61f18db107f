import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { MAX_TITLE_CHARS, titleProblem } from '../../../src/core/incident';
import {
  earlierImport,
  groupedUnplaced,
  importPlan,
  MAX_TIMELINE_ROWS,
  parsePostmortem,
} from '../../../src/core/learning/postmortemImport';
import { repoRoot } from '../../harness/paths';

const FIXTURES = path.join(repoRoot, 'test', 'fixtures', 'postmortems');
const read = (name: string) => parsePostmortem(fs.readFileSync(path.join(FIXTURES, name), 'utf8'));
const when = (r: ReturnType<typeof parsePostmortem>) => r.events.map((e) => `${e.line} ${e.ts.slice(0, 16)}`);

describe('postmortem import: hand-written quirks', () => {
  it('bullets, 12-hour times, a named zone, the date in the text, crossing midnight, a remediation section', () => {
    const r = read('bullets-12h-pst.md');
    assert.equal(r.title, 'Checkout outage after the v2.3 deploy');
    // March 3 11:40 PM PST is 07:40 UTC on March 4; after 11:52 PM, 12:05 AM is the next day.
    assert.deepEqual(when(r), [
      '7 2024-03-04T07:40',
      '8 2024-03-04T07:52',
      '9 2024-03-04T08:05',
      '10 2024-03-04T08:20',
      '11 2024-03-04T08:30',
      '12 2024-03-04T09:00',
    ]);
    assert.equal(r.events[1].text, 'Alert fired: checkout 5xx rate above 5%');
    assert.equal(r.events[2].text, 'Incident declared, on-call paged');
    assert.deepEqual(r.milestones, {
      impact_started: '2024-03-04T07:40:00.000Z',
      detected: '2024-03-04T07:52:00.000Z',
      declared: '2024-03-04T08:05:00.000Z',
      acknowledged: '2024-03-04T08:20:00.000Z',
      mitigated: '2024-03-04T08:30:00.000Z',
      resolved: '2024-03-04T09:00:00.000Z',
    });
    assert.equal(r.startedAt, '2024-03-04T07:40:00.000Z');
    assert.deepEqual(r.unplaced, [{ line: 13, text: '- Sometime later: customer emails answered', reason: 'no time' }]);
    assert.deepEqual(
      r.actionItems.map((a) => [a.line, a.title, a.kind]),
      [
        [17, 'Add a canary stage for checkout deploys', 'prevent'],
        [18, 'Document the rollback in the runbook', 'process'],
        [20, 'Alert on the 5xx rate per region', 'detect'],
      ],
    );
    assert.deepEqual(r.warnings, []);
  });

  it('a table with an offset in its header, the date in the heading, rows over three days, a follow-ups table', () => {
    const r = read('table-offsets-multiday.md');
    // UTC+01:00: 09:15 is 08:15Z; 00:20 after 23:58 is the 15th; "Nov 15" takes the heading's year; +0000 is UTC.
    assert.deepEqual(when(r), [
      '11 2023-11-14T08:15',
      '12 2023-11-14T22:58',
      '13 2023-11-14T23:20',
      '14 2023-11-15T07:00',
      '15 2023-11-16T10:00',
    ]);
    assert.deepEqual(r.milestones, {
      impact_started: '2023-11-14T08:15:00.000Z',
      detected: '2023-11-14T23:20:00.000Z',
      mitigated: '2023-11-15T07:00:00.000Z',
      resolved: '2023-11-16T10:00:00.000Z',
    });
    assert.deepEqual(r.unplaced, [{ line: 16, text: 'n/a Weekly review', reason: 'no time' }]);
    assert.deepEqual(
      r.actionItems.map((a) => [a.line, a.title]),
      [
        [22, 'Monitor index freshness'],
        [23, 'Make the reindex job idempotent'],
      ],
    );
  });

  it('an IANA zone with summer time, dates in sub-headings, a bad time listed, a code block ignored', () => {
    const r = read('iana-day-headings.md');
    // Copenhagen in June is UTC+2.
    assert.deepEqual(when(r), ['9 2022-06-05T12:03', '10 2022-06-05T12:10', '19 2022-06-06T07:00', '20 2022-06-06T07:45']);
    assert.deepEqual(r.unplaced, [{ line: 11, text: '- 14:61 a typo in the time', reason: 'no time' }]);
    assert.deepEqual(
      r.actionItems.map((a) => a.title),
      ['Alert on p99 latency', 'Write the pool sizing runbook'],
    );
  });

  it('reads "UTC+2" and "UTC−3" after the time, in a table and in bullets, and names an offset no clock uses', () => {
    const r = read('utc-offsets-athens.md');
    // 14:03 UTC+2 is 12:03Z (the sign once matched digits too, and the time was taken for the offset).
    assert.deepEqual(when(r), [
      '9 2024-03-13T12:03',
      '10 2024-03-13T12:11',
      '11 2024-03-13T12:40',
      '15 2024-03-14T07:30',
      '16 2024-03-14T13:05',
      '17 2024-03-14T10:20',
    ]);
    assert.equal(r.events[4].text, "Acquirer's São Paulo team confirmed the fix, resolved");
    assert.deepEqual(r.warnings, ['line 17: "UTC+99" is no offset a clock uses (-12:00 to +14:00), so it is left out.']);
  });

  it('crosses New Year: a row without a year after December is January of the next year', () => {
    const r = read('new-year-eve.md');
    // The title's 2024 is the first year seen; "Jan 1" is 2025, as is the "### Jan 1" heading's day.
    assert.deepEqual(when(r), [
      '7 2024-12-31T23:50',
      '8 2024-12-31T23:58',
      '9 2025-01-01T00:10',
      '10 2025-01-01T00:25',
      '14 2025-01-01T00:40',
      '15 2025-01-01T09:00',
    ]);
    const plan = importPlan(r, { file: 'new-year-eve.md', now: new Date('2025-01-10T00:00:00Z'), newItemId: () => 'ACT-00000001' });
    assert.equal(plan.declaration.startedAt, '2024-12-31T23:50:00.000Z');
    assert.equal(plan.declaredAt, '2024-12-31T23:50:00.000Z');
    assert.equal(plan.events.find((e) => e.input.type === 'resolved')?.at, '2025-01-01T00:40:00.000Z', 'resolved 50 minutes in');
    // Rows out of order by days stay where the writer put them; only half a year back is the next year.
    const late = parsePostmortem(
      '# Late\n\nOn 2024-07-20 the batch ran late.\n\n## Timeline\n\n- Jul 20 10:00 UTC started\n- Jul 25 09:00 UTC fixed\n- Jul 21 08:00 UTC noted\n',
    );
    assert.deepEqual(when(late), ['7 2024-07-20T10:00', '8 2024-07-25T09:00', '9 2024-07-21T08:00']);
  });

  it('a day without a year is in the year nearest the date above it: December under a heading in January is the year before', () => {
    // The heading is in the new year, the rows start in December: December is the year before, not
    // eleven months ahead (2025-12-31, which made the incident a year late, in the future).
    const r = parsePostmortem(
      '# Outage 2025-01-02\n\n## Timeline (UTC)\n\n- Dec 31 23:50 impact started\n- Jan 1 00:10 detected\n- Jan 2 09:00 resolved\n',
    );
    assert.deepEqual(when(r), ['5 2024-12-31T23:50', '6 2025-01-01T00:10', '7 2025-01-02T09:00']);
    // Nothing dated above the rows: the first date with a year below them, in the text or in a row.
    const review = parsePostmortem(
      '# Outage\n\n## Timeline (UTC)\n\n- Dec 31 23:50 impact started\n- Jan 1 00:10 detected\n\n## Review\n\nHeld on 2025-01-08.\n',
    );
    assert.deepEqual(when(review), ['5 2024-12-31T23:50', '6 2025-01-01T00:10']);
    const rowBelow = parsePostmortem('# Outage\n\n## Timeline (UTC)\n\n- Dec 31 23:50 impact started\n- 2025-01-01 00:10 detected\n');
    assert.deepEqual(when(rowBelow), ['5 2024-12-31T23:50', '6 2025-01-01T00:10']);
    assert.deepEqual(rowBelow.unplaced, []);
  });

  it('a row with only a time is on the day of the dated row above it, across midnight and days', () => {
    const r = parsePostmortem(
      '# Outage on 2024-03-02\n\n## Timeline (UTC)\n\n- 2024-03-02 23:50 alert fired\n- 00:10 rolled back\n' +
        '- 2024-03-04 08:00 errors started again\n- 09:00 resolved\n\n### 2024-03-06\n\n- 10:00 postmortem held\n',
    );
    // Not the heading's 2nd: 00:10 after 23:50 is the 3rd, 09:00 under a row of the 4th is the 4th;
    // a heading below the rows names a day of its own.
    assert.deepEqual(when(r), [
      '5 2024-03-02T23:50',
      '6 2024-03-03T00:10',
      '7 2024-03-04T08:00',
      '8 2024-03-04T09:00',
      '12 2024-03-06T10:00',
    ]);
    assert.equal(r.milestones.mitigated, '2024-03-03T00:10:00.000Z', 'twenty minutes after the alert, not a day before it');
    // With no date above but the rows' own, a time-only row is placed, not "no date above it";
    // a row that is only a date opens its day too.
    const table = parsePostmortem(
      '# T\n\n## Timeline\n\n| When | What |\n|---|---|\n| 2024-03-05 10:00 | started |\n| 10:30 | detected |\n' +
        '| 2024-03-07 | the fix was published |\n| 14:00 | resolved |\n',
    );
    assert.deepEqual(when(table), ['7 2024-03-05T10:00', '8 2024-03-05T10:30', '10 2024-03-07T14:00']);
    assert.deepEqual(table.unplaced, [{ line: 9, text: '2024-03-07 the fix was published', reason: 'a date but no time of day' }]);
  });

  it('reads a named zone on the day its clocks change: the offset of the wall time, not of that time read as UTC', () => {
    const r = read('berlin-clock-change.md');
    // 01:30 is still winter time (UTC+1), 03:15 summer time (UTC+2); 02:10 did not happen that night.
    assert.deepEqual(when(r), [
      '9 2024-03-31T00:30',
      '10 2024-03-31T01:10',
      '11 2024-03-31T01:15',
      '12 2024-03-31T01:40',
      '13 2024-03-31T02:00',
    ]);
    assert.deepEqual(r.warnings, [
      'line 10: 02:10 did not happen in Europe/Berlin on 2024-03-31 (the clocks went forward), so it is read as 01:10 UTC.',
    ]);
    const newYork = parsePostmortem(
      '# T\n\nAll times America/New_York.\n\n## Timeline\n\n### 2024-03-10\n\n- 01:30 a\n- 03:30 b\n\n### 2024-11-03\n\n- 00:30 c\n- 01:30 d\n- 03:00 e\n',
    );
    // Spring: 01:30 EST, 03:30 EDT. Autumn: 01:30 happens twice and is the first (EDT); 03:00 is EST.
    assert.deepEqual(when(newYork), [
      '9 2024-03-10T06:30',
      '10 2024-03-10T07:30',
      '14 2024-11-03T04:30',
      '15 2024-11-03T05:30',
      '16 2024-11-03T08:00',
    ]);
  });

  it('reads the hour the clocks go back, after a later time of that hour, as its second time and says so', () => {
    const r = parsePostmortem(
      '# T\n\n## Timeline (all times ET)\n\n### 2024-11-03\n\n- 01:20 errors started\n- 01:50 alert fired\n- 01:10 rolled back\n' +
        '- 01:30 all systems operational\n- 02:10 postmortem scheduled\n',
    );
    // 01:20 and 01:50 are EDT (UTC-4); the clocks then go back to 01:00, so 01:10 and 01:30 are EST
    // (UTC-5), 20 and 40 minutes after the alert, not 40 minutes before it.
    assert.deepEqual(when(r), [
      '7 2024-11-03T05:20',
      '8 2024-11-03T05:50',
      '9 2024-11-03T06:10',
      '10 2024-11-03T06:30',
      '11 2024-11-03T07:10',
    ]);
    assert.deepEqual(r.milestones, {
      impact_started: '2024-11-03T05:20:00.000Z',
      detected: '2024-11-03T05:50:00.000Z',
      mitigated: '2024-11-03T06:10:00.000Z',
      resolved: '2024-11-03T06:30:00.000Z',
    });
    assert.deepEqual(r.warnings, [
      'line 9: 01:10 happened twice in America/New_York on 2024-11-03 (the clocks went back); after the row above it, it is read as the second time, 06:10 UTC.',
      'line 10: 01:30 happened twice in America/New_York on 2024-11-03 (the clocks went back); after the row above it, it is read as the second time, 06:30 UTC.',
    ]);
  });

  it('reads "ET" and "PT" as the US zones with their summer time', () => {
    const r = read('all-times-et-summer.md');
    // July in New York is EDT, UTC-4; "ET" after a time is the zone, not the row's text.
    assert.deepEqual(when(r), ['7 2024-07-04T18:03', '8 2024-07-04T18:20', '9 2024-07-04T18:52', '10 2024-07-04T19:30']);
    assert.equal(r.events[0].text, 'Alert fired: zero-result searches above 30%');
    assert.deepEqual(r.warnings, [], 'a zone is named');
    const pt = (day: string) => parsePostmortem(`# T\n\n## Timeline (all times PT)\n\n### ${day}\n\n- 14:03 - Alert fired\n`);
    assert.deepEqual(when(pt('2024-07-04')), ['7 2024-07-04T21:03'], 'PDT in summer');
    assert.deepEqual(when(pt('2024-01-15')), ['7 2024-01-15T22:03'], 'PST in winter');
    assert.deepEqual(
      when(
        parsePostmortem('# T\n\n## Timeline\n\n| Time (CT) | Event |\n|---|---|\n| 2024-07-04 09:00 | a |\n| 2024-07-04 10:00 MT | b |\n'),
      ),
      ['7 2024-07-04T14:00', '8 2024-07-04T16:00'],
    );
  });

  it('names the lines when the rows put milestones out of order, so a duration is negative', () => {
    const r = parsePostmortem(
      '# T\n\n## Timeline (UTC)\n\n### 2024-05-02\n\n- 10:00 errors started\n- 10:20 acknowledged by the on-call\n' +
        '- 10:25 alert fired\n- 09:50 rolled back\n- 11:00 resolved\n',
    );
    // Kept as written (a writer's order is theirs to fix), but never a silent negative figure.
    assert.equal(r.milestones.mitigated, '2024-05-02T09:50:00.000Z');
    assert.deepEqual(r.warnings, [
      'line 8: acknowledged (2024-05-02 10:20:00 UTC) is before detected on line 9 (2024-05-02 10:25:00 UTC), so the time to acknowledge is negative.',
      'line 10: mitigated (2024-05-02 09:50:00 UTC) is before impact started on line 7 (2024-05-02 10:00:00 UTC), so the time to mitigate is negative.',
    ]);
  });

  it('groups a warning every row gives: a few in full, then one line naming every other line of its kind', () => {
    // Lines 7-306 each name an offset no clock uses, but for line 100, which names a good one.
    const rows = Array.from({ length: 300 }, (_, i) =>
      i === 93 ? '| 2024-03-13 10:00 UTC+2 | fine |' : `| 2024-03-13 10:${String(i % 60).padStart(2, '0')} UTC+99 | step ${i} |`,
    );
    const offsets = parsePostmortem(['# T', '', '## Timeline', '', '| When | What |', '|---|---|', ...rows].join('\n'));
    assert.equal(offsets.events.length, 300);
    const bad = (line: number) => `line ${line}: "UTC+99" is no offset a clock uses (-12:00 to +14:00), so it is left out.`;
    assert.deepEqual(offsets.warnings, [
      bad(7),
      bad(8),
      bad(9),
      'lines 10–99, 101–306: 296 more like line 7 (an offset no clock uses, left out).',
    ]);
    // A night's rows in the hour the clocks went back, with a bad offset in the text above them.
    const night = parsePostmortem(
      [
        '# T',
        '',
        'All times in UTC+30, I mean ET.',
        '',
        '## Timeline (all times ET)',
        '',
        '### 2024-11-03',
        '',
        '- 01:50 alert fired',
        ...Array.from({ length: 10 }, (_, i) => `- 01:0${i} step ${i}`),
      ].join('\n'),
    );
    const twice = (line: number, at: string, utc: string) =>
      `line ${line}: ${at} happened twice in America/New_York on 2024-11-03 (the clocks went back); after the row above it, it is read as the second time, ${utc} UTC.`;
    assert.deepEqual(night.warnings, [
      'line 3: "UTC+30" is no offset a clock uses (-12:00 to +14:00), so it is left out.',
      twice(10, '01:00', '06:00'),
      twice(11, '01:01', '06:01'),
      twice(12, '01:02', '06:02'),
      'lines 13–19: 7 more like line 10 (a time that happened twice when the clocks went back, read as the second time).',
    ]);
  });

  it('groups the rows not placed by reason: a few in full, then one entry naming every other line', () => {
    // Lines 5-104 have a time but no date, but for 50; 50 and 105-107 have no time at all.
    const rows = Array.from({ length: 100 }, (_, i) => (i === 45 ? '- later: calls' : `- 10:${String(i % 60).padStart(2, '0')} step ${i}`));
    const r = parsePostmortem(['# T', '', '## Timeline', '', ...rows, '- HH:MM template', '- soon', '- sometime'].join('\n'));
    assert.equal(r.unplaced.length, 103, 'the parse itself still lists every row');
    const noDate = 'no date in the row or above it';
    assert.deepEqual(
      groupedUnplaced(r.unplaced).map((u) => ('row' in u ? u.row.line : u)),
      [5, 6, 7, { lines: '8–49, 51–104', first: 8, count: 96, like: 5, reason: noDate }, 50, 105, 106, 107],
    );
    // Four of a reason are four rows: one line for the last is no shorter.
    assert.deepEqual(
      groupedUnplaced(r.unplaced.slice(0, 4)).map((u) => ('row' in u ? u.row.line : u)),
      [5, 6, 7, 8],
    );
  });

  it('reads a "Follow-up" heading as the action items, whose dates are deadlines that date no timeline row', () => {
    const timeline = '# Outage\n\n## Timeline (UTC)\n\n- Mar 13 10:00 errors started\n- Mar 13 11:00 resolved\n\n';
    for (const followUps of [
      '## Follow-up actions\n\n- [ ] Rotate keys by 2025-01-10\n- [ ] 2025-01-12 10:00 review the runbook\n',
      '## Follow-ups\n\n### Due 2025-01-10\n\n- Rotate keys\n- 2025-01-12 10:00 review the runbook\n',
      '## Follow-up (agreed 2025-01-10)\n\n- Rotate keys\n- 2025-01-12 10:00 review the runbook\n',
    ]) {
      const r = parsePostmortem(timeline + followUps);
      assert.deepEqual(
        r.actionItems.map((a) => a.title),
        ['Rotate keys' + (followUps.includes('by 2025') ? ' by 2025-01-10' : ''), '2025-01-12 10:00 review the runbook'],
        followUps,
      );
      // The rows say no year and nothing above them does: listed, not placed in the year of a deadline.
      assert.deepEqual(when(r), [], followUps);
      assert.deepEqual(
        r.unplaced.map((u) => [u.line, u.reason]),
        [
          [5, 'no date in the row or above it'],
          [6, 'no date in the row or above it'],
        ],
        followUps,
      );
    }
    // A date in the text outside the follow-ups still dates them.
    const dated = parsePostmortem(timeline + '## Follow-ups\n\n### Due 2025-01-10\n\n- Rotate keys\n\n## Stats\n\nDate: 2024-03-13\n');
    assert.deepEqual(when(dated), ['5 2024-03-13T10:00', '6 2024-03-13T11:00']);
  });

  it('reads "Timeline and follow-up" as the timeline; follow-ups start at their own heading or a bold line alone', () => {
    const timeline = '# Outage\n\n## Timeline and follow-up\n\n- 2024-03-13 10:00 UTC errors started\n- 2024-03-13 11:00 UTC resolved\n\n';
    for (const followUps of [
      '### Follow-ups\n\n- Rotate keys\n- Alert on 5xx\n',
      '**Follow-up actions**\n\n- Rotate keys\n- Alert on 5xx\n',
      '__Action items__:\n\n- Rotate keys\n- Alert on 5xx\n',
      '**Next steps:**\n\n- Rotate keys\n- Alert on 5xx\n',
    ]) {
      const r = parsePostmortem(timeline + followUps);
      assert.deepEqual(when(r), ['5 2024-03-13T10:00', '6 2024-03-13T11:00'], followUps);
      assert.deepEqual(
        r.actionItems.map((a) => [a.line, a.title]),
        [
          [10, 'Rotate keys'],
          [11, 'Alert on 5xx'],
        ],
        followUps,
      );
      assert.deepEqual(r.unplaced, [], followUps);
    }
    // Under a plain "## Timeline" too.
    const plainHeading = parsePostmortem('# O\n\n## Timeline\n\n- 2024-03-13 10:00 UTC x\n\n**Follow-up actions**\n\n- Rotate keys\n');
    assert.deepEqual([plainHeading.actionItems.map((a) => a.title), plainHeading.unplaced], [['Rotate keys'], []]);
    // Bold only in part of the line is a sentence of the timeline, not a heading.
    const prose = parsePostmortem(
      timeline +
        '**Follow-ups** were agreed in the call.\n\n- 2024-03-13 12:00 UTC all clear\n**Action items** filed in the tracker\n\n- 2024-03-13 12:30 UTC all clear again\n',
    );
    assert.deepEqual(when(prose), ['5 2024-03-13T10:00', '6 2024-03-13T11:00', '10 2024-03-13T12:00', '13 2024-03-13T12:30']);
    assert.deepEqual(prose.actionItems, []);
    // A heading below a bold one ends the action items.
    const after = parsePostmortem(timeline + '**Follow-up actions**\n\n- Rotate keys\n\n## Impact\n\n- EU users\n');
    assert.deepEqual(
      after.actionItems.map((a) => a.title),
      ['Rotate keys'],
    );
  });

  it('keeps the action items of a bold "Follow-up actions" line through its sub-headings, up to the next section', () => {
    const postmortem = [
      '# 2024-03-13 Checkout outage', //                          1
      '',
      '## Timeline (UTC)',
      '',
      '- 2024-03-13 09:58 Config change pushed to payments-gateway', // 5
      '- 2024-03-13 10:02 Alert fired: checkout error rate above 5%',
      '- 2024-03-13 10:40 Config rolled back',
      '',
      '**Follow-up actions**',
      '', //                                                       10
      '### Short term',
      '',
      '- [ ] Add a canary stage for gateway config (@maria)',
      '- [ ] Alert on card declines per PSP (@tom)',
      '', //                                                       15
      '### Long term',
      '',
      '- [ ] Move gateway config into the deploy pipeline (@sre)',
      '',
      '## Lessons learned', //                                     20
      '',
      '- The rollback runbook was out of date',
      '',
    ].join('\n');
    const r = parsePostmortem(postmortem);
    assert.deepEqual(
      r.actionItems.map((a) => [a.line, a.title]),
      [
        [13, 'Add a canary stage for gateway config (@maria)'],
        [14, 'Alert on card declines per PSP (@tom)'],
        [18, 'Move gateway config into the deploy pipeline (@sre)'],
      ],
    );
    assert.deepEqual(when(r), ['5 2024-03-13T09:58', '6 2024-03-13T10:02', '7 2024-03-13T10:40']);
    // Days as sub-headings of the timeline: the bold line ends the timeline, so it ranks with
    // "## Timeline", not with the day above it, and "### Owners" is still under it.
    const days = parsePostmortem(
      '# Checkout outage\n\n## Timeline (UTC)\n\n### 2024-03-13\n\n- 09:58 Config pushed\n\n**Action items**\n\n' +
        '### Owners: payments\n\n- Add a canary stage\n\n### Owners: SRE\n\n- Page on declines\n\n## Appendix\n\n- Dashboard link\n',
    );
    assert.deepEqual(
      days.actionItems.map((a) => a.title),
      ['Add a canary stage', 'Page on declines'],
    );
    // Directly under the title, a bold line ranks as a "##" section: "###" stays under it, "##" ends it.
    const underTitle = parsePostmortem(
      '# Checkout outage\n\n**Remediation**\n\n### Short term\n\n- Add a canary stage\n\n## Timeline (UTC)\n\n- 2024-03-13 09:58 Config pushed\n',
    );
    assert.deepEqual([underTitle.actionItems.map((a) => a.title), when(underTitle)], [['Add a canary stage'], ['11 2024-03-13T09:58']]);
    // Sections written with "#": "##" groups are under the bold line, the next "#" ends it.
    const hashSections = parsePostmortem(
      '# Outage report\n\n# Timeline\n\n- 2024-03-13 09:58 UTC Config pushed\n\n**Next steps:**\n\n## Payments team\n\n' +
        '- Add a canary stage\n\n# Lessons learned\n\n- Runbook was stale\n',
    );
    assert.deepEqual(
      hashSections.actionItems.map((a) => a.title),
      ['Add a canary stage'],
    );
  });

  it('with no heading above a bold line, a heading is a group of what it opened unless it names another section', () => {
    // A GitHub issue's postmortem: bold lines for sections, "###" for groups and days.
    const issue = [
      '**Summary**', //                                               1
      'Card payments failed for EU customers.',
      '',
      '**Timeline (UTC)**',
      '', //                                                         5
      '### 2024-03-13',
      '',
      '- 09:58 Config change pushed to payments-gateway',
      '- 10:40 Config rolled back',
      '', //                                                        10
      '**Action items**',
      '',
      '### Short term',
      '',
      '- [ ] Add a canary stage for gateway config', //            15
      '',
      '### Long term',
      '',
      '- [ ] Move gateway config into the deploy pipeline',
      '', //                                                        20
      '### Lessons learned',
      '',
      '- The rollback runbook was out of date',
      '',
    ].join('\n');
    const r = parsePostmortem(issue);
    assert.deepEqual(when(r), ['8 2024-03-13T09:58', '9 2024-03-13T10:40']);
    assert.deepEqual(
      r.actionItems.map((a) => [a.line, a.title]),
      [
        [15, 'Add a canary stage for gateway config'],
        [19, 'Move gateway config into the deploy pipeline'],
      ],
    );
    // A heading naming the timeline or the action items opens it, as anywhere.
    const switched = parsePostmortem('**Action items**\n\n- Rotate keys\n\n## Timeline\n\n- 2024-03-13 10:00 UTC errors\n');
    assert.deepEqual([switched.actionItems.map((a) => a.title), when(switched)], [['Rotate keys'], ['7 2024-03-13T10:00']]);
  });

  it('reads a bold "Timeline" line alone as the timeline heading, its bracketed zone included', () => {
    // A GitHub issue's postmortem: no "#" headings, bold lines instead.
    const issue = [
      '**Summary**', //                                               1
      'Card payments failed for EU customers after a config push.',
      '',
      '**Timeline (PST)**',
      '', //                                                         5
      '- 2024-03-13 01:58 Config change pushed to payments-gateway',
      '- 2024-03-13 02:02 Alert fired: checkout error rate above 5%',
      '- Support escalated the first customer tickets',
      '- 2024-03-13 02:40 Config rolled back',
      '', //                                                         10
      '**Impact:**',
      '',
      '- 01:58 to 02:40 PST, 3% of checkouts failed',
      '',
      '**Action items**', //                                         15
      '',
      '- Add a canary stage for gateway config',
      '',
    ].join('\n');
    const r = parsePostmortem(issue);
    assert.deepEqual(when(r), ['6 2024-03-13T09:58', '7 2024-03-13T10:02', '9 2024-03-13T10:40']);
    assert.deepEqual(
      r.unplaced.map((u) => [u.line, u.reason]),
      [[8, 'no time']],
    );
    assert.deepEqual(
      r.actionItems.map((a) => a.title),
      ['Add a canary stage for gateway config'],
    );
    assert.deepEqual(r.warnings, []);
    for (const [heading, utc] of [
      ['**Timeline**', '10:00'],
      ['**Timeline (UTC)**', '10:00'],
      ['**Timeline** (UTC+2)', '08:00'],
      ['__Incident timeline__:', '10:00'],
      ['**Timeline of events (Europe/Berlin)**', '09:00'],
      ['**Timeline (all times in JST):**', '01:00'],
    ] as const) {
      const t = parsePostmortem(
        `# Outage\n\n${heading}\n\n- 2024-03-13 10:00 errors started\n- Status page updated\n\n## Impact\n\n- 10:00 to 11:00, 2% errors\n`,
      );
      assert.deepEqual([when(t), t.unplaced.map((u) => u.line)], [[`5 2024-03-13T${utc}`], [6]], heading);
    }
    // A bold line that only mentions a timeline, or a group of action items, opens none.
    const notHeadings = parsePostmortem(
      '# Outage\n\n## Timeline\n\n- 2024-03-13 10:00 UTC errors started\n\n## Action items\n\n**Events pipeline**\n\n- Add back-pressure\n\n' +
        '**The timeline below was rebuilt from Slack**\n\n- Keep an incident log\n',
    );
    assert.deepEqual(
      [when(notHeadings), notHeadings.actionItems.map((a) => a.title)],
      [['5 2024-03-13T10:00'], ['Add back-pressure', 'Keep an incident log']],
    );
  });

  it('reads a timeline up to its row limit and names the first row left out', () => {
    const rows = Array.from(
      { length: MAX_TIMELINE_ROWS + 5 },
      (_, i) => `- ${String(Math.floor(i / 60) % 24).padStart(2, '0')}:${String(i % 60).padStart(2, '0')} UTC step ${i}`,
    );
    const parsed = parsePostmortem(['# Outage on 2024-03-02', '## Timeline', ...rows].join('\n'));
    assert.equal(parsed.events.length, MAX_TIMELINE_ROWS);
    assert.equal(parsed.events[parsed.events.length - 1].text, `step ${MAX_TIMELINE_ROWS - 1}`);
    assert.deepEqual(
      parsed.warnings.filter((w) => /row limit|rows;/.test(w)),
      [`line ${MAX_TIMELINE_ROWS + 3}: the timeline is read up to ${MAX_TIMELINE_ROWS} rows; this row and 4 more after it are left out.`],
    );
  });

  it('reads a zone in brackets in the timeline heading as the zone of its rows, with no "read as UTC"', () => {
    const rows = '\n\n- 2024-03-13 10:00 errors started\n- 2024-03-13 11:00 resolved\n';
    for (const [zone, utc] of [
      ['(UTC)', ['5 2024-03-13T10:00', '6 2024-03-13T11:00']],
      ['(PST)', ['5 2024-03-13T18:00', '6 2024-03-13T19:00']],
      ['(UTC+2)', ['5 2024-03-13T08:00', '6 2024-03-13T09:00']],
      ['(Europe/Berlin)', ['5 2024-03-13T09:00', '6 2024-03-13T10:00']],
    ] as const) {
      const r = parsePostmortem(`# Outage\n\n## Timeline ${zone}${rows}`);
      assert.deepEqual(when(r), utc, zone);
      assert.deepEqual(r.warnings, [], zone);
    }
    // A day's sub-heading in the timeline can name its own; words in brackets are no zone.
    const days = parsePostmortem('# O\n\n## Timeline (UTC)\n\n### 2024-03-14 (JST)\n\n- 09:00 started\n');
    assert.deepEqual(when(days), ['7 2024-03-14T00:00']);
    const draft = parsePostmortem(`# Outage\n\n## Timeline (draft, see INC)${rows}`);
    assert.match(draft.warnings.join(), /read as UTC/);
  });

  it('says when it assumed UTC, and when there is no timeline at all', () => {
    const r = parsePostmortem('# T\n\n## Timeline\n\n- 2024-01-02 10:00 started\n');
    assert.deepEqual(when(r), ['5 2024-01-02T10:00']);
    assert.match(r.warnings.join(), /read as UTC/);
    assert.match(parsePostmortem('Just prose.\n', { fallbackTitle: 'notes.md' }).warnings.join(), /No timeline section/);
    assert.equal(parsePostmortem('Just prose.\n', { fallbackTitle: 'notes.md' }).title, 'notes.md');
  });
});

describe('postmortem import: a title longer than a typed one may be', () => {
  const now = new Date('2025-01-10T00:00:00Z');
  const planOf = (title: string) =>
    importPlan(parsePostmortem(`# ${title}\n\n## Timeline (UTC)\n\n- 2024-03-13 10:00 started\n`), {
      file: 'long.md',
      now,
      newItemId: () => 'ACT-00000001',
    });
  const notes = (plan: ReturnType<typeof importPlan>) =>
    plan.events.filter((e) => e.input.type === 'entry').map((e) => [e.at, e.input.text]);
  // 40 words of 9 characters and a space: 399 characters, a word boundary every 10.
  const long = Array.from({ length: 40 }, (_, i) => `word${String(i).padStart(5, '0')}`).join(' ');

  it('is cut at a word boundary to what a typed title may be, ending with "…", the whole heading kept in a note', () => {
    const plan = planOf(long);
    const title = plan.declaration.title;
    assert.equal(titleProblem(title), undefined, 'a title declare would take');
    // Words 0-18 are 189 characters, word 19 would end at 199 and the "…" make 200.
    assert.equal(title, `${long.slice(0, 199)}…`);
    assert.equal(title.length, MAX_TITLE_CHARS);
    assert.ok(long.startsWith(title.slice(0, -1)) && long[199] === ' ', 'ends where a word ends');
    assert.deepEqual(notes(plan), [
      ['2024-03-13T10:00:00.000Z', 'started'],
      [now.toISOString(), `The postmortem's title, cut to 200 characters for the incident's: ${long}`],
    ]);
    // Two characters on, the word that would not fit is left out whole.
    const shifted = planOf(`xx${long}`).declaration.title;
    assert.equal(shifted, `xx${long.slice(0, 189)}…`, 'ends at the space 8 characters back');
    // No space within 30 characters of the limit: cut mid-word.
    assert.equal(planOf('x'.repeat(450)).declaration.title, `${'x'.repeat(199)}…`);
    assert.equal(planOf(`${'a'.repeat(150)} ${'b'.repeat(100)}`).declaration.title, `${'a'.repeat(150)} ${'b'.repeat(48)}…`);
  });

  it('never ends on half an emoji or on a comma before the "…"', () => {
    const emoji = planOf(`${'x'.repeat(198)}\u{1F525}${'y'.repeat(20)}`).declaration.title;
    assert.equal(emoji, `${'x'.repeat(198)}…`);
    const comma = planOf(`${'x'.repeat(190)}, ${'y'.repeat(40)}`).declaration.title;
    assert.equal(comma, `${'x'.repeat(190)}…`);
  });

  it('leaves a title of 200 characters as written, with no note', () => {
    const exact = 'z'.repeat(MAX_TITLE_CHARS);
    const plan = planOf(exact);
    assert.equal(plan.declaration.title, exact);
    assert.deepEqual(notes(plan), [['2024-03-13T10:00:00.000Z', 'started']]);
  });

  it('knows an import from before the source was recorded by the title cut now or as older versions cut it (300)', () => {
    const source = { file: 'docs/long.md', sha256: 'f'.repeat(64) };
    const imported = (id: string, title: string) => ({
      id,
      title,
      events: [
        { type: 'declared', title },
        { type: 'resolved', resolution: 'Imported from long.md' },
      ] as never,
    });
    const cutNow = `${long.slice(0, 199)}…`;
    assert.deepEqual(earlierImport([imported('INC-1', cutNow)], source, long), { id: 'INC-1', title: cutNow, same: 'name' });
    assert.deepEqual(earlierImport([imported('INC-2', long.slice(0, 300))], source, long), {
      id: 'INC-2',
      title: long.slice(0, 300),
      same: 'name',
    });
    assert.equal(earlierImport([imported('INC-3', long.slice(0, 250))], source, long), undefined);
  });
});

describe('postmortem import: real postmortems (dfds/postmortems, MIT)', () => {
  it('reads a table headed "Date and Time in CET" as CET', () => {
    const r = read('dfds__postmortems__PM2019-011_-_Hellman_Kubernetes_IaC_accidentally_reverted.md');
    assert.equal(r.events.length, 11);
    assert.equal(r.events[0].ts, '2019-12-05T03:00:00.000Z');
    assert.equal(r.events[0].text, 'Team in US manually executed Terraform to update Kubernetes network infrastructure');
    assert.equal(r.milestones.resolved, '2019-12-05T11:40:00.000Z'); // "All systems verified operational"
    assert.equal(r.actionItems.length, 5);
    assert.equal(r.actionItems[0].title, 'Implement priority-classes for critical workloads');
  });

  it('lists date-only rows as unplaced, keeps rows out of order as written, decodes entities', () => {
    const r = read('dfds__postmortems__PM2021-011_-_Log4Shell.md');
    assert.equal(r.events.length, 23);
    assert.deepEqual(
      r.unplaced.map((u) => [u.line, u.reason]),
      [
        [15, 'a date but no time of day'],
        [37, 'a date but no time of day'],
        [38, 'a date but no time of day'],
      ],
    );
    assert.equal(
      r.events.find((e) => e.line === 19)?.text,
      'People in CE was discussing internally about Log4J, and decided to advice S&O',
    );
    assert.equal(r.events.find((e) => e.line === 23)?.ts, '2021-12-13T14:30:00.000Z', 'an earlier row after a later one stays on its day');
    assert.equal(r.events.at(-1)?.ts, '2022-01-04T11:03:00.000Z');
    assert.equal(r.actionItems.length, 6);
  });

  it('lists a template row and "14:??" rows as unplaced, and finds detection, declaration and closure', () => {
    const r = read('dfds__postmortems__PM2024-001_-_Two_Kubernetes_nodes_went_into_NotReady_state.md');
    assert.deepEqual(
      r.unplaced.map((u) => [u.line, u.reason]),
      [
        [16, 'a placeholder instead of a time'],
        [34, 'a placeholder instead of a time'],
        [35, 'a placeholder instead of a time'],
      ],
    );
    assert.equal(r.events.length, 25);
    assert.equal(r.milestones.detected, '2024-03-13T10:03:00.000Z');
    assert.equal(r.milestones.declared, '2024-03-13T10:12:00.000Z');
    assert.equal(r.milestones.resolved, '2024-03-13T12:10:00.000Z');
    assert.equal(r.milestones.closed, '2024-03-14T09:20:00.000Z');
    assert.equal(r.actionItems.length, 7);
  });

  it('reads a file without the .md extension and a multi-day table', () => {
    const r = read('dfds__postmortems__PM2022-009_-_Bad_AWS_EKS_AMI_causing_Kubernetes_issues');
    assert.equal(r.events.length, 20);
    assert.deepEqual(r.unplaced, []);
    assert.equal(r.startedAt, '2022-10-29T01:02:00.000Z');
    assert.equal(r.milestones.resolved, '2022-11-02T14:40:00.000Z');
  });
});

describe('postmortem import: hostile input', function () {
  /** Generous: each input takes well under a second; a quadratic or worse pattern takes minutes. */
  const BUDGET_MS = 60_000;
  this.timeout(6 * BUDGET_MS);
  const FIVE_MB = 5 * 1024 * 1024;
  const fill = (unit: string) => unit.repeat(Math.ceil(FIVE_MB / unit.length)).slice(0, FIVE_MB);
  const cases: Record<string, string> = {
    'one long line of brackets': '## Timeline\n- 10:00 ' + fill('[a]('),
    'spaces in a table cell': '## Timeline\n| ' + fill(' ') + 'x |\n',
    'rows and dates interleaved': '# T\n## Timeline\n' + fill('- March 3, 2024\n- 10:00 PM x\n'),
    'digits and colons': '## Timeline\n' + fill('1:1:1:1:1:1:1:1 am pm 12:12:12 '),
    'headings and hashes': fill('# # # # ## Timeline ### Jan 1 \n'),
    'table rows with zones': '## Timeline\n|a|b|\n|-|-|\n' + fill('| 10:00 Europe/Nowhere UTC+99 | x |\n'),
  };
  for (const [name, text] of Object.entries(cases)) {
    it(`finishes on ${name} (5 MB)`, async () => {
      const worker = new Worker(path.resolve(__dirname, '../../support/postmortemWorker.js'), { workerData: { text } });
      const timer = setTimeout(() => void worker.terminate(), BUDGET_MS);
      try {
        const result = await new Promise<unknown>((resolve, reject) => {
          worker.on('message', resolve);
          worker.on('error', reject);
          worker.on('exit', () => reject(new Error(`did not finish within ${BUDGET_MS} ms`)));
        });
        assert.ok(result);
      } finally {
        clearTimeout(timer);
        await worker.terminate();
      }
    });
  }
});
