// updates.internalsHostile: the customer update's internal-names check (findInternals, run on every
// edit and every chunk of an AI draft) on the slowest of four 80,000-character runs of name
// characters, hyphenated, dotted, slashed or numbered. Each pattern starts once per run (the
// lookbehinds); started again at every boundary inside the run it took 4.7 s.
import { findInternals } from '../src/core/stakeholderUpdates';
import { medianMs, report } from './measure';

async function main(): Promise<void> {
  const runs = ['a-'.repeat(40_000), 'a.'.repeat(40_000), 'a/'.repeat(40_000), 'a-1'.repeat(20_000)];
  let slowest = { ms: -1, run: '' };
  for (const text of runs) {
    const ms = await medianMs(() => findInternals(text), 9, 2);
    if (ms > slowest.ms) slowest = { ms, run: text.slice(0, 6) };
  }
  report({ bench: 'updates.internalsHostile', value: slowest.ms, unit: 'ms', chars: 80_000, runs: runs.length, slowest: slowest.run });
}

main().catch((error) => {
  process.stderr.write(`${(error as Error).stack}\n`);
  process.exit(1);
});
