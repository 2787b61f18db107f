// A verdict on a commit from the terminal, as Mark Cause / Suspect / Cleared records it in the
// editor: a `suspect_marked` event named by the commit's subject (a merge by its pull request), so
// the timeline and the post-incident review say what was marked.
import { readCommit } from '../adapters/git';
import { verdictTitle } from '../core/correlation/changes';
import type { Commit } from '../core/correlation/model';
import { SUSPECT_VERDICTS, SuspectVerdict } from '../core/correlation/suspectMarks';
import type { OtherEvent } from '../core/events';
import { describeEvent } from '../core/timeline';
import { stringOption, UsageError } from './args';
import { authorOf, CliCommand, repoOf } from './command';
import { findIncident } from './incidentCommands';

const isVerdict = (text: string | undefined): text is SuspectVerdict =>
  (SUSPECT_VERDICTS as readonly (string | undefined)[]).includes(text);

export const markCommand: CliCommand = {
  name: 'mark',
  usage: 'mark <id> <sha> <cause|suspect|cleared> [--note TEXT] [--repo DIR] [--author NAME] [--dir D]',
  summary: 'record a verdict on a commit (a merge: its pull request), named by its subject',
  async run(args, io) {
    const [id, sha, verdict] = args.positionals;
    if (!/^[0-9a-f]{7,64}$/i.test(sha)) {
      throw new UsageError('name the commit by its sha (at least 7 hex digits)');
    }
    if (!isVerdict(verdict)) {
      throw new UsageError(`the verdict must be one of ${SUSPECT_VERDICTS.join(', ')}`);
    }
    const { incident, store } = await findIncident(args, io, id);
    const repo = repoOf(args, io);
    let commit: Commit;
    try {
      commit = await readCommit(repo, sha.toLowerCase());
    } catch (error) {
      throw new Error(`${sha} is not a commit of the repository at ${repo} (--repo names another): ${(error as Error).message}`, {
        cause: error,
      });
    }
    const title = verdictTitle(commit);
    const note = stringOption(args, 'note');
    const author = authorOf(args, io);
    const event = await store.append<OtherEvent>(
      incident.id,
      { type: 'suspect_marked', sha: commit.sha, verdict, ...(title ? { title } : {}), ...(note ? { note } : {}) },
      author,
    );
    // Worded as the timeline words it.
    io.out(`${incident.id}: ${describeEvent(event).text}`);
    return 0;
  },
};
