// Acknowledging, closing and noting an Opsgenie alert as Opsgenie does it: the action is answered
// 202 with a request id (the captured `request.json`), and whether it went through is read at
// /v2/alerts/requests/{id}, which answers 404 until Opsgenie has processed it and then the captured
// status (`get_request.json`, `ack_alert.json`). A loopback Opsgenie plays each turn, and the faults:
// a request Opsgenie refused, one never processed, an answer that is not a status.
import * as assert from 'node:assert/strict';
import { opsgenieRequestId, parseOpsgenieRequestStatus } from '../../../src/core/alerts/opsgenie';
import { planAcknowledgedMilestone } from '../../../src/core/alerts/alertEvents';
import { OpsgenieApi } from '../../../src/adapters/alerts/sources';
import { json, LoopbackServer, Received, startLoopback } from '../../support/loopbackServer';
import { payload } from '../alerts/payloads';

const FILE = 'demisto__content__Packs__OpsGenie__Integrations__OpsGenieV3__test_data__';
const accepted = payload(`${FILE}request.json`) as { requestId: string };
const created = payload(`${FILE}get_request.json`) as { data: Record<string, unknown> };
/** The captured acknowledgement's status, in the `data` Opsgenie answers with (that integration kept its fields flat). */
const acknowledgedFields = payload(`${FILE}ack_alert.json`) as Record<string, unknown>;
const acknowledged = { data: { ...acknowledgedFields, requestId: undefined }, took: 0.004, requestId: acknowledgedFields.requestId };
const ALERT = 'b7da6303-0da4-43e2-8e21-9e22faedc594-1637756080926';

describe('Opsgenie request statuses, from captured answers', () => {
  it('reads the request id of an accepted action, and nothing from a body without one', () => {
    assert.equal(opsgenieRequestId(accepted), '3b078fd5-37d1-472e-823b-9f95b17aba8f');
    assert.equal(opsgenieRequestId({ result: 'Request will be processed' }), undefined);
    assert.equal(opsgenieRequestId({ requestId: 42 }), undefined);
    assert.equal(opsgenieRequestId({ requestId: 'x'.repeat(201) }), undefined);
    assert.equal(opsgenieRequestId('not json'), undefined);
  });

  it('reads a processed request: done, in Opsgenie words, when', () => {
    assert.deepEqual(parseOpsgenieRequestStatus(created), {
      success: true,
      status: 'Created alert',
      action: 'Create',
      processedAt: '2021-11-24T12:14:41.002Z',
      alertId: ALERT,
    });
    assert.deepEqual(parseOpsgenieRequestStatus(acknowledged), {
      success: true,
      status: 'Acknowledged alert',
      action: 'Acknowledge',
      processedAt: '2021-02-11T00:03:59.691Z',
      alertId: 'f14b51c9-151b-48b2-afda-e2fcc182f230-1613001837514',
    });
  });

  it('reads a refused request as not done, with its reason, and an answer that is no status as an error', () => {
    const refused = { data: { ...created.data, isSuccess: false, success: false, status: 'Alert does not exist' } };
    assert.deepEqual(parseOpsgenieRequestStatus(refused), {
      success: false,
      status: 'Alert does not exist',
      action: 'Create',
      processedAt: '2021-11-24T12:14:41.002Z',
      alertId: ALERT,
    });
    const silent = parseOpsgenieRequestStatus({ data: { isSuccess: false } });
    assert.ok('success' in silent && silent.status === 'failed, with no reason given');
    assert.deepEqual(parseOpsgenieRequestStatus({ took: 1 }), { error: 'Opsgenie sent a request status without its "data"' });
    assert.deepEqual(parseOpsgenieRequestStatus({ data: { status: 'ok' } }), {
      error: 'Opsgenie sent a request status without "isSuccess"',
    });
    const long = parseOpsgenieRequestStatus({ data: { isSuccess: false, status: 'x'.repeat(5000) } });
    assert.ok('status' in long && long.status.length === 200, 'a reason is cut to 200 characters');
  });

  it('sets the acknowledged milestone from an acknowledgement only when the incident has none, at the time the source gives', () => {
    const declared = { id: 'e1', type: 'declared', ts: '2026-11-22T23:43:00.000Z', author: 'sam', startedAt: '2026-11-22T23:40:00.000Z' };
    const now = new Date('2026-11-22T23:45:30.000Z');
    const plan = (reportedAt: string | undefined, events: unknown[] = [declared]) =>
      planAcknowledgedMilestone({ events: events as never }, 'opsgenie', reportedAt, now);
    assert.deepEqual(plan('2026-11-22T23:45:00.000Z'), {
      type: 'milestone_set',
      milestone: 'acknowledged',
      at: '2026-11-22T23:45:00.000Z',
      source: 'opsgenie',
    });
    // No time, an unreadable one, or one far from now (the captured answer's 2021): this machine's now.
    for (const reported of [undefined, 'soon', '2021-02-11T00:03:59.691Z', '2026-11-23T01:00:00.000Z']) {
      assert.equal(plan(reported)?.at, '2026-11-22T23:45:30.000Z', String(reported));
    }
    const set = {
      id: 'e2',
      type: 'milestone_set',
      ts: '2026-11-22T23:44:00.000Z',
      author: 'sam',
      milestone: 'acknowledged',
      at: '2026-11-22T23:44:00.000Z',
    };
    assert.equal(plan('2026-11-22T23:45:00.000Z', [declared, set]), undefined);
  });
});

describe('Opsgenie alert actions, against a loopback Opsgenie', function () {
  this.timeout(20_000);
  let server: LoopbackServer;
  /** How many times the status is asked for before Opsgenie has processed the request. */
  let notYet = 1;
  let answer: 'done' | 'refused' | 'never' | 'garbage' | 'no-id' = 'done';
  const asked = new Map<string, number>();

  before(async () => {
    server = await startLoopback((req: Received, res) => {
      const url = new URL(req.url, 'http://x');
      const action = /^\/v2\/alerts\/([^/]+)\/(acknowledge|close|notes)$/.exec(url.pathname);
      if (req.method === 'POST' && action) {
        if (url.searchParams.get('identifierType') !== 'id') return json(res, 400, { message: 'identifierType' });
        return json(res, 202, answer === 'no-id' ? { result: 'Request will be processed', took: 0.008 } : accepted);
      }
      const status = /^\/v2\/alerts\/requests\/([^/]+)$/.exec(url.pathname);
      if (req.method === 'GET' && status) {
        const times = (asked.get(status[1]) ?? 0) + 1;
        asked.set(status[1], times);
        if (answer === 'never' || times <= notYet) {
          return json(res, 404, { message: 'Request not found. It might not be processed, yet.', took: 0.001 });
        }
        if (answer === 'garbage') return json(res, 200, { took: 0.001 });
        const data =
          answer === 'refused' ? { ...created.data, isSuccess: false, success: false, status: 'Alert does not exist' } : acknowledged.data;
        return json(res, 200, { data, took: 0.004, requestId: status[1] });
      }
      return json(res, 404, { message: 'Not found' });
    });
  });
  after(() => server.close());
  beforeEach(() => {
    asked.clear();
    server.received.length = 0;
    notYet = 1;
    answer = 'done';
  });

  const opsgenie = () =>
    new OpsgenieApi({ source: 'opsgenie', baseUrl: server.url, key: 'genie-key' }, { retries: 0, confirmWaitsMs: [5, 5, 5, 5] });

  it('acknowledges as the user, then asks after the request until Opsgenie has done it', async () => {
    const done = await opsgenie().acknowledge(ALERT, 'sam');
    assert.equal(done.processed, true);
    assert.ok(done.processed && done.status.status === 'Acknowledged alert' && done.status.processedAt === '2021-02-11T00:03:59.691Z');
    assert.equal(done.requestId, accepted.requestId);
    const post = server.received.find((r) => r.method === 'POST');
    assert.equal(post?.url, `/v2/alerts/${ALERT}/acknowledge?identifierType=id`);
    assert.deepEqual(JSON.parse(post?.body ?? '{}'), { user: 'sam', source: 'War Room' });
    assert.equal(post?.headers.authorization, 'GenieKey genie-key');
    assert.equal(asked.get(accepted.requestId), 2, 'a 404 first (not processed yet), then the status');
  });

  it('closes and adds notes the same way', async () => {
    assert.equal((await opsgenie().close(ALERT, 'sam')).processed, true);
    assert.equal((await opsgenie().addNote(ALERT, 'Rolled back to v2.13.2', 'sam')).processed, true);
    const posts = server.received.filter((r) => r.method === 'POST');
    assert.deepEqual(
      posts.map((r) => r.url),
      [`/v2/alerts/${ALERT}/close?identifierType=id`, `/v2/alerts/${ALERT}/notes?identifierType=id`],
    );
    assert.deepEqual(JSON.parse(posts[1].body), { note: 'Rolled back to v2.13.2', user: 'sam', source: 'War Room' });
  });

  it('a request Opsgenie refused is an error in its own words, naming what was asked', async () => {
    answer = 'refused';
    await assert.rejects(opsgenie().acknowledge(ALERT, 'sam'), /^HttpError: Opsgenie did not acknowledge the alert: Alert does not exist$/);
    await assert.rejects(opsgenie().addNote(ALERT, 'n', 'sam'), /Opsgenie did not add the note: Alert does not exist/);
  });

  it('a request still unprocessed after the waits is accepted but not done, after exactly those waits', async () => {
    answer = 'never';
    const outcome = await opsgenie().close(ALERT, 'sam');
    assert.deepEqual(outcome, { processed: false, requestId: accepted.requestId });
    assert.equal(asked.get(accepted.requestId), 4, 'one look per wait, no more');
  });

  it('an accepted action without a request id is not asked after; a status that is not one is an error', async () => {
    answer = 'no-id';
    assert.deepEqual(await opsgenie().acknowledge(ALERT, 'sam'), { processed: false });
    assert.equal(asked.size, 0);
    answer = 'garbage';
    await assert.rejects(opsgenie().acknowledge(ALERT, 'sam'), /Opsgenie sent a request status without its "data"/);
  });

  it('a cancelled wait stops asking', async () => {
    answer = 'never';
    const controller = new AbortController();
    const api = new OpsgenieApi({ source: 'opsgenie', baseUrl: server.url, key: 'k' }, { retries: 0, confirmWaitsMs: [5, 60_000] });
    const pending = api.acknowledge(ALERT, 'sam', controller.signal);
    setTimeout(() => controller.abort(), 200);
    await assert.rejects(pending, /cancelled/);
    assert.equal(asked.get(accepted.requestId), 1);
  });
});
