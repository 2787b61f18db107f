// What an update looks like where it goes: the Slack message and the Statuspage incident fields.
// Pure, so the preview shows exactly what the senders send.

import { SEVERITY_INFO } from '../severity';
import { STATUS_INFO } from '../status';
import { StakeholderUpdate } from '../stakeholderUpdates';
import { own } from '../own';

export interface SlackPayload {
  readonly text: string;
  readonly blocks: readonly unknown[];
}

/** Slack's mrkdwn treats these as markup: text from a teammate must not become a mention or a link. */
export function escapeSlack(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** A formatted message with severity, status, summary and an optional link. */
export function slackPayload(update: StakeholderUpdate, link?: string): SlackPayload {
  const head = `[${update.severity}] ${update.title} (${update.status})`;
  const fallback = `${head}\n${update.text}${link ? `\n${link}` : ''}`;
  return {
    text: escapeSlack(fallback),
    blocks: [
      { type: 'header', text: { type: 'plain_text', text: head.slice(0, 150) } },
      {
        type: 'section',
        fields: [
          { type: 'mrkdwn', text: `*Severity*\n${update.severity}: ${SEVERITY_INFO[update.severity].impact}` },
          { type: 'mrkdwn', text: `*Status*\n${update.status}: ${STATUS_INFO[update.status]}` },
        ],
      },
      { type: 'section', text: { type: 'mrkdwn', text: escapeSlack(update.text).slice(0, 3000) } },
      ...(link ? [{ type: 'context', elements: [{ type: 'mrkdwn', text: `<${link}|Incident ${escapeSlack(update.incidentId)}>` }] }] : []),
    ],
  };
}

/** War Room's status is Statuspage's incident status (the same four words). */
export function statuspageFields(update: StakeholderUpdate): { name: string; status: string; body: string } {
  return { name: update.title, status: update.status, body: update.text };
}

export interface StatuspageComponent {
  readonly id: string;
  readonly name: string;
  /** Its status on the page now (operational, degraded_performance ...). */
  readonly status: string;
  readonly description?: string;
}

/** The statuses a component can be set to by an incident, worst last. */
export const COMPONENT_IMPACTS = ['degraded_performance', 'partial_outage', 'major_outage'] as const;
export type ComponentImpact = (typeof COMPONENT_IMPACTS)[number];

export const COMPONENT_STATUS_LABELS: Readonly<Record<string, string>> = {
  operational: 'Operational',
  degraded_performance: 'Degraded performance',
  partial_outage: 'Partial outage',
  major_outage: 'Major outage',
  under_maintenance: 'Under maintenance',
};

/**
 * `GET /v1/pages/{page}/components` into the components an incident can name: a group (`group:
 * true`) only gathers others and takes no status of its own, so it is left out.
 */
export function parseStatuspageComponents(payload: unknown): StatuspageComponent[] {
  if (!Array.isArray(payload)) return [];
  return payload.flatMap((item: unknown) => {
    const c = typeof item === 'object' && item !== null ? (item as Record<string, unknown>) : {};
    if (typeof c.id !== 'string' || typeof c.name !== 'string' || c.group === true) return [];
    return [
      {
        id: c.id,
        name: c.name,
        status: typeof c.status === 'string' ? c.status : '',
        ...(typeof c.description === 'string' && c.description ? { description: c.description } : {}),
      },
    ];
  });
}

/**
 * The `components` map an incident send carries: each chosen component at the impact chosen, or
 * back to operational once the update says resolved.
 */
export function componentChanges(
  chosen: readonly string[],
  impact: ComponentImpact,
  updateStatus: StakeholderUpdate['status'],
): Record<string, string> {
  const status = updateStatus === 'resolved' ? 'operational' : impact;
  return Object.fromEntries([...new Set(chosen)].map((id) => [id, status]));
}

/** The components part of the preview: "Checkout API: operational → partial_outage". */
export function componentPreviewLines(components: readonly StatuspageComponent[], changes: Readonly<Record<string, string>>): string[] {
  return Object.entries(changes).map(([id, to]) => {
    const c = components.find((x) => x.id === id);
    return `${c?.name ?? id}: ${own(COMPONENT_STATUS_LABELS, c?.status ?? '') ?? c?.status ?? '?'} → ${own(COMPONENT_STATUS_LABELS, to) ?? to}`;
  });
}
