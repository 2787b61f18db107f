// Closure by commit: the open items a `Closes-Action:` trailer on the default branch names get an
// `action_item_closed` event with the commit's sha. Scanned once the stores are read, when a
// folder's git HEAD or branches move, and on the command; never in an untrusted workspace.
import * as vscode from 'vscode';
import { actionItemsOf, ACTION_ITEM_EVENTS, ActionItemClosedEvent } from '../../core/learning/actionItems';
import { plannedClosures } from '../../core/learning/actionTracking';
import { IncidentModel } from '../incidentModel';
import { gitAdapter } from '../lazyAdapters';
import { Disposable } from '../lifecycle';

/** Commits a little older than the oldest open item still count (clocks differ between machines). */
const CLOCK_MARGIN_MS = 24 * 3_600_000;
/** A checkout or pull moves several refs at once: one scan after they settle. */
const SETTLE_MS = 1000;

export class ClosureScanner extends Disposable {
  private running: Promise<number> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private watchers: vscode.Disposable[] = [];

  constructor(
    private readonly model: IncidentModel,
    private readonly log: vscode.LogOutputChannel,
  ) {
    super();
    this.watchFolders();
    this.register([
      vscode.workspace.onDidChangeWorkspaceFolders(() => this.watchFolders()),
      vscode.workspace.onDidGrantWorkspaceTrust(() => this.schedule()),
      { dispose: () => this.stopWatching() },
      { dispose: () => clearTimeout(this.timer) },
    ]);
  }

  /** Scans now (or right after the scan under way); resolves with how many items it closed. */
  scan(): Promise<number> {
    if (this.running) {
      return this.running.then(() => this.scan());
    }
    this.running = this.scanFolders().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  /** A scan after things settle (ref changes come in bursts). */
  schedule(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      void this.scan().catch((error) => this.log.warn(`Action item closure scan failed: ${String(error)}`));
    }, SETTLE_MS);
  }

  private async scanFolders(): Promise<number> {
    if (!vscode.workspace.isTrusted || this.isDisposed) {
      return 0;
    }
    let closed = 0;
    for (const state of this.model.folderStates()) {
      const refs = this.model.all().filter((r) => r.folder.uri.toString() === state.folder.uri.toString());
      const open = refs.flatMap((r) => actionItemsOf(r.incident).items.filter((i) => i.status === 'open'));
      if (open.length === 0) {
        continue;
      }
      const oldest = Math.min(...open.map((i) => Date.parse(i.createdAt)));
      let scan;
      try {
        scan = await gitAdapter().findActionClosures(state.folder.uri.fsPath, { since: new Date(oldest - CLOCK_MARGIN_MS) });
      } catch (error) {
        this.log.debug(`No closures read in ${state.folder.name}: ${error instanceof Error ? error.message : String(error)}`);
        continue;
      }
      const now = new Date();
      for (const close of plannedClosures(
        refs.map((r) => r.incident),
        scan.commits,
        now,
      )) {
        // Re-read at once: a teammate's scan may have closed it since (the plan is checked again).
        const ref = this.model.find(close.incidentId);
        const commit = { sha: close.sha, committedAt: close.at, ids: [close.itemId] };
        if (!ref || plannedClosures([ref.incident], [commit], now).length === 0) {
          continue;
        }
        // Dated at its commit: done on time counts as on time, whenever this scan ran.
        await this.model.append<ActionItemClosedEvent>(
          ref,
          { type: ACTION_ITEM_EVENTS.closed, itemId: close.itemId, outcome: 'done', sha: close.sha },
          new Date(close.at),
        );
        this.log.info(`${close.itemId} closed by ${close.sha.slice(0, 12)} on ${scan.branch}`);
        closed++;
      }
    }
    return closed;
  }

  private watchFolders(): void {
    this.stopWatching();
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      const watcher = vscode.workspace.createFileSystemWatcher(
        new vscode.RelativePattern(folder, '.git/{HEAD,packed-refs,refs/heads/**,refs/remotes/**}'),
      );
      watcher.onDidCreate(() => this.schedule());
      watcher.onDidChange(() => this.schedule());
      this.watchers.push(watcher);
    }
  }

  private stopWatching(): void {
    for (const watcher of this.watchers) {
      watcher.dispose();
    }
    this.watchers = [];
  }
}
