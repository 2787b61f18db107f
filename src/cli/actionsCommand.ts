// `warroom actions [--overdue] [--json]`: every incident's action items as the Action Items view shows
// them; `warroom actions --close-from-git`: closure by `Closes-Action:` trailers from a terminal or CI.

import { findActionClosures } from '../adapters/git';
import { ACTION_ITEM_EVENTS, ActionItemClosedEvent } from '../core/learning/actionItems';
import { ACTION_ITEM_BUCKETS, BUCKET_LABELS, describeActionItem, plannedClosures, trackActionItems } from '../core/learning/actionTracking';
import { flag, ParsedArgs, stringOption } from './args';
import { authorOf, CliCommand, CliIo, repoOf } from './command';
import { openStore } from './dataDir';
import { count } from '../core/text/count';

async function closeFromGit(args: ParsedArgs, io: CliIo): Promise<number> {
  const store = openStore(args, io);
  const { incidents } = await store.loadAll();
  const repo = repoOf(args, io);
  const scan = await findActionClosures(repo, { defaultBranch: stringOption(args, 'branch') });
  const author = authorOf(args, io);
  const planned = plannedClosures(
    incidents.map((l) => l.incident),
    scan.commits,
    new Date(),
  );
  for (const close of planned) {
    await store.append<ActionItemClosedEvent>(
      close.incidentId,
      { type: ACTION_ITEM_EVENTS.closed, itemId: close.itemId, outcome: 'done', sha: close.sha },
      author,
      new Date(close.at),
    );
    io.out(`${close.itemId} (${close.incidentId}): done by ${close.sha.slice(0, 12)}`);
  }
  io.out(
    `${count(scan.commits.length, 'commit')} on ${scan.branch} ${scan.commits.length === 1 ? 'carries' : 'carry'} Closes-Action trailers; ${count(planned.length, 'item')} closed now.`,
  );
  return 0;
}

export const actionsCommand: CliCommand = {
  name: 'actions',
  // Two modes, each with its own options: --repo, --branch and --author were ignored without
  // --close-from-git, --overdue and --json with it (it prints what it closes, not the items).
  usage: ['actions [--overdue] [--json] [--dir D]', 'actions --close-from-git [--repo D] [--branch B] [--author NAME] [--dir D]'],
  summary: "action items of every incident: overdue, open, done, won't do",
  async run(args, io) {
    if (flag(args, 'close-from-git')) {
      return closeFromGit(args, io);
    }
    const { incidents, unreadable } = await openStore(args, io).loadAll();
    for (const { file, message } of unreadable) {
      io.err(`${file}: ${message}`);
    }
    const all = trackActionItems(
      incidents.map((l) => l.incident),
      new Date(),
    );
    const items = flag(args, 'overdue') ? all.filter((i) => i.bucket === 'overdue') : all;
    if (flag(args, 'json')) {
      io.out(JSON.stringify(items, null, 2));
      return 0;
    }
    if (items.length === 0) {
      io.out(flag(args, 'overdue') ? 'No overdue action items.' : 'No action items.');
      return 0;
    }
    for (const bucket of ACTION_ITEM_BUCKETS) {
      const inBucket = items.filter((i) => i.bucket === bucket);
      if (inBucket.length) {
        io.out(`${BUCKET_LABELS[bucket]} (${inBucket.length})`);
        for (const item of inBucket) {
          io.out(`  ${item.id}  ${item.title}  [${item.kind}] ${describeActionItem(item)}  (${item.incidentId})`);
        }
      }
    }
    return 0;
  },
};
