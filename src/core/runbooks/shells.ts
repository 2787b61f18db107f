// What VS Code's name for a terminal's shell (`Terminal.state.shell`, read from the terminal's
// foreground process) says to the runbook command runner: whether to wait for shell integration,
// and how a secret is named in the line it sends.

import type { NamingShell } from './variables';

/**
 * `integrated`: VS Code injects its shell integration (the exit code can be reported).
 * `plain`: a shell without it (the text is typed, no exit code).
 * `not-a-shell`: a program's name (node, python, julia: a REPL's), or one this list does not know.
 * While a terminal starts VS Code can name the pty host's own process for a moment (seen as `node`
 * between `bash` and shell integration on a loaded machine), so such a name is not taken for the
 * terminal's shell at once.
 */
export type ShellKind = 'integrated' | 'plain' | 'not-a-shell';

const INTEGRATED = new Set(['bash', 'zsh', 'fish', 'pwsh', 'gitbash']);
const PLAIN = new Set(['sh', 'ksh', 'csh', 'tcsh', 'dash', 'cmd', 'nu', 'xonsh', 'wsl']);
/** Shells that read `"${NAME}"` as the environment variable NAME, one word. */
const POSIX = new Set(['bash', 'zsh', 'sh', 'ksh', 'dash', 'gitbash']);

/** What a shell name says; undefined while VS Code has named none. */
export function shellKind(name: string | undefined): ShellKind | undefined {
  if (name === undefined) return undefined;
  if (INTEGRATED.has(name)) return 'integrated';
  return PLAIN.has(name) ? 'plain' : 'not-a-shell';
}

/** How a secret is named for this shell, or undefined when its value has to be typed. */
export function namingShellOf(name: string | undefined): NamingShell | undefined {
  if (name === undefined) return undefined;
  if (POSIX.has(name)) return 'posix';
  return name === 'fish' ? 'fish' : undefined;
}

/**
 * Shells whose quoting is not bash's, fish's or csh's (which War Room writes): PowerShell runs `$(...)`
 * inside double quotes and does not know `'\''`; cmd, nu and xonsh have rules of their own. A value
 * filled for bash is code there unless it is a plain word.
 */
const FOREIGN_QUOTING = new Set(['pwsh', 'powershell', 'cmd', 'nu', 'xonsh']);

/** True for a shell whose quoting War Room does not write: only plain-word values are sent to it. */
export function quotesForeign(name: string | undefined): boolean {
  return name !== undefined && FOREIGN_QUOTING.has(name);
}

/** True for csh and tcsh, which get the command with each value quoted csh's way (`FilledCommand.csh`). */
export function quotesCsh(name: string | undefined): boolean {
  return name === 'csh' || name === 'tcsh';
}
