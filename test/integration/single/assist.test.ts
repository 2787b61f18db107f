// AI assist in a real VS Code. This code-server has no language model (no provider extension): the
// AI commands must stay hidden and refuse plainly, nothing is written, and the templates still work.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { AssistTestApi } from '../../../src/vscode/assist';
import { EXTENSION_ID, featureUnderTest } from '../support/api';

function eventTypes(incidentId: string): string[] {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder);
  return fs
    .readFileSync(path.join(folder.uri.fsPath, '.warroom', incidentId, 'events.jsonl'), 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => (JSON.parse(l) as { type: string }).type);
}

describe('AI assist without a language model', () => {
  let incidentId: string;
  let assist: AssistTestApi;

  before(async () => {
    assist = await featureUnderTest('assist');
    await assist.models.ready;
    incidentId = await vscode.commands.executeCommand<string>('warroom.declareIncident', {
      title: 'Search times out for every query',
      severity: 'SEV2',
      service: 'search',
    });
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('finds no model, so the AI commands are hidden behind warroom.assistAvailable', async () => {
    assert.deepEqual(await vscode.lm.selectChatModels(), [], 'this editor has no language model');
    assert.equal(assist.models.available, false);
    const contributes = vscode.extensions.getExtension(EXTENSION_ID)?.packageJSON.contributes as {
      menus: Record<string, { command: string; when?: string }[]>;
      chatParticipants: { id: string; when?: string }[];
    };
    const aiEntries = Object.values(contributes.menus)
      .flat()
      .filter((m) => m.command.startsWith('warroom.assist.'));
    assert.ok(aiEntries.length >= 4);
    for (const entry of aiEntries) {
      assert.match(entry.when ?? '', /^warroom\.assistAvailable &&/, `${entry.command} is hidden without a model`);
    }
    assert.equal(contributes.chatParticipants.find((p) => p.id === 'warroom.assist')?.when, 'warroom.assistAvailable');
  });

  it('refuses Read Me In, Draft with AI, review drafts and suggestions plainly, opening nothing and recording nothing', async () => {
    const before = eventTypes(incidentId).length;
    const editors = vscode.window.visibleTextEditors.length;
    assert.equal(await vscode.commands.executeCommand('warroom.assist.readMeIn', { incidentId }), undefined);
    assert.equal(await vscode.commands.executeCommand('warroom.assist.draftUpdate', { incidentId, audience: 'customers' }), undefined);
    assert.equal(await vscode.commands.executeCommand('warroom.assist.draftReviewSections', { incidentId }), undefined);
    assert.equal(await vscode.commands.executeCommand('warroom.assist.suggestActionItems', { incidentId }), undefined);
    assert.equal(eventTypes(incidentId).length, before, 'no assist_used event without a model');
    assert.equal(vscode.window.visibleTextEditors.length, editors, 'no draft editor opened');
  });

  it('still drafts every audience from the templates in the Updates panel', async () => {
    const panels = await featureUnderTest('panels');
    const handle = await panels.open('updates', incidentId);
    const html = handle.panel.webview.html;
    assert.match(html, /We are investigating an issue affecting/, 'the customer template');
    assert.match(html, /\[SEV2\] Search times out for every query \(investigating\)/, 'the executive template');
    assert.match(html, /Current hypothesis: none recorded/, 'the engineering template');
    assert.doesNotMatch(html, /"aiModel"/, 'no Draft with AI button without a model');
  });
});
