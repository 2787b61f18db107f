import * as assert from 'node:assert/strict';
import { malformedReply, requestIdOf } from '../../../src/protocol/common';
import { parseRoleBoardMessage } from '../../../src/protocol/roleBoard';
import { parseTimelineMessage } from '../../../src/protocol/timeline';
import { parseUpdatesMessage } from '../../../src/protocol/updates';

const GOOD_TIMELINE: readonly unknown[] = [
  { type: 'ready', version: 0 },
  { type: 'addEntry', requestId: 'r1', kind: 'note', text: 'Rolled back' },
  { type: 'amend', requestId: 'r-2', target: 'ev-1', text: 'Corrected' },
  { type: 'setPinned', requestId: 'r3', target: 'ev-1', pinned: false },
  { type: 'openSha', eventId: 'ev-1', sha: '4f2a9c1d' },
  { type: 'openFile', eventId: 'ev-1', file: 'src/gw.ts', line: 42 },
  { type: 'openFile', eventId: 'ev-1', file: 'src/gw.ts' },
  { type: 'openRunbookStep', eventId: 'ev-1', runbook: 'checkout', step: 'drain' },
  { type: 'openUrl', eventId: 'ev-1', url: 'https://pd.example.com/i/1' },
  { type: 'shareNote', requestId: 'r4', target: 'ev-1' },
  { type: 'recordDeploy', requestId: 'r5' },
];

const BAD_TIMELINE: readonly [string, unknown][] = [
  ['null', null],
  ['a string', 'ready'],
  ['an array', [{ type: 'ready' }]],
  ['no type', { version: 1 }],
  ['unknown type', { type: 'runCommand', command: 'rm -rf' }],
  ['inherited type name', { type: 'toString' }],
  ['__proto__ type', JSON.parse('{"type":"__proto__"}')],
  ['ready without version', { type: 'ready' }],
  ['negative version', { type: 'ready', version: -1 }],
  ['extra field', { type: 'ready', version: 1, html: '<img>' }],
  ['an inherited name as an extra field', { type: 'ready', version: 1, constructor: 'x', toString: 5 }],
  ['kind not quick-add', { type: 'addEntry', requestId: 'r1', kind: 'comms', text: 'x' }],
  ['empty text', { type: 'addEntry', requestId: 'r1', kind: 'note', text: '   ' }],
  ['huge text', { type: 'addEntry', requestId: 'r1', kind: 'note', text: 'x'.repeat(10_001) }],
  ['text not a string', { type: 'addEntry', requestId: 'r1', kind: 'note', text: ['x'] }],
  ['missing request id', { type: 'addEntry', kind: 'note', text: 'x' }],
  ['bad request id', { type: 'addEntry', requestId: 'a b<', kind: 'note', text: 'x' }],
  ['amend without target', { type: 'amend', requestId: 'r1', text: 'x' }],
  ['pinned not boolean', { type: 'setPinned', requestId: 'r1', target: 'e', pinned: 'yes' }],
  ['sha with shell', { type: 'openSha', eventId: 'e', sha: '4f2a9c1d; rm -rf /' }],
  ['short sha', { type: 'openSha', eventId: 'e', sha: 'abc' }],
  ['line zero', { type: 'openFile', eventId: 'e', file: 'a.ts', line: 0 }],
  ['line fraction', { type: 'openFile', eventId: 'e', file: 'a.ts', line: 1.5 }],
  ['file with newline', { type: 'openFile', eventId: 'e', file: 'a.ts\n' }],
  ['javascript url', { type: 'openUrl', eventId: 'e', url: 'javascript:alert(1)' }],
  ['command url', { type: 'openUrl', eventId: 'e', url: 'command:workbench.action.terminal.new' }],
  ['file url', { type: 'openUrl', eventId: 'e', url: 'file:///etc/passwd' }],
  ['not a url', { type: 'openUrl', eventId: 'e', url: 'pd.example.com' }],
  ['open without event id', { type: 'openUrl', url: 'https://x.example' }],
  ['share without target', { type: 'shareNote', requestId: 'r1' }],
  ['share with its own text', { type: 'shareNote', requestId: 'r1', target: 'e', text: 'not what the row says' }],
  ['a deploy naming its own commit', { type: 'recordDeploy', requestId: 'r1', sha: 'a1b2c3d4' }],
  ['a deploy without a request id', { type: 'recordDeploy' }],
];

describe('timeline protocol validation', () => {
  for (const message of GOOD_TIMELINE) {
    it(`accepts ${JSON.stringify(message)}`, () => {
      const parsed = parseTimelineMessage(message);
      assert.equal(parsed.reason, undefined);
      assert.deepEqual(parsed.message, message);
    });
  }
  for (const [what, message] of BAD_TIMELINE) {
    it(`rejects ${what}`, () => {
      const parsed = parseTimelineMessage(message);
      assert.equal(parsed.message, undefined);
      assert.ok(parsed.reason && parsed.reason.length > 0);
    });
  }
});

describe('role board protocol validation', () => {
  it('accepts assign, release, take command', () => {
    for (const message of [
      { type: 'ready', version: 3 },
      { type: 'assign', requestId: 'r1', role: 'commander', person: 'bob' },
      { type: 'release', requestId: 'r1', role: 'sme', person: 'chen' },
      { type: 'takeCommand', requestId: 'r1' },
    ]) {
      assert.deepEqual(parseRoleBoardMessage(message).message, message);
    }
  });
  it('rejects unknown roles, empty or multi-line names, and impersonation through takeCommand', () => {
    for (const message of [
      { type: 'assign', requestId: 'r1', role: 'king', person: 'bob' },
      { type: 'assign', requestId: 'r1', role: 'commander', person: '' },
      { type: 'assign', requestId: 'r1', role: 'commander', person: 'bob\nmallory' },
      { type: 'assign', requestId: 'r1', role: 'commander', person: 'x'.repeat(201) },
      { type: 'takeCommand', requestId: 'r1', person: 'mallory' },
      { type: 'release', requestId: 'r1', role: 'commander' },
    ]) {
      const parsed = parseRoleBoardMessage(message);
      assert.equal(parsed.message, undefined, JSON.stringify(message));
      assert.ok(parsed.reason);
    }
  });
});

describe('updates protocol validation', () => {
  it('accepts copy, send and mark as sent', () => {
    for (const message of [
      { type: 'copy', requestId: 'r1', audience: 'executive', text: 'Update' },
      { type: 'send', requestId: 'r1', audience: 'customers', text: 'Update', senderIds: ['statuspage', 'slack.inc'] },
      { type: 'markSent', requestId: 'r1', audience: 'engineering', text: 'Update' },
    ]) {
      assert.deepEqual(parseUpdatesMessage(message).message, message);
    }
  });
  it('rejects unknown audiences, no senders, odd sender ids and empty text', () => {
    for (const message of [
      { type: 'copy', requestId: 'r1', audience: 'press', text: 'Update' },
      { type: 'send', requestId: 'r1', audience: 'customers', text: 'Update', senderIds: [] },
      { type: 'send', requestId: 'r1', audience: 'customers', text: 'Update', senderIds: ['../../x'] },
      { type: 'send', requestId: 'r1', audience: 'customers', text: 'Update', senderIds: 'slack' },
      { type: 'markSent', requestId: 'r1', audience: 'engineering', text: '' },
    ]) {
      assert.equal(parseUpdatesMessage(message).message, undefined, JSON.stringify(message));
    }
  });
});

describe('the request a message names', () => {
  it('is read the same from a message as sent and one checked, and answered only when usable', () => {
    const sent = { type: 'addEntry', requestId: 'r-1_A', kind: 'decision', text: 42 };
    assert.equal(requestIdOf(sent), 'r-1_A');
    const checked = parseTimelineMessage({ type: 'addEntry', requestId: 'r-1_A', kind: 'note', text: 'ok' }).message;
    assert.equal(requestIdOf(checked), 'r-1_A');
    assert.deepEqual(malformedReply(sent, 'bad or missing field "text"'), {
      type: 'reply',
      requestId: 'r-1_A',
      ok: false,
      detail: 'Nothing was changed: War Room could not read this request (bad or missing field "text").',
    });
    for (const unusable of [
      null,
      'r1',
      [{ requestId: 'r1' }],
      { type: 'ready', version: 0 },
      { requestId: '' },
      { requestId: '../r1' },
      { requestId: 'r'.repeat(65) },
      { requestId: 7 },
    ]) {
      assert.equal(requestIdOf(unusable), undefined, JSON.stringify(unusable));
      assert.equal(malformedReply(unusable, 'x'), undefined, JSON.stringify(unusable));
    }
  });
});
