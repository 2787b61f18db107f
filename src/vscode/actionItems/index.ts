// Action items to closure: the Action Items view, add / change / close / reopen / accept, closure
// by `Closes-Action:` commits on the default branch, CodeLenses on the lines items name, and
// escalation (a digest of long-overdue items, and a once-a-day nudge on window focus).
import * as vscode from 'vscode';
import { ActionItemGrouping, OverdueNudge, overdueNudges, trackActionItems } from '../../core/learning/actionTracking';
import { localUtcOffsetMinutes } from '../localZone';
import { ModalChoice, modalChoice } from '../modalChoice';
import { Replaceable } from '../replaceable';
import { FeatureFactory } from '../feature';
import { ActionItemLenses } from './codeLens';
import { ClosureScanner } from './closures';
import {
  acceptActionItem,
  actionItemsDigest,
  ActionItemDeps,
  addActionItem,
  changeActionItem,
  closeActionItem,
  openActionItem,
  reopenActionItem,
} from './commands';
import { importPostmortem } from './importPostmortem';
import { ACTION_ITEMS_VIEW, ActionItemsView } from './view';

/** Test hooks (`test.features.actionItems`): the view's nodes and a scan on demand, both internals. */
export interface ActionItemsTestApi {
  readonly view: ActionItemsView;
  /** Scans for Closes-Action commits now; resolves with how many items it closed. */
  scan(): Promise<number>;
  /**
   * Runs the on-focus nudge as if the window gained focus at `at` (default now): what it showed,
   * or undefined when it had already shown today or nothing is overdue. The once-a-day record is
   * the real one, in the global state.
   */
  nudge(at?: Date): Promise<readonly string[] | undefined>;
  /** Replaces the modal questions (Import Postmortem's "imported already"); the disposable puts the modal ones back. */
  usePrompts(prompts: ModalChoice): vscode.Disposable;
}

const LAST_NUDGE_KEY = 'warroom.actionItems.lastNudge';

const overdueDays = (): number => vscode.workspace.getConfiguration('warroom').get<number>('actionItems.overdueDays') ?? 7;

export const actionItemsFeature: FeatureFactory<undefined, ActionItemsTestApi> = (context) => {
  const { model } = context;
  const now = () => new Date();
  const deps: ActionItemDeps = { model, now, overdueDays, focused: () => context.currentIncident()?.incident.id };
  const view = new ActionItemsView(model, now);
  const scanner = new ClosureScanner(model, context.log);
  const lenses = new ActionItemLenses(model, now);

  // Once the stores are read (the model's first change), then whenever a folder's refs move.
  const firstLoad = model.onDidChange(() => {
    firstLoad.dispose();
    scanner.schedule();
  });

  // At most once a day (the user's local day, across windows: global state), on focus: a notification
  // per owner's overdue count, the user's own first. The rule is core's overdueNudges.
  const show = (nudge: OverdueNudge): void => {
    const buttons = nudge.mine ? ['Show Digest', 'Show Action Items'] : ['Show Action Items'];
    void vscode.window.showWarningMessage(`War Room: ${nudge.message}`, ...buttons).then(async (choice) => {
      if (choice === 'Show Digest') {
        await actionItemsDigest(deps);
      } else if (choice === 'Show Action Items') {
        await vscode.commands.executeCommand(`${ACTION_ITEMS_VIEW}.focus`);
      }
    });
  };
  let nudging: Promise<readonly string[] | undefined> | undefined;
  const nudge = (at = now()): Promise<readonly string[] | undefined> =>
    // Focus can flicker: one nudge at a time, so two focus events never both pass the once-a-day check.
    (nudging ??= (async () => {
      try {
        const me = await Promise.all((vscode.workspace.workspaceFolders ?? []).map((f) => model.userName(f).catch(() => '')));
        const due = overdueNudges(
          trackActionItems(
            model.all().map((r) => r.incident),
            at,
          ),
          { now: at, utcOffsetMinutes: localUtcOffsetMinutes(at), lastDay: context.extension.globalState.get<string>(LAST_NUDGE_KEY), me },
        );
        if (!due) {
          return undefined;
        }
        await context.extension.globalState.update(LAST_NUDGE_KEY, due.day);
        due.nudges.forEach(show);
        return due.nudges.map((n) => n.message);
      } finally {
        nudging = undefined;
      }
    })());

  const prompts = new Replaceable<ModalChoice>(modalChoice);
  const testApi: ActionItemsTestApi = {
    view,
    scan: () => scanner.scan(),
    nudge,
    usePrompts: (replacement) => prompts.use(replacement),
  };
  return {
    commands: {
      'warroom.addActionItem': (arg?: unknown) => addActionItem(deps, arg),
      'warroom.changeActionItem': (arg?: unknown) => changeActionItem(deps, arg),
      'warroom.closeActionItem': (arg?: unknown) => closeActionItem(deps, arg),
      'warroom.reopenActionItem': (arg?: unknown) => reopenActionItem(deps, arg),
      'warroom.acceptActionItem': (arg?: unknown) => acceptActionItem(deps, arg),
      'warroom.openActionItem': (arg?: unknown) => openActionItem(deps, arg),
      'warroom.actionItemsDigest': () => actionItemsDigest(deps),
      'warroom.scanActionClosures': () => scanner.scan(),
      'warroom.importPostmortem': (arg?: unknown) => importPostmortem({ model, prompts: prompts.current }, arg),
      'warroom.groupActionItemsBy': async (arg?: unknown) => {
        const grouping =
          arg === 'status' || arg === 'owner' || arg === 'incident'
            ? arg
            : (
                await vscode.window.showQuickPick(
                  (['status', 'owner', 'incident'] as const).map((g) => ({ label: `By ${g}`, grouping: g, picked: g === view.groupedBy })),
                  { placeHolder: 'Group action items' },
                )
              )?.grouping;
        if (grouping) {
          view.groupBy(grouping as ActionItemGrouping);
        }
      },
    },
    disposables: [
      view,
      scanner,
      lenses,
      firstLoad,
      vscode.window.createTreeView(ACTION_ITEMS_VIEW, { treeDataProvider: view, showCollapseAll: true }),
      vscode.window.onDidChangeWindowState((state) => {
        if (state.focused) {
          void nudge();
        }
      }),
    ],
    testApi,
  };
};
