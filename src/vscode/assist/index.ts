// AI assist with the model the responder already has (VS Code's Language Model API): Read Me In,
// Draft Update with AI, and @warroom in chat. Hidden (warroom.assistAvailable) when there is no model.
import * as vscode from 'vscode';
import { FeatureFactory } from '../feature';
import { CHAT_PARTICIPANT_ID, chatHandler } from './chat';
import { AssistDeps, draftUpdateWithAi, readMeIn, updateDrafter } from './commands';
import { draftReviewSectionsWithAi, suggestActionItems } from './learning';
import { AssistModels } from './models';

/** What the integration tests reach under `test.features.assist`. */
export interface AssistTestApi {
  readonly models: AssistModels;
  /** The chat participant's handler, for a test to drive with its own response stream. */
  readonly chatHandler: vscode.ChatRequestHandler;
}

export const assistFeature: FeatureFactory<undefined, AssistTestApi> = (context) => {
  const models = new AssistModels(context.log);
  const deps: AssistDeps = { model: context.model, models, currentIncident: context.currentIncident };
  const handler = chatHandler(deps);
  const participant = vscode.chat.createChatParticipant(CHAT_PARTICIPANT_ID, handler);
  participant.iconPath = new vscode.ThemeIcon('flame');
  return {
    commands: {
      'warroom.assist.readMeIn': readMeIn(deps),
      'warroom.assist.draftUpdate': draftUpdateWithAi(deps),
      'warroom.assist.draftReviewSections': draftReviewSectionsWithAi(deps),
      'warroom.assist.suggestActionItems': suggestActionItems(deps),
    },
    disposables: [
      models,
      participant,
      context.drafters.register(updateDrafter(deps)),
      models.onDidChange(() => context.drafters.changed()),
    ],
    testApi: { models, chatHandler: handler },
  };
};
