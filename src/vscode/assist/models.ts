// The language model the responder already has in the editor (VS Code's Language Model API): the
// family the setting names, else the first available; re-checked when models or the setting change.
// `warroom.assistAvailable` hides every AI command while there is none.
import * as vscode from 'vscode';
import type { AssistMessage, AssistModel } from '../../core/assist';
import { Disposable } from '../lifecycle';

export const ASSIST_CONTEXT_KEY = 'warroom.assistAvailable';

/** Shown to the user by VS Code when it asks whether War Room may use the model. */
const JUSTIFICATION = 'War Room drafts incident summaries and updates from the incident timeline you asked about.';

function modelFamily(): string {
  return (vscode.workspace.getConfiguration('warroom').get<string>('assist.modelFamily') ?? '').trim();
}

/** Event fields whose values never go into a prompt. */
export function excludedFields(): string[] {
  const value = vscode.workspace.getConfiguration('warroom').get<unknown>('assist.excludeFields');
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string' && v.trim() !== '') : [];
}

/** War Room's own model interface over the editor's model. */
export function assistModel(chat: vscode.LanguageModelChat): AssistModel {
  return {
    id: `${chat.vendor}/${chat.family}/${chat.version}`,
    name: chat.name,
    maxInputTokens: chat.maxInputTokens,
    countTokens: (text, cancel) => Promise.resolve(chat.countTokens(text, cancel as vscode.CancellationToken)),
    async *send(messages: readonly AssistMessage[], cancel) {
      const response = await chat.sendRequest(
        messages.map((m) =>
          m.role === 'user' ? vscode.LanguageModelChatMessage.User(m.text) : vscode.LanguageModelChatMessage.Assistant(m.text),
        ),
        { justification: JUSTIFICATION },
        cancel as vscode.CancellationToken,
      );
      yield* response.text;
    },
  };
}

export class AssistModels extends Disposable {
  private current: vscode.LanguageModelChat | undefined;
  private checking: Promise<void> = Promise.resolve();
  private readonly changed = this.register(new vscode.EventEmitter<boolean>());
  /** Fires whether a model is available, after each check. */
  readonly onDidChange = this.changed.event;

  constructor(private readonly log: vscode.LogOutputChannel) {
    super();
    this.register([
      vscode.lm.onDidChangeChatModels(() => void this.check()),
      vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration('warroom.assist.modelFamily') && void this.check()),
    ]);
    void this.check();
  }

  /** Resolves once the latest check has finished. */
  get ready(): Promise<void> {
    return this.checking;
  }

  get available(): boolean {
    return this.current !== undefined;
  }

  /** The model to use now; undefined when the editor has none. */
  model(): vscode.LanguageModelChat | undefined {
    return this.current;
  }

  check(): Promise<void> {
    this.checking = this.checking.then(async () => {
      const family = modelFamily();
      try {
        const models = await vscode.lm.selectChatModels(family ? { family } : undefined);
        this.current = models[0];
      } catch (error) {
        this.log.warn(`Could not list language models: ${error instanceof Error ? error.message : String(error)}`);
        this.current = undefined;
      }
      if (this.isDisposed) {
        return;
      }
      await vscode.commands.executeCommand('setContext', ASSIST_CONTEXT_KEY, this.available);
      this.log.info(
        this.current
          ? `AI assist: using ${this.current.vendor}/${this.current.family} (${this.current.name})`
          : 'AI assist: no language model available',
      );
      this.changed.fire(this.available);
    });
    return this.checking;
  }
}
