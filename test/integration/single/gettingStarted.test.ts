// The Get started walkthrough ticks a step on what happened, never on a command that started and was
// cancelled (src/vscode/gettingStarted.ts): each command below runs cancelled at its first question,
// then done, in a real VS Code, and the outcome its step completes on (package.json's `onContext:`
// events; the unit test pins the names) is counted.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { warRoom } from '../support/api';

/** Runs a command that asks something, closing what it asks until the command gives up. */
async function cancelled(command: string, ...args: unknown[]): Promise<unknown> {
  let settled = false;
  const run = Promise.resolve(vscode.commands.executeCommand(command, ...args)).finally(() => (settled = true));
  const deadline = Date.now() + 30_000;
  while (!settled && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
  }
  return run;
}

const times = async (outcome: string): Promise<number> => (await warRoom()).test.gettingStarted(outcome);

describe('the Get started walkthrough in a real VS Code: steps tick on what happened', () => {
  let incidentId = '';

  it('Declare Incident cancelled at its first question ticks nothing; an incident declared does', async () => {
    const before = await times('wrote.declared');
    assert.equal(await cancelled('warroom.declareIncident'), undefined);
    assert.equal(await times('wrote.declared'), before, 'cancelled');
    incidentId = await vscode.commands.executeCommand<string>('warroom.declareIncident', {
      title: 'Checkout latency after the walkthrough',
      severity: 'SEV4',
      service: 'checkout',
    });
    assert.match(incidentId, /^INC-/);
    assert.equal(await times('wrote.declared'), before + 1, 'declared');
  });

  it('Add Timeline Note cancelled ticks nothing; a note written, the timeline and the composer opened do', async () => {
    const notes = await times('wrote.entry.note');
    await cancelled('warroom.addNote', { incidentId });
    assert.equal(await times('wrote.entry.note'), notes, 'cancelled');
    await vscode.commands.executeCommand('warroom.addNote', { incidentId, text: 'p99 back under 300 ms' });
    assert.equal(await times('wrote.entry.note'), notes + 1, 'written');
    const decisions = await times('wrote.entry.decision');
    await vscode.commands.executeCommand('warroom.addNote', { incidentId, kind: 'decision', text: 'Keep the flag off' });
    assert.equal(await times('wrote.entry.decision'), decisions + 1, 'an entry of another kind counts as its kind');

    for (const [command, outcome] of [
      ['warroom.openTimeline', 'opened.timeline'],
      ['warroom.composeUpdate', 'opened.updates'],
    ]) {
      const opened = await times(outcome);
      await vscode.commands.executeCommand(command, { incidentId });
      assert.equal(await times(outcome), opened + 1, command);
    }
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });
});
