// The action item commands, one function each: add (palette, incident tree, timeline row), change,
// close by hand with a reason, reopen, accept an AI-proposed item, open, and the overdue digest.
// Arguments given by a caller (tests, keybindings, other commands) skip the prompts they answer.
import { randomBytes } from 'node:crypto';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { reviewOf } from '../learning/reviewChecks';
import {
  ACTION_ITEM_EVENTS,
  ACTION_ITEM_KINDS,
  ACTION_ITEM_PRIORITIES,
  ActionItemAddedEvent,
  ActionItemChangedEvent,
  ActionItemClosedEvent,
  ActionItemFields,
  ActionItemOutcome,
  ActionItemReopenedEvent,
  actionItemIdOf,
  newActionItemId,
} from '../../core/learning/actionItems';
import {
  actionFieldsProblem,
  fileLineOf,
  overdueDigest,
  closeProblem,
  reopenProblem,
  TrackedActionItem,
  trackActionItems,
} from '../../core/learning/actionTracking';
import { isWebUrl } from '../../core/timelineView';
import { UserFacingError } from '../commandRegistry';
import { IncidentModel, IncidentRef } from '../incidentModel';
import { incidentIdOf, resolveIncident } from '../incidentTarget';
import { openNewDocument } from '../newDocument';
import { OPEN_COMMIT_COMMAND } from '../panels/jumps';

export interface ActionItemDeps {
  readonly model: IncidentModel;
  readonly focused: () => string | undefined;
  readonly now: () => Date;
  readonly overdueDays: () => number;
}

/** What a command acts on: a view row, a timeline row's context (`eventId`), or plain arguments. */
interface ActionArgs extends Partial<ActionItemFields> {
  readonly incidentId?: string;
  readonly itemId?: string;
  readonly eventId?: string;
  readonly outcome?: ActionItemOutcome;
  readonly reason?: string;
}

/**
 * An item id is read as the CLI reads it (`actionItemIdOf`): a keybinding or a command URI may pass
 * `act-k3m9qz7p` in any case, spaces around it; the item is `ACT-k3m9qz7p`.
 */
function actionArgs(arg: unknown): ActionArgs {
  if (typeof arg === 'string') {
    const typed = arg.trim();
    return /^act-/i.test(typed) ? { itemId: actionItemIdOf(typed) } : { incidentId: arg };
  }
  if (typeof arg !== 'object' || arg === null) {
    return {};
  }
  const args = arg as ActionArgs;
  return typeof args.itemId === 'string' ? { ...args, itemId: actionItemIdOf(args.itemId.trim()) } : args;
}

const anyIncident = (): boolean => true;
const today = (now: Date) => now.toISOString().slice(0, 10);

/** The incident a timeline row's event belongs to (event ids are unique across incidents). */
function incidentOfEvent(model: IncidentModel, eventId: string): IncidentRef | undefined {
  return model.all().find((ref) => ref.incident.events.some((e) => e.id === eventId));
}

async function ask(prompt: string, options: Omit<vscode.InputBoxOptions, 'prompt'> = {}): Promise<string | undefined> {
  return vscode.window.showInputBox({ prompt, ignoreFocusOut: true, ...options });
}

const dueProblem = (value: string) => (value.trim() === '' ? undefined : actionFieldsProblem({ due: value.trim() }, false));

/** The links a timeline event already carries, as an item's links. */
function linksOfEvent(ref: IncidentRef, eventId: string): { text?: string; links: string[] } {
  const event = ref.incident.events.find((e) => e.id === eventId) as unknown as Record<string, unknown> | undefined;
  if (!event) {
    return { links: [] };
  }
  const links: string[] = [];
  if (typeof event.file === 'string') {
    links.push(typeof event.line === 'number' ? `${event.file}:${event.line}` : event.file);
  }
  if (typeof event.url === 'string') {
    links.push(event.url);
  }
  return { ...(typeof event.text === 'string' ? { text: event.text } : {}), links };
}

/** The incident of the review in the active editor (its front matter), and the selected text, one line. */
function fromReview(model: IncidentModel): { ref: IncidentRef; selection?: string } | undefined {
  const editor = vscode.window.activeTextEditor;
  const id = editor ? reviewOf(editor.document) : undefined;
  const ref = id ? model.find(id) : undefined;
  if (!editor || !ref) {
    return undefined;
  }
  const selection = editor.document.getText(editor.selection).replace(/\s+/g, ' ').trim().slice(0, 300);
  return { ref, ...(selection ? { selection } : {}) };
}

/** Add Action Item: on the incident (or the timeline row's incident), fields asked for unless given. */
export async function addActionItem(deps: ActionItemDeps, arg?: unknown): Promise<string | undefined> {
  const args = actionArgs(arg);
  const fromEvent = args.eventId && !args.incidentId ? incidentOfEvent(deps.model, args.eventId) : undefined;
  if (args.eventId && !args.incidentId && !fromEvent) {
    throw new UserFacingError(`No incident has the event ${args.eventId}.`);
  }
  // From the review: run in a review file, the item goes to the incident it reviews, titled by the selection.
  const review = !args.incidentId && !args.eventId ? fromReview(deps.model) : undefined;
  const ref =
    fromEvent ??
    review?.ref ??
    (await resolveIncident(deps.model, incidentIdOf(args), {
      filter: anyIncident,
      preferred: deps.focused(),
      placeHolder: 'Add an action item to which incident?',
    }));
  if (!ref) {
    return undefined;
  }
  const event: { text?: string; links: string[] } = args.eventId
    ? linksOfEvent(ref, args.eventId)
    : { ...(review?.selection ? { text: review.selection } : {}), links: [] };
  const title =
    args.title ??
    (await ask('What needs doing?', { value: event.text, validateInput: (v) => (v.trim() ? undefined : 'A title is needed') }));
  if (!title?.trim()) {
    return undefined;
  }
  const kind =
    args.kind ??
    (
      await vscode.window.showQuickPick(
        ACTION_ITEM_KINDS.map((k) => ({ label: k })),
        { placeHolder: 'Kind: mitigate, prevent, detect or process', ignoreFocusOut: true },
      )
    )?.label;
  if (!kind) {
    return undefined;
  }
  const interactive = args.title === undefined;
  const owner =
    args.owner ?? (interactive ? await ask('Owner (empty: nobody yet)', { value: await deps.model.userName(ref.folder) }) : undefined);
  if (interactive && owner === undefined) {
    return undefined;
  }
  const due =
    args.due ??
    (interactive
      ? await ask('Due date, YYYY-MM-DD (empty: none)', { validateInput: dueProblem, placeHolder: today(deps.now()) })
      : undefined);
  if (interactive && due === undefined) {
    return undefined;
  }
  const priority =
    args.priority ??
    (interactive
      ? (
          await vscode.window.showQuickPick(
            ACTION_ITEM_PRIORITIES.map((p) => ({ label: p })),
            { placeHolder: 'Priority (Escape: none)', ignoreFocusOut: true },
          )
        )?.label
      : undefined);
  const typedLinks =
    args.links ?? (interactive ? splitLinks((await ask('Links: issue or PR URLs, path:line (comma separated, optional)')) ?? '') : []);
  const links = [...new Set([...event.links, ...typedLinks])];
  const fields = {
    title: title.trim(),
    kind,
    ...(owner?.trim() ? { owner: owner.trim() } : {}),
    ...(due?.trim() ? { due: due.trim() } : {}),
    ...(priority ? { priority } : {}),
    ...(links.length ? { links } : {}),
    ...(args.aiGenerated ? { aiGenerated: true } : {}),
  } as ActionItemFields;
  const problem = actionFieldsProblem(fields, true);
  if (problem) {
    throw new UserFacingError(`The action item was not added: ${problem}.`);
  }
  const itemId = newActionItemId(randomBytes(5));
  await deps.model.append<ActionItemAddedEvent>(ref, { type: ACTION_ITEM_EVENTS.added, itemId, ...fields });
  return itemId;
}

function splitLinks(text: string): string[] {
  return text
    .split(/[,\s]+/)
    .map((l) => l.trim())
    .filter(Boolean);
}

/** The item the arguments name, or a pick among the items `which` allows. */
async function resolveItem(
  deps: ActionItemDeps,
  args: ActionArgs,
  which: (item: TrackedActionItem) => boolean,
  placeHolder: string,
): Promise<{ ref: IncidentRef; item: TrackedActionItem } | undefined> {
  const refs = args.incidentId ? [deps.model.find(args.incidentId)].filter((r): r is IncidentRef => r !== undefined) : deps.model.all();
  const items = trackActionItems(
    refs.map((r) => r.incident),
    deps.now(),
  );
  const withRef = (item: TrackedActionItem) => ({ ref: refs.find((r) => r.incident.id === item.incidentId) as IncidentRef, item });
  if (args.itemId) {
    const item = items.find((i) => i.id === args.itemId);
    if (!item) {
      throw new UserFacingError(`No action item ${args.itemId}${args.incidentId ? ` in ${args.incidentId}` : ''}.`);
    }
    return withRef(item);
  }
  const candidates = items.filter(which);
  if (candidates.length === 0) {
    throw new UserFacingError('There is no action item to act on.');
  }
  const pick = await vscode.window.showQuickPick(
    candidates.map((item) => ({
      label: item.title,
      description: `${item.id} · ${item.owner ?? 'no owner'}`,
      detail: `${item.incidentId} ${item.incidentTitle}`,
      item,
    })),
    { placeHolder, matchOnDescription: true, matchOnDetail: true, ignoreFocusOut: true },
  );
  return pick && withRef(pick.item);
}

const isOpen = (item: TrackedActionItem) => item.status === 'open';

/** Close Action Item: done or won't do, with a reason (by hand; commits close through their trailer). */
export async function closeActionItem(deps: ActionItemDeps, arg?: unknown): Promise<boolean> {
  const args = actionArgs(arg);
  const target = await resolveItem(deps, args, isOpen, 'Close which action item?');
  if (!target) {
    return false;
  }
  const problem = closeProblem(target.item);
  if (problem) {
    throw new UserFacingError(`${problem}; Reopen Action Item opens it again.`);
  }
  const outcome =
    args.outcome ??
    (
      await vscode.window.showQuickPick(
        [
          { label: 'Done', outcome: 'done' as const },
          { label: "Won't do", outcome: 'wont_do' as const },
        ],
        { placeHolder: `Close "${target.item.title}" as...`, ignoreFocusOut: true },
      )
    )?.outcome;
  if (!outcome) {
    return false;
  }
  const reason =
    args.reason ??
    (await ask(outcome === 'done' ? 'How was it done?' : "Why won't it be done?", {
      validateInput: (v) => (v.trim() ? undefined : 'A reason is needed'),
    }));
  if (!reason?.trim()) {
    return false;
  }
  await deps.model.append<ActionItemClosedEvent>(target.ref, {
    type: ACTION_ITEM_EVENTS.closed,
    itemId: target.item.id,
    outcome,
    reason: reason.trim(),
  });
  return true;
}

/** Reopen Action Item: a closed item is open again, with the reason if one is given; an open one is refused. */
export async function reopenActionItem(deps: ActionItemDeps, arg?: unknown): Promise<boolean> {
  const args = actionArgs(arg);
  const target = await resolveItem(deps, args, (i) => !isOpen(i), 'Reopen which action item?');
  if (!target) {
    return false;
  }
  // An item named by its id may be open: refused as `warroom actions reopen` refuses it, nothing written.
  const problem = reopenProblem(target.item);
  if (problem) {
    throw new UserFacingError(`${problem}.`);
  }
  const reason = args.reason ?? (await ask('Why reopen it? (optional)'));
  if (reason === undefined) {
    return false;
  }
  await deps.model.append<ActionItemReopenedEvent>(target.ref, {
    type: ACTION_ITEM_EVENTS.reopened,
    itemId: target.item.id,
    ...(reason.trim() ? { reason: reason.trim() } : {}),
  });
  return true;
}

const EDITABLE = ['title', 'kind', 'owner', 'due', 'priority', 'links'] as const;

/** Change Action Item: the fields given, or one field picked and typed. */
export async function changeActionItem(deps: ActionItemDeps, arg?: unknown): Promise<boolean> {
  const args = actionArgs(arg);
  const target = await resolveItem(deps, args, () => true, 'Change which action item?');
  if (!target) {
    return false;
  }
  let changes: Partial<ActionItemFields> = Object.fromEntries(EDITABLE.filter((f) => args[f] !== undefined).map((f) => [f, args[f]]));
  if (Object.keys(changes).length === 0) {
    const field = (
      await vscode.window.showQuickPick(
        EDITABLE.map((f) => ({ label: f, description: String(target.item[f] ?? '') })),
        { placeHolder: `Change what of "${target.item.title}"?`, ignoreFocusOut: true },
      )
    )?.label;
    if (!field) {
      return false;
    }
    const choices = field === 'kind' ? ACTION_ITEM_KINDS : field === 'priority' ? ACTION_ITEM_PRIORITIES : undefined;
    const value = choices
      ? (
          await vscode.window.showQuickPick(
            choices.map((c) => ({ label: c })),
            { ignoreFocusOut: true },
          )
        )?.label
      : await ask(`New ${field}`, {
          value: field === 'links' ? (target.item.links ?? []).join(', ') : String(target.item[field] ?? ''),
          validateInput: field === 'due' ? dueProblem : undefined,
        });
    if (value === undefined) {
      return false;
    }
    changes = { [field]: field === 'links' ? splitLinks(value) : value.trim() };
  }
  const problem = actionFieldsProblem(changes, false);
  if (problem) {
    throw new UserFacingError(`${target.item.id} was not changed: ${problem}.`);
  }
  await deps.model.append<ActionItemChangedEvent>(target.ref, { type: ACTION_ITEM_EVENTS.changed, itemId: target.item.id, ...changes });
  return true;
}

/** Accept an item a language model proposed: a person now stands behind it. */
export async function acceptActionItem(deps: ActionItemDeps, arg?: unknown): Promise<boolean> {
  const target = await resolveItem(deps, actionArgs(arg), (i) => i.aiGenerated === true, 'Accept which proposed action item?');
  if (!target) {
    return false;
  }
  await deps.model.append<ActionItemChangedEvent>(target.ref, {
    type: ACTION_ITEM_EVENTS.changed,
    itemId: target.item.id,
    aiGenerated: false,
  });
  return true;
}

/** Opens what an item leads to: the closing commit, its first link (a file line or a web page), else its incident's timeline. */
export async function openActionItem(deps: ActionItemDeps, arg?: unknown): Promise<void> {
  const target = await resolveItem(deps, actionArgs(arg), () => true, 'Open which action item?');
  if (!target) {
    return;
  }
  const { ref, item } = target;
  if (item.sha) {
    await vscode.commands.executeCommand(OPEN_COMMIT_COMMAND, { incidentId: ref.incident.id, sha: item.sha });
    return;
  }
  for (const link of item.links ?? []) {
    const fileLine = fileLineOf(link);
    if (fileLine) {
      const root = ref.folder.uri.fsPath;
      const file = path.resolve(root, fileLine.file);
      if (path.relative(root, file).startsWith('..')) {
        continue; // a teammate's link leads outside the folder: not followed
      }
      const at = new vscode.Position(fileLine.line - 1, 0);
      await vscode.window.showTextDocument(vscode.Uri.file(file), { selection: new vscode.Range(at, at), preview: true });
      return;
    }
    if (isWebUrl(link)) {
      await vscode.env.openExternal(vscode.Uri.parse(link));
      return;
    }
  }
  await vscode.commands.executeCommand('warroom.openTimeline', { incidentId: ref.incident.id });
}

/** Action Items Digest: items overdue by more than the setting's days, by owner, in a new Markdown document. */
export async function actionItemsDigest(deps: ActionItemDeps): Promise<vscode.TextDocument> {
  const now = deps.now();
  const items = trackActionItems(
    deps.model.all().map((r) => r.incident),
    now,
  );
  const document = await openNewDocument(
    vscode.workspace.workspaceFolders?.[0]?.uri ?? vscode.Uri.file(os.homedir()),
    `action-items-digest-${now.toISOString().slice(0, 10)}`,
    '.md',
    overdueDigest(items, now, deps.overdueDays()),
  );
  await vscode.window.showTextDocument(document, { preview: false });
  return document;
}
