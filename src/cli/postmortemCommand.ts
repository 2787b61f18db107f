// `warroom postmortem import <file.md> [--dry-run] [--json]`: a postmortem a team already wrote
// becomes a resolved incident (entries, milestones, action items), through the same core reader
// as the editor's Import Postmortem. Rows it cannot place are listed with their lines.

import { randomBytes } from 'node:crypto';
import * as path from 'node:path';
import { readRegularFile } from '../adapters/insideFolder';
import { postmortemSource } from '../adapters/learning/postmortemSource';
import { count } from '../core/text/count';
import { newActionItemId } from '../core/learning/actionItems';
import {
  earlierImport,
  groupedUnplaced,
  importedAlready,
  importPlan,
  MAX_POSTMORTEM_BYTES,
  parsePostmortem,
  PostmortemImport,
  warningLine,
} from '../core/learning/postmortemImport';
import { flag } from './args';
import { authorOf, CliCommand } from './command';
import { openStore } from './dataDir';

/**
 * What `--json` prints: the issue's shape, with each unplaced row's reason and each item's kind.
 * Every unplaced row is listed (not grouped as the text output is): it is data for a script, which
 * needs each row's line and text, not a summary to read.
 */
export function importJson(parsed: PostmortemImport) {
  return {
    title: parsed.title,
    startedAt: parsed.startedAt ?? null,
    milestones: parsed.milestones,
    events: parsed.events.map(({ ts, text, line }) => ({ ts, text, line })),
    unplaced: parsed.unplaced.map(({ line, text, reason }) => ({ line, text, reason })),
    actionItems: parsed.actionItems.map(({ title, line, kind }) => ({ title, line, kind })),
    warnings: parsed.warnings,
  };
}

export const postmortemCommand: CliCommand = {
  name: 'postmortem',
  usage: 'postmortem import <file.md> [--dry-run] [--again] [--json] [--author NAME] [--dir D]',
  summary: 'import a Markdown postmortem as a resolved incident',
  async run(args, io) {
    const file = args.positionals[1];
    const full = path.resolve(io.cwd, file);
    const read = readRegularFile(full, MAX_POSTMORTEM_BYTES);
    if ('problem' in read) {
      throw new Error(`${file}: ${read.problem}`);
    }
    const parsed = parsePostmortem(read.text, { fallbackTitle: path.basename(file) });
    if (flag(args, 'json')) {
      io.out(JSON.stringify(importJson(parsed), null, 2));
    } else {
      io.out(`${parsed.title}: ${count(parsed.events.length, 'timeline row')}, ${count(parsed.actionItems.length, 'action item')}`);
      for (const [milestone, at] of Object.entries(parsed.milestones)) {
        io.out(`  ${milestone}: ${at}`);
      }
      // Grouped by reason: 300 rows with no date are a few lines, each line still named. Every
      // location as the other commands write one, `file:line: `, a group's at its first line.
      for (const u of groupedUnplaced(parsed.unplaced)) {
        io.out(
          'row' in u
            ? `${file}:${u.row.line}: not placed (${u.row.reason}): ${u.row.text}`
            : `${file}:${u.first}: not placed (${u.reason}): ${u.count} more like line ${u.like}, lines ${u.lines}`,
        );
      }
      for (const warning of parsed.warnings) {
        const { line, text } = warningLine(warning);
        io.err(`${file}:${line === undefined ? '' : `${line}:`} ${text}`);
      }
    }
    // A dry run goes as far as the import would, writing nothing: a file with no row to import, or
    // one imported already, fails it as it fails the import (it exited 0 where the import exited 1).
    const store = openStore(args, io, 'create');
    // As teammates share it: relative to the folder the data dir is in (the repository), if inside it.
    const source = postmortemSource(path.dirname(store.dataDir), full, read.text);
    const plan = importPlan(parsed, {
      file: path.basename(file),
      now: new Date(),
      newItemId: () => newActionItemId(randomBytes(5)),
      source,
    });
    const earlier = flag(args, 'again')
      ? undefined
      : earlierImport(
          (await store.loadAll()).incidents.map((l) => l.incident),
          source,
          parsed.title,
        );
    if (earlier) {
      throw new Error(
        `${importedAlready(file, earlier)}; see it with warroom show ${earlier.id}, or add --again to import it as another incident`,
      );
    }
    if (flag(args, 'dry-run')) {
      return 0;
    }
    const author = authorOf(args, io);
    // In one write, so an editor watching the folder never sees it active, half imported.
    const id = await store.declare(
      plan.declaration,
      author,
      new Date(plan.declaredAt),
      plan.events.map((event) => ({ input: event.input, at: new Date(event.at) })),
    );
    (flag(args, 'json') ? io.err : io.out)(`Imported as ${id} (resolved) in ${store.dataDir}`);
    return 0;
  },
};
