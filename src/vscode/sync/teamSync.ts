// Team sync in the editor: one live client per workspace folder whose server is configured (the
// connection string is in SecretStorage, never in settings). Local appends reach the client
// through the model's change event (an incident's event count grew); events from teammates land in
// events.jsonl and are read back through IncidentModel.reloadIncident, exactly as a local append.
import * as vscode from 'vscode';
import { FileIncidentStore } from '../../adapters/store/fileStore';
import type { SyncClient } from '../../adapters/sync';
import { describeSyncStatus, PRESENCE_BEAT_MS, PresenceBeat, presentUsers, summarizeSync, SyncStatus } from '../../core/sync';
import { IncidentModel, IncidentRef } from '../incidentModel';
import { syncAdapter } from '../lazyAdapters';
import { Disposable } from '../lifecycle';
import { count } from '../../core/text/count';
import type { ClockReading } from '../../core/clock';

export const SECRET_PREFIX = 'warroom.sync.url:';

export function secretKey(folder: vscode.WorkspaceFolder): string {
  return SECRET_PREFIX + folder.uri.toString();
}

interface FolderSync {
  readonly folder: vscode.WorkspaceFolder;
  /** The store the client reads and writes: the folder's data dir when it started. */
  readonly dataDir: string;
  readonly client: SyncClient;
  readonly where: string;
  /** Events per incident as last handed to the client, to tell which incidents grew. */
  readonly counts: Map<string, number>;
}

export class TeamSync extends Disposable {
  private readonly folders = new Map<string, FolderSync>();
  private readonly beats: PresenceBeat[] = [];
  private readonly item = this.register(vscode.window.createStatusBarItem('warroom.teamSync', vscode.StatusBarAlignment.Left, 99));
  private readonly changeEmitter = this.register(new vscode.EventEmitter<void>());
  private beatTimer: NodeJS.Timeout | undefined;
  private lastBeat: { folder: FolderSync; incidentId: string } | undefined;
  /** The workspace's folders and their data dirs as last followed (see `followFolders`). */
  private layout = '';
  private following: Promise<void> = Promise.resolve();

  /** Fires when a status or who-is-here changes. */
  readonly onDidChange = this.changeEmitter.event;

  constructor(
    private readonly model: IncidentModel,
    private readonly secrets: vscode.SecretStorage,
    private readonly log: vscode.LogOutputChannel,
    private readonly currentIncident: () => IncidentRef | undefined,
    /** The server's clock, read by every heartbeat (see ClockCheck). */
    private readonly onClock: (reading: ClockReading) => void = () => undefined,
  ) {
    super();
    this.item.command = 'warroom.syncNow';
    this.item.name = 'War Room Team Sync';
    this.register(this.model.onDidChange(() => this.localChanges()));
  }

  /** Starts a client for every folder with a stored connection string. */
  async resume(): Promise<void> {
    for (const state of this.model.folderStates()) {
      const url = await this.secrets.get(secretKey(state.folder));
      if (url && !this.folders.has(state.folder.uri.toString())) {
        this.start(state.folder, url);
      }
    }
  }

  /** Saves the connection string and connects the folder's incidents to it. */
  async connect(folder: vscode.WorkspaceFolder, url: string): Promise<void> {
    await this.secrets.store(secretKey(folder), url);
    await this.stop(folder);
    this.start(folder, url);
  }

  async disconnect(folder: vscode.WorkspaceFolder): Promise<void> {
    await this.secrets.delete(secretKey(folder));
    await this.stop(folder);
  }

  connectedFolders(): vscode.WorkspaceFolder[] {
    return [...this.folders.values()].map((f) => f.folder);
  }

  status(folder: vscode.WorkspaceFolder): SyncStatus {
    return this.folders.get(folder.uri.toString())?.client.status ?? { kind: 'off' };
  }

  /** What the status bar item shows (the tests read it as the user does). */
  statusBar(): { readonly text: string; readonly visible: boolean } {
    return { text: this.item.text, visible: this.folders.size > 0 };
  }

  async syncNow(): Promise<void> {
    await Promise.all([...this.folders.values()].map((f) => f.client.syncNow()));
  }

  /** Who else has the incident open now (this window excluded), names sorted. */
  present(incidentId: string): string[] {
    const own = new Set([...this.folders.values()].map((f) => f.client.clientId));
    return (
      presentUsers(
        this.beats.filter((b) => !own.has(b.client)),
        Date.now(),
      ).get(incidentId) ?? []
    );
  }

  private start(folder: vscode.WorkspaceFolder, url: string): void {
    const state = this.model.folderState(folder);
    // Once per folder: a resume and a Connect (or two resumes) may both get here.
    if (!state || this.folders.has(folder.uri.toString()) || this.isDisposed) {
      return;
    }
    const sync = syncAdapter();
    const counts = new Map([...state.incidents.values()].map((l) => [l.incident.id, l.incident.events.length]));
    const entry: FolderSync = {
      folder,
      dataDir: state.dataDir,
      where: sync.describeUrl(url),
      counts,
      client: new sync.SyncClient({
        url,
        store: new FileIncidentStore(state.dataDir),
        onStatus: () => this.showStatus(),
        onReceived: (ids) => void this.received(folder, ids),
        onPresence: (beat) => this.heard(beat),
        onProblem: (message) => this.log.warn(message),
        onClock: this.onClock,
      }),
    };
    this.folders.set(folder.uri.toString(), entry);
    entry.client.start();
    this.log.info(`team sync: ${folder.name} connecting to ${entry.where}`);
    this.beatTimer ??= setInterval(() => void this.beat(), PRESENCE_BEAT_MS);
    this.showStatus();
  }

  private async stop(folder: vscode.WorkspaceFolder): Promise<void> {
    const entry = this.folders.get(folder.uri.toString());
    if (!entry) return;
    this.folders.delete(folder.uri.toString());
    await entry.client.beat(this.lastBeat?.incidentId ?? '', '', false);
    await entry.client.stop();
    if (this.folders.size === 0) {
      clearInterval(this.beatTimer);
      this.beatTimer = undefined;
    }
    this.showStatus();
  }

  /** Teammates' events are in events.jsonl now: read them the way a local append is read. */
  private async received(folder: vscode.WorkspaceFolder, incidentIds: readonly string[]): Promise<void> {
    for (const id of incidentIds) {
      await this.model.reloadIncident(folder, id).catch((error) => this.log.error(`team sync: could not read ${id}`, error));
    }
  }

  /** Every incident whose log grew (a local append, a git pull, a teammate's events) goes to the client. */
  private localChanges(): void {
    this.followFolders();
    for (const entry of this.folders.values()) {
      const state = this.model.folderState(entry.folder);
      // Another store now (its client is being replaced): its incidents are not this client's.
      if (state?.dataDir !== entry.dataDir) continue;
      for (const loaded of state.incidents.values()) {
        const { id, events } = loaded.incident;
        if ((entry.counts.get(id) ?? 0) < events.length) {
          entry.counts.set(id, events.length);
          entry.client.localAppend(id);
        }
      }
    }
    void this.beat();
  }

  /**
   * The model read the stores again (workspace folders added or removed, warroom.dataDir changed):
   * a client whose store is no longer its folder's is stopped, so nothing more is written where the
   * user no longer keeps incidents, and one is started on the data dir now configured (its first
   * cycle sends what that store holds and fetches what it lacks); a folder gone from the workspace
   * is disconnected, its connection string kept for when it comes back; one that came with a stored
   * connection string connects.
   */
  private followFolders(): void {
    const layout = JSON.stringify(this.model.folderStates().map((s) => [s.folder.uri.toString(), s.dataDir]));
    if (layout === this.layout) return;
    this.layout = layout;
    this.following = this.following
      .then(async () => {
        for (const entry of [...this.folders.values()]) {
          const now = this.model.folderState(entry.folder)?.dataDir;
          if (now === entry.dataDir) continue;
          this.log.info(
            now === undefined
              ? `team sync: ${entry.folder.name} is no longer in the workspace; disconnected`
              : `team sync: ${entry.folder.name} keeps its incidents in ${now} now; reconnecting there`,
          );
          await this.stop(entry.folder);
        }
        await this.resume();
      })
      .catch((error) => this.log.error('team sync: could not follow the workspace folders', error));
  }

  /** "I have this incident open": the status bar's incident, every PRESENCE_BEAT_MS and when it changes. */
  private async beat(): Promise<void> {
    const current = this.currentIncident();
    const entry = current && this.folders.get(current.folder.uri.toString());
    const user = current ? await this.model.userName(current.folder) : '';
    if (this.lastBeat && (this.lastBeat.incidentId !== current?.incident.id || this.lastBeat.folder !== entry)) {
      await this.lastBeat.folder.client.beat(this.lastBeat.incidentId, user || 'someone', false);
      this.lastBeat = undefined;
    }
    if (current && entry) {
      await entry.client.beat(current.incident.id, user || 'someone', true);
      this.lastBeat = { folder: entry, incidentId: current.incident.id };
    }
  }

  private heard(beat: PresenceBeat): void {
    this.beats.push(beat);
    // Only the latest beat per window and incident matters.
    const latest = new Map(this.beats.map((b) => [`${b.incidentId}\u0000${b.client}`, b]));
    this.beats.splice(0, this.beats.length, ...latest.values());
    this.showStatus();
  }

  private showStatus(): void {
    const entries = [...this.folders.values()];
    if (entries.length === 0) {
      this.item.hide();
      this.changeEmitter.fire();
      return;
    }
    const summary = summarizeSync(entries.map((e) => e.client.status));
    const icon = summary.kind === 'live' ? '$(cloud)' : summary.kind === 'reconnecting' ? '$(sync~spin)' : '$(cloud-offline)';
    const word = { live: 'Live', reconnecting: 'Reconnecting', offline: 'Offline', off: 'Off' }[summary.kind];
    // Refused events (a role that may only read) are apart from queued ones: they are not on their way.
    const waiting = [summary.queued ? `${summary.queued} queued` : '', summary.notSent ? `${summary.notSent} not sent` : ''];
    this.item.text = [`${icon} ${word}`, ...waiting.filter(Boolean)].join(' · ');
    const current = this.currentIncident();
    const here = current ? this.present(current.incident.id) : [];
    this.item.tooltip = [
      ...entries.map((e) => `${e.folder.name} → ${e.where}: ${describeSyncStatus(e.client.status)}`),
      ...(current ? [here.length ? `Also on ${current.incident.id}: ${here.join(', ')}` : `No one else on ${current.incident.id}`] : []),
      'Click to sync now.',
    ].join('\n');
    const spoken = [
      summary.queued ? `${count(summary.queued, 'event')} queued` : '',
      summary.notSent ? `${count(summary.notSent, 'event')} not sent` : '',
    ];
    this.item.accessibilityInformation = { label: [`War Room team sync ${word}`, ...spoken.filter(Boolean)].join(', ') };
    this.item.backgroundColor = summary.warning ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    this.item.show();
    this.changeEmitter.fire();
  }

  override dispose(): void {
    clearInterval(this.beatTimer);
    for (const entry of this.folders.values()) {
      void entry.client.stop();
    }
    this.folders.clear();
    super.dispose();
  }
}
