// Shared by the team sync tests and benches: a workspace's store with one incident, and waiting
// (on the client's own events, never on time) until a store holds what a test expects.
import { FileIncidentStore } from '../../src/adapters/store/fileStore';
import { SyncClient, SyncClientOptions } from '../../src/adapters/sync';
import { SyncStatus } from '../../src/core/sync';

export const DECLARATION = {
  type: 'declared' as const,
  title: 'Checkout returns 500',
  severity: 'SEV2' as const,
  urgency: 'high' as const,
  service: 'checkout',
  startedAt: '2026-11-22T23:00:00.000Z',
  detectedAt: '2026-11-22T23:01:00.000Z',
};

/** A client whose received batches and status changes can be awaited. */
export class WatchedClient {
  readonly client: SyncClient;
  readonly statuses: SyncStatus[] = [];
  readonly problems: string[] = [];
  private waiters: (() => void)[] = [];

  constructor(
    readonly store: FileIncidentStore,
    url: string,
    options: Partial<SyncClientOptions> = {},
  ) {
    this.client = new SyncClient({
      url,
      store,
      ...options,
      onStatus: (s) => {
        this.statuses.push(s);
        this.wake();
      },
      onReceived: () => this.wake(),
      onProblem: (p) => this.problems.push(p),
    });
  }

  private wake(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w();
  }

  /** Resolves once `check` holds, re-checked after every received batch and status change. */
  async until(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 60_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!(await check())) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; statuses: ${JSON.stringify(this.statuses.slice(-3))}`);
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        // The store may also grow by another path (a local append): look again on the next event or soon.
        setTimeout(resolve, 250);
      });
    }
  }

  untilLive(timeoutMs?: number): Promise<void> {
    return this.until(() => this.client.status.kind === 'live', 'live', timeoutMs);
  }
}

/** Every event id in an incident's file, duplicates included, and the load problems. */
export async function fileIds(store: FileIncidentStore, incidentId: string): Promise<{ ids: string[]; problems: number }> {
  const fs = await import('node:fs');
  const text = fs.existsSync(store.eventsFile(incidentId)) ? fs.readFileSync(store.eventsFile(incidentId), 'utf8') : '';
  const lines = text.split('\n').filter((l) => l.trim());
  const loaded = await store.load(incidentId);
  return { ids: lines.map((l) => (JSON.parse(l) as { id: string }).id), problems: loaded?.problems.length ?? 0 };
}
