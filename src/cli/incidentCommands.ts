import { FileIncidentStore, LoadedIncident, UnreadableIncident } from '../adapters/store/fileStore';
import { Incident } from '../core/incident';
import { entryInput } from '../core/events';
import { ROLE_LABELS } from '../core/roles';
import {
  DURATION_DEFINITIONS,
  DURATIONS,
  durationsOf,
  MILESTONE_LABELS,
  MILESTONES,
  milestonesOf,
  outOfOrderText,
} from '../core/learning/milestones';
import { isQuickAddKind, QUICK_ADD_KINDS, recordedLater, ROW_KIND_INFO, timelineRows } from '../core/timelineView';
import { elapsedSince, formatDuration, formatUtc } from '../core/time';
import { flag, ParsedArgs, stringOption, UsageError } from './args';
import { authorOf, CliCommand, CliIo, readTime } from './command';
import { openStore } from './dataDir';

export function reportProblems(loaded: readonly LoadedIncident[], io: CliIo, unreadable: readonly UnreadableIncident[] = []): void {
  for (const { file, problems } of loaded) {
    for (const problem of problems) {
      io.err(`${file}:${problem.line}: ${problem.message}`);
    }
  }
  for (const { file, message } of unreadable) {
    io.err(`${file}: ${message}`);
  }
}

/** An incident without its events, entries and role history: what `list --json` prints of each. */
export function summaryJson(incident: Incident) {
  const { events: _events, entries: _entries, roleHistory: _history, ...summary } = incident;
  return summary;
}

/** What milestonesOf warns of after a change (a detection before the impact began...), on stderr. */
export function warnMilestones(incident: Incident | undefined, io: CliIo): void {
  for (const w of incident ? milestonesOf(incident).warnings : []) {
    io.err(`warning: ${w.message}`);
  }
}

export async function findIncident(args: ParsedArgs, io: CliIo, id: string): Promise<LoadedIncident & { store: FileIncidentStore }> {
  const store = openStore(args, io);
  const ids = await store.listIds();
  // Any case, and the end or start alone (`k3m9qz`, `INC-20261122`): an id read out on a call.
  const typed = id.trim().toLowerCase();
  const matches = ids.filter((candidate) => {
    if (!typed) {
      return false;
    }
    const known = candidate.toLowerCase();
    return known === typed || known.endsWith(typed) || known.startsWith(typed);
  });
  if (matches.length !== 1) {
    throw new Error(
      matches.length ? `"${id}" matches several incidents: ${matches.join(', ')}` : `no incident "${id}" in ${store.dataDir}`,
    );
  }
  const loaded = await store.load(matches[0]);
  if (!loaded) {
    throw new Error(`incident ${matches[0]} has no events yet (${store.eventsFile(matches[0])} is missing or empty)`);
  }
  return { ...loaded, store };
}

const list: CliCommand = {
  name: 'list',
  usage: 'list [--json] [--dir D]',
  summary: 'incidents, active first',
  async run(args, io) {
    const { incidents: loaded, unreadable } = await openStore(args, io).loadAll();
    reportProblems(loaded, io, unreadable);
    const incidents = loaded.map((l) => l.incident);
    if (flag(args, 'json')) {
      io.out(JSON.stringify(incidents.map(summaryJson), null, 2));
      return 0;
    }
    if (incidents.length === 0) {
      io.out('No incidents.');
      return 0;
    }
    const now = new Date();
    for (const i of incidents.sort((a, b) => Number(a.status === 'resolved') - Number(b.status === 'resolved'))) {
      const ic = i.roles.find((r) => r.role === 'commander');
      // How long it has been going on; for a resolved one, how long it lasted (not how long ago it began).
      const age = i.resolvedAt
        ? formatDuration(Math.max(0, Date.parse(i.resolvedAt) - Date.parse(i.startedAt)))
        : elapsedSince(i.startedAt, now);
      io.out(`${i.id}  ${i.severity}  ${i.status.padEnd(13)} ${age.padStart(7)}  ${i.title}${ic ? `  (IC ${ic.person})` : ''}`);
    }
    return 0;
  },
};

const show: CliCommand = {
  name: 'show',
  usage: 'show <id> [--json] [--dir D]',
  summary: 'one incident with its roles and timeline',
  async run(args, io) {
    const loaded = await findIncident(args, io, args.positionals[0]);
    reportProblems([loaded], io);
    const i = loaded.incident;
    const milestones = milestonesOf(i);
    const durations = durationsOf(milestones);
    if (flag(args, 'json')) {
      io.out(JSON.stringify({ ...summaryJson(i), roleHistory: i.roleHistory, milestones, durations, events: i.events }, null, 2));
      return 0;
    }
    const lines = [
      `${i.id}  ${i.severity} ${i.priority}  ${i.status}`,
      i.title,
      `service: ${i.service || '-'}   began: ${formatUtc(i.startedAt)}   detected: ${formatUtc(i.detectedAt)}`,
      ...(i.resolvedAt ? [`resolved: ${formatUtc(i.resolvedAt)}  ${i.resolution ?? ''}`] : []),
      '',
      'Roles:',
      ...(i.roles.length
        ? i.roles.map((r) => `  ${ROLE_LABELS[r.role]}: ${r.person} (since ${formatUtc(r.since)})`)
        : ['  (none assigned)']),
      '',
      'Milestones:',
      ...MILESTONES.map((m) => {
        const v = milestones.values[m];
        return `  ${MILESTONE_LABELS[m].padEnd(15)} ${v ? `${formatUtc(v.at)}  (${v.by || '?'}${v.corrections ? `, corrected ${v.corrections}x` : ''})` : 'missing'}`;
      }),
      ...milestones.warnings.map((w) => `  warning: ${w.message}`),
      ...DURATIONS.map((d) => {
        const value = durations[d];
        const def = DURATION_DEFINITIONS[d];
        const text =
          'outOfOrder' in value
            ? `out of order: ${outOfOrderText(value.outOfOrder)}; correct one with warroom milestone`
            : 'ms' in value
              ? formatDuration(value.ms)
              : `missing (no ${value.missing.map((m) => MILESTONE_LABELS[m]).join(' or ')} time)`;
        return `  ${def.label.padEnd(20)} ${text}`;
      }),
      '',
      'Timeline:',
      // The timeline panel's rows: in the order things happened, corrections folded into their rows.
      ...timelineRows(i).map((row) => {
        const notes = [recordedLater(row), row.original !== undefined ? 'corrected' : undefined].filter((n) => n !== undefined);
        return `  ${formatUtc(row.ts)}  ${ROW_KIND_INFO[row.kind].label.padEnd(12)}  ${row.author || '?'}: ${row.text}${notes.length ? `  (${notes.join('; ')})` : ''}`;
      }),
    ];
    io.out(lines.join('\n'));
    return 0;
  },
};

const note: CliCommand = {
  name: 'note',
  usage: 'note <id> <text...> [--kind note|decision|action|hypothesis] [--at TIME] [--author NAME] [--dir D]',
  summary: 'append a note (or a decision, an action, a hypothesis); --at when it happened, if earlier',
  async run(args, io) {
    const [id, ...words] = args.positionals;
    const text = words.join(' ').trim();
    const kind = stringOption(args, 'kind')?.toLowerCase() ?? 'note';
    if (!isQuickAddKind(kind)) {
      throw new UsageError(`--kind must be one of ${QUICK_ADD_KINDS.join(', ')}, not "${stringOption(args, 'kind')}"`);
    }
    const now = new Date();
    const atText = stringOption(args, 'at');
    const happened = atText === undefined ? undefined : readTime(atText, now, io, '--at');
    const { incident, store } = await findIncident(args, io, id);
    const author = authorOf(args, io);
    const input = entryInput(kind, text, happened, now);
    const event = await store.append(incident.id, input, author);
    io.out(`${incident.id}: ${kind} ${event.id} added${input.at ? `, at ${formatUtc(input.at)}` : ''}`);
    return 0;
  },
};

export const incidentCommands: readonly CliCommand[] = [list, show, note];
