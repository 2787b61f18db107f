// A loopback HTTP server standing in for PagerDuty, Opsgenie, Slack and Statuspage: it answers with
// captured payloads, or with one of the faults a real service has been seen to give.
import * as http from 'node:http';
import { AddressInfo } from 'node:net';

export const FAULTS = ['401', '403', '404', '429', '500', '502-html', 'timeout', 'reset', 'truncated', '10mb', 'drip'] as const;
export type Fault = (typeof FAULTS)[number];

export interface Received {
  readonly method: string;
  readonly url: string;
  readonly headers: http.IncomingHttpHeaders;
  readonly body: string;
}

export type Handler = (request: Received, res: http.ServerResponse) => void;

export interface LoopbackServer {
  readonly url: string;
  readonly received: Received[];
  /** Replaces the handler (e.g. a fault, then recovery). */
  handle(handler: Handler): void;
  close(): Promise<void>;
}

export async function startLoopback(handler: Handler): Promise<LoopbackServer> {
  let current = handler;
  const received: Received[] = [];
  const sockets = new Set<import('node:net').Socket>();
  const server = http.createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => {
      const request = { method: req.method ?? 'GET', url: req.url ?? '/', headers: req.headers, body };
      received.push(request);
      current(request, res);
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    handle: (next) => {
      current = next;
    },
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export function json(res: http.ServerResponse, status: number, value: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(value);
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

/** Answers with a fault; `drip` sends a valid body one byte every 200 ms. */
export function fault(kind: Fault, res: http.ServerResponse, good: unknown = { ok: true }): void {
  switch (kind) {
    case '401':
    case '403':
    case '404':
    case '500':
      json(res, Number(kind), { error: { message: 'fault', code: Number(kind) } });
      return;
    case '429':
      json(res, 429, { error: { message: 'Rate Limit Exceeded' } }, { 'Retry-After': '1' });
      return;
    case '502-html':
      res.writeHead(502, { 'Content-Type': 'text/html' });
      res.end('<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center></body></html>');
      return;
    case 'timeout':
      return; // never answers
    case 'reset':
      res.socket?.destroy();
      return;
    case 'truncated': {
      const text = JSON.stringify(good);
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(text.slice(0, Math.floor(text.length / 2)));
      return;
    }
    case '10mb': {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      const chunk = 'x'.repeat(64 * 1024);
      res.write('{"padding":"');
      let sent = 0;
      const more = () => {
        while (sent < 10 * 1024 * 1024) {
          sent += chunk.length;
          if (!res.write(chunk)) {
            res.once('drain', more);
            return;
          }
        }
        res.end('"}');
      };
      res.on('error', () => undefined);
      more();
      return;
    }
    case 'drip': {
      const text = JSON.stringify(good);
      res.writeHead(200, { 'Content-Type': 'application/json' });
      let i = 0;
      const timer = setInterval(() => {
        if (res.destroyed || i >= text.length) {
          clearInterval(timer);
          if (!res.destroyed) res.end();
          return;
        }
        res.write(text[i++]);
      }, 200);
      res.on('close', () => clearInterval(timer));
      return;
    }
  }
}
