// The one alert shape every source is read into (Alertmanager, PagerDuty, Opsgenie), whether it came
// from an API response or a webhook body, and the small readers the parsers share. Pure: the
// adapters fetch, this module only reads what they fetched.

export const ALERT_SOURCES = ['pagerduty', 'alertmanager', 'opsgenie'] as const;
export type AlertSource = (typeof ALERT_SOURCES)[number];

export const ALERT_SOURCE_LABELS: Readonly<Record<AlertSource, string>> = {
  pagerduty: 'PagerDuty',
  alertmanager: 'Alertmanager',
  opsgenie: 'Opsgenie',
};

/** A source whose alerts are paged and taken in hand there: acknowledged and resolved (Alertmanager's are silenced). */
export type PageSource = Exclude<AlertSource, 'alertmanager'>;

export function isPageSource(source: AlertSource): source is PageSource {
  return source !== 'alertmanager';
}

/** What a page is called at its source: a PagerDuty incident, an Opsgenie alert. */
export const PAGE_NOUNS: Readonly<Record<PageSource, string>> = { pagerduty: 'incident', opsgenie: 'alert' };

/**
 * The words for acknowledging or resolving a page at its source (Opsgenie calls resolving closing):
 * the button's verb, the recorded action and the past tense the outcome is said in.
 */
export function pageAction(source: PageSource, status: 'acknowledged' | 'resolved'): { verb: string; action: string; done: string } {
  const verb = status === 'acknowledged' ? 'Acknowledge' : source === 'opsgenie' ? 'Close' : 'Resolve';
  return { verb, action: verb.toLowerCase(), done: `${verb.replace(/e$/, '')}ed` };
}

export function isAlertSource(value: unknown): value is AlertSource {
  return (ALERT_SOURCES as readonly unknown[]).includes(value);
}

export type AlertState = 'firing' | 'acknowledged' | 'suppressed' | 'resolved';

export interface Alert {
  readonly source: AlertSource;
  /** The source's own id: PagerDuty incident id, Alertmanager fingerprint, Opsgenie alert id. */
  readonly id: string;
  /**
   * What says "the same problem" across re-sends: PagerDuty `incident_key`, Alertmanager
   * `fingerprint`, Opsgenie `alias`. An incident linked to this key gets the alert, not a twin.
   */
  readonly dedupKey: string;
  readonly title: string;
  readonly state: AlertState;
  /** When the problem started (ISO UTC): Alertmanager `startsAt`, PagerDuty `created_at`, Opsgenie `createdAt`. */
  readonly startsAt: string;
  /** Absent while it fires (Alertmanager's `0001-01-01T00:00:00Z` means "no end"). */
  readonly endsAt?: string;
  readonly updatedAt?: string;
  readonly service?: string;
  /** P1..P5 (PagerDuty priority summary, Opsgenie priority, Alertmanager `priority` label). */
  readonly priority?: string;
  /** Alertmanager `severity` label, PagerDuty urgency. */
  readonly severity?: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly annotations: Readonly<Record<string, string>>;
  /** A link back to the alert in its source. */
  readonly url?: string;
  /** `runbook_url` (prometheus-operator) and `runbook` (GitLab) annotations. */
  readonly runbookUrls: readonly string[];
}

/** A parsed payload: the alerts read, and every field that could not be, as `path: why`. */
export interface ParsedAlerts {
  readonly source: AlertSource;
  /** What the payload was: `api:alerts`, `api:groups`, `webhook`, `api:incidents` ... */
  readonly kind: string;
  readonly alerts: readonly Alert[];
  readonly unread: readonly string[];
}

/** Reads fields of an untrusted JSON value, noting each it cannot read under its path. */
export class FieldReader {
  constructor(readonly unread: string[]) {}

  object(value: unknown, at: string): Record<string, unknown> | undefined {
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
      return value as Record<string, unknown>;
    }
    if (value !== undefined && value !== null) this.unread.push(`${at}: not an object`);
    return undefined;
  }

  array(value: unknown, at: string): unknown[] {
    if (Array.isArray(value)) return value;
    if (value !== undefined && value !== null) this.unread.push(`${at}: not a list`);
    return [];
  }

  /** A string (a number is read as its decimal text); `required` notes a missing one too. */
  string(value: unknown, at: string, required = false): string | undefined {
    if (typeof value === 'string') return value;
    if (typeof value === 'number' && Number.isFinite(value)) return String(value);
    if (value !== undefined && value !== null) this.unread.push(`${at}: not a string`);
    else if (required) this.unread.push(`${at}: missing`);
    return undefined;
  }

  /** A time as ISO UTC; see `parseSourceTime` for the forms read. */
  time(value: unknown, at: string, required = false): string | undefined {
    if (value === undefined || value === null) {
      if (required) this.unread.push(`${at}: missing`);
      return undefined;
    }
    const parsed = parseSourceTime(value);
    if (parsed === undefined) {
      this.unread.push(`${at}: not a time (${JSON.stringify(value).slice(0, 40)})`);
      return undefined;
    }
    return parsed === NO_TIME ? undefined : parsed;
  }

  /** A flat map of strings (labels, annotations); a non-string value is noted and left out. */
  strings(value: unknown, at: string): Record<string, string> {
    const out: Record<string, string> = {};
    const record = this.object(value, at);
    for (const [key, v] of Object.entries(record ?? {})) {
      if (typeof v === 'string') out[key] = v;
      else if (typeof v === 'number' || typeof v === 'boolean') out[key] = String(v);
      else this.unread.push(`${at}.${key}: not a string`);
    }
    return out;
  }
}

/** Go's zero time, which Alertmanager sends as `endsAt` for "no end". */
export const NO_TIME = '0001-01-01T00:00:00.000Z';

/**
 * Reads RFC 3339 with any number of fraction digits and any offset (Go writes nanoseconds), and
 * epoch numbers in seconds, milliseconds, microseconds or nanoseconds (Opsgenie's webhook
 * `updatedAt` is nanoseconds, beyond a JSON number's precision: read to the millisecond). Returns
 * `NO_TIME` for Go's zero time, undefined when unreadable.
 */
export function parseSourceTime(value: unknown): string | undefined {
  if (typeof value === 'number' && Number.isFinite(value) && value > 0) {
    const ms = value >= 1e17 ? value / 1e6 : value >= 1e14 ? value / 1e3 : value >= 1e11 ? value : value * 1000;
    const date = new Date(Math.floor(ms));
    return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
  }
  if (typeof value !== 'string') return undefined;
  const match = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(?::\d{2})?)(?:\.(\d+))?(Z|[+-]\d{2}:?\d{2})?$/i.exec(value.trim());
  if (!match) return undefined;
  if (match[1] === '0001-01-01') return NO_TIME;
  const fraction = match[3] ? `.${match[3].slice(0, 3).padEnd(3, '0')}` : '';
  const zone = match[4] ? match[4].toUpperCase().replace(/^([+-]\d{2})(\d{2})$/, '$1:$2') : 'Z';
  const ms = Date.parse(`${match[1]}T${match[2]}${fraction}${zone}`);
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString();
}

/** `3`, `"3"`, `"p3"` and `"P3"` are all P3; anything else is not a priority. */
export function normalisePriority(value: unknown): string | undefined {
  const text = typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : '';
  const match = /^[Pp]?([1-5])$/.exec(text);
  return match ? `P${match[1]}` : undefined;
}

/** The annotations that name a runbook, in the order they are read. */
export const RUNBOOK_ANNOTATIONS = ['runbook_url', 'runbook', 'runbookUrl'] as const;

/** The runbook links an alert's annotations carry, in a stable order, without repeats. */
export function runbookUrlsOf(annotations: Readonly<Record<string, string>>): string[] {
  return [...new Set(RUNBOOK_ANNOTATIONS.map((k) => annotations[k]?.trim()).filter((v): v is string => !!v))];
}
