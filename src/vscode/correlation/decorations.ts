// Lines changed by a suspect commit, marked in every visible editor: a gutter icon, a mark in the
// overview ruler, and a hover "changed 24m before INC-… began (a1b2c3d, v2.4.1)". The marks sit on
// the lines of the file as the editor shows it NOW that the suspect last changed: one
// `git blame --incremental` per visible file (the unsaved text on stdin when the document is dirty),
// bounded to the suspects' dates so it stays fast on long histories. Lines a later commit rewrote, and
// lines not committed yet, are nobody's. Where a suspect only removed lines (a dropped check), it owns
// no line: the mark goes on the line now where the removal was, found by a line diff from the commit's
// version of the file to the editor's text (core/correlation/lineDiff.ts). See blame.ts for merges.
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { markdownLiteral } from '../../core/text/strings';
import type { ChangedLines } from '../../adapters/git';
import { BlameGroup, blameSince, LineRange, linesByCommit } from '../../core/correlation/blame';
import { blameLacksObjectsWarning } from '../../core/correlation/warnings';
import { Hunk } from '../../core/correlation/hunks';
import { followLine, lineDiff, textLines } from '../../core/correlation/lineDiff';
import type { RankedCommit } from '../../core/correlation/rank';
import { foldSuspectMarks, verdictFor } from '../../core/correlation/suspectMarks';
import { isActive } from '../../core/incident';
import { formatDuration } from '../../core/time';
import { IncidentModel } from '../incidentModel';
import { gitAdapter } from '../lazyAdapters';
import { Disposable } from '../lifecycle';
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
/** Typing pauses this long before the marks are recomputed (VS Code moves the drawn ones meanwhile). */
const EDIT_DEBOUNCE_MS = 400;
/** Answers kept (blames, line diffs, earlier names): a few per visible file (saved text, a dirty version or two). */
const BLAME_CACHE_SIZE = 48;

/** A decorated suspect of one incident touching the file. */
interface FileSuspect {
  readonly incidentId: string;
  readonly commit: RankedCommit;
  /** The file's name in the commit (an older one when a later commit moved it). */
  readonly path: string;
  readonly hover: string;
}

const GUTTER_ICON = `<svg xmlns="http://www.w3.org/2000/svg" width="16" height="16" viewBox="0 0 16 16">
<rect x="5" y="1" width="4" height="14" rx="1" fill="#e5a33a"/></svg>
`;

export class SuspectLineDecorations extends Disposable {
  private readonly type: vscode.TextEditorDecorationType;
  private readonly applied = new Map<string, readonly DecoratedRange[]>();
  private readonly lines = new Map<string, Promise<ChangedLines | undefined>>();
  /** Blame results by repo, file, HEAD, bound and text hash: a key names one exact answer. */
  private readonly blames = new Map<string, Promise<readonly BlameGroup[] | undefined>>();
  /** Line diffs from a suspect's version of a file to a text (by its hash), for removal marks. */
  private readonly diffs = new Map<string, Promise<readonly Hunk[] | undefined>>();
  /** Whether a run's decorated suspects changed a file not in the working tree now, as of HEAD. */
  private readonly movedFiles = new WeakMap<readonly RankedCommit[], { head: string | undefined; any: Promise<boolean> }>();
  /** Earlier names of a file (git log --follow) by repo, file, HEAD and window. */
  private readonly formerNames = new Map<string, Promise<string[]>>();
  private readonly pendingEdits = new Map<string, ReturnType<typeof setTimeout>>();
  /** Why a document's suspect lines are not marked, by URI, when blame failed for a missing object. */
  private readonly unmarkedFiles = new Map<string, string>();
  /** Repositories whose missing objects the responder has been told of (once a session each). */
  private readonly toldLacking = new Set<string>();
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly runs: CorrelationRuns,
    private readonly model: IncidentModel,
    storage: vscode.Uri,
    private readonly log: vscode.LogOutputChannel,
  ) {
    super();
    this.type = vscode.window.createTextEditorDecorationType({
      gutterIconPath: gutterIcon(storage, log),
      gutterIconSize: 'contain',
      overviewRulerColor: new vscode.ThemeColor('editorOverviewRuler.warningForeground'),
      overviewRulerLane: vscode.OverviewRulerLane.Left,
      isWholeLine: true,
    });
    this.register([
      this.type,
      runs.onDidChange(() => void this.refresh()),
      // Verdicts live in the incident: clearing a commit removes its marks.
      model.onDidChange(() => void this.refresh()),
      vscode.window.onDidChangeVisibleTextEditors(() => void this.refresh()),
      // Edits move lines: recompute once typing pauses, and on save.
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.contentChanges.length) {
          this.documentChanged(e.document, EDIT_DEBOUNCE_MS);
        }
      }),
      vscode.workspace.onDidSaveTextDocument((document) => this.documentChanged(document, 0)),
    ]);
  }

  /** What is currently drawn in editors showing this document (for tests and the hover). */
  decorated(uri: vscode.Uri): readonly DecoratedRange[] {
    return this.applied.get(uri.toString()) ?? [];
  }

  /** Why this document's suspect lines are not marked, when git could not blame it (the test API's view of the warning). */
  unmarked(uri: vscode.Uri): string | undefined {
    return this.unmarkedFiles.get(uri.toString());
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

  /**
   * The names `relative` goes by in these suspects: its own, and those it had before a later commit
   * moved it (blame follows the move, so the suspect's lines are found). Git is asked only when a
   * suspect changed a file that is no longer where it was (checked once a run and HEAD), once a file,
   * HEAD and window.
   */
  private async namesOf(
    repo: string,
    relative: string,
    ranked: readonly RankedCommit[],
    head: string | undefined,
  ): Promise<ReadonlySet<string>> {
    const git = gitAdapter();
    const suspects = ranked.slice(0, DECORATED_COMMITS);
    let moved = this.movedFiles.get(ranked);
    if (!moved || moved.head !== head) {
      moved = { head, any: anyMissing(repo, suspects) };
      this.movedFiles.set(ranked, moved);
    }
    if (!(await moved.any)) {
      return new Set([relative]);
    }
    const since = blameSince(suspects.map((c) => c.committedAt));
    const key = [repo, relative, head ?? '', since ?? ''].join('\n');
    const found = remember(this.formerNames, key, () =>
      git.formerNames(repo, relative, { since }).catch((error: unknown) => {
        this.log.warn(`earlier names of ${relative}: ${error instanceof Error ? error.message : String(error)}; marks only under its name`);
        return [];
      }),
    );
    return new Set([relative, ...(await found)]);
  }

  /**
   * The lines of `document`, as it is now, that `sha` last changed, and those just below where it only
   * removed lines (1-based), for commands that go to a suspect's lines; empty when later commits or
   * edits rewrote them all, undefined when blame failed. `nameThen`: the file's name in the commit,
   * when a later commit moved it.
   */
  async currentLines(
    document: vscode.TextDocument,
    repo: string,
    sha: string,
    committedAt: string,
    nameThen?: string,
  ): Promise<readonly LineRange[] | undefined> {
    const relative = repoRelative(repo, document.uri);
    if (relative === undefined) {
      return undefined;
    }
    const text = hashed(document.getText());
    const groups = await this.blame(repo, relative, document, blameSince([committedAt]), text);
    if (!groups) {
      return undefined;
    }
    const removals = (await this.removalLines(repo, nameThen ?? relative, sha, text, document.encoding)).map((line) => ({
      start: line,
      end: line,
    }));
    return [...(linesByCommit(groups, new Set([sha])).get(sha) ?? []), ...removals].sort((a, b) => a.start - b.start);
  }

  private documentChanged(document: vscode.TextDocument, delayMs: number): void {
    const key = document.uri.toString();
    if (
      document.uri.scheme !== 'file' ||
      !this.runs.all().length ||
      !vscode.window.visibleTextEditors.some((e) => e.document === document)
    ) {
      return;
    }
    clearTimeout(this.pendingEdits.get(key));
    this.pendingEdits.set(
      key,
      setTimeout(() => {
        this.pendingEdits.delete(key);
        void this.refresh();
      }, delayMs),
    );
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
      const version = editor.document.version;
      const ranges = await this.rangesFor(editor.document);
      seen.add(editor.document.uri.toString());
      if (editor.document.version !== version) {
        // Edited while blame ran: these lines are already stale, and the edit has queued a redraw.
        continue;
      }
      this.applied.set(editor.document.uri.toString(), ranges);
      editor.setDecorations(
        this.type,
        ranges.map((r) => {
          const hover = new vscode.MarkdownString(undefined, true);
          hover.isTrusted = { enabledCommands: ['warroom.openCommit', 'warroom.markCause', 'warroom.markCleared'] };
          const args = encodeURIComponent(JSON.stringify({ incidentId: r.incidentId, sha: r.sha }));
          hover.appendMarkdown('$(warning) ').appendMarkdown(markdownLiteral(r.hover));
          hover.appendMarkdown(
            `\n\n[Open commit diff](command:warroom.openCommit?${args}) · [Mark cause](command:warroom.markCause?${args}) · [Mark cleared](command:warroom.markCleared?${args})`,
          );
          return { range: r.range, hoverMessage: hover };
        }),
      );
    }
    // What is not shown any more keeps neither its ranges nor the reason it had none.
    for (const map of [this.applied, this.unmarkedFiles]) {
      for (const key of [...map.keys()]) {
        if (!seen.has(key)) {
          map.delete(key);
        }
      }
    }
  }

  private async rangesFor(document: vscode.TextDocument): Promise<DecoratedRange[]> {
    // Per repository (incidents may correlate different ones): the file's decorated suspects, and the
    // dates that bound blame (cleared commits count there too, so a verdict does not cost a new blame).
    const byRepo = new Map<string, { relative: string; suspects: FileSuspect[]; dates: string[] }>();
    // HEAD read once a redraw and repository (the runs of several incidents share it; blame keys on it too).
    const heads = new Map<string, Promise<string | undefined>>();
    const headOf = (repo: string): Promise<string | undefined> => {
      let head = heads.get(repo);
      if (!head) {
        head = gitAdapter().headCommit(repo);
        heads.set(repo, head);
      }
      return head;
    };
    for (const [incidentId, done] of this.runs.all()) {
      const incident = this.model.find(incidentId)?.incident;
      if (!incident || !isActive(incident)) {
        continue;
      }
      const repo = done.result.repo.topLevel;
      const relative = repoRelative(repo, document.uri);
      if (relative === undefined) {
        continue;
      }
      const marks = foldSuspectMarks(incident.events);
      const names = await this.namesOf(repo, relative, done.result.ranking.commits, await headOf(repo));
      const touching = done.result.ranking.commits.slice(0, DECORATED_COMMITS).flatMap((commit) => {
        const file = commit.files.find((f) => names.has(f.path));
        return file ? [{ commit, path: file.path }] : [];
      });
      if (!touching.length) {
        continue;
      }
      const entry = byRepo.get(repo) ?? { relative, suspects: [], dates: [] };
      byRepo.set(repo, entry);
      entry.dates.push(...touching.map((t) => t.commit.committedAt));
      for (const { commit, path: nameThen } of touching) {
        if (verdictFor(marks, commit.sha)?.verdict !== 'cleared') {
          entry.suspects.push({ incidentId, commit, path: nameThen, hover: hoverText(commit, incident.id, incident.startedAt) });
        }
      }
    }
    const result: DecoratedRange[] = [];
    const lineCount = document.lineCount;
    for (const [repo, { relative, suspects, dates }] of byRepo) {
      if (!suspects.length) {
        continue;
      }
      const text = hashed(document.getText());
      const groups = await this.blame(repo, relative, document, blameSince(dates), text, await headOf(repo));
      if (groups) {
        this.unmarkedFiles.delete(document.uri.toString());
      }
      const lines = linesByCommit(groups ?? [], new Set(suspects.map((s) => s.commit.sha)));
      for (const suspect of suspects) {
        for (const range of lines.get(suspect.commit.sha) ?? []) {
          if (range.start > lineCount) {
            continue;
          }
          const range0 = new vscode.Range(range.start - 1, 0, Math.min(range.end, lineCount) - 1, 0);
          result.push({ incidentId: suspect.incidentId, sha: suspect.commit.sha, range: range0, hover: suspect.hover });
        }
        for (const line of await this.removalLines(repo, suspect.path, suspect.commit.sha, text, document.encoding)) {
          const at = Math.min(line, lineCount) - 1;
          if (at >= 0) {
            result.push({
              incidentId: suspect.incidentId,
              sha: suspect.commit.sha,
              range: new vscode.Range(at, 0, at, 0),
              hover: `${suspect.hover}: lines removed just above this one`,
            });
          }
        }
      }
    }
    return result;
  }

  /**
   * The lines (1-based, in `text`) just below each place where `sha` only removed lines of the file,
   * followed from the commit's version to `text`. Empty when it removed nothing on its own, or when
   * git or the diff gives no answer (the file was rewritten since).
   */
  private async removalLines(
    repo: string,
    relative: string,
    sha: string,
    text: { readonly text: string; readonly hash: string },
    encoding: string,
  ): Promise<number[]> {
    const changed = await this.changedLines(repo, sha, relative).catch(() => undefined);
    const removals = changed?.ranges.filter((r) => r.deletion) ?? [];
    if (!removals.length || !changed) {
      return [];
    }
    const key = [repo, sha, changed.path, text.hash, encoding].join('\n');
    const diff = await remember(this.diffs, key, () =>
      gitAdapter()
        .fileAtRevision(repo, sha, changed.path)
        // Decoded as the editor decoded the document: in any other encoding an accented line differs.
        .then(async (old) => (old === undefined ? undefined : lineDiff(textLines(await decodedAs(old, encoding)), textLines(text.text))))
        .catch((error: unknown) => {
          this.log.warn(`${relative} at ${sha.slice(0, 7)} for removal marks: ${error instanceof Error ? error.message : String(error)}`);
          return undefined;
        }),
    );
    return diff ? removals.map((r) => followLine(diff, r.start).line) : [];
  }

  /**
   * Blame of the document's current text from HEAD, cached under everything the answer depends on.
   * A dirty document's text goes to git on stdin; a saved one is blamed from disk (same text, and git
   * reads it in the file's own encoding). Undefined, with a warning logged once, when git fails: then
   * the file simply has no marks (never the commit's own line numbers, which may be wrong).
   */
  private async blame(
    repo: string,
    relative: string,
    document: vscode.TextDocument,
    since: number | undefined,
    current = hashed(document.getText()),
    headNow?: string,
  ): Promise<readonly BlameGroup[] | undefined> {
    const git = gitAdapter();
    const head = headNow ?? (await git.headCommit(repo));
    if (!head) {
      return undefined; // no commits yet: nothing to blame
    }
    const { text, hash } = current;
    const { encoding, isDirty } = document;
    const key = [repo, relative, head, since ?? '', hash, encoding].join('\n');
    return remember(this.blames, key, () =>
      (async () => {
        // Git compares bytes: unsaved text goes to it encoded as the file is saved (Latin-1, a BOM...).
        const contents = isDirty ? await encodedAs(text, encoding) : undefined;
        return git.blameFile(repo, relative, { since, contents });
      })().catch((error: unknown) => {
        this.log.warn(
          `blame of ${relative} for suspect lines: ${error instanceof Error ? error.message : String(error)}; its lines are not marked`,
        );
        if (gitAdapter().lacksObject(error)) {
          this.tellLacking(repo, relative, document.uri);
        }
        return undefined;
      }),
    );
  }

  /**
   * A partial or damaged clone: the file has no marks, and the responder would otherwise take that to
   * mean no suspect touched it. Said once a session for each repository, with the log a click away.
   */
  private tellLacking(repo: string, relative: string, uri: vscode.Uri): void {
    const text = blameLacksObjectsWarning(relative);
    this.unmarkedFiles.set(uri.toString(), text);
    if (this.toldLacking.has(repo)) {
      return;
    }
    this.toldLacking.add(repo);
    void vscode.window.showWarningMessage(text, 'Show Log').then((choice) => (choice ? this.log.show(true) : undefined));
  }

  override dispose(): void {
    for (const timer of this.pendingEdits.values()) {
      clearTimeout(timer);
    }
    this.pendingEdits.clear();
    super.dispose();
  }
}

/** Whether a suspect changed a file that is not in the working tree now (moved or deleted since); asked without blocking. */
async function anyMissing(repo: string, suspects: readonly RankedCommit[]): Promise<boolean> {
  const files = suspects.flatMap((c) => c.files.filter((f) => f.status !== 'deleted').map((f) => path.join(repo, f.path)));
  const present = await Promise.all(
    files.map((file) =>
      fs.promises.access(file).then(
        () => true,
        () => false,
      ),
    ),
  );
  return present.includes(false);
}

/**
 * The cached answer under `key`, made (and kept) when missing. The most recently used is kept last,
 * so the oldest is the first to go once `limit` answers are held.
 */
function remember<T>(cache: Map<string, T>, key: string, make: () => T, limit = BLAME_CACHE_SIZE): T {
  const found = cache.has(key) ? (cache.get(key) as T) : make();
  cache.delete(key);
  while (cache.size >= limit) {
    cache.delete(cache.keys().next().value as string);
  }
  cache.set(key, found);
  return found;
}

/** Bytes as the editor decodes a document in `encoding`: through VS Code unless plain UTF-8. */
async function decodedAs(bytes: Uint8Array, encoding: string): Promise<string> {
  return encoding === 'utf8' ? new TextDecoder().decode(bytes) : vscode.workspace.decode(bytes, { encoding });
}

/** Text as the editor saves a document in `encoding` (git's string is UTF-8 already). */
async function encodedAs(text: string, encoding: string): Promise<string | Uint8Array> {
  return encoding === 'utf8' ? text : vscode.workspace.encode(text, { encoding });
}

function hashed(text: string): { readonly text: string; readonly hash: string } {
  return { text, hash: createHash('sha1').update(text).digest('hex') };
}

/** The file's path in the repository (forward slashes), undefined when it lies outside. */
function repoRelative(repo: string, uri: vscode.Uri): string | undefined {
  const relative = path.relative(repo, uri.fsPath).split(path.sep).join('/');
  return relative === '' || relative === '..' || relative.startsWith('../') || path.isAbsolute(relative) ? undefined : relative;
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
