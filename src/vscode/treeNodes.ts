// Plain data for tree rows. Feature modules contribute sections under an incident by returning
// these; they never touch the tree provider itself.
import * as vscode from 'vscode';
import { Incident } from '../core/incident';

export interface TreeNode {
  /** Stable across refreshes, so expansion and selection survive. */
  readonly id: string;
  readonly label: string | vscode.TreeItemLabel;
  readonly description?: string;
  readonly tooltip?: string | vscode.MarkdownString;
  /** Description and tooltip as of now, when they change with time alone: called each time the row is drawn. */
  readonly describeNow?: () => { readonly description?: string; readonly tooltip?: string | vscode.MarkdownString };
  readonly icon?: vscode.ThemeIcon;
  /** Flag-style (`incident;active;sev1`) so `when` clauses can match with regular expressions. */
  readonly contextValue?: string;
  readonly command?: vscode.Command;
  readonly resourceUri?: vscode.Uri;
  readonly expanded?: boolean;
  /** Present when the row expands. */
  readonly children?: () => TreeNode[] | Promise<TreeNode[]>;
  /** What commands invoked on this row act on. */
  readonly incidentId?: string;
  readonly folder?: vscode.WorkspaceFolder;
  readonly data?: unknown;
}

export interface IncidentSection {
  /** Sections appear under each incident in registration order (or right after the section `after` names). */
  readonly id: string;
  /** The id of the section this one follows (a feature's rows beside another's), when registered. */
  readonly after?: string;
  nodes(incident: Incident, folder: vscode.WorkspaceFolder): TreeNode | undefined;
}

/** The row VS Code draws for a node (the Incidents and Incoming views share it). */
export function treeItemOf(node: TreeNode): vscode.TreeItem {
  const state = node.children
    ? node.expanded
      ? vscode.TreeItemCollapsibleState.Expanded
      : vscode.TreeItemCollapsibleState.Collapsed
    : vscode.TreeItemCollapsibleState.None;
  const item = new vscode.TreeItem(node.label, state);
  item.id = node.id;
  const now = node.describeNow?.();
  item.description = now ? now.description : node.description;
  item.tooltip = now ? now.tooltip : node.tooltip;
  item.iconPath = node.icon;
  item.contextValue = node.contextValue;
  item.command = node.command;
  item.resourceUri = node.resourceUri;
  return item;
}
