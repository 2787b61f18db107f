// node out/scripts/rescore.js DIR: rank the correlations the judge dumped (npm run judge --
// --dump=DIR ...) again with today's rankSuspects and print recall per repository and mode, as the
// judge would. Milliseconds per pair instead of seconds of git, so weights can be tried quickly;
// the judge itself confirms what is kept (docs/judge.md).

import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadDumps, rescoreDump } from './judge/dump';
import { Outcome, summarize } from './judge/recall';
import { parseSets, setLine, setRows } from './judge/sets';

function main(): void {
  const dir = process.argv[2];
  if (!dir) {
    process.stderr.write('usage: node out/scripts/rescore.js DIR [--ranks] [--set=NAME:owner/name,owner/name ...]\n');
    process.exit(2);
  }
  let sets: ReturnType<typeof parseSets>;
  try {
    sets = parseSets(process.argv.slice(3)); // as the judge does: a mistyped set is refused, not a stack trace
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    process.exit(2);
  }
  const emit = process.argv.find((a) => a.startsWith('--emit='))?.slice('--emit='.length);
  const byKey = new Map<string, { outcome: Outcome; revert: string }[]>();
  for (const loaded of loadDumps(dir)) {
    const { dump, file } = loaded;
    const { ranking, outcome } = rescoreDump(loaded);
    if (emit) {
      // every candidate as ranked, for looking at what separates culprits from the rest
      const commits = loaded.input.commits;
      const out = {
        ...dump,
        commits: undefined,
        deploys: undefined,
        ranked: ranking.commits.map((c) => ({
          ...c,
          parents: commits.get(c.sha)?.parents,
          body: commits.get(c.sha)?.body,
          authorEmail: commits.get(c.sha)?.authorEmail,
        })),
      };
      fs.mkdirSync(emit, { recursive: true });
      fs.writeFileSync(path.join(emit, file), JSON.stringify(out));
    }
    const key = `${dump.repo}  ${dump.mode}`;
    byKey.set(key, [...(byKey.get(key) ?? []), { outcome, revert: dump.startedAt }]);
  }

  const all = new Map<string, Outcome[]>();
  for (const [key, list] of [...byKey].sort()) {
    list.sort((a, b) => (a.revert < b.revert ? -1 : 1));
    const s = summarize(list.map((l) => l.outcome));
    const ranks = list.map((l) => ('rank' in l.outcome ? l.outcome.rank : 'x')).join(' ');
    process.stdout.write(
      `${key.padEnd(36)} pairs ${s.pairs}  @1 ${s.at1}  @3 ${s.at3}  @5 ${s.at5}  (commits @3 ${s.commits?.at3})  misses ${s.misses}${process.argv.includes('--ranks') ? `  ranks ${ranks}` : ''}\n`,
    );
    const mode = key.split('  ')[1];
    all.set(mode, [...(all.get(mode) ?? []), ...list.map((l) => l.outcome)]);
  }
  for (const [mode, outcomes] of all) {
    const s = summarize(outcomes);
    process.stdout.write(
      `${`overall  ${mode}`.padEnd(36)} pairs ${s.pairs}  @1 ${s.at1}  @3 ${s.at3}  @5 ${s.at5}  (commits @1 ${s.commits?.at1} @3 ${s.commits?.at3} @5 ${s.commits?.at5})\n`,
    );
  }
  const judged = [...byKey].flatMap(([key, list]) => {
    const [repo, mode] = key.split('  ');
    return list.map((l) => ({ repo, mode, outcome: l.outcome }));
  });
  for (const row of setRows(judged, sets, [...all.keys()], false)) {
    process.stdout.write(`${setLine(row)}\n`);
  }
}

main();
