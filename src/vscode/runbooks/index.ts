// The runbooks feature: discovery (lazy, watched, problems as diagnostics), the "Runbooks" section
// under each incident, link / unlink, the walkthrough panel, running step commands safely (and a lens
// in the runbook file above each command that asks twice), and drafting a runbook from a resolved
// incident.
import * as vscode from 'vscode';
import { FeatureFactory } from '../feature';
import { BesideCode } from './besideCode';
import { RunbookCatalog } from './catalog';
import { RunbookCommandLenses } from './commandLenses';
import { CommandRunner } from './commandRunner';
import {
  linkRunbook,
  newRunbookFromIncident,
  openRunbook,
  openRunbookBesideCode,
  openRunbookStep,
  RunbookCommandServices,
  runRunbookCommand,
  unlinkRunbook,
} from './commands';
import { modalPrompts, RunPrompts } from './prompts';
import { runbooksSection } from './runbooksSection';
import { WALKTHROUGH_VIEW_TYPE, WalkthroughPanels } from './walkthroughPanel';

/** What the feature exposes under `features.runbooks`: the runbooks found in each folder. */
export interface RunbooksApi {
  readonly catalog: RunbookCatalog;
}

/** What the integration tests reach under `test.features.runbooks`. */
export interface RunbooksTestApi extends RunbooksApi {
  readonly panels: WalkthroughPanels;
  readonly beside: BesideCode;
  readonly runner: CommandRunner;
  /** Replaces the confirmation dialogs; returns a disposable that puts the modal ones back. */
  usePrompts(prompts: RunPrompts): vscode.Disposable;
}

export const runbooksFeature: FeatureFactory<RunbooksApi, RunbooksTestApi> = (context) => {
  const catalog = new RunbookCatalog(context.log);
  const runner = new CommandRunner(context.model, context.log, modalPrompts);
  const beside = new BesideCode(context.log);
  // The panels restore only once the incident stores were read; the model fires its first change then.
  const loaded = new Promise<void>((resolve) => {
    const once = context.model.onDidChange(() => {
      once.dispose();
      resolve();
    });
  });
  const panels = new WalkthroughPanels(
    {
      extensionUri: context.extension.extensionUri,
      log: context.log,
      model: context.model,
      catalog,
      runner,
      openBeside: async (ref, runbook, step) => {
        await beside.open(ref, runbook, step);
      },
    },
    loaded,
  );
  const api: RunbooksApi = { catalog };
  const testApi: RunbooksTestApi = {
    ...api,
    panels,
    beside,
    runner,
    usePrompts(prompts) {
      runner.prompts = prompts;
      return new vscode.Disposable(() => {
        runner.prompts = modalPrompts;
      });
    },
  };
  const services: RunbookCommandServices = {
    model: context.model,
    catalog,
    panels,
    runner,
    beside,
    focused: () => context.currentIncident()?.incident.id,
  };
  return {
    commands: {
      'warroom.linkRunbook': linkRunbook(services),
      'warroom.unlinkRunbook': unlinkRunbook(services),
      'warroom.openRunbook': openRunbook(services),
      'warroom.openRunbookStep': openRunbookStep(services),
      'warroom.runRunbookCommand': runRunbookCommand(services),
      'warroom.openRunbookBesideCode': openRunbookBesideCode(services),
      'warroom.newRunbookFromIncident': newRunbookFromIncident(services),
    },
    disposables: [
      catalog,
      new RunbookCommandLenses(catalog),
      runner,
      beside,
      panels,
      context.tree.registerSection(runbooksSection(catalog)),
      catalog.onDidChange(() => context.tree.refresh()),
    ],
    serializers: { [WALKTHROUGH_VIEW_TYPE]: panels.serializer },
    api,
    testApi,
  };
};
