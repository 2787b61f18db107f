// Where a timeline row leads: a commit, a source line, a runbook step, a web page. The target is
// read from the event in the store by its id; the webview's copy is never trusted.
import { promises as fsp } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { within } from '../../adapters/insideFolder';
import { isLine, isRefText, isSha, isWebUrl } from '../../core/timelineView';
import { UserFacingError } from '../commandRegistry';
import { IncidentRef } from '../incidentModel';

// Both are contributed commands, so always registered (as a delegate until their feature starts,
// which then reports plainly if it could not): no need to look them up before calling.
/** Implemented by the correlation feature; args `{incidentId, sha}`. */
export const OPEN_COMMIT_COMMAND = 'warroom.openCommit';
/** Implemented by the runbooks feature; args `{incidentId, runbook, step}`. */
export const OPEN_RUNBOOK_STEP_COMMAND = 'warroom.openRunbookStep';

type EventFields = Readonly<Record<string, unknown>>;

function eventFields(ref: IncidentRef, eventId: string): EventFields {
  const event = ref.incident.events.find((e) => e.id === eventId);
  if (!event) {
    throw new UserFacingError(`No event ${eventId} in ${ref.incident.id}.`);
  }
  return event as unknown as EventFields;
}

export async function openSha(ref: IncidentRef, eventId: string): Promise<void> {
  const sha = eventFields(ref, eventId).sha;
  if (!isSha(sha)) {
    throw new UserFacingError('This event names no commit.');
  }
  await vscode.commands.executeCommand(OPEN_COMMIT_COMMAND, { incidentId: ref.incident.id, sha });
}

/** The file's absolute path if it is inside the folder (symlinks resolved), else undefined. */
async function insideFolder(folder: vscode.WorkspaceFolder, file: string): Promise<string | undefined> {
  const root = folder.uri.fsPath;
  const absolute = path.resolve(root, file);
  if (!within(root, absolute)) {
    return undefined;
  }
  try {
    return within(await fsp.realpath(root), await fsp.realpath(absolute)) ? absolute : undefined;
  } catch {
    throw new UserFacingError(`${file} does not exist in ${folder.name}.`);
  }
}

async function showAt(uri: vscode.Uri, line: number | undefined): Promise<void> {
  const at = new vscode.Position(Math.max(0, (line ?? 1) - 1), 0);
  // Beside the panel, so the timeline stays in view while reading the code.
  await vscode.window.showTextDocument(uri, { selection: new vscode.Range(at, at), viewColumn: vscode.ViewColumn.Beside, preview: true });
}

export async function openFile(ref: IncidentRef, eventId: string): Promise<void> {
  const fields = eventFields(ref, eventId);
  if (!isRefText(fields.file)) {
    throw new UserFacingError('This event names no file.');
  }
  const absolute = await insideFolder(ref.folder, fields.file);
  if (!absolute) {
    throw new UserFacingError(`Not opening ${fields.file}: it is outside the workspace folder ${ref.folder.name}.`);
  }
  await showAt(vscode.Uri.file(absolute), isLine(fields.line) ? fields.line : undefined);
}

export async function openRunbookStep(ref: IncidentRef, eventId: string): Promise<void> {
  const fields = eventFields(ref, eventId);
  if (!isRefText(fields.runbook)) {
    throw new UserFacingError('This event names no runbook.');
  }
  const runbook = fields.runbook;
  const step = isRefText(fields.step) ? fields.step : undefined;
  await vscode.commands.executeCommand(OPEN_RUNBOOK_STEP_COMMAND, { incidentId: ref.incident.id, runbook, step });
}

export async function openUrl(ref: IncidentRef, eventId: string): Promise<void> {
  const url = eventFields(ref, eventId).url;
  // http(s) only: a command:, file: or javascript: URL must never reach openExternal.
  if (!isWebUrl(url)) {
    throw new UserFacingError('This event has no web link.');
  }
  await vscode.env.openExternal(vscode.Uri.parse(url, true));
}
