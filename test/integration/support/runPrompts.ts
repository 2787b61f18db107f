// Run prompts answered the way a test says, recording what each showed (runbook commands in a real VS Code).
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { RunOutcome } from '../../../src/vscode/runbooks/commandRunner';
import type { RunPrompts, RunRequest } from '../../../src/vscode/runbooks/prompts';
import { repoRoot } from '../../harness/paths';
import { featureUnderTest, waitFor } from './api';

/** Answers the run prompts the way the test says and records what each was shown. */
export function answers(confirm: boolean, destructive: boolean, variable?: string, typeSecrets = false) {
  const shown: { kind: string; command: string; detail?: string; secret?: boolean; shell?: string }[] = [];
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
    confirmTypedSecrets: async (r: RunRequest, shell: string | undefined, keys: readonly string[]) => {
      shown.push({ kind: 'typed secrets', command: r.command, detail: keys.join(', '), shell });
      return typeSecrets;
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

/** The test workspace's (first) folder, on disk. */
export function folderPath(): string {
  const first = vscode.workspace.workspaceFolders?.[0];
  assert.ok(first, 'the test workspace has a folder');
  return first.uri.fsPath;
}

/**
 * The terminal-check runbook (test/fixtures) committed into the folder, and an incident declared
 * for the checkout service to run its commands for. Returns the incident's id.
 */
export async function declareWithTerminalCheck(title: string): Promise<string> {
  const root = folderPath();
  fs.mkdirSync(path.join(root, 'runbooks'), { recursive: true });
  fs.copyFileSync(
    path.join(repoRoot, 'test', 'fixtures', 'terminal-check.runbook.yaml'),
    path.join(root, 'runbooks', 'terminal-check.runbook.yaml'),
  );
  execFileSync('git', ['add', '.'], { cwd: root });
  execFileSync('git', ['commit', '-q', '-m', 'A runbook'], { cwd: root });
  return vscode.commands.executeCommand<string>('warroom.declareIncident', { title, severity: 'SEV3', service: 'checkout' });
}

/**
 * Runs terminal-check's "Store an API token" (`echo "<api-token>" > token.txt`) with `value` typed
 * for the secret, and waits for the shell to write it: asked once, confirmed once, sent, and the
 * value written as it is (nothing in it ran).
 */
export async function storeToken(incidentId: string, value: string): Promise<Extract<RunOutcome, { sent: true }>> {
  const { shown, prompts } = answers(true, false, value);
  const outcome = await runAnswering(prompts, { incidentId, runbook: 'terminal-check', step: 'store-token', command: 0 });
  assert.deepEqual(
    shown.map((s) => s.kind),
    ['ask', 'confirm'],
  );
  assert.ok(outcome?.sent, JSON.stringify(outcome));
  const file = path.join(folderPath(), 'token.txt');
  await waitFor('token.txt', () => (fs.existsSync(file) && fs.readFileSync(file, 'utf8') === `${value}\n`) || undefined, 20_000);
  assert.ok(!fs.existsSync(path.join(folderPath(), 'pwned')));
  return outcome;
}
