// Declare incident: one quick flow (title, severity, urgency, service, began, detected), or an
// argument object for scripts and tests. Returns the new incident's id.
import * as vscode from 'vscode';
import { titleProblem } from '../../core/incident';
import { knownServices } from '../../core/incidents';
import {
  isSeverity,
  isUrgency,
  priorityOf,
  Severity,
  SEVERITIES,
  SEVERITY_INFO,
  Urgency,
  URGENCIES,
  URGENCY_INFO,
} from '../../core/severity';
import { parseWhen, TIME_INPUT_HELP } from '../../core/time';
import { localUtcOffsetMinutes } from '../localZone';
import { timeInputMessage } from '../timeInput';
import { UserFacingError } from '../commandRegistry';
import { IncidentModel } from '../incidentModel';

export interface DeclareArgs {
  readonly title?: string;
  readonly severity?: string;
  readonly urgency?: string;
  readonly service?: string;
  /** ISO, or anything parseWhen reads ("20m ago"). */
  readonly startedAt?: string;
  readonly detectedAt?: string;
  /** Workspace folder name or path, in multi-root workspaces. */
  readonly folder?: string;
}

interface Declaration {
  title: string;
  severity: Severity;
  urgency: Urgency;
  service: string;
  startedAt: Date;
  detectedAt: Date;
}

const LAST_SERVICE_KEY = 'warroom.lastService';
const STEPS = 6;

export function declareCommand(
  model: IncidentModel,
  memento: vscode.Memento,
  onDeclared: (incidentId: string, folder: vscode.WorkspaceFolder) => void,
) {
  return async (arg?: unknown): Promise<string | undefined> => {
    const args: DeclareArgs = typeof arg === 'object' && arg !== null ? (arg as DeclareArgs) : {};
    const folder = await pickFolder(args.folder);
    if (!folder) {
      return undefined;
    }
    const now = new Date();
    const declaration = hasAllFields(args) ? fromArgs(args, now) : await askDeclaration(model, memento, now);
    if (!declaration) {
      return undefined;
    }
    const id = await model.declare(
      folder,
      {
        type: 'declared',
        title: declaration.title,
        severity: declaration.severity,
        urgency: declaration.urgency,
        service: declaration.service,
        startedAt: declaration.startedAt.toISOString(),
        detectedAt: declaration.detectedAt.toISOString(),
        utcOffsetMinutes: localUtcOffsetMinutes(now),
      },
      now,
    );
    await memento.update(LAST_SERVICE_KEY, declaration.service);
    onDeclared(id, folder);
    void vscode.window.showInformationMessage(
      `Declared ${declaration.severity} (${priorityOf(declaration.severity, declaration.urgency)}): ${declaration.title}`,
    );
    return id;
  };
}

function hasAllFields(args: DeclareArgs): boolean {
  return args.title !== undefined && args.severity !== undefined;
}

function fromArgs(args: DeclareArgs, now: Date): Declaration {
  const title = args.title?.trim() ?? '';
  if (!title) {
    throw new UserFacingError('An incident needs a title.');
  }
  if (!isSeverity(args.severity)) {
    throw new UserFacingError(`Severity must be one of ${SEVERITIES.join(', ')}, not "${args.severity}".`);
  }
  const urgency = args.urgency ?? 'high';
  if (!isUrgency(urgency)) {
    throw new UserFacingError(`Urgency must be one of ${URGENCIES.join(', ')}, not "${urgency}".`);
  }
  return {
    title,
    severity: args.severity,
    urgency,
    service: args.service?.trim() ?? '',
    startedAt: timeOrThrow(args.startedAt ?? '', now, 'began'),
    detectedAt: timeOrThrow(args.detectedAt ?? '', now, 'detected'),
  };
}

function timeOrThrow(text: string, now: Date, what: string): Date {
  const parsed = parseWhen(text, now);
  if ('error' in parsed) {
    throw new UserFacingError(`When it ${what}: ${parsed.error}`);
  }
  return parsed.time;
}

export async function pickFolder(nameOrPath: string | undefined): Promise<vscode.WorkspaceFolder | undefined> {
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (folders.length === 0) {
    throw new UserFacingError('Open a folder first: incidents are kept as files in the workspace.');
  }
  if (nameOrPath) {
    const match = folders.find((f) => f.name === nameOrPath || f.uri.fsPath === nameOrPath);
    if (!match) {
      throw new UserFacingError(`No workspace folder "${nameOrPath}".`);
    }
    return match;
  }
  if (folders.length === 1) {
    return folders[0];
  }
  return vscode.window.showWorkspaceFolderPick({ placeHolder: 'Which workspace folder does this incident belong to?' });
}

async function askDeclaration(model: IncidentModel, memento: vscode.Memento, now: Date): Promise<Declaration | undefined> {
  const title = await vscode.window.showInputBox({
    title: `Declare incident (1/${STEPS})`,
    prompt: 'What is broken, as customers see it?',
    placeHolder: 'Checkout returns 500 for all card payments',
    ignoreFocusOut: true,
    validateInput: titleProblem,
  });
  if (title === undefined) {
    return undefined;
  }
  const severity = await vscode.window.showQuickPick(
    SEVERITIES.map((s) => ({ label: s, detail: SEVERITY_INFO[s].definition, severity: s })),
    { title: `Declare incident (2/${STEPS}): severity`, placeHolder: 'How bad is it?', ignoreFocusOut: true, matchOnDetail: true },
  );
  if (!severity) {
    return undefined;
  }
  const urgency = await vscode.window.showQuickPick(
    URGENCIES.map((u) => ({
      label: u[0].toUpperCase() + u.slice(1),
      detail: URGENCY_INFO[u],
      description: `priority ${priorityOf(severity.severity, u)}`,
      urgency: u,
    })),
    { title: `Declare incident (3/${STEPS}): urgency`, placeHolder: 'How fast must it be handled?', ignoreFocusOut: true },
  );
  if (!urgency) {
    return undefined;
  }
  const service = await pickService(model, memento);
  if (service === undefined) {
    return undefined;
  }
  const startedAt = await askTime(`Declare incident (5/${STEPS}): when did it begin?`, now);
  if (!startedAt) {
    return undefined;
  }
  const detectedAt = await askTime(`Declare incident (6/${STEPS}): when was it detected?`, now);
  if (!detectedAt) {
    return undefined;
  }
  return { title: title.trim(), severity: severity.severity, urgency: urgency.urgency, service, startedAt, detectedAt };
}

async function pickService(model: IncidentModel, memento: vscode.Memento): Promise<string | undefined> {
  const configured = Object.keys(vscode.workspace.getConfiguration('warroom').get<Record<string, unknown>>('services') ?? {});
  const last = memento.get<string>(LAST_SERVICE_KEY);
  const known = [...new Set([...(last ? [last] : []), ...knownServices(model.all().map((r) => r.incident)), ...configured])];
  const quickPick = vscode.window.createQuickPick<vscode.QuickPickItem>();
  quickPick.title = `Declare incident (4/${STEPS}): service`;
  quickPick.placeholder = known.length ? 'Pick the affected service, or type a new one' : 'Type the affected service (e.g. checkout)';
  quickPick.ignoreFocusOut = true;
  const knownItems = known.map((label) => ({ label }));
  quickPick.items = knownItems;
  quickPick.onDidChangeValue((value) => {
    const typed = value.trim();
    quickPick.items = typed && !known.includes(typed) ? [{ label: typed, description: 'new service' }, ...knownItems] : knownItems;
  });
  return new Promise((resolve) => {
    let result: string | undefined;
    quickPick.onDidAccept(() => {
      result = quickPick.selectedItems[0]?.label ?? quickPick.value.trim();
      quickPick.hide();
    });
    quickPick.onDidHide(() => {
      quickPick.dispose();
      resolve(result);
    });
    quickPick.show();
  });
}

export async function askTime(title: string, now: Date): Promise<Date | undefined> {
  const text = await vscode.window.showInputBox({
    title,
    placeHolder: 'now',
    prompt: `Press Enter for now, or type ${TIME_INPUT_HELP}`,
    ignoreFocusOut: true,
    // Echoes how the input was read, so "9:40" at 00:10 visibly means last night.
    validateInput: (value) => timeInputMessage(parseWhen(value, now), true),
  });
  if (text === undefined) {
    return undefined;
  }
  const parsed = parseWhen(text, now);
  return 'time' in parsed ? parsed.time : undefined;
}
