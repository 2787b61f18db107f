// The active incident, always in sight: severity, title, elapsed time. Click focuses it in the tree.
import * as vscode from 'vscode';
import { isDrill } from '../core/drill';
import { activeIncidents } from '../core/incidents';
import { elapsedSince } from '../core/time';
import { IncidentModel, IncidentRef } from './incidentModel';

const TICK_MS = 30_000;

export class IncidentStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('warroom.activeIncident', vscode.StatusBarAlignment.Left, 100);
  private readonly timer: NodeJS.Timeout;
  private readonly subscription: vscode.Disposable;
  private focusedId: string | undefined;

  constructor(private readonly model: IncidentModel) {
    this.item.name = 'War Room: active incident';
    this.subscription = model.onDidChange(() => this.update());
    this.timer = setInterval(() => this.update(), TICK_MS);
    this.update();
  }

  /** Makes this incident the one shown (the last one the user worked on). */
  focus(incidentId: string): void {
    this.focusedId = incidentId;
    this.update();
  }

  /** The incident the status bar shows: the focused one while active, else the worst active one. */
  current(): IncidentRef | undefined {
    const refs = this.model.all();
    const focused = refs.find((r) => r.incident.id === this.focusedId && r.incident.status !== 'resolved');
    if (focused) {
      return focused;
    }
    // The worst real incident; a drill only when nothing real is active (activeIncidents lists drills last).
    const worst = activeIncidents(refs.map((r) => r.incident))[0];
    return worst && refs.find((r) => r.incident === worst);
  }

  private update(): void {
    const ref = this.current();
    if (!ref) {
      this.item.hide();
      return;
    }
    const { incident } = ref;
    const others = activeIncidents(this.model.all().map((r) => r.incident)).length - 1;
    const drill = isDrill(incident);
    this.item.text = `${drill ? '$(beaker) DRILL' : '$(flame)'} ${incident.severity} ${truncate(incident.title, 40)} · ${elapsedSince(incident.startedAt, new Date())}${others > 0 ? ` (+${others})` : ''}`;
    this.item.tooltip = `${drill ? 'Drill (practice incident)\n' : ''}${incident.severity} ${incident.priority} · ${incident.status}\n${incident.title}\n${incident.id}\nClick to show it in War Room.`;
    this.item.backgroundColor = drill
      ? undefined
      : incident.severity === 'SEV1'
        ? new vscode.ThemeColor('statusBarItem.errorBackground')
        : incident.severity === 'SEV2'
          ? new vscode.ThemeColor('statusBarItem.warningBackground')
          : undefined;
    this.item.command = { command: 'warroom.focusIncident', title: 'Show incident', arguments: [{ incidentId: incident.id }] };
    this.item.accessibilityInformation = {
      label: `${drill ? 'Drill' : 'Active incident'} ${incident.severity}: ${incident.title}, ${incident.status}`,
    };
    this.item.show();
  }

  dispose(): void {
    clearInterval(this.timer);
    this.subscription.dispose();
    this.item.dispose();
  }
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
