// The stakeholder update cadence in sight: a status bar countdown to the next update of the
// current incident, and one notification per due time for every active incident.
import * as vscode from 'vscode';
import { isActive } from '../../core/incident';
import { Severity } from '../../core/severity';
import { formatDuration } from '../../core/time';
import { countdown, resolveCadence, UpdateCadence, updateSchedule } from '../../core/updateCadence';
import { IncidentModel, IncidentRef } from '../incidentModel';

/** Seconds matter only near the due time; a 10 s tick keeps "1m" from lingering for a minute. */
const TICK_MS = 10_000;

export function cadenceFromSettings(): UpdateCadence {
  const overrides = vscode.workspace.getConfiguration('warroom').get<Partial<Record<Severity, unknown>>>('updates.cadenceMinutes') ?? {};
  return resolveCadence(overrides);
}

export class UpdateCadenceWatch implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('warroom.nextUpdate', vscode.StatusBarAlignment.Left, 99);
  private readonly timer: NodeJS.Timeout;
  private readonly subscriptions: vscode.Disposable[];
  /** `incidentId|dueAt` already announced: each due time is announced once. */
  private readonly announced = new Set<string>();

  constructor(
    private readonly model: IncidentModel,
    private readonly currentIncident: () => IncidentRef | undefined,
    private readonly cadence: () => UpdateCadence,
  ) {
    this.item.name = 'War Room: next stakeholder update';
    this.subscriptions = [
      model.onDidChange(() => this.update()),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('warroom.updates')) {
          this.update();
        }
      }),
    ];
    this.timer = setInterval(() => this.update(), TICK_MS);
    this.update();
  }

  /** What the status bar shows now (for tests), or undefined when hidden. */
  text(): string | undefined {
    return this.item.text && this.visible ? this.item.text : undefined;
  }

  private visible = false;

  update(now = new Date()): void {
    const cadence = this.cadence();
    this.showCountdown(this.currentIncident(), cadence, now);
    for (const ref of this.model.all()) {
      if (isActive(ref.incident)) {
        this.announceIfDue(ref, cadence, now);
      }
    }
  }

  private showCountdown(ref: IncidentRef | undefined, cadence: UpdateCadence, now: Date): void {
    const schedule = ref && updateSchedule(ref.incident, cadence);
    const left = countdown(schedule?.dueAt, now);
    if (!ref || left.state === 'none') {
      this.item.hide();
      this.visible = false;
      return;
    }
    const overdue = left.state === 'overdue';
    this.item.text = overdue
      ? `$(megaphone) Update overdue ${formatDuration(left.ms)}`
      : `$(megaphone) Update in ${formatDuration(left.ms)}`;
    this.item.tooltip =
      `${ref.incident.severity} ${ref.incident.title}\nStakeholder updates every ${schedule?.cadenceMinutes ?? '?'} min; ` +
      `the last one went out ${new Date(schedule?.lastUpdateAt ?? ref.incident.declaredAt).toLocaleTimeString()}.\nClick to compose the next one.`;
    this.item.backgroundColor = overdue ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    this.item.command = { command: 'warroom.composeUpdate', title: 'Compose status update', arguments: [{ incidentId: ref.incident.id }] };
    this.item.accessibilityInformation = {
      label: overdue
        ? `Stakeholder update overdue by ${formatDuration(left.ms)}`
        : `Next stakeholder update due in ${formatDuration(left.ms)}`,
    };
    this.item.show();
    this.visible = true;
  }

  private announceIfDue(ref: IncidentRef, cadence: UpdateCadence, now: Date): void {
    const schedule = updateSchedule(ref.incident, cadence);
    if (countdown(schedule.dueAt, now).state !== 'overdue') {
      return;
    }
    const key = `${ref.incident.id}|${schedule.dueAt}`;
    if (this.announced.has(key)) {
      return;
    }
    this.announced.add(key);
    void vscode.window
      .showWarningMessage(
        `${ref.incident.severity} ${ref.incident.title}: a stakeholder update is due (every ${schedule.cadenceMinutes} min).`,
        'Compose update',
      )
      .then((choice) => choice && vscode.commands.executeCommand('warroom.composeUpdate', { incidentId: ref.incident.id }));
  }

  dispose(): void {
    clearInterval(this.timer);
    for (const s of this.subscriptions) {
      s.dispose();
    }
    this.item.dispose();
  }
}
