import * as assert from 'node:assert/strict';
import { eventIdAfter, incidentIdFrom, newEventId, newIncidentId, isIncidentId, shortIncidentId } from '../../../src/core/ids';
import { priorityOf, SEVERITIES, URGENCIES } from '../../../src/core/severity';

describe('priority matrix', () => {
  it('gives P1 only to extensive impact with high urgency', () => {
    const p1 = SEVERITIES.flatMap((s) => URGENCIES.map((u) => [s, u, priorityOf(s, u)])).filter(([, , p]) => p === 'P1');
    assert.deepEqual(p1, [['SEV1', 'high', 'P1']]);
  });

  it('never ranks a lower severity above a higher one at the same urgency', () => {
    for (const urgency of URGENCIES) {
      const ranks = SEVERITIES.map((s) => Number(priorityOf(s, urgency).slice(1)));
      assert.deepEqual(
        [...ranks].sort((a, b) => a - b),
        ranks,
        urgency,
      );
    }
  });

  it('reads a minor, low-urgency issue as P5', () => {
    assert.equal(priorityOf('SEV4', 'low'), 'P5');
  });
});

describe('ids', () => {
  it('mints incident ids that carry their UTC minute and sort by it', () => {
    const id = newIncidentId(new Date('2026-11-22T23:43:10Z'), new Uint8Array([0b00001000, 0b10000110, 0b01000010, 0b10011000]));
    assert.equal(id, 'INC-20261122-2343-123456');
    assert.ok(isIncidentId(id));
    assert.equal(shortIncidentId(id), 'INC-2343-1234');
  });

  it('reads an incident id typed in any case, with spaces around, in the form ids are made in', () => {
    assert.equal(incidentIdFrom(' inc-20261122-2343-K3M9QZ '), 'INC-20261122-2343-k3m9qz');
    assert.equal(incidentIdFrom('INC-20261122-2343-k3m9qz'), 'INC-20261122-2343-k3m9qz');
    assert.equal(incidentIdFrom(' my-incident '), 'my-incident', 'a folder named otherwise is only trimmed');
    assert.equal(incidentIdFrom('  '), '');
  });

  it('gives different ids to two declarations in the same minute with different randomness', () => {
    const now = new Date('2026-11-22T23:43:00Z');
    assert.notEqual(newIncidentId(now, new Uint8Array([1, 2, 3, 4, 5, 6])), newIncidentId(now, new Uint8Array([1, 2, 4, 4, 5, 6])));
    assert.equal(newEventId(new Uint8Array(10).fill(255)), 'zzzzzzzzzzzzzzzz');
    assert.equal(newEventId(new Uint8Array(10)), '0000000000000000');
    assert.throws(() => newEventId(new Uint8Array(4)), /need 10 random bytes/);
  });

  it('gives the id just after another, in the order the fold breaks time ties by', () => {
    assert.equal(eventIdAfter('0000000000000000'), '0000000000000001');
    assert.equal(eventIdAfter('k3m9qz7p0000000h'), 'k3m9qz7p0000000j', 'Crockford skips i');
    assert.equal(eventIdAfter('k3m9qz7p000000zz'), 'k3m9qz7p00000100', 'carries');
    assert.equal(eventIdAfter('zzzzzzzzzzzzzzzz'), undefined, 'none after the last');
    assert.equal(eventIdAfter('not-an-id'), undefined);
    for (let id = newEventId(new Uint8Array(10).fill(7)), n = 0; n < 100; n++) {
      const next = eventIdAfter(id) as string;
      assert.ok(next > id, `${next} sorts after ${id}`);
      id = next;
    }
  });
});
