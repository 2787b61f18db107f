import * as assert from 'node:assert/strict';
import {
  formatDuration,
  formatLocalTime,
  formatUtc,
  formatUtcOffset,
  monthAxisLabels,
  parseDuration,
  parseWhen,
} from '../../../src/core/time';
import { CliIo, readTime } from '../../../src/cli/command';
import { UsageError } from '../../../src/cli/args';

function when(input: string, now: Date): Date {
  const parsed = parseWhen(input, now);
  if ('error' in parsed) {
    throw new Error(parsed.error);
  }
  return parsed.time;
}

describe('parseWhen', () => {
  const savedTz = process.env.TZ;
  before(() => {
    process.env.TZ = 'Europe/Copenhagen';
  });
  after(() => {
    process.env.TZ = savedTz;
  });

  // 23:43 local in Copenhagen (UTC+1 in November)
  const now = new Date('2026-11-22T22:43:00Z');

  it('reads empty input and "now" as now', () => {
    assert.equal(when('', now).toISOString(), now.toISOString());
    assert.equal(when(' Now ', now).toISOString(), now.toISOString());
  });

  it('reads relative times', () => {
    assert.equal(when('20m ago', now).toISOString(), '2026-11-22T22:23:00.000Z');
    assert.equal(when('1h 30m ago', now).toISOString(), '2026-11-22T21:13:00.000Z');
    assert.equal(when('2 hours ago', now).toISOString(), '2026-11-22T20:43:00.000Z');
  });

  it('reads a clock time as local time today', () => {
    assert.equal(when('14:15', now).toISOString(), '2026-11-22T13:15:00.000Z');
    assert.equal(when('2:15pm', now).toISOString(), '2026-11-22T13:15:00.000Z');
  });

  it('reads a clock time later than now as yesterday', () => {
    const justAfterMidnight = new Date('2026-11-22T23:10:00Z'); // 00:10 local on the 23rd
    assert.equal(when('23:40', justAfterMidnight).toISOString(), '2026-11-22T22:40:00.000Z');
  });

  it('reads "yesterday 23:40"', () => {
    assert.equal(when('yesterday 23:40', now).toISOString(), '2026-11-21T22:40:00.000Z');
  });

  it('reads ISO times with and without a zone', () => {
    assert.equal(when('2026-11-22T14:15:00Z', now).toISOString(), '2026-11-22T14:15:00.000Z');
    assert.equal(when('2026-11-22T14:15', now).toISOString(), '2026-11-22T13:15:00.000Z');
  });

  it('crosses a DST change by wall clock, not by 24 hours', () => {
    // Summer time ended 2026-10-25 at 03:00 local; "yesterday 12:00" on the 25th is UTC+2 then.
    const onDstDay = new Date('2026-10-25T13:00:00Z');
    assert.equal(when('yesterday 12:00', onDstDay).toISOString(), '2026-10-24T10:00:00.000Z');
  });

  it('refuses a clock time the clocks skipped, rather than reading it a day earlier', () => {
    // Summer time began 2026-03-29 at 02:00 local (to 03:00); 03:10 local is 01:10Z.
    const afterSpringForward = new Date('2026-03-29T01:10:00Z');
    const skipped = parseWhen('02:30', afterSpringForward);
    assert.ok('error' in skipped && /did not happen/.test(skipped.error), JSON.stringify(skipped));
    const yesterdaySkipped = parseWhen('yesterday 02:30', new Date('2026-03-30T10:00:00Z'));
    assert.ok('error' in yesterdaySkipped && /did not happen/.test(yesterdaySkipped.error), JSON.stringify(yesterdaySkipped));
    // The hour either side of the gap still reads as typed.
    assert.equal(when('01:30', afterSpringForward).toISOString(), '2026-03-29T00:30:00.000Z');
    assert.equal(when('03:05', afterSpringForward).toISOString(), '2026-03-29T01:05:00.000Z');
  });

  it('reads a clock time that happened twice (the clocks went back) as the later one when it is past, and says so', () => {
    // Summer time ended 2026-10-25 at 03:00 CEST (01:00Z), back to 02:00 CET: 02:00-02:59 happened twice.
    const secondPass = new Date('2026-10-25T01:40:00Z'); // 02:40 CET
    const twice = parseWhen('02:20', secondPass);
    assert.ok('time' in twice, JSON.stringify(twice));
    assert.equal(twice.time.toISOString(), '2026-10-25T01:20:00.000Z');
    assert.equal(
      twice.note,
      '"02:20" happened twice on 2026-10-25 here (the clocks went back): read as the later one, 2026-10-25 01:20:00 UTC; for the earlier, type 2026-10-25T02:20+02:00',
    );
    // The note's way to the earlier one reads as that one.
    assert.equal(when('2026-10-25T02:20+02:00', secondPass).toISOString(), '2026-10-25T00:20:00.000Z');
    // During the first pass the later one has not happened: the first is meant, without a note.
    const firstPass = parseWhen('02:20', new Date('2026-10-25T00:40:00Z'));
    assert.deepEqual(firstPass, { time: new Date('2026-10-25T00:20:00.000Z') });
    const yesterday = parseWhen('yesterday 02:20', new Date('2026-10-26T10:00:00Z'));
    assert.ok('time' in yesterday && yesterday.note);
    assert.equal(yesterday.time.toISOString(), '2026-10-25T01:20:00.000Z');
    // An hour outside the repeated one is read as typed.
    assert.deepEqual(parseWhen('01:50', secondPass), { time: new Date('2026-10-24T23:50:00.000Z') });
    assert.deepEqual(parseWhen('03:10', new Date('2026-10-25T02:40:00Z')), { time: new Date('2026-10-25T02:10:00.000Z') });
    // The CLI's reading of --began, --at and the rest warns with the note.
    const err: string[] = [];
    const io: CliIo = { out: () => undefined, err: (t) => err.push(t), cwd: '.', env: {} };
    assert.equal(readTime('02:20', secondPass, io, '--began').toISOString(), '2026-10-25T01:20:00.000Z');
    assert.deepEqual(err, [`warning: ${twice.note}`]);
    assert.throws(
      () => readTime('02:61', secondPass, io, '--began'),
      (e: unknown) => e instanceof UsageError && /^--began: "02:61" is not a time of day \(now, 14:15/.test(e.message),
    );
  });

  it('refuses an ISO date that is not on the calendar instead of rolling it into the next month', () => {
    for (const input of ['2026-02-31T10:00Z', '2026-02-29', '2026-04-31T09:00', '2026-13-01T00:00Z', '2026-00-10']) {
      const parsed = parseWhen(input, now);
      assert.ok('error' in parsed && /not a date/.test(parsed.error), `${input}: ${JSON.stringify(parsed)}`);
    }
    assert.equal(when('2024-02-29T10:00Z', now).toISOString(), '2024-02-29T10:00:00.000Z');
  });

  it('refuses the future and nonsense with a message that says what it accepts', () => {
    const future = parseWhen('2030-01-01T00:00Z', now);
    assert.ok('error' in future && /future/.test(future.error));
    const nonsense = parseWhen('around teatime', now);
    assert.ok('error' in nonsense && /20m ago/.test(nonsense.error));
    const badClock = parseWhen('25:61', now);
    assert.ok('error' in badClock);
    // Before any date there is: an error, not an Invalid Date that throws where it is written.
    assert.deepEqual(parseWhen('999999999d ago', now), { error: '"999999999d ago" is too long ago to be a time' });
  });
});

describe('durations', () => {
  it('parses window lengths', () => {
    assert.equal(parseDuration('24h'), 86_400_000);
    assert.equal(parseDuration('1h30m'), 5_400_000);
    assert.equal(parseDuration('2d'), 172_800_000);
    assert.equal(parseDuration('soon'), undefined);
  });

  it('formats elapsed times compactly', () => {
    assert.equal(formatDuration(45_000), '45s');
    assert.equal(formatDuration(32 * 60_000), '32m');
    assert.equal(formatDuration(125 * 60_000), '2h 05m');
    assert.equal(formatDuration(76 * 3_600_000), '3d 4h');
    assert.equal(formatDuration(-5000), '0s');
  });
});

describe('times as the editor shows them', () => {
  it('reads a time in UTC, and on a local clock saying which', () => {
    const at = '2026-11-22T23:38:05.000Z';
    assert.equal(formatUtc(at), '2026-11-22 23:38:05 UTC');
    assert.equal(formatLocalTime(at, 60), '2026-11-23 00:38 UTC+01:00');
    assert.equal(formatLocalTime(at, -330), '2026-11-22 18:08 UTC-05:30');
    assert.equal(formatLocalTime(at, 0), '2026-11-22 23:38 UTC+00:00');
    assert.equal(formatUtcOffset(345), 'UTC+05:45');
    assert.equal(formatLocalTime('soon', 60), 'soon');
    assert.equal(formatUtc('soon'), 'soon');
  });
});

describe('monthAxisLabels: a chart month axis', () => {
  it('names each month, with the year under the first and under each January', () => {
    assert.deepEqual(monthAxisLabels(['2025-12', '2026-01', '2026-02']), [
      { month: 'Dec', year: '2025' },
      { month: 'Jan', year: '2026' },
      { month: 'Feb' },
    ]);
    assert.deepEqual(monthAxisLabels(['2026-09', '2026-10']), [{ month: 'Sep', year: '2026' }, { month: 'Oct' }]);
    assert.deepEqual(monthAxisLabels([]), []);
  });

  it('keeps the text of what is not a month', () => {
    assert.deepEqual(monthAxisLabels(['2026-13', 'later', '2026-00']), [{ month: '2026-13' }, { month: 'later' }, { month: '2026-00' }]);
  });
});
