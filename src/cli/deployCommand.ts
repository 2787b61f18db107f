// A deploy recorded from the terminal (or a CI job), as Record a Deploy records it in the editor: a
// `deploy` entry naming its commit, which correlation takes as a deploy marker.
import { commitTime, resolveCommit } from '../adapters/git';
import { deployBeforeCommit, deployEntry, deployName, isEnvironmentName } from '../core/correlation/evidenceEvents';
import { stringOption, UsageError } from './args';
import { authorOf, CliCommand, readTime, repoOf } from './command';
import { findIncident } from './incidentCommands';

export const deployCommand: CliCommand = {
  name: 'deploy',
  usage: 'deploy <id> <sha|tag> [--env production] [--at TIME] [--repo DIR] [--author NAME] [--dir D]',
  summary: 'record a deploy on the timeline; correlation takes it as a deploy marker',
  async run(args, io) {
    const [id, revision] = args.positionals;
    const environment = stringOption(args, 'env') ?? 'production';
    if (!isEnvironmentName(environment)) {
      throw new UsageError(`--env ${environment}: a lower-case name such as production, staging or canary`);
    }
    const now = new Date();
    const when = readTime(stringOption(args, 'at') ?? 'now', now, io, '--at');
    const { incident, store } = await findIncident(args, io, id);
    const repo = repoOf(args, io);
    const sha = await resolveCommit(repo, revision);
    if (!sha) {
      throw new Error(`${revision} is not a commit of the repository at ${repo} (--repo names another)`);
    }
    const name = deployName(revision, sha);
    const utcOffsetMinutes = incident.utcOffsetMinutes ?? -now.getTimezoneOffset();
    const committedAt = await commitTime(repo, sha);
    const tooEarly = committedAt ? deployBeforeCommit({ name, sha, committedAt }, when, utcOffsetMinutes) : undefined;
    if (tooEarly) {
      throw new Error(tooEarly);
    }
    const entry = deployEntry({
      name,
      sha,
      environment,
      deployedAt: when,
      now,
      utcOffsetMinutes,
    });
    const author = authorOf(args, io);
    await store.append(incident.id, entry, author);
    io.out(`${incident.id}: ${entry.text} (${sha.slice(0, 7)})`);
    return 0;
  },
};
