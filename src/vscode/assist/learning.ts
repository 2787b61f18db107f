// The AI commands of learning from an incident, one function each: drafts of the review's summary and
// contributing factors (in their own marked blocks, checked for blame like a person's text), and
// suggested action items (each recorded AI-proposed until a person accepts it in Action Items).
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import type { PromptRequest } from '../../core/assist';
import { assistAdapter, learningAdapter } from '../lazyAdapters';
import {
  ACTION_ITEM_EVENTS,
  ActionItemAddedEvent,
  actionItemsOf,
  aiSuggestedFields,
  newActionItemId,
} from '../../core/learning/actionItems';
import type { AiDraftBlock } from '../../core/learning/review';
import { UserFacingError } from '../commandRegistry';
import { IncidentRef } from '../incidentModel';
import { resolveIncident } from '../incidentTarget';
import { peopleOf } from '../learning/reviewChecks';
import { AssistDeps, chatModel } from './commands';
import { assistModel } from './models';
import { assistFailure, runAssist } from './run';
import { count } from '../../core/text/count';

const REVIEW_DRAFTS: readonly { readonly block: AiDraftBlock; readonly request: PromptRequest }[] = [
  { block: 'ai-summary', request: { purpose: 'reviewSummary' } },
  { block: 'ai-factors', request: { purpose: 'contributingFactors' } },
];

export interface ReviewDraftOutput {
  readonly uri: string;
  readonly blocks: readonly AiDraftBlock[];
  /** Blaming phrases the check found in the drafts (shown in Problems with a rewrite). */
  readonly blame: number;
}

/** Runs one request under a cancellable notification; the answer's text, or why there is none. */
async function answerOf(
  deps: AssistDeps,
  ref: IncidentRef,
  request: PromptRequest,
  links: false | 'file',
  token: vscode.CancellationToken,
): Promise<string> {
  const chat = chatModel(deps.models);
  const run = await runAssist(deps.model, ref, assistModel(chat), request, token, () => undefined, { links });
  return run.answer.text;
}

/**
 * Draft Review Sections with AI: the review (drafted first when there is none) gets the model's
 * summary and contributing factors in their blocks, in the editor, unsaved: the author reads, edits
 * and saves. The document's text is read only once the answers are in, so nothing typed meanwhile is lost.
 */
export function draftReviewSectionsWithAi(deps: AssistDeps) {
  return async (arg?: unknown): Promise<ReviewDraftOutput | undefined> => {
    const ref = await resolveIncident(deps.model, arg, {
      filter: () => true,
      preferred: deps.currentIncident()?.incident.id,
      placeHolder: 'Draft review sections of which incident?',
    });
    if (!ref) {
      return undefined;
    }
    const chat = chatModel(deps.models);
    const uri = await vscode.commands.executeCommand<vscode.Uri | undefined>('warroom.draftReview', { incidentId: ref.incident.id });
    if (!uri) {
      return undefined;
    }
    const drafts = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `Drafting review sections with ${chat.name}…`, cancellable: true },
      async (progress, token) => {
        const texts: { block: AiDraftBlock; text: string }[] = [];
        for (const { block, request } of REVIEW_DRAFTS) {
          progress.report({ message: assistAdapter().PURPOSE_LABELS[request.purpose] });
          try {
            texts.push({ block, text: await answerOf(deps, deps.model.find(ref.incident.id) ?? ref, request, 'file', token) });
          } catch (error) {
            throw new UserFacingError(assistFailure(error));
          }
        }
        return texts;
      },
    );
    const doc = await vscode.workspace.openTextDocument(uri);
    const before = doc.getText();
    const at = new Date().toISOString();
    const model = assistModel(chat).id;
    const { placeAiDraft } = learningAdapter();
    const text = drafts.reduce((t, d) => placeAiDraft(t, { block: d.block, text: d.text, model, at }), before);
    const edit = new vscode.WorkspaceEdit();
    edit.replace(uri, new vscode.Range(doc.positionAt(0), doc.positionAt(before.length)), text);
    await vscode.workspace.applyEdit(edit);
    await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.One, preview: false });
    // The same check the editor shows in Problems, on the drafts alone, for the message.
    const people = peopleOf(deps.model, ref.incident.id);
    const { findBlame } = learningAdapter();
    const blame = drafts.reduce((n, d) => n + findBlame(d.text, { people }).length, 0);
    void vscode.window.showInformationMessage(
      `War Room: AI drafts of the summary and contributing factors are in the review, marked as drafts${blame ? `; ${count(blame, 'blaming phrase')} flagged in Problems` : ''}. Check each claim, then delete a draft's markers to make it yours.`,
    );
    return { uri: uri.toString(), blocks: drafts.map((d) => d.block), blame };
  };
}

/** Suggest Action Items with AI: each suggestion becomes an item marked AI-proposed until a person accepts it. */
export function suggestActionItems(deps: AssistDeps) {
  return async (arg?: unknown): Promise<string[] | undefined> => {
    const ref = await resolveIncident(deps.model, arg, {
      filter: () => true,
      preferred: deps.currentIncident()?.incident.id,
      placeHolder: 'Suggest action items for which incident?',
    });
    if (!ref) {
      return undefined;
    }
    const chat = chatModel(deps.models);
    const answer = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `Suggesting action items with ${chat.name}…`, cancellable: true },
      async (_progress, token) => {
        try {
          return await answerOf(deps, ref, { purpose: 'actionItems' }, false, token);
        } catch (error) {
          throw new UserFacingError(assistFailure(error));
        }
      },
    );
    const current = deps.model.find(ref.incident.id) ?? ref;
    const fields = aiSuggestedFields(actionItemsOf(current.incident).items, assistAdapter().parseActionItems(answer, new Set()));
    const ids = fields.map(() => newActionItemId(randomBytes(5)));
    // One write: the view and teammates get the model's suggestions together.
    const now = new Date();
    await deps.model.appendAll<ActionItemAddedEvent>(
      current,
      fields.map((f, i) => ({ input: { type: ACTION_ITEM_EVENTS.added, itemId: ids[i], ...f }, at: now })),
    );
    // Not awaited: the command is done once the items are recorded, whatever the user does with the message.
    void vscode.window
      .showInformationMessage(
        ids.length
          ? `War Room: ${count(ids.length, 'suggested action item')} added to ${ref.incident.id}, marked AI-proposed until you accept each.`
          : 'War Room: the model suggested nothing new.',
        ...(ids.length ? ['Show Action Items'] : []),
      )
      .then((choice) => choice && vscode.commands.executeCommand('warroom.actionItems.focus'));
    return ids;
  };
}
