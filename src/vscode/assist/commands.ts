// The AI commands: one exported function per command, taking its deps. Each runs only from a user's
// action, streams into an editor the user owns, and sends nothing anywhere: a draft is the human's
// to edit and send (from the Updates panel).
import * as vscode from 'vscode';
import type { PromptRequest } from '../../core/assist';
import { assistAdapter } from '../lazyAdapters';
import { Audience, AUDIENCE_LABELS, AUDIENCES, isAudience } from '../../core/stakeholderUpdates';
import { UserFacingError } from '../commandRegistry';
import { IncidentModel, IncidentRef } from '../incidentModel';
import { resolveIncident } from '../incidentTarget';
import { openNewDocument } from '../newDocument';
import { UpdateDrafter } from '../panels/drafter';
import { AssistModels, assistModel } from './models';
import { assistFailure, runAssist } from './run';

export interface AssistDeps {
  readonly model: IncidentModel;
  readonly models: AssistModels;
  readonly currentIncident: () => IncidentRef | undefined;
}

export interface AssistOutput {
  readonly incidentId: string;
  readonly uri: string;
  readonly text: string;
  readonly completed: boolean;
}

export function chatModel(models: AssistModels): vscode.LanguageModelChat {
  const chat = models.model();
  if (!chat) {
    throw new UserFacingError('No language model is available in this editor. The templates still work: Compose Status Update.');
  }
  return chat;
}

/** Appends streamed text at the end of a document, one edit after another (edits must not race). */
function documentWriter(document: vscode.TextDocument): { write(text: string): Promise<void> } {
  let queue = Promise.resolve();
  return {
    write(text) {
      queue = queue.then(async () => {
        const edit = new vscode.WorkspaceEdit();
        edit.insert(document.uri, document.lineAt(document.lineCount - 1).range.end, text);
        await vscode.workspace.applyEdit(edit);
      });
      return queue;
    },
  };
}

async function streamIntoEditor(
  deps: AssistDeps,
  ref: IncidentRef,
  request: PromptRequest,
  options: { name: string; extension: string; heading: string; title: string },
): Promise<AssistOutput> {
  const chat = chatModel(deps.models);
  // Named for the incident and what it holds, in its folder: Save offers that path.
  const document = await openNewDocument(ref.folder.uri, `${ref.incident.id}-${options.name}`, options.extension, options.heading);
  // Beside the code being read, if any; with no editor open, Beside would split an empty area.
  const viewColumn = vscode.window.activeTextEditor ? vscode.ViewColumn.Beside : vscode.ViewColumn.Active;
  await vscode.window.showTextDocument(document, { viewColumn, preview: false });
  const writer = documentWriter(document);
  let completed = false;
  await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `${options.title} with ${chat.name}…`, cancellable: true },
    async (_progress, token) => {
      try {
        await runAssist(deps.model, ref, assistModel(chat), request, token, (text) => writer.write(text), {
          links: document.languageId === 'markdown',
        });
        completed = true;
      } catch (error) {
        await writer.write(`\n\n_${assistFailure(error)}_\n`);
        if (!token.isCancellationRequested) {
          throw new UserFacingError(assistFailure(error));
        }
      }
    },
  );
  await writer.write('');
  return { incidentId: ref.incident.id, uri: document.uri.toString(), text: document.getText(), completed };
}

/** Read me in: a summary for someone joining mid-incident, each claim linked to its event or commit. */
export function readMeIn(deps: AssistDeps) {
  return async (arg?: unknown): Promise<AssistOutput | undefined> => {
    const ref = await resolveIncident(deps.model, arg, { filter: () => true, preferred: deps.currentIncident()?.incident.id });
    if (!ref) {
      return undefined;
    }
    return streamIntoEditor(
      deps,
      ref,
      { purpose: 'readIn' },
      {
        name: 'read-in',
        extension: '.md',
        heading: `# Read-in: ${ref.incident.title}\n\n_AI draft from the ${ref.incident.id} timeline: check each claim against its link._\n\n`,
        title: `Reading you in on ${ref.incident.id}`,
      },
    );
  };
}

/** Draft with AI in the Updates panel: the same draft, streamed into the audience's text there. */
export function updateDrafter(deps: AssistDeps): UpdateDrafter {
  return {
    available: () => deps.models.model()?.name,
    async draft(ref, audience, token, onText) {
      await runAssist(deps.model, ref, assistModel(chatModel(deps.models)), { purpose: 'status', audience }, token, onText);
    },
  };
}

/** Draft with AI: the audience's update, written from the incident into an editor; never sent by itself. */
export function draftUpdateWithAi(deps: AssistDeps) {
  return async (arg?: unknown): Promise<AssistOutput | undefined> => {
    const ref = await resolveIncident(deps.model, arg, { preferred: deps.currentIncident()?.incident.id });
    if (!ref) {
      return undefined;
    }
    const given = typeof arg === 'object' && arg !== null ? (arg as { audience?: unknown }).audience : undefined;
    const audience: Audience | undefined = isAudience(given)
      ? given
      : (
          await vscode.window.showQuickPick(
            AUDIENCES.map((a) => ({ label: AUDIENCE_LABELS[a], audience: a })),
            { placeHolder: 'Draft an update for whom?', ignoreFocusOut: true },
          )
        )?.audience;
    if (!audience) {
      return undefined;
    }
    return streamIntoEditor(
      deps,
      ref,
      { purpose: 'status', audience },
      {
        name: `update-${audience}`,
        extension: '.txt',
        heading: '',
        title: `Drafting the ${AUDIENCE_LABELS[audience].toLowerCase()} update (${assistAdapter().PURPOSE_LABELS.status})`,
      },
    );
  };
}
