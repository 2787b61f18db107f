import * as assert from 'node:assert/strict';
import {
  clearRefused,
  confirmPushed,
  EMPTY_SYNC_STATE,
  markRefused,
  MAX_EVENT_BYTES,
  outbox,
  parseSyncState,
  receive,
  serializeSyncState,
  ServerRow,
  SyncEvent,
} from '../../../src/core/sync';
import { describeSyncStatus, parsePresenceBeat, presentUsers, reconnectDelayMs, summarizeSync } from '../../../src/core/sync';
import { EntryEvent } from '../../../src/core/events';
import { declared, ev } from '../../support/events';

const INC = 'INC-20261122-2300-abcdef';
const INC2 = 'INC-20261122-2301-ghjkmn';

function note(text: string) {
  return ev<EntryEvent>({ type: 'entry', kind: 'note', text });
}

function row(seq: number, incidentId: string, event: object): ServerRow {
  return { seq, incidentId, body: JSON.stringify(event) };
}

describe('sync state (core)', () => {
  it('the outbox is every local event the server has not confirmed, and shrinks as it confirms', () => {
    const local: SyncEvent[] = [declared(), note('a'), note('b')].map((event) => ({ incidentId: INC, event }));
    assert.deepEqual(outbox(EMPTY_SYNC_STATE, local), local);
    const state = confirmPushed(EMPTY_SYNC_STATE, [local[0].event.id, local[2].event.id]);
    assert.deepEqual(outbox(state, local), [local[1]]);
    assert.deepEqual(outbox(confirmPushed(state, [local[1].event.id]), local), []);
  });

  it('received rows advance lastSeq; only events missing locally are appended, each once', () => {
    const a = note('a');
    const b = note('b');
    const c = declared({ id: 'd-2' });
    const local = new Set([a.id]);
    const got = receive(EMPTY_SYNC_STATE, [row(3, INC, a), row(7, INC, b), row(8, INC, b), row(9, INC2, c)], (id) =>
      id === INC ? local : new Set(),
    );
    assert.equal(got.state.lastSeq, 9);
    assert.deepEqual(got.toAppend.get(INC), [b]);
    assert.deepEqual(got.toAppend.get(INC2), [c]);
    assert.deepEqual(got.problems, []);
    // Received events are on the server: none of them goes back out through the outbox.
    assert.deepEqual(
      outbox(
        got.state,
        [a, b, c].map((event) => ({ incidentId: INC, event })),
      ),
      [],
    );
  });

  it('refuses rows that are not events, with the sequence and the reason, and still moves past them', () => {
    const got = receive(
      EMPTY_SYNC_STATE,
      [
        { seq: 1, incidentId: '../../etc', body: JSON.stringify(note('x')) },
        { seq: 2, incidentId: INC, body: '{"id":' },
        { seq: 3, incidentId: INC, body: JSON.stringify({ id: 'x', type: 'entry' }) },
        { seq: 4, incidentId: INC, body: JSON.stringify({ ...note('big'), text: 'x'.repeat(MAX_EVENT_BYTES) }) },
      ],
      () => new Set(),
    );
    assert.equal(got.state.lastSeq, 4);
    assert.equal(got.toAppend.size, 0);
    assert.deepEqual(
      got.problems.map((p) => p.seq),
      [1, 2, 3, 4],
    );
    assert.match(got.problems[0].message, /not an incident id/);
    assert.match(got.problems[1].message, /not valid JSON/);
    assert.match(got.problems[2].message, /"ts" must be/);
    assert.match(got.problems[3].message, /over the/);
  });

  it('state round-trips through its file; a torn or foreign file means a full resync, not an error', () => {
    const state = confirmPushed({ lastSeq: 42, known: new Set() }, ['x', 'y']);
    const back = parseSyncState(serializeSyncState(state));
    assert.equal(back.lastSeq, 42);
    assert.deepEqual([...back.known], ['x', 'y']);
    assert.equal(parseSyncState('{"version":1,"lastSeq":4'), EMPTY_SYNC_STATE);
    assert.equal(parseSyncState('{"version":1,"lastSeq":-1,"known":[]}'), EMPTY_SYNC_STATE);
    assert.equal(parseSyncState('{"version":1,"lastSeq":1,"known":[3]}'), EMPTY_SYNC_STATE);
  });

  it('remembers refused incidents through receive and the state file until they are cleared', () => {
    const refused = markRefused(markRefused(confirmPushed(EMPTY_SYNC_STATE, ['x']), INC, 2), INC, 1);
    assert.deepEqual([...(refused.refused ?? [])], [[INC, 3]]);
    const later = note('later');
    const after = receive(refused, [row(5, INC2, later)], () => new Set()).state;
    assert.deepEqual([...(after.refused ?? [])], [[INC, 3]], 'a catch-up keeps them');
    const back = parseSyncState(serializeSyncState(after));
    assert.deepEqual([back.lastSeq, [...back.known].sort(), [...(back.refused ?? [])]], [5, [later.id, 'x'].sort(), [[INC, 3]]]);
    assert.equal(clearRefused(back, INC).refused?.size, 0);
    assert.equal(clearRefused(back, INC2), back);
    // A version 1 file without the field, as an older War Room wrote it, is read as before.
    assert.equal(parseSyncState('{"version":1,"lastSeq":1,"known":[]}').refused, undefined);
    assert.equal(parseSyncState('{"version":1,"lastSeq":1,"known":[],"refused":[["../x",1]]}'), EMPTY_SYNC_STATE);
    assert.equal(parseSyncState(`{"version":1,"lastSeq":1,"known":[],"refused":[["${INC}",-1]]}`), EMPTY_SYNC_STATE);
  });
});

describe('sync status and presence (core)', () => {
  it('says live, reconnecting or offline with the number of queued events', () => {
    assert.equal(describeSyncStatus({ kind: 'live', queued: 0 }), 'Team sync live');
    assert.equal(describeSyncStatus({ kind: 'live', queued: 2 }), 'Team sync live, sending 2');
    assert.equal(
      describeSyncStatus({ kind: 'live', queued: 2, notSent: 'permission denied for table warroom_events' }),
      'Team sync live (receiving), 2 events not sent: permission denied for table warroom_events',
    );
    assert.equal(describeSyncStatus({ kind: 'offline', queued: 1, reason: 'refused' }), 'Team sync offline, 1 event queued: refused');
    assert.match(describeSyncStatus({ kind: 'reconnecting', queued: 3, attempt: 2 }), /attempt 2\), 3 events queued/);
  });

  it('sums the folders for the status bar: queued apart from what a server refuses, the worst state first', () => {
    // A multi-root window: one folder connected as a reader with 1 refused, another with 2 on their way.
    assert.deepEqual(
      summarizeSync([
        { kind: 'live', queued: 1, notSent: 'permission denied for table warroom_events' },
        { kind: 'live', queued: 2 },
      ]),
      { kind: 'live', queued: 2, notSent: 1, warning: true },
    );
    assert.deepEqual(
      summarizeSync([
        { kind: 'live', queued: 0 },
        { kind: 'offline', queued: 3, reason: 'refused' },
      ]),
      {
        kind: 'offline',
        queued: 3,
        notSent: 0,
        warning: true,
      },
    );
    assert.deepEqual(
      summarizeSync([
        { kind: 'reconnecting', queued: 1, attempt: 2 },
        { kind: 'live', queued: 0 },
      ]),
      {
        kind: 'reconnecting',
        queued: 1,
        notSent: 0,
        warning: false,
      },
    );
  });

  it('backs off from half a second to 30 s', () => {
    assert.equal(reconnectDelayMs(1), 500);
    assert.equal(reconnectDelayMs(2), 1000);
    assert.equal(reconnectDelayMs(50), 30_000);
  });

  it('presence: the latest beat per window counts, closed or stale ones drop out', () => {
    const beat = (user: string, client: string, at: number, open = true) => ({ incidentId: INC, user, client, at, open });
    const users = presentUsers(
      [beat('ann', 'w1', 0), beat('bob', 'w2', 0), beat('bob', 'w2', 10, false), beat('cy', 'w3', -60_000), beat('ann', 'w4', 5)],
      20,
    );
    assert.deepEqual(users.get(INC), ['ann']);
  });

  it('presence beats from the server are checked field by field', () => {
    assert.deepEqual(parsePresenceBeat('{"incidentId":"I","user":"u","client":"c","open":true}', 7), {
      incidentId: 'I',
      user: 'u',
      client: 'c',
      open: true,
      at: 7,
    });
    assert.equal(parsePresenceBeat('{"incidentId":"I","user":"","client":"c","open":true}', 7), undefined);
    assert.equal(parsePresenceBeat('nope', 7), undefined);
  });
});
