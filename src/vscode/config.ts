import * as vscode from 'vscode';
import { DEFAULT_DATA_DIR } from '../adapters/store/fileStore';

/** Typed reads of the `warroom.*` settings. */
export const config = {
  dataDir(folder?: vscode.WorkspaceFolder): string {
    return vscode.workspace.getConfiguration('warroom', folder).get<string>('dataDir') || DEFAULT_DATA_DIR;
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
