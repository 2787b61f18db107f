// The webview's channel to the extension, run in Node: its contract is a `postMessage` out and
// `message` events in, so a plain EventTarget stands in for the page's window.
import * as assert from 'node:assert/strict';
import { parseRoleBoardHostMessage } from '../../../src/protocol/roleBoard';
import {
  parseTimelineHostMessage,
  TIMELINE_RESULTS,
  TimelineHostMessage,
  TimelineResults,
  TimelineWebviewMessage,
} from '../../../src/protocol/timeline';
import { parseUpdatesHostMessage } from '../../../src/protocol/updates';
import { parseWalkthroughHostMessage } from '../../../src/protocol/walkthrough';
import { HostChannel, outcomeText } from '../../../webview-ui/src/lib/hostChannel';

type Notification = Exclude<TimelineHostMessage, { type: 'reply' }>;

function channel() {
  const posted: TimelineWebviewMessage[] = [];
  const dropped: string[] = [];
  const source = new EventTarget();
  const host = new HostChannel<TimelineWebviewMessage, Notification, TimelineResults>(
    { postMessage: (m) => posted.push(m) },
    { addEventListener: (type, listener) => source.addEventListener(type, (event) => listener(event as unknown as { data: unknown })) },
    { parse: parseTimelineHostMessage, results: TIMELINE_RESULTS, dropped: (reason) => dropped.push(reason) },
  );
  const deliver = (data: unknown): void => {
    source.dispatchEvent(Object.assign(new Event('message'), { data }));
  };
  return { host, posted, dropped, deliver };
}

/** Runs every queued promise callback: setImmediate's turn comes after all of them (an order, not a time). */
const drain = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('webview host channel', () => {
  it('sends a request with a fresh id and settles it with the typed reply carrying that id', async () => {
    const { host, posted, deliver } = channel();
    const first = host.request('addEntry', { kind: 'decision', text: 'Roll back' });
    const second = host.request('setPinned', { target: 'ev-1', pinned: true });
    assert.equal(posted.length, 2);
    const [a, b] = posted as { type: string; requestId: string }[];
    assert.deepEqual({ ...a, requestId: 'x' }, { type: 'addEntry', kind: 'decision', text: 'Roll back', requestId: 'x' });
    assert.match(a.requestId, /^[A-Za-z0-9_-]{1,64}$/);
    assert.notEqual(a.requestId, b.requestId);
    deliver({ type: 'reply', requestId: b.requestId, ok: false, detail: 'That event is not on this timeline.' });
    deliver({ type: 'reply', requestId: a.requestId, ok: true, result: { detail: 'Added decision.' } });
    assert.deepEqual(await first, { type: 'reply', requestId: a.requestId, ok: true, result: { detail: 'Added decision.' } });
    assert.deepEqual(await second, { type: 'reply', requestId: b.requestId, ok: false, detail: 'That event is not on this timeline.' });
    assert.equal(host.waiting, 0);
  });

  it('leaves a request waiting while no reply comes (no timer), and ignores replies to other ids', async () => {
    const { host, posted, dropped, deliver } = channel();
    let answered = false;
    const request = host.request('amend', { target: 'ev-1', text: 'Corrected' }).then((outcome) => {
      answered = true;
      return outcome;
    });
    deliver({ type: 'reply', requestId: 'r-someone-else', ok: true, result: {} });
    await drain();
    assert.equal(answered, false);
    assert.equal(host.waiting, 1);
    assert.equal(dropped.length, 1);
    deliver({ type: 'reply', requestId: (posted[0] as { requestId: string }).requestId, ok: true, result: {} });
    assert.equal((await request).ok, true);
  });

  it('turns a reply with a result it does not understand into a failure, not a guess', async () => {
    const { host, posted, dropped, deliver } = channel();
    const request = host.request('addEntry', { kind: 'note', text: 'x' });
    deliver({ type: 'reply', requestId: (posted[0] as { requestId: string }).requestId, ok: true, result: { detail: 42 } });
    const outcome = await request;
    assert.equal(outcome.ok, false);
    assert.match(outcomeText('Adding note', outcome), /^Adding note failed: .*reload the panel/);
    assert.deepEqual(dropped, ['reply: unexpected result']);
  });

  it('hands each checked message to the handler for its type, and drops malformed ones', () => {
    const { host, dropped, deliver } = channel();
    const seen: unknown[] = [];
    host.on('focusQuickAdd', (m) => seen.push(m.kind));
    host.on('rowsChanged', (m) => seen.push(m.version));
    deliver({ type: 'focusQuickAdd', kind: 'action' });
    deliver({ type: 'rowsChanged', rows: [], version: 7 });
    deliver({ type: 'focusQuickAdd', kind: 'comms' });
    deliver({ type: 'rowsChanged', rows: 'x', version: 8 });
    deliver({ type: 'state', state: { rows: [] } });
    deliver('reply');
    assert.deepEqual(seen, ['action', 7]);
    assert.equal(dropped.length, 4);
  });

  it('posts plain messages as they are', () => {
    const { host, posted } = channel();
    host.post({ type: 'ready', version: 3 });
    host.post({ type: 'openUrl', eventId: 'ev-1', url: 'https://x.example' });
    assert.deepEqual(posted, [
      { type: 'ready', version: 3 },
      { type: 'openUrl', eventId: 'ev-1', url: 'https://x.example' },
    ]);
  });

  it('words an outcome for a status line', () => {
    assert.equal(outcomeText('Pinning', { ok: true, result: { detail: 'Pinned.' } }), 'Pinned.');
    assert.equal(outcomeText('Pinning', { ok: true, result: {} }, 'Saved.'), 'Saved.');
    assert.equal(outcomeText('Pinning', { ok: false, detail: 'gone' }), 'Pinning failed: gone');
  });
});

describe('replies and messages from the extension, as the webview checks them', () => {
  const parsers = {
    timeline: parseTimelineHostMessage,
    roleBoard: parseRoleBoardHostMessage,
    updates: parseUpdatesHostMessage,
    walkthrough: parseWalkthroughHostMessage,
  };
  const GOOD: readonly unknown[] = [
    { type: 'reply', requestId: 'r1', ok: true, result: { detail: 'Done' } },
    { type: 'reply', requestId: 'r1', ok: true, result: {} },
    { type: 'reply', requestId: 'r1', ok: false, detail: 'Incident INC-1 is no longer in this workspace.' },
  ];
  const BAD: readonly [string, unknown][] = [
    ['a success without a result', { type: 'reply', requestId: 'r1', ok: true }],
    ['a failure without a detail', { type: 'reply', requestId: 'r1', ok: false }],
    ['a failure with a result', { type: 'reply', requestId: 'r1', ok: false, detail: 'x', result: {} }],
    ['the old shape', { type: 'reply', requestId: 'r1', ok: true, detail: 'Done' }],
    ['ok not a boolean', { type: 'reply', requestId: 'r1', ok: 'yes', detail: 'x' }],
    ['a bad request id', { type: 'reply', requestId: 'a b<', ok: false, detail: 'x' }],
    ['no request id', { type: 'reply', ok: false, detail: 'x' }],
    ['a state that is not one', { type: 'state', state: { version: 1 } }],
    ['an unknown type', { type: 'rowsChanged2' }],
    ['not an object', null],
  ];
  for (const [panel, parse] of Object.entries(parsers)) {
    for (const message of GOOD) {
      it(`${panel} accepts ${JSON.stringify(message)}`, () => {
        assert.deepEqual(parse(message), { message });
      });
    }
    for (const [what, message] of BAD) {
      it(`${panel} refuses ${what}`, () => {
        const parsed = parse(message);
        assert.equal(parsed.message, undefined);
        assert.ok(parsed.reason);
      });
    }
  }
});
