// `warroom actions [--overdue] [--json]`: every incident's action items as the Action Items view shows
// them; `warroom actions --close-from-git`: closure by `Closes-Action:` trailers from a terminal or CI;
// `warroom actions add|close|reopen`: the editor's Add, Close and Reopen Action Item, writing the same
// events through the same core checks.

import { randomBytes } from 'node:crypto';
import { findActionClosures } from '../adapters/git';
import {
  ACTION_ITEM_EVENTS,
  ACTION_ITEM_KINDS,
  actionItemIdOf,
  ACTION_ITEM_PRIORITIES,
  ActionItemAddedEvent,
  ActionItemClosedEvent,
  ActionItemFields,
  ActionItemReopenedEvent,
  newActionItemId,
} from '../core/learning/actionItems';
import {
  ACTION_ITEM_BUCKETS,
  actionFieldsProblem,
  BUCKET_LABELS,
  describeActionItem,
  isActionItemKind,
  plannedClosures,
  closeProblem,
  reopenProblem,
  trackActionItems,
} from '../core/learning/actionTracking';
import { flag, ParsedArgs, stringOption, UsageError, words } from './args';
import { authorOf, CliCommand, CliIo, repoOf } from './command';
import { openStore } from './dataDir';
import { count } from '../core/text/count';
import { findIncident } from './incidentCommands';

/** The kinds as `--kind` shows them: the one taken when none is given first. */
const ACTION_ITEM_KINDS_PREVENT_FIRST = ['prevent', ...ACTION_ITEM_KINDS.filter((k) => k !== 'prevent')];

/** Add Action Item: on the incident named, with the fields given (kind `prevent` unless told), as the editor adds one. */
async function addItem(args: ParsedArgs, io: CliIo): Promise<number> {
  const [, id, ...text] = args.positionals;
  const kind = stringOption(args, 'kind')?.toLowerCase() ?? 'prevent';
  if (!isActionItemKind(kind)) {
    throw new UsageError(
      `--kind must be one of ${ACTION_ITEM_KINDS_PREVENT_FIRST.join(', ')} (prevent when left out), not "${stringOption(args, 'kind')}"`,
    );
  }
  const priority = stringOption(args, 'priority')?.toLowerCase();
  const owner = words([stringOption(args, 'owner') ?? '']);
  const due = stringOption(args, 'due')?.trim();
  const fields = {
    title: words(text),
    kind,
    ...(owner ? { owner } : {}),
    ...(due ? { due } : {}),
    ...(priority ? { priority } : {}),
  } as ActionItemFields;
  const problem = actionFieldsProblem(fields, true);
  if (problem) {
    throw new UsageError(`the action item was not added: ${problem}`);
  }
  const { incident, store } = await findIncident(args, io, id);
  const itemId = newActionItemId(randomBytes(5));
  await store.append<ActionItemAddedEvent>(incident.id, { type: ACTION_ITEM_EVENTS.added, itemId, ...fields }, authorOf(args, io));
  io.out(`${itemId}  added to ${incident.id}: ${fields.title}`);
  return 0;
}

/** The item `typed` names (`ACT-k3m9qz7p`, any case), in whichever incident has it. */
async function findItem(args: ParsedArgs, io: CliIo, typed: string) {
  const store = openStore(args, io);
  const { incidents } = await store.loadAll();
  const itemId = actionItemIdOf(typed);
  const item = trackActionItems(
    incidents.map((l) => l.incident),
    new Date(),
  ).find((i) => i.id === itemId);
  if (!item) {
    throw new Error(`no action item "${typed}" in ${store.dataDir} (warroom actions lists them, each with its ACT- id)`);
  }
  return { item, store };
}

/** Close Action Item: done, or won't do with --wont-do, saying how or why, as the editor asks. */
async function closeItem(args: ParsedArgs, io: CliIo): Promise<number> {
  const [, typed, ...text] = args.positionals;
  const { item, store } = await findItem(args, io, typed);
  const problem = closeProblem(item);
  if (problem) {
    throw new Error(`${problem}; to open it again: warroom actions reopen ${item.id} [reason]`);
  }
  const outcome = flag(args, 'wont-do') ? 'wont_do' : 'done';
  await store.append<ActionItemClosedEvent>(
    item.incidentId,
    { type: ACTION_ITEM_EVENTS.closed, itemId: item.id, outcome, reason: words(text) },
    authorOf(args, io),
  );
  io.out(`${item.id} (${item.incidentId}): ${BUCKET_LABELS[outcome].toLowerCase()}`);
  return 0;
}

/** Reopen Action Item: a closed item is open again, with the reason if one is given. */
async function reopenItem(args: ParsedArgs, io: CliIo): Promise<number> {
  const [, typed, ...text] = args.positionals;
  const { item, store } = await findItem(args, io, typed);
  const problem = reopenProblem(item);
  if (problem) {
    throw new Error(problem);
  }
  const reason = words(text);
  await store.append<ActionItemReopenedEvent>(
    item.incidentId,
    { type: ACTION_ITEM_EVENTS.reopened, itemId: item.id, ...(reason ? { reason } : {}) },
    authorOf(args, io),
  );
  io.out(`${item.id} (${item.incidentId}): open again`);
  return 0;
}

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
  usage: [
    'actions [--overdue] [--json] [--dir D]',
    'actions --close-from-git [--repo D] [--branch B] [--author NAME] [--dir D]',
    `actions add <id> <title...> [--kind ${ACTION_ITEM_KINDS_PREVENT_FIRST.join('|')}] [--owner NAME] [--due YYYY-MM-DD] [--priority ${ACTION_ITEM_PRIORITIES.join('|')}] [--author NAME] [--dir D]`,
    'actions close <item> <how-or-why...> [--wont-do] [--author NAME] [--dir D]',
    'actions reopen <item> [reason...] [--author NAME] [--dir D]',
  ],
  summary: "action items of every incident: overdue, open, done, won't do; add, close or reopen one",
  async run(args, io) {
    if (flag(args, 'close-from-git')) {
      return closeFromGit(args, io);
    }
    // The parser has refused any other word (usage lines).
    const action = args.positionals[0] as 'add' | 'close' | 'reopen' | undefined;
    if (action) {
      return { add: addItem, close: closeItem, reopen: reopenItem }[action](args, io);
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
