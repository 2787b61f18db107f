import * as assert from 'node:assert/strict';
import { lineOfEvent, parseEventLog, serializeEvent } from '../../../src/core/eventLog';
import { declared } from '../../support/events';

const good = serializeEvent(declared());

describe('parseEventLog', () => {
  it('reads one event per line', () => {
    const { events, problems } = parseEventLog(good + good.replace('declared-1', 'declared-2'));
    assert.equal(events.length, 2);
    assert.deepEqual(problems, []);
  });

  it('reports a corrupt line with its 1-based number and keeps the rest', () => {
    const text = good + '{"id":"x","ts":"2026-11-22T23:00:00Z",\n' + good.replace('declared-1', 'd3');
    const { events, problems } = parseEventLog(text);
    assert.equal(events.length, 2);
    assert.equal(problems.length, 1);
    assert.equal(problems[0].line, 2);
    assert.match(problems[0].message, /not valid JSON/);
  });

  it('names a torn last line (no trailing newline) as an interrupted write', () => {
    const { events, problems } = parseEventLog(good + good.slice(0, 40));
    assert.equal(events.length, 1);
    assert.equal(problems[0].line, 2);
    assert.match(problems[0].message, /incomplete last line/);
  });

  it('reports merge debris from a conflicted git merge', () => {
    const text = `${good}<<<<<<< HEAD\n${good}=======\n>>>>>>> origin/main\n`;
    const { problems } = parseEventLog(text);
    assert.deepEqual(
      problems.map((p) => p.line),
      [2, 4, 5],
    );
  });

  it('rejects events whose fields a fold would trust, naming the field', () => {
    const bad = JSON.stringify({ ...declared(), severity: 'SEV9' });
    const { events, problems } = parseEventLog(`${bad}\n`);
    assert.equal(events.length, 0);
    assert.match(problems[0].message, /"severity" must be one of SEV1/);
  });

  it('skips an event whose id a panel could not name (too long, or not one line), with its line', () => {
    const long = JSON.stringify({ ...declared(), id: 'x'.repeat(201) });
    const twoLines = JSON.stringify({ ...declared(), id: 'a\nb' });
    const longest = JSON.stringify({ ...declared(), id: 'y'.repeat(200) });
    const { events, problems } = parseEventLog(`${long}\n${twoLines}\n${longest}\n`);
    assert.deepEqual(
      events.map((e) => e.id.length),
      [200],
    );
    assert.deepEqual(
      problems.map((p) => [p.line, p.message]),
      [
        [1, '"id" must be one line of 1 to 200 characters; the line is skipped'],
        [2, '"id" must be one line of 1 to 200 characters; the line is skipped'],
      ],
    );
  });

  it('accepts unknown event types with a valid envelope', () => {
    const { events, problems } = parseEventLog('{"id":"u","ts":"2026-11-22T23:00:00Z","type":"from_the_future","author":"z","x":1}\n');
    assert.equal(events.length, 1);
    assert.deepEqual(problems, []);
  });

  it('tolerates CRLF line endings and blank lines', () => {
    const { events, problems } = parseEventLog(`${good.trimEnd()}\r\n\r\n${good.replace('declared-1', 'd2').trimEnd()}\r\n`);
    assert.equal(events.length, 2);
    assert.deepEqual(problems, []);
  });

  it('reads a file saved with a UTF-8 byte order mark, first event included', () => {
    const { events, problems } = parseEventLog(`\uFEFF${good}${good.replace('declared-1', 'd2')}`);
    assert.deepEqual(
      events.map((e) => e.id),
      ['declared-1', 'd2'],
    );
    assert.deepEqual(problems, []);
  });

  it('still reports a byte order mark in the middle of the file as a bad line', () => {
    const { events, problems } = parseEventLog(`${good}\uFEFF${good.replace('declared-1', 'd2')}`);
    assert.equal(events.length, 1);
    assert.deepEqual(
      problems.map((p) => p.line),
      [2],
    );
  });
});

describe('lineOfEvent', () => {
  it("finds an event's line as parseEventLog numbers it: after a bad line, a BOM, CRLF; the first of two", () => {
    const d2 = good.replace('declared-1', 'd2');
    const text = `\uFEFF${good}{"id":"d2", torn\n\n${d2.replace('\n', '\r\n')}${d2}`;
    assert.equal(lineOfEvent(text, 'declared-1'), 1);
    assert.equal(lineOfEvent(text, 'd2'), 4);
    // Named only inside another event's text: not that event.
    assert.equal(lineOfEvent(text, 'Checkout'), undefined);
    assert.equal(lineOfEvent(text, 'absent'), undefined);
  });
});
