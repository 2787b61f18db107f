// The page's side of the panel protocol, written once for every panel: requests whose promise
// settles with the extension's typed reply, typed handlers per message from the extension, and
// every such message checked (`parse…HostMessage`) before a handler sees it. No timeouts: a reply
// that never comes leaves the request waiting, and the panel's "Saving…" status says so.

import {
  Outcome,
  Parsed,
  ReplyMessage,
  RequestMessage,
  RequestParams,
  RequestType,
  ResultChecks,
  ResultTable,
} from '../../../src/protocol/common';

/** Where messages to the extension go: the VS Code API's postMessage. */
export interface HostPort<In> {
  postMessage(message: In): void;
}

/** Where the extension's messages arrive: the page's window. */
export interface MessageSource {
  addEventListener(type: 'message', listener: (event: { readonly data: unknown }) => void): void;
}

let counter = 0;

/** Request ids only need to be unique within this page, and match the protocol's pattern. */
export function newRequestId(): string {
  counter += 1;
  return `r${Date.now().toString(36)}-${counter}`;
}

/** A request's outcome for a status line: the extension's words, or what failed and why. */
export function outcomeText(what: string, outcome: Outcome<{ readonly detail?: string }>, done = 'Done.'): string {
  return outcome.ok ? (outcome.result.detail ?? done) : `${what} failed: ${outcome.detail || 'unknown error'}`;
}

export interface HostChannelOptions<Out, Results> {
  readonly parse: (value: unknown) => Parsed<Out | ReplyMessage>;
  readonly results: ResultChecks<Results>;
  /** A message that failed its check; by default a console warning (the webview's developer tools). */
  readonly dropped?: (reason: string) => void;
}

type Pending = { readonly check: (v: unknown) => boolean; readonly settle: (outcome: Outcome<unknown>) => void };
type Handler = (message: never) => void;

export class HostChannel<In extends { readonly type: string }, Out extends { readonly type: string }, Results extends ResultTable<In>> {
  private readonly pending = new Map<string, Pending>();
  private readonly handlers = new Map<string, Handler>();

  constructor(
    private readonly port: HostPort<In>,
    source: MessageSource,
    private readonly options: HostChannelOptions<Out, Results>,
  ) {
    source.addEventListener('message', (event) => this.receive(event.data));
  }

  /** A message that expects no answer (`ready`, a jump). */
  post(message: Exclude<In, RequestMessage>): void {
    this.port.postMessage(message);
  }

  /** Sends a request; the promise settles with the extension's reply and never rejects. */
  request<T extends RequestType<In>>(type: T, params: RequestParams<In, T>): Promise<Outcome<Results[T]>> {
    const requestId = newRequestId();
    return new Promise((resolve) => {
      this.pending.set(requestId, { check: this.options.results[type], settle: resolve as (outcome: Outcome<unknown>) => void });
      this.port.postMessage({ ...params, type, requestId } as unknown as In);
    });
  }

  /** The one handler for a type of message from the extension (a later call replaces it). */
  on<T extends Out['type']>(type: T, handler: (message: Extract<Out, { readonly type: T }>) => void): void {
    this.handlers.set(type, handler as Handler);
  }

  /** Requests sent and not answered yet. */
  get waiting(): number {
    return this.pending.size;
  }

  private receive(data: unknown): void {
    const parsed = this.options.parse(data);
    if (parsed.reason !== undefined) {
      this.drop(parsed.reason);
      return;
    }
    const message = parsed.message;
    if (message.type === 'reply') {
      this.settle(message as ReplyMessage);
      return;
    }
    (this.handlers.get(message.type) as ((m: Out) => void) | undefined)?.(message as Out);
  }

  private settle(reply: ReplyMessage): void {
    const request = this.pending.get(reply.requestId);
    if (!request) {
      this.drop(`reply to no request of this page (${reply.requestId})`);
      return;
    }
    this.pending.delete(reply.requestId);
    if (reply.ok && !request.check(reply.result)) {
      // Answered, but not with what this page understands (a mismatched build): say so rather than guess.
      this.drop('reply: unexpected result');
      request.settle({ ok: false, detail: 'the extension sent a reply this panel does not understand; reload the panel' });
      return;
    }
    request.settle(reply);
  }

  private drop(reason: string): void {
    (this.options.dropped ?? ((r) => console.warn(`War Room: dropped a message from the extension: ${r}`)))(reason);
  }
}
