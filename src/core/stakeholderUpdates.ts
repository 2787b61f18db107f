// Stakeholder updates: a draft per audience filled from the incident, a check that nothing internal
// leaks to customers, the interface integrations implement to send one (Slack, Statuspage), and the
// timeline event that records an update as sent.

import { EntryEvent, EventInput } from './events';
import { Incident } from './incident';
import { ROLE_LABELS } from './roles';
import { SEVERITY_INFO } from './severity';
import { STATUS_INFO } from './status';
import { formatDuration, formatUtc } from './time';
import { timelineRows, TimelineRow } from './timelineView';
import { DEFAULT_UPDATE_CADENCE, UpdateCadence, updateSchedule } from './updateCadence';

export const AUDIENCES = ['executive', 'customers', 'engineering'] as const;
export type Audience = (typeof AUDIENCES)[number];

export const AUDIENCE_LABELS: Readonly<Record<Audience, string>> = {
  executive: 'Executives',
  customers: 'Customers / status page',
  engineering: 'Engineering',
};

export function isAudience(value: unknown): value is Audience {
  return typeof value === 'string' && (AUDIENCES as readonly string[]).includes(value);
}

export interface StakeholderUpdate {
  readonly incidentId: string;
  readonly audience: Audience;
  /** The text as the responder edited it, sent as it is. */
  readonly text: string;
  readonly title: string;
  readonly severity: Incident['severity'];
  readonly status: Incident['status'];
}

export interface SendResult {
  readonly ok: boolean;
  /** What to tell the responder: "posted to #inc-2343", "Statuspage: 401 Unauthorized" ... */
  readonly detail: string;
}

/** Exactly what a sender would send, and where: shown before anything goes out. */
export interface SendPreview {
  /** "Slack (incoming webhook)", "Statuspage: create incident" ... never a key or a webhook URL. */
  readonly where: string;
  readonly body: string;
}

/** Implemented by the integrations (Slack, Statuspage); the composer only knows this interface. */
export interface UpdateSender {
  readonly id: string;
  readonly label: string;
  /** Audiences this sender is meant for (Statuspage takes only customer-facing text). */
  readonly audiences: readonly Audience[];
  send(update: StakeholderUpdate): Promise<SendResult>;
  /** What `send` would send; the composer shows every picked sender's preview in one confirmation. */
  preview?(update: StakeholderUpdate): Promise<SendPreview>;
}

/** A sent update on the timeline: an entry of kind `comms` that says who it was for. */
export interface CommsEntryEvent extends EntryEvent {
  readonly kind: 'comms';
  readonly audience: Audience;
  /** Sender ids it went out through; absent when it was copied by hand. */
  readonly via?: readonly string[];
}

export function commsEntryInput(update: StakeholderUpdate, via?: readonly string[]): EventInput<CommsEntryEvent> {
  return { type: 'entry', kind: 'comms', text: update.text, audience: update.audience, ...(via && via.length ? { via } : {}) };
}

export interface DraftOptions {
  readonly now: Date;
  readonly cadence?: UpdateCadence;
  /** When a fix is expected, if the commander has said; otherwise the draft says it is not known. */
  readonly eta?: string;
  /** The name customers know the product by; internal service names never go to customers. */
  readonly productName?: string;
}

const clock = (iso: string): string => formatUtc(iso).slice(11, 16) + ' UTC';

function nextUpdateLine(incident: Incident, options: DraftOptions): string | undefined {
  const due = updateSchedule(incident, options.cadence ?? DEFAULT_UPDATE_CADENCE).dueAt;
  if (!due) {
    return undefined;
  }
  // An overdue update promises the next one a cadence from now, not a time already past.
  const minutes = (options.cadence ?? DEFAULT_UPDATE_CADENCE)[incident.severity] ?? 0;
  const next = Math.max(Date.parse(due), options.now.getTime() + minutes * 60_000);
  return `Next update by ${clock(new Date(next).toISOString())}.`;
}

function holder(incident: Incident, role: 'commander' | 'tech' | 'comms'): string {
  return incident.roles.find((h) => h.role === role)?.person ?? 'unassigned';
}

const latest = (rows: readonly TimelineRow[], kind: TimelineRow['kind'], count: number): TimelineRow[] =>
  rows.filter((r) => r.kind === kind).slice(-count);

const CUSTOMER_STATUS: Readonly<Record<Incident['status'], (product: string) => string>> = {
  investigating: (p) => `We are investigating an issue affecting ${p}. Some customers may see errors or slow responses.`,
  identified: (p) => `We have identified the cause of the issue affecting ${p} and are working on a fix.`,
  monitoring: (p) => `A fix for the issue affecting ${p} has been applied and we are monitoring the results.`,
  resolved: (p) => `The issue affecting ${p} has been resolved. Everything is working normally again.`,
};

export function draftUpdate(incident: Incident, audience: Audience, options: DraftOptions): string {
  const elapsed = formatDuration(options.now.getTime() - Date.parse(incident.startedAt));
  const next = nextUpdateLine(incident, options);
  const lines: string[] = [];
  switch (audience) {
    case 'executive':
      lines.push(`[${incident.severity}] ${incident.title} (${incident.status})`);
      lines.push(
        `Business impact: ${SEVERITY_INFO[incident.severity].definition.toLowerCase()}; ${incident.service || 'service'} affected since ${clock(incident.startedAt)} (${elapsed}).`,
      );
      lines.push(`Where we are: ${STATUS_INFO[incident.status]}.`);
      lines.push(`ETA: ${options.eta ?? (incident.status === 'resolved' ? 'resolved' : 'not yet known')}.`);
      lines.push(`${ROLE_LABELS.commander}: ${holder(incident, 'commander')}.`);
      break;
    case 'customers':
      // Plain language only: no title (often internal shorthand), no service names, hosts or commits.
      lines.push(CUSTOMER_STATUS[incident.status](options.productName ?? 'our service'));
      break;
    case 'engineering': {
      const rows = timelineRows(incident);
      lines.push(`[${incident.severity} ${incident.priority}] ${incident.title}: ${incident.status}, ${elapsed} since impact began`);
      lines.push(
        `Service: ${incident.service || '(none)'}. ${ROLE_LABELS.commander}: ${holder(incident, 'commander')}; ${ROLE_LABELS.tech}: ${holder(incident, 'tech')}.`,
      );
      lines.push(`Technical state: ${STATUS_INFO[incident.status]}.`);
      const hypothesis = latest(rows, 'hypothesis', 1)[0];
      lines.push(
        `Current hypothesis: ${hypothesis ? `${hypothesis.text} (${hypothesis.author}, ${clock(hypothesis.ts)})` : 'none recorded'}.`,
      );
      const deploys = latest(rows, 'deploy', 3);
      if (deploys.length) {
        // A row's time is when it happened: a deploy recorded after the fact is listed at its deploy.
        lines.push('Recent deploys:', ...deploys.map((r) => `- ${clock(r.ts)} ${r.text}`));
      }
      const decisions = latest(rows, 'decision', 3);
      if (decisions.length) {
        lines.push('Decisions:', ...decisions.map((r) => `- ${r.text}`));
      }
      const actions = latest(rows, 'action', 3);
      lines.push('Next steps:', ...(actions.length ? actions.map((r) => `- ${r.text}`) : ['- (none recorded)']));
      break;
    }
  }
  if (next) {
    lines.push(next);
  }
  return lines.join('\n');
}

export interface InternalDetail {
  readonly text: string;
  readonly why: string;
}

// Checked on every edit of a customer update (and every chunk of an AI draft): each pattern starts
// only where a run of name characters starts (the lookbehinds), so a long hyphenated or dotted run is
// read once, not again from every boundary inside it.
export const INTERNAL_PATTERNS: readonly { readonly pattern: RegExp; readonly why: string }[] = [
  { pattern: /\b(?=[0-9a-f]*\d)(?=[0-9a-f]*[a-f])[0-9a-f]{7,40}\b/gi, why: 'looks like a commit sha' },
  { pattern: /\b\d{1,3}(?:\.\d{1,3}){3}(?::\d+)?\b/g, why: 'an IP address' },
  { pattern: /(?<![\w.-])[\w-]+(?:\.[\w-]+)*\.(?:internal|local|lan|corp|intra|svc|cluster\.local)\b/gi, why: 'an internal host name' },
  {
    pattern: /(?<![\w-])[a-z][a-z0-9]*(?:-[a-z0-9]+)*-(?:prod|prd|stg|staging|dev|api|svc|service|worker|db)(?:-[a-z0-9]+)*\b/gi,
    why: 'an internal service or host name',
  },
  { pattern: /(?<![\w-])[a-z]+(?:-[a-z]+)*-\d{2,}\b/gi, why: 'a numbered host name' },
  {
    pattern: /(?<![\w./-])(?:[\w.-]+\/)*[\w.-]+\.(?:ts|js|py|go|java|rb|rs|cs|kt|yaml|yml|json|sql|tf|sh)(?::\d+)?\b/gi,
    why: 'a source file',
  },
];

/**
 * Internals found in a text meant for customers: shas, addresses, host, service and file names,
 * and the incident's own service name. The composer shows them as warnings before sending.
 */
export function findInternals(text: string, knownInternal: readonly string[] = []): InternalDetail[] {
  const found: InternalDetail[] = [];
  const seen = new Set<string>();
  const add = (match: string, why: string): void => {
    if (!seen.has(match.toLowerCase())) {
      seen.add(match.toLowerCase());
      found.push({ text: match, why });
    }
  };
  for (const { pattern, why } of INTERNAL_PATTERNS) {
    for (const match of text.match(pattern) ?? []) {
      add(match, why);
    }
  }
  const lower = text.toLowerCase();
  for (const name of knownInternal) {
    if (name.trim() && lower.includes(name.toLowerCase())) {
      add(name, 'the internal service name');
    }
  }
  return found;
}
