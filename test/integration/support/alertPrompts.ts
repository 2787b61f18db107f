// The alerts feature's confirmations answered the way a test says, recording what each showed.
import type * as vscode from 'vscode';
import { featureUnderTest } from './api';

export interface AlertPromptAnswers {
  /** Every confirmation shown, in order. */
  readonly shown: { message: string; detail: string }[];
  /** The button to press next (pressed only when the confirmation offers it); undefined: dismiss. */
  choice: string | undefined;
  /** Puts the real (modal) confirmations back. */
  readonly restore: vscode.Disposable;
}

/** Replaces the alerts feature's modal confirmations until `restore` is disposed. */
export async function answerAlertPrompts(choice?: string): Promise<AlertPromptAnswers> {
  const alerts = await featureUnderTest('alerts');
  const shown: AlertPromptAnswers['shown'] = [];
  const answers: { choice: string | undefined } = { choice };
  const restore = alerts.usePrompts({
    choose: async (message, detail, buttons) => {
      shown.push({ message, detail });
      return answers.choice && buttons.includes(answers.choice) ? answers.choice : undefined;
    },
  });
  return Object.assign(answers, { shown, restore });
}
