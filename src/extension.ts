// Composition root: everything is created and wired here, once.
import { performance } from 'node:perf_hooks';

import * as vscode from 'vscode';
import { CommandTable, registerCommandTable } from './vscode/commandRegistry';
import { declareCommand } from './vscode/commands/declare';
import { timesHappened, wrote } from './vscode/gettingStarted';
import { IncidentActions } from './vscode/commands/incidentActions';
import { IncidentModel } from './vscode/incidentModel';
import { IncidentsTreeProvider } from './vscode/incidentsTree';
import { createLog } from './vscode/log';
import { IncidentStatusBar } from './vscode/statusBar';
import { DeferredFeatures } from './vscode/deferredFeatures';
import { FeatureApis, FeatureContext } from './vscode/feature';
import type * as Features from './vscode/features';
import { IncidentRef } from './vscode/incidentModel';
import { incidentIdOf } from './vscode/incidentTarget';
import { IncidentSection } from './vscode/treeNodes';
import { PANEL_VIEW_TYPES } from './vscode/viewTypes';
import { UpdateSenderRegistry } from './vscode/panels/senders';
import { PresenceRegistry } from './vscode/presence';
import type { OncallFiles } from './vscode/oncall/oncallFiles';
import type * as OncallFilesModule from './vscode/oncall/oncallFiles';
import { UpdateDrafterSlot } from './vscode/panels/drafter';
import type { ClockCheck } from './vscode/clockCheck';
import type * as ClockCheckModule from './vscode/clockCheck';

// Set by esbuild's banner as the bundle's first statement; absent when run unbundled (tests).
declare const __warroomModuleStart: number | undefined;
const moduleLoadStart = typeof __warroomModuleStart === 'number' ? __warroomModuleStart : performance.now();
const moduleEvaluated = performance.now();

type FeatureFactories = typeof Features.FEATURES;

/** What `activate` returns: available to other extensions. */
export interface WarRoomApi {
  readonly model: IncidentModel;
  readonly tree: IncidentsTreeProvider;
  readonly registerIncidentSection: (section: IncidentSection) => vscode.Disposable;
  /** Resolves once every folder's store has been read the first time and the features have started. */
  readonly ready: Promise<void>;
  /** What each feature exposes (see Feature.api), by feature name, once `ready` has resolved. */
  readonly features: FeatureApis<FeatureFactories, 'api'>;
}

/** Hooks for the integration tests and benchmarks, never in the shipped API. */
export interface WarRoomTestHooks {
  /** Evaluating the bundle plus running activate(), in ms: the extension's own share of activation. */
  readonly activationMs: number;
  /** How long the features took to load and start on the tick after activation, once `ready` has resolved. */
  readonly featuresStartMs: () => number | undefined;
  /** Each feature's test hooks (see Feature.testApi), by feature name, once `ready` has resolved. */
  readonly features: FeatureApis<FeatureFactories, 'testApi'>;
  /** How often an outcome the Get started walkthrough ticks on happened in this window (gettingStarted.ts). */
  readonly gettingStarted: (outcome: string) => number;
  /** The clock check, once a server has answered (made on the first reading). */
  readonly clock: () => ClockCheck | undefined;
}

/** What `activate` returns when the test harness runs the extension (it sets WARROOM_TEST_SCENARIO). */
export interface WarRoomUnderTest extends WarRoomApi {
  readonly test: WarRoomTestHooks;
}

export function activate(context: vscode.ExtensionContext): WarRoomApi {
  const activateStart = performance.now();
  const log = createLog();
  const model = new IncidentModel(log);
  const tree = new IncidentsTreeProvider(model);
  const treeView = vscode.window.createTreeView('warroom.incidents', { treeDataProvider: tree, showCollapseAll: true });
  const statusBar = new IncidentStatusBar(model);
  const actions = new IncidentActions(model, () => statusBar.current()?.incident.id);
  const declared = new vscode.EventEmitter<IncidentRef>();
  // One registry for the window, made here so every feature and the API share it.
  const senders = new UpdateSenderRegistry();
  const presence = new PresenceRegistry();
  const drafters = new UpdateDrafterSlot();
  let rotations: OncallFiles | undefined;
  let clock: ClockCheck | undefined;
  const featureContext: FeatureContext = {
    extension: context,
    log,
    model,
    tree,
    senders,
    presence,
    drafters,
    // Required on first use, as the features are: the rotation reader is not on the activation path.
    rotations: () =>
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      (rotations ??= new (require('./vscode/oncall/oncallFiles') as typeof OncallFilesModule).OncallFiles(() => new Date())),
    currentIncident: () => statusBar.current(),
    onDidDeclare: declared.event,
    // Made on the first server's answer: a window with no integration never loads it.
    clock: (reading) =>
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      (clock ??= new (require('./vscode/clockCheck') as typeof ClockCheckModule).ClockCheck(log)).observe(reading),
  };
  // Required, not imported: esbuild then evaluates the features' modules only when this runs.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const features = new DeferredFeatures(featureContext, () => (require('./vscode/features') as typeof Features).FEATURES);
  const packageJson = context.extension.packageJSON as { contributes: { commands: { command: string }[] } };

  const focusIncident = async (arg?: unknown) => {
    const id = incidentIdOf(arg) ?? statusBar.current()?.incident.id;
    if (!id) {
      return;
    }
    statusBar.focus(id);
    await vscode.commands.executeCommand('warroom.incidents.focus');
    const node = tree.incidentNode(id) ?? (await tree.findIncidentNode(id));
    if (node) {
      await treeView.reveal(node, { select: true, focus: true, expand: true });
    }
  };

  context.subscriptions.push(
    log,
    model,
    tree,
    treeView,
    statusBar,
    declared,
    features,
    // After the features: their composers stop listening before the registry goes.
    senders,
    { dispose: () => rotations?.dispose() },
    { dispose: () => clock?.dispose() },
    presence,
    drafters,
    ...PANEL_VIEW_TYPES.map((viewType) => vscode.window.registerWebviewPanelSerializer(viewType, features.serializerFor(viewType))),
    model.onDidChange(() => {
      const incidents = model.all().map((r) => r.incident);
      void vscode.commands.executeCommand(
        'setContext',
        'warroom.hasActiveIncident',
        incidents.some((i) => i.status !== 'resolved'),
      );
      void vscode.commands.executeCommand(
        'setContext',
        'warroom.hasResolvedIncident',
        incidents.some((i) => i.status === 'resolved'),
      );
    }),
    // The Get started walkthrough ticks its steps on what was written (see gettingStarted.ts).
    model.onDidWrite(wrote),
    treeView.onDidChangeSelection((e) => {
      const id = e.selection[0]?.incidentId;
      if (id) {
        statusBar.focus(id);
      }
    }),
    ...registerCommandTable(
      withFeatureStubs({
        'warroom.declareIncident': declareCommand(model, context.workspaceState, (id) => {
          statusBar.focus(id);
          tree.refresh();
          const ref = model.find(id);
          if (ref) {
            declared.fire(ref);
          }
        }),
        'warroom.setSeverity': actions.setSeverity,
        'warroom.setStatus': actions.setStatus,
        'warroom.assignRole': actions.assignRole,
        'warroom.addNote': actions.addNote,
        'warroom.resolveIncident': actions.resolve,
        'warroom.reopenIncident': actions.reopen,
        'warroom.focusIncident': focusIncident,
        'warroom.refresh': () => model.reloadFolders(),
        'warroom.showLog': () => log.show(),
      }),
      log,
    ),
  );

  function withFeatureStubs(core: CommandTable): CommandTable {
    const featureIds = packageJson.contributes.commands.map((c) => c.command).filter((id) => !(id in core));
    return { ...core, ...features.commandStubs(featureIds) };
  }

  const storesRead = model.reloadFolders().catch((error) => {
    log.error('Could not read the incident stores', error);
    void vscode.window
      .showErrorMessage('War Room could not read its incident files. See the log.', 'Show Log')
      .then((choice) => choice && log.show());
  });
  const ready = Promise.all([storesRead, features.loaded]).then(() => undefined);
  // Opt-in (the demo workspace sets it): a real user's start-up never has its focus taken.
  if (vscode.workspace.getConfiguration('warroom').get<boolean>('revealOnStartup')) {
    void ready
      .then(async () => {
        const id = statusBar.current()?.incident.id;
        if (id) {
          await vscode.commands.executeCommand('warroom.openTimeline', { incidentId: id });
          await focusIncident({ incidentId: id });
        }
      })
      .catch((error) => log.error('Could not show the active incident on start-up', error));
  }
  const activationMs = moduleEvaluated - moduleLoadStart + (performance.now() - activateStart);
  // The path tells which copy runs: an installed VSIX or a development folder.
  log.info(`War Room ${context.extension.packageJSON.version} activated in ${activationMs.toFixed(1)} ms from ${context.extensionPath}`);
  const api: WarRoomApi = {
    model,
    tree,
    registerIncidentSection: (s) => tree.registerSection(s),
    ready,
    // Filled in by name as the features start; each holds what its factory's type says.
    features: features.apis as WarRoomApi['features'],
  };
  if (process.env.WARROOM_TEST_SCENARIO === undefined) {
    return api;
  }
  const test: WarRoomTestHooks = {
    activationMs,
    featuresStartMs: () => features.startMs,
    features: features.testApis as WarRoomTestHooks['features'],
    gettingStarted: timesHappened,
    clock: () => clock,
  };
  const underTest: WarRoomUnderTest = { ...api, test };
  return underTest;
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
