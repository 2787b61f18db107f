// What an update looks like where it goes: the Slack message and the Statuspage incident fields.
// Pure, so the preview shows exactly what the senders send.

import { SEVERITY_INFO } from '../severity';
import { STATUS_INFO } from '../status';
import { StakeholderUpdate } from '../stakeholderUpdates';

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
