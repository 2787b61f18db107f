// parse.adversarial: the slowest input of the adversarial corpus (test/support/adversarial.ts),
// in ms (goal <= 50). Every case is timed once, then the ten slowest again as a median of five,
// so one garbage collection does not name the worst input.

import { performance } from 'node:perf_hooks';
import { adversarialCases } from '../test/support/adversarial';
import { medianMs, report } from './measure';

async function main(): Promise<void> {
  const cases = adversarialCases();
  const once = cases.map((c) => {
    const start = performance.now();
    c.run();
    return { c, ms: performance.now() - start };
  });
  once.sort((a, b) => b.ms - a.ms);
  let worst = { name: '', ms: -1 };
  for (const { c } of once.slice(0, 10)) {
    const ms = await medianMs(c.run, 5, 1);
    if (ms > worst.ms) {
      worst = { name: c.name, ms };
    }
  }
  report({ bench: 'parse.adversarial', value: worst.ms, unit: 'ms', worst: worst.name, inputs: cases.length, target: 50 });
}

main().catch((error) => {
  process.stderr.write(`${(error as Error).stack}\n`);
  process.exit(1);
});
