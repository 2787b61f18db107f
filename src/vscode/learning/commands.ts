// The learning commands: set / correct / clear a milestone, mark a timeline event as one, draft the
// post-incident review, and set its status. One function per command, each taking its deps.
import * as path from 'node:path';
import * as vscode from 'vscode';
import {
  isMilestone,
  Milestone,
  MILESTONE_EVENT,
  MILESTONE_LABELS,
  MilestoneSetEvent,
  MILESTONES,
  milestonesOf,
  milestoneTooEarly,
} from '../../core/learning/milestones';
import { REVIEW_STATUSES, ReviewStatus, reviewStatus } from '../../core/learning/review';
import { milestoneTime } from './milestonesSection';
import { parseWhen, TIME_INPUT_HELP } from '../../core/time';
import { timeInputMessage } from '../timeInput';
import { describeEvent, happenedAt } from '../../core/timeline';
import { UserFacingError } from '../commandRegistry';
import { happened } from '../gettingStarted';
import { IncidentModel, IncidentRef } from '../incidentModel';
import { incidentIdOf, resolveIncident } from '../incidentTarget';
import { learningAdapter } from '../lazyAdapters';
import { ModalChoice } from '../modalChoice';

export interface LearningDeps {
  readonly model: IncidentModel;
  readonly focused: () => string | undefined;
  readonly now: () => Date;
  /** Asks before a milestone far before the incident is set (the tests answer with their own). */
  readonly prompts: () => ModalChoice;
}

export const SET_ANYWAY_BUTTON = 'Set It Anyway';

/** `{incidentId, milestone?, at?, eventId?, clear?}` from a tree row, a test or a keybinding. */
interface MilestoneArgs {
  readonly incidentId?: string;
  readonly milestone?: string;
  /** A time as typed (parseWhen), or ISO. */
  readonly at?: string;
  readonly eventId?: string;
  readonly clear?: boolean;
}

function argsOf(arg: unknown): MilestoneArgs {
  if (typeof arg !== 'object' || arg === null) {
    return typeof arg === 'string' ? { incidentId: arg } : {};
  }
  const a = arg as Record<string, unknown>;
  // A tree row: its data is the milestone row or the timeline event.
  const data = (a.data ?? {}) as Record<string, unknown>;
  const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
  return {
    incidentId: incidentIdOf(arg),
    milestone: str(a.milestone) ?? str(data.milestone),
    at: str(a.at),
    eventId: str(a.eventId) ?? (data.type !== undefined && data.milestone === undefined ? str(data.id) : undefined),
    clear: a.clear === true,
  };
}

async function pickMilestone(ref: IncidentRef, title: string): Promise<Milestone | undefined> {
  const { values } = milestonesOf(ref.incident);
  const pick = await vscode.window.showQuickPick(
    MILESTONES.map((m) => ({ label: MILESTONE_LABELS[m], description: values[m] ? milestoneTime(values[m].at) : 'missing', milestone: m })),
    { placeHolder: title, ignoreFocusOut: true },
  );
  return pick?.milestone;
}

/** Sets, corrects or clears a milestone: a new `milestone_set` event each time (the old one stays). */
export async function setMilestone(deps: LearningDeps, arg: unknown): Promise<MilestoneSetEvent | undefined> {
  const a = argsOf(arg);
  const ref = await resolveIncident(deps.model, a.incidentId ? { incidentId: a.incidentId } : undefined, {
    filter: () => true,
    preferred: deps.focused(),
    placeHolder: 'Set a milestone of which incident?',
  });
  if (!ref) {
    return undefined;
  }
  if (a.milestone !== undefined && !isMilestone(a.milestone)) {
    throw new UserFacingError(`"${a.milestone}" is not a milestone; use one of ${MILESTONES.join(', ')}.`);
  }
  const event = a.eventId ? ref.incident.events.find((e) => e.id === a.eventId) : undefined;
  if (a.eventId && !event) {
    throw new UserFacingError(`No event ${a.eventId} in ${ref.incident.id}.`);
  }
  const milestone =
    (a.milestone as Milestone | undefined) ??
    (await pickMilestone(ref, event ? `Mark "${describeEvent(event).text.slice(0, 60)}" as…` : 'Which milestone?'));
  if (!milestone) {
    return undefined;
  }
  let input: Omit<MilestoneSetEvent, 'id' | 'ts' | 'author'>;
  if (a.clear) {
    input = { type: MILESTONE_EVENT, milestone, cleared: true };
  } else if (event) {
    // When the event happened: a deploy recorded after the fact marks the time it went out, not when it was written.
    input = { type: MILESTONE_EVENT, milestone, at: new Date(happenedAt(event)).toISOString(), eventId: event.id };
  } else {
    const current = milestonesOf(ref.incident).values[milestone];
    const typed =
      a.at ??
      (await vscode.window.showInputBox({
        title: `${MILESTONE_LABELS[milestone]}: when?`,
        prompt: `${TIME_INPUT_HELP}. Type "clear" to withdraw it.`,
        value: current ? current.at : 'now',
        ignoreFocusOut: true,
        validateInput: (v) => (v.trim() === 'clear' ? undefined : timeInputMessage(parseWhen(v, deps.now()), false)),
      }));
    if (typed === undefined) {
      return undefined;
    }
    if (typed.trim() === 'clear') {
      input = { type: MILESTONE_EVENT, milestone, cleared: true };
    } else {
      const parsed = parseWhen(typed, deps.now());
      if ('error' in parsed) {
        throw new UserFacingError(parsed.error);
      }
      // As `warroom milestone` refuses it without --long-ago: asked before anything is written.
      const tooEarly = milestoneTooEarly(ref.incident, milestone, parsed.time);
      if (
        tooEarly &&
        (await deps
          .prompts()
          .choose(`War Room: ${tooEarly}.`, `${SET_ANYWAY_BUTTON} records it at that time; Cancel sets nothing.`, [SET_ANYWAY_BUTTON])) !==
          SET_ANYWAY_BUTTON
      ) {
        return undefined;
      }
      input = { type: MILESTONE_EVENT, milestone, at: parsed.time.toISOString() };
    }
  }
  const written = await deps.model.append<MilestoneSetEvent>(ref, input);
  const after = deps.model.find(ref.incident.id);
  const warning = after && milestonesOf(after.incident).warnings.find((w) => w.milestone === milestone);
  if (warning) {
    void vscode.window.showWarningMessage(`War Room: ${warning.message}. Kept as you set it; correct it if it is wrong.`);
  }
  return written;
}

/** The reviews folder of a workspace folder (setting `warroom.reviews.folder`), inside it. */
export function reviewsFolderOf(folder: vscode.WorkspaceFolder): string {
  const setting = vscode.workspace.getConfiguration('warroom', folder).get<string>('reviews.folder');
  try {
    return learningAdapter().reviewsFolder(folder.uri.fsPath, setting);
  } catch (error) {
    throw new UserFacingError((error as Error).message);
  }
}

/**
 * Drafts the review, or refreshes War Room's blocks in it, and opens it beside its preview. An open
 * document with unsaved edits is merged in the editor, so nothing typed is lost.
 */
export async function draftReview(deps: LearningDeps, arg: unknown): Promise<vscode.Uri | undefined> {
  const ref = await resolveIncident(deps.model, arg, {
    filter: () => true,
    preferred: deps.focused(),
    placeHolder: 'Draft the review of which incident?',
  });
  if (!ref) {
    return undefined;
  }
  const adapter = learningAdapter();
  const dir = reviewsFolderOf(ref.folder);
  const found = adapter.findReviewFile(dir, ref.incident);
  const open = vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'file' && d.uri.fsPath === found.file);
  let uri: vscode.Uri;
  if (open?.isDirty) {
    const reviewDir = path.relative(ref.folder.uri.fsPath, path.dirname(found.file)).split(path.sep).join('/');
    const merged = adapter.mergeReview(open.getText(), ref.incident, { reviewDir });
    const edit = new vscode.WorkspaceEdit();
    edit.replace(open.uri, new vscode.Range(0, 0, open.lineCount, 0), merged.text);
    await vscode.workspace.applyEdit(edit);
    uri = open.uri;
  } else {
    try {
      uri = vscode.Uri.file(adapter.draftReview(ref.folder.uri.fsPath, dir, ref.incident).file);
    } catch (error) {
      throw new UserFacingError(error instanceof adapter.ReviewFileError ? error.message : `Could not write the review: ${String(error)}`);
    }
  }
  const doc = await vscode.workspace.openTextDocument(uri);
  await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.One, preview: false });
  await vscode.commands.executeCommand('markdown.showPreviewToSide', uri);
  happened('reviewDrafted');
  return uri;
}

/** Sets the review's status line; "complete" is refused while a required section is empty. */
export async function setReviewStatus(_deps: LearningDeps, arg: unknown): Promise<ReviewStatus | undefined> {
  // The editor title passes the document's Uri; tests and keybindings `{uri, status}`.
  const a = (typeof arg === 'object' && arg !== null && !(arg instanceof vscode.Uri) ? arg : {}) as { uri?: unknown; status?: unknown };
  const uri =
    arg instanceof vscode.Uri ? arg : a.uri instanceof vscode.Uri ? a.uri : (vscode.window.activeTextEditor?.document.uri ?? undefined);
  if (!uri) {
    throw new UserFacingError('Open a post-incident review first.');
  }
  const doc = await vscode.workspace.openTextDocument(uri);
  const text = doc.getText();
  const current = reviewStatus(text);
  if (current.line === undefined) {
    throw new UserFacingError(
      `${path.basename(uri.fsPath)} has no "status:" in its front matter; draft it with Draft Post-Incident Review.`,
    );
  }
  const wanted =
    typeof a.status === 'string'
      ? (a.status as ReviewStatus)
      : ((
          await vscode.window.showQuickPick(
            REVIEW_STATUSES.map((s) => ({ label: s, description: s === current.status ? 'current' : undefined })),
            { placeHolder: 'Review status' },
          )
        )?.label as ReviewStatus | undefined);
  if (!wanted) {
    return undefined;
  }
  if (!(REVIEW_STATUSES as readonly string[]).includes(wanted)) {
    throw new UserFacingError(`"${wanted}" is not a review status (${REVIEW_STATUSES.join(', ')}).`);
  }
  const empty = wanted === 'complete' ? learningAdapter().emptyRequiredSections(text) : [];
  if (empty.length) {
    throw new UserFacingError(
      `Not complete: ${empty.map((s) => `"${s.heading}"${s.missing ? ' is missing' : ' is empty'}`).join(', ')}. See Problems.`,
      { command: 'workbench.actions.view.problems', title: 'Show Problems' },
    );
  }
  const line = doc.lineAt(current.line - 1);
  const edit = new vscode.WorkspaceEdit();
  edit.replace(uri, line.range, `status: ${wanted}`);
  await vscode.workspace.applyEdit(edit);
  await doc.save();
  return wanted;
}
