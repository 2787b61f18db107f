// The walkthrough panel's state: the runbook's steps with this incident's progress folded in and
// each command filled with the incident's values (so the page shows what would actually run).
import { Incident } from '../../core/incident';
import { foldRunbookActivity, Runbook, stepCounts, Staleness, walkPosition } from '../../core/runbooks';
import type * as RunbooksAdapter from '../../adapters/runbooks';
import { incidentHeader } from '../../protocol/timeline';
import { WalkStep, WalkthroughState } from '../../protocol/walkthrough';

/**
 * What filling and checking a command takes: the runbooks bundle (`runbooksAdapter()`), so none of it
 * is in activation's bundle; a plain-Node test passes the domain's module itself.
 */
export type CommandChecks = Pick<typeof RunbooksAdapter, 'destructiveReason' | 'fillVariables' | 'secretsOf' | 'variablesFromIncident'>;

/**
 * `checks` with each command's destructive answer remembered (up to `limit` commands, then forgotten
 * all at once): a walkthrough panel is built again for every event of its incident, a teammate's
 * included, and a runbook from a cloned repository can hold commands that take tens of milliseconds
 * each to check. A runbook changed on disk gives new command texts, checked afresh.
 */
export function rememberingReasons(checks: CommandChecks, limit = 1_000): CommandChecks {
  const reasons = new Map<string, string | undefined>();
  return {
    ...checks,
    destructiveReason(command: string, lang = 'shell') {
      const key = `${lang}\n${command}`;
      if (!reasons.has(key)) {
        if (reasons.size >= limit) {
          reasons.clear();
        }
        reasons.set(key, checks.destructiveReason(command, lang));
      }
      return reasons.get(key);
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
        const destructive = c.lang === 'shell' ? destructiveReason(filled.command) : undefined;
        // A refused command is shown escaped and offers no Run (the runner would refuse it too).
        return {
          index,
          lang: c.lang,
          command: filled.redacted,
          missing: filled.missing,
          runnable: c.lang === 'shell' && filled.refused.length === 0,
          ...(c.lang === 'shell' && filled.refused.length ? { refused: filled.refused.join(' ') } : {}),
          ...(destructive ? { destructive } : {}),
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
