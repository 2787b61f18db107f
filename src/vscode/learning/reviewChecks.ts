// Checks on post-incident review files (Markdown naming an incident in its front matter): blaming
// language as warnings with a neutral rewrite as a quick fix, "complete" with empty required
// sections as errors, and commit shas as links to their diffs.
import * as vscode from 'vscode';
import { actionItemsOf } from '../../core/learning/actionItems';
import { reviewIncidentId, reviewStatus } from '../../core/learning/review';
import { IncidentModel } from '../incidentModel';
import { learningAdapter } from '../lazyAdapters';
import { Disposable } from '../lifecycle';
import { OPEN_COMMIT_COMMAND } from '../panels/jumps';

export const BLAMELESS_SOURCE = 'War Room blameless';
export const REVIEW_SOURCE = 'War Room review';
/** Larger documents are not reviews War Room drafted; they are not checked (the editor stays responsive). */
const MAX_CHECKED_CHARS = 2_000_000;

/** The incident id of a review document, or undefined when it is not one. */
export function reviewOf(doc: vscode.TextDocument): string | undefined {
  if (doc.languageId !== 'markdown' || doc.uri.scheme !== 'file') {
    return undefined;
  }
  return reviewIncidentId(doc.getText(new vscode.Range(0, 0, 40, 0)));
}

/** The people an incident knows: authors, role holders, action item owners. */
export function peopleOf(model: IncidentModel, incidentId: string): string[] {
  const ref = model.find(incidentId);
  if (!ref) {
    return [];
  }
  const people = new Set<string>();
  for (const e of ref.incident.events) {
    if (e.author) people.add(e.author);
  }
  for (const r of ref.incident.roleHistory) people.add(r.person);
  for (const i of actionItemsOf(ref.incident).items) if (i.owner) people.add(i.owner);
  return [...people];
}

export class ReviewChecks extends Disposable implements vscode.CodeActionProvider, vscode.DocumentLinkProvider {
  static readonly fixKinds = [vscode.CodeActionKind.QuickFix];
  private readonly diagnostics = this.register(vscode.languages.createDiagnosticCollection('warroom.reviews'));
  private readonly pending = new Map<string, NodeJS.Timeout>();
  /** Whether the active editor shows a review (context key `warroom.reviewEditor`, for the editor's menu). */
  private reviewEditor: boolean | undefined;

  constructor(private readonly model: IncidentModel) {
    super();
    const selector: vscode.DocumentSelector = { language: 'markdown', scheme: 'file' };
    this.register([
      vscode.workspace.onDidOpenTextDocument((d) => this.check(d)),
      vscode.workspace.onDidChangeTextDocument((e) => this.schedule(e.document)),
      vscode.workspace.onDidCloseTextDocument((d) => this.diagnostics.delete(d.uri)),
      vscode.window.onDidChangeActiveTextEditor(() => this.updateReviewEditor()),
      // People named in the incident change what counts as a name.
      model.onDidChange(() => vscode.workspace.textDocuments.forEach((d) => this.check(d))),
      vscode.languages.registerCodeActionsProvider(selector, this, { providedCodeActionKinds: ReviewChecks.fixKinds }),
      vscode.languages.registerDocumentLinkProvider(selector, this),
    ]);
    vscode.workspace.textDocuments.forEach((d) => this.check(d));
    this.updateReviewEditor();
  }

  /**
   * Sets `warroom.reviewEditor` when it changes: right-click Add Action Item shows in review files
   * only. `is`: already known for the active document (check() has just read its front matter).
   */
  private updateReviewEditor(is = this.activeIsReview()): void {
    if (is !== this.reviewEditor) {
      this.reviewEditor = is;
      void vscode.commands.executeCommand('setContext', 'warroom.reviewEditor', is);
    }
  }

  private activeIsReview(): boolean {
    const editor = vscode.window.activeTextEditor;
    return editor !== undefined && reviewOf(editor.document) !== undefined;
  }

  /** The diagnostics of a document as last checked (tests read them too). */
  problems(uri: vscode.Uri): readonly vscode.Diagnostic[] {
    return this.diagnostics.get(uri) ?? [];
  }

  private schedule(doc: vscode.TextDocument): void {
    const key = doc.uri.toString();
    clearTimeout(this.pending.get(key));
    // Typing fires a change per key: check once the burst settles.
    this.pending.set(
      key,
      setTimeout(() => {
        this.pending.delete(key);
        this.check(doc);
      }, 150),
    );
  }

  check(doc: vscode.TextDocument): void {
    const incidentId = reviewOf(doc);
    if (doc === vscode.window.activeTextEditor?.document) {
      this.updateReviewEditor(incidentId !== undefined); // its front matter may have just made it a review, or stopped it being one
    }
    if (!incidentId || doc.isClosed || doc.getText().length > MAX_CHECKED_CHARS) {
      this.diagnostics.delete(doc.uri);
      return;
    }
    const text = doc.getText();
    const found: vscode.Diagnostic[] = [];
    // The checker is in the learning bundle: it loads with the first review file opened.
    const learning = learningAdapter();
    for (const f of learning.findBlame(text, { people: peopleOf(this.model, incidentId), skip: learning.generatedRanges(text) })) {
      const d = new vscode.Diagnostic(new vscode.Range(f.line, f.start, f.line, f.end), f.message, vscode.DiagnosticSeverity.Warning);
      d.source = BLAMELESS_SOURCE;
      d.code = f.rewrite;
      found.push(d);
    }
    if (reviewStatus(text).status === 'complete') {
      for (const s of learning.emptyRequiredSections(text)) {
        const line = doc.lineAt(s.line - 1);
        const d = new vscode.Diagnostic(
          line.range,
          `Status is complete but "${s.heading}" ${s.missing ? 'is missing' : 'is empty'}: write it, or set the status back to in review.`,
          vscode.DiagnosticSeverity.Error,
        );
        d.source = REVIEW_SOURCE;
        found.push(d);
      }
    }
    this.diagnostics.set(doc.uri, found);
  }

  provideCodeActions(
    doc: vscode.TextDocument,
    range: vscode.Range | vscode.Selection,
    context: vscode.CodeActionContext,
  ): vscode.CodeAction[] {
    return context.diagnostics
      .filter((d) => d.source === BLAMELESS_SOURCE && typeof d.code === 'string' && d.range.intersection(range) !== undefined)
      .map((d) => {
        const rewrite = d.code as string;
        const action = new vscode.CodeAction(
          rewrite ? `Rewrite as "${rewrite}"` : `Remove "${doc.getText(d.range).trim()}"`,
          vscode.CodeActionKind.QuickFix,
        );
        action.edit = new vscode.WorkspaceEdit();
        action.edit.replace(doc.uri, d.range, rewrite);
        action.diagnostics = [d];
        action.isPreferred = true;
        return action;
      });
  }

  provideDocumentLinks(doc: vscode.TextDocument): vscode.DocumentLink[] {
    const incidentId = reviewOf(doc);
    if (!incidentId || doc.getText().length > MAX_CHECKED_CHARS) {
      return [];
    }
    const links: vscode.DocumentLink[] = [];
    const text = doc.getText();
    // Shas are written as code spans (`c0ffee123456`): each opens the commit's diff.
    for (const m of text.matchAll(/`([0-9a-f]{7,40})`/g)) {
      const start = doc.positionAt(m.index + 1);
      const args = encodeURIComponent(JSON.stringify([{ incidentId, sha: m[1] }]));
      const link = new vscode.DocumentLink(
        new vscode.Range(start, start.translate(0, m[1].length)),
        vscode.Uri.parse(`command:${OPEN_COMMIT_COMMAND}?${args}`),
      );
      link.tooltip = 'Open the commit';
      links.push(link);
    }
    return links;
  }

  override dispose(): void {
    for (const t of this.pending.values()) {
      clearTimeout(t);
    }
    super.dispose();
  }
}
