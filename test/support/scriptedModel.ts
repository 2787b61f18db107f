// A language model for tests, behind War Room's own AssistModel interface: it answers from a script
// (a function of the messages it got), streamed in the chunks the script gives, and counts tokens
// the way the test says. It records every request so a test can check what would have been sent.
import { AssistMessage, AssistModel, Cancellation } from '../../src/core/assist';

export interface ScriptedModel extends AssistModel {
  readonly requests: (readonly AssistMessage[])[];
}

export function scriptedModel(
  script: (messages: readonly AssistMessage[]) => readonly string[],
  options: { maxInputTokens?: number; countTokens?: (text: string) => number; onChunk?: (index: number) => void } = {},
): ScriptedModel {
  const requests: (readonly AssistMessage[])[] = [];
  return {
    id: 'test/scripted/1',
    name: 'Scripted',
    maxInputTokens: options.maxInputTokens ?? 100_000,
    requests,
    countTokens: async (text) => (options.countTokens ?? ((t: string) => Math.ceil(t.length / 4)))(text),
    async *send(messages: readonly AssistMessage[], cancel: Cancellation) {
      requests.push(messages);
      let index = 0;
      for (const chunk of script(messages)) {
        if (cancel.isCancellationRequested) {
          return;
        }
        options.onChunk?.(index++);
        yield chunk;
      }
    },
  };
}
