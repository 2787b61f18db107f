// `warroom alerts` and `warroom alerts parse`, on the captured payloads and a loopback PagerDuty.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { runCli } from '../../support/cli';
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
});
