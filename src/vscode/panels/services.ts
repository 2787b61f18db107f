// What every panel needs from the extension, passed in once by the feature factory.
import * as vscode from 'vscode';
import { UpdateCadence } from '../../core/updateCadence';
import { IncidentModel } from '../incidentModel';
import { PresenceRegistry } from '../presence';
import { UpdateSenderRegistry } from './senders';
import { UpdateDrafterSlot } from './drafter';

export interface PanelServices {
  readonly log: vscode.LogOutputChannel;
  readonly model: IncidentModel;
  /** The extension's folder: the webview may load only dist/webview and media from it. */
  readonly extensionUri: vscode.Uri;
  readonly senders: UpdateSenderRegistry;
  readonly drafters: UpdateDrafterSlot;
  /** The stakeholder update cadence from the settings, read when needed. */
  readonly cadence: () => UpdateCadence;
  /** Who else has an incident open (team sync), shown on the role board. */
  readonly presence: PresenceRegistry;
}
