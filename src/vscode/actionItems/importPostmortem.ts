// Import Postmortem: a Markdown postmortem the team already has becomes a resolved incident in the
// folder it is in, through the same core reader as `warroom postmortem import`. Rows it could not
// place open in a document beside, with their lines. A postmortem imported already is imported
// again only when the user says so (the CLI's --again), in a modal naming the earlier incident.
import { randomBytes } from 'node:crypto';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { readRegularFile } from '../../adapters/insideFolder';
import { newActionItemId } from '../../core/learning/actionItems';
import { UserFacingError } from '../commandRegistry';
import { config } from '../config';
import { IncidentModel } from '../incidentModel';
import { learningAdapter } from '../lazyAdapters';
import { ModalChoice } from '../modalChoice';
import { openNewDocument } from '../newDocument';
import { count } from '../../core/text/count';

export interface ImportDeps {
  readonly model: IncidentModel;
  /** Asks before a second import of the same postmortem (the tests answer with their own). */
  readonly prompts: () => ModalChoice;
}

export const IMPORT_AGAIN_BUTTON = 'Import Again';
export const OPEN_EARLIER_BUTTON = 'Open Earlier Incident';

/**
 * Imports the file given (`{file}` or a path) or picked; resolves with the new incident's id. A
 * postmortem imported already (by `warroom postmortem import` or here) is imported again only when
 * the user says so; otherwise nothing is written and it resolves with undefined.
 */
export async function importPostmortem({ model, prompts }: ImportDeps, arg?: unknown): Promise<string | undefined> {
  const given = typeof arg === 'string' ? arg : typeof arg === 'object' && arg !== null ? (arg as { file?: unknown }).file : undefined;
  const uri =
    typeof given === 'string'
      ? vscode.Uri.file(given)
      : arg instanceof vscode.Uri
        ? arg
        : (
            await vscode.window.showOpenDialog({
              canSelectMany: false,
              // The postmortem open in the editor is the likeliest one: the dialog starts at it.
              defaultUri: openMarkdownFile(),
              openLabel: 'Import Postmortem',
              filters: { Markdown: ['md', 'markdown', 'txt'], 'All files': ['*'] },
            })
          )?.[0];
  if (!uri) {
    return undefined;
  }
  const folder = vscode.workspace.getWorkspaceFolder(uri) ?? vscode.workspace.workspaceFolders?.[0];
  if (!folder) {
    throw new UserFacingError('Open a folder to import a postmortem into.');
  }
  const name = path.basename(uri.fsPath);
  // The postmortem reader is in the learning bundle: it loads with the first import.
  const { earlierImport, groupedUnplaced, importedAlready, importPlan, MAX_POSTMORTEM_BYTES, parsePostmortem, postmortemSource } =
    learningAdapter();
  const read = readRegularFile(uri.fsPath, MAX_POSTMORTEM_BYTES);
  if ('problem' in read) {
    throw new UserFacingError(`${name}: ${read.problem}`);
  }
  const parsed = parsePostmortem(read.text, { fallbackTitle: name });
  // Recorded on the incident as `warroom postmortem import` records it, which then knows it for imported.
  const source = postmortemSource(path.dirname(config.dataDir(folder).dir), uri.fsPath, read.text);
  let plan;
  try {
    plan = importPlan(parsed, { file: name, now: new Date(), newItemId: () => newActionItemId(randomBytes(5)), source });
  } catch (error) {
    throw new UserFacingError((error as Error).message);
  }
  // Imported already into this folder's store (here or by the CLI): the same question the CLI's --again answers.
  const earlier = earlierImport(
    model
      .all()
      .filter((r) => r.folder.uri.toString() === folder.uri.toString())
      .map((r) => r.incident),
    source,
    parsed.title,
  );
  if (earlier) {
    const choice = await prompts().choose(
      `${importedAlready(name, earlier)}. Import it again?`,
      `Import Again makes a second incident from it. Open Earlier Incident opens ${earlier.id} instead, and nothing is imported.`,
      [IMPORT_AGAIN_BUTTON, OPEN_EARLIER_BUTTON],
    );
    if (choice === OPEN_EARLIER_BUTTON) {
      await vscode.commands.executeCommand('warroom.openTimeline', { incidentId: earlier.id });
    }
    if (choice !== IMPORT_AGAIN_BUTTON) {
      return undefined;
    }
  }
  // In one write: the incident is never seen active, half imported (an update overdue since the postmortem's day).
  const id = await model.declare(
    folder,
    plan.declaration,
    new Date(plan.declaredAt),
    plan.events.map((event) => ({ input: event.input, at: new Date(event.at) })),
  );
  if (!model.find(id)) {
    throw new UserFacingError(`${id} was declared but could not be read back.`);
  }
  if (parsed.unplaced.length || parsed.warnings.length) {
    const lines = [
      `# ${name}: what the import could not place`,
      '',
      ...parsed.warnings.map((w) => `- ${w}`),
      // Grouped by reason: 300 rows with no date are a few lines, each line still named.
      ...groupedUnplaced(parsed.unplaced).map((u) =>
        'row' in u
          ? `- line ${u.row.line} (${u.row.reason}): ${u.row.text.replace(/[\r\n]+/g, ' ')}`
          : `- lines ${u.lines}: ${u.count} more like line ${u.like} (${u.reason}).`,
      ),
    ];
    // Beside the postmortem, named for it: Save offers that path.
    const report = await openNewDocument(
      vscode.Uri.file(path.dirname(uri.fsPath)),
      name.replace(/\.[^.]*$/, ''),
      '.not-placed.md',
      lines.join('\n') + '\n',
    );
    await vscode.window.showTextDocument(report, { viewColumn: vscode.ViewColumn.Beside, preview: true });
  }
  void vscode.window.showInformationMessage(
    // The incident's title, cut as the import cut it: the whole heading is in the incident's note.
    `War Room: imported "${plan.declaration.title}" as ${id}: ${count(parsed.events.length, 'row')}, ${count(parsed.actionItems.length, 'action item')}${parsed.unplaced.length ? `, ${count(parsed.unplaced.length, 'row')} not placed` : ''}.`,
  );
  return id;
}

/** The Markdown file in the active editor, if it is one on disk. */
function openMarkdownFile(): vscode.Uri | undefined {
  const document = vscode.window.activeTextEditor?.document;
  return document && document.uri.scheme === 'file' && document.languageId === 'markdown' ? document.uri : undefined;
}
