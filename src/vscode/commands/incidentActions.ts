// Set severity, set status, assign role, add note, resolve, reopen: each appends one event.
import * as vscode from 'vscode';
import { EntryKind, ENTRY_KINDS } from '../../core/events';
import { Incident, isActive } from '../../core/incident';
import { isRole, Role, ROLE_LABELS, ROLES } from '../../core/roles';
import { isSeverity, SEVERITIES, SEVERITY_INFO } from '../../core/severity';
import { isStatus, STATUS_INFO, STATUSES } from '../../core/status';
import { UserFacingError } from '../commandRegistry';
import { IncidentModel } from '../incidentModel';
import type { AlertsApi } from '../alerts';
import { featureApi } from '../featureApis';
import { resolveIncident } from '../incidentTarget';

type Args = Record<string, unknown>;

const argsOf = (arg: unknown): Args => (typeof arg === 'object' && arg !== null ? (arg as Args) : {});
const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

export class IncidentActions {
  constructor(
    private readonly model: IncidentModel,
    private readonly focused: () => string | undefined,
  ) {}

  private target(arg: unknown, filter?: (incident: Incident) => boolean) {
    return resolveIncident(this.model, arg, { filter, preferred: this.focused() });
  }

  setSeverity = async (arg?: unknown): Promise<void> => {
    const ref = await this.target(arg);
    if (!ref) {
      return;
    }
    let severity = argsOf(arg).severity;
    if (severity === undefined) {
      const pick = await vscode.window.showQuickPick(
        SEVERITIES.map((s) => ({
          label: s,
          detail: SEVERITY_INFO[s].definition,
          description: s === ref.incident.severity ? 'current' : undefined,
        })),
        { placeHolder: `Severity of "${ref.incident.title}"` },
      );
      severity = pick?.label;
    }
    if (severity === undefined) {
      return;
    }
    if (!isSeverity(severity)) {
      throw new UserFacingError(`Severity must be one of ${SEVERITIES.join(', ')}.`);
    }
    if (severity !== ref.incident.severity) {
      await this.model.append(ref, { type: 'severity_changed', severity });
    }
  };

  setStatus = async (arg?: unknown): Promise<void> => {
    const ref = await this.target(arg);
    if (!ref) {
      return;
    }
    let status = argsOf(arg).status;
    if (status === undefined) {
      const pick = await vscode.window.showQuickPick(
        STATUSES.filter((s) => s !== 'resolved').map((s) => ({
          label: s,
          detail: STATUS_INFO[s],
          description: s === ref.incident.status ? 'current' : undefined,
        })),
        { placeHolder: `Status of "${ref.incident.title}" (use Resolve Incident to resolve)` },
      );
      status = pick?.label;
    }
    if (status === undefined) {
      return;
    }
    if (!isStatus(status)) {
      throw new UserFacingError(`Status must be one of ${STATUSES.join(', ')}.`);
    }
    if (status === 'resolved') {
      return this.resolve({ incidentId: ref.incident.id });
    }
    if (status !== ref.incident.status) {
      await this.model.append(ref, { type: 'status_changed', status });
    }
  };

  assignRole = async (arg?: unknown): Promise<void> => {
    const ref = await this.target(arg);
    if (!ref) {
      return;
    }
    const args = argsOf(arg);
    let role = args.role;
    if (role === undefined) {
      const pick = await vscode.window.showQuickPick(
        ROLES.map((r) => ({
          label: ROLE_LABELS[r],
          description:
            ref.incident.roles
              .filter((h) => h.role === r)
              .map((h) => h.person)
              .join(', ') || undefined,
          role: r,
        })),
        { placeHolder: 'Which role?' },
      );
      role = pick?.role;
    }
    if (role === undefined) {
      return;
    }
    if (!isRole(role)) {
      throw new UserFacingError(`Unknown role "${String(role)}". Roles: ${ROLES.join(', ')}.`);
    }
    let person = text(args.person);
    if (person === undefined) {
      person = await vscode.window.showInputBox({
        prompt: `Who is ${ROLE_LABELS[role as Role]}?`,
        value: await this.model.userName(ref.folder),
        validateInput: (v) => (v.trim() ? undefined : 'A name is required'),
      });
    }
    if (!person?.trim()) {
      return;
    }
    await this.model.append(ref, { type: 'role_assigned', role, person: person.trim() });
  };

  addNote = async (arg?: unknown): Promise<void> => {
    const ref = await this.target(arg);
    if (!ref) {
      return;
    }
    const args = argsOf(arg);
    const kind = text(args.kind) ?? 'note';
    if (!(ENTRY_KINDS as readonly string[]).includes(kind)) {
      throw new UserFacingError(`Unknown entry kind "${kind}".`);
    }
    const note =
      text(args.text) ??
      (await vscode.window.showInputBox({
        prompt: `Timeline ${kind} for "${ref.incident.title}"`,
        placeHolder: 'Rolled back checkout to v2.4.0; error rate dropping',
        validateInput: (v) => (v.trim() ? undefined : 'Type the note, or press Escape'),
      }));
    if (!note?.trim()) {
      return;
    }
    await this.model.append(ref, { type: 'entry', kind: kind as EntryKind, text: note.trim() });
  };

  resolve = async (arg?: unknown): Promise<void> => {
    const ref = await this.target(arg);
    if (!ref) {
      return;
    }
    if (!isActive(ref.incident)) {
      throw new UserFacingError(`${ref.incident.title} is already resolved.`);
    }
    const resolution =
      text(argsOf(arg).resolution) ??
      (await vscode.window.showInputBox({
        title: `Resolve "${ref.incident.title}"`,
        prompt: 'In one line: what ended the customer impact?',
        placeHolder: 'Rolled back v2.4.1; pool size restored to 50',
        ignoreFocusOut: true,
        validateInput: (v) => (v.trim() ? undefined : 'A one-line resolution is required'),
      }));
    if (!resolution?.trim()) {
      return;
    }
    await this.model.append(ref, { type: 'resolved', resolution: resolution.trim() });
    void offerToResolvePages(ref.incident.id, ref.incident.title);
  };

  reopen = async (arg?: unknown): Promise<void> => {
    const ref = await this.target(arg, (i) => !isActive(i));
    if (!ref) {
      return;
    }
    if (isActive(ref.incident)) {
      throw new UserFacingError(`${ref.incident.title} is not resolved.`);
    }
    const reason = text(argsOf(arg).reason) ?? (await vscode.window.showInputBox({ prompt: 'Why reopen? (optional)' }));
    if (reason === undefined) {
      return;
    }
    await this.model.append(ref, { type: 'reopened', ...(reason.trim() ? { reason: reason.trim() } : {}) });
  };
}

/**
 * Says the incident is resolved and, when a PagerDuty incident or Opsgenie alert it is linked to is
 * still open there (the alerts feature's Incoming view), offers to resolve that too: the page would
 * otherwise keep escalating. The button runs Resolve Alert, which asks before it acts.
 */
async function offerToResolvePages(incidentId: string, title: string): Promise<void> {
  const alerts = featureApi('alerts') as Partial<AlertsApi> | undefined;
  const pages = typeof alerts?.openPages === 'function' ? alerts.openPages(incidentId) : [];
  if (pages.length === 0) {
    await vscode.window.showInformationMessage(`Resolved: ${title}`);
    return;
  }
  const [one] = pages;
  const button = pages.length === 1 ? `Resolve ${one.what}` : 'Resolve Linked Alerts…';
  const open = pages.length === 1 ? `${one.what} "${one.title}" is still open.` : `${pages.length} linked alerts are still open.`;
  if ((await vscode.window.showInformationMessage(`Resolved: ${title}. Its ${open}`, button)) === button) {
    await vscode.commands.executeCommand(
      'warroom.alerts.resolve',
      pages.length === 1 ? { source: one.source, alertId: one.alertId } : { incidentId },
    );
  }
}
