// What correlation takes from an incident's events: pasted stack traces and log lines
// (`evidence_added`, carrying the text), the title and alerts' words, and the deploys recorded on the
// timeline (`deploy` entries naming a commit). Being events, every responder's ranking uses the same
// ones and the postmortem keeps them.
import { deployTime, EntryEvent, IncidentEvent } from '../events';
import { formatLocalClock, formatLocalTime } from '../time';
import { isSha } from '../timelineView';
import type { RecordedDeploy } from './deployMarkers';
import { environmentOfText } from './deploys';

export const EVIDENCE_EVENT = 'evidence_added';

export interface EvidenceAddedInput {
  readonly type: typeof EVIDENCE_EVENT;
  readonly text: string;
}

/** Every piece of evidence so far, oldest first, as one text (ranking reads all frames at once). */
export function evidenceText(events: readonly IncidentEvent[]): string | undefined {
  const texts = events
    .filter((e) => e.type === EVIDENCE_EVENT)
    .map((e) => (e as unknown as Record<string, unknown>).text)
    .filter((t): t is string => typeof t === 'string' && t.trim() !== '');
  return texts.length ? texts.join('\n') : undefined;
}

/** The incident's title and alert entries: words a suspect commit's message or paths may share. */
export function incidentText(title: string, events: readonly IncidentEvent[]): string {
  const alerts = events
    .filter((e) => e.type === 'entry' && (e as unknown as Record<string, unknown>).kind === 'alert')
    .map((e) => String((e as unknown as Record<string, unknown>).text ?? ''));
  return [title, ...alerts].join('\n');
}

/** At most this many of the timeline's deploy entries (the newest) are deploy markers. */
export const MAX_RECORDED_DEPLOYS = 100;
const NAME_MAX = 80;

/**
 * The deploys recorded on the timeline: `deploy` entries that name a commit (`sha`, from CI, a drill,
 * an import or a responder), at the entry's `deployedAt` (recorded after the fact) or else its own
 * time, in their `environment` (Record a Deploy and `warroom deploy` write it) or else the one their
 * words name. The events are a teammate's or a cloned repository's: a sha is only hex, an environment
 * a short lower-case name, the words one line, at most MAX_RECORDED_DEPLOYS of them.
 */
export function recordedDeploys(events: readonly IncidentEvent[]): RecordedDeploy[] {
  const deploys: RecordedDeploy[] = [];
  for (const event of events) {
    if (!isRecordedDeploy(event)) {
      continue;
    }
    const record = event as unknown as Record<string, unknown> & { sha: string };
    const sha = record.sha.toLowerCase();
    const when = deployTime(event);
    const words = typeof record.text === 'string' ? record.text.replace(/[\s\u0000-\u001f\u007f]+/g, ' ').trim() : '';
    const name = words.length > NAME_MAX ? `${words.slice(0, NAME_MAX - 1)}…` : words || `deploy ${sha.slice(0, 7)}`;
    const environment = isEnvironmentName(record.environment) ? record.environment : environmentOfText(words);
    deploys.push({ at: new Date(when).toISOString(), sha, environment, name });
  }
  return deploys.slice(-MAX_RECORDED_DEPLOYS);
}

/**
 * Which deploy entries naming a commit the incident has, by id: changes when one is added (or arrives
 * from a teammate), so a run can go again. The same entries recordedDeploys reads (so one whose sha is
 * not a sha reruns nothing), without its words and environments, which run in the git bundle.
 */
export function deployEntriesKey(events: readonly IncidentEvent[]): string {
  return events
    .filter(isRecordedDeploy)
    .map((e) => e.id)
    .join(',');
}

/** A `deploy` entry naming a commit by a sha, at a time: one recordedDeploys reads. */
function isRecordedDeploy(event: IncidentEvent): boolean {
  const record = event as unknown as Record<string, unknown>;
  return event.type === 'entry' && record.kind === 'deploy' && isSha(record.sha) && Number.isFinite(Date.parse(event.ts));
}

/** What a recorded deploy is called: a tag or branch as typed, a sha by its first seven digits. */
export function deployName(revision: string, sha: string): string {
  const name = revision.trim();
  return isSha(name) ? sha.slice(0, 7) : name;
}

/**
 * The timeline entry that records a deploy (Record a Deploy, `warroom deploy`). One recorded a minute
 * or more after it happened keeps when (`deployedAt`) and says it: "Deployed v2.4.1 to production at
 * 23:10", on the clock of `utcOffsetMinutes`.
 */
export function deployEntry(deploy: {
  readonly name: string;
  readonly sha: string;
  readonly environment: string;
  readonly deployedAt: Date;
  readonly now: Date;
  readonly utcOffsetMinutes: number;
}): Omit<EntryEvent, 'id' | 'ts' | 'author'> {
  const at = deploy.deployedAt.toISOString();
  const late = deploy.now.getTime() - deploy.deployedAt.getTime() >= 60_000;
  return {
    type: 'entry',
    kind: 'deploy',
    text: `Deployed ${deploy.name} to ${deploy.environment}${late ? ` at ${formatLocalClock(at, deploy.utcOffsetMinutes)}` : ''}`,
    sha: deploy.sha,
    // Its own field: a name of the team's own ("eu-west", "preview") is more than the words can say.
    environment: deploy.environment,
    ...(late ? { deployedAt: at } : {}),
  };
}

/** Clocks disagree: a commit dated up to this much after a deploy may still be what it shipped. */
const CLOCK_SKEW_MS = 5 * 60_000;

/**
 * Why a deploy at `deployedAt` cannot have shipped the commit (made at `committedAt`, ISO), or
 * undefined when it can. A moving name is the usual mistake: `HEAD` or `main` typed for a deploy two
 * hours ago names today's commit, which correlation would then rank as shipped before it existed.
 */
export function deployBeforeCommit(
  commit: { readonly name: string; readonly sha: string; readonly committedAt: string },
  deployedAt: Date,
  utcOffsetMinutes: number,
): string | undefined {
  const made = Date.parse(commit.committedAt);
  if (Number.isNaN(made) || made <= deployedAt.getTime() + CLOCK_SKEW_MS) {
    return undefined;
  }
  const at = deployedAt.toISOString();
  const short = commit.sha.slice(0, 7);
  return (
    `${commit.name === short ? short : `${commit.name} (${short})`} was committed at ${formatLocalTime(commit.committedAt, utcOffsetMinutes)}, after the deploy at ` +
    `${formatLocalTime(at, utcOffsetMinutes)}: a deploy cannot ship a commit made after it. Name the commit that was ` +
    `deployed then (git log --until "${at}" shows the ones made before it).`
  );
}

/**
 * The environments Record a Deploy offers for an incident (environmentChoices): those its recorded
 * deploys and its correlation's deploys went to, and those the folder's other incidents recorded
 * deploys to, so a team's own `eu-west-1` is offered on a new incident before anything has correlated.
 */
export function environmentsOffered(
  events: readonly IncidentEvent[],
  correlated: readonly string[],
  others: readonly (readonly IncidentEvent[])[],
): string[] {
  const recorded = (list: readonly IncidentEvent[]) => recordedDeploys(list).map((d) => d.environment);
  return environmentChoices([...recorded(events), ...correlated, ...others.flatMap(recorded)]);
}

/** An environment as Record a Deploy and `warroom deploy` take it: a short lower-case name. */
export function isEnvironmentName(text: unknown): text is string {
  return typeof text === 'string' && /^[a-z][a-z0-9-]{0,30}$/.test(text);
}

/** Offered by Record a Deploy when nothing has been deployed anywhere else. */
const USUAL_ENVIRONMENTS = ['production', 'staging', 'canary'];

/**
 * The environments Record a Deploy offers: those the repository's deploys and the incident's recorded
 * ones went to, most deployed first (ties in the order seen), then the usual ones not among them; at
 * most `limit`. A name that is not an environment name (a tag's odd folder) is left out.
 */
export function environmentChoices(seen: readonly string[], limit = 8): string[] {
  const counts = new Map<string, number>();
  for (const name of seen) {
    if (isEnvironmentName(name)) {
      counts.set(name, (counts.get(name) ?? 0) + 1);
    }
  }
  const deployed = [...counts].sort((a, b) => b[1] - a[1]).map(([name]) => name);
  return [...deployed, ...USUAL_ENVIRONMENTS.filter((name) => !counts.has(name))].slice(0, limit);
}
