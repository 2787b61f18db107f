// The walkthrough panel's state: the runbook's steps with this incident's progress folded in and
// each command filled with the incident's values (so the page shows what would actually run).
import { performance } from 'node:perf_hooks';
import { Incident } from '../../core/incident';
import { foldRunbookActivity, Runbook, stepCounts, Staleness, walkPosition } from '../../core/runbooks';
import type * as RunbooksAdapter from '../../adapters/runbooks';
import { incidentHeader } from '../../protocol/timeline';
import { WalkStep, WalkthroughState } from '../../protocol/walkthrough';

/**
 * How long checking commands may hold the extension host's thread at a time, past one command (which
 * always runs): most commands take microseconds, but one can take tens of milliseconds (thousands of
 * characters of hostile text), as can the first check of a session (its patterns compiled), and a
 * cloned runbook can hold thousands. The runbook lenses and the walkthrough page go on in the next
 * slice, once the thread was free.
 */
export const CHECK_SLICE_MS = 50;

/** A slice's end, starting now: what the checks' `stop` asks (true once CHECK_SLICE_MS have passed). */
export function sliceEnds(): () => boolean {
  const deadline = performance.now() + CHECK_SLICE_MS;
  return () => performance.now() > deadline;
}

/** What a command's check answers when a bounded build had no time left for it (`WalkCommand.checking`). */
export const NOT_CHECKED: unique symbol = Symbol('not checked yet');

/**
 * What filling and checking a command takes: the runbooks bundle (`runbooksAdapter()`), so none of it
 * is in activation's bundle; a plain-Node test passes the domain's module itself. `destructiveReason`
 * may answer NOT_CHECKED (see `rememberingReasons`).
 */
export type CommandChecks = Pick<typeof RunbooksAdapter, 'fillVariables' | 'secretsOf' | 'variablesFromIncident'> & {
  readonly destructiveReason: (command: string) => string | undefined | typeof NOT_CHECKED;
};

/** `rememberingReasons`: checks whose new answers can be bounded in time, build by build. */
export interface RememberedChecks extends CommandChecks {
  /**
   * Starts a build whose new checks end once `stop()` says so, asked before each one but the first
   * (so every build gets one further): the commands left answer NOT_CHECKED until a later build.
   */
  begin(stop: () => boolean): void;
  /** How many commands answered NOT_CHECKED since the last `begin`. */
  readonly unchecked: number;
}

/**
 * `checks` with each command's destructive answer remembered (up to `limit` commands, then forgotten
 * all at once): a walkthrough panel is built again for every event of its incident, a teammate's
 * included, and a runbook from a cloned repository can hold commands that take tens of milliseconds
 * each to check; `begin` bounds how long one build checks (the panel builds again, going on, once
 * the thread was free). A runbook changed on disk gives new command texts, checked afresh.
 */
export function rememberingReasons(checks: Pick<typeof RunbooksAdapter, keyof CommandChecks>, limit = 1_000): RememberedChecks {
  const reasons = new Map<string, string | undefined>();
  let stop: () => boolean = () => false;
  let checkedInBuild = 0;
  let unchecked = 0;
  return {
    ...checks,
    begin(until: () => boolean) {
      stop = until;
      checkedInBuild = 0;
      unchecked = 0;
    },
    get unchecked() {
      return unchecked;
    },
    destructiveReason(command: string) {
      if (!reasons.has(command)) {
        if (checkedInBuild > 0 && stop()) {
          unchecked++;
          return NOT_CHECKED;
        }
        if (reasons.size >= limit) {
          reasons.clear();
        }
        checkedInBuild++;
        reasons.set(command, checks.destructiveReason(command));
      }
      return reasons.get(command);
    },
  };
}

export function buildWalkthroughState(
  incident: Incident,
  runbook: Runbook,
  checks: CommandChecks,
  options: { readonly trusted: boolean; readonly stale?: Staleness; readonly focusStep?: string; readonly noticeTarget?: Runbook },
): WalkthroughState {
  const { destructiveReason, fillVariables, secretsOf, variablesFromIncident } = checks;
  const activity = foldRunbookActivity(incident.events);
  const progress = activity.steps.get(runbook.id);
  const position = walkPosition(runbook, progress);
  const onPath = new Set(position.path);
  const context = variablesFromIncident(incident);
  const steps: WalkStep[] = runbook.steps.map((step) => {
    const p = progress?.get(step.id);
    return {
      id: step.id,
      kind: step.kind,
      title: step.title,
      text: step.text,
      line: step.position.line,
      status: p?.status ?? 'pending',
      ...(p && p.status !== 'pending' ? { by: p.by, at: p.at } : {}),
      ...(p?.status === 'branch' && p.branch ? { branchTaken: p.branch } : {}),
      branches: step.branches.map((b) => ({ if: b.if, goto: b.goto })),
      commands: step.commands.map((c, index) => {
        const filled = fillVariables(c.run, context, c.lang, secretsOf(runbook));
        const answer = c.lang === 'shell' ? destructiveReason(filled.command) : undefined;
        const destructive = answer === NOT_CHECKED ? undefined : answer;
        // A refused command is shown escaped and offers no Run (the runner would refuse it too).
        return {
          index,
          lang: c.lang,
          command: filled.redacted,
          missing: filled.missing,
          runnable: c.lang === 'shell' && filled.refused.length === 0,
          ...(c.lang === 'shell' && filled.refused.length ? { refused: filled.refused.join(' ') } : {}),
          ...(destructive ? { destructive } : {}),
          ...(answer === NOT_CHECKED ? { checking: true as const } : {}),
          ...(c.expect ? { expect: c.expect } : {}),
        };
      }),
      links: step.links.map((l) => ({ title: l.title, url: l.url })),
      notes: p?.notes ?? [],
      runs: activity.commands
        .filter((c) => c.runbook === runbook.id && c.step === step.id)
        .map((c) => ({ command: c.command, by: c.by, at: c.at, ...(c.exitCode !== undefined ? { exitCode: c.exitCode } : {}) })),
      onPath: onPath.has(step.id),
      ...(step.alternative ? { alternative: step.alternative } : {}),
    };
  });
  return {
    incident: incidentHeader(incident),
    runbook: {
      id: runbook.id,
      file: runbook.file,
      title: runbook.title,
      description: runbook.description,
      ...(runbook.notice
        ? {
            notice: {
              text: runbook.notice.text,
              title: runbook.notice.link.title,
              url: runbook.notice.link.url,
              ...(options.noticeTarget ? { target: options.noticeTarget.title } : {}),
            },
          }
        : {}),
    },
    steps,
    ...(position.current ? { currentStep: position.current } : {}),
    progress: stepCounts(activity, runbook.id, position.path),
    trusted: options.trusted,
    stale: options.stale?.reasons.map((r) => r.message) ?? [],
    ...(options.focusStep ? { focusStep: options.focusStep } : {}),
    version: incident.events.length,
  };
}
