// The incidents of every workspace folder, kept current from disk. Each folder has its own store;
// a file watcher picks up events appended by other windows, processes and `git pull` without a
// reload, and a light check of the files' size and mtime catches what a watcher drops. The tree, status bar and panels only listen to `onDidChange`.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import {
  EventToWrite,
  FileIncidentStore,
  LoadedIncident,
  StoreFileError,
  UnreadableIncident,
  unreadableIncident,
} from '../adapters/store/fileStore';
import { gitUserName } from '../adapters/identity/gitUser';
import { CoreEvent, EventBase, EventInput } from '../core/events';
import { Incident, isActive } from '../core/incident';
import { isIncidentId } from '../core/ids';
import { UserFacingError } from './commandRegistry';
import { config } from './config';
import { Disposable } from './lifecycle';

/** How often, while the window has focus, active incidents' files are checked for missed appends. */
const POLL_MS = 3000;

export interface FolderIncidents {
  readonly folder: vscode.WorkspaceFolder;
  /** Where this folder's incidents are kept (inside the folder: config.dataDir sees to it). */
  readonly dataDir: string;
  readonly incidents: ReadonlyMap<string, LoadedIncident>;
}

export interface IncidentRef {
  readonly folder: vscode.WorkspaceFolder;
  readonly incident: Incident;
}

class FolderState implements FolderIncidents {
  readonly incidents = new Map<string, LoadedIncident>();
  /** Each incident's events file as last read (size and mtime), to notice appends a watcher missed. */
  readonly seen = new Map<string, string>();
  /** Incidents the store would not read, by id: where their Problems entry is, to clear it later. */
  readonly unreadable = new Map<string, vscode.Uri>();
  readonly watcher: vscode.FileSystemWatcher;
  private user: Promise<string> | undefined;
  private dataDirWatcher: fs.FSWatcher | undefined;

  constructor(
    readonly folder: vscode.WorkspaceFolder,
    readonly store: FileIncidentStore,
  ) {
    // The data dir is inside the folder (config.dataDir sees to it), so the workspace watcher covers
    // it even before it exists.
    const relativeDataDir = path.relative(folder.uri.fsPath, store.dataDir).split(path.sep).join('/');
    this.watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(folder, `${relativeDataDir}/*/events.jsonl`));
  }

  get dataDir(): string {
    return this.store.dataDir;
  }

  /**
   * New incident folders (a teammate's incident arriving with git pull) may be reported by VS Code's
   * watcher as the folder alone, which the events.jsonl pattern does not match. One non-recursive
   * watch of the data dir itself sees them. Started once the data dir exists; a no-op before.
   */
  watchDataDir(onEntry: (name: string) => void): void {
    if (this.dataDirWatcher || !fs.existsSync(this.store.dataDir)) {
      return;
    }
    try {
      this.dataDirWatcher = fs.watch(this.store.dataDir, (_event, name) => name && onEntry(name.toString()));
      this.dataDirWatcher.on('error', () => this.dataDirWatcher?.close());
    } catch {
      // The folder went away between the check and the watch: VS Code's watcher still covers appends.
    }
  }

  userName(): Promise<string> {
    const configured = config.userName();
    if (configured) {
      return Promise.resolve(configured);
    }
    this.user ??= gitUserName(this.folder.uri.fsPath);
    return this.user;
  }

  dispose(): void {
    this.watcher.dispose();
    this.dataDirWatcher?.close();
  }
}

export class IncidentModel extends Disposable {
  private readonly folders = new Map<string, FolderState>();
  private readonly changeEmitter = this.register(new vscode.EventEmitter<void>());
  private readonly diagnostics = this.register(vscode.languages.createDiagnosticCollection('warroom'));
  private readonly pendingReloads = new Map<string, NodeJS.Timeout>();
  private readonly poll: NodeJS.Timeout;

  readonly onDidChange = this.changeEmitter.event;
  private readonly writeEmitter = this.register(new vscode.EventEmitter<readonly { readonly type: string }[]>());
  /** Events this window wrote (declared, appended), once written: what the Get started walkthrough ticks on. */
  readonly onDidWrite = this.writeEmitter.event;

  constructor(private readonly log: vscode.LogOutputChannel) {
    super();
    // File watchers drop events (network and container file systems, a watcher restarting): while
    // the window has focus, active incidents' files are checked every few seconds, and every
    // incident's when the window gains focus (a teammate's process or window may have written).
    this.poll = setInterval(() => {
      if (vscode.window.state.focused) {
        void this.checkFiles((incident) => isActive(incident));
      }
    }, POLL_MS);
    this.register([
      vscode.window.onDidChangeWindowState((state) => {
        if (state.focused) {
          void this.checkFiles(() => true);
        }
      }),
      vscode.workspace.onDidChangeWorkspaceFolders(() => void this.reloadFolders()),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('warroom.dataDir')) {
          void this.reloadFolders();
        }
      }),
    ]);
  }

  /** Reads every folder's store from scratch. */
  async reloadFolders(): Promise<void> {
    for (const state of this.folders.values()) {
      state.dispose();
    }
    this.folders.clear();
    this.diagnostics.clear();
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      const dataDir = config.dataDir(folder);
      if (dataDir.refused) {
        this.log.warn(dataDir.refused);
        void vscode.window.showWarningMessage(`War Room: ${dataDir.refused}`);
      }
      const state = new FolderState(folder, new FileIncidentStore(dataDir.dir));
      const reload = (uri: vscode.Uri) => this.scheduleReload(state, uri);
      state.watcher.onDidCreate(reload);
      state.watcher.onDidChange(reload);
      state.watcher.onDidDelete(reload);
      this.folders.set(folder.uri.toString(), state);
      try {
        const { incidents, unreadable } = await state.store.loadAll();
        for (const loaded of incidents) {
          this.put(state, loaded, await state.store.stamp(loaded.incident.id));
        }
        for (const failed of unreadable) {
          this.putUnreadable(state, failed);
        }
      } catch (error) {
        this.log.error(`Could not read incidents in ${state.store.dataDir}`, error);
        if (error instanceof StoreFileError) {
          this.diagnostics.set(vscode.Uri.file(error.file), [problem(0, error.reason, vscode.DiagnosticSeverity.Error)]);
        }
      }
      // Even after a bad read: the incidents that arrive later still show up.
      this.watchDataDir(state);
    }
    this.changeEmitter.fire();
  }

  folderStates(): readonly FolderIncidents[] {
    return [...this.folders.values()];
  }

  all(): IncidentRef[] {
    return [...this.folders.values()].flatMap((state) =>
      [...state.incidents.values()].map((loaded) => ({ folder: state.folder, incident: loaded.incident })),
    );
  }

  find(incidentId: string): IncidentRef | undefined {
    for (const state of this.folders.values()) {
      const loaded = state.incidents.get(incidentId);
      if (loaded) {
        return { folder: state.folder, incident: loaded.incident };
      }
    }
    return undefined;
  }

  folderState(folder: vscode.WorkspaceFolder): FolderIncidents | undefined {
    return this.folders.get(folder.uri.toString());
  }

  userName(folder: vscode.WorkspaceFolder): Promise<string> {
    const state = this.folders.get(folder.uri.toString());
    return state ? state.userName() : gitUserName(folder.uri.fsPath);
  }

  /**
   * Declares an incident in the folder's store, as the folder's user, and reads it at once. `then`:
   * events written with the declaration in the same write (an import's), read with it.
   * @returns the new incident's id
   */
  async declare(
    folder: vscode.WorkspaceFolder,
    declaration: EventInput<Extract<CoreEvent, { type: 'declared' }>>,
    now: Date,
    then: readonly EventToWrite[] = [],
  ): Promise<string> {
    const state = this.writable(folder);
    const id = await state.store.declare(declaration, await state.userName(), now, then);
    await this.reloadIncident(folder, id);
    this.writeEmitter.fire([declaration, ...then.map((e) => e.input)]);
    return id;
  }

  /**
   * The one write path: appends one event of any type (core, or a feature's own like `amended`) as
   * the folder's user, and re-reads the incident at once, so the tree and open panels follow without
   * waiting for the file watcher.
   * `eventId`: an id fixed by what the event records (an import), so a re-sync writes the same event.
   * @returns the event as written
   */
  async append<E extends EventBase = CoreEvent>(ref: IncidentRef, input: EventInput<E>, at?: Date, eventId?: string): Promise<E> {
    const state = this.writable(ref.folder);
    const event = await state.store.append<E>(ref.incident.id, input, await state.userName(), at, eventId);
    await this.reloadIncident(ref.folder, ref.incident.id);
    this.writeEmitter.fire([event]);
    return event;
  }

  /**
   * Appends several events in one write (see FileIncidentStore.appendAll) as the folder's user, and
   * re-reads the incident once.
   */
  async appendAll<E extends EventBase = CoreEvent>(ref: IncidentRef, events: readonly EventToWrite<E>[]): Promise<E[]> {
    if (events.length === 0) {
      return [];
    }
    const state = this.writable(ref.folder);
    const written = await state.store.appendAll<E>(ref.incident.id, events, await state.userName());
    await this.reloadIncident(ref.folder, ref.incident.id);
    this.writeEmitter.fire(written);
    return written;
  }

  private writable(folder: vscode.WorkspaceFolder): FolderState {
    const state = this.folders.get(folder.uri.toString());
    if (!state) {
      throw new UserFacingError(`${folder.name} has no incident store.`);
    }
    return state;
  }

  /** Re-reads one incident now (after our own append, so the UI does not wait for the watcher). */
  async reloadIncident(folder: vscode.WorkspaceFolder, incidentId: string): Promise<Incident | undefined> {
    const state = this.folders.get(folder.uri.toString());
    if (!state) {
      return undefined;
    }
    // Stamped before reading: an append landing meanwhile leaves the stamp behind, so it is read again.
    const stamp = await state.store.stamp(incidentId);
    let loaded: LoadedIncident | undefined;
    let failed: UnreadableIncident | undefined;
    try {
      loaded = await state.store.load(incidentId);
    } catch (error) {
      failed = unreadableIncident(incidentId, state.store.eventsFile(incidentId), error);
    }
    this.watchDataDir(state);
    if (loaded) {
      this.put(state, loaded, stamp);
    } else {
      // Gone, or no longer readable: the tree drops what it showed, and Problems says why.
      this.remove(state, incidentId);
      if (failed) {
        this.putUnreadable(state, failed);
      }
    }
    this.changeEmitter.fire();
    return loaded?.incident;
  }

  /** Reloads the incidents (of those `which` picks) whose events file changed since it was read. */
  private async checkFiles(which: (incident: Incident) => boolean): Promise<void> {
    for (const state of this.folders.values()) {
      for (const loaded of [...state.incidents.values()]) {
        if (which(loaded.incident) && (await state.store.stamp(loaded.incident.id)) !== state.seen.get(loaded.incident.id)) {
          this.scheduleReload(state, vscode.Uri.file(loaded.file));
        }
      }
    }
  }

  private watchDataDir(state: FolderState): void {
    state.watchDataDir((name) => this.scheduleReload(state, vscode.Uri.file(path.join(state.store.dataDir, name, 'events.jsonl'))));
  }

  private scheduleReload(state: FolderState, uri: vscode.Uri): void {
    // `<dataDir>/<id>` (the folder) or `<dataDir>/<id>/events.jsonl`; anything else is not ours.
    const incidentId = path.relative(state.store.dataDir, uri.fsPath).split(path.sep)[0];
    if (!isIncidentId(incidentId)) {
      return;
    }
    const key = `${state.folder.uri.toString()}|${incidentId}`;
    clearTimeout(this.pendingReloads.get(key));
    // Coalesce bursts (a git pull touches many files; a writer appends many lines).
    this.pendingReloads.set(
      key,
      setTimeout(() => {
        this.pendingReloads.delete(key);
        this.reloadIncident(state.folder, incidentId).catch((error) => this.log.error(`Could not reload ${uri.fsPath}`, error));
      }, 50),
    );
  }

  private put(state: FolderState, loaded: LoadedIncident, stamp: string): void {
    this.clearUnreadable(state, loaded.incident.id);
    state.incidents.set(loaded.incident.id, loaded);
    state.seen.set(loaded.incident.id, stamp);
    const uri = vscode.Uri.file(loaded.file);
    if (loaded.problems.length === 0) {
      this.diagnostics.delete(uri);
      return;
    }
    this.diagnostics.set(
      uri,
      loaded.problems.map((p) => problem(p.line - 1, p.message, vscode.DiagnosticSeverity.Warning)),
    );
    for (const p of loaded.problems) {
      this.log.warn(`${loaded.file}:${p.line}: ${p.message}`);
    }
  }

  /** An incident the store would not read (a link, a FIFO, a folder, too large): one Problems entry. */
  private putUnreadable(state: FolderState, failed: UnreadableIncident): void {
    this.clearUnreadable(state, failed.incidentId);
    const uri = vscode.Uri.file(failed.file);
    state.unreadable.set(failed.incidentId, uri);
    this.diagnostics.set(uri, [problem(0, failed.message, vscode.DiagnosticSeverity.Error)]);
    this.log.warn(`${failed.file}: ${failed.message}`);
  }

  private clearUnreadable(state: FolderState, incidentId: string): void {
    const uri = state.unreadable.get(incidentId);
    if (uri) {
      state.unreadable.delete(incidentId);
      this.diagnostics.delete(uri);
    }
  }

  private remove(state: FolderState, incidentId: string): void {
    const loaded = state.incidents.get(incidentId);
    this.clearUnreadable(state, incidentId);
    state.seen.delete(incidentId);
    if (loaded) {
      state.incidents.delete(incidentId);
      this.diagnostics.delete(vscode.Uri.file(loaded.file));
    }
  }

  override dispose(): void {
    clearInterval(this.poll);
    for (const timer of this.pendingReloads.values()) {
      clearTimeout(timer);
    }
    for (const state of this.folders.values()) {
      state.dispose();
    }
    super.dispose();
  }
}

/** A Problems entry from War Room on one line (0-based) of a file. */
function problem(line: number, message: string, severity: vscode.DiagnosticSeverity): vscode.Diagnostic {
  const at = Math.max(0, line);
  const diagnostic = new vscode.Diagnostic(new vscode.Range(at, 0, at, Number.MAX_SAFE_INTEGER), message, severity);
  diagnostic.source = 'War Room';
  return diagnostic;
}
