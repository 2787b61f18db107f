// One use of a language model, behind the project's own small interface (the editor's model in
// VS Code, a scripted one in tests): the prompt sized to the model's own count and limit, the answer
// streamed with its references resolved, cancellable at every await.

import { EventInput } from '../events';
import { References, ReferenceStream } from './answer';
import { ASSIST_USED, AssistUsedEvent } from './events';
import { AssistMessage, BuiltPrompt, Purpose } from './prompts';

/** The cancellation a caller passes in (VS Code's CancellationToken has this shape). */
export interface Cancellation {
  readonly isCancellationRequested: boolean;
}

export interface AssistModel {
  /** vendor/family/version, recorded on the timeline. */
  readonly id: string;
  readonly name: string;
  readonly maxInputTokens: number;
  countTokens(text: string, cancel: Cancellation): Promise<number>;
  /** The answer's text, in pieces, as the model produces it. */
  send(messages: readonly AssistMessage[], cancel: Cancellation): AsyncIterable<string>;
}

export class AssistCancelled extends Error {
  constructor() {
    super('Cancelled.');
  }
}

const check = (cancel: Cancellation): void => {
  if (cancel.isCancellationRequested) {
    throw new AssistCancelled();
  }
};

/** Tries at sizing before giving up: each shrinks the budget by how far the model's count overshot. */
const FIT_ATTEMPTS = 4;

/**
 * Builds the prompt with the caller's estimate, counts it as the model counts, and rebuilds with a
 * smaller budget while it is over the model's limit.
 */
export async function fitPrompt(build: (maxTokens: number) => BuiltPrompt, model: AssistModel, cancel: Cancellation): Promise<BuiltPrompt> {
  let budget = model.maxInputTokens;
  for (let attempt = 0; attempt < FIT_ATTEMPTS; attempt++) {
    const prompt = build(budget);
    let counted = 0;
    for (const message of prompt.messages) {
      check(cancel);
      counted += await model.countTokens(message.text, cancel);
    }
    check(cancel);
    if (counted <= model.maxInputTokens) {
      return prompt;
    }
    budget = Math.floor(budget * (model.maxInputTokens / counted) * 0.95);
  }
  throw new Error(`The incident does not fit ${model.name}'s limit of ${model.maxInputTokens} tokens, even cut down.`);
}

export interface StreamedAnswer {
  /** The answer with its references resolved. */
  readonly text: string;
  readonly cited: readonly string[];
  readonly dropped: readonly string[];
}

/** Sends the prompt and passes the resolved text on as it streams in. */
export async function streamAnswer(
  model: AssistModel,
  prompt: BuiltPrompt,
  refs: References,
  cancel: Cancellation,
  onText: (text: string) => void | Promise<void>,
): Promise<StreamedAnswer> {
  const stream = new ReferenceStream(refs);
  let text = '';
  const emit = async (piece: string): Promise<void> => {
    if (piece) {
      text += piece;
      await onText(piece);
    }
  };
  check(cancel);
  for await (const chunk of model.send(prompt.messages, cancel)) {
    check(cancel);
    await emit(stream.push(chunk));
  }
  await emit(stream.end());
  if (prompt.leftOutNotice) {
    await emit(`\n\n_${prompt.leftOutNotice}_`);
  }
  return { text, cited: stream.cited, dropped: stream.dropped };
}

/** The timeline event for a use: the model and purpose, never the prompt or the answer. */
export function assistUsedInput(
  model: AssistModel,
  purpose: Purpose,
  prompt: BuiltPrompt | undefined,
  completed: boolean,
): EventInput<AssistUsedEvent> {
  const redacted = prompt ? [...prompt.redactions.values()].reduce((a, b) => a + b, 0) : 0;
  return {
    type: ASSIST_USED,
    model: model.id,
    purpose,
    ...(prompt?.leftOut.events ? { leftOut: prompt.leftOut.events } : {}),
    ...(redacted ? { redacted } : {}),
    completed,
  };
}
