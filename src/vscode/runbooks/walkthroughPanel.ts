// The walkthrough panel: one per incident and runbook. Opening an open one reveals it (and scrolls
// to the asked step); after a reload the serializer re-opens it from the ids it saved and re-reads
// the store. Messages from the page are validated (protocol/walkthrough.ts) before anything happens.
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { linkDecided, noticeTargetIn, Runbook, WALKED_REASON } from '../../core/runbooks';
import { PANEL_SCRIPTS, panelHtml } from '../panels/html';
import { panelOptions } from '../panels/panelBasics';
import { postToPage } from '../panels/postToPage';
import {
  parseWalkthroughMessage,
  WalkthroughHostMessage,
  WalkthroughResults,
  WalkthroughState,
  WalkthroughWebviewMessage,
} from '../../protocol/walkthrough';
import { UserFacingError } from '../commandRegistry';
import { happened } from '../gettingStarted';
import { IncidentModel, IncidentRef } from '../incidentModel';
import { Disposable } from '../lifecycle';
import { RunbookCatalog, runbookKey } from './catalog';
import { runbooksAdapter } from '../lazyAdapters';
import { CommandRunner } from './commandRunner';
import { appendRunbookEvent } from './appendRunbookEvent';
import { buildWalkthroughState, RememberedChecks, rememberingReasons, sliceEnds } from './walkthroughState';

export const WALKTHROUGH_VIEW_TYPE = 'warroom.walkthrough';

export interface WalkthroughServices {
  readonly extensionUri: vscode.Uri;
  readonly log: vscode.LogOutputChannel;
  readonly model: IncidentModel;
  readonly catalog: RunbookCatalog;
  readonly runner: CommandRunner;
  readonly openBeside: (ref: IncidentRef, runbook: Runbook, stepId: string) => Promise<void>;
}

/** What a restored panel needs: saved by the page through setState. */
interface SavedIds {
  readonly incidentId: string;
  readonly file: string;
  readonly runbook: string;
}

export class WalkthroughPanel extends Disposable {
  private focusStep: string | undefined;
  /** Every validated message handled, and every refused one with why (read by the tests). */
  readonly received: { type: string; accepted: boolean; reason?: string }[] = [];
  /** For each state given to the page (the last 100), how many of its commands were not checked yet (read by the tests). */
  readonly shown: { unchecked: number }[] = [];
  /**
   * The page was given a state with commands not checked yet: a page that says ready again (torn down
   * while hidden, it comes back with the state its HTML had) gets a new one, whatever its version.
   */
  private showedUnchecked = false;
  /** The next build, going on with commands a bounded one left unchecked. */
  private nextSlice: NodeJS.Timeout | undefined;
  private pageReady = false;

  constructor(
    readonly panel: vscode.WebviewPanel,
    private ref: IncidentRef,
    private runbook: Runbook,
    private readonly services: WalkthroughServices,
    private readonly onDispose: () => void,
  ) {
    super();
    panel.webview.options = panelOptions(services.extensionUri);
    panel.iconPath = vscode.Uri.joinPath(services.extensionUri, 'media', 'warroom.svg');
    panel.title = `Runbook: ${runbook.title}`;
    this.register([
      panel.onDidDispose(() => this.dispose()),
      panel.webview.onDidReceiveMessage((raw: unknown) => void this.receive(raw)),
      services.model.onDidChange(() => this.refresh()),
      services.catalog.onDidChange(() => void this.reloadRunbook()),
      vscode.workspace.onDidGrantWorkspaceTrust(() => this.refresh()),
      { dispose: () => clearTimeout(this.nextSlice) },
    ]);
  }

  /** The runbooks bundle's checks, each command's destructive answer remembered (rememberingReasons). */
  private checks: RememberedChecks | undefined;

  get key(): string {
    return panelKey(this.ref.incident.id, this.runbook);
  }

  get incidentId(): string {
    return this.ref.incident.id;
  }

  /**
   * The page's state. Its commands not checked before are checked for at most CHECK_SLICE_MS (past
   * one) on this thread: a runbook cloned with hundreds of costly commands never holds the editor.
   * The ones left show as being checked, and the next build, once the thread was free, goes on.
   */
  state(): WalkthroughState {
    const indexed = this.services.catalog.peek(this.ref.folder);
    const checks = (this.checks ??= rememberingReasons(runbooksAdapter()));
    checks.begin(sliceEnds());
    const state = buildWalkthroughState(this.ref.incident, this.runbook, checks, {
      trusted: vscode.workspace.isTrusted,
      stale: indexed?.stale.get(runbookKey(this.runbook)),
      focusStep: this.focusStep,
      noticeTarget: this.runbook.notice && indexed ? noticeTargetIn(indexed.index.runbooks, this.runbook.notice) : undefined,
    });
    if (checks.unchecked > 0) {
      this.nextSlice ??= setTimeout(() => {
        this.nextSlice = undefined;
        if (this.isDisposed) {
          return;
        }
        if (this.pageReady) {
          this.post({ type: 'state', state: this.shownState() });
        } else {
          this.state(); // checks on; the page gets the answers when it says ready
        }
      }, 0);
    }
    return state;
  }

  /** A state for the page, noting what it showed. */
  private shownState(): WalkthroughState {
    const state = this.state();
    const unchecked = this.checks?.unchecked ?? 0; // the commands the page shows as being checked
    this.showedUnchecked ||= unchecked > 0;
    this.shown.push({ unchecked });
    if (this.shown.length > 100) {
      this.shown.shift();
    }
    return state;
  }

  /** The runbook a moved notice points to, opened for the same incident through the tree's own command. */
  private async followNotice(): Promise<string> {
    const notice = this.runbook.notice;
    const { index } = await this.services.catalog.get(this.ref.folder);
    const target = notice && noticeTargetIn(index.runbooks, notice);
    if (!target) {
      throw new UserFacingError(
        notice ? `"${notice.link.url}" is not a runbook in this workspace.` : `"${this.runbook.title}" points nowhere else.`,
      );
    }
    await vscode.commands.executeCommand('warroom.openRunbook', {
      incidentId: this.ref.incident.id,
      runbook: target.id,
      file: target.file,
    });
    return `Opened "${target.title}"`;
  }

  render(focusStep?: string): void {
    this.focusStep = focusStep;
    const webview = this.panel.webview;
    const asset = (...parts: string[]) => webview.asWebviewUri(vscode.Uri.joinPath(this.services.extensionUri, ...parts)).toString();
    webview.html = panelHtml({
      cspSource: webview.cspSource,
      nonce: randomBytes(16).toString('base64'),
      scripts: PANEL_SCRIPTS.walkthrough.map((script) => ({ uri: asset('dist', 'webview', script.file) })),
      style: { uri: asset('media', 'walkthrough.css') },
      title: this.panel.title,
      initialState: this.shownState(),
    });
  }

  /** Reveals the panel on a step (Open Runbook Step from the timeline). */
  reveal(focusStep?: string): void {
    this.focusStep = focusStep;
    this.panel.reveal(undefined, false);
    this.post({ type: 'state', state: this.shownState() });
  }

  private refresh(): void {
    const latest = this.services.model.find(this.ref.incident.id);
    if (!latest || this.isDisposed) {
      return;
    }
    this.ref = latest;
    this.post({ type: 'state', state: this.shownState() });
  }

  private async reloadRunbook(): Promise<void> {
    const found = await this.services.catalog.find(this.ref.folder, this.runbook.id, this.runbook.file);
    if (found && !this.isDisposed) {
      this.runbook = found;
      this.refresh();
    }
  }

  private post(message: WalkthroughHostMessage): void {
    if (!this.isDisposed) {
      postToPage(this.panel.webview, message, this.services.log, 'walkthrough');
    }
  }

  private async receive(raw: unknown): Promise<void> {
    const parsed = parseWalkthroughMessage(raw);
    if (!parsed.message) {
      this.received.push({ type: 'invalid', accepted: false, reason: parsed.reason });
      this.services.log.warn(`walkthrough: dropped a message from the page: ${parsed.reason}`);
      return;
    }
    const message = parsed.message;
    this.received.push({ type: message.type, accepted: true });
    if (message.type === 'ready') {
      this.pageReady = true;
      if (message.version !== this.ref.incident.events.length || this.showedUnchecked) {
        this.post({ type: 'state', state: this.shownState() });
      }
      return;
    }
    try {
      const detail = await this.act(message);
      const result: WalkthroughResults[typeof message.type] = detail ? { detail } : {};
      this.post({ type: 'reply', requestId: message.requestId, ok: true, result });
    } catch (error) {
      const text = error instanceof Error ? error.message : String(error);
      if (!(error instanceof UserFacingError)) {
        this.services.log.error(`walkthrough: ${message.type} failed`, error);
      }
      this.post({ type: 'reply', requestId: message.requestId, ok: false, detail: text });
    }
  }

  /** Acts on a validated message; the step must exist in the runbook as it is now. */
  async act(message: Exclude<WalkthroughWebviewMessage, { type: 'ready' }>): Promise<string | undefined> {
    if (message.type === 'followNotice') {
      return this.followNotice();
    }
    const step = this.runbook.steps.find((s) => s.id === message.step);
    if (!step) {
      throw new UserFacingError(`"${this.runbook.title}" has no step ${message.step} any more.`);
    }
    const ids = { runbook: this.runbook.id, file: this.runbook.file, step: step.id };
    switch (message.type) {
      case 'setStep':
        await this.linkOnFirstUse();
        await appendRunbookEvent(this.services.model, this.ref, { type: 'runbook_step', ...ids, status: message.status });
        return undefined;
      case 'takeBranch': {
        const branch = step.branches[message.branch];
        if (!branch) {
          throw new UserFacingError(`Step "${step.title}" has no choice ${message.branch + 1}.`);
        }
        await this.linkOnFirstUse();
        await appendRunbookEvent(this.services.model, this.ref, {
          type: 'runbook_step',
          ...ids,
          status: 'branch',
          branch: { if: branch.if, goto: branch.goto },
        });
        return `Taking "${branch.if}"`;
      }
      case 'addNote':
        await this.linkOnFirstUse();
        await appendRunbookEvent(this.services.model, this.ref, { type: 'runbook_step', ...ids, note: message.note.trim() });
        return undefined;
      case 'runCommand': {
        // Linked once sent, before the run is recorded: a command declined or cancelled used nothing.
        const outcome = await this.services.runner.run(this.ref, this.runbook, step.id, message.command, (sentAt) =>
          this.linkOnFirstUse(sentAt),
        );
        return outcome.sent
          ? `Sent to ${outcome.terminal}${outcome.exitReported ? '; its exit code goes on the timeline when it ends' : ''}`
          : 'Not run';
      }
      case 'openBeside':
        await this.services.openBeside(this.ref, this.runbook, step.id);
        return undefined;
    }
  }

  /**
   * A runbook walked (a step, a branch, a note, a command run) that the incident never linked or
   * unlinked is linked now, once: the tree, the review's links, recurring patterns and drills then
   * count it as used. One the responder unlinked stays unlinked.
   */
  private linkOnFirstUse(at?: Date): Promise<void> {
    // One at a time: two quick clicks link once.
    this.linking ??= this.link(at).catch((error: unknown) => {
      this.linking = undefined;
      throw error;
    });
    return this.linking;
  }

  private linking: Promise<void> | undefined;

  private async link(at?: Date): Promise<void> {
    const incident = this.services.model.find(this.ref.incident.id)?.incident ?? this.ref.incident;
    if (linkDecided(incident.events, this.runbook.id)) {
      return;
    }
    await appendRunbookEvent(
      this.services.model,
      this.ref,
      {
        type: 'runbook_linked',
        runbook: this.runbook.id,
        file: this.runbook.file,
        title: this.runbook.title,
        reason: WALKED_REASON,
      },
      at,
    );
  }

  override dispose(): void {
    if (this.isDisposed) {
      return;
    }
    // Listeners first: the panel's own onDidDispose then no longer calls back in.
    super.dispose();
    this.onDispose();
    this.panel.dispose();
  }
}

export function panelKey(incidentId: string, runbook: Pick<Runbook, 'file' | 'id'>): string {
  return `${incidentId}|${runbookKey(runbook)}`;
}

export class WalkthroughPanels implements vscode.Disposable {
  private readonly panels = new Map<string, WalkthroughPanel>();

  constructor(
    private readonly services: WalkthroughServices,
    private readonly loaded: Promise<void>,
  ) {}

  get(incidentId: string, runbook: Pick<Runbook, 'file' | 'id'>): WalkthroughPanel | undefined {
    return this.panels.get(panelKey(incidentId, runbook));
  }

  all(): WalkthroughPanel[] {
    return [...this.panels.values()];
  }

  show(ref: IncidentRef, runbook: Runbook, focusStep?: string): WalkthroughPanel {
    const open = this.panels.get(panelKey(ref.incident.id, runbook));
    if (open) {
      open.reveal(focusStep);
      happened('opened.runbook');
      return open;
    }
    const panel = vscode.window.createWebviewPanel(
      WALKTHROUGH_VIEW_TYPE,
      runbook.title,
      vscode.ViewColumn.Active,
      panelOptions(this.services.extensionUri),
    );
    const adopted = this.adopt(panel, ref, runbook, focusStep);
    happened('opened.runbook');
    return adopted;
  }

  readonly serializer: vscode.WebviewPanelSerializer<unknown> = {
    deserializeWebviewPanel: async (panel, state) => {
      const ids = savedIds(state);
      await this.loaded;
      const ref = ids && this.services.model.find(ids.incidentId);
      const runbook = ids && ref ? await this.services.catalog.find(ref.folder, ids.runbook, ids.file) : undefined;
      if (!ref || !runbook || this.panels.has(panelKey(ref.incident.id, runbook))) {
        this.services.log.warn('walkthrough: not restoring a panel whose incident or runbook is gone');
        panel.dispose();
        return;
      }
      this.adopt(panel, ref, runbook);
    },
  };

  private adopt(panel: vscode.WebviewPanel, ref: IncidentRef, runbook: Runbook, focusStep?: string): WalkthroughPanel {
    const key = panelKey(ref.incident.id, runbook);
    const created: WalkthroughPanel = new WalkthroughPanel(panel, ref, runbook, this.services, () => {
      if (this.panels.get(key) === created) {
        this.panels.delete(key);
      }
    });
    this.panels.set(key, created);
    created.render(focusStep);
    return created;
  }

  dispose(): void {
    for (const panel of [...this.panels.values()]) {
      panel.dispose();
    }
    this.panels.clear();
  }
}

function savedIds(state: unknown): SavedIds | undefined {
  if (typeof state !== 'object' || state === null) {
    return undefined;
  }
  const s = state as Readonly<Record<string, unknown>>;
  const ok = (v: unknown): v is string => typeof v === 'string' && v.length > 0 && v.length <= 500;
  return ok(s.incidentId) && ok(s.file) && ok(s.runbook) ? { incidentId: s.incidentId, file: s.file, runbook: s.runbook } : undefined;
}
