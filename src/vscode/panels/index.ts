// The war room's webview panels (timeline, role board, stakeholder updates), their commands, the
// update cadence in the status bar, and where update senders plug in.
import * as vscode from 'vscode';
import { isActive } from '../../core/incident';
import { QuickAddKind } from '../../core/timelineView';
import { UpdateSender } from '../../core/stakeholderUpdates';
import { CommandTable } from '../commandRegistry';
import { FeatureContext, FeatureFactory } from '../feature';
import { happened } from '../gettingStarted';
import { Outcome } from '../gettingStartedOutcomes';
import { IncidentRef } from '../incidentModel';
import { resolveIncident } from '../incidentTarget';
import { cadenceFromSettings, UpdateCadenceWatch } from './cadence';
import { Received } from './panelBasics';
import { PanelManager } from './panelManager';
import { ROLE_BOARD_PANEL, RoleBoardPanel, takeCommand } from './roleBoardPanel';
import { PanelServices } from './services';
import { TIMELINE_PANEL, TimelinePanel } from './timelinePanel';
import { UPDATES_PANEL, UpdatesPanel } from './updatesPanel';

export type PanelKind = 'timeline' | 'roleBoard' | 'updates';

/** An open panel as the integration tests see it. */
export interface PanelHandle {
  readonly panel: vscode.WebviewPanel;
  readonly incidentId: string;
  /** The path every webview message takes: validated, then acted on, or logged and dropped. */
  receive(message: unknown): Promise<Received>;
}

/** What the feature exposes under `features.panels`. */
export interface PanelsApi {
  readonly viewTypes: Readonly<Record<PanelKind, string>>;
  /** For the integrations (Slack, Statuspage): offered in the composer until disposed. */
  registerUpdateSender(sender: UpdateSender): vscode.Disposable;
}

/** What the integration tests reach under `test.features.panels`. */
export interface PanelsTestApi extends PanelsApi {
  open(kind: PanelKind, incidentId: string): Promise<PanelHandle>;
  panel(kind: PanelKind, incidentId: string): PanelHandle | undefined;
  /** The serializers registered for `onWebviewPanel:<viewType>`, by kind. */
  readonly serializers: Readonly<Record<PanelKind, vscode.WebviewPanelSerializer<unknown>>>;
  /** The status bar countdown's text, when shown. */
  nextUpdateText(): string | undefined;
  /** Who the open role board of an incident shows as here now (undefined when it is not open). */
  roleBoardPresent(incidentId: string): readonly string[] | undefined;
}

function firstLoad(context: FeatureContext): Promise<void> {
  // Features are created before the model first reads the stores; its first change is that read.
  return new Promise((resolve) => {
    const subscription = context.model.onDidChange(() => {
      subscription.dispose();
      resolve();
    });
    context.extension.subscriptions.push(subscription);
  });
}

export const panelsFeature: FeatureFactory<PanelsApi, PanelsTestApi> = (context) => {
  const { model, log, senders } = context;
  const services: PanelServices = {
    log,
    model,
    extensionUri: context.extension.extensionUri,
    senders,
    drafters: context.drafters,
    cadence: cadenceFromSettings,
    presence: context.presence,
  };
  const loaded = firstLoad(context);
  const timelines = new PanelManager(
    'warroom.timeline',
    services,
    loaded,
    (panel, ref) => new TimelinePanel(panel, ref, services, TIMELINE_PANEL),
  );
  const roleBoards = new PanelManager(
    'warroom.roleBoard',
    services,
    loaded,
    (panel, ref) => new RoleBoardPanel(panel, ref, services, ROLE_BOARD_PANEL),
  );
  const composers = new PanelManager('warroom.updates', services, loaded, (panel, ref) => new UpdatesPanel(panel, ref, services));
  const managers = { timeline: timelines, roleBoard: roleBoards, updates: composers };
  const cadence = new UpdateCadenceWatch(model, context.currentIncident, cadenceFromSettings);

  const preferred = () => context.currentIncident()?.incident.id;
  const anyIncident = (arg: unknown) => resolveIncident(model, arg, { filter: () => true, preferred: preferred() });
  const activeIncident = (arg: unknown) => resolveIncident(model, arg, { filter: isActive, preferred: preferred() });
  const opener =
    (
      manager: PanelManager<TimelinePanel | RoleBoardPanel | UpdatesPanel>,
      pick: (arg: unknown) => Promise<IncidentRef | undefined>,
      outcome?: Outcome,
    ) =>
    async (arg?: unknown): Promise<void> => {
      const ref = await pick(arg);
      if (ref) {
        await manager.show(ref);
        if (outcome) {
          happened(outcome);
        }
      }
    };

  // With the timeline open, the palette's quick-add goes to its bar; otherwise to an input box.
  const quickAdd =
    (kind: QuickAddKind) =>
    async (arg?: unknown): Promise<void> => {
      const ref = await activeIncident(arg);
      if (!ref) {
        return;
      }
      const open = timelines.get(ref.incident.id);
      if (open) {
        open.focusQuickAdd(kind);
        return;
      }
      await vscode.commands.executeCommand('warroom.addNote', { incidentId: ref.incident.id, kind });
    };

  const commands: CommandTable = {
    'warroom.openTimeline': opener(timelines, anyIncident, 'opened.timeline'),
    'warroom.openRoleBoard': opener(roleBoards, anyIncident),
    'warroom.composeUpdate': opener(composers, activeIncident, 'opened.updates'),
    'warroom.takeCommand': async (arg?: unknown) => {
      const ref = await activeIncident(arg);
      if (ref) {
        void vscode.window.showInformationMessage(await takeCommand(services, ref));
      }
    },
    'warroom.addDecision': quickAdd('decision'),
    'warroom.addAction': quickAdd('action'),
    'warroom.addHypothesis': quickAdd('hypothesis'),
  };

  const handle = (panel: TimelinePanel | RoleBoardPanel | UpdatesPanel): PanelHandle => ({
    panel: panel.panel,
    incidentId: panel.incidentId,
    receive: (message) => panel.receive(message),
  });

  const api: PanelsApi = {
    viewTypes: { timeline: TIMELINE_PANEL.viewType, roleBoard: ROLE_BOARD_PANEL.viewType, updates: UPDATES_PANEL.viewType },
    registerUpdateSender: (sender) => senders.register(sender),
  };
  const testApi: PanelsTestApi = {
    ...api,
    open: async (kind, incidentId) => {
      const ref = await resolveIncident(model, { incidentId });
      if (!ref) {
        throw new Error(`no incident ${incidentId}`);
      }
      return handle(await managers[kind].show(ref));
    },
    panel: (kind, incidentId) => {
      const open = managers[kind].get(incidentId);
      return open && handle(open);
    },
    serializers: { timeline: timelines.serializer, roleBoard: roleBoards.serializer, updates: composers.serializer },
    nextUpdateText: () => cadence.text(),
    roleBoardPresent: (incidentId) => roleBoards.get(incidentId)?.present,
  };

  return {
    commands,
    api,
    testApi,
    disposables: [
      timelines,
      roleBoards,
      composers,
      cadence,
      context.presence.onDidChange(() => roleBoards.all().forEach((board) => void board.presenceChanged())),
    ],
    serializers: Object.fromEntries(Object.values(managers).map((m) => [m.viewType, m.serializer])),
  };
};
