// Running a runbook step's command: never in an untrusted workspace, only in an integrated
// terminal, only after the responder confirmed the exact filled command (twice when destructive).
// Every command sent is a `command_run` event, with the exit code when shell integration reports it.
import * as vscode from 'vscode';
import { destructiveReason, fillVariables, Runbook, variablesFromIncident } from '../../core/runbooks';
import { UserFacingError } from '../commandRegistry';
import { IncidentModel, IncidentRef } from '../incidentModel';
import { RunPrompts } from './prompts';
import { appendRunbookEvent } from './runbookEvents';

export type RunOutcome =
  | { readonly sent: false; readonly reason: 'cancelled' }
  | { readonly sent: true; readonly command: string; readonly exitCode?: number; readonly terminal: string };

/** How long to wait for a terminal's shell integration before falling back to sendText. */
const SHELL_INTEGRATION_WAIT_MS = 4000;
/**
 * How long the audit event waits for the exit code. A command still running then (a `-f` follow,
 * a long rollout) is recorded without one: the audit must not wait on a command that never ends.
 */
const EXIT_CODE_WAIT_MS = 15_000;

export const UNTRUSTED_MESSAGE = 'This workspace is not trusted, so War Room will not run runbook commands in it. '
  + 'Trust the workspace (Workspaces: Manage Workspace Trust) to run them, or copy the command.';

export class CommandRunner implements vscode.Disposable {
  private readonly terminals = new Map<string, vscode.Terminal>();
  /** Values typed for missing variables, per incident, so a walkthrough asks each only once. */
  private readonly typed = new Map<string, Record<string, string>>();
  private readonly subscription: vscode.Disposable;

  constructor(private readonly model: IncidentModel, private readonly log: vscode.LogOutputChannel, public prompts: RunPrompts) {
    this.subscription = vscode.window.onDidCloseTerminal((t) => {
      for (const [key, terminal] of this.terminals) {
        if (terminal === t) {
          this.terminals.delete(key);
        }
      }
    });
  }

  async run(ref: IncidentRef, runbook: Runbook, stepId: string, commandIndex: number): Promise<RunOutcome> {
    if (!vscode.workspace.isTrusted) {
      throw new UserFacingError(UNTRUSTED_MESSAGE);
    }
    const step = runbook.steps.find((s) => s.id === stepId);
    const source = step?.commands[commandIndex];
    if (!step || !source) {
      throw new UserFacingError(`"${runbook.title}" has no command ${commandIndex + 1} in step ${stepId}.`);
    }
    if (source.lang !== 'shell') {
      throw new UserFacingError(`This is a ${source.lang} command, not a shell command: copy it into the right tool instead.`);
    }
    const incident = ref.incident;
    const typed = this.typed.get(incident.id) ?? {};
    const context = { ...variablesFromIncident(incident), ...typed };
    let filled = fillVariables(source.run, context);
    const terminalName = `War Room: ${incident.id}`;
    const request = { runbookTitle: runbook.title, stepTitle: step.title, terminalName };
    for (const key of filled.missing) {
      const value = await this.prompts.askVariable(key, { ...request, command: filled.command });
      if (value === undefined || !value.trim()) {
        return { sent: false, reason: 'cancelled' };
      }
      typed[key] = value.trim();
    }
    this.typed.set(incident.id, typed);
    filled = fillVariables(source.run, { ...context, ...typed });
    const command = filled.command;
    if (!(await this.prompts.confirmRun({ ...request, command }))) {
      this.log.info(`Not running (declined): ${command}`);
      return { sent: false, reason: 'cancelled' };
    }
    const destructive = destructiveReason(command);
    if (destructive && !(await this.prompts.confirmDestructive({ ...request, command }, destructive))) {
      this.log.info(`Not running (destructive, declined): ${command}`);
      return { sent: false, reason: 'cancelled' };
    }
    // Trust can be revoked while a dialog is open.
    if (!vscode.workspace.isTrusted) {
      throw new UserFacingError(UNTRUSTED_MESSAGE);
    }
    const terminal = this.terminal(ref, terminalName);
    terminal.show(true);
    const sentAt = new Date();
    const exitCode = await this.send(terminal, command);
    this.log.info(`Ran in ${terminalName}: ${command}${exitCode === undefined ? '' : ` (exit ${exitCode})`}`);
    await appendRunbookEvent(this.model, ref, {
      type: 'command_run', command, runbook: runbook.id, file: runbook.file, step: step.id, terminal: terminalName,
      ...(exitCode !== undefined ? { exitCode } : {}),
      ...(destructive ? { destructive } : {}),
    }, sentAt);
    return { sent: true, command, terminal: terminalName, ...(exitCode !== undefined ? { exitCode } : {}) };
  }

  private terminal(ref: IncidentRef, name: string): vscode.Terminal {
    let terminal = this.terminals.get(ref.incident.id);
    if (!terminal || terminal.exitStatus !== undefined) {
      terminal = vscode.window.createTerminal({ name, cwd: ref.folder.uri, iconPath: new vscode.ThemeIcon('flame') });
      this.terminals.set(ref.incident.id, terminal);
    }
    return terminal;
  }

  /** Sends through shell integration when the shell has it (then the exit code is known), else types it. */
  private async send(terminal: vscode.Terminal, command: string): Promise<number | undefined> {
    const integration = terminal.shellIntegration ?? await waitForShellIntegration(terminal);
    if (!integration) {
      this.log.info(`No shell integration in ${terminal.name}: sending the text, no exit code will be recorded`);
      terminal.sendText(command, true);
      return undefined;
    }
    return new Promise<number | undefined>((resolve) => {
      let execution: vscode.TerminalShellExecution | undefined;
      const timer = setTimeout(() => finish(undefined), EXIT_CODE_WAIT_MS);
      const listener = vscode.window.onDidEndTerminalShellExecution((e) => {
        if (e.execution === execution) {
          finish(e.exitCode);
        }
      });
      function finish(code: number | undefined): void {
        clearTimeout(timer);
        listener.dispose();
        resolve(code);
      }
      execution = integration.executeCommand(command);
    });
  }

  dispose(): void {
    this.subscription.dispose();
  }
}

function waitForShellIntegration(terminal: vscode.Terminal): Promise<vscode.TerminalShellIntegration | undefined> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => done(undefined), SHELL_INTEGRATION_WAIT_MS);
    const listener = vscode.window.onDidChangeTerminalShellIntegration((e) => {
      if (e.terminal === terminal) {
        done(e.shellIntegration);
      }
    });
    function done(value: vscode.TerminalShellIntegration | undefined): void {
      clearTimeout(timer);
      listener.dispose();
      resolve(value);
    }
  });
}
