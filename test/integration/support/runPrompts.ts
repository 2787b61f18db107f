// Run prompts answered the way a test says, recording what each showed (runbook commands in a real VS Code).
import * as vscode from 'vscode';
import type { RunOutcome } from '../../../src/vscode/runbooks/commandRunner';
import type { RunPrompts, RunRequest } from '../../../src/vscode/runbooks/prompts';
import { featureUnderTest } from './api';

/** Answers the run prompts the way the test says and records what each was shown. */
export function answers(confirm: boolean, destructive: boolean, variable?: string) {
  const shown: { kind: string; command: string; detail?: string; secret?: boolean }[] = [];
  const prompts: RunPrompts = {
    askVariable: async (key, r) => {
      shown.push({ kind: 'ask', command: r.command, detail: key, secret: r.secret });
      return variable;
    },
    confirmRun: async (r: RunRequest) => {
      shown.push({ kind: 'confirm', command: r.command });
      return confirm;
    },
    confirmDestructive: async (r: RunRequest, reason: string) => {
      shown.push({ kind: 'destructive', command: r.command, detail: reason });
      return destructive;
    },
  };
  return { shown, prompts };
}

/** Runs a runbook step's command (`warroom.runRunbookCommand`) with the prompts answered by `prompts`. */
export async function runAnswering(
  prompts: RunPrompts,
  command: { readonly incidentId: string; readonly runbook: string; readonly step: string; readonly command: number },
): Promise<RunOutcome | undefined> {
  const restore = (await featureUnderTest('runbooks')).usePrompts(prompts);
  try {
    return await vscode.commands.executeCommand<RunOutcome>('warroom.runRunbookCommand', command);
  } finally {
    restore.dispose();
  }
}
