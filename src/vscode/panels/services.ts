// What every panel needs from the extension, passed in once by the feature factory.
import * as vscode from 'vscode';
import { EventBase, EventInput, OtherEvent } from '../../core/events';
import { UpdateCadence } from '../../core/updateCadence';
import { UserFacingError } from '../commandRegistry';
import { IncidentModel, IncidentRef } from '../incidentModel';
import { UpdateSenderRegistry } from './senders';

export interface PanelServices {
  readonly log: vscode.LogOutputChannel;
  readonly model: IncidentModel;
  /** The extension's folder: the webview may load only dist/webview and media from it. */
  readonly extensionUri: vscode.Uri;
  readonly senders: UpdateSenderRegistry;
  /** The stakeholder update cadence from the settings, read when needed. */
  readonly cadence: () => UpdateCadence;
}

/**
 * Appends one event of any type (core, or a feature's own like `amended`) and re-reads the
 * incident at once, so open panels and the tree follow without waiting for the file watcher.
 */
export async function appendEvent<E extends EventBase>(model: IncidentModel, ref: IncidentRef, input: EventInput<E>): Promise<void> {
  const state = model.folderState(ref.folder);
  if (!state) {
    throw new UserFacingError(`${ref.folder.name} has no incident store.`);
  }
  // The store types events as core or "other" (an open record); a feature's own event is the latter.
  const record: EventInput<OtherEvent> = { ...input };
  await state.store.append<OtherEvent>(ref.incident.id, record, await model.userName(ref.folder));
  await model.reloadIncident(ref.folder, ref.incident.id);
}
