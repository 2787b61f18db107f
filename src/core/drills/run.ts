// Running a game day: injects come due on a clock (1x, 2x or 10x: scenario time runs that much
// faster), the drill incident's own events say when each expected action happened, and the score
// sheet (Markdown beside the reviews) compares this run with the scenario's earlier ones.

import { IncidentEvent } from '../events';
import type { ExpectedAction, Inject, Scenario } from './scenario';
import { minutes } from './time';
import { count } from '../text/count';
import { escapeControls } from '../text/controls';

export const DRILL_SPEEDS = [1, 2, 10] as const;
export type DrillSpeed = (typeof DRILL_SPEEDS)[number];

/** Injected, so a drill replays on a fake clock in tests and on real time in the CLI and editor. */
export interface DrillClock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export interface DueInject {
  /** Real time after the start at this speed. */
  readonly realMs: number;
  readonly inject: Inject;
}

export function injectSchedule(scenario: Scenario, speed: number): DueInject[] {
  return scenario.injects.map((inject) => ({ realMs: inject.atMs / speed, inject }));
}

/** Delivers each inject when it is due; `stopped()` ends the replay between injects. */
export async function replayInjects(
  scenario: Scenario,
  speed: number,
  clock: DrillClock,
  deliver: (inject: Inject) => void | Promise<void>,
  stopped: () => boolean = () => false,
): Promise<number> {
  const start = clock.now();
  let delivered = 0;
  for (const { realMs, inject } of injectSchedule(scenario, speed)) {
    const wait = start + realMs - clock.now();
    if (wait > 0) await clock.sleep(wait);
    if (stopped()) break;
    await deliver(inject);
    delivered++;
  }
  return delivered;
}

export interface ActionResult {
  readonly action: ExpectedAction['action'];
  readonly runbook?: string;
  readonly withinMs: number;
  /** Scenario time it took, absent when it never happened. */
  readonly tookMs?: number;
  readonly met: boolean;
}

function happened(expected: ExpectedAction, event: IncidentEvent): boolean {
  const e = event as unknown as Record<string, unknown>;
  switch (expected.action) {
    case 'declare':
      return event.type === 'declared';
    case 'commander':
      return event.type === 'role_assigned' && e.role === 'commander';
    case 'runbook':
      return event.type === 'runbook_linked' && (expected.runbook === undefined || e.runbook === expected.runbook);
    case 'cause':
      return event.type === 'suspect_marked' && e.verdict === 'cause';
    case 'status_update':
      return (event.type === 'update_sent' && e.outcome === 'sent') || (event.type === 'entry' && e.kind === 'comms');
  }
}

/**
 * Each expected action's time, in scenario time as `scenarioMsOf` says for each event (undefined:
 * not part of this run). A drill that was paused maps real times through its own clock.
 */
export function scoreDrillAt(
  scenario: Scenario,
  events: readonly IncidentEvent[],
  scenarioMsOf: (event: IncidentEvent) => number | undefined,
): ActionResult[] {
  return scenario.expect.map((expected) => {
    const times = events
      .filter((e) => happened(expected, e))
      .map(scenarioMsOf)
      .filter((t): t is number => t !== undefined);
    const tookMs = times.length ? Math.max(0, Math.min(...times)) : undefined;
    return {
      action: expected.action,
      ...(expected.runbook ? { runbook: expected.runbook } : {}),
      withinMs: expected.withinMs,
      ...(tookMs !== undefined ? { tookMs } : {}),
      met: tookMs !== undefined && tookMs <= expected.withinMs,
    };
  });
}

export interface DrillRun {
  readonly scenario: string;
  readonly title: string;
  readonly startedAt: string;
  readonly speed: number;
  readonly incidentId?: string;
  readonly results: readonly ActionResult[];
}

const MARK = 'warroom-drill-score';
const label = (r: Pick<ActionResult, 'action' | 'runbook'>) => (r.runbook ? `${r.action} (${r.runbook})` : r.action);

/** `drill-<scenario file stem>-<YYYYMMDD-HHMM>.md`, beside the reviews. */
export function scoreSheetName(scenarioFile: string, startedAt: string): string {
  const stem = (scenarioFile.split('/').pop() ?? 'scenario').replace(/\.drill\.ya?ml$|\.ya?ml$/i, '').replace(/[^A-Za-z0-9._-]+/g, '-');
  return `drill-${stem}-${startedAt.slice(0, 16).replace(/[-:]/g, '').replace('T', '-')}.md`;
}

export function scoreSheet(run: DrillRun, earlier: readonly DrillRun[]): string {
  const lines = [
    `# Drill score: ${run.title}`,
    '',
    `- Scenario: \`${run.scenario}\``,
    `- Run: ${run.startedAt} at ${run.speed}x${run.incidentId ? ` (practice incident ${run.incidentId})` : ''}`,
    `- Met ${run.results.filter((r) => r.met).length} of ${run.results.length} expected actions`,
    '',
    '| Expected | By | Took | Result |',
    '|---|---|---|---|',
    ...run.results.map(
      (r) =>
        `| ${label(r)} | ${minutes(r.withinMs)} | ${r.tookMs === undefined ? '-' : minutes(r.tookMs)} | ${r.met ? 'met' : r.tookMs === undefined ? 'missed' : 'late'} |`,
    ),
  ];
  const missed = run.results.filter((r) => !r.met);
  lines.push(
    '',
    '## Missed',
    '',
    ...(missed.length
      ? missed.map((r) => `- ${label(r)} by ${minutes(r.withinMs)}${r.tookMs === undefined ? '' : ` (took ${minutes(r.tookMs)})`}`)
      : ['Nothing.']),
  );
  const same = earlier
    .filter((e) => e.scenario === run.scenario && e.startedAt < run.startedAt)
    .sort((a, b) => a.startedAt.localeCompare(b.startedAt));
  lines.push('', '## Compared with earlier runs', '');
  if (!same.length) {
    lines.push('The first run of this scenario.');
  } else {
    const previous = same[same.length - 1];
    lines.push(
      `${count(same.length, 'earlier run')}; the last on ${previous.startedAt}.`,
      '',
      '| Expected | This run | Previous | Best |',
      '|---|---|---|---|',
    );
    for (const r of run.results) {
      const times = same.map((e) => e.results.find((x) => label(x) === label(r))?.tookMs).filter((t): t is number => t !== undefined);
      const prev = previous.results.find((x) => label(x) === label(r))?.tookMs;
      const show = (t: number | undefined) => (t === undefined ? '-' : minutes(t));
      lines.push(`| ${label(r)} | ${show(r.tookMs)} | ${show(prev)} | ${show(times.length ? Math.min(...times) : undefined)} |`);
    }
  }
  // The run as data, so the next run's sheet can compare with it.
  lines.push('', `<!-- ${MARK} ${JSON.stringify(run)} -->`, '');
  // A scenario's titles come from a drill file anyone may have written: its control characters are
  // written as escapes, which keep the JSON above valid and meaning the same.
  return escapeControls(lines.join('\n'));
}

/** The run an earlier score sheet records, or undefined when the file is not one (or was edited past reading). */
export function readScoreSheet(text: string): DrillRun | undefined {
  const m = new RegExp(`<!-- ${MARK} (\\{.*\\}) -->`).exec(text);
  if (!m) return undefined;
  try {
    const run = JSON.parse(m[1]) as Partial<DrillRun>;
    const ok =
      typeof run.scenario === 'string' &&
      typeof run.title === 'string' &&
      typeof run.startedAt === 'string' &&
      typeof run.speed === 'number' &&
      Array.isArray(run.results) &&
      run.results.every(
        (r: Partial<ActionResult>) =>
          typeof r?.action === 'string' && typeof r.withinMs === 'number' && (r.tookMs === undefined || typeof r.tookMs === 'number'),
      );
    return ok ? (run as DrillRun) : undefined;
  } catch {
    return undefined;
  }
}
