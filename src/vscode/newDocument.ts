// A new untitled document War Room writes for the user (a report, a digest, a draft): named for what
// it is, with a path, so its tab says what it holds and Save offers that path after the usual prompt.
//
// Not `openTextDocument({ content })`: its name is the first free `Untitled-N`, and right after an
// `Untitled-N` closed (Close All Editors), VS Code 1.100 can hand back the closing document, with
// the old text, in place of the new one: an import's report showed the previous import's report.
// A name of our own is never one that is closing, and a name that comes back with text is passed over.
import * as vscode from 'vscode';

const MAX_TRIES = 50;

/**
 * Opens (does not show) a new untitled document at `dir`/`stem``extension` holding `content`; the
 * language follows the extension. A name taken (a file on disk, an open document, a document that
 * comes back with text) gives way to `stem-2`, `stem-3`... with the same extension, so
 * `runbooks/x` + `.runbook.yaml` is still a runbook as `runbooks/x-2.runbook.yaml`.
 */
export async function openNewDocument(dir: vscode.Uri, stem: string, extension: string, content: string): Promise<vscode.TextDocument> {
  const name = stem + extension;
  for (let n = 1; n <= MAX_TRIES; n++) {
    const file = vscode.Uri.joinPath(dir, n === 1 ? name : `${stem}-${n}${extension}`);
    const uri = file.with({ scheme: 'untitled' });
    if (vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString()) || (await exists(file))) {
      continue;
    }
    const document = await vscode.workspace.openTextDocument(uri);
    if (document.getText() !== '') {
      continue;
    }
    if (content) {
      const edit = new vscode.WorkspaceEdit();
      edit.insert(uri, new vscode.Position(0, 0), content);
      if (!(await vscode.workspace.applyEdit(edit))) {
        throw new Error(`Could not write into ${name}.`);
      }
    }
    return document;
  }
  throw new Error(`Could not open a new document named like ${name}: ${MAX_TRIES} names were taken.`);
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}
