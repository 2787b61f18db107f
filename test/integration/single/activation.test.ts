import * as assert from 'assert';
import * as vscode from 'vscode';

const EXTENSION_ID = 'warroom.war-room';

describe('activation', () => {
  it('finds the War Room extension loaded as a development extension', () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is not among ${vscode.extensions.all.length} loaded extensions`);
    assert.strictEqual(extension.packageJSON.name, 'war-room');
  });

  it('activates without throwing', async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension);
    await extension.activate();
    assert.strictEqual(extension.isActive, true);
  });

  it('runs in the single-folder git workspace the harness prepared', async () => {
    // Proves the scenario reached the extension host through the environment, not run()'s default.
    assert.strictEqual(process.env.WARROOM_TEST_SCENARIO, 'single');
    const folders = vscode.workspace.workspaceFolders ?? [];
    assert.strictEqual(folders.length, 1, `folders: ${folders.map((f) => f.uri.toString()).join(', ')}`);
    const git = await vscode.workspace.fs.stat(vscode.Uri.joinPath(folders[0].uri, '.git'));
    assert.strictEqual(git.type, vscode.FileType.Directory);
  });
});
