// `warroom alerts` and `warroom alerts parse`, on the captured payloads and a loopback PagerDuty.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as fs from 'node:fs';
import * as os from 'node:os';
import { FileIncidentStore } from '../../../src/adapters/store/fileStore';
import { foldIncidentAlerts } from '../../../src/core/alerts/alertEvents';
import { milestonesOf } from '../../../src/core/learning/milestones';
import { declareCheckoutDown, runCli } from '../../support/cli';
import { payload, payloadDir } from '../alerts/payloads';
import { fault, json, LoopbackServer, startLoopback } from '../../support/loopbackServer';

const run = (args: string[], env: NodeJS.ProcessEnv = {}) => runCli(['alerts', ...args], payloadDir, env);

const TOKEN = 'canary-pd-token-5f1e';

describe('warroom alerts', function () {
  this.timeout(20_000);

  it('parse: normalises a captured payload into the alert shape, with what it could not read', async () => {
    const { code, out } = await run([
      'parse',
      'zulip__zulip__zerver__webhooks__opsgenie__fixtures__create.json',
      '--source',
      'opsgenie',
      '--json',
    ]);
    assert.equal(code, 0);
    const parsed = JSON.parse(out);
    assert.equal(parsed.kind, 'webhook');
    assert.deepEqual(parsed.unread, []);
    assert.equal(parsed.alerts[0].dedupKey, 'alert-alias');
    assert.equal(parsed.alerts[0].priority, 'P3');
  });

  it('parse: a payload from another source lists what it could not read and exits 1', async () => {
    const file = path.join(payloadDir, 'zulip__zulip__zerver__webhooks__opsgenie__fixtures__create.json');
    const { code, out } = await run(['parse', file, '--source', 'alertmanager', '--json']);
    assert.equal(code, 1);
    assert.deepEqual(JSON.parse(out).unread, ['$: neither an Alertmanager alert list, a group list nor a webhook body']);
  });

  it('parse: needs --source, naming the sources', async () => {
    const { code, err } = await run(['parse', 'x.json']);
    assert.equal(code, 2);
    assert.match(err, /: missing --source pagerduty\|alertmanager\|opsgenie: warroom alerts parse needs <payload\.json> and --source /);
  });

  it('parse: a file it cannot read is named with why, in words', async () => {
    const missing = await run(['parse', 'no-such-payload.json', '--source', 'alertmanager']);
    assert.equal(missing.code, 1);
    assert.equal(missing.err, 'warroom alerts: no-such-payload.json: not found\n');
    const folder = await run(['parse', '.', '--source', 'alertmanager']);
    assert.equal(folder.code, 1);
    assert.equal(folder.err, 'warroom alerts: .: is not a regular file\n');
  });

  describe('against a loopback PagerDuty', () => {
    let server: LoopbackServer;
    const [first, second] = (payload('warroom__pagerduty__incidents.json') as { incidents: unknown[] }).incidents;
    beforeEach(async () => {
      server = await startLoopback((req, res) => {
        const offset = Number(new URL(req.url, 'http://x').searchParams.get('offset'));
        json(
          res,
          200,
          offset === 0 ? { incidents: [first], more: true, offset, limit: 1 } : { incidents: [second], more: false, offset, limit: 1 },
        );
      });
    });
    afterEach(() => server.close());

    it('lists every page, with the key from the environment in the header only', async () => {
      const { code, out } = await run(['alerts', '--source', 'pagerduty', '--json'].slice(1), {
        WARROOM_PAGERDUTY_TOKEN: TOKEN,
        WARROOM_PAGERDUTY_URL: server.url,
      });
      assert.equal(code, 0);
      const parsed = JSON.parse(out);
      assert.deepEqual(
        parsed.alerts.map((a: { id: string }) => a.id),
        ['Q3B15VLMF3ASBD', 'PT4KHLK'],
      );
      assert.equal(server.received.length, 2);
      assert.equal(server.received[0].headers.authorization, `Token token=${TOKEN}`);
      assert.match(server.received[0].url, /statuses%5B%5D=triggered/);
      assert.ok(!out.includes(TOKEN));
    });

    it("warns once when this machine's clock is off from PagerDuty's, and lists the alerts all the same", async () => {
      const { code, out, err } = await run(['--source', 'pagerduty', '--json'], {
        WARROOM_PAGERDUTY_TOKEN: TOKEN,
        WARROOM_PAGERDUTY_URL: server.url,
      });
      assert.equal(code, 0);
      assert.equal(err, '', 'no warning when the clocks agree');
      server.handle((_req, res) => {
        res.setHeader('Date', new Date(Date.now() - 3 * 3600_000 - 90_000).toUTCString());
        json(res, 200, { incidents: [first], more: false, offset: 0, limit: 1 });
      });
      const skewed = await run(['--source', 'pagerduty', '--json'], { WARROOM_PAGERDUTY_TOKEN: TOKEN, WARROOM_PAGERDUTY_URL: server.url });
      assert.equal(skewed.code, 0);
      assert.equal(JSON.parse(skewed.out).alerts.length, 1);
      assert.match(skewed.err, /^warning: This machine's clock is 3h 01m ahead of PagerDuty's\. .* later than PagerDuty's/);
      assert.equal(skewed.err.split('\n').filter(Boolean).length, 1);
      assert.ok(out);
    });

    it('says in plain words when the key is rejected, without the key', async () => {
      server.handle((_req, res) => fault('401', res));
      const { code, out, err } = await run(['--source', 'pagerduty'], {
        WARROOM_PAGERDUTY_TOKEN: TOKEN,
        WARROOM_PAGERDUTY_URL: server.url,
      });
      assert.equal(code, 1);
      assert.match(err, /^PagerDuty rejected the API key \(401\)$/m);
      assert.ok(!out.includes(TOKEN) && !err.includes(TOKEN));
    });
  });

  it('says which variable configures a source that is not configured', async () => {
    const { code, err } = await run(['alerts', '--source', 'opsgenie'].slice(1));
    assert.equal(code, 1);
    assert.match(err, /set WARROOM_OPSGENIE_KEY/);
  });

  describe('ack and resolve: the page at PagerDuty or Opsgenie, recorded on the incident named', () => {
    const OPSGENIE_KEY = 'canary-og-key-77a1';
    const FILE = 'demisto__content__Packs__OpsGenie__Integrations__OpsGenieV3__test_data__';
    let server: LoopbackServer;
    let dir: string;
    /** What the loopback Opsgenie says of a request: done (the captured status), refused, or not processed yet. */
    let processing: 'done' | 'refused' | 'never' = 'done';
    before(async () => {
      server = await startLoopback((req, res) => {
        const url = new URL(req.url, 'http://x');
        if (req.method === 'PUT' && url.pathname === '/incidents/Q3B15VLMF3ASBD')
          return json(res, 200, { incident: JSON.parse(req.body).incident });
        if (req.method === 'POST' && /^\/v2\/alerts\/[^/]+\/(acknowledge|close)$/.test(url.pathname))
          return json(res, 202, payload(`${FILE}request.json`));
        if (req.method === 'GET' && url.pathname.startsWith('/v2/alerts/requests/')) {
          if (processing === 'never') return json(res, 404, { message: 'Request not found. It might not be processed, yet.' });
          const { requestId: _id, ...data } = payload(`${FILE}ack_alert.json`) as Record<string, unknown>;
          return json(res, 200, {
            data:
              processing === 'refused'
                ? { ...data, isSuccess: false, status: 'Alert does not exist' }
                : { ...data, processedAt: new Date().toISOString() },
          });
        }
        return json(res, 404, { message: 'Not found' });
      });
    });
    after(() => server.close());
    beforeEach(() => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wr-alerts-ack-'));
      processing = 'done';
    });
    afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

    const env = { WARROOM_OPSGENIE_KEY: OPSGENIE_KEY, WARROOM_OPSGENIE_URL: '', WARROOM_PAGERDUTY_TOKEN: TOKEN, WARROOM_PAGERDUTY_URL: '' };
    const inDir = (args: string[], extra: NodeJS.ProcessEnv = {}) =>
      runCli(['alerts', ...args], dir, { ...env, WARROOM_OPSGENIE_URL: server.url, WARROOM_PAGERDUTY_URL: server.url, ...extra });
    const events = async (id: string) => (await new FileIncidentStore(path.join(dir, '.warroom')).load(id))?.incident.events ?? [];

    it('acknowledges an Opsgenie alert as the author once Opsgenie has, records it and sets the acknowledged milestone', async () => {
      const id = await declareCheckoutDown(dir);
      const { code, out, err } = await inDir(['ack', 'A-1', '--source', 'opsgenie', '--incident', id, '--author', 'sam']);
      assert.equal(err, '');
      assert.equal(code, 0);
      assert.equal(out, `Acknowledged in Opsgenie: A-1 (recorded on ${id})\n`);
      const post = server.received.filter((r) => r.method === 'POST').at(-1);
      assert.equal(post?.url, '/v2/alerts/A-1/acknowledge?identifierType=id');
      assert.deepEqual(JSON.parse(post?.body ?? '{}'), { user: 'sam', source: 'War Room' });
      const sends = foldIncidentAlerts(await events(id)).sends;
      assert.deepEqual(
        sends.map((e) => [e.channel, e.action, e.outcome, e.externalId, e.author]),
        [['opsgenie', 'acknowledge', 'sent', '3b078fd5-37d1-472e-823b-9f95b17aba8f', 'sam']],
      );
      assert.equal(milestonesOf({ events: await events(id) }).values.acknowledged?.source, 'opsgenie');
    });

    it('a refusal exits 1 in Opsgenie words and is recorded as failed; not yet processed is said, exit 0', async () => {
      const id = await declareCheckoutDown(dir);
      processing = 'refused';
      const refused = await inDir(['resolve', 'A-1', '--source', 'opsgenie', '--incident', id]);
      assert.equal(refused.code, 1);
      assert.match(refused.err, /Opsgenie did not close the alert: Alert does not exist/);
      const failed = foldIncidentAlerts(await events(id)).sends.at(-1);
      assert.deepEqual(
        [failed?.action, failed?.outcome, failed?.reason],
        ['close', 'failed', 'Opsgenie did not close the alert: Alert does not exist'],
      );
      assert.equal(milestonesOf({ events: await events(id) }).values.acknowledged, undefined);
      processing = 'never';
      const pending = await inDir(['ack', 'A-1', '--source', 'opsgenie']);
      assert.equal(pending.code, 0);
      assert.equal(pending.err, 'Opsgenie took the request to acknowledge A-1 but had not done it after a few seconds\n');
      assert.ok(!JSON.stringify(await events(id)).includes(OPSGENIE_KEY));
    });

    it('resolves a PagerDuty incident as WARROOM_PAGERDUTY_FROM, and refuses without it or for Alertmanager', async () => {
      const missing = await inDir(['resolve', 'Q3B15VLMF3ASBD', '--source', 'pagerduty']);
      assert.equal(missing.code, 1);
      assert.match(missing.err, /set WARROOM_PAGERDUTY_FROM/);
      const { code, out } = await inDir(['resolve', 'Q3B15VLMF3ASBD', '--source', 'pagerduty'], {
        WARROOM_PAGERDUTY_FROM: 'sam@example.com',
      });
      assert.equal(code, 0);
      assert.equal(out, 'Resolved in PagerDuty: Q3B15VLMF3ASBD\n');
      const put = server.received.filter((r) => r.method === 'PUT').at(-1);
      assert.equal(put?.headers.from, 'sam@example.com');
      assert.deepEqual(JSON.parse(put?.body ?? '{}'), { incident: { type: 'incident_reference', status: 'resolved' } });
      const alertmanager = await inDir(['ack', 'x', '--source', 'alertmanager']);
      assert.equal(alertmanager.code, 2);
      assert.match(alertmanager.err, /silenced, not acknowledged/);
      const none = await runCli(['alerts', 'ack', 'A-1', '--source', 'opsgenie'], dir, {});
      assert.equal(none.code, 1);
      assert.match(none.err, /Opsgenie is not configured: set WARROOM_OPSGENIE_KEY/);
    });
  });
});
