// "Open beside code": the runbook file at the step's line, in the column beside the suspect file
// from correlation (when that feature offers one) or the code the responder was last looking at.
import * as vscode from 'vscode';
import { Runbook } from '../../core/runbooks';
import { featureApi } from '../featureApis';
import { IncidentRef } from '../incidentModel';

/** What correlation may expose on its feature api; read at call time, so load order does not matter. */
interface SuspectFileApi {
  topSuspectFile(incidentId: string): Promise<vscode.Uri | string | undefined> | vscode.Uri | string | undefined;
}

function hasSuspectFile(api: unknown): api is SuspectFileApi {
  return typeof api === 'object' && api !== null && typeof (api as { topSuspectFile?: unknown }).topSuspectFile === 'function';
}

export interface BesideResult {
  readonly code?: vscode.Uri;
  readonly codeColumn?: vscode.ViewColumn;
  readonly runbook: vscode.Uri;
  readonly runbookColumn?: vscode.ViewColumn;
  readonly from: 'suspect' | 'editor' | 'none';
}

export class BesideCode implements vscode.Disposable {
  /** The last text editor that had focus: with the walkthrough focused there is no active editor. */
  private lastCode: vscode.Uri | undefined;
  private readonly subscription: vscode.Disposable;
  last: BesideResult | undefined;

  constructor(private readonly log: vscode.LogOutputChannel) {
    this.lastCode = vscode.window.activeTextEditor?.document.uri;
    this.subscription = vscode.window.onDidChangeActiveTextEditor((e) => {
      if (e && e.document.uri.scheme === 'file') {
        this.lastCode = e.document.uri;
      }
    });
  }

  private async suspectFile(ref: IncidentRef): Promise<vscode.Uri | undefined> {
    const correlation = featureApi('correlation');
    if (!hasSuspectFile(correlation)) {
      return undefined;
    }
    try {
      const file = await correlation.topSuspectFile(ref.incident.id);
      return typeof file === 'string' ? vscode.Uri.joinPath(ref.folder.uri, file) : file;
    } catch (error) {
      this.log.warn(`No suspect file from correlation: ${error instanceof Error ? error.message : String(error)}`);
      return undefined;
    }
  }

  async open(ref: IncidentRef, runbook: Runbook, stepId: string): Promise<BesideResult> {
    const step = runbook.steps.find((s) => s.id === stepId);
    const runbookUri = vscode.Uri.joinPath(ref.folder.uri, runbook.file);
    const suspect = await this.suspectFile(ref);
    const runbookFsPath = runbookUri.fsPath;
    const code = suspect ?? (this.lastCode?.fsPath !== runbookFsPath ? this.lastCode : undefined);
    let codeColumn: vscode.ViewColumn | undefined;
    if (code) {
      const editor = await vscode.window.showTextDocument(code, { viewColumn: vscode.ViewColumn.One, preview: false });
      codeColumn = editor.viewColumn;
    }
    const line = Math.max(0, (step?.position.line ?? runbook.position.line) - 1);
    const column = Math.max(0, (step?.position.column ?? 1) - 1);
    const document = await vscode.workspace.openTextDocument(runbookUri);
    const editor = await vscode.window.showTextDocument(document, {
      viewColumn: vscode.ViewColumn.Beside,
      preview: false,
      selection: new vscode.Range(line, column, line, column),
    });
    editor.revealRange(new vscode.Range(line, 0, line, 0), vscode.TextEditorRevealType.AtTop);
    this.last = {
      ...(code ? { code, codeColumn } : {}),
      runbook: runbookUri,
      runbookColumn: editor.viewColumn,
      from: suspect ? 'suspect' : code ? 'editor' : 'none',
    };
    return this.last;
  }

  dispose(): void {
    this.subscription.dispose();
  }
}
