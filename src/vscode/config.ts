import * as path from 'node:path';
import * as vscode from 'vscode';
import { resolveInside } from '../adapters/insideFolder';
import { DEFAULT_DATA_DIR } from '../adapters/store/fileStore';

/** Typed reads of the `warroom.*` settings. */
export const config = {
  /**
   * The folder's incident store, absolute. A setting leading outside the folder (`../..`, a symlink
   * out) is refused: the default is used, and `refused` says why (incidents must still be declarable).
   */
  dataDir(folder: vscode.WorkspaceFolder): { readonly dir: string; readonly refused?: string } {
    const setting = vscode.workspace.getConfiguration('warroom', folder).get<string>('dataDir') || DEFAULT_DATA_DIR;
    const dir = resolveInside(folder.uri.fsPath, setting);
    if (dir !== undefined) {
      return { dir };
    }
    return {
      dir: path.resolve(folder.uri.fsPath, DEFAULT_DATA_DIR),
      refused: `warroom.dataDir "${setting}" leads outside the workspace folder ${folder.name}; incidents are kept in ${DEFAULT_DATA_DIR} instead.`,
    };
  },
  userName(): string {
    return vscode.workspace.getConfiguration('warroom').get<string>('userName') ?? '';
  },
  recentlyResolvedDays(): number {
    return vscode.workspace.getConfiguration('warroom').get<number>('recentlyResolvedDays') ?? 7;
  },
  timelineEntriesInTree(): number {
    return vscode.workspace.getConfiguration('warroom').get<number>('tree.timelineEntries') ?? 5;
  },
};
