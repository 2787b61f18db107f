// An incident's life from the terminal (or a script, or a CI job), as the editor's commands write it:
// declare, severity, status, roles, resolve and reopen each append one event to the same files, so
// an open VS Code shows them within a moment.
import { EventInput, RoleAssignedEvent, SeverityChangedEvent, StatusChangedEvent } from '../core/events';
import { isActive, titleProblem } from '../core/incident';
import { MULTI_HOLDER_ROLES, ROLE_LABELS, roleNamed, ROLES } from '../core/roles';
import { isSeverity, isUrgency, priorityOf, SEVERITIES, URGENCIES } from '../core/severity';
import { isStatus, STATUSES } from '../core/status';
import { flag, ParsedArgs, stringOption, UsageError, words } from './args';
import { authorOf, CliCommand, CliIo, readTime } from './command';
import { openStore } from './dataDir';
import { findIncident, summaryJson, warnMilestones } from './incidentCommands';

function timeOption(args: ParsedArgs, io: CliIo, name: string, now: Date): string {
  return readTime(stringOption(args, name) ?? 'now', now, io, `--${name}`).toISOString();
}

/** Appends `event` when it changes `from` to `to`, saying which; nothing when they are the same, as the editor does. */
async function change(
  args: ParsedArgs,
  io: CliIo,
  { incident, store }: Awaited<ReturnType<typeof findIncident>>,
  from: string,
  to: string,
  event: EventInput<SeverityChangedEvent | StatusChangedEvent>,
): Promise<number> {
  if (from === to) {
    io.out(`${incident.id}: already ${to}`);
    return 0;
  }
  await store.append<SeverityChangedEvent | StatusChangedEvent>(incident.id, event, authorOf(args, io));
  io.out(`${incident.id}: ${from} -> ${to}`);
  return 0;
}

/** `status <id> resolved` or `resolve <id>` on a resolved incident: what it is, and the way back if that was meant. */
const alreadyResolved = (id: string) => `${id} is already resolved; to work on it again, reopen it: warroom reopen ${id} [reason]`;

const declare: CliCommand = {
  name: 'declare',
  usage:
    'declare <title...> --severity <SEV> [--urgency high] [--service S] [--began TIME] [--detected TIME] [--commander NAME] [--json] [--author NAME] [--dir D]',
  summary: `declare an incident and print its id (severity ${SEVERITIES.join(', ')}; times like "20m ago")`,
  async run(args, io) {
    const title = words(args.positionals);
    const problem = titleProblem(title);
    if (problem) throw new UsageError(problem);
    const severity = stringOption(args, 'severity')?.toUpperCase();
    if (!isSeverity(severity)) {
      throw new UsageError(`--severity must be one of ${SEVERITIES.join(', ')}, not "${stringOption(args, 'severity')}"`);
    }
    const urgency = stringOption(args, 'urgency')?.toLowerCase() ?? 'high';
    if (!isUrgency(urgency)) {
      throw new UsageError(`--urgency must be one of ${URGENCIES.join(', ')}, not "${urgency}"`);
    }
    const now = new Date();
    const startedAt = timeOption(args, io, 'began', now);
    const detectedAt = timeOption(args, io, 'detected', now);
    const commander = words([stringOption(args, 'commander') ?? '']);
    const store = openStore(args, io, 'create');
    const author = authorOf(args, io);
    const role: EventInput<RoleAssignedEvent> = { type: 'role_assigned', role: 'commander', person: commander };
    const id = await store.declare(
      {
        type: 'declared',
        title,
        severity,
        urgency,
        service: stringOption(args, 'service')?.trim() ?? '',
        startedAt,
        detectedAt,
        utcOffsetMinutes: -now.getTimezoneOffset(),
      },
      author,
      now,
      // With the declaration, in the same write: a watching editor never shows it without its commander.
      commander ? [{ input: role, at: now }] : [],
    );
    const loaded = await store.load(id);
    if (flag(args, 'json')) {
      io.out(JSON.stringify(loaded ? summaryJson(loaded.incident) : { id }, null, 2));
    } else {
      io.out(`${id}  declared ${severity} (${priorityOf(severity, urgency)}): ${title}  in ${store.dataDir}`);
    }
    warnMilestones(loaded?.incident, io);
    return 0;
  },
};

const severity: CliCommand = {
  name: 'severity',
  usage: 'severity <id> <SEV> [--author NAME] [--dir D]',
  summary: `raise or lower an incident's severity (${SEVERITIES.join(', ')})`,
  async run(args, io) {
    const [id, typed] = args.positionals;
    const value = typed.toUpperCase();
    if (!isSeverity(value)) {
      throw new UsageError(`the severity must be one of ${SEVERITIES.join(', ')}, not "${typed}"`);
    }
    const found = await findIncident(args, io, id);
    return change(args, io, found, found.incident.severity, value, { type: 'severity_changed', severity: value });
  },
};

const status: CliCommand = {
  name: 'status',
  usage: 'status <id> <status> [--author NAME] [--dir D]',
  summary: `set an active incident's status (${STATUSES.filter((s) => s !== 'resolved').join(', ')})`,
  async run(args, io) {
    const [id, typed] = args.positionals;
    const value = typed.toLowerCase();
    if (!isStatus(value)) {
      throw new UsageError(`the status must be one of ${STATUSES.filter((s) => s !== 'resolved').join(', ')}, not "${typed}"`);
    }
    const found = await findIncident(args, io, id);
    if (!isActive(found.incident)) {
      throw new Error(
        value === 'resolved'
          ? alreadyResolved(found.incident.id)
          : `${found.incident.id} is resolved: reopen it first (warroom reopen ${found.incident.id} [reason])`,
      );
    }
    if (value === 'resolved') {
      throw new UsageError(`resolve it with: warroom resolve ${id} <what ended the customer impact>`);
    }
    return change(args, io, found, found.incident.status, value, { type: 'status_changed', status: value });
  },
};

const role: CliCommand = {
  name: 'role',
  usage: 'role <id> <role> <person...> [--author NAME] [--dir D]',
  summary: `assign or hand off a role (${ROLES.join(', ')})`,
  async run(args, io) {
    const [id, typed, ...name] = args.positionals;
    const which = roleNamed(typed);
    if (!which) {
      throw new UsageError(
        `the role must be one of ${ROLES.join(', ')} (or its name: ${ROLES.map((r) => ROLE_LABELS[r]).join(', ')}), not "${typed}"`,
      );
    }
    const person = words(name);
    const { incident, store } = await findIncident(args, io, id);
    const before = incident.roles.find((r) => r.role === which && r.person !== person);
    await store.append(incident.id, { type: 'role_assigned', role: which, person }, authorOf(args, io));
    io.out(
      `${incident.id}: ${person} is ${ROLE_LABELS[which]}${before && !MULTI_HOLDER_ROLES.has(which) ? ` (handed off from ${before.person})` : ''}`,
    );
    return 0;
  },
};

const resolve: CliCommand = {
  name: 'resolve',
  usage: 'resolve <id> <resolution...> [--author NAME] [--dir D]',
  summary: 'resolve an incident, saying in one line what ended the customer impact',
  async run(args, io) {
    const [id, ...rest] = args.positionals;
    const { incident, store } = await findIncident(args, io, id);
    if (!isActive(incident)) {
      throw new Error(alreadyResolved(incident.id));
    }
    await store.append(incident.id, { type: 'resolved', resolution: words(rest) }, authorOf(args, io));
    io.out(`${incident.id}: resolved`);
    warnMilestones((await store.load(incident.id))?.incident, io);
    return 0;
  },
};

const reopen: CliCommand = {
  name: 'reopen',
  usage: 'reopen <id> [reason...] [--author NAME] [--dir D]',
  summary: 'reopen a resolved incident',
  async run(args, io) {
    const [id, ...rest] = args.positionals;
    const { incident, store } = await findIncident(args, io, id);
    if (isActive(incident)) {
      throw new Error(`${incident.id} is not resolved (${incident.status})`);
    }
    const reason = words(rest);
    await store.append(incident.id, { type: 'reopened', ...(reason ? { reason } : {}) }, authorOf(args, io));
    io.out(`${incident.id}: reopened`);
    return 0;
  },
};

export const lifecycleCommands: readonly CliCommand[] = [declare, severity, status, role, resolve, reopen];
