// The Incoming view's model: per source, what it last reported, when a sync last succeeded, and
// the last error. A failed sync keeps the last good alerts on screen, marked stale.

import { Alert, AlertSource, ParsedAlerts } from './alert';
import { AlertGroup, groupAlerts } from './group';
import { count } from '../text/count';

export interface SourceState {
  readonly source: AlertSource;
  readonly alerts: readonly Alert[];
  readonly groups: readonly AlertGroup[];
  /** ISO UTC of the last sync that succeeded. */
  readonly lastSuccessAt?: string;
  /** The last sync's error in plain words; cleared by the next success. */
  readonly lastError?: string;
  readonly lastErrorAt?: string;
  /** True when the alerts shown are from before a failed sync. */
  readonly stale: boolean;
  /** Fields the last payload had that could not be read. */
  readonly unread: readonly string[];
}

export type SyncOutcome = { readonly ok: ParsedAlerts } | { readonly error: string };

export function emptySource(source: AlertSource): SourceState {
  return { source, alerts: [], groups: [], stale: false, unread: [] };
}

/** The state after a sync: the new alerts, or the old ones kept and marked stale with the error. */
export function applySync(previous: SourceState, outcome: SyncOutcome, now: Date): SourceState {
  if ('ok' in outcome) {
    return {
      source: previous.source,
      alerts: outcome.ok.alerts,
      groups: groupAlerts(outcome.ok.alerts),
      lastSuccessAt: now.toISOString(),
      stale: false,
      unread: outcome.ok.unread,
    };
  }
  return {
    ...previous,
    lastError: outcome.error,
    lastErrorAt: now.toISOString(),
    stale: previous.lastSuccessAt !== undefined,
  };
}

/** One line for a source's header: "synced 23:41 UTC", "stale: PagerDuty rejected the API key (401)". */
export function sourceStatusLine(state: SourceState): string {
  const synced = state.lastSuccessAt ? `synced ${state.lastSuccessAt.slice(11, 16)} UTC` : 'never synced';
  if (state.lastError) return `${state.stale ? 'stale, ' : ''}${synced}; last error: ${state.lastError}`;
  return `${count(state.alerts.length, 'alert')}, ${synced}`;
}
