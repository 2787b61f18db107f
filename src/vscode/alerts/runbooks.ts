// An alert's `runbook_url` / `runbook` annotations that point into the workspace (relative path,
// file URL, repository web URL): found among the folder's runbooks, shown on the Incoming row, and
// linked to the incident on Declare from Alert through the runbook feature's own command, with the
// reason. The row and the link ask the same catalog, so the row never names a file Declare would
// not link (a README the annotation points to is not a runbook).
import * as vscode from 'vscode';
import { Alert } from '../../core/alerts/alert';
import { foldRunbookActivity } from '../../core/runbooks';
import { featureApi } from '../featureApis';
import { IncidentModel } from '../incidentModel';
import { alertsAdapter } from '../lazyAdapters';

export interface ResolvedRunbook {
  readonly folder: vscode.WorkspaceFolder;
  /** Folder-relative, `/`-separated. */
  readonly file: string;
  readonly link: string;
  readonly reason: string;
}

/** What the runbook feature's catalog gives for a folder (see RunbooksApi). */
interface CatalogLike {
  get(folder: vscode.WorkspaceFolder): Promise<{ readonly index: { readonly runbooks: readonly { readonly file: string }[] } }>;
}

function runbookCatalog(): CatalogLike | undefined {
  const api = featureApi('runbooks') as { catalog?: Partial<CatalogLike> } | undefined;
  return typeof api?.catalog?.get === 'function' ? (api.catalog as CatalogLike) : undefined;
}

/** Per runbooks array the catalog hands out (a new one after any change): its files, made once, not per alert per poll. */
const filesOf = new WeakMap<readonly { readonly file: string }[], ReadonlySet<string>>();

/** The folder's runbook files (folder-relative), or none while the runbook feature is not running. */
async function runbookFiles(folder: vscode.WorkspaceFolder): Promise<ReadonlySet<string>> {
  const catalog = runbookCatalog();
  if (!catalog) return new Set();
  const { runbooks } = (await catalog.get(folder)).index;
  let files = filesOf.get(runbooks);
  if (!files) {
    files = new Set(runbooks.map((r) => r.file));
    filesOf.set(runbooks, files);
  }
  return files;
}

/** The workspace runbooks the alert's annotations name (each in the first folder that has it). */
export async function resolveAlertRunbooks(alert: Alert, folders = vscode.workspace.workspaceFolders ?? []): Promise<ResolvedRunbook[]> {
  const out: ResolvedRunbook[] = [];
  const name = alert.labels.alertname ?? alert.title;
  const done = new Set<string>();
  for (const folder of folders) {
    if (folder.uri.scheme !== 'file') continue;
    const { alertRunbookLinks, runbookLinkReason } = alertsAdapter();
    const links = alertRunbookLinks(alert, folder.uri.fsPath);
    if (!links.length) continue;
    const runbooks = await runbookFiles(folder);
    for (const link of links) {
      if (done.has(link.link) || !('relative' in link.resolved)) continue;
      const file = link.resolved.relative;
      if (runbooks.has(file)) {
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
