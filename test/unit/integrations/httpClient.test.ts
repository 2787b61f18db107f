// The HTTP client against a loopback server giving every fault a real service has given.
import * as assert from 'node:assert/strict';
import { ClockReading } from '../../../src/core/clock';
import { collectPages, HttpClient, HttpError, waitFromHeaders } from '../../../src/adapters/http/client';
import { fault, FAULTS, json, LoopbackServer, startLoopback } from '../../support/loopbackServer';

const GOOD = { incidents: [{ id: 'P1' }], more: false };

describe('http client: faults', function () {
  this.timeout(20_000);
  let server: LoopbackServer;
  beforeEach(async () => {
    server = await startLoopback((_req, res) => json(res, 200, GOOD));
  });
  afterEach(() => server.close());

  const client = () =>
    new HttpClient({ service: 'PagerDuty', timeoutMs: 1000, retries: 1, baseDelayMs: 10, maxDelayMs: 1500, maxBytes: 1024 * 1024 });

  const expected: Record<(typeof FAULTS)[number], { failure: string; message: RegExp; attempts: number }> = {
    '401': { failure: 'auth', message: /^PagerDuty rejected the API key \(401\)$/, attempts: 1 },
    '403': { failure: 'forbidden', message: /^PagerDuty refused this key access \(403\)$/, attempts: 1 },
    '404': { failure: 'not_found', message: /^PagerDuty has no such resource \(404\)$/, attempts: 1 },
    '429': { failure: 'rate_limited', message: /^PagerDuty is limiting the request rate \(429\) after 2 attempts$/, attempts: 2 },
    '500': { failure: 'server', message: /^PagerDuty had a server error \(500\) after 2 attempts$/, attempts: 2 },
    '502-html': { failure: 'server', message: /^PagerDuty had a server error \(502\) after 2 attempts$/, attempts: 2 },
    timeout: { failure: 'timeout', message: /^PagerDuty did not answer within 1 s$/, attempts: 2 },
    reset: { failure: 'network', message: /^PagerDuty closed the connection before answering$/, attempts: 2 },
    truncated: { failure: 'bad_body', message: /^PagerDuty sent a reply that is not complete JSON \(200, \d+ bytes\)$/, attempts: 1 },
    '10mb': { failure: 'too_large', message: /^PagerDuty sent more than 1 MB; the reply was dropped$/, attempts: 1 },
    drip: { failure: 'timeout', message: /^PagerDuty did not answer within 1 s$/, attempts: 2 },
  };

  for (const kind of FAULTS) {
    it(`${kind}: a plain-words error, the right number of tries, then recovery`, async () => {
      server.handle((_req, res) => fault(kind, res, GOOD));
      const c = client();
      await assert.rejects(c.request({ url: `${server.url}/incidents` }), (error: unknown) => {
        assert.ok(error instanceof HttpError, String(error));
        assert.match(error.message, expected[kind].message);
        assert.equal(error.failure, expected[kind].failure);
        assert.ok(!error.message.includes(server.url) && !error.message.includes('127.0.0.1'), 'no address in the message');
        return true;
      });
      assert.equal(server.received.length, expected[kind].attempts);
      server.handle((_req, res) => json(res, 200, GOOD));
      assert.deepEqual((await c.request({ url: `${server.url}/incidents` })).data, GOOD);
    });
  }

  it('waits as long as Retry-After says before trying again, and succeeds', async () => {
    let calls = 0;
    const times: number[] = [];
    server.handle((_req, res) => {
      times.push(Date.now());
      if (calls++ === 0) fault('429', res);
      else json(res, 200, GOOD);
    });
    const response = await client().request({ url: `${server.url}/x` });
    assert.equal(response.attempts, 2);
    assert.ok(times[1] - times[0] >= 950, `retried after ${times[1] - times[0]} ms, Retry-After was 1 s`);
  });

  it('reads Retry-After as seconds or a date, and ratelimit-reset as seconds', () => {
    assert.equal(waitFromHeaders({ 'retry-after': '3' }), 3000);
    assert.equal(waitFromHeaders({ 'retry-after': 'Thu, 01 Jan 2026 00:00:10 GMT' }, Date.parse('2026-01-01T00:00:00Z')), 10_000);
    assert.equal(waitFromHeaders({ 'ratelimit-reset': '7' }), 7000);
    assert.equal(waitFromHeaders({}), undefined);
  });

  it('sends one request at a time to a host', async () => {
    let inFlight = 0;
    let most = 0;
    server.handle((_req, res) => {
      inFlight++;
      most = Math.max(most, inFlight);
      setImmediate(() => {
        inFlight--;
        json(res, 200, GOOD);
      });
    });
    const c = client();
    await Promise.all(Array.from({ length: 5 }, () => c.request({ url: `${server.url}/x` })));
    assert.equal(most, 1);
    assert.equal(server.received.length, 5);
  });

  it('stops when cancelled, while waiting for an answer', async () => {
    server.handle((_req, res) => fault('timeout', res));
    const controller = new AbortController();
    const pending = client().request({ url: `${server.url}/x`, signal: controller.signal });
    await waitFor(() => server.received.length === 1);
    controller.abort();
    await assert.rejects(pending, (e: HttpError) => e.failure === 'cancelled');
    assert.equal(server.received.length, 1, 'no retry after a cancel');
  });

  it('does not follow a redirect (it would carry the key elsewhere)', async () => {
    server.handle((_req, res) => {
      res.writeHead(302, { Location: 'http://127.0.0.1:1/steal' });
      res.end();
    });
    await assert.rejects(client().request({ url: `${server.url}/x` }), /rejected the request \(302\)/);
  });

  it("reads this machine's clock against each answer's Date, an error's too", async () => {
    const readings: ClockReading[] = [];
    const c = new HttpClient({ service: 'PagerDuty', retries: 0, onClock: (r) => readings.push(r) });
    // Node's server stamps its own clock: this machine's, so no skew.
    await c.request({ url: `${server.url}/incidents` });
    assert.equal(readings.length, 1);
    assert.equal(readings[0].source, 'PagerDuty');
    assert.ok(Math.abs(readings[0].offsetMs) <= readings[0].uncertaintyMs + 1000, JSON.stringify(readings[0]));
    // A server five minutes behind, refusing the key: the answer still tells its time.
    server.handle((_req, res) => {
      res.setHeader('Date', new Date(Date.now() - 300_000).toUTCString());
      json(res, 401, { error: 'no' });
    });
    await assert.rejects(c.request({ url: `${server.url}/incidents` }), /401/);
    assert.equal(readings.length, 2);
    assert.ok(readings[1].offsetMs < -298_000 && readings[1].offsetMs > -302_000, JSON.stringify(readings[1]));
    // No Date header, or one that is no date: no reading.
    server.handle((_req, res) => {
      res.sendDate = false;
      json(res, 200, GOOD);
    });
    await c.request({ url: `${server.url}/incidents` });
    server.handle((_req, res) => {
      res.setHeader('Date', 'yesterday');
      json(res, 200, GOOD);
    });
    await c.request({ url: `${server.url}/incidents` });
    assert.equal(readings.length, 2);
  });

  it('answers the request even when the clock listener throws', async () => {
    const c = new HttpClient({
      service: 'Slack',
      retries: 0,
      onClock: () => {
        throw new Error('listener broke');
      },
    });
    assert.deepEqual((await c.request({ url: `${server.url}/x` })).data, GOOD);
  });

  it('collects pages while the server says there are more, and stops at the cap', async () => {
    const pages = await collectPages(async (offset) => ({ items: [offset, offset + 1], more: offset < 4 }));
    assert.deepEqual(pages, [0, 1, 2, 3, 4, 5]);
    // A page whose skipped items (PagerDuty notify entries) still move the server's offset.
    const offsets: number[] = [];
    await collectPages(async (offset) => (offsets.push(offset), { items: [offset], more: offset < 20, sent: 10 }));
    assert.deepEqual(offsets, [0, 10, 20]);
    const capped = await collectPages(async (offset) => ({ items: [offset], more: true }), 3);
    assert.deepEqual(capped, [0, 1, 2]);
  });
});

async function waitFor(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((r) => setImmediate(r));
}
