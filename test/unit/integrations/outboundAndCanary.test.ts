// Updates out (Slack webhook, Statuspage, PagerDuty notes) against loopback servers, and the canary
// check: every integration runs with canary secrets, succeeding and failing, and then the recorded
// events, the CLI output and every error message are searched for them: zero hits. The same keys,
// pasted into an incident as responders do, never reach a prompt sent to a language model.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { AlertmanagerApi, OpsgenieApi, PagerDutyApi } from '../../../src/adapters/alerts/sources';
import { SlackWebhook, StatuspageApi } from '../../../src/adapters/alerts/outbound';
import { FileIncidentStore } from '../../../src/adapters/store/fileStore';
import { main } from '../../../src/cli/main';
import { componentChanges, componentPreviewLines, slackPayload } from '../../../src/core/alerts/outbound';
import { estimateTokens, fitPrompt, incidentPrompt, PromptRequest, streamAnswer } from '../../../src/core/assist';
import { AUDIENCES, StakeholderUpdate } from '../../../src/core/stakeholderUpdates';
import { fault, FAULTS, json, LoopbackServer, startLoopback } from '../../support/loopbackServer';
import { scriptedModel } from '../../support/scriptedModel';
import { useTempDir } from '../../support/tempDir';
import { payload } from '../alerts/payloads';

const CANARY = {
  pagerduty: 'CANARY-pd-9f3e1',
  opsgenie: 'CANARY-og-77ab2',
  statuspage: 'CANARY-sp-c0ffee',
  slackPath: '/services/CANARY-T000/B000/xyz',
};

const UPDATE: StakeholderUpdate = {
  incidentId: 'INC-20260401-0207-abcdef',
  audience: 'engineering',
  text: 'Checkout latency is back to normal <@here>',
  title: 'Checkout slow',
  severity: 'SEV2',
  status: 'monitoring',
};

describe('integrations: updates out, and no secret anywhere', function () {
  this.timeout(60_000);
  const tmp = useTempDir();
  let server: LoopbackServer;
  beforeEach(async () => {
    server = await startLoopback((req, res) => {
      if (req.url.includes('/incidents') && req.method === 'POST' && req.url.includes('/pages/')) json(res, 201, { id: 'sp-inc-1' });
      else if (req.url.startsWith('/services/')) {
        res.writeHead(200, { 'Content-Type': 'text/plain' });
        res.end('ok');
      } else json(res, 200, { incidents: [], log_entries: [], data: [], more: false });
    });
  });
  afterEach(() => server.close());

  it('posts a formatted Slack message with severity, status, text and link, markup escaped', async () => {
    await new SlackWebhook(server.url + CANARY.slackPath).post(slackPayload(UPDATE, 'https://warroom.invalid/INC'));
    const body = JSON.parse(server.received[0].body);
    assert.match(body.text, /^\[SEV2\] Checkout slow \(monitoring\)\nCheckout latency is back to normal &lt;@here&gt;/);
    assert.equal(body.blocks[0].text.text, '[SEV2] Checkout slow (monitoring)');
  });

  it('says why Slack refused a message, and does not retry a post', async () => {
    server.handle((_req, res) => {
      res.writeHead(400, { 'Content-Type': 'text/plain' });
      res.end('invalid_payload');
    });
    await assert.rejects(
      new SlackWebhook(server.url + CANARY.slackPath).post({ text: '' }),
      /^HttpError: Slack rejected the request \(400\): invalid_payload$/,
    );
    assert.equal(server.received.length, 1);
  });

  it('creates the Statuspage incident on the first send and updates it after', async () => {
    const sp = new StatuspageApi('page1', CANARY.statuspage, server.url);
    const id = await sp.create({
      name: 'Checkout slow',
      status: 'investigating',
      body: 'Looking',
      components: { c1: 'degraded_performance' },
    });
    await sp.update(id, { status: 'monitoring', body: 'Fixed', components: { c1: 'operational' } });
    assert.deepEqual(
      server.received.map((r) => `${r.method} ${r.url}`),
      ['POST /v1/pages/page1/incidents', 'PATCH /v1/pages/page1/incidents/sp-inc-1'],
    );
    assert.equal(server.received[0].headers.authorization, `OAuth ${CANARY.statuspage}`);
    assert.deepEqual(JSON.parse(server.received[1].body).incident.components, { c1: 'operational' });
  });

  it("names the components chosen from the page's components API in the incident it creates, and sets them operational on resolve", async () => {
    server.handle((req, res) => {
      if (req.method === 'GET' && req.url === '/v1/pages/page1/components') json(res, 200, payload('warroom__statuspage__components.json'));
      else if (req.method === 'POST') json(res, 201, { id: 'sp-inc-2' });
      else json(res, 200, { id: 'sp-inc-2' });
    });
    const sp = new StatuspageApi('page1', CANARY.statuspage, server.url);
    const components = await sp.components();
    assert.deepEqual(
      components.map((c) => [c.id, c.name, c.status]),
      [
        ['8kbf7d35c070', 'Checkout API', 'operational'],
        ['v2zbqk9gt4lj', 'Payments', 'degraded_performance'],
      ],
      'the group (Backend) takes no status of its own: not offered',
    );
    const chosen = componentChanges(['8kbf7d35c070'], 'partial_outage', 'investigating');
    assert.deepEqual(componentPreviewLines(components, chosen), ['Checkout API: Operational → Partial outage']);
    const id = await sp.create({ name: 'Checkout slow', status: 'investigating', body: 'Looking', components: chosen });
    await sp.update(id, {
      status: 'resolved',
      body: 'Fixed',
      components: componentChanges(['8kbf7d35c070'], 'partial_outage', 'resolved'),
    });
    const [, created, updated] = server.received.map((r) => JSON.parse(r.body || '{}'));
    assert.equal(server.received[0].headers.authorization, `OAuth ${CANARY.statuspage}`);
    assert.deepEqual(created.incident.component_ids, ['8kbf7d35c070']);
    assert.deepEqual(created.incident.components, { '8kbf7d35c070': 'partial_outage' });
    assert.deepEqual(updated.incident.components, { '8kbf7d35c070': 'operational' });
  });

  it("says why the page's components could not be read", async () => {
    server.handle((_req, res) => fault('401', res));
    await assert.rejects(new StatuspageApi('page1', CANARY.statuspage, server.url).components(), /Statuspage rejected the API key \(401\)/);
  });

  it('adds a PagerDuty note with the From header', async () => {
    await new PagerDutyApi({ source: 'pagerduty', baseUrl: server.url, key: CANARY.pagerduty }).addNote(
      'Q1',
      'Rolled back',
      'ana@example.com',
    );
    assert.equal(server.received[0].url, '/incidents/Q1/notes');
    assert.equal(server.received[0].headers.from, 'ana@example.com');
    assert.deepEqual(JSON.parse(server.received[0].body), { note: { content: 'Rolled back' } });
  });

  it('leaves no canary secret in events, CLI output or error messages, under every fault', async () => {
    const store = new FileIncidentStore(path.join(tmp(), '.warroom'));
    const id = await store.declare(
      {
        type: 'declared',
        title: 'Canary',
        severity: 'SEV3',
        urgency: 'low',
        service: 's',
        startedAt: '2026-04-01T00:00:00Z',
        detectedAt: '2026-04-01T00:00:00Z',
      },
      'alice',
    );
    const options = { retries: 0, timeoutMs: 500 };
    const runs: [string, () => Promise<unknown>][] = [
      [
        'pagerduty',
        () => new PagerDutyApi({ source: 'pagerduty', baseUrl: server.url, key: CANARY.pagerduty }, options).incidentsWithLogs(),
      ],
      [
        'pagerduty',
        () =>
          new PagerDutyApi({ source: 'pagerduty', baseUrl: server.url, key: CANARY.pagerduty }, options).setStatus(
            'Q1',
            'acknowledged',
            'a@b.c',
          ),
      ],
      ['opsgenie', () => new OpsgenieApi({ source: 'opsgenie', baseUrl: server.url, key: CANARY.opsgenie }, options).alerts()],
      [
        'opsgenie',
        () => new OpsgenieApi({ source: 'opsgenie', baseUrl: server.url, key: CANARY.opsgenie }, options).addNote('A1', 'n', 'alice'),
      ],
      ['alertmanager', () => new AlertmanagerApi({ source: 'alertmanager', baseUrl: server.url }, options).alerts()],
      ['slack', () => new SlackWebhook(server.url + CANARY.slackPath, options).post(slackPayload(UPDATE))],
      [
        'statuspage',
        () =>
          new StatuspageApi('page1', CANARY.statuspage, server.url, options).create({
            name: 'n',
            status: 'investigating',
            body: 'b',
            components: {},
          }),
      ],
    ];
    const messages: string[] = [];
    for (const kind of ['ok', ...FAULTS.filter((f) => f !== '10mb' && f !== 'drip')] as const) {
      server.handle((_req, res) =>
        kind === 'ok' ? json(res, 200, { incidents: [], log_entries: [], data: [], id: 'x', more: false }) : fault(kind, res),
      );
      for (const [channel, run] of runs) {
        const outcome = await run().then(
          () => ({ outcome: 'sent' as const, reason: undefined as string | undefined }),
          (error: Error) => ({ outcome: 'failed' as const, reason: error.message }),
        );
        if (outcome.reason) messages.push(outcome.reason);
        await store.append(
          id,
          {
            type: 'update_sent',
            channel,
            action: 'status_update',
            outcome: outcome.outcome,
            ...(outcome.reason ? { reason: outcome.reason } : {}),
          } as never,
          'alice',
        );
      }
    }
    assert.ok(messages.length >= runs.length * 8, 'the faults failed the runs');
    let cliOut = '';
    await main(['alerts', '--json'], {
      out: (t) => (cliOut += t),
      err: (t) => (cliOut += t),
      cwd: tmp(),
      env: {
        WARROOM_PAGERDUTY_TOKEN: CANARY.pagerduty,
        WARROOM_PAGERDUTY_URL: server.url,
        WARROOM_OPSGENIE_KEY: CANARY.opsgenie,
        WARROOM_OPSGENIE_URL: server.url,
      },
    });
    const written = fs.readFileSync(path.join(tmp(), '.warroom', id, 'events.jsonl'), 'utf8');
    const secrets = [CANARY.pagerduty, CANARY.opsgenie, CANARY.statuspage, 'CANARY-T000', server.url.replace('http://', '')];
    for (const haystack of [written, cliOut, ...messages]) {
      for (const secret of secrets) assert.ok(!haystack.includes(secret), `"${secret}" leaked into: ${haystack.slice(0, 200)}`);
    }
  });

  it('sends no canary secret to a language model: the integrations keys, as responders paste them, never reach a prompt', async () => {
    const store = new FileIncidentStore(path.join(tmp(), '.warroom'));
    const id = await store.declare(
      {
        type: 'declared',
        title: 'Canary',
        severity: 'SEV2',
        urgency: 'high',
        service: 'checkout',
        startedAt: '2026-04-01T00:00:00Z',
        detectedAt: '2026-04-01T00:00:00Z',
      },
      'alice',
    );
    // Each key in the shape its integration sends it (sources.ts, outbound.ts) or the CLI reads it.
    const pasted = [
      `curl -H 'Authorization: Token token=${CANARY.pagerduty}' https://api.pagerduty.com/incidents`,
      `curl -H "Authorization: GenieKey ${CANARY.opsgenie}" https://api.opsgenie.com/v2/alerts`,
      `Authorization: OAuth ${CANARY.statuspage}`,
      `posting to https://hooks.slack.com${CANARY.slackPath}`,
      `export WARROOM_PAGERDUTY_TOKEN=${CANARY.pagerduty} WARROOM_OPSGENIE_KEY=${CANARY.opsgenie}`,
    ];
    for (const text of pasted) {
      await store.append(id, { type: 'entry', kind: 'note', text } as never, 'alice');
    }
    await store.append(id, { type: 'evidence_added', text: pasted.join('\n') } as never, 'bob');
    const incident = (await store.load(id))?.incident;
    assert.ok(incident);
    const model = scriptedModel(() => ['Noted [E:nothing].']);
    const cancel = { isCancellationRequested: false };
    const requests: PromptRequest[] = [
      { purpose: 'readIn' },
      ...AUDIENCES.map((audience) => ({ purpose: 'status' as const, audience })),
      { purpose: 'reviewSummary' },
      { purpose: 'contributingFactors' },
      { purpose: 'actionItems' },
      { purpose: 'question', question: 'which keys did we rotate?' },
    ];
    for (const request of requests) {
      const prompt = await fitPrompt(
        (maxTokens) => incidentPrompt(incident, request, { maxTokens, countTokens: estimateTokens }),
        model,
        cancel,
      );
      await streamAnswer(model, prompt, { known: prompt.refs }, cancel, () => undefined);
    }
    assert.equal(model.requests.length, requests.length);
    const secrets = [CANARY.pagerduty, CANARY.opsgenie, CANARY.statuspage, 'CANARY-T000'];
    for (const sent of model.requests.map((messages) => messages.map((m) => m.text).join('\n'))) {
      assert.match(sent, /curl -H/, 'the pasted lines are in the prompt');
      for (const secret of secrets) assert.ok(!sent.includes(secret), `"${secret}" reached the model`);
    }
  });
});
