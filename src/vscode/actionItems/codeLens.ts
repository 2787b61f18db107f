// A CodeLens above each line an open action item names by `path:line`, so the code it is about
// says so where it is read.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { describeActionItem, fileLineOf, trackActionItems } from '../../core/learning/actionTracking';
import { IncidentModel } from '../incidentModel';
import { Disposable } from '../lifecycle';

export class ActionItemLenses extends Disposable implements vscode.CodeLensProvider {
  private readonly changeEmitter = this.register(new vscode.EventEmitter<void>());
  readonly onDidChangeCodeLenses = this.changeEmitter.event;

  constructor(
    private readonly model: IncidentModel,
    private readonly now: () => Date,
  ) {
    super();
    this.register([
      model.onDidChange(() => this.changeEmitter.fire()),
      vscode.languages.registerCodeLensProvider({ scheme: 'file' }, this),
    ]);
  }

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    const folder = vscode.workspace.getWorkspaceFolder(document.uri);
    if (!folder) {
      return [];
    }
    const relative = path.relative(folder.uri.fsPath, document.uri.fsPath).split(path.sep).join('/');
    const refs = this.model.all().filter((r) => r.folder.uri.toString() === folder.uri.toString());
    const lenses: vscode.CodeLens[] = [];
    for (const item of trackActionItems(
      refs.map((r) => r.incident),
      this.now(),
    )) {
      if (item.status !== 'open') {
        continue;
      }
      for (const link of item.links ?? []) {
        const at = fileLineOf(link);
        if (at?.file === relative && at.line <= document.lineCount) {
          lenses.push(
            new vscode.CodeLens(document.lineAt(at.line - 1).range, {
              title: `Action item ${item.id}: ${item.title} (${describeActionItem(item)})`,
              command: 'warroom.openTimeline',
              arguments: [{ incidentId: item.incidentId }],
            }),
          );
        }
      }
    }
    return lenses;
  }
}
