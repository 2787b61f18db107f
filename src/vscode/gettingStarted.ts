// The "Get started with War Room" walkthrough (package.json `contributes.walkthroughs`) ticks each
// step on what happened: an incident declared, an entry written, a panel opened, a key stored. VS Code
// completes an `onCommand:` step when the command starts, so a Declare Incident cancelled at its first
// question ticked "Declare the incident". Each outcome here sets a context key (once a window), which
// the step's `onContext:` completion event names; VS Code keeps a ticked step ticked.
import * as vscode from 'vscode';
import { Outcome, writtenOutcomes } from './gettingStartedOutcomes';

/** How often each outcome happened in this window (a few dozen names at most). */
const happenedHere = new Map<string, number>();

/** Sets `warroom.<what>` for the walkthrough, the first time it happens in this window. */
export function happened(what: Outcome): void {
  const times = happenedHere.get(what) ?? 0;
  happenedHere.set(what, times + 1);
  if (times === 0) {
    void vscode.commands.executeCommand('setContext', `warroom.${what}`, true);
  }
}

/** What the incident model wrote (its `onDidWrite`), as outcomes. */
export function wrote(events: readonly { readonly type: string }[]): void {
  writtenOutcomes(events).forEach(happened);
}

/** How often `what` happened in this window so far (read by the tests). */
export function timesHappened(what: string): number {
  return happenedHere.get(what) ?? 0;
}
