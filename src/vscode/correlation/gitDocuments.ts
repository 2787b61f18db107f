// Diffs of suspect commits. First choice: VS Code's own git support (`git:` URIs from the built-in
// git extension's API), so the diff has blame, staging and everything else users know. When that
// extension is disabled or missing, a read-only `warroom-git:` document shows `git show` output.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { FileChange } from '../../core/correlation/model';
import { gitAdapter } from '../lazyAdapters';

export const SHOW_SCHEME = 'warroom-git';

/** What a `warroom-git:` URI shows: one file at a revision, or a whole commit. */
type ShowQuery =
  { readonly repo: string; readonly rev: string; readonly file: string } | { readonly repo: string; readonly commit: string };

export function showUri(query: ShowQuery): vscode.Uri {
  const name = 'file' in query ? `${query.file}` : `${query.commit.slice(0, 7)}.diff`;
  return vscode.Uri.from({ scheme: SHOW_SCHEME, path: `/${name}`, query: JSON.stringify(query) });
}

export class GitShowProvider implements vscode.TextDocumentContentProvider {
  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const query = JSON.parse(uri.query) as ShowQuery;
    const git = gitAdapter();
    if ('commit' in query) {
      return git.commitText(query.repo, query.commit);
    }
    const bytes = await git.fileAtRevision(query.repo, query.rev, query.file);
    if (!bytes) {
      return '';
    }
    // In the encoding VS Code opens the file with (files.encoding for its path, a byte order mark), as
    // the other side of the diff is: a Latin-1 file read as UTF-8 would differ on every accented line.
    try {
      return await vscode.workspace.decode(bytes, { uri: vscode.Uri.file(path.join(query.repo, query.file)) });
    } catch {
      return `${query.file} at ${query.rev.replace(/^([0-9a-f]{7})[0-9a-f]*/i, '$1')} is a binary file.`;
    }
  }
}

/** The parts of the git extension's API (v1) used here; declared locally to avoid a dependency. */
interface GitApi {
  toGitUri(uri: vscode.Uri, ref: string): vscode.Uri;
  getRepository(uri: vscode.Uri): object | null;
  openRepository?(root: vscode.Uri): Promise<object | null>;
}

interface GitExtensionExports {
  readonly enabled: boolean;
  getAPI(version: 1): GitApi;
}

/** The git extension's API with the repository open in it, or undefined to use the fallback. */
async function gitApiFor(repo: string): Promise<GitApi | undefined> {
  const extension = vscode.extensions.getExtension<GitExtensionExports>('vscode.git');
  if (!extension) {
    return undefined;
  }
  try {
    const exports = extension.isActive ? extension.exports : await extension.activate();
    if (!exports?.enabled) {
      return undefined;
    }
    const api = exports.getAPI(1);
    const root = vscode.Uri.file(repo);
    // A repository the git extension has not discovered (nested, or created after startup) would
    // make its `git:` documents fail to load: open it there first.
    if (!api.getRepository(root) && !(await api.openRepository?.(root))) {
      return undefined;
    }
    return api;
  } catch {
    return undefined;
  }
}

export interface CommitRef {
  readonly repo: string;
  readonly sha: string;
  readonly parents: readonly string[];
  readonly subject: string;
}

/** One file of a commit; `from`: where the commit moved it from. */
export type DiffFile = Pick<FileChange, 'path' | 'status'> & { readonly from?: string };

/** The URIs of both sides of one file of a commit (a moved file's left side at its old path); `via` says which provider serves them. */
export async function fileDiffUris(
  commit: CommitRef,
  file: DiffFile,
): Promise<{ left: vscode.Uri; right: vscode.Uri; via: 'git' | 'show' }> {
  const fileUri = vscode.Uri.file(path.join(commit.repo, file.path));
  const beforeUri = file.from === undefined ? fileUri : vscode.Uri.file(path.join(commit.repo, file.from));
  const before = `${commit.sha}^`;
  const api = await gitApiFor(commit.repo);
  const hasBefore = commit.parents.length > 0 && file.status !== 'added';
  const hasAfter = file.status !== 'deleted';
  const empty = (rev: string) => showUri({ repo: commit.repo, rev, file: file.path });
  if (api) {
    return {
      left: hasBefore ? api.toGitUri(beforeUri, before) : empty(before),
      right: hasAfter ? api.toGitUri(fileUri, commit.sha) : empty(commit.sha),
      via: 'git',
    };
  }
  return { left: showUri({ repo: commit.repo, rev: before, file: file.from ?? file.path }), right: empty(commit.sha), via: 'show' };
}

export async function openFileDiff(commit: CommitRef, file: DiffFile): Promise<void> {
  const { left, right } = await fileDiffUris(commit, file);
  const title = `${path.basename(file.path)} (${commit.sha.slice(0, 7)}) ${commit.subject}`;
  await vscode.commands.executeCommand('vscode.diff', left, right, title, { preview: true });
}

/** The whole commit: VS Code's multi-file diff when the files are known, else `git show` as text. */
export async function openCommitDiff(commit: CommitRef, files: readonly DiffFile[] | undefined): Promise<void> {
  if (files?.length && (await gitApiFor(commit.repo))) {
    try {
      const resources = await Promise.all(
        files.map(async (f) => {
          const { left, right } = await fileDiffUris(commit, f);
          // An added file has no left side and a deleted one no right side: the multi-file diff then
          // shows it as added or deleted (an empty document on that side read as a rename).
          return [
            vscode.Uri.file(path.join(commit.repo, f.path)),
            f.status === 'added' ? undefined : left,
            f.status === 'deleted' ? undefined : right,
          ] as const;
        }),
      );
      await vscode.commands.executeCommand('vscode.changes', `${commit.sha.slice(0, 7)} ${commit.subject}`, resources);
      return;
    } catch {
      // Older VS Code without the multi-diff editor: the text view below still shows everything.
    }
  }
  const document = await vscode.workspace.openTextDocument(showUri({ repo: commit.repo, commit: commit.sha }));
  await vscode.languages.setTextDocumentLanguage(document, 'diff');
  await vscode.window.showTextDocument(document, { preview: true });
}
