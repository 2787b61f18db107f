// AI assist end to end in a real VS Code, with a real language model provider: the test-only
// extension test/extensions/scripted-lm registers a scripted model through the proposed chatProvider
// API (enabled for it alone with code-server's --enable-proposed-api).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { AssistTestApi } from '../../../src/vscode/assist';
import type { AssistOutput } from '../../../src/vscode/assist/commands';
import type { ReviewDraftOutput } from '../../../src/vscode/assist/learning';
import { GitRepo } from '../../support/gitRepo';
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

  it('drafts with AI in the Updates panel (shown only with a model), recording the use and sending nothing', async () => {
    const panels = await featureUnderTest('panels');
    const handle = await panels.open('updates', incidentId);
    assert.match(handle.panel.webview.html, /"aiModel":"Scripted"/, 'the page is told a model is there, so it shows the button');
    const before = eventsOf(incidentId).filter((e) => e.type === 'assist_used').length;
    assert.deepEqual(await handle.receive({ type: 'draftWithAi', requestId: 'ai1', audience: 'customers' }), { accepted: true });
    const uses = eventsOf(incidentId).filter((e) => e.type === 'assist_used');
    assert.equal(uses.length, before + 1);
    assert.deepEqual(
      { purpose: uses[uses.length - 1].purpose, completed: uses[uses.length - 1].completed },
      { purpose: 'status', completed: true },
    );
    assert.ok(!eventsOf(incidentId).some((e) => e.type === 'entry' && e.kind === 'comms'), 'nothing was sent');
    assert.deepEqual(await handle.receive({ type: 'draftWithAi', requestId: 'ai2', audience: 'nobody' }), {
      accepted: false,
      reason: 'draftWithAi: bad or missing field "audience"',
      answered: true,
    });
  });

  it('drafts the review summary and factors into their blocks, marked as drafts, with the blameless check on them', async () => {
    const output = await vscode.commands.executeCommand<ReviewDraftOutput>('warroom.assist.draftReviewSections', { incidentId });
    assert.ok(output);
    assert.deepEqual(output.blocks, ['ai-summary', 'ai-factors']);
    assert.equal(output.blame, 1, '"the on-call engineer forgot to" is flagged');
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === output.uri);
    assert.ok(doc);
    const text = doc.getText();
    assert.match(text, /<!-- warroom:begin ai-summary -->\n> \*\*AI draft\*\* by warroom-test\/scripted\/1/);
    assert.match(text, /\*\*What we know\*\*\nSearch latency rose after a deploy \(\d{4}-\d\d-\d\d \d\d:\d\d UTC\)/);
    assert.doesNotMatch(text, /invented0000/);
    assert.match(text, /- The on-call engineer forgot to check the index size[\s\S]*<!-- warroom:end ai-factors -->/);
    const learning = await featureUnderTest('learning');
    const line = text.split('\n').findIndex((l) => l.startsWith('- The on-call engineer forgot'));
    const flagged = await waitFor('the blameless check on the draft', async () => {
      learning.checkReview(doc);
      const found = learning.reviewProblems(doc.uri).filter((d) => d.source === 'War Room blameless' && d.range.start.line === line);
      return found.length ? found : undefined;
    });
    assert.equal(flagged.length, 1);
    const purposes = eventsOf(incidentId)
      .filter((e) => e.type === 'assist_used')
      .map((e) => e.purpose);
    assert.deepEqual(purposes.slice(-2), ['reviewSummary', 'contributingFactors']);
  });

  it('suggests action items, each recorded AI-proposed until a person accepts it', async () => {
    const ids = await vscode.commands.executeCommand<string[]>('warroom.assist.suggestActionItems', { incidentId });
    assert.equal(ids?.length, 2);
    const added = eventsOf(incidentId).filter((e) => e.type === 'action_item_added');
    assert.deepEqual(
      added.map(({ title, kind, aiGenerated }) => ({ title, kind, aiGenerated })),
      [
        { title: 'Alert on search p99 over 2 s', kind: 'detect', aiGenerated: true },
        { title: 'Load-test index deploys before release', kind: 'prevent', aiGenerated: true },
      ],
    );
    const items = await featureUnderTest('actionItems');
    const row = (id: string) => {
      const item = items.view.items().find((i) => i.id === id);
      assert.ok(item);
      return items.view.getTreeItem({ kind: 'item', incidentId, itemId: id, item });
    };
    assert.match(String(row(ids[0]).description), /^AI proposal, not yet accepted/);
    assert.match(String(row(ids[0]).contextValue), /;ai/);
    assert.equal(await vscode.commands.executeCommand('warroom.acceptActionItem', { incidentId, itemId: ids[0] }), true);
    const changed = eventsOf(incidentId).filter((e) => e.type === 'action_item_changed');
    assert.deepEqual(
      changed.map(({ itemId, aiGenerated }) => ({ itemId, aiGenerated })),
      [{ itemId: ids[0], aiGenerated: false }],
    );
    assert.doesNotMatch(String(row(ids[0]).description), /AI proposal/);
    // Asked again, the model suggests the same: nothing is added twice.
    assert.deepEqual(await vscode.commands.executeCommand('warroom.assist.suggestActionItems', { incidentId }), []);
  });

  it('answers a free question with references to the events it rests on', async () => {
    const [model] = await vscode.lm.selectChatModels({ vendor: 'warroom-test' });
    assert.ok(model);
    const out: string[] = [];
    const stream = {
      markdown: (value: string | vscode.MarkdownString) => out.push(typeof value === 'string' ? value : value.value),
      progress: () => undefined,
      button: () => undefined,
    };
    const request = { command: undefined, prompt: 'what changed in search in the last 24 h?', model, references: [], toolReferences: [] };
    await vscode.commands.executeCommand('warroom.focusIncident', { incidentId });
    await assist.chatHandler(
      request as unknown as vscode.ChatRequest,
      { history: [] } as unknown as vscode.ChatContext,
      stream as unknown as vscode.ChatResponseStream,
      new vscode.CancellationTokenSource().token,
    );
    assert.match(out.join(''), /Search latency rose after a deploy \[↗event\]\(command:warroom\.openTimeline\?/);
    const sent = requests[requests.length - 1];
    assert.match(sent, /Question: what changed in search in the last 24 h\?/);
    assert.match(sent, /^Now: \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC$/m);
    const uses = eventsOf(incidentId).filter((e) => e.type === 'assist_used');
    assert.equal(uses[uses.length - 1].purpose, 'question');
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

  it('grounds the model in the suspects as merged: a pull request by its title, its commits and its one revert', async () => {
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder);
    const repo = new GitRepo(folder.uri.fsPath);
    const now = Date.now();
    repo.branch('search-timeout');
    repo.checkout('search-timeout');
    repo.commit(
      { 'src/search/client.ts': 'export const TIMEOUT_MS = 5000;\n' },
      { date: new Date(now - 40 * 60_000), message: 'Search client timeout of 5 s' },
    );
    repo.commit(
      { 'config/search.yaml': 'timeout_ms: 5000\nretries: 3\n' },
      { date: new Date(now - 30 * 60_000), message: 'Three retries for search' },
    );
    repo.checkout('main');
    const merge = repo.merge('search-timeout', {
      date: new Date(now - 10 * 60_000),
      message: 'Merge pull request #77 from dev/search-timeout\n\nLonger search timeouts with retries',
    });
    const id = await vscode.commands.executeCommand<string>('warroom.declareIncident', {
      title: 'Search timeouts after the retry change',
      severity: 'SEV2',
      service: 'search',
      startedAt: '2m ago',
    });
    const correlation = await featureUnderTest('correlation');
    const run = await waitFor('the automatic correlation after Declare', async () => {
      const state = await correlation.idle(id);
      return state && state.kind !== 'running' ? state : undefined;
    });
    assert.equal(run.kind, 'done', run.kind === 'failed' ? run.message : '');
    const output = await vscode.commands.executeCommand<AssistOutput>('warroom.assist.readMeIn', { incidentId: id });
    assert.ok(output?.completed);
    const sent = requests[requests.length - 1];
    const line = sent.split('\n').find((l) => l.includes(`[C:${merge}]`));
    assert.ok(line, `the pull request is a suspect line cited by its merge:\n${sent}`);
    assert.match(line, /"Longer search timeouts with retries", pull request #77 of 2 commits: /);
    assert.match(line, /files: config\/search\.yaml \+2\/-0, src\/search\/client\.ts \+1\/-0/);
    assert.ok(line.includes(`revert: git revert -m 1 ${merge}`), line);
  });
});
