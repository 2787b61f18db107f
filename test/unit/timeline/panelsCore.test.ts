import * as assert from 'node:assert/strict';
import { IncidentEvent, stampEvent, validateEvent } from '../../../src/core/events';
import { foldIncident } from '../../../src/core/fold';
import { roleBoard } from '../../../src/core/roleBoard';
import { buildRoleBoardState, isRoleBoardState } from '../../../src/protocol/roleBoard';
import { commsEntryInput, CommsEntryEvent, draftUpdate, findInternals, INTERNAL_PATTERNS } from '../../../src/core/stakeholderUpdates';
import { countdown, resolveCadence, updateSchedule } from '../../../src/core/updateCadence';
import { matchStarts } from '../../support/matchStarts';

const T0 = Date.parse('2026-11-22T14:00:00Z');
const at = (minutes: number): string => new Date(T0 + minutes * 60_000).toISOString();
const ev = (id: string, minutes: number, type: string, author: string, fields: Record<string, unknown> = {}): IncidentEvent =>
  ({ id, ts: at(minutes), type, author, ...fields }) as IncidentEvent;
const declared = (severity: string): IncidentEvent =>
  ev('d', 0, 'declared', 'alice', {
    title: 'Checkout down on db-prod-03',
    severity,
    urgency: 'high',
    service: 'checkout-api',
    startedAt: at(-10),
    detectedAt: at(-2),
  });

describe('role board', () => {
  it('shows SEV1/SEV2 without an Incident Commander or Communications lead as gaps', () => {
    const board = roleBoard(
      foldIncident('i', [declared('SEV1'), ev('r', 1, 'role_assigned', 'alice', { role: 'commander', person: 'alice' })]),
    );
    assert.deepEqual(
      board.gaps.map((g) => g.role),
      ['comms'],
    );
    assert.equal(roleBoard(foldIncident('i', [declared('SEV2')])).gaps.length, 2);
    assert.equal(roleBoard(foldIncident('i', [declared('SEV3')])).gaps.length, 0);
    assert.equal(roleBoard(foldIncident('i', [declared('SEV1'), ev('x', 5, 'resolved', 'alice', { resolution: 'ok' })])).gaps.length, 0);
  });

  it('lists every role with holders and the hand-off history, newest first; SMEs stack', () => {
    const board = roleBoard(
      foldIncident('i', [
        declared('SEV1'),
        ev('r1', 1, 'role_assigned', 'alice', { role: 'commander', person: 'alice' }),
        ev('r2', 5, 'role_assigned', 'bob', { role: 'commander', person: 'bob' }),
        ev('s1', 6, 'role_assigned', 'bob', { role: 'sme', person: 'chen' }),
        ev('s2', 7, 'role_assigned', 'bob', { role: 'sme', person: 'dana' }),
      ]),
    );
    assert.equal(board.slots.length, 7);
    const ic = board.slots.find((s) => s.role === 'commander');
    assert.deepEqual(ic?.holders, [{ person: 'bob', since: at(5) }]);
    assert.deepEqual(
      ic?.history.map((t) => [t.person, t.handedTo]),
      [
        ['bob', undefined],
        ['alice', 'bob'],
      ],
    );
    assert.deepEqual(
      board.slots.find((s) => s.role === 'sme')?.holders.map((h) => h.person),
      ['chen', 'dana'],
    );
  });
});

describe('role board state with presence', () => {
  const incident = foldIncident('INC-20261122-1400-chk500', [declared('SEV1')]);

  it('carries who else has the incident open, and nothing when no one does', () => {
    const state = buildRoleBoardState(incident, 'alice', ['bob', 'chen']);
    assert.deepEqual(state.present, ['bob', 'chen']);
    assert.ok(isRoleBoardState(state));
    const alone = buildRoleBoardState(incident, 'alice');
    assert.equal('present' in alone, false, 'the field is absent, so an older page sees the same state');
    assert.ok(isRoleBoardState(alone));
  });

  it("drops a teammate's name the page would refuse instead of the whole board", () => {
    const state = buildRoleBoardState(incident, 'alice', ['bob', 'evil\u001b[2J', '   ', 'x'.repeat(201)]);
    assert.deepEqual(state.present, ['bob']);
    assert.ok(isRoleBoardState(state));
  });

  it('the page refuses a state whose presence is not a list of names', () => {
    const state = buildRoleBoardState(incident, 'alice');
    for (const present of ['bob', [1], ['ok', '\u0007'], null]) {
      assert.equal(isRoleBoardState({ ...state, present }), false, JSON.stringify(present));
    }
  });
});

describe('update cadence', () => {
  it('is due a cadence after the last comms entry, or after the declaration', () => {
    const fresh = foldIncident('i', [declared('SEV1')]);
    assert.equal(updateSchedule(fresh).dueAt, at(15));
    const updated = foldIncident('i', [declared('SEV2'), ev('c', 20, 'entry', 'eve', { kind: 'comms', text: 'x', audience: 'executive' })]);
    assert.deepEqual(updateSchedule(updated), { lastUpdateAt: at(20), lastUpdateBy: 'eve', cadenceMinutes: 30, dueAt: at(50) });
    assert.equal(updateSchedule(foldIncident('i', [declared('SEV4')])).dueAt, undefined);
    assert.equal(updateSchedule(foldIncident('i', [declared('SEV1'), ev('x', 5, 'resolved', 'a', { resolution: '' })])).dueAt, undefined);
  });

  it('takes overrides from settings and ignores nonsense', () => {
    assert.deepEqual(resolveCadence({ SEV1: 10, SEV2: -5, SEV3: 'x', SEV4: 120 }), { SEV1: 10, SEV2: 30, SEV3: 60, SEV4: 120 });
    assert.deepEqual(resolveCadence({ SEV3: null }), { SEV1: 15, SEV2: 30, SEV3: null, SEV4: null });
    assert.equal(updateSchedule(foldIncident('i', [declared('SEV1')]), resolveCadence({ SEV1: 5 })).dueAt, at(5));
  });

  it('counts down, then counts how late', () => {
    assert.deepEqual(countdown(at(15), new Date(T0 + 10 * 60_000)), { state: 'due-in', ms: 5 * 60_000 });
    assert.deepEqual(countdown(at(15), new Date(T0 + 20 * 60_000)), { state: 'overdue', ms: 5 * 60_000 });
    assert.deepEqual(countdown(undefined, new Date(T0)), { state: 'none' });
  });
});

describe('stakeholder updates', () => {
  const busy = foldIncident('i', [
    declared('SEV1'),
    ev('r1', 1, 'role_assigned', 'alice', { role: 'commander', person: 'alice' }),
    ev('h1', 3, 'entry', 'chen', { kind: 'hypothesis', text: 'Connection pool exhausted on db-prod-03' }),
    ev('h2', 4, 'entry', 'chen', { kind: 'hypothesis', text: 'Bad deploy 4f2a9c1d of checkout-api' }),
    ev('m', 5, 'amended', 'chen', { target: 'h2', text: 'Bad deploy 4f2a9c1d of checkout-api (config change)' }),
    ev('a1', 6, 'entry', 'bob', { kind: 'action', text: 'Roll back 4f2a9c1d' }),
  ]);
  const now = new Date(T0 + 30 * 60_000);

  it('keeps internals out of the customer draft', () => {
    const text = draftUpdate(busy, 'customers', { now, productName: 'Checkout' });
    assert.match(text, /We are investigating an issue affecting Checkout/);
    assert.deepEqual(findInternals(text, [busy.service]), []);
    assert.doesNotMatch(text, /db-prod|4f2a9c1d|checkout-api|Checkout down/);
  });

  it('gives executives impact and ETA, engineering the current hypothesis and next steps', () => {
    const exec = draftUpdate(busy, 'executive', { now, eta: '15:30 UTC' });
    assert.match(exec, /Business impact: complete outage/);
    assert.match(exec, /ETA: 15:30 UTC\./);
    assert.match(exec, /Incident Commander: alice/);
    const eng = draftUpdate(busy, 'engineering', { now });
    assert.match(eng, /Current hypothesis: Bad deploy 4f2a9c1d of checkout-api \(config change\) \(chen/);
    assert.match(eng, /Next steps:\n- Roll back 4f2a9c1d/);
    assert.match(eng, /Next update by 14:45 UTC\./);
  });

  it('lists deploys at when they happened, a deploy recorded after the fact too', () => {
    const deployed = foldIncident('i', [
      declared('SEV1'),
      ev('d1', 2, 'entry', 'ci', { kind: 'deploy', text: 'Deployed v2.4.1 to production', sha: 'a'.repeat(40) }),
      ev('d2', 20, 'entry', 'eve', {
        kind: 'deploy',
        text: 'Deployed 4f2a9c1 to production at 14:05',
        sha: 'b'.repeat(40),
        deployedAt: new Date(T0 + 5 * 60_000).toISOString(),
      }),
      // A teammate's entry dated after it was written: listed when it was written, as the ranking reads it.
      ev('d3', 30, 'entry', 'mallory', {
        kind: 'deploy',
        text: 'Deployed 9c0ffee to production',
        sha: 'c'.repeat(40),
        deployedAt: new Date(T0 + 24 * 60 * 60_000).toISOString(),
      }),
    ]);
    const eng = draftUpdate(deployed, 'engineering', { now });
    assert.match(
      eng,
      /Recent deploys:\n- 14:02 UTC Deployed v2\.4\.1 to production\n- 14:05 UTC Deployed 4f2a9c1 to production at 14:05\n- 14:30 UTC Deployed 9c0ffee to production\n/,
    );
  });

  it('promises the next update a cadence from now when one is overdue', () => {
    const late = draftUpdate(busy, 'executive', { now: new Date(T0 + 60 * 60_000) });
    assert.match(late, /Next update by 15:15 UTC\./);
  });

  it('flags internals a responder typed into customer text', () => {
    const found = findInternals(
      'Fixed by reverting 4f2a9c1d on db-prod-03 (10.0.3.7), see src/gw.ts:42 and api.payments.internal; checkout-api ok',
      ['checkout-api'],
    );
    assert.deepEqual(
      found.map((f) => f.text),
      ['4f2a9c1d', '10.0.3.7', 'api.payments.internal', 'db-prod-03', 'checkout-api', 'src/gw.ts:42'],
    );
    assert.deepEqual(findInternals('We have fixed the problem. Sorry for the trouble in 2026.'), []);
  });

  it('starts each internal-name pattern once in a run of name characters, however it is hyphenated, dotted or slashed', () => {
    // Each pattern reads to the end of a run from where it starts; started again at every boundary
    // inside a 40,000-character run it took 4.7 s. Its time is updates.internalsHostile in npm run bench.
    // Each run here ends in a name some pattern finds, so the count says where a pattern can start.
    for (const unit of ['a-', 'a.', 'a/', 'a-1']) {
      for (const end of ['db', '01', 'x.internal', 'x.ts']) {
        const text = unit.repeat(50) + end;
        for (const { pattern, why } of INTERNAL_PATTERNS) {
          const starts = matchStarts(pattern, text);
          assert.ok(starts.length <= 1, `${why}: ${starts.length} starts in ${unit} x 50 + ${end}`);
        }
      }
    }
    // The runs above are still found whole.
    assert.deepEqual(
      ['a-'.repeat(50) + 'db', 'a.'.repeat(50) + 'x.internal', 'a/'.repeat(50) + 'x.ts', 'a-'.repeat(50) + '01'].map((t) =>
        findInternals(t).map((f) => f.text.length === t.length && f.why),
      ),
      [['an internal service or host name'], ['an internal host name'], ['a source file'], ['a numbered host name']],
    );
  });

  it('records a sent update as a valid comms entry with its audience', () => {
    const input = commsEntryInput(
      { incidentId: 'i', audience: 'customers', text: 'All good', title: 't', severity: 'SEV1', status: 'resolved' },
      ['statuspage'],
    );
    const event = stampEvent<CommsEntryEvent>(input, { id: 'c1', ts: new Date(T0), author: 'eve' });
    assert.ok('event' in validateEvent(JSON.parse(JSON.stringify(event))));
    assert.deepEqual(
      { kind: event.kind, audience: event.audience, via: event.via },
      { kind: 'comms', audience: 'customers', via: ['statuspage'] },
    );
  });
});
