// @warroom in the chat view: /summary, /status, /review, /actions, and free questions about the
// incident in focus, answered from its timeline, suspects and runbooks with links to each.
import * as vscode from 'vscode';
import type { AssistModel, PromptRequest } from '../../core/assist';
import { assistAdapter } from '../lazyAdapters';
import { isActive } from '../../core/incident';
import { Audience, isAudience } from '../../core/stakeholderUpdates';
import { IncidentRef } from '../incidentModel';
import { AssistDeps } from './commands';
import { assistModel } from './models';
import { assistFailure, REFERENCE_COMMANDS, runAssist } from './run';

export const CHAT_PARTICIPANT_ID = 'warroom.assist';

/** The incident a chat request is about: the one in focus, else the only active one. */
function chatIncident(deps: AssistDeps): IncidentRef | undefined {
  const current = deps.currentIncident();
  if (current) {
    return deps.model.find(current.incident.id) ?? current;
  }
  const active = deps.model.all().filter((r) => isActive(r.incident));
  return active.length === 1 ? active[0] : undefined;
}

function audienceIn(prompt: string): Audience {
  const word = /\b(customers?|exec(?:utives?)?|engineering)\b/i.exec(prompt)?.[1].toLowerCase() ?? 'engineering';
  const audience = word.startsWith('customer') ? 'customers' : word.startsWith('exec') ? 'executive' : word;
  return isAudience(audience) ? audience : 'engineering';
}

function requestsFor(request: vscode.ChatRequest): PromptRequest[] {
  switch (request.command) {
    case 'summary':
      return [{ purpose: 'readIn' }];
    case 'status':
      return [{ purpose: 'status', audience: audienceIn(request.prompt) }];
    case 'review':
      return [{ purpose: 'reviewSummary' }, { purpose: 'contributingFactors' }];
    case 'actions':
      return [{ purpose: 'actionItems' }];
    default:
      return request.prompt.trim() ? [{ purpose: 'question', question: request.prompt.trim() }] : [{ purpose: 'readIn' }];
  }
}

const HEADINGS: Partial<Record<PromptRequest['purpose'], string>> = {
  reviewSummary: '### Summary (draft)\n\n',
  contributingFactors: '\n\n### Contributing factors (draft)\n\n',
  actionItems: '### Suggested action items (AI-generated, not accepted)\n\n',
};

function trusted(text: string): vscode.MarkdownString {
  const markdown = new vscode.MarkdownString(text);
  markdown.isTrusted = { enabledCommands: REFERENCE_COMMANDS };
  return markdown;
}

export function chatHandler(deps: AssistDeps): vscode.ChatRequestHandler {
  return async (request, _context, stream, token) => {
    const ref = chatIncident(deps);
    if (!ref) {
      stream.markdown('No incident in focus. Focus one (the status bar, or the War Room view) and ask again.');
      stream.button({ command: 'warroom.focusIncident', title: 'Show Active Incident' });
      return { metadata: { command: request.command } };
    }
    // The model the user picked in the chat view; else the one War Room chose.
    const chat = request.model ?? deps.models.model();
    if (!chat) {
      stream.markdown('No language model is available in this editor.');
      return { metadata: { command: request.command } };
    }
    const model: AssistModel = assistModel(chat);
    const cited: string[] = [];
    try {
      for (const prompt of requestsFor(request)) {
        const heading = HEADINGS[prompt.purpose];
        if (heading) {
          stream.markdown(heading);
        }
        stream.progress(`Reading ${ref.incident.id}…`);
        let raw = '';
        const items = prompt.purpose === 'actionItems';
        const run = await runAssist(
          deps.model,
          ref,
          model,
          prompt,
          token,
          (text) => {
            raw += text;
            if (!items) {
              stream.markdown(trusted(text));
            }
          },
          { links: !items, trustedMarkdown: !items },
        );
        cited.push(...run.answer.cited);
        if (items) {
          // Shown as suggestions only: each stays ai_generated until a human accepts it in the review.
          const { markdownAnswer, markdownLine, parseActionItems } = assistAdapter();
          const suggested = parseActionItems(raw, new Set());
          stream.markdown(
            trusted(suggested.map((i) => `- [ ] ${markdownLine(i.text)} _(ai_generated)_`).join('\n') || markdownAnswer(raw)),
          );
        }
      }
    } catch (error) {
      stream.markdown(`\n\n_${assistFailure(error)}_`);
    }
    return { metadata: { command: request.command, incidentId: ref.incident.id, cited } };
  };
}
