// Action items to closure: the Action Items view, add / change / close / reopen / accept, closure
// by `Closes-Action:` commits on the default branch, CodeLenses on the lines items name, and
// escalation (a digest of long-overdue items, and a once-a-day nudge on window focus).
import * as vscode from 'vscode';
import { ActionItemGrouping, overdueByOwner, trackActionItems } from '../../core/learning/actionTracking';
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

  // At most once a day, on focus: how many items each owner has overdue.
  const nudge = async (): Promise<void> => {
    const day = now().toISOString().slice(0, 10);
    if (context.extension.globalState.get<string>(LAST_NUDGE_KEY) === day) {
      return;
    }
    const counts = overdueByOwner(
      trackActionItems(
        model.all().map((r) => r.incident),
        now(),
      ),
    );
    if (counts.size === 0) {
      return;
    }
    await context.extension.globalState.update(LAST_NUDGE_KEY, day);
    const text = [...counts].map(([owner, n]) => `${owner}: ${n}`).join(', ');
    const choice = await vscode.window.showWarningMessage(`War Room: overdue action items (${text}).`, 'Show Digest', 'Show Action Items');
    if (choice === 'Show Digest') {
      await actionItemsDigest(deps);
    } else if (choice === 'Show Action Items') {
      await vscode.commands.executeCommand(`${ACTION_ITEMS_VIEW}.focus`);
    }
  };

  const testApi: ActionItemsTestApi = { view, scan: () => scanner.scan() };
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
      'warroom.importPostmortem': (arg?: unknown) => importPostmortem(model, arg),
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
