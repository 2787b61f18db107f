// The alert sources' and update channels' settings and secrets. Keys and the Slack webhook URL live
// only in SecretStorage; the base URLs a key is sent to are machine settings, so a cloned
// repository's `.vscode/settings.json` cannot send a responder's key to a server of its choosing.
import * as vscode from 'vscode';
import type { SourceConfig } from '../../adapters/alerts/sources';
import { ALERT_SOURCES, AlertSource } from '../../core/alerts/alert';
import type { HttpClientOptions } from '../../adapters/http/client';

/** What every HTTP client of this feature is given beside its config: the client's own clock hook. */
export type ClientHooks = Pick<HttpClientOptions, 'onClock'>;

export const SECRET_NAMES = ['pagerduty', 'opsgenie', 'slack', 'statuspage'] as const;
export type SecretName = (typeof SECRET_NAMES)[number];

export interface SecretInfo {
  /** The SecretStorage key. */
  readonly key: string;
  /** "PagerDuty API key": what the Set / Forget commands name. */
  readonly label: string;
  readonly placeHolder: string;
  readonly validate: (value: string) => string | undefined;
}

const notBlank = (what: string) => (v: string) => (v.trim() ? undefined : `Paste the ${what}, or press Escape to cancel`);

export const SECRETS: Readonly<Record<SecretName, SecretInfo>> = {
  pagerduty: {
    key: 'warroom.alerts.pagerduty.apiKey',
    label: 'PagerDuty API key',
    placeHolder: 'A PagerDuty REST API key (read-only is enough to list incidents)',
    validate: notBlank('PagerDuty API key'),
  },
  opsgenie: {
    key: 'warroom.alerts.opsgenie.apiKey',
    label: 'Opsgenie API key',
    placeHolder: 'An Opsgenie API integration key',
    validate: notBlank('Opsgenie API key'),
  },
  slack: {
    key: 'warroom.alerts.slack.webhookUrl',
    label: 'Slack webhook URL',
    placeHolder: 'https://hooks.slack.com/services/…',
    validate: (v) => (/^https?:\/\/\S+$/.test(v.trim()) ? undefined : 'A Slack incoming webhook URL (https://hooks.slack.com/services/…)'),
  },
  statuspage: {
    key: 'warroom.alerts.statuspage.apiKey',
    label: 'Statuspage API key',
    placeHolder: 'An Atlassian Statuspage API key',
    validate: notBlank('Statuspage API key'),
  },
};

function settings(): vscode.WorkspaceConfiguration {
  return vscode.workspace.getConfiguration('warroom.alerts', vscode.workspace.workspaceFolders?.[0]);
}

const list = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string' && v.trim() !== '').map((v) => v.trim()) : [];

/** The poll interval for a source, in milliseconds (at least 15 seconds). */
export function pollIntervalMs(source: AlertSource): number {
  const seconds = settings().get<number>(`${source}.pollSeconds`) ?? 60;
  return Math.max(15, Number.isFinite(seconds) ? seconds : 60) * 1000;
}

/** How long the window may be unfocused before polling pauses (resumed on focus). */
export function pauseAfterMs(): number {
  const minutes = settings().get<number>('pauseWhenUnfocusedMinutes') ?? 5;
  return Math.max(0, Number.isFinite(minutes) ? minutes : 5) * 60_000;
}

export function statuspagePageId(): string {
  return (settings().get<string>('statuspage.pageId') ?? '').trim();
}

export function statuspageBaseUrl(): string {
  return (settings().get<string>('statuspage.baseUrl') ?? '').trim() || 'https://api.statuspage.io';
}

/** The email PagerDuty writes need in `From`; the folder's user name when it looks like one. */
export function pagerDutyFrom(): string {
  return (settings().get<string>('pagerduty.fromEmail') ?? '').trim();
}

function baseUrl(source: AlertSource, fallback: string): string {
  return (settings().get<string>(`${source}.baseUrl`) ?? '').trim() || fallback;
}

const alertmanagerUrl = (): string => (settings().get<string>('alertmanager.url') ?? '').trim();

/**
 * The sources configured: PagerDuty and Opsgenie once their key is stored, Alertmanager once its
 * URL is set. Read without the adapter, so nothing heavy loads before a source exists.
 */
export async function configuredSourceNames(secrets: vscode.SecretStorage): Promise<AlertSource[]> {
  const out: AlertSource[] = [];
  for (const source of ALERT_SOURCES) {
    if (source === 'alertmanager' ? alertmanagerUrl() : await secrets.get(SECRETS[source].key)) out.push(source);
  }
  return out;
}

/** A source's settings and key, or undefined when it is not configured. `defaults`: the vendors' API roots. */
export async function sourceConfig(
  source: AlertSource,
  secrets: vscode.SecretStorage,
  defaults: Readonly<Record<AlertSource, string>>,
): Promise<SourceConfig | undefined> {
  if (source === 'alertmanager') {
    const url = alertmanagerUrl();
    return url ? { source, baseUrl: url } : undefined;
  }
  const key = await secrets.get(SECRETS[source].key);
  if (!key) return undefined;
  if (source === 'opsgenie') return { source, key, baseUrl: baseUrl(source, defaults.opsgenie) };
  const s = settings();
  const statuses = list(s.get('pagerduty.statuses'));
  return {
    source,
    key,
    baseUrl: baseUrl(source, defaults.pagerduty),
    ...(statuses.length ? { statuses } : {}),
    serviceIds: list(s.get('pagerduty.serviceIds')),
    teamIds: list(s.get('pagerduty.teamIds')),
  };
}
