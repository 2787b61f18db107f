// Runbook events on an incident's timeline and their own fold (see docs/ARCHITECTURE.md: a feature
// folds `incident.events` filtered by its types; the core fold keeps them as unknown events).

import { EventBase, IncidentEvent } from '../events';
import { nonBlank } from '../text/strings';

export interface RunbookLinkedEvent extends EventBase {
  readonly type: 'runbook_linked';
  /** Runbook id. */
  readonly runbook: string;
  /** Workspace-relative file, so the link survives id clashes between files. */
  readonly file?: string;
  readonly title?: string;
  /** Why it was linked (the match reasons, or "manual"). */
  readonly reason?: string;
}

export interface RunbookUnlinkedEvent extends EventBase {
  readonly type: 'runbook_unlinked';
  readonly runbook: string;
  readonly file?: string;
  readonly reason?: string;
}

export const STEP_STATUSES = ['done', 'skipped', 'branch', 'pending'] as const;
export type StepStatus = (typeof STEP_STATUSES)[number];

export interface RunbookStepEvent extends EventBase {
  readonly type: 'runbook_step';
  readonly runbook: string;
  readonly file?: string;
  readonly step: string;
  /** Absent for a note-only event. `pending` un-checks a step. */
  readonly status?: StepStatus;
  /** For `branch`: the condition chosen and where it leads. */
  readonly branch?: { readonly if: string; readonly goto: string };
  readonly note?: string;
}

export interface CommandRunEvent extends EventBase {
  readonly type: 'command_run';
  /**
   * The command as sent to the terminal (variables filled), except that a secret value (a
   * password, a token, a `secret: true` variable) is `<redacted:key>`: this file is shared through git.
   */
  readonly command: string;
  readonly runbook?: string;
  readonly file?: string;
  readonly step?: string;
  /**
   * Older files only: the exit code when it came within a few seconds. A command is now recorded
   * when it is sent, and its exit code follows as a `command_exited` event.
   */
  readonly exitCode?: number;
  /** The reason it was confirmed twice, when it was destructive. */
  readonly destructive?: string;
  readonly terminal?: string;
}

/** A command recorded by `command_run` ended, as the terminal's shell integration reported it. */
export interface CommandExitedEvent extends EventBase {
  readonly type: 'command_exited';
  /** The id of the `command_run` event. */
  readonly run: string;
  /** The command again, so the line reads on its own in the timeline. */
  readonly command?: string;
  readonly exitCode: number;
}

export type RunbookEvent = RunbookLinkedEvent | RunbookUnlinkedEvent | RunbookStepEvent | CommandRunEvent | CommandExitedEvent;

export const RUNBOOK_EVENT_TYPES: ReadonlySet<string> = new Set([
  'runbook_linked',
  'runbook_unlinked',
  'runbook_step',
  'command_run',
  'command_exited',
]);

const optStr = (v: unknown) => v === undefined || typeof v === 'string';

/** Checks the fields this module reads; undefined when the event can be trusted. */
export function validateRunbookEvent(event: IncidentEvent): string | undefined {
  const e = event as unknown as Record<string, unknown>;
  switch (event.type) {
    case 'runbook_linked':
    case 'runbook_unlinked':
      if (!nonBlank(e.runbook)) return `${event.type}: "runbook" must be a non-empty string`;
      if (!optStr(e.file) || !optStr(e.reason)) return `${event.type}: "file" and "reason" must be strings`;
      return undefined;
    case 'runbook_step': {
      if (!nonBlank(e.runbook) || !nonBlank(e.step)) return 'runbook_step: "runbook" and "step" must be non-empty strings';
      if (e.status !== undefined && !(STEP_STATUSES as readonly unknown[]).includes(e.status)) {
        return `runbook_step: "status" must be one of ${STEP_STATUSES.join(', ')}`;
      }
      if (e.status === undefined && !nonBlank(e.note)) return 'runbook_step: needs a "status", a "note", or both';
      if (!optStr(e.note)) return 'runbook_step: "note" must be a string';
      const b = e.branch as Record<string, unknown> | undefined;
      if (e.status === 'branch' && (typeof b !== 'object' || b === null || !nonBlank(b.if) || !nonBlank(b.goto))) {
        return 'runbook_step: a "branch" status needs branch {if, goto}';
      }
      return undefined;
    }
    case 'command_run':
      if (!nonBlank(e.command)) return 'command_run: "command" must be a non-empty string';
      if (e.exitCode !== undefined && !Number.isInteger(e.exitCode)) return 'command_run: "exitCode" must be an integer';
      if (!optStr(e.runbook) || !optStr(e.step)) return 'command_run: "runbook" and "step" must be strings';
      return undefined;
    case 'command_exited':
      if (!nonBlank(e.run)) return 'command_exited: "run" must be the id of a command_run event';
      if (!Number.isInteger(e.exitCode)) return 'command_exited: "exitCode" must be an integer';
      if (!optStr(e.command)) return 'command_exited: "command" must be a string';
      return undefined;
    default:
      return `not a runbook event: ${event.type}`;
  }
}

/** Why a runbook a responder walked without linking it was linked (the walkthrough's first step, note or run). */
export const WALKED_REASON = 'walked during the incident';

/**
 * Whether the incident has ever linked or unlinked this runbook (by id, as the fold keys them): a
 * responder's choice, which walking the runbook leaves as it is.
 */
export function linkDecided(events: readonly IncidentEvent[], runbook: string): boolean {
  return events.some(
    (e) =>
      (e.type === 'runbook_linked' || e.type === 'runbook_unlinked') &&
      validateRunbookEvent(e) === undefined &&
      (e as unknown as RunbookLinkedEvent).runbook === runbook,
  );
}

export interface StepProgress {
  readonly status: StepStatus;
  readonly by: string;
  readonly at: string;
  readonly branch?: { readonly if: string; readonly goto: string };
  readonly notes: readonly { readonly by: string; readonly at: string; readonly text: string }[];
}

export interface CommandRun {
  readonly eventId: string;
  readonly by: string;
  readonly at: string;
  readonly command: string;
  readonly runbook?: string;
  readonly step?: string;
  /** Absent while the command runs, or when its end was never reported (no shell integration). */
  readonly exitCode?: number;
  /** When its exit was reported. */
  readonly exitedAt?: string;
  readonly destructive?: string;
}

export interface LinkedRunbook {
  readonly runbook: string;
  readonly file?: string;
  readonly title?: string;
  readonly linkedBy: string;
  readonly linkedAt: string;
  readonly reason?: string;
}

export interface RunbookActivity {
  /** Linked now, in the order they were linked. */
  readonly linked: readonly LinkedRunbook[];
  /** runbook id -> step id -> progress. */
  readonly steps: ReadonlyMap<string, ReadonlyMap<string, StepProgress>>;
  readonly commands: readonly CommandRun[];
  /** Runbook events whose fields are wrong: skipped, reported with their id. */
  readonly problems: readonly { readonly eventId: string; readonly message: string }[];
}

/** Folds runbook events; `events` should already be in fold order (`incident.events`). */
export function foldRunbookActivity(events: readonly IncidentEvent[]): RunbookActivity {
  const linked = new Map<string, LinkedRunbook>();
  const steps = new Map<string, Map<string, StepProgress>>();
  const commands: CommandRun[] = [];
  const commandAt = new Map<string, number>();
  const problems: { eventId: string; message: string }[] = [];
  for (const event of events) {
    if (!RUNBOOK_EVENT_TYPES.has(event.type)) {
      continue;
    }
    const error = validateRunbookEvent(event);
    if (error) {
      problems.push({ eventId: event.id, message: error });
      continue;
    }
    const e = event as unknown as RunbookEvent; // checked by validateRunbookEvent above
    switch (e.type) {
      case 'runbook_linked':
        if (!linked.has(e.runbook)) {
          linked.set(e.runbook, { runbook: e.runbook, file: e.file, title: e.title, linkedBy: e.author, linkedAt: e.ts, reason: e.reason });
        }
        break;
      case 'runbook_unlinked':
        linked.delete(e.runbook);
        break;
      case 'runbook_step': {
        const byStep = steps.get(e.runbook) ?? new Map<string, StepProgress>();
        steps.set(e.runbook, byStep);
        const before = byStep.get(e.step);
        const notes = e.note ? [...(before?.notes ?? []), { by: e.author, at: e.ts, text: e.note }] : (before?.notes ?? []);
        byStep.set(e.step, {
          status: e.status ?? before?.status ?? 'pending',
          by: e.status ? e.author : (before?.by ?? e.author),
          at: e.status ? e.ts : (before?.at ?? e.ts),
          ...(e.status === 'branch' ? { branch: e.branch } : e.status ? {} : before?.branch ? { branch: before.branch } : {}),
          notes,
        });
        break;
      }
      case 'command_run':
        commandAt.set(e.id, commands.length);
        commands.push({
          eventId: e.id,
          by: e.author,
          at: e.ts,
          command: e.command,
          runbook: e.runbook,
          step: e.step,
          exitCode: e.exitCode,
          destructive: e.destructive,
        });
        break;
      case 'command_exited': {
        const index = commandAt.get(e.run);
        if (index === undefined) {
          problems.push({ eventId: e.id, message: `command_exited: no command_run "${e.run}" before it` });
        } else {
          commands[index] = { ...commands[index], exitCode: e.exitCode, exitedAt: e.ts };
        }
        break;
      }
    }
  }
  return { linked: [...linked.values()], steps, commands, problems };
}

/** How far a walk through a runbook is: steps done or skipped out of those on the path taken. */
export function stepCounts(
  activity: RunbookActivity,
  runbookId: string,
  stepIds: readonly string[],
): { done: number; skipped: number; total: number } {
  const progress = activity.steps.get(runbookId);
  let done = 0;
  let skipped = 0;
  for (const id of stepIds) {
    const status = progress?.get(id)?.status;
    if (status === 'done' || status === 'branch') done++;
    else if (status === 'skipped') skipped++;
  }
  return { done, skipped, total: stepIds.length };
}
