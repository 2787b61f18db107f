// What every panel protocol shares: the result of validating a webview message, the reply to a
// request, and small field checks. A webview is untrusted input (its page renders text imported
// from outside), so the extension acts only on messages that pass a `parse…Message` function.

export type Parsed<T> =
  | { readonly message: T; readonly reason?: undefined }
  | { readonly message?: undefined; readonly reason: string };

export const accept = <T>(message: T): Parsed<T> => ({ message });
export const reject = (reason: string): { readonly message?: undefined; readonly reason: string } => ({ reason });

/** The extension's answer to a webview message that carried a `requestId`. */
export interface ReplyMessage {
  readonly type: 'reply';
  readonly requestId: string;
  readonly ok: boolean;
  /** Plain-language outcome or error for the panel to show. */
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

/** Free text a responder typed: non-empty, bounded, no NUL. */
export const isUserText = (max: number) => (v: unknown): v is string =>
  typeof v === 'string' && v.trim().length > 0 && v.length <= max && !v.includes('\u0000');

/** A person's name or handle: one line, bounded. */
export const isPerson = (v: unknown): v is string =>
  typeof v === 'string' && v.trim().length > 0 && v.length <= 200 && !/[\u0000-\u001f\u007f]/.test(v);

export const isEventId = (v: unknown): v is string =>
  typeof v === 'string' && v.length > 0 && v.length <= 200 && !/[\u0000-\u001f]/.test(v);

/**
 * Checks the named fields of a message and that no others are present. Unknown fields are refused
 * rather than ignored so that a mismatch between webview and extension builds shows up at once.
 */
export function checkFields(fields: Fields, checks: Readonly<Record<string, (v: unknown) => boolean>>, optional: readonly string[] = []): string | undefined {
  for (const key of Object.keys(fields)) {
    if (key !== 'type' && !(key in checks)) {
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
