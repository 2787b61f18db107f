// Run prompts answered the way a test says, recording what each showed (runbook commands in a real VS Code).
import type { RunPrompts, RunRequest } from '../../../src/vscode/runbooks/prompts';

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
