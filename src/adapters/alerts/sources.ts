// The alert sources over HTTP: each fetches through the one client (src/adapters/http) and reads
// what it got with the core parsers. Keys come in from SecretStorage or the environment; none is
// ever put in a message, a log line or an event.

import { Alert, AlertSource, ParsedAlerts } from '../../core/alerts/alert';
import { parseAlertmanager } from '../../core/alerts/alertmanager';
import { OpsgenieRequestStatus, opsgenieRequestId, parseOpsgenie, parseOpsgenieRequestStatus } from '../../core/alerts/opsgenie';
import {
  PagerDutyChangeEvent,
  PagerDutyLogEntry,
  parsePagerDuty,
  parsePagerDutyChangeEvents,
  parsePagerDutyLogEntries,
} from '../../core/alerts/pagerduty';
import { OnCallShift } from '../../core/oncall/model';
import { parsePagerDutyOncalls, parsePagerDutyServices } from '../../core/oncall/pagerduty';
import { collectPages, HttpClient, HttpClientOptions, HttpError, sleep } from '../http/client';

/**
 * PagerDuty's classic pagination answers up to offset + limit = 10,000 and refuses beyond: a busy
 * account's log since an old open incident is read that far and no further.
 */
const PAGERDUTY_MAX_OFFSET = 10_000;

/** How many records a page's `key` array held, readable or not (undefined when it is not an array). */
function sentCount(body: unknown, key: string): number | undefined {
  const list = body && typeof body === 'object' ? (body as Record<string, unknown>)[key] : undefined;
  return Array.isArray(list) ? list.length : undefined;
}

export interface SourceConfig {
  readonly source: AlertSource;
  /** API root; the vendor's public one by default. */
  readonly baseUrl: string;
  /** The API key (none for Alertmanager). */
  readonly key?: string;
  /** PagerDuty filters. */
  readonly statuses?: readonly string[];
  readonly serviceIds?: readonly string[];
  readonly teamIds?: readonly string[];
}

export const DEFAULT_BASE_URLS: Readonly<Record<AlertSource, string>> = {
  pagerduty: 'https://api.pagerduty.com',
  alertmanager: 'http://127.0.0.1:9093',
  opsgenie: 'https://api.opsgenie.com',
};

const SERVICE_NAMES: Readonly<Record<AlertSource, string>> = { pagerduty: 'PagerDuty', alertmanager: 'Alertmanager', opsgenie: 'Opsgenie' };

type ClientOptions = Omit<HttpClientOptions, 'service'>;

const join = (base: string, path: string) => `${base.replace(/\/+$/, '')}${path}`;

export class PagerDutyApi {
  readonly client: HttpClient;
  constructor(
    private readonly config: SourceConfig,
    options: ClientOptions = {},
  ) {
    this.client = new HttpClient({ service: 'PagerDuty', ...options });
  }

  private headers(extra: Record<string, string> = {}): Record<string, string> {
    return { Accept: 'application/vnd.pagerduty+json;version=2', Authorization: `Token token=${this.config.key ?? ''}`, ...extra };
  }

  private async get(path: string, signal?: AbortSignal): Promise<unknown> {
    return (await this.client.request({ url: join(this.config.baseUrl, path), headers: this.headers(), signal })).data;
  }

  /** Incidents by status / service / team, every page (while `more`). */
  async incidents(signal?: AbortSignal): Promise<ParsedAlerts> {
    const unread: string[] = [];
    const query = new URLSearchParams();
    for (const s of this.config.statuses ?? ['triggered', 'acknowledged']) query.append('statuses[]', s);
    for (const s of this.config.serviceIds ?? []) query.append('service_ids[]', s);
    for (const t of this.config.teamIds ?? []) query.append('team_ids[]', t);
    query.set('limit', '100');
    const alerts = await collectPages<Alert>(async (offset) => {
      query.set('offset', String(offset));
      const body = await this.get(`/incidents?${query}`, signal);
      const parsed = parsePagerDuty(body);
      unread.push(...parsed.unread);
      // The next page starts after what the server sent, unreadable records too: else one repeats.
      return { items: parsed.alerts, more: (body as { more?: unknown })?.more === true, sent: sentCount(body, 'incidents') };
    });
    return { source: 'pagerduty', kind: 'api:incidents', alerts, unread };
  }

  async logEntries(incidentId: string, signal?: AbortSignal): Promise<{ entries: PagerDutyLogEntry[]; unread: string[] }> {
    const unread: string[] = [];
    const entries = await collectPages<PagerDutyLogEntry>(async (offset) => {
      const parsed = parsePagerDutyLogEntries(
        await this.get(`/incidents/${encodeURIComponent(incidentId)}/log_entries?limit=100&offset=${offset}`, signal),
      );
      unread.push(...parsed.unread);
      return { items: parsed.entries, more: parsed.more, sent: parsed.sent };
    });
    return { entries, unread };
  }

  /**
   * Incidents and their log entries: the entries come from the account-wide `GET /log_entries`
   * since the oldest incident began (a few pages), not one request per incident.
   */
  async incidentsWithLogs(signal?: AbortSignal): Promise<{ parsed: ParsedAlerts; logs: Map<string, PagerDutyLogEntry[]> }> {
    const parsed = await this.incidents(signal);
    const logs = new Map<string, PagerDutyLogEntry[]>(parsed.alerts.map((a) => [a.id, []]));
    if (parsed.alerts.length === 0) return { parsed, logs };
    const since = parsed.alerts.reduce((min, a) => (a.startsAt < min ? a.startsAt : min), parsed.alerts[0].startsAt);
    const unread = parsed.unread as string[];
    try {
      await collectPages<PagerDutyLogEntry>(async (offset) => {
        const query = `since=${encodeURIComponent(since)}&is_overview=false&limit=100&offset=${offset}`;
        const page = parsePagerDutyLogEntries(await this.get(`/log_entries?${query}`, signal));
        unread.push(...page.unread);
        for (const entry of page.entries) {
          if (entry.incidentId) logs.get(entry.incidentId)?.push(entry);
        }
        return { items: page.entries, more: page.more, sent: page.sent };
      }, PAGERDUTY_MAX_OFFSET);
    } catch (error) {
      // The incidents stand without their history: the Incoming view is not left stale for a log.
      if (signal?.aborted) throw error;
      unread.push(`log entries since ${since}: not read (${error instanceof Error ? error.message : String(error)})`);
    }
    return { parsed, logs };
  }

  /**
   * Who PagerDuty has on call at `at`, per service: GET /services (which escalation policy pages for
   * each service) and GET /oncalls for that instant, every page of each.
   */
  async oncalls(at: Date, signal?: AbortSignal): Promise<{ shifts: OnCallShift[]; unread: string[] }> {
    const unread: string[] = [];
    const byPolicy = new Map<string, string[]>();
    await collectPages<string>(async (offset) => {
      const page = parsePagerDutyServices(await this.get(`/services?limit=100&offset=${offset}`, signal));
      unread.push(...page.unread);
      for (const [policy, names] of page.byPolicy) byPolicy.set(policy, [...(byPolicy.get(policy) ?? []), ...names]);
      return { items: [...page.byPolicy.keys()], more: page.more, sent: page.sent };
    });
    const since = encodeURIComponent(at.toISOString());
    const until = encodeURIComponent(new Date(at.getTime() + 1000).toISOString());
    const shifts = await collectPages<OnCallShift>(async (offset) => {
      const body = await this.get(`/oncalls?since=${since}&until=${until}&limit=100&offset=${offset}`, signal);
      const page = parsePagerDutyOncalls(body, (policy) => byPolicy.get(policy.id) ?? []);
      unread.push(...page.unread);
      const sent = Array.isArray((body as { oncalls?: unknown })?.oncalls) ? (body as { oncalls: unknown[] }).oncalls.length : 0;
      return { items: page.shifts, more: (body as { more?: unknown })?.more === true, sent };
    });
    return { shifts, unread };
  }

  async relatedChanges(incidentId: string, signal?: AbortSignal): Promise<PagerDutyChangeEvent[]> {
    return parsePagerDutyChangeEvents(await this.get(`/incidents/${encodeURIComponent(incidentId)}/related_change_events`, signal)).changes;
  }

  /** A note on the incident; PagerDuty needs the writer's email in `From`. */
  async addNote(incidentId: string, content: string, from: string): Promise<void> {
    await this.client.request({
      method: 'POST',
      url: join(this.config.baseUrl, `/incidents/${encodeURIComponent(incidentId)}/notes`),
      headers: this.headers({ From: from }),
      body: { note: { content } },
    });
  }

  async statusUpdate(incidentId: string, message: string, from: string): Promise<void> {
    await this.client.request({
      method: 'POST',
      url: join(this.config.baseUrl, `/incidents/${encodeURIComponent(incidentId)}/status_updates`),
      headers: this.headers({ From: from }),
      body: { message },
    });
  }

  async setStatus(incidentId: string, status: 'acknowledged' | 'resolved', from: string): Promise<void> {
    await this.client.request({
      method: 'PUT',
      url: join(this.config.baseUrl, `/incidents/${encodeURIComponent(incidentId)}`),
      headers: this.headers({ From: from }),
      body: { incident: { type: 'incident_reference', status } },
    });
  }
}

export interface SilenceMatcher {
  readonly name: string;
  readonly value: string;
  readonly isRegex: boolean;
  readonly isEqual: boolean;
}

export interface Silence {
  readonly id: string;
  readonly state: string;
  readonly matchers: readonly SilenceMatcher[];
  readonly endsAt: string;
  readonly comment: string;
  readonly createdBy: string;
}

export class AlertmanagerApi {
  readonly client: HttpClient;
  constructor(
    private readonly config: SourceConfig,
    options: ClientOptions = {},
  ) {
    this.client = new HttpClient({ service: 'Alertmanager', ...options });
  }

  async alerts(signal?: AbortSignal): Promise<ParsedAlerts> {
    const { data } = await this.client.request({
      url: join(this.config.baseUrl, '/api/v2/alerts?active=true&silenced=true&inhibited=true'),
      signal,
    });
    return parseAlertmanager(data);
  }

  async silences(signal?: AbortSignal): Promise<Silence[]> {
    const { data } = await this.client.request<unknown>({ url: join(this.config.baseUrl, '/api/v2/silences'), signal });
    return (Array.isArray(data) ? data : []).flatMap((s: Record<string, unknown>) =>
      typeof s?.id === 'string'
        ? [
            {
              id: s.id,
              state: String((s.status as { state?: unknown })?.state ?? ''),
              matchers: Array.isArray(s.matchers) ? (s.matchers as SilenceMatcher[]) : [],
              endsAt: String(s.endsAt ?? ''),
              comment: String(s.comment ?? ''),
              createdBy: String(s.createdBy ?? ''),
            },
          ]
        : [],
    );
  }

  /**
   * Creates a silence from now for `minutes`; returns its id. Its start is sent a few minutes early:
   * Alertmanager starts a silence whose start has passed at its own now, so one sent from a laptop
   * whose clock runs ahead of the server's is active at once, not pending until the server catches up.
   */
  async silence(
    matchers: readonly SilenceMatcher[],
    minutes: number,
    comment: string,
    createdBy: string,
    now = new Date(),
  ): Promise<string> {
    const { data } = await this.client.request<{ silenceID?: unknown }>({
      method: 'POST',
      url: join(this.config.baseUrl, '/api/v2/silences'),
      body: {
        matchers,
        startsAt: new Date(now.getTime() - CLOCK_ALLOWANCE_MS).toISOString(),
        endsAt: new Date(now.getTime() + minutes * 60_000).toISOString(),
        comment,
        createdBy,
      },
    });
    if (typeof data?.silenceID !== 'string') throw new Error('Alertmanager did not say which silence it created');
    return data.silenceID;
  }

  async expire(silenceId: string): Promise<void> {
    await this.client.request({ method: 'DELETE', url: join(this.config.baseUrl, `/api/v2/silence/${encodeURIComponent(silenceId)}`) });
  }
}

/** How far a responder's clock may run ahead of Alertmanager's and a new silence still start at once. */
const CLOCK_ALLOWANCE_MS = 5 * 60_000;

/** The matchers that silence exactly this alert: every label, by equality. */
export function matchersFor(alert: Alert): SilenceMatcher[] {
  return Object.entries(alert.labels).map(([name, value]) => ({ name, value, isRegex: false, isEqual: true }));
}

export class OpsgenieApi {
  readonly client: HttpClient;
  private readonly confirmWaitsMs: readonly number[];
  constructor(
    private readonly config: SourceConfig,
    options: ClientOptions & { readonly confirmWaitsMs?: readonly number[] } = {},
  ) {
    const { confirmWaitsMs, ...client } = options;
    this.client = new HttpClient({ service: 'Opsgenie', ...client });
    this.confirmWaitsMs = confirmWaitsMs ?? OPSGENIE_CONFIRM_WAITS_MS;
  }

  private headers(): Record<string, string> {
    return { Authorization: `GenieKey ${this.config.key ?? ''}` };
  }

  async alerts(signal?: AbortSignal): Promise<ParsedAlerts> {
    const unread: string[] = [];
    const alerts = await collectPages<Alert>(async (offset) => {
      const { data } = await this.client.request<{ paging?: { next?: unknown } }>({
        url: join(
          this.config.baseUrl,
          `/v2/alerts?query=${encodeURIComponent('status: open')}&limit=100&offset=${offset}&sort=createdAt&order=desc`,
        ),
        headers: this.headers(),
        signal,
      });
      const parsed = parseOpsgenie(data);
      unread.push(...parsed.unread);
      return { items: parsed.alerts, more: typeof data?.paging?.next === 'string', sent: sentCount(data, 'data') };
    }, 1000);
    return { source: 'opsgenie', kind: 'api:alerts', alerts, unread };
  }

  /** Adds a note to the alert; resolves once Opsgenie says it did (see `confirm`). */
  async addNote(alertId: string, note: string, user: string, signal?: AbortSignal): Promise<OpsgenieOutcome> {
    return this.act(alertId, 'notes', { note, user, source: 'War Room' }, signal);
  }

  /** Acknowledges the alert (stops its escalation) as `user`; resolves once Opsgenie says it did. */
  async acknowledge(alertId: string, user: string, signal?: AbortSignal): Promise<OpsgenieOutcome> {
    return this.act(alertId, 'acknowledge', { user, source: 'War Room' }, signal);
  }

  /** Closes the alert as `user`; resolves once Opsgenie says it did. */
  async close(alertId: string, user: string, signal?: AbortSignal): Promise<OpsgenieOutcome> {
    return this.act(alertId, 'close', { user, source: 'War Room' }, signal);
  }

  private async act(
    alertId: string,
    path: 'notes' | 'acknowledge' | 'close',
    body: object,
    signal?: AbortSignal,
  ): Promise<OpsgenieOutcome> {
    const { data } = await this.client.request({
      method: 'POST',
      url: join(this.config.baseUrl, `/v2/alerts/${encodeURIComponent(alertId)}/${path}?identifierType=id`),
      headers: this.headers(),
      body,
      signal,
    });
    const requestId = opsgenieRequestId(data);
    // Accepted without an id to ask after: nothing more can be known of it.
    return requestId ? this.confirm(requestId, OPSGENIE_ACTIONS[path], signal) : { processed: false };
  }

  /** The request's status, or undefined while Opsgenie has not processed it (it answers 404 until then). */
  async requestStatus(requestId: string, signal?: AbortSignal): Promise<OpsgenieRequestStatus | undefined> {
    let data: unknown;
    try {
      ({ data } = await this.client.request({
        url: join(this.config.baseUrl, `/v2/alerts/requests/${encodeURIComponent(requestId)}`),
        headers: this.headers(),
        signal,
      }));
    } catch (error) {
      if (error instanceof HttpError && error.failure === 'not_found') return undefined;
      throw error;
    }
    const status = parseOpsgenieRequestStatus(data);
    if ('error' in status) throw new HttpError(status.error, 'bad_body');
    return status;
  }

  /**
   * Asks after an accepted request until Opsgenie has processed it, for at most the waits given
   * (about four seconds by default): a request it failed (the alert closed or gone) throws with
   * Opsgenie's own words; one still unprocessed after the last wait resolves as not processed.
   */
  async confirm(requestId: string, what: string, signal?: AbortSignal): Promise<OpsgenieOutcome> {
    for (const wait of this.confirmWaitsMs) {
      await sleep(wait, signal, 'Opsgenie');
      const status = await this.requestStatus(requestId, signal);
      if (!status) continue;
      if (!status.success) throw new HttpError(`Opsgenie did not ${what}: ${status.status}`, 'rejected');
      return { processed: true, requestId, status };
    }
    return { processed: false, requestId };
  }
}

/** What became of an action Opsgenie accepted: processed (and so done), or not yet after the waits. */
export type OpsgenieOutcome =
  | { readonly processed: true; readonly requestId: string; readonly status: OpsgenieRequestStatus }
  | { readonly processed: false; readonly requestId?: string };

const OPSGENIE_ACTIONS = { notes: 'add the note', acknowledge: 'acknowledge the alert', close: 'close the alert' } as const;

/** How long to wait before each look at a request's status: Opsgenie usually takes well under a second. */
export const OPSGENIE_CONFIRM_WAITS_MS: readonly number[] = [250, 500, 750, 1000, 1500];

/** The alerts a configured source reports now. */
export async function fetchAlerts(config: SourceConfig, signal?: AbortSignal, options: ClientOptions = {}): Promise<ParsedAlerts> {
  switch (config.source) {
    case 'pagerduty':
      return new PagerDutyApi(config, options).incidents(signal);
    case 'alertmanager':
      return new AlertmanagerApi(config, options).alerts(signal);
    case 'opsgenie':
      return new OpsgenieApi(config, options).alerts(signal);
  }
}

export function serviceName(source: AlertSource): string {
  return SERVICE_NAMES[source];
}
