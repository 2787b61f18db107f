import * as vscode from 'vscode';
import { DEFAULT_RUNBOOK_GLOBS } from '../../core/runbooks/globs';

/** `warroom.runbooks.globs` for a folder: the default when unset or not a list of strings. */
export function runbookGlobs(folder: vscode.WorkspaceFolder): readonly string[] {
  const value = vscode.workspace.getConfiguration('warroom', folder).get<unknown>('runbooks.globs');
  return Array.isArray(value) && value.length > 0 && value.every((g) => typeof g === 'string' && g.trim() !== '')
    ? (value as string[])
    : DEFAULT_RUNBOOK_GLOBS;
}
