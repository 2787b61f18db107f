// pagerduty.sync1000: 1,000 incidents (10 pages while `more`) and their 4,000 log entries (40 pages
// of the account-wide log) from a loopback PagerDuty, with the heap growth it leaves (pagerduty.sync1000.heapMB).
// alertmanager.poll1000: 1,000 active alerts from the real Alertmanager into the Incoming model.
import { AlertmanagerApi, PagerDutyApi } from '../src/adapters/alerts/sources';
import { applySync, emptySource } from '../src/core/alerts/incoming';
import { alertmanagerInstalled, seedAlerts, startAlertmanager } from '../test/harness/alertmanager';
import { json, startLoopback } from '../test/support/loopbackServer';
import { medianMs, report, round } from './measure';

function incident(i: number) {
  return {
    id: `P${String(i).padStart(6, '0')}`,
    incident_number: i,
    title: `Checkout latency ${i}`,
    html_url: `https://example.pagerduty.com/incidents/P${i}`,
    created_at: new Date(Date.UTC(2026, 3, 1) + i * 1000).toISOString(),
    status: i % 3 ? 'triggered' : 'acknowledged',
    incident_key: `key-${i}`,
    service: { id: 'PSVC', summary: 'checkout' },
    priority: { summary: 'P2' },
    urgency: 'high',
    teams: [{ summary: 'Payments' }],
  };
}

/** Four entries per incident (trigger, notify, acknowledge, annotate), as the account-wide log lists them. */
function logEntry(n: number) {
  const i = Math.floor(n / 4);
  const type = ['trigger', 'notify', 'acknowledge', 'annotate'][n % 4];
  return {
    id: `R${n}`,
    type: `${type}_log_entry`,
    summary: `${type} by Ana`,
    created_at: new Date(Date.UTC(2026, 3, 1) + i * 1000 + (n % 4) * 100).toISOString(),
    agent: { summary: 'Ana' },
    incident: { id: incident(i).id, type: 'incident_reference' },
  };
}

async function pagerduty(): Promise<void> {
  const all = Array.from({ length: 1000 }, (_, i) => incident(i));
  const log = Array.from({ length: 4000 }, (_, n) => logEntry(n));
  const server = await startLoopback((req, res) => {
    const url = new URL(req.url, 'http://x');
    if (url.pathname === '/incidents') {
      const offset = Number(url.searchParams.get('offset'));
      const limit = Number(url.searchParams.get('limit'));
      json(res, 200, { incidents: all.slice(offset, offset + limit), offset, limit, more: offset + limit < all.length });
    } else {
      const offset = Number(url.searchParams.get('offset'));
      const limit = Number(url.searchParams.get('limit'));
      json(res, 200, { log_entries: log.slice(offset, offset + limit), offset, limit, more: offset + limit < log.length });
    }
  });
  // Closed on failure too: an open server would keep the bench process alive.
  try {
    const api = new PagerDutyApi({ source: 'pagerduty', baseUrl: server.url, key: 'bench' });
    let count = 0;
    const ms = await medianMs(
      async () => {
        const { parsed, logs } = await api.incidentsWithLogs();
        count = parsed.alerts.length + [...logs.values()].reduce((n, l) => n + l.length, 0);
      },
      5,
      1,
    );
    if (count !== 4000) throw new Error(`synced ${count}, expected 1000 incidents and 3000 shown log entries`);
    global.gc?.();
    const before = process.memoryUsage().heapUsed;
    const kept = await api.incidentsWithLogs();
    global.gc?.();
    const heapMB = round((process.memoryUsage().heapUsed - before) / 1024 / 1024);
    report({ bench: 'pagerduty.sync1000', value: ms, unit: 'ms', incidents: kept.parsed.alerts.length, requests: 50 });
    report({ bench: 'pagerduty.sync1000.heapMB', value: heapMB, unit: 'MB' });
  } finally {
    await server.close();
  }
}

async function alertmanager(): Promise<void> {
  if (!alertmanagerInstalled()) throw new Error('prometheus-alertmanager is not installed (node test/harness/install.mjs)');
  const am = await startAlertmanager();
  try {
    await am.seed(seedAlerts(1000));
    const api = new AlertmanagerApi({ source: 'alertmanager', baseUrl: am.url });
    let state = emptySource('alertmanager');
    const ms = await medianMs(
      async () => {
        state = applySync(state, { ok: await api.alerts() }, new Date());
      },
      9,
      2,
    );
    if (state.alerts.length !== 1000) throw new Error(`polled ${state.alerts.length} alerts, expected 1000`);
    report({ bench: 'alertmanager.poll1000', value: ms, unit: 'ms', groups: state.groups.length });
  } finally {
    await am.stop();
  }
}

void (async () => {
  await pagerduty();
  await alertmanager();
})().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
