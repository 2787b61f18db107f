// The shell commands of a runbook file that War Room confirms a second time before they reach a
// terminal, and why: what the editor marks above each one, so that whoever writes or reviews a
// runbook sees what a responder will be asked, where the command is written.

import { destructiveFindings } from './destructive';
import { Runbook } from './model';

export interface CommandAskingTwice {
  /** The line the parser gives the command (1-based): its first line, or a block scalar's `run: |`. */
  readonly line: number;
  /**
   * The start of the command as the file writes it, up to its first quote or backslash (which YAML and
   * JSON may escape): a line that no longer holds it was edited since the file was parsed.
   */
  readonly probe: string;
  /** Each reason the check gives, in its order: the first is the one the confirmation names. */
  readonly reasons: readonly string[];
}

export interface AskingTwiceInFile {
  /** The commands found so far that ask twice, one a line, in line order. */
  readonly marked: readonly CommandAskingTwice[];
  /**
   * How many of the file's shell commands (in line order) were checked when `stop` ended the checking:
   * a later call given this answer goes on from there. Absent when every command was checked.
   */
  readonly next?: number;
}

/**
 * The commands of `file` among `runbooks` that ask twice, one a line. Only shell commands go to a
 * terminal (the others are copied into their own tools), so only they are checked, as written: the
 * confirmation checks the command with the incident's values filled in, which can differ
 * (`--replicas=$COUNT` asks twice only when COUNT is 0). `stop`, asked before each command but the
 * first, ends the checking early: each command can take tens of milliseconds (MAX_CHECKED characters
 * of hostile text), and a cloned file can hold thousands. Given the answer of a call that stopped
 * (`previous`), it goes on with the next command, by command and not by line: two commands can share
 * a line (`commands: [ls /srv, rm -rf /srv]`).
 */
export function commandsAskingTwice(
  runbooks: readonly Runbook[],
  file: string,
  stop: () => boolean = () => false,
  previous?: AskingTwiceInFile,
): AskingTwiceInFile {
  const commands = runbooks
    .filter((runbook) => runbook.file === file)
    .flatMap((runbook) => runbook.steps.flatMap((step) => step.commands))
    .filter((command) => command.lang === 'shell')
    .sort((a, b) => a.position.line - b.position.line);
  const byLine = new Map<number, CommandAskingTwice>((previous?.marked ?? []).map((c) => [c.line, c]));
  const from = previous?.next ?? 0;
  for (let k = from; k < commands.length; k++) {
    const command = commands[k];
    if (byLine.has(command.position.line)) {
      continue;
    }
    if (k > from && stop()) {
      return { marked: [...byLine.values()], next: k };
    }
    const reasons = destructiveFindings(command.run, command.lang).map((f) => f.reason);
    if (reasons.length > 0) {
      const probe = command.run
        .split('\n')[0]
        .split(/["'\\]/)[0]
        .trim()
        .slice(0, 24);
      byLine.set(command.position.line, { line: command.position.line, probe, reasons });
    }
  }
  return { marked: [...byLine.values()].sort((a, b) => a.line - b.line) };
}
