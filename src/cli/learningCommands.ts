// Learning from incidents on the command line: set a milestone, draft the post-incident review.
import * as path from 'node:path';
import { draftReview, reviewsFolder } from '../adapters/learning/reviewFile';
import { isMilestone, MILESTONE_EVENT, MilestoneSetEvent, milestoneTooEarly, MILESTONES } from '../core/learning/milestones';
import { formatUtc } from '../core/time';
import { flag, stringOption, UsageError } from './args';
import { authorOf, CliCommand, readTime } from './command';
import { findIncident, warnMilestones } from './incidentCommands';

/** `impact-started`, `Impact started` and `impact_started` are the same milestone. */
export function milestoneNamed(text: string): (typeof MILESTONES)[number] | undefined {
  const name = text
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');
  return isMilestone(name) ? name : undefined;
}

const milestone: CliCommand = {
  name: 'milestone',
  usage: 'milestone <id> <milestone> <time...|clear> [--note TEXT] [--long-ago] [--author NAME] [--dir D]',
  summary: 'set, correct or clear a milestone: impact_started, detected, acknowledged, mitigated ...',
  async run(args, io) {
    const [id, which, ...when] = args.positionals;
    const name = milestoneNamed(which);
    if (!name) {
      throw new UsageError(`the milestone must be one of ${MILESTONES.join(', ')}`);
    }
    const { incident, store } = await findIncident(args, io, id);
    const author = authorOf(args, io);
    const note = stringOption(args, 'note');
    const input = when.join(' ').trim();
    let event: Omit<MilestoneSetEvent, 'id' | 'ts' | 'author'>;
    if (input === 'clear') {
      event = { type: MILESTONE_EVENT, milestone: name, cleared: true, ...(note ? { note } : {}) };
    } else {
      const time = readTime(input, new Date(), io, `${name} time`);
      const tooEarly = flag(args, 'long-ago') ? undefined : milestoneTooEarly(incident, name, time);
      if (tooEarly) {
        throw new Error(`${tooEarly}; if it is right, run this again with --long-ago. Nothing was written.`);
      }
      event = { type: MILESTONE_EVENT, milestone: name, at: time.toISOString(), ...(note ? { note } : {}) };
    }
    await store.append(incident.id, event, author);
    io.out(`${incident.id}: ${name} ${event.cleared || !event.at ? 'cleared' : `set to ${formatUtc(event.at)}`}`);
    warnMilestones((await store.load(incident.id))?.incident, io);
    return 0;
  },
};

const review: CliCommand = {
  name: 'review',
  usage: 'review <id> [--out FILE] [--folder DIR] [--dir D]',
  summary: 'draft or refresh the post-incident review (docs/incidents/<date>-<title>.md)',
  async run(args, io) {
    const loaded = await findIncident(args, io, args.positionals[0]);
    // The repository is the folder holding the data dir: links in the review lead into its code.
    const root = path.dirname(loaded.store.dataDir);
    const out = stringOption(args, 'out');
    const drafted = draftReview(
      root,
      reviewsFolder(root, stringOption(args, 'folder')),
      loaded.incident,
      out ? path.resolve(io.cwd, out) : undefined,
    );
    for (const p of drafted.problems) {
      io.err(`${drafted.file}:${p.line}: ${p.message}`);
    }
    io.out(`${drafted.created ? 'Drafted' : 'Refreshed'} ${path.relative(io.cwd, drafted.file) || drafted.file}`);
    return 0;
  },
};

export const learningCommands: readonly CliCommand[] = [milestone, review];
