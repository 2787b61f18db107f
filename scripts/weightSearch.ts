// node out/scripts/weightSearch.js DIR [--sweeps=N]: search the ranking's weights (all but time) on
// the judge's dumps (npm run judge -- --dump=DIR ...), leave-one-repository-out, and print what each
// fold chose and how the repository it left out fared, then the fit on every repository. A weight
// is worth keeping when the folds agree on it and the held-out repositories gain (docs/judge.md,
// ninth round). Minutes, not hours: each weight vector is ranked once over all dumps.

import { RANK_WEIGHTS, RankWeights } from '../src/core/correlation/weights';
import { loadDumps, LoadedDump, rescoreDump } from './judge/dump';
import { coordinateSearch, defaultKnobs, describeWeights, leaveOneRepositoryOut, memoized, RepoRecall } from './judge/search';

function recallOf(dumps: readonly LoadedDump[], weights: RankWeights): RepoRecall[] {
  const byKey = new Map<string, { repo: string; mode: string; pairs: number; at1: number; at3: number; at5: number }>();
  for (const loaded of dumps) {
    const { outcome } = rescoreDump(loaded, weights);
    const k = `${loaded.dump.repo}\u0000${loaded.dump.mode}`;
    const r = byKey.get(k) ?? { repo: loaded.dump.repo, mode: loaded.dump.mode, pairs: 0, at1: 0, at3: 0, at5: 0 };
    if (!('skipped' in outcome)) {
      const rank = 'rank' in outcome ? outcome.rank : Infinity;
      r.pairs++;
      r.at1 += rank <= 1 ? 1 : 0;
      r.at3 += rank <= 3 ? 1 : 0;
      r.at5 += rank <= 5 ? 1 : 0;
    }
    byKey.set(k, r);
  }
  return [...byKey.values()].sort((a, b) => (a.repo + a.mode < b.repo + b.mode ? -1 : 1));
}

const at3 = (list: readonly RepoRecall[], mode: string) => list.filter((r) => r.mode === mode).reduce((n, r) => n + r.at3, 0);

function main(): void {
  const dir = process.argv[2];
  if (!dir) {
    process.stderr.write('usage: node out/scripts/weightSearch.js DIR [--sweeps=N]\n');
    process.exit(2);
  }
  const sweeps = Number(process.argv.find((a) => a.startsWith('--sweeps='))?.slice('--sweeps='.length) ?? 3);
  const dumps = loadDumps(dir);
  const evaluate = memoized((w) => recallOf(dumps, w));
  const knobs = defaultKnobs(RANK_WEIGHTS);
  const modes = ['no hints', 'service hint'];
  const totals = { before: [0, 0], after: [0, 0] };
  process.stdout.write('leave one repository out (fit on the others, score the one left out; recall@3 in pairs):\n');
  for (const fold of leaveOneRepositoryOut(evaluate, knobs, RANK_WEIGHTS, sweeps)) {
    const cells = modes.map((m, i) => {
      const b = at3(fold.before, m);
      const a = at3(fold.after, m);
      totals.before[i] += b;
      totals.after[i] += a;
      return `${m} ${b} -> ${a}`;
    });
    process.stdout.write(`  ${fold.heldOut.padEnd(40)} ${cells.join('   ')}   chose: ${describeWeights(fold.weights, RANK_WEIGHTS)}\n`);
  }
  process.stdout.write(
    `  held out in turn, all repositories: ${modes.map((m, i) => `${m} ${totals.before[i]} -> ${totals.after[i]}`).join('   ')}\n`,
  );
  const all = coordinateSearch(evaluate, knobs, RANK_WEIGHTS, new Set(dumps.map((d) => d.dump.repo)), sweeps);
  const base = evaluate(RANK_WEIGHTS);
  process.stdout.write(
    `fit on every repository: ${describeWeights(all.weights, RANK_WEIGHTS)}; ${modes
      .map((m) => `${m} ${at3(base, m)} -> ${at3(all.recall, m)}`)
      .join('   ')} (fitted, so not evidence on its own)\n`,
  );
}

main();
