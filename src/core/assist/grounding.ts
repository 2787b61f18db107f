// What a prompt is grounded in: what only War Room knows about the incident. Every line carries a
// reference the model is asked to cite ([E:event id], [C:sha], [R:runbook#step]), so an answer can
// be checked against the timeline and its claims opened.

import { Incident } from '../incident';
import { ROLE_LABELS } from '../roles';
import { STATUS_INFO } from '../status';
import { foldSuspectMarks, verdictFor } from '../correlation/suspectMarks';
import { foldRunbookActivity, StepProgress } from '../runbooks/runbookEvents';
import { formatUtc } from '../time';
import { listFirst } from '../text/strings';
import { timelineRows, TimelineRow } from '../timelineView';

/** A suspect commit as correlation ranked it (a subset of `RankedCommit`), or as a responder marked it. */
export interface SuspectInput {
  readonly sha: string;
  readonly subject?: string;
  readonly author?: string;
  readonly committedAt?: string;
  readonly score?: number;
  readonly reasons?: readonly string[];
  readonly files?: readonly { readonly path: string; readonly additions?: number; readonly deletions?: number }[];
  /** The shipping deploy, in words ("v2.4.1 (release-tag) to production at ..."). */
  readonly deploy?: string;
  /** For a pull request (cited by its merge): "pull request #42 of 2 commits: 3f2a1b0 "...", ...". */
  readonly pullRequest?: string;
  /** A pull request's commits: a responder's mark on any of them is the pull request's verdict. */
  readonly members?: readonly string[];
  /** What undoes it (`git revert -m 1 <merge>` for a pull request). */
  readonly revert?: string;
}

export type GroundKind = 'header' | 'role' | 'event' | 'suspect' | 'runbook';

export interface GroundLine {
  readonly kind: GroundKind;
  /** The reference the model cites: `E:<id>`, `C:<sha>`, `R:<runbook>#<step>`; absent for the header. */
  readonly ref?: string;
  readonly text: string;
  /** For events: pinned as a key moment. */
  readonly pinned?: boolean;
  /** For events: a change of state (declared, severity, status, resolved, reopened, a cause found). */
  readonly milestone?: boolean;
  /** Order in its own kind: events oldest first, suspects most suspect first. */
  readonly order: number;
  readonly ts?: string;
}

export interface Grounding {
  readonly incidentId: string;
  readonly title: string;
  readonly lines: readonly GroundLine[];
  /** Every reference a line carries, so an answer's citations can be checked. */
  readonly refs: ReadonlySet<string>;
}

const MILESTONE_KINDS: ReadonlySet<TimelineRow['kind']> = new Set(['declared', 'severity', 'status', 'resolved', 'reopened']);
/** One line per fact: a multi-line note or log stays on its line (cut to length after redaction, in prompts.ts). */
const clip = (text: string): string => text.replace(/\s*\n\s*/g, ' ⏎ ');

function isMilestone(row: TimelineRow, event: Readonly<Record<string, unknown>> | undefined): boolean {
  if (MILESTONE_KINDS.has(row.kind)) {
    return true;
  }
  // A cause found, and the milestone events the review feature writes, are turning points too.
  const type = typeof event?.type === 'string' ? event.type : '';
  return (type === 'suspect_marked' && event?.verdict === 'cause') || type.startsWith('milestone');
}

/** The incident as grounding lines: header, roles, timeline, suspects, runbooks. */
export function groundIncident(incident: Incident, suspects: readonly SuspectInput[] = []): Grounding {
  const lines: GroundLine[] = [];
  const refs = new Set<string>();
  const add = (line: GroundLine): void => {
    lines.push(line);
    if (line.ref) {
      refs.add(line.ref);
    }
  };
  add({
    kind: 'header',
    order: 0,
    text: [
      `Incident ${incident.id}: ${incident.title}`,
      `Severity ${incident.severity} (${incident.priority}), status ${incident.status} (${STATUS_INFO[incident.status]}), service ${incident.service || '(none)'}`,
      `Impact began ${formatUtc(incident.startedAt)}, detected ${formatUtc(incident.detectedAt)}, declared ${formatUtc(incident.declaredAt)} by ${incident.declaredBy}${incident.resolvedAt ? `, resolved ${formatUtc(incident.resolvedAt)}` : ''}`,
    ].join('\n'),
  });
  incident.roles.forEach((holder, i) =>
    add({ kind: 'role', order: i, text: `${ROLE_LABELS[holder.role]}: ${holder.person} (since ${formatUtc(holder.since)})` }),
  );
  const byId = new Map(incident.events.map((e) => [e.id, e as unknown as Readonly<Record<string, unknown>>]));
  timelineRows(incident).forEach((row, i) => {
    const event = byId.get(row.id);
    // The timeline shows a pasted log's first line; the model gets all of it (cut to length later).
    const body = event?.type === 'evidence_added' && typeof event.text === 'string' ? `Added evidence: ${event.text}` : row.text;
    const label = row.audience ? `${row.kind} to ${row.audience}` : row.kind;
    const refsText = row.refs.length
      ? ` {${row.refs.map((r) => (r.kind === 'sha' ? `C:${r.sha}` : r.kind === 'file' ? `${r.file}${r.line ? `:${r.line}` : ''}` : r.kind === 'runbook' ? `R:${r.runbook}${r.step ? `#${r.step}` : ''}` : r.url)).join(', ')}}`
      : '';
    add({
      kind: 'event',
      ref: `E:${row.id}`,
      order: i,
      ts: row.ts,
      pinned: row.pinned,
      milestone: isMilestone(row, event),
      text: `${formatUtc(row.ts)} ${row.author} ${label}${row.pinned ? ' (pinned)' : ''}: ${clip(body)}${row.original ? ` (corrected; first written: ${clip(row.original)})` : ''}${refsText}`,
    });
  });
  const marks = foldSuspectMarks(incident.events);
  const listed = new Set<string>();
  suspects.forEach((s, i) => {
    const found = [s.sha, ...(s.members ?? [])].map((sha) => ({ sha, mark: verdictFor(marks, sha) }));
    for (const f of found) {
      listed.add(f.mark?.sha ?? f.sha);
    }
    const marked = found.flatMap((f) => (f.mark ? [f.mark] : []));
    const mark = marked.find((m) => m.verdict === 'cause') ?? marked[0];
    const files = listFirst(
      (s.files ?? []).map((f) => `${f.path}${f.additions !== undefined ? ` +${f.additions}/-${f.deletions ?? 0}` : ''}`),
      8,
    );
    add({
      kind: 'suspect',
      ref: `C:${s.sha}`,
      order: i,
      text: clip(
        [
          `#${i + 1} ${s.sha.slice(0, 12)} "${s.subject ?? ''}"`,
          s.pullRequest ?? '',
          s.author ? `by ${s.author}` : '',
          s.committedAt ? `committed ${formatUtc(s.committedAt)}` : '',
          s.score !== undefined ? `score ${s.score}` : '',
          s.deploy ? `shipped by ${s.deploy}` : '',
          s.reasons?.length ? `why: ${s.reasons.join('; ')}` : '',
          files ? `files: ${files}` : '',
          s.revert ? `revert: ${s.revert}` : '',
          mark ? `responders' verdict: ${mark.verdict}${mark.note ? ` (${mark.note})` : ''} by ${mark.by}` : '',
        ]
          .filter(Boolean)
          .join(', '),
      ),
    });
  });
  // Commits a responder marked that the ranking did not list (no run yet, or another repository).
  let extra = suspects.length;
  for (const mark of marks.bySha.values()) {
    if (!listed.has(mark.sha)) {
      add({
        kind: 'suspect',
        ref: `C:${mark.sha}`,
        order: extra++,
        text: clip(`${mark.sha.slice(0, 12)} marked ${mark.verdict} by ${mark.by}${mark.note ? `: ${mark.note}` : ''}`),
      });
    }
  }
  const activity = foldRunbookActivity(incident.events);
  activity.linked.forEach((linked, i) => {
    const steps = [...(activity.steps.get(linked.runbook) ?? new Map<string, StepProgress>()).entries()];
    add({
      kind: 'runbook',
      ref: `R:${linked.runbook}`,
      order: i * 1000,
      text: clip(`Runbook ${linked.title ?? linked.runbook} linked${linked.reason ? ` (${linked.reason})` : ''}`),
    });
    steps.forEach(([step, progress], j) =>
      add({
        kind: 'runbook',
        ref: `R:${linked.runbook}#${step}`,
        order: i * 1000 + j + 1,
        text: clip(
          `Runbook ${linked.title ?? linked.runbook} step ${step}: ${progress.status} by ${progress.by}${progress.notes.length ? `; notes: ${progress.notes.map((n) => n.text).join(' / ')}` : ''}`,
        ),
      }),
    );
  });
  return { incidentId: incident.id, title: incident.title, lines, refs };
}
