// Runbooks kept in other tools' formats and pages that only say where a runbook moved, in a real
// VS Code: a JSON SSM document created on disk joins the index through the watcher, and a moved
// page's walkthrough shows its notice and opens the runbook it points to.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { repoRoot } from '../../harness/paths';
import { featureUnderTest, renderTree, waitFor, warRoom } from '../support/api';

const FIXTURES = path.join(repoRoot, 'test', 'fixtures', 'runbook-formats');
const MOVED = { file: 'runbooks/moved/alerts/KubeletTooManyPodsOld.md', id: 'kubelettoomanypodsold' };
const TARGET = { file: 'runbooks/moved/nodes/KubeletTooManyPods.md', id: 'kubelettoomanypods' };

function folder(): vscode.WorkspaceFolder {
  const first = vscode.workspace.workspaceFolders?.[0];
  assert.ok(first, 'the test workspace has a folder');
  return first;
}

const copy = (from: string, to: string) => {
  fs.mkdirSync(path.dirname(path.join(folder().uri.fsPath, to)), { recursive: true });
  fs.copyFileSync(path.join(FIXTURES, from), path.join(folder().uri.fsPath, to));
};

function runbooksApi() {
  return featureUnderTest('runbooks');
}

describe('runbook formats and moved runbooks in a real VS Code', function () {
  let incidentId = '';

  before(() => {
    copy('markdown/alerts/KubeletTooManyPodsOld.md', MOVED.file);
    copy('markdown/nodes/KubeletTooManyPods.md', TARGET.file);
  });

  after(async () => {
    const runbooks = await runbooksApi();
    for (const key of [MOVED, TARGET]) runbooks.panels.get(incidentId, key)?.dispose();
    fs.rmSync(path.join(folder().uri.fsPath, 'runbooks', 'moved'), { recursive: true, force: true });
    fs.rmSync(path.join(folder().uri.fsPath, 'runbooks', 'ssm'), { recursive: true, force: true });
  });

  it('indexes a JSON SSM document created and then edited on disk, through the file watcher', async () => {
    const runbooks = await runbooksApi();
    await runbooks.catalog.get(folder());
    copy('ssm/rds-failover.json', 'runbooks/ssm/rds-failover.json');
    const ssm = await waitFor('the SSM document in the index', async () =>
      (await runbooks.catalog.get(folder())).index.runbooks.find((r) => r.file === 'runbooks/ssm/rds-failover.json'),
    );
    assert.equal(ssm.format, 'ssm');
    assert.equal(ssm.title, 'Fail over the orders database');
    assert.deepEqual(
      ssm.steps.find((s) => s.id === 'CheckMultiAz')?.branches.map((b) => b.goto),
      ['ConfirmFailover', 'EscalateToDba'],
    );
    // An edit is a change event, which the catalog follows only for runbook file extensions.
    const file = path.join(folder().uri.fsPath, 'runbooks/ssm/rds-failover.json');
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('# Fail over the orders database', '# Fail over the orders database now'));
    await waitFor('the edited title in the index', async () =>
      (await runbooks.catalog.get(folder())).index.runbooks.find((r) => r.title === 'Fail over the orders database now'),
    );
  });

  it("shows a moved page's notice in the tree and the walkthrough, and follows it to the runbook it names", async () => {
    const api = await warRoom();
    const runbooks = await runbooksApi();
    incidentId = await vscode.commands.executeCommand<string>('warroom.declareIncident', {
      title: 'Kubelet runs too many pods',
      severity: 'SEV3',
      service: 'kubelet',
      startedAt: '5m ago',
    });
    await waitFor('both pages indexed', async () => {
      const files = (await runbooks.catalog.get(folder())).index.runbooks.map((r) => r.file);
      return files.includes(MOVED.file) && files.includes(TARGET.file) ? true : undefined;
    });
    await vscode.commands.executeCommand('warroom.linkRunbook', { incidentId, runbook: MOVED.id, file: MOVED.file });
    const row = await waitFor('the moved runbook under the incident', async () =>
      (await renderTree(api)).find((r) => r.node.incidentId === incidentId && r.label === 'Kubelet Too Many Pods (old)'),
    );
    assert.match(row.description ?? '', /^linked · moved/);

    await vscode.commands.executeCommand('warroom.openRunbook', { incidentId, runbook: MOVED.id, file: MOVED.file });
    const panel = runbooks.panels.get(incidentId, MOVED);
    assert.ok(panel, 'walkthrough panel for the moved page');
    // A generous limit, as in runbooks.test.ts: code-server sometimes takes long to load a webview.
    await waitFor('the page to say ready', () => panel.received.find((m) => m.type === 'ready' && m.accepted), 60_000);
    assert.deepEqual(panel.state().runbook.notice, {
      text: 'This runbook has been moved to KubeletTooManyPods.',
      title: 'KubeletTooManyPods',
      url: '../nodes/KubeletTooManyPods.md',
      target: 'KubeletTooManyPods',
    });

    assert.equal(await panel.act({ type: 'followNotice', requestId: 'f1' }), 'Opened "KubeletTooManyPods"');
    const followed = runbooks.panels.get(incidentId, TARGET);
    assert.ok(followed, 'the followed runbook opened for the same incident');
    assert.equal(followed.state().steps.length > 0, true);
  });
});
