// A feature (correlation, runbooks, panels, integrations...) plugs into the composition root through
// one factory: it gets the shared services and returns its commands and disposables. extension.ts
// lists the factories; features never edit each other's files.
import * as vscode from 'vscode';
import { CommandTable } from './commandRegistry';
import { IncidentModel, IncidentRef } from './incidentModel';
import { IncidentsTreeProvider } from './incidentsTree';
import { UpdateSenderRegistry } from './panels/senders';
import { PresenceRegistry } from './presence';
import { UpdateDrafterSlot } from './panels/drafter';
import type { OncallFiles } from './oncall/oncallFiles';
import type { ClockReading } from '../core/clock';

export interface FeatureContext {
  readonly extension: vscode.ExtensionContext;
  readonly log: vscode.LogOutputChannel;
  /** Its append() is the one write path for events of every type, core or a feature's own. */
  readonly model: IncidentModel;
  readonly tree: IncidentsTreeProvider;
  /** The incident the user is working on (status bar), if any. */
  readonly currentIncident: () => IncidentRef | undefined;
  /** Stakeholder update senders (Slack, Statuspage ...): integrations register, the composer lists. */
  readonly senders: UpdateSenderRegistry;
  /** Who else has an incident open (team sync provides it; the role board shows it). */
  readonly presence: PresenceRegistry;
  /** Draft with AI in the Updates panel: the assist feature registers, the composer offers it. */
  readonly drafters: UpdateDrafterSlot;
  /**
   * Each folder's rotation file, one reader for the window (made on first use): the on-call rows and
   * commands and the dashboard's on-call load read the same file once, and its problems go to one place.
   */
  readonly rotations: () => OncallFiles;
  /**
   * A server's clock against this machine's (each HTTP answer's Date, each team sync heartbeat):
   * integrations pass it as their clients' `onClock`, and a clock more than a minute off is shown.
   */
  readonly clock: (reading: ClockReading) => void;
  /** Fires after an incident is declared through the Declare command. */
  readonly onDidDeclare: vscode.Event<IncidentRef>;
}

export interface Feature<Api = unknown, TestApi = unknown> {
  /** Command id -> handler; every id must also be in package.json contributes.commands. */
  readonly commands?: CommandTable;
  readonly disposables?: readonly vscode.Disposable[];
  /** What other extensions may use, under `features.<name>` in what activate() returns. */
  readonly api?: Api;
  /**
   * Hooks for the integration tests (internals, replaced dialogs), under `test.features.<name>`:
   * exposed only when the test harness runs the extension, never in the shipped API.
   */
  readonly testApi?: TestApi;
  /**
   * Webview panel serializers by view type. The composition root registers them during
   * activation (VS Code restores panels right after it), so features must not register their own.
   */
  readonly serializers?: Readonly<Record<string, vscode.WebviewPanelSerializer>>;
}

export type FeatureFactory<Api = unknown, TestApi = unknown> = (context: FeatureContext) => Feature<Api, TestApi>;

/** Each feature's `api` (or `testApi`) by name, typed from the factories; absent if it failed to start. */
export type FeatureApis<Factories, Key extends 'api' | 'testApi'> = {
  readonly [Name in keyof Factories]?: Factories[Name] extends FeatureFactory<infer Api, infer TestApi>
    ? Key extends 'api'
      ? Api
      : TestApi
    : never;
};
