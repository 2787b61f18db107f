// The reliability dashboard: one panel for the whole workspace (not per incident). It follows the
// model (a new event anywhere redraws it) and answers the page's period switch and exports.
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { MetricPeriod } from '../../core/learning/metrics';
import {
  dashboardState,
  DashboardHostMessage,
  DashboardResults,
  DashboardState,
  ExportFormat,
  parseDashboardMessage,
} from '../../protocol/dashboard';
import { Done, ReplyMessage } from '../../protocol/common';
import { UserFacingError } from '../commandRegistry';
import { IncidentModel } from '../incidentModel';
import { Disposable } from '../lifecycle';
import { PANEL_SCRIPTS, panelHtml } from '../panels/html';
import { panelOptions, Received, refuseMalformed } from '../panels/panelBasics';
import { pageAssets } from '../panels/pageAssets';
import { postToPage } from '../panels/postToPage';
import { WorkspaceMetrics } from './workspaceMetrics';

export const DASHBOARD_VIEW_TYPE = 'warroom.dashboard';

export interface DashboardServices {
  readonly log: vscode.LogOutputChannel;
  readonly model: IncidentModel;
  readonly extensionUri: vscode.Uri;
  readonly metrics: (days: number) => Promise<WorkspaceMetrics>;
  readonly exportTo: (format: ExportFormat, days: number) => Promise<string | undefined>;
  readonly openIncident: (incidentId: string) => Promise<void>;
}

export class DashboardPanel extends Disposable {
  private version = 0;
  private redraw: Promise<void> = Promise.resolve();
  /** The last state sent (read by the tests). */
  state: DashboardState | undefined;

  constructor(
    readonly panel: vscode.WebviewPanel,
    private days: MetricPeriod,
    private readonly services: DashboardServices,
    private readonly onDispose: () => void,
  ) {
    super();
    panel.webview.options = panelOptions(services.extensionUri);
    panel.iconPath = vscode.Uri.joinPath(services.extensionUri, 'media', 'warroom.svg');
    panel.title = 'Reliability';
    this.register([
      panel.onDidDispose(() => this.dispose()),
      panel.webview.onDidReceiveMessage((raw: unknown) => void this.receive(raw)),
      services.model.onDidChange(() => this.refresh()),
    ]);
  }

  get period(): MetricPeriod {
    return this.days;
  }

  private async buildState(): Promise<DashboardState> {
    const { metrics, oncall, total, note } = await this.services.metrics(this.days);
    this.state = dashboardState(metrics, oncall, total, ++this.version, note);
    return this.state;
  }

  async render(): Promise<void> {
    const webview = this.panel.webview;
    const [state, assets] = await Promise.all([
      this.buildState(),
      pageAssets(webview, this.services.extensionUri, PANEL_SCRIPTS.dashboard, 'webview.css'),
    ]);
    webview.html = panelHtml({
      cspSource: webview.cspSource,
      nonce: randomBytes(16).toString('base64'),
      ...assets,
      title: this.panel.title,
      initialState: state,
    });
  }

  /** Recomputes and sends the state; changes arriving meanwhile queue one more redraw, not one each. */
  refresh(): Promise<void> {
    this.redraw = this.redraw
      .then(async () => {
        if (!this.isDisposed && this.panel.visible) {
          this.post({ type: 'state', state: await this.buildState() });
        }
      })
      .catch((error) => this.services.log.error('dashboard: could not update', error));
    return this.redraw;
  }

  /** Every message from the page: validated first, a malformed one logged and dropped. */
  async receive(raw: unknown): Promise<Received> {
    const parsed = parseDashboardMessage(raw);
    if (parsed.reason !== undefined) {
      return refuseMalformed(raw, parsed.reason, DASHBOARD_VIEW_TYPE, this.services.log, (reply) => this.post(reply));
    }
    const message = parsed.message;
    try {
      switch (message.type) {
        case 'ready':
          if (message.version !== this.version) {
            await this.refresh();
          }
          break;
        case 'setPeriod':
          this.days = message.days;
          await this.refresh();
          this.answer(message.requestId, { detail: `Showing the last ${message.days} days.` });
          break;
        case 'export': {
          const saved = await this.services.exportTo(message.format, this.days);
          this.answer(message.requestId, { detail: saved ? `Saved ${saved}.` : 'Not saved.' });
          break;
        }
        case 'openIncident':
          await this.services.openIncident(message.incidentId);
          break;
      }
    } catch (error) {
      const text = error instanceof Error ? error.message : String(error);
      if (!(error instanceof UserFacingError)) {
        this.services.log.error(`${DASHBOARD_VIEW_TYPE} ${message.type} failed`, error);
      }
      if ('requestId' in message) {
        this.post({ type: 'reply', requestId: message.requestId, ok: false, detail: text });
      } else {
        void vscode.window.showWarningMessage(`War Room: ${text}`);
      }
    }
    return { accepted: true };
  }

  private answer(requestId: string, result: DashboardResults[keyof DashboardResults] & Done): void {
    this.post({ type: 'reply', requestId, ok: true, result });
  }

  /** Sends to the page without waiting for it to be up (postToPage). */
  private post(message: DashboardHostMessage | ReplyMessage): void {
    if (!this.isDisposed) {
      postToPage(this.panel.webview, message, this.services.log, DASHBOARD_VIEW_TYPE);
    }
  }

  override dispose(): void {
    if (this.isDisposed) {
      return;
    }
    super.dispose();
    this.onDispose();
    this.panel.dispose();
  }
}
