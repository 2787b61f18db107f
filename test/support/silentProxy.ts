// A loopback TCP proxy in front of a server whose connections can go silent: from `silence()` on,
// the connections open then forward nothing either way and answer nothing, not even a FIN, as when
// the network drops without a reset (a VPN going down, a laptop asleep, a NAT forgetting the flow).
// Connections made afterwards forward again, as once the network is back.
import * as net from 'node:net';

export class SilentProxy {
  private readonly open = new Set<net.Socket>();
  private readonly silent = new WeakSet<net.Socket>();
  /** Bytes the silent connections swallowed: a query sent into the silence. */
  swallowed = 0;
  private nextForwards: number | undefined;

  private constructor(private readonly server: net.Server) {}

  static async start(targetPort: number): Promise<SilentProxy> {
    const server = net.createServer({ allowHalfOpen: true });
    const proxy = new SilentProxy(server);
    server.on('connection', (client) => {
      const upstream = net.connect({ port: targetPort, host: '127.0.0.1', allowHalfOpen: true });
      const forwardFirst = proxy.nextForwards;
      proxy.nextForwards = undefined;
      let sent = 0;
      const pairs: [net.Socket, net.Socket][] = [
        [client, upstream],
        [upstream, client],
      ];
      for (const [from, to] of pairs) {
        proxy.open.add(from);
        from.on('error', () => undefined);
        from.on('close', () => proxy.open.delete(from));
        from.on('data', (data: Buffer) => {
          if (from === client && forwardFirst !== undefined && ++sent > forwardFirst) {
            proxy.silent.add(client);
            proxy.silent.add(upstream);
          }
          if (proxy.silent.has(from)) proxy.swallowed += data.length;
          else to.write(data);
        });
        from.on('end', () => {
          if (!proxy.silent.has(from)) to.end();
        });
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return proxy;
  }

  /** `url` (a postgres:// URL to the target) through this proxy. */
  url(url: string): string {
    const through = new URL(url);
    through.port = String((this.server.address() as net.AddressInfo).port);
    return through.toString();
  }

  /**
   * The next connection forwards the client's first `chunks` writes (and the server's answers to
   * them), then goes silent: with 1, the server's greeting is answered and the first query is not.
   */
  silenceNextAfter(chunks: number): void {
    this.nextForwards = chunks;
  }

  /** Every connection open now goes silent. */
  silence(): void {
    for (const socket of this.open) this.silent.add(socket);
  }

  async dispose(): Promise<void> {
    for (const socket of this.open) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
