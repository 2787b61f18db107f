// One place that knows every process the harness started, so that a failing test, a timeout, an
// uncaught error or Ctrl+C never leaves code-server, its extension host or chromium running.
interface Resource {
  /** Ends the resource and waits for it; idempotent. */
  readonly release: () => Promise<void>;
  /** Last resort on process 'exit', where nothing can be awaited. */
  readonly releaseSync: () => void;
}

const pending = new Set<Resource>();
let hooked = false;

function hookProcess(): void {
  if (hooked) return;
  hooked = true;
  process.on('exit', () => {
    for (const r of pending) r.releaseSync();
  });
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(signal, () => {
      void releaseAll().finally(() => process.exit(130));
    });
  }
}

/** Registers a resource; returns the function that releases it (idempotent) and forgets it. */
export function registerCleanup(release: () => Promise<void>, releaseSync: () => void): () => Promise<void> {
  hookProcess();
  let done: Promise<void> | undefined;
  const resource: Resource = {
    release: () => {
      done ??= release().finally(() => pending.delete(resource));
      return done;
    },
    releaseSync,
  };
  pending.add(resource);
  return resource.release;
}

export async function releaseAll(): Promise<void> {
  await Promise.allSettled([...pending].map((r) => r.release()));
}
