import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { IncidentEvent } from '../../../src/core/events';
import { foldIncident } from '../../../src/core/fold';
import {
  ACTION_ITEM_ID_PATTERN,
  actionItemsOf,
  closedActionIds,
  daysOverdue,
  isOverdue,
  newActionItemId,
} from '../../../src/core/learning/actionItems';
import { repoRoot } from '../../harness/paths';
import { at, declared } from '../../support/events';

const ID = 'INC-20261122-2300-abcdef';
const A = 'ACT-k3m9qz7p';
const B = 'ACT-0000aaaa';
const item = (id: string, minute: number, type: string, fields: Record<string, unknown>): IncidentEvent => ({
  id,
  ts: at(minute),
  type: `action_item_${type}`,
  author: 'bob',
  ...fields,
});
const fold = (...events: IncidentEvent[]) => actionItemsOf(foldIncident(ID, [declared(), ...events]));

describe('action items', () => {
  it('mints ids two teammates offline will not share', () => {
    const a = newActionItemId(Uint8Array.from([1, 2, 3, 4, 5]));
    const b = newActionItemId(Uint8Array.from([1, 2, 3, 4, 6]));
    assert.match(a, ACTION_ITEM_ID_PATTERN);
    assert.notEqual(a, b);
  });

  it('is written in the README and docs as the code writes it, lower case after ACT-', () => {
    const docs = ['README.md', ...fs.readdirSync(path.join(repoRoot, 'docs')).map((f) => path.join('docs', f))].filter((f) =>
      f.endsWith('.md'),
    );
    const shown = docs.flatMap((f) =>
      [...fs.readFileSync(path.join(repoRoot, f), 'utf8').matchAll(/\bACT-[0-9A-Za-z]{8}\b/g)].map((m) => `${f}: ${m[0]}`),
    );
    assert.ok(shown.length > 0, 'the README shows an id');
    assert.deepEqual(
      shown.filter((s) => !ACTION_ITEM_ID_PATTERN.test(s.split(': ')[1])),
      [],
    );
  });

  it('folds added, changed, closed and reopened into the current item, in the order added', () => {
    const { items, problems } = fold(
      item('e1', 10, 'added', { itemId: A, title: 'Alert on pool saturation', kind: 'detect', owner: 'riley', due: '2026-12-01' }),
      item('e2', 11, 'added', { itemId: B, title: 'Cap pool size in config', kind: 'prevent' }),
      item('e3', 12, 'changed', { itemId: A, owner: 'sam', priority: 'high' }),
      item('e4', 13, 'closed', { itemId: B, outcome: 'done', sha: 'a'.repeat(40) }),
      item('e5', 14, 'closed', { itemId: A, outcome: 'wont_do', reason: 'covered by SLO alert' }),
      item('e6', 15, 'reopened', { itemId: A, reason: 'SLO alert too slow' }),
    );
    assert.deepEqual(problems, []);
    assert.deepEqual(
      items.map((i) => [i.id, i.status, i.owner, i.priority, i.sha, i.reason]),
      [
        [A, 'open', 'sam', 'high', undefined, undefined],
        [B, 'done', undefined, undefined, 'a'.repeat(40), undefined],
      ],
    );
    assert.equal(items[0].incidentId, ID);
    assert.equal(items[0].createdBy, 'bob');
  });

  it('reports malformed events and events about items never added, and folds the rest', () => {
    const { items, problems } = fold(
      item('bad1', 10, 'added', { itemId: 'ACT-1', title: 'x', kind: 'prevent' }),
      item('bad2', 11, 'added', { itemId: A, title: ' ', kind: 'prevent' }),
      item('bad3', 12, 'added', { itemId: A, title: 'ok', kind: 'prevent', due: 'next week' }),
      item('ok', 13, 'added', { itemId: A, title: 'ok', kind: 'prevent' }),
      item('bad4', 14, 'closed', { itemId: B, outcome: 'done' }),
      item('bad5', 15, 'closed', { itemId: A, outcome: 'finished' }),
    );
    assert.deepEqual(
      problems.map((p) => p.eventId),
      ['bad1', 'bad2', 'bad3', 'bad4', 'bad5'],
    );
    assert.match(problems[2].message, /"due" must be a date/);
    assert.equal(items.length, 1);
    assert.equal(items[0].status, 'open');
  });

  it('is overdue after the end of its due day (UTC), counted in whole days', () => {
    const open = { status: 'open' as const, due: '2026-12-01' };
    assert.equal(isOverdue(open, new Date('2026-12-01T23:59:00Z')), false);
    assert.equal(isOverdue(open, new Date('2026-12-02T00:00:01Z')), true);
    assert.equal(daysOverdue(open, new Date('2026-12-02T00:00:01Z')), 1);
    assert.equal(daysOverdue(open, new Date('2026-12-09T12:00:00Z')), 8);
    assert.equal(isOverdue({ status: 'done', due: '2026-01-01' }, new Date('2026-12-09T12:00:00Z')), false);
    assert.equal(isOverdue({ status: 'open' }, new Date('2030-01-01T00:00:00Z')), false);
  });

  it('reads Closes-Action trailers, one per line, and nothing else', () => {
    const message = [
      'Cap the pool size',
      '',
      'Mentions ACT-zzzzzzzz in prose, which does not close it.',
      '',
      'Closes-Action: ACT-k3m9qz7p',
      'closes-action: ACT-0000AAAA',
      'Closes-Action: ACT-short',
    ].join('\n');
    assert.deepEqual(closedActionIds(message), [A, B]);
  });
});
