// Webview figures measurable without VS Code:
//   bundle.webview.kb                 size of dist/webview/*.js as built by `node esbuild.mjs --production`
//                                     (npm run bench builds it first), target <= 400 KB
//   timeline.paint10k.standalone      page load to the timeline list's first frame, 10,000 events (the
//                                     newest EMBEDDED_ROWS in the page, as the extension embeds them; the
//                                     rest would follow 'ready'), in headless Debian chromium (the real
//                                     VS Code figure, timeline.paint10k, comes with the extension-side panel)

import * as fs from 'node:fs';
import * as path from 'node:path';
import { foldIncident } from '../src/core/fold';
import { buildTimelineState, EMBEDDED_ROWS } from '../src/protocol/timeline';
import { launchChromium, REPO_ROOT, serveStandalone } from '../test/e2e/webviewStandalone';
import { bigIncidentEvents, loadXssPayloads } from '../test/unit/timeline/incidentFixture';
import { report, round } from './measure';
import { waitForExpression } from '../test/harness/browser';

async function main(): Promise<void> {
  const dir = path.join(REPO_ROOT, 'dist/webview');
  const bundles = fs.existsSync(dir)
    ? fs
        .readdirSync(dir)
        .filter((f) => f.endsWith('.js'))
        .sort()
    : [];
  if (bundles.length === 0) {
    throw new Error('dist/webview has no bundles: run `node esbuild.mjs --production` first');
  }
  const sizes = Object.fromEntries(bundles.map((f) => [f, round(fs.statSync(path.join(dir, f)).size / 1024, 1)]));
  const total = Object.values(sizes).reduce((a, b) => a + b, 0);
  report({ bench: 'bundle.webview.kb', value: round(total, 1), unit: 'KB', files: sizes });

  const incident = foldIncident('INC-20261122-1200-k3m9qz', bigIncidentEvents(10_000, loadXssPayloads()));
  const server = await serveStandalone(dir, [
    { panel: 'timeline', title: incident.title, initialState: buildTimelineState(incident, 'alice', EMBEDDED_ROWS) },
  ]);
  const browser = await launchChromium();
  try {
    const times: number[] = [];
    const runs = 9;
    const warmup = 2;
    for (let i = 0; i < runs + warmup; i++) {
      const page = await browser.newPage({ viewport: { width: 1100, height: 800 } });
      await page.goto(server.url('timeline'));
      await waitForExpression(page, "document.body.dataset.painted === 'true'");
      const ms = (await page.evaluate("performance.getEntriesByName('warroom.timeline.firstPaint')[0].startTime")) as number;
      await page.close();
      if (i >= warmup) {
        times.push(ms);
      }
    }
    times.sort((a, b) => a - b);
    report({
      bench: 'timeline.paint10k.standalone',
      value: round(times[Math.floor(times.length / 2)]),
      unit: 'ms',
      events: incident.events.length,
      runs,
    });
  } finally {
    await browser.close();
    await server.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
