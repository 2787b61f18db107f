// The Alertmanager adapter against the real server (Debian's prometheus-alertmanager) on loopback:
// seeded alerts listed and grouped, a silence created and expired again.
import * as assert from 'node:assert/strict';
import { AlertmanagerApi, matchersFor } from '../../../src/adapters/alerts/sources';
import { groupAlerts } from '../../../src/core/alerts/group';
import { alertmanagerInstalled, RunningAlertmanager, seedAlerts, startAlertmanager } from '../../harness/alertmanager';

describe('alertmanager: the real server', function () {
  this.timeout(60_000);
  let am: RunningAlertmanager;
  before(async function () {
    if (!alertmanagerInstalled()) {
      throw new Error(
        'prometheus-alertmanager is not installed: run node test/harness/install.mjs (as root) or apt-get install prometheus-alertmanager',
      );
    }
    am = await startAlertmanager();
  });
  after(() => am?.stop());

  it('lists the seeded alerts, grouped by alert name and service, with their runbook links', async () => {
    await am.seed(seedAlerts(6));
    const api = new AlertmanagerApi({ source: 'alertmanager', baseUrl: am.url });
    const parsed = await api.alerts();
    assert.deepEqual(parsed.unread, []);
    assert.equal(parsed.alerts.length, 6);
    assert.ok(parsed.alerts.every((a) => a.state === 'firing' && a.endsAt === undefined && /^[0-9a-f]{16}$/.test(a.dedupKey)));
    assert.deepEqual(parsed.alerts[0].runbookUrls, ['runbooks/checkout-latency.md']);
    const groups = groupAlerts(parsed.alerts)
      .map((g) => `${g.name}/${g.service}:${g.alerts.length}`)
      .sort();
    assert.deepEqual(groups, [
      'ErrorBudgetBurn/checkout:2',
      'ErrorBudgetBurn/payments:1',
      'HighLatency/checkout:2',
      'HighLatency/payments:1',
    ]);
  });

  it('silences an alert by its matchers, and expires the silence again', async () => {
    const api = new AlertmanagerApi({ source: 'alertmanager', baseUrl: am.url });
    const target = (await api.alerts()).alerts.find((a) => a.labels.instance === 'web-1');
    assert.ok(target);
    const id = await api.silence(matchersFor(target), 30, 'War Room: investigating INC-1', 'alice');
    const silences = await api.silences();
    const created = silences.find((s) => s.id === id);
    assert.equal(created?.state, 'active');
    assert.equal(created?.comment, 'War Room: investigating INC-1');
    assert.deepEqual(
      created?.matchers.find((m) => m.name === 'instance'),
      { name: 'instance', value: 'web-1', isRegex: false, isEqual: true },
    );
    const silenced = (await api.alerts()).alerts.find((a) => a.id === target.id);
    assert.equal(silenced?.state, 'suppressed');

    await api.expire(id);
    assert.equal((await api.silences()).find((s) => s.id === id)?.state, 'expired');
    assert.equal((await api.alerts()).alerts.find((a) => a.id === target.id)?.state, 'firing');
  });

  it("starts a silence at once when the responder's clock runs ahead of the server's", async () => {
    // Seeded again (the same alerts, so nothing new for the tests before it): it passes run alone too.
    await am.seed(seedAlerts(6));
    const api = new AlertmanagerApi({ source: 'alertmanager', baseUrl: am.url });
    const target = (await api.alerts()).alerts.find((a) => a.labels.instance === 'web-1');
    assert.ok(target);
    const ahead = new Date(Date.now() + 2 * 60_000);
    const id = await api.silence(matchersFor(target), 30, 'War Room: investigating INC-1', 'alice', ahead);
    const created = (await api.silences()).find((s) => s.id === id);
    assert.equal(created?.state, 'active', 'a silence sent from a clock two minutes ahead is not pending');
    assert.equal(
      created?.endsAt,
      new Date(ahead.getTime() + 30 * 60_000).toISOString(),
      "it still lasts the minutes asked from the responder's now",
    );
    assert.equal((await api.alerts()).alerts.find((a) => a.id === target.id)?.state, 'suppressed');
    await api.expire(id);
  });

  it('says in plain words when a silence does not exist (Alertmanager answers 500)', async () => {
    const api = new AlertmanagerApi({ source: 'alertmanager', baseUrl: am.url }, { retries: 0 });
    await assert.rejects(api.expire('00000000-0000-0000-0000-000000000000'), /^HttpError: Alertmanager had a server error \(500\)$/);
  });
});
