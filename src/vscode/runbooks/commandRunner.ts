// Running a runbook step's command: never in an untrusted workspace, only in an integrated
// terminal, only after the responder confirmed the exact filled command (twice when destructive),
// never when a value or the command holds a character the dialog cannot show. Secret values are
// typed into a masked box and go to the terminal only: dialogs, events and the log show `<redacted:key>`.
// In a POSIX shell, fish, csh or tcsh not even the typed line holds them (it would stay in the shell's
// history and the scrollback): the terminal is opened with each secret in its environment and the line
// names the variable. Where a value would be typed (PowerShell, another shell, a quoted here-document,
// where csh reads the command otherwise than bash) the responder is asked first. Values are quoted
// bash's way, fish's in fish, csh's in csh and tcsh; other shells (PowerShell, cmd, nu, xonsh) get
// only plain words.
// Every command is a `command_run` event the moment it is sent; when the terminal's shell integration
// reports its end, however long it ran, a `command_exited` event with the exit code follows.
import * as vscode from 'vscode';
import type { FilledCommand, Runbook, RunbookCommand } from '../../core/runbooks';
import { namingShellOf, quotesCsh, quotesForeign, shellKind } from '../../core/runbooks/shells';
import { runbooksAdapter } from '../lazyAdapters';
import { UserFacingError } from '../commandRegistry';
import { IncidentModel, IncidentRef } from '../incidentModel';
import { RunPrompts } from './prompts';
import { appendRunbookEvent } from './appendRunbookEvent';

export type RunOutcome =
  | { readonly sent: false; readonly reason: 'cancelled' }
  | {
      readonly sent: true;
      /** As recorded: secret values as `<redacted:key>`. */
      readonly command: string;
      readonly terminal: string;
      /** The `command_run` event; its `command_exited` names it. */
      readonly eventId: string;
      /** False without shell integration: the text was typed, and no exit code will follow. */
      readonly exitReported: boolean;
    };

/**
 * How long to wait for shell integration when nothing says whether it will come (the shell not yet
 * known): a starting bash on a busy machine takes seconds (4 s was once too short for a second
 * terminal during a CI run), and typing into it loses the exit code the audit records. Only a new
 * terminal whose shell VS Code never names waits this long, once.
 */
const SHELL_INTEGRATION_WAIT_MS = 10_000;
/** The most to wait for a shell VS Code injects integration into (a guard against a hang only). */
const INTEGRATED_SHELL_WAIT_MS = 30_000;
/**
 * How long a name that is not a shell's (`node` while the terminal starts, see shells.ts) is given
 * to become the shell's, before the terminal is taken as it is.
 */
const NOT_A_SHELL_WAIT_MS = 2_000;

export const UNTRUSTED_MESSAGE =
  'This workspace is not trusted, so War Room will not run runbook commands in it. ' +
  'Trust the workspace (Workspaces: Manage Workspace Trust) to run them, or copy the command.';

export class CommandRunner implements vscode.Disposable {
  /** Each incident's terminals, oldest first. */
  private readonly terminals = new Map<string, vscode.Terminal[]>();
  /** Terminals running a command we sent through shell integration (never more than one each). */
  private readonly busy = new Set<vscode.Terminal>();
  /** The secrets each terminal was opened with in its environment. */
  private readonly secretEnv = new WeakMap<vscode.Terminal, Readonly<Record<string, string>>>();
  /** The secrets the responder agreed to have typed into a terminal: asked once a terminal and secret. */
  private readonly typedAgreed = new WeakMap<vscode.Terminal, Set<string>>();
  /** How many terminals each incident has had, to number a new one. */
  private readonly opened = new Map<string, number>();
  /** Values typed for missing variables, per incident, so a walkthrough asks each only once. */
  private readonly typed = new Map<string, Record<string, string>>();
  private readonly subscription: vscode.Disposable;
  /** Commands sent and not yet ended: each waits for its exit (or its terminal closing). */
  private readonly running = new Set<() => void>();

  constructor(
    private readonly model: IncidentModel,
    private readonly log: vscode.LogOutputChannel,
    public prompts: RunPrompts,
  ) {
    this.subscription = vscode.window.onDidCloseTerminal((t) => {
      for (const [key, list] of this.terminals) {
        this.terminals.set(
          key,
          list.filter((terminal) => terminal !== t),
        );
      }
      this.busy.delete(t);
    });
  }

  /**
   * Fills, confirms and sends one of a step's commands, then records it. `beforeRecord` runs once the
   * command was sent and before its `command_run` is written, with the time it was sent: the walkthrough
   * links its runbook there, so the timeline reads the link before the run.
   */
  async run(
    ref: IncidentRef,
    runbook: Runbook,
    stepId: string,
    commandIndex: number,
    beforeRecord?: (sentAt: Date) => Promise<void>,
  ): Promise<RunOutcome> {
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
    // A copy: a value the filler refuses is not kept, so the next run asks again.
    const typed = { ...this.typed.get(incident.id) };
    const { destructiveReason, fillVariables, isPlainWord, isSecretVariable, secretsOf, variablesFromIncident } = runbooksAdapter();
    const context = { ...variablesFromIncident(incident), ...typed };
    const secrets = secretsOf(runbook);
    let filled = fillVariables(source.run, context, 'shell', secrets);
    refuseUnsafe(filled, runbook, source);
    let terminalName = `War Room: ${incident.id}`;
    const request = { runbookTitle: runbook.title, stepTitle: step.title, terminalName };
    for (const key of filled.missing) {
      const value = await this.prompts.askVariable(key, { ...request, command: filled.redacted, secret: isSecretVariable(key, secrets) });
      if (value === undefined || !value.trim()) {
        return { sent: false, reason: 'cancelled' };
      }
      typed[key] = value.trim();
    }
    filled = fillVariables(source.run, { ...context, ...typed }, 'shell', secrets);
    refuseUnsafe(filled, runbook, source);
    this.typed.set(incident.id, typed);
    // `namingSecrets` (and `csh`): the command naming each secret's environment variable, for a POSIX shell, fish or csh.
    const { command, redacted, namingSecrets, env } = filled;
    if (!(await this.prompts.confirmRun({ ...request, command: redacted }))) {
      this.log.info(`Not running (declined): ${redacted}`);
      return { sent: false, reason: 'cancelled' };
    }
    const destructive = destructiveReason(command);
    if (destructive && !(await this.prompts.confirmDestructive({ ...request, command: redacted }, destructive))) {
      this.log.info(`Not running (destructive, declined): ${redacted}`);
      return { sent: false, reason: 'cancelled' };
    }
    // Trust can be revoked while a dialog is open.
    if (!vscode.workspace.isTrusted) {
      throw new UserFacingError(UNTRUSTED_MESSAGE);
    }
    const terminal = this.terminal(ref, terminalName, env);
    terminalName = terminal.name;
    terminal.show(true);
    const sentAt = new Date();
    // Which shell it is is known once it has started (send waits for that): one that cannot name a
    // secret would get its value typed, so the responder is asked first.
    const secretKeys = [...new Set(filled.filled.filter((f) => f.secret).map((f) => f.key))];
    // A value that is not a plain word is quoted bash's, fish's or csh's way: which shell runs it decides.
    const quoted = filled.filled.filter((f) => !isPlainWord(f.value));
    const sent = await this.send(
      terminal,
      async (shell) => {
        // Asked again next time, as a refused value is: one that is a plain word can go.
        const forget = () => {
          const kept = this.typed.get(incident.id);
          quoted.forEach((f) => delete kept?.[f.key]);
        };
        const csh = quotesCsh(shell);
        if (csh && filled.csh.refused.length) {
          forget();
          throw new UserFacingError(
            `Not sending the command at ${runbook.file}:${source.position.line}: ${terminal.name} runs ${shell}. ${filled.csh.refused.join(' ')} A value of letters, digits and _ . : / @ % + , - can go there, or run it from a bash, zsh or fish terminal. It reads: ${redacted}`,
          );
        }
        if (quotesForeign(shell) && quoted.length) {
          forget();
          throw new UserFacingError(
            `Not sending the command at ${runbook.file}:${source.position.line}: ${terminal.name} runs ${shell}, whose quoting War Room does not write, and the value of ${quoted.map((f) => f.key).join(', ')} is more than letters, digits and _ . : / @ % + , - (${shell} could read it as code). Run it from a bash, zsh, fish or csh terminal. It reads: ${redacted}`,
          );
        }
        const naming = namingShellOf(shell);
        // A secret the line would hold as it is: asked first, since the shell's history may keep it.
        const typed = csh ? filled.csh.typed : naming ? filled.typedWhenNamed : secretKeys;
        if (typed.length) {
          const where = `${terminal.name} runs ${shell ?? 'a shell VS Code did not name'}`;
          const agreed = this.typedAgreed.get(terminal) ?? new Set<string>();
          if (typed.some((key) => !agreed.has(key))) {
            if (!(await this.prompts.confirmTypedSecrets({ ...request, terminalName, command: redacted }, shell, typed))) {
              this.log.info(`Not running (${where}, where the value of ${typed.join(', ')} would be typed; declined): ${redacted}`);
              return undefined;
            }
            typed.forEach((key) => agreed.add(key));
            this.typedAgreed.set(terminal, agreed);
          }
          this.log.warn(`${where}: the value of ${typed.join(', ')} is typed into it (its history may keep it)`);
        }
        return csh ? filled.csh.command : naming ? namingSecrets[naming] : command;
      },
      secretKeys.length > 0 || quoted.length > 0,
    );
    if (!sent) {
      return { sent: false, reason: 'cancelled' };
    }
    const { exit } = sent;
    await beforeRecord?.(sentAt);
    const event = await appendRunbookEvent(
      this.model,
      ref,
      {
        type: 'command_run',
        command: redacted,
        runbook: runbook.id,
        file: runbook.file,
        step: step.id,
        terminal: terminalName,
        ...(destructive ? { destructive } : {}),
      },
      sentAt,
    );
    this.log.info(`Ran in ${terminalName}: ${redacted}`);
    if (exit) {
      void exit
        .then(async (exitCode) => {
          if (exitCode === undefined) {
            return; // the terminal closed first, or shell integration reported no code
          }
          this.log.info(`Exited ${exitCode} in ${terminalName}: ${redacted}`);
          await appendRunbookEvent(this.model, ref, { type: 'command_exited', run: event.id, command: redacted, exitCode });
        })
        .catch((error) => this.log.error(`Could not record the exit of ${redacted}`, error));
    }
    return { sent: true, command: redacted, terminal: terminalName, eventId: event.id, exitReported: exit !== undefined };
  }

  /**
   * The incident's terminal that is not running anything we sent and has `env` (the command's
   * secrets) in its environment; a new one (numbered) when none is: typed into a running command (a
   * `logs -f` or a rollout still going), the next one would be read as that command's input. A
   * terminal without shell integration never counts as busy. A terminal holding secrets is not
   * restored after a reload (transient): its environment is not written anywhere.
   */
  private terminal(ref: IncidentRef, name: string, env: Readonly<Record<string, string>>): vscode.Terminal {
    const id = ref.incident.id;
    const open = (this.terminals.get(id) ?? []).filter((t) => t.exitStatus === undefined);
    const needed = Object.entries(env);
    const free = open.find((t) => !this.busy.has(t) && needed.every(([key, value]) => this.secretEnv.get(t)?.[key] === value));
    if (free) {
      return free;
    }
    const count = (this.opened.get(id) ?? 0) + 1;
    this.opened.set(id, count);
    const terminal = vscode.window.createTerminal({
      name: count === 1 ? name : `${name} (${count})`,
      cwd: ref.folder.uri,
      iconPath: new vscode.ThemeIcon('flame'),
      ...(needed.length ? { env: { ...env }, isTransient: true } : {}),
    });
    if (needed.length) {
      this.secretEnv.set(terminal, env);
    }
    this.terminals.set(id, [...open, terminal]);
    return terminal;
  }

  /**
   * Sends through shell integration when the shell has it, and then answers the exit code's promise:
   * it settles when the command ends (undefined if its terminal closes first). Without shell
   * integration the text is typed and there is no promise. (Wrapped: an awaited promise of a
   * promise would wait for the command to end.) Undefined, nothing sent, when `commandFor` gives none.
   */
  private async send(
    terminal: vscode.Terminal,
    commandFor: (shell: string | undefined) => Promise<string | undefined>,
    needsShell: boolean,
  ): Promise<{ exit?: Promise<number | undefined> } | undefined> {
    const integration = terminal.shellIntegration ?? (await waitForShellIntegration(terminal));
    const kind = shellKind(terminal.state.shell);
    if (needsShell && (kind === undefined || kind === 'not-a-shell')) {
      // Integration off (or not come), or a name that is not the shell's yet: the shell is named
      // a moment after it starts, and which it is decides whether secrets are named or typed.
      await waitForShellName(terminal);
    }
    const command = await commandFor(terminal.state.shell);
    if (command === undefined) {
      return undefined;
    }
    if (!integration) {
      this.log.info(`No shell integration in ${terminal.name}: sending the text, no exit code will be recorded`);
      terminal.sendText(command, true);
      return {};
    }
    let execution: vscode.TerminalShellExecution | undefined;
    const exit = new Promise<number | undefined>((resolve) => {
      const ended = vscode.window.onDidEndTerminalShellExecution((e) => {
        if (e.terminal !== terminal) {
          return;
        }
        if (e.execution === execution && e.exitCode === undefined) {
          // VS Code can end an execution it was asked for just after the shell's integration came
          // up, with no code, before the shell has run the line (microsoft/vscode#221399): the
          // command's own end follows as another execution with the same command line. (A real end
          // without a code leaves the terminal busy until it closes: the next command opens another.)
          return;
        }
        if (e.execution === execution || e.execution.commandLine.value === command) {
          finish(e.exitCode);
        }
      });
      const closed = vscode.window.onDidCloseTerminal((t) => {
        if (t === terminal) {
          finish(undefined);
        }
      });
      const finish = (code: number | undefined): void => {
        ended.dispose();
        closed.dispose();
        this.running.delete(stop);
        this.busy.delete(terminal);
        resolve(code);
      };
      const stop = () => finish(undefined);
      this.running.add(stop);
    });
    this.busy.add(terminal);
    execution = integration.executeCommand(command);
    return { exit };
  }

  dispose(): void {
    for (const stop of [...this.running]) {
      stop();
    }
    this.subscription.dispose();
  }
}

/** Nothing the dialog cannot show is sent: the reasons, the runbook's file and line, and the command escaped. */
function refuseUnsafe(filled: FilledCommand, runbook: Runbook, source: RunbookCommand): void {
  if (filled.refused.length) {
    throw new UserFacingError(
      `Not sending the command at ${runbook.file}:${source.position.line}. ${filled.refused.join(' ')} It reads: ${filled.redacted}`,
    );
  }
}

/**
 * Until VS Code names the terminal's shell (from its process, with or without integration), or a
 * while; a name that is not a shell's is given a moment to become one.
 */
function waitForShellName(terminal: vscode.Terminal): Promise<void> {
  return new Promise((resolve) => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const done = () => {
      clearTimeout(timer);
      clearTimeout(limit);
      listeners.forEach((l) => l.dispose());
      resolve();
    };
    const judge = () => {
      const kind = shellKind(terminal.state.shell);
      if (kind === 'integrated' || kind === 'plain' || terminal.exitStatus !== undefined) {
        done();
      } else if (kind === 'not-a-shell' && timer === undefined) {
        timer = setTimeout(done, NOT_A_SHELL_WAIT_MS);
      }
    };
    const limit = setTimeout(done, SHELL_INTEGRATION_WAIT_MS);
    const listeners = [
      vscode.window.onDidChangeTerminalState((t) => {
        if (t === terminal) {
          judge();
        }
      }),
      vscode.window.onDidCloseTerminal((t) => {
        if (t === terminal) {
          done();
        }
      }),
    ];
    judge();
  });
}

/**
 * The terminal's shell integration once it is there. Waits on what says it will come: a shell VS Code
 * injects into (bash, zsh, ...) with integration enabled is waited for however slow it starts (up to
 * a hang guard); any other shell, or integration turned off, is not; a terminal not yet named a while,
 * and one named by a program that is no shell (node) a moment.
 */
function waitForShellIntegration(terminal: vscode.Terminal): Promise<vscode.TerminalShellIntegration | undefined> {
  if (!vscode.workspace.getConfiguration('terminal.integrated').get<boolean>('shellIntegration.enabled', true)) {
    return Promise.resolve(undefined);
  }
  return new Promise((resolve) => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const judge = () => {
      const kind = shellKind(terminal.state.shell);
      if (kind === 'plain') {
        done(undefined);
        return;
      }
      clearTimeout(timer);
      const wait = kind === undefined ? SHELL_INTEGRATION_WAIT_MS : kind === 'integrated' ? INTEGRATED_SHELL_WAIT_MS : NOT_A_SHELL_WAIT_MS;
      timer = setTimeout(() => done(undefined), wait);
    };
    const listeners = [
      vscode.window.onDidChangeTerminalShellIntegration((e) => {
        if (e.terminal === terminal) {
          done(e.shellIntegration);
        }
      }),
      vscode.window.onDidChangeTerminalState((t) => {
        if (t === terminal) {
          judge();
        }
      }),
      vscode.window.onDidCloseTerminal((t) => {
        if (t === terminal) {
          done(undefined);
        }
      }),
    ];
    let settled = false;
    function done(value: vscode.TerminalShellIntegration | undefined): void {
      if (settled) {
        return;
      }
      settled = true;
      clearTimeout(timer);
      listeners.forEach((l) => l.dispose());
      resolve(value);
    }
    judge();
  });
}
