// The runbooks of every workspace folder: one RunbookIndex each, built on first need (not at
// activation), kept current by a file watcher, with parse problems and staleness as diagnostics.
// Every index parses on one shared worker thread, started with the first and stopped with the
// catalog: a folder added or a globs setting changed re-indexes on a thread already warm, and the
// indexes such a change replaces leave no thread behind.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { RunbookIndex } from '../../adapters/runbooks/runbookIndex';
import type { WorkerParser } from '../../adapters/runbooks/workerParser';
import type { Runbook, Staleness } from '../../core/runbooks';
import { gitAdapter, runbooksAdapter } from '../lazyAdapters';
import { Disposable } from '../lifecycle';
import { runbookGlobs } from './settings';
import { count } from '../../core/text/count';

export interface FolderRunbooks {
  readonly folder: vscode.WorkspaceFolder;
  readonly index: RunbookIndex;
  /** By runbookKey; only runbooks git knows and found stale are here. */
  readonly stale: ReadonlyMap<string, Staleness>;
}

/** Paths the runbook index may hold (it checks its globs itself). */
const RUNBOOK_FILE = /\.(md|markdown|ya?ml|json)$/i;

/** Identifies a runbook across files: ids are unique only within their file. */
export const runbookKey = (runbook: Pick<Runbook, 'file' | 'id'>): string => `${runbook.file}#${runbook.id}`;

class FolderState implements FolderRunbooks {
  stale = new Map<string, Staleness>();
  readonly ready: Promise<void>;
  constructor(
    readonly folder: vscode.WorkspaceFolder,
    readonly index: RunbookIndex,
    refresh: (state: FolderState) => Promise<void>,
  ) {
    this.ready = refresh(this);
  }
}

export class RunbookCatalog extends Disposable {
  private readonly folders = new Map<string, FolderState>();
  /** The worker every folder's index parses on (see the top of this file). */
  private parser: WorkerParser | undefined;
  private readonly changeEmitter = this.register(new vscode.EventEmitter<void>());
  readonly onDidChange = this.changeEmitter.event;
  private readonly diagnostics = this.register(vscode.languages.createDiagnosticCollection('warroom-runbooks'));
  private watcher: vscode.FileSystemWatcher | undefined;
  private readonly pending = new Map<string, NodeJS.Timeout>();
  private stalenessTimer: NodeJS.Timeout | undefined;

  constructor(private readonly log: vscode.LogOutputChannel) {
    super();
    this.register([
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('warroom.runbooks.globs') && this.folders.size > 0) {
          this.reset();
          void this.ensureAll();
        }
      }),
      vscode.workspace.onDidChangeWorkspaceFolders(() => {
        if (this.folders.size > 0) {
          this.reset();
          void this.ensureAll();
        }
      }),
      // Staleness reads git history, which waits for trust (see assessAll).
      vscode.workspace.onDidGrantWorkspaceTrust(() => this.scheduleStaleness()),
    ]);
  }

  /** The folder's runbooks if indexed already; otherwise starts indexing and returns undefined. */
  peek(folder: vscode.WorkspaceFolder): FolderRunbooks | undefined {
    const state = this.state(folder);
    return this.settled.has(folder.uri.toString()) ? state : undefined;
  }

  private readonly settled = new Set<string>();

  /**
   * Re-reads any of these runbook files that no longer exist. VS Code drops a create and a delete
   * that fall in one coalescing window, so a file indexed by another event's re-walk can vanish with
   * no event at all; checking the few files a view is about to show costs a stat each.
   */
  recheckShown(folder: vscode.WorkspaceFolder, files: readonly string[]): void {
    const state = this.folders.get(folder.uri.toString());
    const gone = [...new Set(files)].filter((file) => !fs.existsSync(path.join(folder.uri.fsPath, file)));
    if (!state || gone.length === 0) {
      return;
    }
    // At once, not through fileChanged's debounce: views re-render often enough to starve it.
    void Promise.all(gone.map((file) => state.index.updateFile(file)))
      .then((changed) => {
        if (changed.some(Boolean)) {
          this.publish(state);
          this.changeEmitter.fire();
        }
      })
      .catch((error) => this.log.error(`Could not forget deleted runbooks in ${folder.name}`, error));
  }

  /** The folder's runbooks, indexing them first if needed. */
  async get(folder: vscode.WorkspaceFolder): Promise<FolderRunbooks> {
    const state = this.state(folder);
    await state.ready;
    return state;
  }

  async ensureAll(): Promise<FolderRunbooks[]> {
    return Promise.all((vscode.workspace.workspaceFolders ?? []).map((f) => this.get(f)));
  }

  /** Finds a runbook by file (preferred) or id in a folder. */
  async find(folder: vscode.WorkspaceFolder, id: string, file?: string): Promise<Runbook | undefined> {
    const { index } = await this.get(folder);
    const all = index.runbooks;
    return all.find((r) => r.id === id && (file === undefined || r.file === file)) ?? all.find((r) => r.id === id);
  }

  private state(folder: vscode.WorkspaceFolder): FolderState {
    const key = folder.uri.toString();
    let state = this.folders.get(key);
    if (!state) {
      this.watch();
      const adapter = runbooksAdapter();
      this.parser ??= new adapter.WorkerParser();
      const index = new adapter.RunbookIndex(folder.uri.fsPath, runbookGlobs(folder), { parser: this.parser });
      state = new FolderState(folder, index, async (s) => {
        const started = performance.now();
        try {
          await s.index.refresh();
        } catch (error) {
          this.log.error(`Could not index runbooks in ${folder.name}`, error);
        }
        this.settled.add(key);
        this.log.info(
          `Indexed ${count(s.index.runbooks.length, 'runbook')} in ${count(s.index.files.length, 'file')} of ${folder.name} in ${(performance.now() - started).toFixed(0)} ms`,
        );
        this.publish(s);
        this.changeEmitter.fire();
        this.scheduleStaleness();
      });
      this.folders.set(key, state);
    }
    return state;
  }

  private watch(): void {
    if (this.watcher) {
      return;
    }
    // One watcher for all folders; each index drops paths outside its globs itself. It sees every
    // path, not only runbook extensions: a folder created or deleted with files in it (a copy, a
    // checkout) may come as one event for the folder alone, which then re-walks the folder.
    this.watcher = vscode.workspace.createFileSystemWatcher('**/*');
    const changed = (uri: vscode.Uri) => (RUNBOOK_FILE.test(uri.path) ? this.fileChanged(uri) : undefined);
    const createdOrDeleted = (uri: vscode.Uri) => (RUNBOOK_FILE.test(uri.path) ? this.fileChanged(uri) : this.pathAddedOrRemoved(uri));
    this.register([
      this.watcher,
      this.watcher.onDidCreate(createdOrDeleted),
      this.watcher.onDidChange(changed),
      this.watcher.onDidDelete(createdOrDeleted),
    ]);
  }

  private pathAddedOrRemoved(uri: vscode.Uri): void {
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    const state = folder && this.folders.get(folder.uri.toString());
    const rel = folder ? path.relative(folder.uri.fsPath, uri.fsPath).split(path.sep).join('/') : '';
    if (!folder || !state || /(^|\/)(\.git|\.warroom|node_modules)(\/|$)/.test(rel)) {
      return;
    }
    const key = `refresh:${folder.uri.toString()}`;
    clearTimeout(this.pending.get(key));
    this.pending.set(
      key,
      setTimeout(() => {
        this.pending.delete(key);
        void state.ready
          .then(async () => {
            // Stats every runbook file and parses only new or changed ones.
            const result = await state.index.refresh();
            if (result.parsed.length || result.removed.length) {
              this.publish(state);
              this.changeEmitter.fire();
              this.scheduleStaleness();
            }
          })
          .catch((error) => this.log.error(`Could not re-index runbooks in ${folder.name}`, error));
      }, 200),
    );
  }

  private fileChanged(uri: vscode.Uri): void {
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    const state = folder && this.folders.get(folder.uri.toString());
    if (!folder || !state) {
      return;
    }
    const rel = path.relative(folder.uri.fsPath, uri.fsPath).split(path.sep).join('/');
    clearTimeout(this.pending.get(uri.toString()));
    // Coalesce an editor's save bursts and a git checkout touching many files.
    this.pending.set(
      uri.toString(),
      setTimeout(() => {
        this.pending.delete(uri.toString());
        void state.ready
          .then(async () => {
            const changed = await state.index.updateFile(rel);
            if (changed) {
              this.publish(state);
              this.changeEmitter.fire();
              this.scheduleStaleness();
            }
          })
          .catch((error) => this.log.error(`Could not re-read runbook ${rel}`, error));
      }, 100),
    );
  }

  /** Problems and stale runbooks as diagnostics, one entry per file (a broken file hides no other). */
  private publish(state: FolderState): void {
    const byFile = new Map<string, vscode.Diagnostic[]>();
    const add = (file: string, d: vscode.Diagnostic) => byFile.set(file, [...(byFile.get(file) ?? []), d]);
    for (const problem of state.index.problems) {
      const line = Math.max(0, problem.line - 1);
      const column = Math.max(0, problem.column - 1);
      const d = new vscode.Diagnostic(
        new vscode.Range(line, column, line, Number.MAX_SAFE_INTEGER),
        problem.message,
        problem.severity === 'error' ? vscode.DiagnosticSeverity.Error : vscode.DiagnosticSeverity.Warning,
      );
      d.source = 'War Room runbooks';
      add(problem.file, d);
    }
    for (const runbook of state.index.runbooks) {
      const stale = state.stale.get(runbookKey(runbook));
      if (!stale?.stale) {
        continue;
      }
      const line = Math.max(0, runbook.position.line - 1);
      const d = new vscode.Diagnostic(
        new vscode.Range(line, Math.max(0, runbook.position.column - 1), line, Number.MAX_SAFE_INTEGER),
        `Runbook "${runbook.title}" may be stale: ${stale.reasons.map((r) => r.message).join('; ')}`,
        vscode.DiagnosticSeverity.Warning,
      );
      d.source = 'War Room runbooks';
      d.code = 'stale-runbook';
      add(runbook.file, d);
    }
    // Clear this folder's files first: a fixed file must lose its old entries.
    this.diagnostics.forEach((uri) => {
      if (vscode.workspace.getWorkspaceFolder(uri)?.uri.toString() === state.folder.uri.toString()) {
        this.diagnostics.delete(uri);
      }
    });
    for (const [file, list] of byFile) {
      this.diagnostics.set(vscode.Uri.joinPath(state.folder.uri, file), list);
    }
  }

  private scheduleStaleness(): void {
    clearTimeout(this.stalenessTimer);
    this.stalenessTimer = setTimeout(() => void this.assessAll(), 300);
  }

  /** Staleness needs git (a lazily loaded bundle): done after indexing, never blocking the tree. */
  async assessAll(): Promise<void> {
    if (!vscode.workspace.isTrusted) {
      return; // no git in an untrusted workspace: staleness stays unknown until it is trusted
    }
    let changed = false;
    for (const state of this.folders.values()) {
      await state.ready;
      const runbooks = state.index.runbooks;
      const files = [...new Set(runbooks.map((r) => r.file))];
      let changes;
      try {
        changes = await gitAdapter().runbookChanges(state.folder.uri.fsPath, files);
      } catch (error) {
        // Not a git repository, or no git: staleness is unknown, which is not an error for the user.
        this.log.debug(`No staleness check in ${state.folder.name}: ${error instanceof Error ? error.message : String(error)}`);
        continue;
      }
      const stale = new Map<string, Staleness>();
      for (const runbook of runbooks) {
        const since = changes.get(runbook.file);
        const assessed = since ? runbooksAdapter().assessStaleness(runbook, since) : undefined;
        if (assessed?.stale) {
          stale.set(runbookKey(runbook), assessed);
        }
      }
      const summary = (m: ReadonlyMap<string, Staleness>) => JSON.stringify([...m].map(([k, v]) => [k, v.reasons.map((r) => r.message)]));
      if (summary(stale) !== summary(state.stale)) {
        state.stale = stale;
        this.publish(state);
        changed = true;
      }
    }
    // Only on a difference: every fire re-renders the tree, and a re-render eats a click in progress.
    if (changed) {
      this.changeEmitter.fire();
    }
  }

  private reset(): void {
    this.folders.clear();
    this.settled.clear();
    this.diagnostics.clear();
  }

  /** Worker threads the runbook parser has started (tests: one for the catalog's life). */
  get parserThreadsStarted(): number {
    return this.parser?.threadsStarted ?? 0;
  }

  override dispose(): void {
    clearTimeout(this.stalenessTimer);
    for (const t of this.pending.values()) {
      clearTimeout(t);
    }
    this.parser?.dispose();
    super.dispose();
  }
}
