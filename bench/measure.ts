// Benchmarks print one JSON line per figure: {"bench":"<name>","value":<number>,"unit":"ms"}.
// Figures are the median of several runs after warm-up; nothing here asserts a limit.

import { performance } from 'node:perf_hooks';

export interface Figure {
  readonly bench: string;
  readonly value: number;
  readonly unit: string;
  readonly [extra: string]: unknown;
}

// `npm run bench | head`: once the reader has gone the figures have nowhere to go. Writing on would
// die of an unhandled EPIPE and skip the benches' clean-up (their temp folders); they stop printing
// and finish instead.
let readerGone = false;
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') {
    throw error;
  }
  readerGone = true;
});

export function report(figure: Figure): void {
  if (!readerGone) {
    process.stdout.write(JSON.stringify(figure) + '\n');
  }
}

export async function medianMs(fn: () => unknown | Promise<unknown>, runs = 15, warmup = 3): Promise<number> {
  for (let i = 0; i < warmup; i++) {
    await fn();
  }
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await fn();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return round(times[Math.floor(times.length / 2)]);
}

export function round(value: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}
