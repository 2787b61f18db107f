// An alert's `runbook_url` / `runbook` annotations that point into the workspace (relative path,
// file URL, repository web URL): found on disk, shown on the Incoming row, and linked to the
// incident on Declare from Alert through the runbook feature's own command, with the reason.
import * as vscode from 'vscode';
import { Alert } from '../../core/alerts/alert';
import { alertRunbookLinks, runbookLinkReason } from '../../core/alerts/runbookLinks';
import { foldRunbookActivity } from '../../core/runbooks';
import { IncidentModel } from '../incidentModel';

export interface ResolvedRunbook {
  readonly folder: vscode.WorkspaceFolder;
  /** Folder-relative, `/`-separated. */
  readonly file: string;
  readonly link: string;
  readonly reason: string;
}

async function isFile(uri: vscode.Uri): Promise<boolean> {
  try {
    return ((await vscode.workspace.fs.stat(uri)).type & vscode.FileType.File) !== 0;
  } catch {
    return false;
  }
}

/** The workspace files the alert's runbook annotations name (each in the first folder that has it). */
export async function resolveAlertRunbooks(alert: Alert, folders = vscode.workspace.workspaceFolders ?? []): Promise<ResolvedRunbook[]> {
  const out: ResolvedRunbook[] = [];
  const name = alert.labels.alertname ?? alert.title;
  const done = new Set<string>();
  for (const folder of folders) {
    if (folder.uri.scheme !== 'file') continue;
    for (const link of alertRunbookLinks(alert, folder.uri.fsPath)) {
      if (done.has(link.link) || !('relative' in link.resolved)) continue;
      const file = link.resolved.relative;
      if (await isFile(vscode.Uri.joinPath(folder.uri, ...file.split('/')))) {
        done.add(link.link);
        out.push({ folder, file, link: link.link, reason: runbookLinkReason(name, link) });
      }
    }
  }
  return out;
}

/**
 * Links the runbooks the alert's annotations name to the incident (in the incident's folder, not
 * linked yet), each with its reason. Returns the files linked; a file that is no runbook is skipped.
 */
export async function linkAlertRunbooks(model: IncidentModel, incidentId: string, alert: Alert): Promise<string[]> {
  const ref = model.find(incidentId);
  if (!ref) return [];
  const linked: string[] = [];
  for (const runbook of await resolveAlertRunbooks(alert, [ref.folder])) {
    const current = model.find(incidentId)?.incident.events ?? [];
    if (foldRunbookActivity(current).linked.some((l) => l.file === runbook.file)) continue;
    const key = await vscode.commands.executeCommand<string | undefined>('warroom.linkRunbook', {
      incidentId,
      file: runbook.file,
      reason: runbook.reason,
    });
    if (key) linked.push(runbook.file);
  }
  return linked;
}
