// The dashboard page in Debian chromium without VS Code (real HTML with its CSP, the real bundle, a
// fake acquireVsCodeApi), with the XSS corpus as services, titles, runbook ids, the files of the
// commits marked cause and the people paged (on-call load), so every chart label, table cell, pattern
// and recurrence carries a payload.
//   npx tsc -p tsconfig.test.json && npx mocha out/test/e2e/dashboard-standalone.e2e.js
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Browser, Page } from 'playwright-core';
import { IncidentEvent } from '../../src/core/events';
import { foldIncident } from '../../src/core/fold';
import { computeMetrics } from '../../src/core/learning/metrics';
import { oncallLoad } from '../../src/core/oncall/load';
import { dashboardState } from '../../src/protocol/dashboard';
import { waitForExpression } from '../harness/browser';
import { loadXssPayloads } from '../unit/timeline/incidentFixture';
import { buildWebviewBundles, EXPECTED_PATHS, launchChromium, REPO_ROOT, serveStandalone, StandaloneServer } from './webviewStandalone';

const NOW = new Date('2026-12-01T00:00:00Z');
const DAY = 86_400_000;

const js = <T>(page: Page, expression: string): Promise<T> => page.evaluate(expression) as Promise<T>;

function payloadIncidents(payloads: readonly string[]) {
  const files = new Map<string, string[]>();
  const incidents = payloads.flatMap((payload, i) =>
    [0, 1].map((n) => {
      const started = new Date(NOW.getTime() - (40 - n * 20 - (i % 10)) * DAY).toISOString();
      const sha = (i * 2 + n).toString(16).padStart(40, '0');
      files.set(sha, [payload]);
      const events: IncidentEvent[] = [
        {
          id: `d${i}-${n}`,
          ts: started,
          type: 'declared',
          author: payload,
          title: payload,
          severity: ['SEV1', 'SEV2', 'SEV3', 'SEV4'][i % 4],
          urgency: 'high',
          service: payload,
          startedAt: started,
          detectedAt: started,
        } as IncidentEvent,
        { id: `s${i}-${n}`, ts: started, type: 'suspect_marked', author: 'eve', sha, verdict: 'cause' } as IncidentEvent,
        { id: `r${i}-${n}`, ts: started, type: 'runbook_linked', author: 'eve', runbook: payload } as IncidentEvent,
      ];
      return foldIncident(`INC-20261101-0000-${String(i * 2 + n).padStart(6, '0')}`, events);
    }),
  );
  return {
    metrics: computeMetrics(incidents, { now: NOW, days: 90, filesOf: (sha) => files.get(sha) }),
    // The payloads declared the incidents: with no rotation file they are the people paged.
    oncall: [{ folder: payloads[0], rotation: false, load: oncallLoad(incidents, { now: NOW, days: 90, pagesPerWeekLimit: 0 }) }],
  };
}

describe('dashboard page in a standalone browser (no VS Code)', function () {
  this.timeout(120_000);
  const payloads = loadXssPayloads();
  const { metrics, oncall } = payloadIncidents(payloads);
  let bundleDir: string;
  let server: StandaloneServer;
  let browser: Browser;

  before(async () => {
    bundleDir = fs.mkdtempSync(path.join(os.tmpdir(), 'warroom-dashboard-'));
    await buildWebviewBundles(bundleDir);
    server = await serveStandalone(bundleDir, [
      { panel: 'dashboard', title: 'Reliability', initialState: dashboardState(metrics, oncall, 60, 1) },
    ]);
    browser = await launchChromium();
  });

  after(async () => {
    await browser?.close();
    await server?.close();
    if (bundleDir) fs.rmSync(bundleDir, { recursive: true, force: true });
  });

  it('shows every payload as text: none executes, none becomes markup, nothing is fetched', async () => {
    assert.ok(metrics.patterns.length > 0 && metrics.recurrences.length > 0, 'payloads reach patterns and recurrences');
    const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    await page.goto(server.url('dashboard'));
    await waitForExpression(page, "document.getElementById('app').getAttribute('aria-busy') === null");
    await js(page, "document.querySelectorAll('details').forEach((d) => { d.open = true; })");
    assert.equal(await js(page, 'window.__xss'), undefined);
    assert.deepEqual(
      (await js<string[]>(page, 'window.__cspViolations')).filter((v) => v.startsWith('script')),
      [],
    );
    assert.equal(
      await js<number>(
        page,
        "document.querySelectorAll('#app img, #app iframe, #app script, #app object, #app embed, #app style, #app a').length",
      ),
      0,
    );
    const text = await js<string>(page, "document.getElementById('app').textContent");
    assert.ok(text.includes('<img src=x onerror='), 'a payload is shown verbatim');
    const posted = await js<{ type: string }[]>(page, 'window.__posted');
    assert.deepEqual(posted[0], { type: 'ready', version: 1 });
    assert.deepEqual(
      server.requests.filter((p) => !EXPECTED_PATHS.has(p)),
      [],
    );
    // On-call load: one table row per person paged (each a payload), drawn in the section.
    assert.equal(await js<number>(page, "document.querySelectorAll('#oncall-0 tbody tr').length"), oncall[0].load.people.length);
    assert.ok(oncall[0].load.people.length > 1);
    fs.mkdirSync(path.join(REPO_ROOT, 'test-artifacts'), { recursive: true });
    await page.screenshot({ path: path.join(REPO_ROOT, 'test-artifacts', 'dashboard-standalone-xss.png'), fullPage: false });
    await page.locator('#oncall-0').screenshot({ path: path.join(REPO_ROOT, 'test-artifacts', 'dashboard-standalone-oncall.png') });
    await page.close();
  });
});
