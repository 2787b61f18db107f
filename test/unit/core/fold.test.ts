import * as assert from 'node:assert/strict';
import { EntryEvent, RoleAssignedEvent } from '../../../src/core/events';
import { foldIncident, orderEvents } from '../../../src/core/fold';
import { at, declared, other } from '../../support/events';

const ID = 'INC-20261122-2300-abcdef';

describe('foldIncident', () => {
  it('folds a declaration into an investigating incident with its priority', () => {
    const incident = foldIncident(ID, [declared({ severity: 'SEV2', urgency: 'medium' })]);
    assert.equal(incident.title, 'Checkout returns 500');
    assert.equal(incident.status, 'investigating');
    assert.equal(incident.severity, 'SEV2');
    assert.equal(incident.priority, 'P3');
    assert.equal(incident.declared, true);
    assert.equal(incident.startedAt, at(0));
  });

  it('applies events in timestamp order whatever order the file holds them in', () => {
    const events = [
      { id: 'b', ts: at(20), type: 'severity_changed', author: 'bob', severity: 'SEV3' },
      declared(),
      { id: 'a', ts: at(10), type: 'severity_changed', author: 'bob', severity: 'SEV2' },
    ];
    assert.equal(foldIncident(ID, events).severity, 'SEV3');
    assert.equal(foldIncident(ID, [...events].reverse()).severity, 'SEV3');
  });

  it('breaks timestamp ties by id so every replica folds the same', () => {
    const a = { id: 'aaa', ts: at(10), type: 'severity_changed', author: 'x', severity: 'SEV2' };
    const b = { id: 'bbb', ts: at(10), type: 'severity_changed', author: 'y', severity: 'SEV4' };
    assert.equal(foldIncident(ID, [declared(), a, b]).severity, 'SEV4');
    assert.equal(foldIncident(ID, [declared(), b, a]).severity, 'SEV4');
  });

  it('drops duplicate event ids (a union merge of two identical appends)', () => {
    const note: EntryEvent = { id: 'n1', ts: at(8), type: 'entry', author: 'a', kind: 'note', text: 'pool at 100%' };
    const incident = foldIncident(ID, [declared(), note, { ...note }, declared()]);
    assert.equal(incident.entries.length, 1);
    assert.equal(incident.events.length, 2);
  });

  it('hands a single-holder role off and keeps the history', () => {
    const assign = (id: string, minute: number, person: string): RoleAssignedEvent => ({
      id,
      ts: at(minute),
      type: 'role_assigned',
      author: 'x',
      role: 'commander',
      person,
    });
    const incident = foldIncident(ID, [declared(), assign('r1', 6, 'alice'), assign('r2', 30, 'bob')]);
    assert.deepEqual(
      incident.roles.map((r) => [r.role, r.person]),
      [['commander', 'bob']],
    );
    assert.deepEqual(
      incident.roleHistory.map((t) => [t.person, t.until, t.handedTo]),
      [
        ['alice', at(30), 'bob'],
        ['bob', undefined, undefined],
      ],
    );
  });

  it('lets several people be SMEs at once', () => {
    const sme = (id: string, person: string) => ({ id, ts: at(7), type: 'role_assigned', author: 'x', role: 'sme', person });
    const incident = foldIncident(ID, [declared(), sme('s1', 'carol'), sme('s2', 'dan')]);
    assert.deepEqual(incident.roles.map((r) => r.person).sort(), ['carol', 'dan']);
  });

  it('resolves and reopens back to the status it had', () => {
    const incident = foldIncident(ID, [
      declared(),
      { id: 's', ts: at(10), type: 'status_changed', author: 'a', status: 'monitoring' },
      { id: 'r', ts: at(20), type: 'resolved', author: 'a', resolution: 'rolled back' },
    ]);
    assert.equal(incident.status, 'resolved');
    assert.equal(incident.resolvedAt, at(20));
    assert.equal(incident.resolution, 'rolled back');
    const reopened = foldIncident(ID, [...incident.events, { id: 'o', ts: at(25), type: 'reopened', author: 'b' }]);
    assert.equal(reopened.status, 'monitoring');
    assert.equal(reopened.resolvedAt, undefined);
  });

  it('keeps unknown event types without folding them', () => {
    const incident = foldIncident(ID, [declared(), other('hologram_projected', { beam: 3 })]);
    assert.equal(incident.unknownEventCount, 1);
    assert.equal(incident.events.length, 2);
    assert.equal(incident.title, 'Checkout returns 500');
  });

  it('uses the first declaration when two replicas both declared', () => {
    const incident = foldIncident(ID, [declared({ id: 'd2', ts: at(9), title: 'Later' }), declared()]);
    assert.equal(incident.title, 'Checkout returns 500');
  });

  it('reports an incident with no declaration instead of inventing one', () => {
    const incident = foldIncident(ID, [{ id: 'n', ts: at(1), type: 'entry', author: 'a', kind: 'note', text: 'x' }]);
    assert.equal(incident.declared, false);
  });
});

describe('orderEvents', () => {
  it('orders 10,000 shuffled events the same as sorted input', () => {
    const events = Array.from({ length: 10_000 }, (_, i) => ({
      id: `id${i}`,
      ts: at(i),
      type: 'entry',
      author: 'a',
      kind: 'note',
      text: String(i),
    }));
    const shuffled = [...events].sort(
      (a, b) =>
        ((a.id.length * 7919 + Number(a.id.slice(2)) * 104729) % 10007) - ((b.id.length * 7919 + Number(b.id.slice(2)) * 104729) % 10007),
    );
    assert.deepEqual(
      orderEvents(shuffled).map((e) => e.id),
      events.map((e) => e.id),
    );
  });
});
