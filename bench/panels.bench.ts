// Panel figures in the real VS Code (code-server + chromium), an incident of 10,000 events:
//   timeline.paint10k  "War Room: Open Timeline" chosen in the palette -> the list's first frame in the
//                      panel's page (performance mark warroom.timeline.firstPaint). The first webview of a
//                      window: each run opens a fresh workbench and browser profile. Mostly VS Code's own
//                      webview start-up (170-210 ms before our script runs), so a guard: <= 600 ms.
//   timeline.paint10k.reopen  the same, after other webviews were opened and closed in the window. Each
//                      webview's host page registers a service worker with its own id in the URL, so it
//                      replaces the previous one; Chromium then holds activation for a fixed 1 s
//                      (ServiceWorkerRegistration::ActivateWaitingVersion(delay=true) when the outgoing
//                      worker ran in the last 30 s), and the page's HTML waits for it. Seen over CDP:
//                      'activating' -> 'activated' takes 1.0 s on every open but the first.
//   *.script           the same, from our bundle's first statement (mark warroom.scriptStart): what is ours
//                      once VS Code has created the webview and served the files; `steps` splits the rest.
//                      timeline.paint10k.script is the figure we answer for: <= 50 ms.
//   timeline.paint5.reopen  the same panel on a 7-event incident: what opening any webview costs here
//   timeline.append    Enter in the quick-add bar -> the new row in the open panel's DOM, target <= 100 ms
// Both clocks are the same machine's wall clock: Date.now() here, performance.timeOrigin + now() there.
import { releaseAll } from '../test/harness/cleanup';
import { openWorkbench, Workbench } from '../test/harness/workbench';
import { makeWorkspace, TestWorkspace } from '../test/harness/workspaces';
import { Page } from 'playwright-core';
import { panelFrame, writeIncident } from '../test/e2e/fixtures';
import { bigIncidentEvents } from '../test/unit/timeline/incidentFixture';
import { report, round } from './measure';

const INCIDENT = 'INC-20261122-1200-big10k';
const SMALL = 'INC-20261122-1300-small5';
const median = (values: number[]): number => round([...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]);

/** Where one paint's time went, in ms from Enter; each is a wall-clock instant (timeOrigin + startTime). */
interface PaintSteps {
  /** The workbench created the webview's outer iframe (extension host asked, workbench made the element). */
  readonly outerFrame: number;
  /** The page's own frame began loading our HTML (after the outer host page and its service worker). */
  readonly innerFrame: number;
  readonly cssLoaded: number;
  readonly scriptLoaded: number;
  /** Our bundle's first statement ran. */
  readonly scriptStart: number;
  readonly toolkitRegistered: number;
  readonly stateParsed: number;
  readonly rowsRendered: number;
  readonly firstPaint: number;
}

// Runs in the panel's frame (and the outer one for its origin): marks and resource timings as wall-clock instants.
const FRAME_TIMES = `(() => {
  const t0 = performance.timeOrigin;
  const mark = (n) => { const e = performance.getEntriesByName(n)[0]; return e ? t0 + e.startTime : NaN; };
  window.__wrRes = performance.getEntriesByType('resource').map((r) => [r.name.split('/').pop(), Math.round(r.startTime), Math.round(r.fetchStart), Math.round(r.responseStart), Math.round(r.responseEnd)]);
  const nav = performance.getEntriesByType('navigation')[0];
  window.__wrNav = nav && Object.fromEntries(Object.entries(nav.toJSON()).filter(([, v]) => typeof v !== 'object' && v !== 0));
  const loaded = (suffix) => { const e = performance.getEntriesByType('resource').find((r) => r.name.split('?')[0].endsWith(suffix)); return e ? t0 + e.responseEnd : NaN; };
  return {
    origin: t0, cssLoaded: loaded('webview.css'), scriptLoaded: loaded('timeline.js'),
    scriptStart: mark('warroom.scriptStart'), toolkitRegistered: mark('warroom.timeline.toolkitRegistered'),
    stateParsed: mark('warroom.timeline.stateParsed'), rowsRendered: mark('warroom.timeline.rowsRendered'),
    firstPaint: mark('warroom.timeline.firstPaint'),
  };
})()`;

/** Opens the timeline of `incidentId` from the palette and times Enter -> the list's first frame. */
async function paintOnce(page: Page, incidentId: string): Promise<PaintSteps> {
  const frame = panelFrame(page);
  await page.keyboard.press('F1');
  await page.locator('.quick-input-widget .quick-input-box input').fill('>War Room: Open Timeline');
  await page.locator('.quick-input-widget .quick-input-list .monaco-list-row', { hasText: 'War Room: Open Timeline' }).first().click();
  await page.locator('.quick-input-widget .quick-input-box input[placeholder*="Which incident?"]').waitFor();
  await page.locator('.quick-input-widget .quick-input-box input').fill(incidentId);
  await page.locator('.quick-input-widget .quick-input-list .monaco-list-row', { hasText: incidentId }).first().waitFor();
  const start = Date.now();
  await page.keyboard.press('Enter');
  await frame.locator('body[data-painted="true"]').waitFor();
  const inner = page.frames().find((f) => f.name() === 'active-frame' || f.url().includes('fake.html'));
  const outer = inner?.parentFrame();
  if (!inner || !outer) {
    throw new Error(
      `no panel frame among ${page
        .frames()
        .map((f) => f.url())
        .join(', ')}`,
    );
  }
  const times = (await inner.evaluate(FRAME_TIMES)) as Record<Exclude<keyof PaintSteps, 'outerFrame' | 'innerFrame'> | 'origin', number>;
  const outerOrigin = (await outer.evaluate('performance.timeOrigin')) as number;
  if (process.env.WARROOM_BENCH_DEBUG) {
    // the raw timings, to see where a step's time went
    process.stderr.write(
      `${incidentId} inner=${times.origin - start} res=${JSON.stringify(await inner.evaluate('window.__wrRes'))} nav=${JSON.stringify(await inner.evaluate('window.__wrNav'))}\n`,
    );
  }
  const { origin, ...marks } = times;
  const since = Object.fromEntries(Object.entries(marks).map(([k, v]) => [k, v - start]));
  return { outerFrame: outerOrigin - start, innerFrame: origin - start, ...since } as unknown as PaintSteps;
}

/** Median of each step over the runs, and the two figures: Enter -> paint, and our script's start -> paint. */
function reportPaints(
  bench: string,
  events: number,
  steps: readonly PaintSteps[],
  extra: Record<string, unknown> = {},
  targets: { readonly whole?: number; readonly script?: number } = {},
): void {
  const keys = Object.keys(steps[0]) as (keyof PaintSteps)[];
  const medians = Object.fromEntries(keys.map((k) => [k, median(steps.map((s) => s[k]))]));
  const whole = median(steps.map((s) => s.firstPaint));
  const script = median(steps.map((s) => s.firstPaint - s.scriptStart));
  const target = (value: number | undefined) => (value === undefined ? {} : { target: value });
  report({
    bench,
    value: whole,
    unit: 'ms',
    events,
    ...target(targets.whole),
    ...extra,
    runs: steps.map((s) => round(s.firstPaint)),
    steps: medians,
  });
  report({
    bench: `${bench}.script`,
    value: script,
    unit: 'ms',
    events,
    ...target(targets.script),
    runs: steps.map((s) => round(s.firstPaint - s.scriptStart)),
  });
  // A figure over its limit fails the bench run (npm run bench exits non-zero), after every figure is out.
  for (const [name, value, limit] of [
    [bench, whole, targets.whole],
    [`${bench}.script`, script, targets.script],
  ] as const) {
    if (limit !== undefined && value > limit) {
      process.stderr.write(`${name}: ${value} ms is over its ${limit} ms limit\n`);
      process.exitCode = 1;
    }
  }
}

async function openBench(workspace: TestWorkspace, label: string): Promise<Workbench> {
  const workbench = await openWorkbench({ target: workspace.target, label, stepTimeoutMs: 60_000 });
  await workbench.openViewContainer('War Room');
  await workbench.page
    .locator('.statusbar-item', { hasText: /Update (in|overdue)|SEV1/ })
    .first()
    .waitFor();
  return workbench;
}

async function main(): Promise<void> {
  const workspace = makeWorkspace('single');
  // The fixture's clock starts at a fixed date; moved so its last event is an hour ago, so an event
  // appended now sorts to the end (as in a live incident) instead of into the middle.
  const fixture = bigIncidentEvents(10_000);
  const shift = Date.now() - 3_600_000 - Math.max(...fixture.map((e) => Date.parse(e.ts)));
  const moved = (iso: unknown) => new Date(Date.parse(String(iso)) + shift).toISOString();
  const events = fixture.map((e) =>
    e.type === 'declared'
      ? {
          ...e,
          ts: moved(e.ts),
          startedAt: moved((e as { startedAt?: string }).startedAt),
          detectedAt: moved((e as { detectedAt?: string }).detectedAt),
        }
      : { ...e, ts: moved(e.ts) },
  );
  writeIncident(workspace.folders[0], INCIDENT, events);
  // The same panel on a 5-event incident: what opening any webview costs in this workbench.
  writeIncident(
    workspace.folders[0],
    SMALL,
    bigIncidentEvents(5).map((e) => (e.type === 'declared' ? { ...e, title: 'Small incident' } : e)),
  );

  // The first panel of a window: a fresh browser profile each time, so no webview worker exists yet.
  const firstPaints: PaintSteps[] = [];
  for (let run = 0; run < 5; run++) {
    const workbench = await openBench(workspace, `bench-panels-first${run}`);
    try {
      firstPaints.push(await paintOnce(workbench.page, INCIDENT));
    } finally {
      await workbench.close();
    }
  }
  // The whole figure is mostly VS Code's webview start-up, a guard; the script's share is ours.
  reportPaints('timeline.paint10k', events.length, firstPaints, { opened: 'first webview of the window' }, { whole: 600, script: 50 });

  const workbench = await openBench(workspace, 'bench-panels');
  const page = workbench.page;
  try {
    const frame = panelFrame(page);
    const close = async (): Promise<void> => {
      await page.keyboard.press('Control+w');
      await frame.locator('body').waitFor({ state: 'detached' });
    };
    const paints: PaintSteps[] = [];
    const smallPaints: PaintSteps[] = [];
    for (let run = 0; run < 6; run++) {
      const small = await paintOnce(page, SMALL);
      await close();
      const big = await paintOnce(page, INCIDENT);
      // The first run warms up the extension host and the webview service.
      if (run > 0) {
        smallPaints.push(small);
        paints.push(big);
      }
      if (run < 5) {
        await close();
      }
    }
    reportPaints('timeline.paint10k.reopen', events.length, paints, { opened: 'after other webviews in the window' });
    reportPaints('timeline.paint5.reopen', 7, smallPaints, { opened: 'after other webviews in the window' });

    const appends: number[] = [];
    for (let run = 0; run < 8; run++) {
      const text = `bench append ${run} ${Date.now()}`;
      await frame.locator('#quick-add-text').click();
      await page.keyboard.type(text);
      const inner = page.frames().find((f) => f.url().includes('fake.html') || f.name() === 'active-frame');
      if (!inner) {
        throw new Error('no panel frame');
      }
      await inner.evaluate(`window.__seen = new Promise((resolve, reject) => {
        setTimeout(() => reject(new Error('the appended row did not show in 20 s')), 20000);
        const found = () => [...document.querySelectorAll('.row-text')].some((n) => n.textContent === ${JSON.stringify(text)});
        new MutationObserver((_, observer) => { if (found()) { observer.disconnect(); resolve(performance.timeOrigin + performance.now()); } })
          .observe(document.getElementById('timeline-list'), { childList: true, subtree: true, characterData: true });
      }); undefined`);
      const start = Date.now();
      await page.keyboard.press('Enter');
      const seen = await (inner.evaluate('window.__seen') as Promise<number>).catch(async (error: unknown) => {
        await workbench.screenshot('append-failed');
        throw error;
      });
      if (run > 0) {
        appends.push(seen - start);
      }
    }
    report({ bench: 'timeline.append', value: median(appends), unit: 'ms', events: events.length, runs: appends.map((v) => round(v)) });
  } finally {
    await workbench.close();
    workspace.remove();
  }
}

main()
  .then(() => releaseAll())
  .catch(async (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    await releaseAll();
    process.exit(1);
  });
