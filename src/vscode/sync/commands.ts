// Connect Team Sync, Disconnect Team Sync, Sync Now: one function per command, given its deps.
import * as vscode from 'vscode';
import { isPostgresUrl } from '../../core/sync/status';
import { UserFacingError } from '../commandRegistry';
import { syncAdapter } from '../lazyAdapters';
import { TeamSync } from './teamSync';

async function pickFolder(folders: readonly vscode.WorkspaceFolder[], placeHolder: string): Promise<vscode.WorkspaceFolder | undefined> {
  if (folders.length === 0) {
    throw new UserFacingError('Open a folder first: team sync shares the incidents kept in a workspace folder.');
  }
  return folders.length === 1 ? folders[0] : vscode.window.showWorkspaceFolderPick({ placeHolder });
}

/**
 * Asks for a connection string (or takes one: tests, other extensions), tests it (creating War
 * Room's tables if needed), then stores it in SecretStorage and connects.
 */
export function connectTeamSync(sync: TeamSync) {
  return async (url?: unknown, folderUri?: unknown): Promise<string | undefined> => {
    const folders = vscode.workspace.workspaceFolders ?? [];
    const folder =
      typeof folderUri === 'string'
        ? folders.find((f) => f.uri.toString() === folderUri)
        : await pickFolder(folders, 'Share which folder’s incidents?');
    if (!folder) return undefined;
    const given =
      typeof url === 'string'
        ? url
        : await vscode.window.showInputBox({
            title: 'Connect Team Sync',
            prompt: 'PostgreSQL connection string (kept in VS Code’s secret storage). TLS: add ?sslmode=require or verify-full.',
            placeHolder: 'postgres://warroom@db.example.com:5432/warroom?sslmode=verify-full',
            password: true,
            ignoreFocusOut: true,
            validateInput: (v) => (isPostgresUrl(v) ? undefined : 'A postgres:// or postgresql:// URL'),
          });
    if (!given) return undefined;
    const trimmed = given.trim();
    const adapter = syncAdapter();
    let summary: string;
    try {
      summary = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: `Testing ${adapter.describeUrl(trimmed)}…` },
        () => adapter.testConnection(trimmed),
      );
    } catch (error) {
      throw new UserFacingError(`Could not connect to ${adapter.describeUrl(trimmed)}: ${(error as Error).message}`);
    }
    await sync.connect(folder, trimmed);
    void vscode.window.showInformationMessage(`War Room team sync on: ${summary}`);
    return summary;
  };
}

export function disconnectTeamSync(sync: TeamSync) {
  return async (folderUri?: unknown): Promise<void> => {
    const connected = sync.connectedFolders();
    const folder =
      typeof folderUri === 'string'
        ? connected.find((f) => f.uri.toString() === folderUri)
        : await pickFolder(connected, 'Disconnect which folder?');
    if (folder) {
      await sync.disconnect(folder);
    }
  };
}

export function syncNow(sync: TeamSync) {
  return async (): Promise<void> => {
    if (sync.connectedFolders().length === 0) {
      throw new UserFacingError('Team sync is off.', { title: 'Connect Team Sync', command: 'warroom.connectTeamSync' });
    }
    await sync.syncNow();
  };
}
