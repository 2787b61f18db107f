// What runbook commands act on: a tree row (its `data`), or `{incidentId, runbook, file?, step?}`
// from the walkthrough, the timeline panel, tests and keybindings.
import { incidentIdOf } from '../incidentTarget';

export interface RunbookArgs {
  readonly incidentId?: string;
  /** Runbook id. */
  readonly runbook?: string;
  readonly file?: string;
  readonly step?: string;
  /** Index of a command in the step. */
  readonly command?: number;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v.length > 0 && v.length <= 500 ? v : undefined);

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
    runbook: str(data.runbook),
    file: str(data.file),
    step: str(data.step),
    ...(typeof command === 'number' && Number.isInteger(command) && command >= 0 ? { command } : {}),
  };
}
