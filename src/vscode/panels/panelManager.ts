// One panel per incident and kind: opening an open one reveals it; after a window reload the
// serializer re-opens each panel from the incident id it saved and re-reads the store.
import * as vscode from 'vscode';
import { isIncidentId } from '../../core/ids';
import { ResultTable } from '../../protocol/common';
import { IncidentRef } from '../incidentModel';
import { IncidentPanel } from './incidentPanel';
import { panelOptions } from './panelBasics';
import { PanelServices } from './services';

type AnyPanel = IncidentPanel<{ readonly type: string }, unknown, ResultTable<{ readonly type: string }>>;

export class PanelManager<P extends AnyPanel> implements vscode.Disposable {
  private readonly panels = new Map<string, P>();

  constructor(
    readonly viewType: string,
    private readonly services: PanelServices,
    /** Resolves once the model has read the stores the first time (a restore may come earlier). */
    private readonly loaded: Promise<void>,
    private readonly create: (panel: vscode.WebviewPanel, ref: IncidentRef) => P,
  ) {}

  get(incidentId: string): P | undefined {
    return this.panels.get(incidentId);
  }

  all(): P[] {
    return [...this.panels.values()];
  }

  async show(ref: IncidentRef, preserveFocus = false): Promise<P> {
    const open = this.panels.get(ref.incident.id);
    if (open) {
      open.panel.reveal(undefined, preserveFocus);
      return open;
    }
    const panel = vscode.window.createWebviewPanel(
      this.viewType,
      ref.incident.title,
      { viewColumn: vscode.ViewColumn.Active, preserveFocus },
      panelOptions(this.services.extensionUri),
    );
    return this.adopt(panel, ref);
  }

  readonly serializer: vscode.WebviewPanelSerializer<unknown> = {
    deserializeWebviewPanel: async (panel, state) => {
      const saved = typeof state === 'object' && state !== null ? (state as { incidentId?: unknown }).incidentId : undefined;
      const incidentId = typeof saved === 'string' && isIncidentId(saved) ? saved : undefined;
      if (incidentId) {
        await this.loaded;
      }
      const ref = incidentId ? this.services.model.find(incidentId) : undefined;
      if (!ref || this.panels.has(ref.incident.id)) {
        this.services.log.warn(`${this.viewType}: not restoring a panel for ${incidentId ?? 'an unknown incident'}`);
        panel.dispose();
        return;
      }
      this.services.log.info(`${this.viewType}: restored the panel of ${ref.incident.id}`);
      await this.adopt(panel, ref);
    },
  };

  private async adopt(panel: vscode.WebviewPanel, ref: IncidentRef): Promise<P> {
    const created = this.create(panel, ref);
    this.panels.set(ref.incident.id, created);
    created.onDidDispose(() => {
      if (this.panels.get(ref.incident.id) === created) {
        this.panels.delete(ref.incident.id);
      }
    });
    try {
      await created.render();
    } catch (error) {
      created.dispose();
      throw error;
    }
    return created;
  }

  dispose(): void {
    for (const panel of this.panels.values()) {
      panel.dispose();
    }
    this.panels.clear();
  }
}
