// Paging through PagerDuty and Opsgenie as their APIs page: records built from the captured payloads,
// served by a loopback server that pages by offset, with one unreadable record on a page, and with
// PagerDuty's refusal past offset + limit = 10,000.
import * as assert from 'node:assert/strict';
import { OpsgenieApi, PagerDutyApi } from '../../../src/adapters/alerts/sources';
import { json, LoopbackServer, startLoopback } from '../../support/loopbackServer';
import { payload } from '../alerts/payloads';

const incidents = (payload('warroom__pagerduty__incidents.json') as { incidents: Record<string, unknown>[] }).incidents;
const [logEntry] = (payload('warroom__pagerduty__log_entries.json') as { log_entries: Record<string, unknown>[] }).log_entries;
const [opsgenieAlert] = (
  payload('demisto__content__Packs__OpsGenie__Integrations__OpsGenieV3__test_data__get_alerts.json') as { data: Record<string, unknown>[] }
).data;

const TOTAL = 150;
/** The i-th record of a listing of TOTAL, the sixth unreadable (no id). */
const record = (template: Record<string, unknown>, i: number): Record<string, unknown> =>
  i === 5 ? { status: 'triggered' } : { ...template, id: `R${i}` };

describe('alert sources page as the APIs do', function () {
  this.timeout(20_000);
  let server: LoopbackServer;
  const requested: number[] = [];
  let logs: 'endless' | 'failing' = 'endless';

  before(async () => {
    server = await startLoopback((req, res) => {
      const url = new URL(req.url, 'http://x');
      const offset = Number(url.searchParams.get('offset') ?? 0);
      const limit = Number(url.searchParams.get('limit') ?? 25);
      const page = (template: Record<string, unknown>) =>
        Array.from({ length: Math.max(0, Math.min(TOTAL, offset + limit) - offset) }, (_, k) => record(template, offset + k));
      if (url.pathname === '/incidents') {
        return json(res, 200, { incidents: page(incidents[0]), limit, offset, more: offset + limit < TOTAL });
      }
      if (url.pathname === '/log_entries') {
        requested.push(offset);
        if (logs === 'failing') return json(res, 500, { error: { message: 'Internal Server Error' } });
        // PagerDuty's classic pagination: offset + limit past 10,000 is refused.
        if (offset + limit > 10_000) {
          return json(res, 400, { error: { message: 'Invalid Input Provided', code: 2001, errors: ['Offset must be less than 10000.'] } });
        }
        const entries = Array.from({ length: limit }, (_, k) => ({ ...logEntry, id: `L${offset + k}` }));
        return json(res, 200, { log_entries: entries, limit, offset, more: true });
      }
      if (url.pathname === '/v2/alerts') {
        return json(res, 200, { data: page(opsgenieAlert), paging: offset + limit < TOTAL ? { next: 'more' } : {} });
      }
      return json(res, 404, {});
    });
  });
  after(() => server.close());

  const pagerDuty = () => new PagerDutyApi({ source: 'pagerduty', baseUrl: server.url, key: 'k' }, { retries: 0 });

  it('PagerDuty incidents: an unreadable record on a page repeats nothing on the next', async () => {
    const { alerts, unread } = await pagerDuty().incidents();
    const ids = alerts.map((a) => a.id);
    assert.equal(new Set(ids).size, ids.length, 'no incident twice');
    assert.equal(ids.length, TOTAL - 1);
    assert.ok(unread.length > 0 && unread.every((line) => /\[5\]/.test(line)), unread.join('\n'));
  });

  it('Opsgenie alerts: the same', async () => {
    const { alerts, unread } = await new OpsgenieApi({ source: 'opsgenie', baseUrl: server.url, key: 'k' }, { retries: 0 }).alerts();
    const ids = alerts.map((a) => a.id);
    assert.equal(new Set(ids).size, ids.length, 'no alert twice');
    assert.equal(ids.length, TOTAL - 1);
    assert.ok(unread.length > 0 && unread.every((line) => /\[5\]/.test(line)), unread.join('\n'));
  });

  it("PagerDuty's account-wide log: read up to the 10,000 PagerDuty pages, never past", async () => {
    requested.length = 0;
    logs = 'endless';
    const { parsed } = await pagerDuty().incidentsWithLogs();
    assert.equal(parsed.alerts.length, TOTAL - 1);
    assert.equal(requested.length, 100);
    assert.equal(Math.max(...requested), 9_900);
  });

  it('PagerDuty: a log that cannot be read leaves the incidents, and says the log is unread', async () => {
    logs = 'failing';
    const { parsed, logs: entries } = await pagerDuty().incidentsWithLogs();
    assert.equal(parsed.alerts.length, TOTAL - 1);
    assert.ok([...entries.values()].every((list) => list.length === 0));
    assert.match(parsed.unread.join('\n'), /log entries since .*: not read \(/);
  });
});
