// Each folder's `.warroom/oncall.yaml`, read on first use and again when it changes; its problems
// (syntax, coverage gaps, DST hand-offs ...) go to the Problems view at their lines.
import * as vscode from 'vscode';
import type { LoadedOncall } from '../../adapters/oncall';
import { ONCALL_FILE } from '../../core/oncall/model';
import { OncallResolver } from '../../core/oncall/resolve';
import { oncallAdapter } from '../lazyAdapters';
import { Disposable } from '../lifecycle';

export interface FolderOncall {
  readonly loaded: LoadedOncall;
  readonly resolver: OncallResolver;
}

export class OncallFiles extends Disposable {
  private readonly cache = new Map<string, FolderOncall | null>();
  private readonly diagnostics = this.register(vscode.languages.createDiagnosticCollection('warroom.oncall'));
  private readonly changed = this.register(new vscode.EventEmitter<vscode.WorkspaceFolder>());
  readonly onDidChange = this.changed.event;

  /** One per window (FeatureContext.rotations): every reader shares its cache and its Problems entries. */
  constructor(private readonly now: () => Date) {
    super();
    const watcher = this.register(vscode.workspace.createFileSystemWatcher(`**/${ONCALL_FILE}`));
    const changed = (uri: vscode.Uri) => {
      const folder = vscode.workspace.getWorkspaceFolder(uri);
      if (!folder) return;
      this.cache.delete(folder.uri.toString());
      this.get(folder);
      this.changed.fire(folder);
    };
    this.register([watcher.onDidCreate(changed), watcher.onDidChange(changed), watcher.onDidDelete(changed)]);
  }

  /** The folder's rotations, undefined when it has no rotation file. */
  get(folder: vscode.WorkspaceFolder): FolderOncall | undefined {
    const key = folder.uri.toString();
    const cached = this.cache.get(key);
    if (cached !== undefined) return cached ?? undefined;
    const uri = vscode.Uri.joinPath(folder.uri, ONCALL_FILE);
    const loaded = folder.uri.scheme === 'file' ? oncallAdapter().readOncallFile(folder.uri.fsPath, this.now()) : undefined;
    this.report(uri, loaded);
    const value = loaded ? { loaded, resolver: new OncallResolver(loaded.config) } : null;
    this.cache.set(key, value);
    return value ?? undefined;
  }

  private report(uri: vscode.Uri, loaded: LoadedOncall | undefined): void {
    this.diagnostics.set(
      uri,
      (loaded?.problems ?? []).map((p) => {
        const at = new vscode.Position(Math.max(0, p.line - 1), Math.max(0, p.column - 1));
        const d = new vscode.Diagnostic(
          new vscode.Range(at, at.translate(0, 1)),
          p.message,
          p.severity === 'error' ? vscode.DiagnosticSeverity.Error : vscode.DiagnosticSeverity.Warning,
        );
        d.source = 'War Room on-call';
        return d;
      }),
    );
  }

  problems(folder: vscode.WorkspaceFolder): readonly vscode.Diagnostic[] {
    return this.diagnostics.get(vscode.Uri.joinPath(folder.uri, ONCALL_FILE)) ?? [];
  }
}
