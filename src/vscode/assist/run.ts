// One use of the model on an incident: grounded in what War Room knows (the timeline, the suspects
// correlation ranked, the runbooks), sized to the model, streamed, and recorded on the timeline as
// an `assist_used` event (the model and purpose, never the prompt).
import * as vscode from 'vscode';
import type { AssistModel, AssistUsedEvent, BuiltPrompt, PromptRequest, Reference, StreamedAnswer, SuspectInput } from '../../core/assist';
import type { Ranking } from '../../core/correlation/rank';
import { featureApi } from '../featureApis';
import { assistAdapter } from '../lazyAdapters';
import { IncidentModel, IncidentRef } from '../incidentModel';
import { excludedFields } from './models';

/** Suspect changes offered to the model; the budget keeps the top ones first. */
const MAX_SUSPECTS = 30;

/** The correlation feature's last ranking for the incident, through the extension's API (no run is started). */
export function rankedSuspects(incidentId: string): SuspectInput[] {
  const correlation = featureApi('correlation') as { state?: (id: string) => unknown } | undefined;
  const state = correlation?.state?.(incidentId) as { kind?: string; result?: { ranking?: Pick<Ranking, 'changes'> } } | undefined;
  const ranking = state?.kind === 'done' ? state.result?.ranking : undefined;
  return ranking?.changes ? assistAdapter().suspectInputs(ranking, MAX_SUSPECTS) : [];
}

/** A citation as a command link: an event opens the timeline, a commit its diff, a step the walkthrough. */
export function referenceLink(incidentId: string): (reference: Reference) => string {
  return (reference) => {
    const arg = (value: object) => encodeURIComponent(JSON.stringify(value));
    switch (reference.kind) {
      case 'E':
        return `[↗event](command:warroom.openTimeline?${arg({ incidentId, eventId: reference.value })})`;
      case 'C':
        return `[${reference.value.slice(0, 7)}](command:warroom.openCommit?${arg({ incidentId, sha: reference.value })})`;
      case 'R': {
        const [runbook, step] = reference.value.split('#');
        return `[${step ?? runbook}](command:warroom.openRunbookStep?${arg({ incidentId, runbook, ...(step ? { step } : {}) })})`;
      }
    }
  };
}

/** The commands a citation link may run: markdown that shows an answer trusts these and no others. */
export const REFERENCE_COMMANDS = ['warroom.openTimeline', 'warroom.openCommit', 'warroom.openRunbookStep'];

export interface AssistRun {
  readonly prompt: BuiltPrompt;
  readonly answer: StreamedAnswer;
}

export interface AssistRunOptions {
  /** false: references stripped; `file`: written for a file in the repository (fileReferences). */
  readonly links?: boolean | 'file';
  /** The answer shows as markdown that trusts the citation commands: its own text is escaped. */
  readonly trustedMarkdown?: boolean;
  readonly productName?: string;
}

/**
 * Builds, sends and records one request. The event is written even when the user cancels (the
 * prompt may already have left), marked not completed.
 */
export async function runAssist(
  incidents: IncidentModel,
  ref: IncidentRef,
  model: AssistModel,
  request: PromptRequest,
  cancel: vscode.CancellationToken,
  onText: (text: string) => void | Promise<void>,
  options: AssistRunOptions = {},
): Promise<AssistRun> {
  const { assistUsedInput, buildPrompt, estimateTokens, fileReferences, fitPrompt, groundIncident, markdownText, streamAnswer } =
    assistAdapter();
  const grounding = groundIncident(ref.incident, rankedSuspects(ref.incident.id));
  const excludeFields = excludedFields();
  let prompt: BuiltPrompt | undefined;
  let completed = false;
  try {
    prompt = await fitPrompt(
      (maxTokens) =>
        buildPrompt(grounding, ref.incident.events, request, {
          maxTokens,
          countTokens: estimateTokens,
          excludeFields,
          productName: options.productName,
          now: new Date(),
        }),
      model,
      cancel,
    );
    const answer = await streamAnswer(
      model,
      prompt,
      {
        known: grounding.refs,
        mode: request.purpose === 'status' || options.links === false ? 'strip' : 'link',
        link: options.links === 'file' ? fileReferences(grounding) : referenceLink(ref.incident.id),
        // Shown as trusted markdown (the chat), the model's own text may make no link of its own; its
        // code is left as written (markdown shows it literally), so a command copied from it works.
        ...(options.trustedMarkdown ? { escapeText: markdownText, literalCode: true } : {}),
      },
      cancel,
      onText,
    );
    completed = true;
    return { prompt, answer };
  } finally {
    if (prompt) {
      await incidents.append<AssistUsedEvent>(
        ref,
        assistUsedInput(model, request.purpose, prompt, completed && !cancel.isCancellationRequested),
      );
    }
  }
}

/** A model failure in words for the user (no access granted, quota, offline ...). */
export function assistFailure(error: unknown): string {
  if (error instanceof assistAdapter().AssistCancelled) {
    return 'Cancelled.';
  }
  if (error instanceof vscode.LanguageModelError) {
    return `The language model refused: ${error.message} (${error.code})`;
  }
  return error instanceof Error ? error.message : String(error);
}
