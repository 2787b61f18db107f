// One webview panel showing one incident: the page (CSP, nonce, first state embedded), validated
// messages in, and following the model. Subclasses say what the state is and what messages do.
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { Incident } from '../../core/incident';
import { Parsed, ReplyMessage, RequestMessage, requestIdOf, ResultTable } from '../../protocol/common';
import { panelHtml, PanelScript } from './html';
import { UserFacingError } from '../commandRegistry';
import { IncidentRef } from '../incidentModel';
import { Disposable } from '../lifecycle';
import { pageAssets } from './pageAssets';
import { panelOptions, Received, refuseMalformed } from './panelBasics';
import { postToPage } from './postToPage';
import { PanelServices } from './services';

export interface PanelDefinition<In extends { readonly type: string }> {
  readonly viewType: string;
  /** The bundles in dist/webview, in order (`PANEL_SCRIPTS`). */
  readonly scripts: readonly PanelScript[];
  readonly title: (incident: Incident) => string;
  readonly parse: (value: unknown) => Parsed<In>;
}

/** The requests of a panel's messages, answered through `answer`. */
type RequestOf<In> = Extract<In, RequestMessage>;

export abstract class IncidentPanel<In extends { readonly type: string }, Out, Results extends ResultTable<In>> extends Disposable {
  private readonly disposeEmitter = new vscode.EventEmitter<void>();
  readonly onDidDispose = this.disposeEmitter.event;

  constructor(
    readonly panel: vscode.WebviewPanel,
    protected ref: IncidentRef,
    protected readonly services: PanelServices,
    private readonly definition: PanelDefinition<In>,
  ) {
    super();
    panel.webview.options = panelOptions(services.extensionUri);
    panel.iconPath = vscode.Uri.joinPath(services.extensionUri, 'media', 'warroom.svg');
    panel.title = definition.title(ref.incident);
    this.register([
      panel.onDidDispose(() => this.dispose()),
      panel.webview.onDidReceiveMessage((raw: unknown) => void this.receive(raw)),
      panel.onDidChangeViewState(() => {
        if (!panel.visible) {
          this.hidden();
        }
      }),
      services.model.onDidChange(() => this.modelChanged()),
    ]);
  }

  get incidentId(): string {
    return this.ref.incident.id;
  }

  get viewType(): string {
    return this.definition.viewType;
  }

  /** (Re)writes the page with the current state embedded, so it paints without a round trip. */
  async render(): Promise<void> {
    const webview = this.panel.webview;
    const [state, assets] = await Promise.all([
      this.pageState(),
      pageAssets(webview, this.services.extensionUri, this.definition.scripts, 'webview.css'),
    ]);
    webview.html = panelHtml({
      cspSource: webview.cspSource,
      nonce: randomBytes(16).toString('base64'),
      ...assets,
      title: this.panel.title,
      initialState: state,
    });
  }

  /**
   * Every message from the page comes through here (and tests call it directly): validated first,
   * a malformed one is logged and dropped, a failure is answered in the panel or a notification.
   */
  async receive(raw: unknown): Promise<Received> {
    const parsed = this.definition.parse(raw);
    if (parsed.reason !== undefined) {
      return refuseMalformed(raw, parsed.reason, `${this.viewType} ${this.incidentId}`, this.services.log, (reply) => this.post(reply));
    }
    const message = parsed.message;
    this.services.log.debug(`${this.viewType} ${this.incidentId}: ${message.type}`);
    try {
      await this.handle(message);
    } catch (error) {
      const text = error instanceof Error ? error.message : String(error);
      if (!(error instanceof UserFacingError)) {
        this.services.log.error(`${this.viewType} ${message.type} failed`, error);
      }
      const requestId = requestIdOf(message);
      if (requestId) {
        this.post({ type: 'reply', requestId, ok: false, detail: text });
      } else {
        void vscode.window.showWarningMessage(`War Room: ${text}`);
      }
    }
    return { accepted: true };
  }

  /** Sends to the page without waiting for it to be up (postToPage). */
  protected post(message: Out | ReplyMessage): void {
    if (!this.isDisposed) {
      postToPage(this.panel.webview, message, this.services.log, `${this.viewType} ${this.incidentId}`);
    }
  }

  /** Answers a request with its typed result. */
  protected answer<M extends RequestOf<In>>(message: M, result: Results[M['type']]): void {
    this.post({ type: 'reply', requestId: message.requestId, ok: true, result });
  }

  /** Answers a request that did not (wholly) succeed, without an error in the log. */
  protected refuse(message: RequestOf<In>, detail: string): void {
    this.post({ type: 'reply', requestId: message.requestId, ok: false, detail });
  }

  /** The incident as the store has it now (not as it was when the panel opened). */
  protected current(): IncidentRef {
    const ref = this.services.model.find(this.incidentId);
    if (!ref) {
      throw new UserFacingError(`Incident ${this.incidentId} is no longer in this workspace.`);
    }
    return ref;
  }

  private modelChanged(): void {
    const ref = this.services.model.find(this.incidentId);
    // Another incident changed (its object is replaced, ours is not), or ours vanished: keep the last view.
    if (!ref || ref.incident === this.ref.incident || this.isDisposed) {
      return;
    }
    this.ref = ref;
    this.panel.title = this.definition.title(ref.incident);
    this.incidentChanged().catch((error) => this.services.log.error(`${this.viewType}: could not update the panel`, error));
  }

  /** The state embedded in the page. */
  protected abstract pageState(): Promise<unknown>;
  protected abstract handle(message: In): Promise<void>;
  /** The incident has new events: bring the page up to date (if it is there to listen). */
  protected abstract incidentChanged(): Promise<void>;
  /** The page was torn down (hidden without retainContextWhenHidden); it says `ready` when back. */
  protected hidden(): void {}

  override dispose(): void {
    if (this.isDisposed) {
      return;
    }
    // Listeners first: the panel's own onDidDispose then no longer calls back in.
    super.dispose();
    this.disposeEmitter.fire();
    this.disposeEmitter.dispose();
    this.panel.dispose();
  }
}
