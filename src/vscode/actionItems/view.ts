// The Action Items view: every incident's items, grouped overdue / open / done / won't do (or by
// owner, or by incident). A row's element carries {incidentId, itemId}, which is what the item
// commands read when invoked on it.
import * as vscode from 'vscode';
import { markdownLiteral } from '../../core/text/strings';
import {
  ActionItemGrouping,
  describeActionItem,
  groupActionItems,
  TrackedActionItem,
  trackActionItems,
} from '../../core/learning/actionTracking';
import { IncidentModel } from '../incidentModel';
import { Disposable } from '../lifecycle';

export const ACTION_ITEMS_VIEW = 'warroom.actionItems';

export type ActionItemsNode =
  | { readonly kind: 'group'; readonly key: string; readonly label: string; readonly items: readonly TrackedActionItem[] }
  | { readonly kind: 'item'; readonly incidentId: string; readonly itemId: string; readonly item: TrackedActionItem };

const BUCKET_ICONS: Readonly<Record<TrackedActionItem['bucket'], vscode.ThemeIcon>> = {
  overdue: new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground')),
  open: new vscode.ThemeIcon('circle-large-outline'),
  done: new vscode.ThemeIcon('pass', new vscode.ThemeColor('testing.iconPassed')),
  wont_do: new vscode.ThemeIcon('circle-slash', new vscode.ThemeColor('disabledForeground')),
};

export class ActionItemsView extends Disposable implements vscode.TreeDataProvider<ActionItemsNode> {
  private readonly changeEmitter = this.register(new vscode.EventEmitter<ActionItemsNode | undefined>());
  readonly onDidChangeTreeData = this.changeEmitter.event;
  private grouping: ActionItemGrouping = 'status';

  constructor(
    private readonly model: IncidentModel,
    private readonly now: () => Date,
  ) {
    super();
    this.register(model.onDidChange(() => this.refresh()));
    void vscode.commands.executeCommand('setContext', 'warroom.actionItemsGrouping', this.grouping);
  }

  get groupedBy(): ActionItemGrouping {
    return this.grouping;
  }

  groupBy(grouping: ActionItemGrouping): void {
    this.grouping = grouping;
    void vscode.commands.executeCommand('setContext', 'warroom.actionItemsGrouping', grouping);
    this.refresh();
  }

  refresh(): void {
    this.changeEmitter.fire(undefined);
  }

  items(): TrackedActionItem[] {
    return trackActionItems(
      this.model.all().map((r) => r.incident),
      this.now(),
    );
  }

  getChildren(node?: ActionItemsNode): ActionItemsNode[] {
    if (!node) {
      return groupActionItems(this.items(), this.grouping).map((g) => ({ kind: 'group', ...g }));
    }
    return node.kind === 'group' ? node.items.map((item) => ({ kind: 'item', incidentId: item.incidentId, itemId: item.id, item })) : [];
  }

  getTreeItem(node: ActionItemsNode): vscode.TreeItem {
    if (node.kind === 'group') {
      const row = new vscode.TreeItem(node.label, vscode.TreeItemCollapsibleState.Expanded);
      row.id = `group:${this.grouping}:${node.key}`;
      row.description = String(node.items.length);
      row.contextValue = `actionGroup;${this.grouping}`;
      if (this.grouping === 'status' && node.key === 'overdue') {
        row.iconPath = BUCKET_ICONS.overdue;
      }
      return row;
    }
    const { item } = node;
    const row = new vscode.TreeItem(item.title, vscode.TreeItemCollapsibleState.None);
    row.id = `item:${this.grouping}:${item.id}`;
    row.iconPath = BUCKET_ICONS[item.bucket];
    row.description = describeActionItem(item);
    row.contextValue = `actionItem;${item.bucket}${item.aiGenerated ? ';ai' : ''}${item.sha ? ';sha' : ''}`;
    const tooltip = new vscode.MarkdownString(undefined, false);
    tooltip.appendMarkdown(`**${item.id}** · ${item.kind}${item.aiGenerated ? ' · proposed by AI, not yet accepted' : ''}\n\n`);
    tooltip.appendMarkdown(markdownLiteral(`${item.title}\n\nFrom ${item.incidentId} ${item.incidentTitle}\n${describeActionItem(item)}`));
    for (const link of item.links ?? []) {
      tooltip.appendMarkdown(markdownLiteral(`\n${link}`));
    }
    row.tooltip = tooltip;
    row.command = { title: 'Open', command: 'warroom.openActionItem', arguments: [{ incidentId: item.incidentId, itemId: item.id }] };
    return row;
  }
}
