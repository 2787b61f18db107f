// Runs the adversarial corpus in a worker thread, so a regression that hangs a parser fails the
// test (the test's timer terminates the worker) instead of freezing mocha. Posts each case's
// name before running it and its time after: {start} / {done, ms}, then {finished}.
import { parentPort, workerData } from 'node:worker_threads';
import { performance } from 'node:perf_hooks';
import { adversarialCases } from './adversarial';

const only: string[] | undefined = workerData?.only;
for (const c of adversarialCases()) {
  if (only && !only.includes(c.name)) {
    continue;
  }
  parentPort?.postMessage({ start: c.name });
  const t = performance.now();
  c.run();
  parentPort?.postMessage({ done: c.name, ms: performance.now() - t });
}
parentPort?.postMessage({ finished: true });
