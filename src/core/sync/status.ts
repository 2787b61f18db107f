// What the status bar says about team sync, and who else has an incident open (presence: heard
// over the server, never stored).

import { count } from '../text/count';

export type SyncStatus =
  | { readonly kind: 'off' }
  /** `notSent`: why the server refuses what is queued (a role that may only read); receiving goes on. */
  | { readonly kind: 'live'; readonly queued: number; readonly notSent?: string }
  | { readonly kind: 'reconnecting'; readonly queued: number; readonly attempt: number }
  | { readonly kind: 'offline'; readonly queued: number; readonly reason: string };

export function describeSyncStatus(status: SyncStatus): string {
  switch (status.kind) {
    case 'off':
      return 'Team sync off';
    case 'live':
      if (status.notSent !== undefined) return `Team sync live (receiving), ${count(status.queued, 'event')} not sent: ${status.notSent}`;
      return status.queued ? `Team sync live, sending ${status.queued}` : 'Team sync live';
    case 'reconnecting':
      return `Team sync reconnecting (attempt ${status.attempt}), ${queued(status.queued)}`;
    case 'offline':
      return `Team sync offline, ${queued(status.queued)}: ${status.reason}`;
  }
}

const queued = (n: number) => `${count(n, 'event')} queued`;

/** What one status bar item says for the window's folders: the worst state, and the events waiting. */
export interface SyncSummary {
  readonly kind: 'live' | 'reconnecting' | 'offline' | 'off';
  /** Events on their way (or waiting for a connection). */
  readonly queued: number;
  /** Events a server refuses to take (a role that may only read): not on their way. */
  readonly notSent: number;
  /** Worth a warning colour: a folder offline, or events refused. */
  readonly warning: boolean;
}

export function summarizeSync(statuses: readonly SyncStatus[]): SyncSummary {
  const worst = statuses.find((s) => s.kind === 'offline') ?? statuses.find((s) => s.kind === 'reconnecting') ?? statuses[0];
  let waiting = 0;
  let notSent = 0;
  for (const s of statuses) {
    if (s.kind === 'live' && s.notSent !== undefined) notSent += s.queued;
    else if (s.kind !== 'off') waiting += s.queued;
  }
  const kind = worst?.kind ?? 'off';
  return { kind, queued: waiting, notSent, warning: kind === 'offline' || notSent > 0 };
}

/** Wait before the next reconnect: doubling from half a second, capped at 30 s. */
export function reconnectDelayMs(attempt: number): number {
  return Math.min(30_000, 500 * 2 ** Math.max(0, Math.min(attempt - 1, 10)));
}

/** "I have this incident open", sent over the server every PRESENCE_BEAT_MS while it is. */
export interface PresenceBeat {
  readonly incidentId: string;
  readonly user: string;
  /** One per window, so two windows of one user are two lines. */
  readonly client: string;
  /** Epoch ms as the receiver saw it (clocks of two machines are not compared). */
  readonly at: number;
  /** False when the window closes the incident or disconnects. */
  readonly open: boolean;
}

export const PRESENCE_BEAT_MS = 15_000;
/** A beat older than this is gone: two missed beats and a margin. */
export const PRESENCE_TTL_MS = 40_000;

/** Who has each incident open at `now`, by incident id, names sorted and unique. */
export function presentUsers(beats: readonly PresenceBeat[], now: number): Map<string, string[]> {
  const latest = new Map<string, PresenceBeat>();
  for (const beat of beats) {
    const key = `${beat.incidentId}\u0000${beat.client}`;
    const seen = latest.get(key);
    if (!seen || seen.at <= beat.at) latest.set(key, beat);
  }
  const byIncident = new Map<string, Set<string>>();
  for (const beat of latest.values()) {
    if (beat.open && now - beat.at <= PRESENCE_TTL_MS) {
      const users = byIncident.get(beat.incidentId) ?? new Set<string>();
      users.add(beat.user);
      byIncident.set(beat.incidentId, users);
    }
  }
  return new Map([...byIncident].map(([id, users]) => [id, [...users].sort()]));
}

/** A beat received from the server, checked field by field; undefined when it is not one. */
export function parsePresenceBeat(payload: string, receivedAt: number): PresenceBeat | undefined {
  if (payload.length > 2000) return undefined;
  try {
    const v = JSON.parse(payload) as Record<string, unknown>;
    const str = (x: unknown, max: number) => typeof x === 'string' && x.length > 0 && x.length <= max;
    if (str(v.incidentId, 64) && str(v.user, 200) && str(v.client, 64) && typeof v.open === 'boolean') {
      return { incidentId: v.incidentId as string, user: v.user as string, client: v.client as string, open: v.open, at: receivedAt };
    }
  } catch {
    // Not ours: ignored.
  }
  return undefined;
}

/** A connection string War Room takes for team sync: a `postgres://` or `postgresql://` URL (as `pg` reads them). */
export function isPostgresUrl(text: string): boolean {
  return /^postgres(ql)?:\/\/\S/.test(text.trim());
}
