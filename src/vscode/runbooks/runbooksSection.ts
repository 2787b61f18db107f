// "Runbooks" under each incident: the runbooks linked to it (from its events), then the best
// matches not linked yet, with the reasons in the tooltip. Indexing starts the first time an
// incident is shown, so activation never walks the workspace.
import * as vscode from 'vscode';
import { markdownLiteral } from '../../core/text/strings';
import { Incident } from '../../core/incident';
import { foldRunbookActivity, Runbook, RunbookMatch, stepCounts, walkPosition } from '../../core/runbooks';
import { IncidentSection, TreeNode } from '../treeNodes';
import { FolderRunbooks, RunbookCatalog, runbookKey } from './catalog';
import { runbooksAdapter } from '../lazyAdapters';
import { count } from '../../core/text/count';

/** Matches shown under an incident besides the linked runbooks. */
const MATCHES_SHOWN = 5;

export function matchesFor(incident: Incident, entry: FolderRunbooks, limit?: number): RunbookMatch[] {
  // The catalog's entry means the runbooks bundle is loaded: matching is in it.
  const { matchRunbooks, queryFromIncident } = runbooksAdapter();
  return matchRunbooks(queryFromIncident(incident), entry.index.runbooks, {
    alertLinks: entry.index.alertLinks,
    ...(limit ? { limit } : {}),
  });
}

export function runbooksSection(catalog: RunbookCatalog): IncidentSection {
  return {
    id: 'runbooks',
    nodes(incident, folder) {
      const base = `${folder.uri.toString()}:${incident.id}`;
      const entry = catalog.peek(folder);
      const section = { id: `runbooks:${base}`, label: 'Runbooks', icon: new vscode.ThemeIcon('book'), incidentId: incident.id, folder };
      if (!entry) {
        // Its own id: VS Code keeps a row's collapsed state by id, and this one has no children yet.
        return { ...section, id: `runbooks-indexing:${base}`, description: 'indexing…', contextValue: 'section;runbooks;indexing' };
      }
      const activity = foldRunbookActivity(incident.events);
      const all = entry.index.runbooks;
      const linked = activity.linked
        .map((l) => all.find((r) => r.id === l.runbook && (!l.file || r.file === l.file)) ?? all.find((r) => r.id === l.runbook))
        .filter((r): r is Runbook => r !== undefined);
      const linkedKeys = new Set(linked.map(runbookKey));
      const matches = matchesFor(incident, entry);
      const byKey = new Map(matches.map((m) => [runbookKey(m.runbook), m]));
      const matched = matches.filter((m) => !linkedKeys.has(runbookKey(m.runbook))).slice(0, MATCHES_SHOWN);
      const row = (runbook: Runbook, isLinked: boolean): TreeNode => {
        const match = byKey.get(runbookKey(runbook));
        const stale = entry.stale.get(runbookKey(runbook));
        const position = walkPosition(runbook, activity.steps.get(runbook.id));
        const counts = stepCounts(activity, runbook.id, position.path);
        const started = counts.done + counts.skipped > 0;
        const tooltip = new vscode.MarkdownString(undefined, true);
        tooltip
          .appendMarkdown('**')
          .appendMarkdown(markdownLiteral(runbook.title))
          .appendMarkdown('**  \n')
          .appendMarkdown(markdownLiteral(`${runbook.file}:${runbook.position.line}`));
        tooltip.appendMarkdown(isLinked ? '\n\n$(link) linked to this incident' : `\n\n$(search) matched, score ${match?.score ?? 0}`);
        const linkReason = isLinked
          ? activity.linked.find((l) => l.runbook === runbook.id && (!l.file || l.file === runbook.file))?.reason
          : undefined;
        if (linkReason && linkReason !== 'manual' && !match?.reasons.includes(linkReason)) {
          tooltip.appendMarkdown(' because ').appendMarkdown(markdownLiteral(linkReason));
        }
        for (const reason of match?.reasons ?? []) {
          tooltip.appendMarkdown('\n- ').appendMarkdown(markdownLiteral(reason));
        }
        if (runbook.notice) {
          tooltip
            .appendMarkdown('\n\n$(arrow-right) **Moved:** ')
            .appendMarkdown(markdownLiteral(`${runbook.notice.text} (${runbook.notice.target ?? runbook.notice.link.url})`));
        }
        if (stale) {
          tooltip.appendMarkdown('\n\n$(warning) **May be stale:**');
          for (const reason of stale.reasons) {
            tooltip.appendMarkdown('\n- ').appendMarkdown(markdownLiteral(reason.message));
          }
        }
        return {
          id: `runbook:${base}:${runbookKey(runbook)}`,
          label: runbook.title,
          description: [
            isLinked ? 'linked' : `match ${match?.score ?? 0}`,
            runbook.notice
              ? 'moved'
              : started
                ? `${counts.done + counts.skipped}/${count(counts.total, 'step')}`
                : count(runbook.steps.length, 'step'),
            stale ? '⚠ stale' : undefined,
          ]
            .filter(Boolean)
            .join(' · '),
          tooltip,
          icon: stale
            ? new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground'))
            : new vscode.ThemeIcon(isLinked ? 'book' : 'lightbulb'),
          contextValue: `runbook;${isLinked ? 'linked' : 'matched'}${stale ? ';stale' : ''}`,
          incidentId: incident.id,
          folder,
          data: { runbook: runbook.id, file: runbook.file, reasons: match?.reasons ?? [] },
          command: {
            command: 'warroom.openRunbook',
            title: 'Open Runbook',
            arguments: [{ incidentId: incident.id, runbook: runbook.id, file: runbook.file }],
          },
        };
      };
      catalog.recheckShown(folder, [...linked.map((r) => r.file), ...matched.map((m) => m.runbook.file)]);
      const children = [...linked.map((r) => row(r, true)), ...matched.map((m) => row(m.runbook, false))];
      return {
        ...section,
        description: all.length === 0 ? 'none in this folder' : `${linked.length} linked · ${matched.length} matched`,
        contextValue: 'section;runbooks',
        expanded: true,
        children: () => children,
      };
    },
  };
}
