// In an untrusted workspace War Room runs no git: a folder whose .git/config makes git run commands
// (an fsmonitor hook, a textconv driver and a clean filter for a file its .gitattributes names)
// is declared in, correlated, expanded, blamed, diffed and checked for stale runbooks through the
// commands a user has, and none of those commands ever runs: the marker files never appear.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { featureUnderTest, renderTree, waitFor, warRoom } from '../support/api';

const UNTRUSTED_PREFIX = 'Trust this workspace to correlate with git';

describe('git in an untrusted workspace', function () {
  this.timeout(60_000);
  let folder: vscode.WorkspaceFolder;
  let markers: string;
  let sha: string;

  const touched = (): string[] => fs.readdirSync(markers).sort();

  before(() => {
    assert.equal(vscode.workspace.isTrusted, false);
    const first = vscode.workspace.workspaceFolders?.[0];
    assert.ok(first);
    folder = first;
    const root = folder.uri.fsPath;
    markers = path.join(path.dirname(root), 'git-ran');
    fs.mkdirSync(markers, { recursive: true });
    // History first, with plain git, while the config is still harmless.
    const git = (...args: string[]) => execFileSync('git', args, { cwd: root, encoding: 'utf8' });
    fs.mkdirSync(path.join(root, 'src'), { recursive: true });
    fs.writeFileSync(path.join(root, 'src', 'charge.ts'), 'export const retries = 2;\n');
    fs.writeFileSync(path.join(root, '.gitattributes'), 'src/charge.ts diff=evil filter=evil\n');
    git('add', 'src/charge.ts', '.gitattributes');
    git('commit', '-q', '-m', 'Charge retries');
    sha = git('rev-parse', 'HEAD').trim();
    const touch = (name: string) => `touch '${path.join(markers, name)}'`;
    git('config', 'core.fsmonitor', touch('fsmonitor'));
    git('config', 'diff.evil.textconv', `sh -c '${touch('textconv')}; cat "$1"' -`);
    git('config', 'filter.evil.clean', `sh -c '${touch('clean')}; cat'`);
    git('config', 'filter.evil.smudge', `sh -c '${touch('smudge')}; cat'`);
    // From here on nothing in this test runs git in the folder.
  });

  it('correlates nothing, marks nothing, shows no commit and checks no runbook, and says why', async () => {
    const api = await warRoom();
    const correlation = await featureUnderTest('correlation');
    const incidentId = await vscode.commands.executeCommand<string>('warroom.declareIncident', {
      title: 'Charges failing',
      severity: 'SEV2',
      service: 'checkout',
    });
    assert.ok(incidentId);
    // Declare starts a quiet run in a trusted workspace; here none.
    await correlation.idle(incidentId);
    assert.equal(correlation.state(incidentId), undefined);

    // The palette command is refused (the registry shows the message with the trust button).
    assert.equal(await vscode.commands.executeCommand('warroom.correlate', { incidentId }), undefined);
    assert.equal(correlation.state(incidentId), undefined);

    // Expanding "Suspect deploys" starts no run either: its row says why and offers the trust editor.
    const rows = await renderTree(api);
    const section = rows.findIndex((r) => r.label === 'Suspect deploys' && r.node.incidentId === incidentId);
    assert.ok(section >= 0, rows.map((r) => r.label).join(' | '));
    assert.equal(rows[section].description, 'trust the workspace to correlate');
    const why = rows[section + 1];
    assert.ok(why.label.startsWith(UNTRUSTED_PREFIX), why.label);
    assert.equal(api.tree.getTreeItem(why.node).command?.command, 'workbench.trust.manage');
    assert.equal(correlation.state(incidentId), undefined);

    // The commit view, its files, the suspect's lines, releases, a revert of an unknown commit.
    const target = { incidentId, sha, repo: folder.uri.fsPath, path: 'src/charge.ts' };
    for (const command of [
      'warroom.openCommit',
      'warroom.openSuspectFileDiff',
      'warroom.openChangedLines',
      'warroom.showReleases',
      'warroom.copyRevertCommand',
    ]) {
      assert.equal(await vscode.commands.executeCommand(command, target), undefined, command);
    }
    assert.ok(!vscode.workspace.textDocuments.some((d) => d.uri.scheme === 'warroom-git'));
    // A `warroom-git:` link (from a markdown file of the repository, say) opens nothing either.
    const show = vscode.Uri.from({
      scheme: 'warroom-git',
      path: '/commit.diff',
      query: JSON.stringify({ repo: folder.uri.fsPath, commit: sha }),
    });
    await assert.rejects(Promise.resolve(vscode.workspace.openTextDocument(show)));

    // Evidence is recorded, and no run follows it.
    assert.equal(
      await vscode.commands.executeCommand('warroom.addEvidence', { incidentId, text: 'at charge (src/charge.ts:1:1)' }),
      undefined,
    );
    assert.ok(fs.readFileSync(path.join(folder.uri.fsPath, '.warroom', incidentId, 'events.jsonl'), 'utf8').includes('src/charge.ts:1:1'));
    assert.equal(correlation.state(incidentId), undefined);

    // Suspect-line marks of an edited file (blame would read the unsaved text through the filter).
    const editor = await vscode.window.showTextDocument(vscode.Uri.file(path.join(folder.uri.fsPath, 'src', 'charge.ts')));
    await editor.edit((edit) => edit.insert(new vscode.Position(0, 0), '// unsaved\n'));
    await correlation.refreshDecorations();
    assert.deepEqual(correlation.decorated(editor.document.uri), []);
    await vscode.commands.executeCommand('workbench.action.files.revert');

    // Runbook staleness reads git history: skipped.
    const runbooks = await featureUnderTest('runbooks');
    await runbooks.catalog.ensureAll();
    await runbooks.catalog.assessAll();

    assert.deepEqual(touched(), []);
  });

  it('ignores the folder settings warroom.dataDir and warroom.correlation.deployLog (restricted settings)', async () => {
    const settings = path.join(folder.uri.fsPath, '.vscode', 'settings.json');
    const all = () => vscode.workspace.getConfiguration('warroom', folder);
    fs.mkdirSync(path.dirname(settings), { recursive: true });
    // recentlyResolvedDays is not restricted: once it reads 3, the file has been read.
    fs.writeFileSync(
      settings,
      JSON.stringify({ 'warroom.dataDir': '../..', 'warroom.correlation.deployLog': '/dev/zero', 'warroom.recentlyResolvedDays': 3 }),
    );
    try {
      await waitFor('the settings file read', () => all().get<number>('recentlyResolvedDays') === 3);
      assert.equal(all().get('dataDir'), '.warroom');
      assert.equal(all().get('correlation.deployLog'), '');
    } finally {
      fs.rmSync(path.dirname(settings), { recursive: true, force: true });
      await waitFor('the settings file gone', () => all().get<number>('recentlyResolvedDays') === 7);
    }
  });
});
