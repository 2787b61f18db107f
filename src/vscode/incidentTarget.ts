// What a command acts on: the tree row it was invoked on, an `{incidentId}` argument (tests,
// keybindings, other commands), or, from the palette, the only active incident or a pick.
import * as vscode from 'vscode';
import { incidentIdFrom } from '../core/ids';
import { Incident, isActive } from '../core/incident';
import { UserFacingError } from './commandRegistry';
import { IncidentModel, IncidentRef } from './incidentModel';

export interface IncidentArgs {
  readonly incidentId?: string;
}

/** The incident a command was given, in the form ids are made in (a keybinding may pass `inc-…`). */
export function incidentIdOf(arg: unknown): string | undefined {
  if (typeof arg === 'string') {
    return incidentIdFrom(arg) || undefined;
  }
  if (typeof arg === 'object' && arg !== null && typeof (arg as IncidentArgs).incidentId === 'string') {
    return incidentIdFrom((arg as IncidentArgs).incidentId as string) || undefined;
  }
  return undefined;
}

export async function resolveIncident(
  model: IncidentModel,
  arg: unknown,
  options: { readonly filter?: (incident: Incident) => boolean; readonly placeHolder?: string; readonly preferred?: string } = {},
): Promise<IncidentRef | undefined> {
  const id = incidentIdOf(arg);
  if (id) {
    const ref = model.find(id);
    if (!ref) {
      throw new UserFacingError(`No incident ${id} in this workspace.`);
    }
    return ref;
  }
  const filter = options.filter ?? isActive;
  const candidates = model.all().filter((r) => filter(r.incident));
  if (candidates.length === 0) {
    throw new UserFacingError('There is no incident to act on. Declare one first.');
  }
  if (candidates.length === 1) {
    return candidates[0];
  }
  const multiRoot = (vscode.workspace.workspaceFolders?.length ?? 0) > 1;
  const items = candidates
    .sort((a, b) => Number(b.incident.id === options.preferred) - Number(a.incident.id === options.preferred))
    .map((ref) => ({
      label: `${ref.incident.severity} ${ref.incident.title}`,
      description: `${ref.incident.status} · ${ref.incident.id}${multiRoot ? ` · ${ref.folder.name}` : ''}`,
      ref,
    }));
  const pick = await vscode.window.showQuickPick(items, {
    placeHolder: options.placeHolder ?? 'Which incident?',
    matchOnDescription: true,
    // A panel that had focus before the command palette takes it back as the palette closes; without
    // this the picker would close the moment it opened and the command would do nothing.
    ignoreFocusOut: true,
  });
  return pick?.ref;
}
