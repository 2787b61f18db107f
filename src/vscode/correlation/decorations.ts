// Lines changed by a suspect commit, marked in every visible editor: a gutter icon, a mark in the
// overview ruler, and a hover "changed 24m before INC-… began (a1b2c3d, v2.4.1)". Line numbers are
// the commit's own (`git show -U0`): later edits to the file can shift them.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ChangedLines } from '../../adapters/git';
import type { RankedCommit } from '../../core/correlation/rank';
import { foldSuspectMarks, verdictFor } from '../../core/correlation/suspectMarks';
import { isActive } from '../../core/fold';
import { formatDuration } from '../../core/time';
import { IncidentModel } from '../incidentModel';
import { gitAdapter } from '../lazy';
import { CorrelationRuns } from './runs';

export interface DecoratedRange {
  readonly incidentId: string;
  readonly sha: string;
  /** 0-based, whole lines. */
  readonly range: vscode.Range;
  readonly hover: string;
}

/** Only the most suspect commits mark lines: the tail of a big deploy would paint half the code base. */
const DECORATED_COMMITS = 20;

const GUTTER_ICON = `<svg xmlns="http://www.w3.org/2000/svg" width="16" height="16" viewBox="0 0 16 16">
<rect x="5" y="1" width="4" height="14" rx="1" fill="#e5a33a"/></svg>
`;

export class SuspectLineDecorations implements vscode.Disposable {
  private readonly type: vscode.TextEditorDecorationType;
  private readonly applied = new Map<string, readonly DecoratedRange[]>();
  private readonly lines = new Map<string, Promise<ChangedLines | undefined>>();
  private readonly disposables: vscode.Disposable[] = [];
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly runs: CorrelationRuns,
    private readonly model: IncidentModel,
    storage: vscode.Uri,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.type = vscode.window.createTextEditorDecorationType({
      gutterIconPath: gutterIcon(storage, log),
      gutterIconSize: 'contain',
      overviewRulerColor: new vscode.ThemeColor('editorOverviewRuler.warningForeground'),
      overviewRulerLane: vscode.OverviewRulerLane.Left,
      isWholeLine: true,
    });
    this.disposables.push(
      this.type,
      runs.onDidChange(() => void this.refresh()),
      // Verdicts live in the incident: clearing a commit removes its marks.
      model.onDidChange(() => void this.refresh()),
      vscode.window.onDidChangeVisibleTextEditors(() => void this.refresh()),
    );
  }

  /** What is currently drawn in editors showing this document (for tests and the hover). */
  decorated(uri: vscode.Uri): readonly DecoratedRange[] {
    return this.applied.get(uri.toString()) ?? [];
  }

  /** Changed lines of one file in one commit, cached (a commit never changes). */
  changedLines(repo: string, sha: string, file: string): Promise<ChangedLines | undefined> {
    const key = `${repo}\n${sha}\n${file}`;
    let found = this.lines.get(key);
    if (!found) {
      found = gitAdapter().changedLines(repo, sha, file);
      found.catch(() => this.lines.delete(key));
      this.lines.set(key, found);
    }
    return found;
  }

  /** Recomputes every visible editor; calls are serialised so the last state wins. */
  refresh(): Promise<void> {
    this.queue = this.queue.then(() => this.redraw()).catch((error) => this.log.error('suspect line decorations', error));
    return this.queue;
  }

  private async redraw(): Promise<void> {
    const seen = new Set<string>();
    for (const editor of vscode.window.visibleTextEditors) {
      if (editor.document.uri.scheme !== 'file') {
        continue;
      }
      const ranges = await this.rangesFor(editor.document.uri, editor.document.lineCount);
      seen.add(editor.document.uri.toString());
      this.applied.set(editor.document.uri.toString(), ranges);
      editor.setDecorations(this.type, ranges.map((r) => {
        const hover = new vscode.MarkdownString(undefined, true);
        hover.isTrusted = { enabledCommands: ['warroom.openCommit', 'warroom.markCause', 'warroom.markCleared'] };
        const args = encodeURIComponent(JSON.stringify({ incidentId: r.incidentId, sha: r.sha }));
        hover.appendMarkdown('$(warning) ').appendText(r.hover);
        hover.appendMarkdown(`\n\n[Open commit diff](command:warroom.openCommit?${args}) · [Mark cause](command:warroom.markCause?${args}) · [Mark cleared](command:warroom.markCleared?${args})`);
        return { range: r.range, hoverMessage: hover };
      }));
    }
    for (const key of [...this.applied.keys()]) {
      if (!seen.has(key)) {
        this.applied.delete(key);
      }
    }
  }

  private async rangesFor(uri: vscode.Uri, lineCount: number): Promise<DecoratedRange[]> {
    const result: DecoratedRange[] = [];
    for (const [incidentId, done] of this.runs.all()) {
      const incident = this.model.find(incidentId)?.incident;
      if (!incident || !isActive(incident)) {
        continue;
      }
      const repo = done.result.repo.topLevel;
      const relative = path.relative(repo, uri.fsPath).split(path.sep).join('/');
      if (relative.startsWith('..') || path.isAbsolute(relative)) {
        continue;
      }
      const marks = foldSuspectMarks(incident.events);
      const commits = done.result.ranking.commits
        .slice(0, DECORATED_COMMITS)
        .filter((c) => c.files.some((f) => f.path === relative) && verdictFor(marks, c.sha)?.verdict !== 'cleared');
      for (const commit of commits) {
        const changed = await this.changedLines(repo, commit.sha, relative).catch((error) => {
          this.log.warn(`changed lines of ${relative} in ${commit.shortSha}: ${String(error)}`);
          return undefined;
        });
        for (const range of changed?.ranges ?? []) {
          const start = Math.min(range.start, lineCount) - 1;
          const end = Math.min(range.end, lineCount) - 1;
          result.push({ incidentId, sha: commit.sha, range: new vscode.Range(start, 0, end, 0), hover: hoverText(commit, incident.id, incident.startedAt) });
        }
      }
    }
    return result;
  }

  dispose(): void {
    for (const d of this.disposables) {
      d.dispose();
    }
  }
}

/** "changed 24m before INC-… began (a1b2c3d, v2.4.1)": when the change reached production if known. */
export function hoverText(commit: RankedCommit, incidentId: string, startedAt: string): string {
  const at = commit.deploy?.at ?? commit.committedAt;
  const delta = Date.parse(startedAt) - Date.parse(at);
  const when = delta >= 0 ? `${formatDuration(delta)} before` : `${formatDuration(-delta)} after`;
  return `changed ${when} ${incidentId} began (${[commit.shortSha, commit.deploy?.name].filter(Boolean).join(', ')})`;
}

/** The gutter icon has to be a file: written once into the extension's storage. */
function gutterIcon(storage: vscode.Uri, log: vscode.LogOutputChannel): vscode.Uri | undefined {
  try {
    const file = path.join(storage.fsPath, 'suspect-line.svg');
    if (!fs.existsSync(file)) {
      fs.mkdirSync(storage.fsPath, { recursive: true });
      fs.writeFileSync(file, GUTTER_ICON);
    }
    return vscode.Uri.file(file);
  } catch (error) {
    log.warn(`no gutter icon for suspect lines (${String(error)}); the overview ruler still marks them`);
    return undefined;
  }
}
