// Learning from incidents, part C: the Reliability dashboard (KPIs, recurrence patterns), its
// Markdown and CSV exports, and recurrence shown under each incident in the tree.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { METRIC_PERIODS, MetricPeriod } from '../../core/learning/metrics';
import { ExportFormat } from '../../protocol/dashboard';
import { UserFacingError } from '../commandRegistry';
import { FeatureFactory } from '../feature';
import { kpiReports } from '../lazyAdapters';
import { IncidentModel } from '../incidentModel';
import { DASHBOARD_VIEW_TYPE, DashboardPanel, DashboardServices } from './dashboardPanel';
import { RecurrenceSection } from './recurrenceSection';
import { RotationOf, workspaceMetrics } from './workspaceMetrics';

const DEFAULT_REVIEWS_FOLDER = 'docs/incidents/';

const isPeriod = (v: unknown): v is MetricPeriod => (METRIC_PERIODS as readonly unknown[]).includes(v);

/** One dashboard for the workspace: opening it again reveals it. */
export class DashboardHolder implements vscode.Disposable {
  current: DashboardPanel | undefined;

  constructor(private readonly services: DashboardServices) {}

  async show(days: MetricPeriod = 90): Promise<DashboardPanel> {
    if (this.current) {
      this.current.panel.reveal();
      return this.current;
    }
    const panel = vscode.window.createWebviewPanel(DASHBOARD_VIEW_TYPE, 'Reliability', vscode.ViewColumn.Active);
    return this.adopt(panel, days);
  }

  readonly serializer: vscode.WebviewPanelSerializer<unknown> = {
    deserializeWebviewPanel: async (panel, state) => {
      const saved = typeof state === 'object' && state !== null ? (state as { days?: unknown }).days : undefined;
      if (this.current) {
        panel.dispose();
        return;
      }
      await this.adopt(panel, isPeriod(saved) ? saved : 90);
    },
  };

  private async adopt(panel: vscode.WebviewPanel, days: MetricPeriod): Promise<DashboardPanel> {
    const created = new DashboardPanel(panel, days, this.services, () => {
      if (this.current === created) this.current = undefined;
    });
    this.current = created;
    try {
      await created.render();
    } catch (error) {
      created.dispose();
      throw error;
    }
    return created;
  }

  dispose(): void {
    this.current?.dispose();
  }
}

/** Where an export goes by default: the reviews folder (setting `warroom.reviews.folder`) of the first folder. */
function defaultExportUri(format: ExportFormat, days: number, now: Date): vscode.Uri | undefined {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) {
    return undefined;
  }
  const reviews = vscode.workspace.getConfiguration('warroom', folder).get<string>('reviews.folder') || DEFAULT_REVIEWS_FOLDER;
  const name = `reliability-${now.toISOString().slice(0, 10)}-${days}d.${format === 'markdown' ? 'md' : 'csv'}`;
  return vscode.Uri.joinPath(folder.uri, ...reviews.split(/[\\/]+/).filter((p) => p && p !== '..'), name);
}

export interface ExportArgs {
  readonly days?: number;
  /** A file path: written without a dialog (tests, tasks), and never over an existing file. */
  readonly target?: string;
}

/** Export Reliability Dashboard as Markdown / CSV: through a save dialog, or to `target`. Returns the path written. */
export async function exportDashboard(
  model: IncidentModel,
  rotationOf: RotationOf,
  format: ExportFormat,
  args: ExportArgs = {},
): Promise<string | undefined> {
  const days = typeof args.days === 'number' && args.days > 0 ? args.days : 90;
  const now = new Date();
  let target: vscode.Uri | undefined;
  if (typeof args.target === 'string') {
    target = vscode.Uri.file(path.resolve(args.target));
    const exists = await vscode.workspace.fs.stat(target).then(
      () => true,
      () => false,
    );
    if (exists) {
      throw new UserFacingError(`${target.fsPath} exists; War Room does not overwrite a file without asking.`);
    }
  } else {
    target = await vscode.window.showSaveDialog({
      defaultUri: defaultExportUri(format, days, now),
      filters: format === 'markdown' ? { Markdown: ['md'] } : { CSV: ['csv'] },
      saveLabel: 'Export',
      title: `Export the reliability dashboard (${days} days)`,
    });
  }
  if (!target) {
    return undefined;
  }
  const { metrics, oncall } = await workspaceMetrics(model, days, rotationOf, now);
  const reports = kpiReports();
  const text =
    format === 'markdown' ? `${reports.metricsMarkdown(metrics)}\n${reports.loadMarkdown(oncall)}` : reports.metricsCsv(metrics, oncall);
  await vscode.workspace.fs.createDirectory(vscode.Uri.joinPath(target, '..'));
  await vscode.workspace.fs.writeFile(target, Buffer.from(text, 'utf8'));
  return target.fsPath;
}

/** Open Reliability Dashboard. */
export async function openDashboard(holder: DashboardHolder, arg?: unknown): Promise<DashboardPanel> {
  const days = typeof arg === 'object' && arg !== null ? (arg as { days?: unknown }).days : undefined;
  return holder.show(isPeriod(days) ? days : 90);
}

/** Test hooks (`test.features.kpi`): the panel object and the tree section are internals. */
export interface KpiTestApi {
  openDashboard(days?: MetricPeriod): Promise<DashboardPanel>;
  readonly recurrence: RecurrenceSection;
  exportDashboard(format: ExportFormat, args: ExportArgs): Promise<string | undefined>;
}

const exportArgs = (arg: unknown): ExportArgs => (typeof arg === 'object' && arg !== null ? (arg as ExportArgs) : {});

export const kpiFeature: FeatureFactory<undefined, KpiTestApi> = (context) => {
  const { model, log } = context;
  // The window's one reader of the rotation files (the on-call feature reads the same).
  const rotations = context.rotations();
  const rotationOf: RotationOf = (folder) => rotations.get(folder)?.resolver;
  const holder = new DashboardHolder({
    log,
    model,
    extensionUri: context.extension.extensionUri,
    metrics: (days) => workspaceMetrics(model, days, rotationOf),
    exportTo: (format, days) => exportDashboard(model, rotationOf, format, { days }),
    openIncident: async (incidentId) => {
      await vscode.commands.executeCommand('warroom.openTimeline', { incidentId });
    },
  });
  const recurrence = new RecurrenceSection(model, context.tree, log);
  const testApi: KpiTestApi = {
    openDashboard: (days) => holder.show(days),
    recurrence,
    exportDashboard: (format, args) => exportDashboard(model, rotationOf, format, args),
  };
  return {
    commands: {
      'warroom.openDashboard': async (arg?: unknown) => void (await openDashboard(holder, arg)),
      'warroom.exportDashboardMarkdown': async (arg?: unknown) =>
        void (await exportDashboard(model, rotationOf, 'markdown', exportArgs(arg))),
      'warroom.exportDashboardCsv': async (arg?: unknown) => void (await exportDashboard(model, rotationOf, 'csv', exportArgs(arg))),
    },
    testApi,
    disposables: [
      holder,
      recurrence,
      rotations.onDidChange(() => void holder.current?.refresh()),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('warroom.oncall.pagesPerWeekLimit')) void holder.current?.refresh();
      }),
      context.tree.registerSection(recurrence),
    ],
    serializers: { [DASHBOARD_VIEW_TYPE]: holder.serializer },
  };
};
