// AI assist end to end in a real VS Code, with a real language model provider: the test-only
// extension test/extensions/scripted-lm registers a scripted model through the proposed chatProvider
// API (enabled for it alone with code-server's --enable-proposed-api).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { AssistTestApi } from '../../../src/vscode/assist';
import type { AssistOutput } from '../../../src/vscode/assist/commands';
import { featureUnderTest, waitFor } from '../support/api';

interface StoredEvent {
  readonly id: string;
  readonly type: string;
  readonly [field: string]: unknown;
}

function eventsOf(incidentId: string): StoredEvent[] {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder);
  return fs
    .readFileSync(path.join(folder.uri.fsPath, '.warroom', incidentId, 'events.jsonl'), 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as StoredEvent);
}

describe('AI assist with a scripted language model', function () {
  // Each request goes through the workbench and back twice (count, send): seconds on a loaded machine.
  this.timeout(120_000);
  let incidentId: string;
  let assist: AssistTestApi;
  let requests: string[];

  before(async () => {
    const provider = vscode.extensions.getExtension<{ requests: string[] }>('warroom-test.scripted-lm');
    assert.ok(provider, 'the scripted model extension is installed');
    requests = (await provider.activate()).requests;
    assist = await featureUnderTest('assist');
    await waitFor('the scripted model', async () => {
      await assist.models.check();
      return assist.models.available;
    });
    incidentId = await vscode.commands.executeCommand<string>('warroom.declareIncident', {
      title: 'Search latency over 5 s',
      severity: 'SEV2',
      service: 'search',
    });
    await vscode.commands.executeCommand('warroom.addNote', { incidentId, text: 'latency rose after deploy; token=sk_live_canary1234' });
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('reads a responder in: streamed into an editor, the real event linked, the invented one dropped, the use recorded', async () => {
    const output = await vscode.commands.executeCommand<AssistOutput>('warroom.assist.readMeIn', { incidentId });
    assert.ok(output?.completed, 'the read-in completed');
    const declared = eventsOf(incidentId).find((e) => e.type === 'declared');
    assert.ok(declared);
    assert.match(output.text, /^# Read-in: Search latency over 5 s/);
    assert.match(output.text, /Search latency rose after a deploy \[↗event\]\(command:warroom\.openTimeline\?/);
    assert.ok(output.text.includes(encodeURIComponent(`"eventId":"${declared.id}"`)), 'the link names the cited event');
    assert.doesNotMatch(output.text, /invented0000/, 'a reference to no event is dropped');
    const editor = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === output.uri);
    assert.equal(editor?.document.getText(), output.text, 'the read-in is in an editor');
    const sent = requests[requests.length - 1];
    assert.doesNotMatch(sent, /sk_live_canary1234/, 'the secret never reached the model');
    assert.match(sent, /token=<redacted:key-value>/);
    const used = eventsOf(incidentId).filter((e) => e.type === 'assist_used');
    assert.deepEqual(
      used.map(({ model, purpose, completed }) => ({ model, purpose, completed })),
      [{ model: 'warroom-test/scripted/1', purpose: 'readIn', completed: true }],
    );
    assert.ok(!JSON.stringify(used).includes('Search latency rose'), 'the answer is not recorded');
  });

  it('drafts the customer update into an editor, references stripped, and sends nothing', async () => {
    const output = await vscode.commands.executeCommand<AssistOutput>('warroom.assist.draftUpdate', { incidentId, audience: 'customers' });
    assert.ok(output?.completed);
    assert.equal(output.text, 'We are investigating slow searches affecting our service. Next update in 30 minutes.');
    const types = eventsOf(incidentId).map((e) => e.type);
    assert.equal(types.filter((t) => t === 'assist_used').length, 2);
    assert.ok(!eventsOf(incidentId).some((e) => e.type === 'entry' && e.kind === 'comms'), 'no update was recorded as sent');
  });

  // The chat view itself does not open in this code-server (no chat set-up without a chat extension:
  // workbench.action.chat.open never returns), so the participant's handler is driven directly, with
  // the real scripted model the chat view would pass and a stream that keeps what it was given.
  it('answers @warroom /summary from the incident, with the real model', async () => {
    const [model] = await vscode.lm.selectChatModels({ vendor: 'warroom-test' });
    assert.ok(model);
    const ask = async (command: string | undefined, prompt = ''): Promise<string> => {
      const out: string[] = [];
      const stream = {
        markdown: (value: string | vscode.MarkdownString) => out.push(typeof value === 'string' ? value : value.value),
        progress: () => undefined,
        button: () => undefined,
      };
      const request = { command, prompt, model, references: [], toolReferences: [] };
      const token = new vscode.CancellationTokenSource().token;
      await assist.chatHandler(
        request as unknown as vscode.ChatRequest,
        { history: [] } as unknown as vscode.ChatContext,
        stream as unknown as vscode.ChatResponseStream,
        token,
      );
      return out.join('');
    };
    await vscode.commands.executeCommand('warroom.focusIncident', { incidentId });
    const before = eventsOf(incidentId).filter((e) => e.type === 'assist_used').length;
    const summary = await ask('summary');
    assert.match(summary, /Search latency rose after a deploy \[↗event\]\(command:warroom\.openTimeline\?/);
    assert.doesNotMatch(summary, /invented0000/);
    const uses = eventsOf(incidentId).filter((e) => e.type === 'assist_used');
    assert.equal(uses.length, before + 1);
    assert.equal(uses[uses.length - 1].purpose, 'readIn');
  });
});
