// PagerDuty's related change events (`GET /incidents/{id}/related_change_events`) as rows shown
// beside War Room's own deploy correlation: each says it is PagerDuty's, where it came from, and
// when it happened against the incident's start.

import { beforeOrAfter } from '../time';
import { PagerDutyChangeEvent } from './pagerduty';
import { own } from '../own';

/** PagerDuty's `correlation_reason.reason` values in words (others are shown as sent, `_` as spaces). */
const REASONS: Readonly<Record<string, string>> = {
  same_service: 'on the same service',
  related_service: 'on a related service',
  most_recent: 'the most recent change',
};

export interface ChangeEventRow {
  readonly label: string;
  readonly description: string;
  /** Plain text lines for the tooltip. */
  readonly details: readonly string[];
  /** An http(s) link to open, when the change event carries one. */
  readonly url?: string;
}

/** "12m before the start" / "3m after the start". */
function relativeToStart(at: string, startedAt: string): string {
  const when = beforeOrAfter(at, startedAt);
  return when && `${when} the start`;
}

/** The rows for one PagerDuty incident's change events, newest first. */
export function changeEventRows(changes: readonly PagerDutyChangeEvent[], startedAt: string): ChangeEventRow[] {
  return [...changes]
    .sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0))
    .map((c) => {
      const reason = c.reason ? (own(REASONS, c.reason) ?? c.reason.replace(/_/g, ' ')) : undefined;
      const when = relativeToStart(c.at, startedAt);
      return {
        label: c.summary,
        description: ['PagerDuty change event', c.source, when].filter(Boolean).join(' · '),
        details: [
          `PagerDuty change event at ${c.at}${when ? ` (${when})` : ''}`,
          ...(c.source ? [`From ${c.source}`] : []),
          ...(reason ? [`PagerDuty relates it: ${reason}`] : []),
          ...(c.url ? [c.url] : []),
        ],
        ...(c.url && /^https?:\/\//i.test(c.url) ? { url: c.url } : {}),
      };
    });
}
