import * as assert from 'node:assert/strict';
import { OncallConfig, Rotation } from '../../../src/core/oncall/model';
import { oncallProblems } from '../../../src/core/oncall/problems';
import { escalationAt, OncallResolver } from '../../../src/core/oncall/resolve';
import { zonedInstants, zonedToInstant } from '../../../src/core/oncall/zone';

const ms = (isoText: string) => Date.parse(isoText);

function rotation(partial: Partial<Rotation> & Pick<Rotation, 'id'>): Rotation {
  return {
    layer: 'primary',
    services: ['checkout'],
    members: ['alice', 'bob', 'carol'],
    start: '2026-03-23',
    lengthDays: 7,
    handoff: '09:00',
    timeZone: 'Europe/Berlin',
    ...partial,
  };
}

function config(partial: Partial<OncallConfig>): OncallConfig {
  return { rotations: [], overrides: [], escalation: [], ...partial };
}

function who(c: OncallConfig, service: string, at: string): string[] {
  return new OncallResolver(c).onCallAt(service, ms(at)).map((s) => `${s.layer}:${s.person}`);
}

describe('on-call zone arithmetic (Europe/Berlin)', () => {
  it('reads wall times on both sides of the March and October changes', () => {
    // 2026-03-29 02:00 CET -> 03:00 CEST; 2026-10-25 03:00 CEST -> 02:00 CET.
    const at = (date: string, time: string) => {
      const [y, m, d] = date.split('-').map(Number);
      const [hh, mm] = time.split(':').map(Number);
      return zonedToInstant('Europe/Berlin', Date.UTC(y, m - 1, d, hh, mm));
    };
    assert.deepEqual(at('2026-03-28', '09:00'), { ms: ms('2026-03-28T08:00:00Z'), gap: false });
    assert.deepEqual(at('2026-03-30', '09:00'), { ms: ms('2026-03-30T07:00:00Z'), gap: false });
    // 02:30 does not exist on the 29th: clocks go from 02:00 to 03:00, so it is 03:30 CEST.
    assert.deepEqual(at('2026-03-29', '02:30'), { ms: ms('2026-03-29T01:30:00Z'), gap: true });
    // 02:30 happens twice on 25 October: the first, still in summer time.
    assert.deepEqual(at('2026-10-25', '02:30'), { ms: ms('2026-10-25T00:30:00Z'), gap: false });
    assert.deepEqual(at('2026-10-26', '02:30'), { ms: ms('2026-10-26T01:30:00Z'), gap: false });
  });

  it('gives the second time of the hour the clocks go back, and nothing for a time that happens once or not at all', () => {
    const again = (iso: string) => zonedInstants('Europe/Berlin', ms(`${iso}Z`)).repeated;
    assert.equal(again('2026-10-25T02:30:00'), ms('2026-10-25T01:30:00Z'), 'the second 02:30, winter time');
    assert.equal(again('2026-10-25T03:30:00'), undefined);
    assert.equal(again('2026-10-26T02:30:00'), undefined);
    assert.equal(again('2026-03-29T02:30:00'), undefined, 'a time in the spring gap');
  });
});

describe('on-call rotations', () => {
  const weekly = config({ rotations: [rotation({ id: 'checkout-primary' })] });

  it('hands off weekly at 09:00 Berlin time across the March change (a 167-hour shift)', () => {
    // Shift 0 (alice) starts Monday 23 March 09:00 CET = 08:00Z.
    assert.deepEqual(who(weekly, 'checkout', '2026-03-23T07:59:00Z'), []);
    assert.deepEqual(who(weekly, 'checkout', '2026-03-23T08:00:00Z'), ['primary:alice']);
    // Monday 30 March 09:00 is CEST = 07:00Z: a UTC week (08:00Z) would still say alice at 07:30Z.
    assert.deepEqual(who(weekly, 'checkout', '2026-03-30T06:59:00Z'), ['primary:alice']);
    assert.deepEqual(who(weekly, 'checkout', '2026-03-30T07:30:00Z'), ['primary:bob']);
    const shift = new OncallResolver(weekly).onCallAt('checkout', ms('2026-03-25T12:00:00Z'))[0];
    assert.equal(shift.from, '2026-03-23T08:00:00.000Z');
    assert.equal(shift.until, '2026-03-30T07:00:00.000Z');
  });

  it('hands off weekly across the October change (a 169-hour shift)', () => {
    // 23 March to 19 October is 210 days = 30 weeks: shift 30, 30 mod 3 = 0, alice, from 09:00 CEST = 07:00Z.
    assert.deepEqual(who(weekly, 'checkout', '2026-10-19T06:59:00Z'), ['primary:carol']);
    assert.deepEqual(who(weekly, 'checkout', '2026-10-19T07:00:00Z'), ['primary:alice']);
    // Monday 26 October 09:00 is CET = 08:00Z: alice still holds it at 07:30Z.
    assert.deepEqual(who(weekly, 'checkout', '2026-10-26T07:30:00Z'), ['primary:alice']);
    assert.deepEqual(who(weekly, 'checkout', '2026-10-26T08:00:00Z'), ['primary:bob']);
  });

  it('moves a hand-off that falls in the DST gap to when the clock allows, and reports it', () => {
    const daily = config({
      rotations: [
        rotation({
          id: 'nightly',
          members: ['xavier', 'yara'],
          start: '2026-03-27',
          lengthDays: 1,
          handoff: '02:30',
          position: { line: 4, column: 5 },
        }),
      ],
    });
    // 27th 02:30 CET = 01:30Z xavier; 28th 01:30Z yara; 29th 02:30 is skipped: 03:30 CEST = 01:30Z xavier; 30th 02:30 CEST = 00:30Z yara.
    assert.deepEqual(who(daily, 'checkout', '2026-03-29T01:29:00Z'), ['primary:yara']);
    assert.deepEqual(who(daily, 'checkout', '2026-03-29T01:30:00Z'), ['primary:xavier']);
    assert.deepEqual(who(daily, 'checkout', '2026-03-30T00:29:00Z'), ['primary:xavier']);
    assert.deepEqual(who(daily, 'checkout', '2026-03-30T00:30:00Z'), ['primary:yara']);
    const problems = oncallProblems(daily, '.warroom/oncall.yaml', { from: new Date('2026-03-27T01:30:00Z'), days: 10 });
    assert.deepEqual(
      problems.map((p) => [p.line, p.message]),
      [
        [
          4,
          'rotation "nightly": the hand-off at 02:30 on shift 3 falls in a DST gap in Europe/Berlin; it happens at 2026-03-29T01:30:00.000Z',
        ],
      ],
    );
  });

  it('applies overrides on their layer and cuts the rotation turn around them', () => {
    const c = config({
      rotations: [rotation({ id: 'p' }), rotation({ id: 's', layer: 'secondary', members: ['erin', 'frank'] })],
      overrides: [{ rotation: 'p', who: 'dave', from: '2026-03-25T18:00:00Z', to: '2026-03-26T06:00:00Z' }],
    });
    const r = new OncallResolver(c);
    const noon = r.onCallAt('checkout', ms('2026-03-25T12:00:00Z'));
    assert.deepEqual(
      noon.map((s) => [s.layer, s.person, s.from, s.until, s.override]),
      [
        ['primary', 'alice', '2026-03-23T08:00:00.000Z', '2026-03-25T18:00:00.000Z', false],
        ['secondary', 'erin', '2026-03-23T08:00:00.000Z', '2026-03-30T07:00:00.000Z', false],
      ],
    );
    assert.deepEqual(who(c, 'checkout', '2026-03-25T20:00:00Z'), ['primary:dave', 'secondary:erin']);
    const after = r.onCallAt('checkout', ms('2026-03-26T06:00:00Z'))[0];
    assert.deepEqual([after.person, after.from, after.until], ['alice', '2026-03-26T06:00:00.000Z', '2026-03-30T07:00:00.000Z']);
    assert.equal(r.nextOnCall('checkout', 'primary', ms('2026-03-25T12:00:00Z'))?.person, 'dave');
    assert.equal(r.nextOnCall('checkout', 'primary', ms('2026-03-25T20:00:00Z'))?.person, 'alice');
    assert.equal(r.nextOnCall('checkout', 'secondary', ms('2026-03-25T20:00:00Z'))?.person, 'frank');
  });

  it('answers overlapping overrides the same whatever was asked before: the one written first holds', () => {
    // carol covers 12-13 inside dave's 10-14; carol is written first.
    const c = config({
      rotations: [rotation({ id: 'p' })],
      overrides: [
        { rotation: 'p', who: 'carol', from: '2026-03-25T12:00:00Z', to: '2026-03-25T13:00:00Z' },
        { rotation: 'p', who: 'dave', from: '2026-03-25T10:00:00Z', to: '2026-03-25T14:00:00Z' },
      ],
    });
    const hours = ['09:30', '11:00', '12:30', '13:30', '14:30'].map((h) => `2026-03-25T${h}:00Z`);
    const expected = ['primary:alice', 'primary:dave', 'primary:carol', 'primary:dave', 'primary:alice'];
    assert.deepEqual(
      hours.map((h) => who(c, 'checkout', h)[0]),
      expected,
      'each asked of a fresh resolver',
    );
    const warm = new OncallResolver(c);
    const inOrder = hours.map((h) => warm.onCallAt('checkout', ms(h))[0]);
    assert.deepEqual(
      inOrder.map((s) => `primary:${s.person}`),
      expected,
      'asked in turn of one resolver',
    );
    assert.deepEqual([inOrder[1].from, inOrder[1].until], ['2026-03-25T10:00:00.000Z', '2026-03-25T12:00:00.000Z']);
    assert.deepEqual([inOrder[3].from, inOrder[3].until], ['2026-03-25T13:00:00.000Z', '2026-03-25T14:00:00.000Z']);
    assert.equal(warm.nextOnCall('checkout', 'primary', ms('2026-03-25T11:00:00Z'))?.person, 'carol');
  });

  it("reads the zone's offset inside a shift that spans a summer between two winters", () => {
    const c = config({ rotations: [rotation({ id: 'y', members: ['solo'], start: '2026-01-05', lengthDays: 364 })] });
    const clock = new OncallResolver(c).clock('y');
    // 18:30 CEST on 1 July: two hours ahead, though the shift starts and ends in winter time.
    assert.equal(clock?.offsetAt(ms('2026-07-01T16:30:00Z')), 120);
    assert.equal(clock?.offsetAt(ms('2026-02-01T16:30:00Z')), 60);
  });

  it('reports no DST gap for a hand-off after the rotation has ended', () => {
    const ended = rotation({
      id: 'old',
      start: '2025-01-01',
      end: '2026-03-01',
      lengthDays: 1,
      handoff: '02:30',
      position: { line: 3, column: 3 },
    });
    const c = config({ rotations: [ended, rotation({ id: 'new', start: '2026-03-01' })] });
    const problems = oncallProblems(c, 'oncall.yaml', { from: new Date('2026-03-20T00:00:00Z'), days: 28 });
    assert.deepEqual(
      problems.filter((p) => /DST gap/.test(p.message)),
      [],
    );
    const running = config({ rotations: [{ ...ended, end: undefined }] });
    assert.equal(
      oncallProblems(running, 'oncall.yaml', { from: new Date('2026-03-20T00:00:00Z'), days: 28 }).filter((p) => /DST gap/.test(p.message))
        .length,
      1,
      'the same rotation still running: its 02:30 hand-off on 29 March falls in the gap',
    );
  });

  it('names each escalation level by who holds its layers', () => {
    const c = config({
      rotations: [rotation({ id: 'p' }), rotation({ id: 's', layer: 'secondary', members: ['erin', 'frank'] })],
      escalation: [
        {
          service: 'checkout',
          levels: [
            { afterMinutes: 0, notify: ['primary'] },
            { afterMinutes: 15, notify: ['secondary'] },
            { afterMinutes: 30, notify: ['grace', 'primary'] },
          ],
        },
      ],
    });
    assert.deepEqual(
      escalationAt(new OncallResolver(c), 'checkout', ms('2026-03-31T12:00:00Z')).map((l) => [l.afterMinutes, l.people.join('+')]),
      [
        [0, 'bob'],
        [15, 'frank'],
        [30, 'grace+bob'],
      ],
    );
  });

  it('reports unknown members, overlapping overrides and hours with no one on call', () => {
    const c = config({
      people: ['alice', 'bob', 'carol'],
      rotations: [rotation({ id: 'p', members: ['alice', 'bob', 'mallory'], end: '2026-04-06', position: { line: 3, column: 3 } })],
      overrides: [
        { rotation: 'p', who: 'bob', from: '2026-03-24T00:00:00Z', to: '2026-03-25T00:00:00Z', position: { line: 10, column: 3 } },
        { rotation: 'p', who: 'carol', from: '2026-03-24T12:00:00Z', to: '2026-03-26T00:00:00Z', position: { line: 14, column: 3 } },
      ],
    });
    const problems = oncallProblems(c, 'oncall.yaml', { from: new Date('2026-04-05T00:00:00Z'), days: 2 });
    assert.deepEqual(
      problems.map((p) => `${p.line}: ${p.message}`),
      [
        '3: rotation "p": "mallory" is not in people',
        // The rotation ends at its hand-off on 6 April, 09:00 CEST = 07:00Z.
        '3: no one on call for "checkout" from 2026-04-06T07:00:00.000Z to 2026-04-07T00:00:00.000Z (17 h)',
        '14: override overlaps the one at line 10 on rotation "p", which holds the overlap (written first)',
      ],
    );
  });
});
