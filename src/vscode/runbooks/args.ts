// What runbook commands act on: a tree row (its `data`), or `{incidentId, runbook, file?, step?}`
// from the walkthrough, the timeline panel, tests and keybindings.
import { incidentIdOf } from '../incidentTarget';
import { asString } from '../../core/text/strings';

export interface RunbookArgs {
  readonly incidentId?: string;
  /** Runbook id. */
  readonly runbook?: string;
  readonly file?: string;
  readonly step?: string;
  /** Index of a command in the step. */
  readonly command?: number;
  /** Why a caller links the runbook (an alert's annotation points to it), kept on the link. */
  readonly reason?: string;
}

/** A name up to 500 characters: a runbook, file or step id from a caller. */
const name = (v: unknown): string | undefined => {
  const s = asString(v);
  return s && s.length <= 500 ? s : undefined;
};

export function runbookArgs(arg: unknown): RunbookArgs {
  if (typeof arg !== 'object' || arg === null) {
    return { incidentId: incidentIdOf(arg) };
  }
  const record = arg as Readonly<Record<string, unknown>>;
  // A tree row carries what it shows in `data`; its own fields (id, label...) are not arguments.
  const data = typeof record.data === 'object' && record.data !== null ? (record.data as Readonly<Record<string, unknown>>) : record;
  const command = data.command;
  return {
    incidentId: incidentIdOf(arg),
    runbook: name(data.runbook),
    file: name(data.file),
    step: name(data.step),
    ...(typeof data.reason === 'string' && data.reason.trim() && data.reason.length <= 1000 ? { reason: data.reason.trim() } : {}),
    ...(typeof command === 'number' && Number.isInteger(command) && command >= 0 ? { command } : {}),
  };
}
