// A CodeLens above each runbook command War Room confirms twice before it reaches a terminal, naming
// why, in the runbook files of every folder (its `warroom.runbooks.globs`): whoever writes or
// reviews a runbook sees what a responder will be asked, where the command is written. The files are
// read from the folder's runbook index (parsed on its worker thread, time-bounded), never on this
// thread; their commands are checked here in slices of CHECK_SLICE_MS, the lenses coming in as each slice
// ends, so a file of costly commands never holds the thread long. A line edited since the last parse
// shows no lens until the file is saved and parsed again.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { AskingTwiceInFile, ParsedRunbookFile } from '../../core/runbooks';
import { runbooksAdapter } from '../lazyAdapters';
import { Disposable } from '../lifecycle';
import { RunbookCatalog } from './catalog';
import { runbookGlobs } from './settings';
import { sliceEnds } from './walkthroughState';

/** What every lens of ours starts with (the integration test finds them by it). */
export const ASKS_TWICE_LENS = 'Asks twice';

export class RunbookCommandLenses extends Disposable implements vscode.CodeLensProvider {
  private readonly changeEmitter = this.register(new vscode.EventEmitter<void>());
  readonly onDidChangeCodeLenses = this.changeEmitter.event;
  private registration: vscode.Disposable | undefined;
  /** Each parsed file's answer so far, until it is parsed again (the index then holds a new object). */
  private readonly checked = new WeakMap<ParsedRunbookFile, AskingTwiceInFile>();
  /** The next slice's request, when a file's checking is not done. */
  private next: NodeJS.Timeout | undefined;

  constructor(private readonly catalog: RunbookCatalog) {
    super();
    this.register([
      catalog.onDidChange(() => this.changeEmitter.fire()),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('warroom.runbooks.globs')) {
          this.listen();
        }
      }),
      vscode.workspace.onDidChangeWorkspaceFolders(() => this.listen()),
      {
        dispose: () => {
          this.registration?.dispose();
          clearTimeout(this.next);
        },
      },
    ]);
    this.listen();
  }

  /**
   * Registers for the runbook files alone, by each folder's globs: VS Code matches them, so opening
   * any other file neither asks this provider nor loads the runbooks bundle.
   */
  private listen(): void {
    this.registration?.dispose();
    const selector: vscode.DocumentFilter[] = (vscode.workspace.workspaceFolders ?? []).flatMap((folder) =>
      runbookGlobs(folder).map((glob) => ({ scheme: 'file', pattern: new vscode.RelativePattern(folder, glob) })),
    );
    this.registration = selector.length > 0 ? vscode.languages.registerCodeLensProvider(selector, this) : undefined;
  }

  /** Has VS Code ask for the lenses again once this thread is free, for the next slice. */
  private askAgain(): void {
    this.next ??= setTimeout(() => {
      this.next = undefined;
      this.changeEmitter.fire();
    }, 0);
  }

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    const folder = vscode.workspace.getWorkspaceFolder(document.uri);
    // Indexing starts here when nothing needed runbooks yet; the catalog's change asks again.
    const runbooks = folder ? this.catalog.peek(folder) : undefined;
    if (!folder || !runbooks) {
      return [];
    }
    const relative = path.relative(folder.uri.fsPath, document.uri.fsPath).split(path.sep).join('/');
    const parsed = runbooks.index.fileResult(relative);
    if (!parsed) {
      return [];
    }
    let checked = this.checked.get(parsed);
    if (!checked || checked.next !== undefined) {
      checked = runbooksAdapter().commandsAskingTwice(parsed.runbooks, relative, sliceEnds(), checked);
      this.checked.set(parsed, checked);
      if (checked.next !== undefined) {
        this.askAgain();
      }
    }
    const lenses: vscode.CodeLens[] = [];
    for (const command of checked.marked) {
      const line = command.line - 1;
      if (line >= document.lineCount || !holdsCommand(document, line, command.probe)) {
        continue;
      }
      const [first, ...more] = command.reasons;
      lenses.push(
        new vscode.CodeLens(document.lineAt(line).range, {
          title: `$(warning) ${ASKS_TWICE_LENS}: ${first}${more.length ? ` (and ${more.length} more)` : ''}`,
          tooltip: `War Room confirms this command a second time before it reaches a terminal:\n${command.reasons.map((r) => `• ${r}`).join('\n')}`,
          command: '',
        }),
      );
    }
    return lenses;
  }
}

/**
 * Whether the parsed line still holds the command: the line itself, or for a YAML block scalar
 * (`run: |`, `run: >-`) the line after it. Anything else was edited since the parse.
 */
function holdsCommand(document: vscode.TextDocument, line: number, probe: string): boolean {
  const text = document.lineAt(line).text;
  return (
    text.includes(probe) ||
    (/[|>][-+]?\d?\s*$/.test(text) && line + 1 < document.lineCount && document.lineAt(line + 1).text.includes(probe))
  );
}
