// The one HTTP client every integration goes through (axios, loaded with this bundle only when a
// source is configured): an overall deadline per attempt, retries with jittered exponential backoff
// on 429 / 5xx / network errors honouring Retry-After and PagerDuty's ratelimit-reset, one request
// at a time per host, cancellation, and a cap on the response size. Errors say what went wrong in
// plain words and never carry the URL or a header: a webhook URL or a key is a secret.

import axios, { AxiosError, AxiosResponse } from 'axios';
import * as http from 'node:http';
import * as https from 'node:https';
import { ClockReading, httpDateReading } from '../../core/clock';

export type HttpFailure =
  | 'auth'
  | 'forbidden'
  | 'not_found'
  | 'rate_limited'
  | 'server'
  | 'rejected'
  | 'timeout'
  | 'network'
  | 'too_large'
  | 'bad_body'
  | 'cancelled';

export class HttpError extends Error {
  constructor(
    message: string,
    readonly failure: HttpFailure,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

export interface HttpClientOptions {
  /** The service's name in messages: "PagerDuty rejected the API key (401)". */
  readonly service: string;
  /** Per attempt, for the whole response (a slow drip too), not just between bytes. */
  readonly timeoutMs?: number;
  /** Attempts after the first, for retryable failures. */
  readonly retries?: number;
  readonly baseDelayMs?: number;
  /** The longest wait between attempts, Retry-After included. */
  readonly maxDelayMs?: number;
  readonly maxBytes?: number;
  /** 0..1, for the jitter; Math.random by default. */
  readonly random?: () => number;
  /** Each answer's Date header against this machine's clock (how far off it is; see core/clock.ts). */
  readonly onClock?: (reading: ClockReading) => void;
}

export interface HttpRequest {
  readonly method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  readonly url: string;
  readonly headers?: Readonly<Record<string, string>>;
  /** Sent as JSON. */
  readonly body?: unknown;
  readonly signal?: AbortSignal;
  /** Parse the body as JSON (default); false returns it as text. */
  readonly json?: boolean;
}

export interface HttpResponse<T = unknown> {
  readonly status: number;
  readonly data: T;
  readonly headers: Readonly<Record<string, string>>;
  /** How many attempts it took. */
  readonly attempts: number;
}

export const DEFAULT_TIMEOUT_MS = 15_000;
export const DEFAULT_MAX_BYTES = 5 * 1024 * 1024;

// Kept-alive connections: a sync of 1,000 incidents makes 1,010 requests to one host, one at a time.
const httpAgent = new http.Agent({ keepAlive: true });
const httpsAgent = new https.Agent({ keepAlive: true });

/** Hosts with a request in flight: each request waits for the one before it on the same host. */
const hostQueues = new Map<string, Promise<unknown>>();

export class HttpClient {
  private readonly timeoutMs: number;
  private readonly retries: number;
  private readonly baseDelayMs: number;
  private readonly maxDelayMs: number;
  private readonly maxBytes: number;
  private readonly random: () => number;

  constructor(private readonly options: HttpClientOptions) {
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.retries = options.retries ?? 3;
    this.baseDelayMs = options.baseDelayMs ?? 500;
    this.maxDelayMs = options.maxDelayMs ?? 30_000;
    this.maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
    this.random = options.random ?? Math.random;
  }

  get service(): string {
    return this.options.service;
  }

  async request<T = unknown>(request: HttpRequest): Promise<HttpResponse<T>> {
    const host = hostOf(request.url, this.service);
    const before = hostQueues.get(host) ?? Promise.resolve();
    const mine = before.catch(() => undefined).then(() => this.withRetries<T>(request));
    const settled = mine.catch(() => undefined);
    hostQueues.set(host, settled);
    void settled.then(() => {
      if (hostQueues.get(host) === settled) hostQueues.delete(host);
    });
    return mine;
  }

  private async withRetries<T>(request: HttpRequest): Promise<HttpResponse<T>> {
    for (let attempt = 0; ; attempt++) {
      throwIfCancelled(request.signal, this.service);
      let response: AxiosResponse<string> | undefined;
      let failure: HttpError;
      try {
        const sentAt = Date.now();
        response = await this.once(request);
        this.readClock(response, sentAt, Date.now());
      } catch (error) {
        failure = this.describe(error, request.signal);
        if (failure.failure === 'cancelled' || failure.failure === 'too_large' || attempt >= this.retries) throw failure;
        await sleep(this.backoff(attempt), request.signal, this.service);
        continue;
      }
      const status = response.status;
      const headers = flatHeaders(response.headers);
      if (status >= 200 && status < 300) {
        return { status, data: this.body<T>(response.data, request, status), headers, attempts: attempt + 1 };
      }
      failure = statusError(this.service, status, response.data);
      if (!(status === 429 || status >= 500) || attempt >= this.retries) {
        if (attempt > 0 && (status === 429 || status >= 500)) failure.message += ` after ${attempt + 1} attempts`;
        throw failure;
      }
      await sleep(this.backoff(attempt, waitFromHeaders(headers)), request.signal, this.service);
    }
  }

  private once(request: HttpRequest): Promise<AxiosResponse<string>> {
    // axios's own timeout is per socket read; this one covers the whole response, so a server that
    // drips one byte a second cannot hold a sync forever.
    const deadline = new AbortController();
    const timer = setTimeout(() => deadline.abort(new HttpError('', 'timeout')), this.timeoutMs);
    const onCancel = () => deadline.abort(request.signal?.reason);
    request.signal?.addEventListener('abort', onCancel, { once: true });
    return axios
      .request<string>({
        method: request.method ?? 'GET',
        url: request.url,
        headers: { ...(request.body !== undefined ? { 'Content-Type': 'application/json' } : {}), ...request.headers },
        data: request.body === undefined ? undefined : JSON.stringify(request.body),
        responseType: 'text',
        transformResponse: [(data: string) => data],
        validateStatus: () => true,
        maxContentLength: this.maxBytes,
        maxBodyLength: this.maxBytes,
        // A redirect would carry the key to wherever it points.
        maxRedirects: 0,
        proxy: false,
        httpAgent,
        httpsAgent,
        signal: deadline.signal,
      })
      .finally(() => {
        clearTimeout(timer);
        request.signal?.removeEventListener('abort', onCancel);
      });
  }

  /** Any answer with a Date header is a reading of this machine's clock, an error's too. */
  private readClock(response: AxiosResponse<string>, sentAt: number, receivedAt: number): void {
    const onClock = this.options.onClock;
    const date = response.headers?.date;
    if (!onClock || typeof date !== 'string') return;
    const reading = httpDateReading(this.service, date, sentAt, receivedAt);
    if (!reading) return;
    try {
      onClock(reading);
    } catch {
      // A listener's fault is not the request's.
    }
  }

  private body<T>(text: string, request: HttpRequest, status: number): T {
    if (request.json === false) return text as T;
    if (text === '' || status === 204) return undefined as T;
    try {
      return JSON.parse(text) as T;
    } catch {
      throw new HttpError(`${this.service} sent a reply that is not complete JSON (${status}, ${text.length} bytes)`, 'bad_body', status);
    }
  }

  private describe(error: unknown, signal: AbortSignal | undefined): HttpError {
    if (error instanceof HttpError) return error;
    if (signal?.aborted) return new HttpError(`${this.service}: cancelled`, 'cancelled');
    const e = error as AxiosError & { cause?: unknown };
    if (axios.isCancel(error) || e.code === 'ERR_CANCELED') {
      return new HttpError(`${this.service} did not answer within ${Math.round(this.timeoutMs / 1000)} s`, 'timeout');
    }
    if (/maxContentLength/.test(e.message ?? '')) {
      return new HttpError(
        `${this.service} sent more than ${Math.round(this.maxBytes / 1024 / 1024)} MB; the reply was dropped`,
        'too_large',
      );
    }
    if (e.code === 'ECONNREFUSED') return new HttpError(`${this.service} refused the connection`, 'network');
    if (e.code === 'ECONNRESET' || e.code === 'ERR_BAD_RESPONSE' || e.code === 'EPIPE') {
      return new HttpError(`${this.service} closed the connection before answering`, 'network');
    }
    if (e.code === 'ENOTFOUND' || e.code === 'EAI_AGAIN')
      return new HttpError(`${this.service}: its host name does not resolve`, 'network');
    return new HttpError(`${this.service} could not be reached (${e.code ?? 'network error'})`, 'network');
  }

  /** Full jitter under an exponential cap; a server's own wait wins when it is longer. */
  private backoff(attempt: number, serverWaitMs?: number): number {
    const jittered = this.random() * Math.min(this.maxDelayMs, this.baseDelayMs * 2 ** attempt);
    return Math.min(this.maxDelayMs, Math.max(jittered, serverWaitMs ?? 0));
  }
}

/** A plain-words error for a status; the body is quoted only when it is short text (Slack's `invalid_payload`). */
export function statusError(service: string, status: number, body: string): HttpError {
  // Only an error code (Slack's invalid_payload): free text could echo the key back.
  const said = /^[a-z_]{1,40}$/.test(body.trim()) ? `: ${body.trim()}` : '';
  if (status === 401) return new HttpError(`${service} rejected the API key (401)`, 'auth', status);
  if (status === 403) return new HttpError(`${service} refused this key access (403)`, 'forbidden', status);
  if (status === 404) return new HttpError(`${service} has no such resource (404)`, 'not_found', status);
  if (status === 429) return new HttpError(`${service} is limiting the request rate (429)`, 'rate_limited', status);
  if (status >= 500) return new HttpError(`${service} had a server error (${status})`, 'server', status);
  return new HttpError(`${service} rejected the request (${status})${said}`, 'rejected', status);
}

/** Retry-After (seconds or an HTTP date) or PagerDuty's ratelimit-reset (seconds), in ms. */
export function waitFromHeaders(headers: Readonly<Record<string, string>>, now = Date.now()): number | undefined {
  const retryAfter = headers['retry-after'];
  if (retryAfter !== undefined) {
    const seconds = Number(retryAfter);
    if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
    const date = Date.parse(retryAfter);
    if (!Number.isNaN(date)) return Math.max(0, date - now);
  }
  const reset = Number(headers['ratelimit-reset']);
  return Number.isFinite(reset) && reset >= 0 ? reset * 1000 : undefined;
}

function flatHeaders(headers: AxiosResponse['headers']): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(headers ?? {})) {
    if (typeof value === 'string' || typeof value === 'number') out[key.toLowerCase()] = String(value);
  }
  return out;
}

function hostOf(url: string, service: string): string {
  try {
    return new URL(url).host;
  } catch {
    throw new HttpError(`${service}: the configured address is not a URL`, 'rejected');
  }
}

function throwIfCancelled(signal: AbortSignal | undefined, service: string): void {
  if (signal?.aborted) throw new HttpError(`${service}: cancelled`, 'cancelled');
}

/** Waits `ms`, or rejects as cancelled when `signal` aborts first. */
export function sleep(ms: number, signal: AbortSignal | undefined, service: string): Promise<void> {
  return new Promise((resolve, reject) => {
    throwIfCancelled(signal, service);
    const done = () => {
      signal?.removeEventListener('abort', cancel);
      resolve();
    };
    const timer = setTimeout(done, ms);
    const cancel = () => {
      clearTimeout(timer);
      reject(new HttpError(`${service}: cancelled`, 'cancelled'));
    };
    signal?.addEventListener('abort', cancel, { once: true });
  });
}

/**
 * Collects every page: `fetchPage(offset)` returns a page's items, how many the server sent (when
 * some were skipped, so the next offset is the server's, not ours) and whether there are more
 * (PagerDuty's `more`, Opsgenie's `paging.next`). Stops at `maxItems` so a server that always
 * says "more" cannot loop forever.
 */
export async function collectPages<T>(
  fetchPage: (offset: number) => Promise<{ items: readonly T[]; more: boolean; sent?: number }>,
  maxItems = 10_000,
): Promise<T[]> {
  const out: T[] = [];
  let offset = 0;
  for (;;) {
    const page = await fetchPage(offset);
    out.push(...page.items);
    const sent = page.sent ?? page.items.length;
    offset += sent;
    if (!page.more || sent === 0 || offset >= maxItems) return out;
  }
}
