// What every panel protocol shares: the result of validating a webview message, the reply to a
// request, and small field checks. A webview is untrusted input (its page renders text imported
// from outside), so the extension acts only on messages that pass a `parse…Message` function.

export type Parsed<T> = { readonly message: T; readonly reason?: undefined } | { readonly message?: undefined; readonly reason: string };

export const accept = <T>(message: T): Parsed<T> => ({ message });
export const reject = (reason: string): { readonly message?: undefined; readonly reason: string } => ({ reason });

/** A webview message that asks for an answer: the extension replies with the same `requestId`. */
export interface RequestMessage {
  readonly type: string;
  readonly requestId: string;
}

/** The types of a panel's requests (its messages that carry a `requestId`). */
export type RequestType<In> = Extract<In, RequestMessage>['type'];

/** What a request's sender fills in: the message without its `type` and `requestId`. */
export type RequestParams<In, T> = Omit<Extract<In, { readonly type: T }>, 'type' | 'requestId'>;

/**
 * The result each request of a panel is answered with, by request type (GitLens's
 * `IpcRequest<Params, Response>`: the message is the params, this table the response).
 */
export type ResultTable<In> = { readonly [T in RequestType<In>]: unknown };

/** How a request ended: its typed result, or why it failed in plain language for the panel to show. */
export type Outcome<R> = { readonly ok: true; readonly result: R } | { readonly ok: false; readonly detail: string };

/** The extension's answer to a request. */
export type ReplyMessage<R = unknown> = { readonly type: 'reply'; readonly requestId: string } & Outcome<R>;

/** The result of a request that changes something: what happened, for the panel's status line. */
export interface Done {
  readonly detail?: string;
}

/** Sent first by every panel once its listeners are wired; `version` is the state it painted. */
export interface ReadyMessage {
  readonly type: 'ready';
  readonly version: number;
}

export type Fields = Readonly<Record<string, unknown>>;

/** The message as an object with a string `type`, or why it is not one. */
export function envelope(value: unknown): { fields: Fields; type: string } | { reason: string } {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { reason: 'message is not an object' };
  }
  const fields = value as Fields;
  if (typeof fields.type !== 'string') {
    return { reason: 'message has no string "type"' };
  }
  return { fields, type: fields.type };
}

export const isRequestId = (v: unknown): v is string => typeof v === 'string' && /^[A-Za-z0-9_-]{1,64}$/.test(v);

export const isVersion = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0;

/**
 * The request a message names, when it names a usable one (isRequestId): a message as the page sent
 * it, checked or not. Undefined for anything else (no object, no id, an id no reply may carry).
 */
export function requestIdOf(message: unknown): string | undefined {
  if (typeof message !== 'object' || message === null || Array.isArray(message)) {
    return undefined;
  }
  const requestId = (message as { requestId?: unknown }).requestId;
  return isRequestId(requestId) ? requestId : undefined;
}

/**
 * The answer to a message that failed its checks but names a request the page waits on (a usable
 * `requestId`); undefined when there is none to answer. Without it the page would wait for ever.
 */
export function malformedReply(raw: unknown, reason: string): ReplyMessage | undefined {
  const requestId = requestIdOf(raw);
  return requestId !== undefined
    ? { type: 'reply', requestId, ok: false, detail: `Nothing was changed: War Room could not read this request (${reason}).` }
    : undefined;
}

/** Free text a responder typed: non-empty, bounded, no NUL. */
export const isUserText =
  (max: number) =>
  (v: unknown): v is string =>
    typeof v === 'string' && v.trim().length > 0 && v.length <= max && !v.includes('\u0000');

/** A person's name or handle: one line, bounded. */
export const isPerson = (v: unknown): v is string =>
  typeof v === 'string' && v.trim().length > 0 && v.length <= 200 && !/[\u0000-\u001f\u007f]/.test(v);

/** The same rule the store reads events with, so every row a panel shows can be named in a message. */
export { isEventId } from '../core/events';

/**
 * Checks the named fields of a message and that no others are present. Unknown fields are refused
 * rather than ignored so that a mismatch between webview and extension builds shows up at once.
 */
export function checkFields(
  fields: Fields,
  checks: Readonly<Record<string, (v: unknown) => boolean>>,
  optional: readonly string[] = [],
): string | undefined {
  for (const key of Object.keys(fields)) {
    // Own keys only: `constructor` or `toString` is in every object, and no field of any message.
    if (key !== 'type' && !Object.hasOwn(checks, key)) {
      return `unexpected field "${key}"`;
    }
  }
  for (const [key, ok] of Object.entries(checks)) {
    if (fields[key] === undefined && optional.includes(key)) {
      continue;
    }
    if (!ok(fields[key])) {
      return `bad or missing field "${key}"`;
    }
  }
  return undefined;
}

type Check = (v: unknown) => boolean;

/** One check per field of a message type (all of them: the compiler refuses a missing one). */
export type FieldChecks<M> = { readonly [K in Exclude<keyof M, 'type'>]-?: Check };

export type ParserTable<M extends { readonly type: string }> = {
  readonly [T in M['type']]: {
    readonly checks: FieldChecks<Extract<M, { readonly type: T }>>;
    readonly optional?: readonly Exclude<keyof Extract<M, { readonly type: T }>, 'type'>[];
  };
};

/**
 * Builds a `parse…Message` function from one field table per message type. The cast at the end
 * is safe because the table has a check for every field of the type and all of them passed.
 */
export function messageParser<M extends { readonly type: string }>(table: ParserTable<M>): (value: unknown) => Parsed<M> {
  const types = table as unknown as Readonly<Record<string, { checks: Readonly<Record<string, Check>>; optional?: readonly string[] }>>;
  return (value) => {
    const env = envelope(value);
    if ('reason' in env) {
      return reject(env.reason);
    }
    const spec = Object.prototype.hasOwnProperty.call(types, env.type) ? types[env.type] : undefined;
    if (!spec) {
      return reject(`unknown message type "${env.type.slice(0, 40)}"`);
    }
    const problem = checkFields(env.fields, spec.checks, spec.optional);
    return problem ? reject(`${env.type}: ${problem}`) : accept(env.fields as unknown as M);
  };
}

export const isObject = (v: unknown): v is Fields => typeof v === 'object' && v !== null && !Array.isArray(v);
const isString = (v: unknown): v is string => typeof v === 'string';

/** The webview's check of a `Done` result: an object with at most a string `detail`. */
export const isDone = (v: unknown): v is Done => isObject(v) && checkFields(v, { detail: isString }, ['detail']) === undefined;

/** One check per request type of the result its reply carries, run by the webview before it trusts one. */
export type ResultChecks<Results> = { readonly [K in keyof Results]: (v: unknown) => v is Results[K] };

/**
 * A reply's envelope: the id, and a failure's detail. The result is checked by whoever knows which
 * request the id belongs to (the webview's channel, with `ResultChecks`).
 */
function parseReply(fields: Fields): Parsed<ReplyMessage> {
  const problem =
    fields.ok === true
      ? checkFields(fields, { requestId: isRequestId, ok: () => true, result: (v) => v !== undefined })
      : checkFields(fields, { requestId: isRequestId, ok: (v) => v === false, detail: isString });
  return problem ? reject(`reply: ${problem}`) : accept(fields as unknown as ReplyMessage);
}

/**
 * Builds the webview's `parse…HostMessage`: replies by their envelope, every other message from the
 * extension by its field table. The extension is trusted, so this guards against a stale or mismatched
 * page rather than an attacker, and is cheap: a state is checked by its shape, not row by row.
 */
export function hostMessageParser<Out extends { readonly type: string }>(
  table: ParserTable<Out>,
): (value: unknown) => Parsed<Out | ReplyMessage> {
  const parseOther = messageParser<Out>(table);
  return (value) => {
    const env = envelope(value);
    return 'type' in env && env.type === 'reply' ? parseReply(env.fields) : parseOther(value);
  };
}
