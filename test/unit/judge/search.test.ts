import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { RANK_WEIGHTS, RankWeights } from '../../../src/core/correlation/weights';
import { JudgeDump, loadDumps, rescoreDump } from '../../../scripts/judge/dump';
import {
  coordinateSearch,
  defaultKnobs,
  describeWeights,
  Knob,
  leaveOneRepositoryOut,
  memoized,
  objective,
  RepoRecall,
} from '../../../scripts/judge/search';
import { commit, file } from '../correlation/commits';
import { useTempDirs } from '../../support/tempDir';

/** Where the toy searches start: a cap of 12, with values to try on both sides. */
const START: RankWeights = { ...RANK_WEIGHTS, sizeMax: 12 };
const sizeMax: Knob = { name: 'sizeMax', values: [6, 9, 12, 15], apply: (w, v) => ({ ...w, sizeMax: v }) };

/** Recall@3 per repository as a function of sizeMax: A gains at 9, B does not mind 9 but loses at 6, C gains only at 15. */
function toy(w: RankWeights): RepoRecall[] {
  const at3 = {
    A: w.sizeMax === 9 ? 5 : w.sizeMax === 6 ? 8 : 3,
    B: w.sizeMax === 6 ? 1 : 4,
    C: w.sizeMax === 15 ? 6 : 2,
  };
  return Object.entries(at3).flatMap(([repo, n]) =>
    ['no hints', 'service hint'].map((mode) => ({ repo, mode, pairs: 10, at1: 0, at3: n, at5: n })),
  );
}

describe('judge: searching the weights', () => {
  it('keeps a value that raises the repositories it is fitted on and refuses one that lowers any of them', () => {
    const fitted = coordinateSearch(toy, [sizeMax], START, new Set(['A', 'B']));
    // 6 would give A 8 pairs but costs B 3: refused; 9 raises A and leaves B as it was.
    assert.equal(fitted.weights.sizeMax, 9);
    assert.equal(objective(toy({ ...START, sizeMax: 6 }), toy(START), new Set(['A', 'B'])), -Infinity);
  });

  it('leaves each repository out of its own fold and scores it with what the others chose', () => {
    const folds = leaveOneRepositoryOut(toy, [sizeMax], START);
    // Without A: 15 raises C. Without B: 6 raises A and nothing fitted falls, so B pays for it where it
    // was not fitted (which is what the folds are for). Without C: 9 raises A; 15, which C would like, is not chosen.
    assert.deepEqual(
      folds.map((f) => [f.heldOut, f.weights.sizeMax, f.before[0].at3, f.after[0].at3]),
      [
        ['A', 15, 3, 3],
        ['B', 6, 4, 1],
        ['C', 9, 2, 2],
      ],
    );
  });

  it('ranks each weight vector once however many folds ask', () => {
    let calls = 0;
    const evaluate = memoized((w) => {
      calls++;
      return toy(w);
    });
    leaveOneRepositoryOut(evaluate, [sizeMax], START);
    assert.equal(calls, sizeMax.values.length); // 12 is the start and one of the values
  });

  it('names only the weights that changed', () => {
    assert.equal(describeWeights(RANK_WEIGHTS, RANK_WEIGHTS), 'unchanged');
    const knobs = defaultKnobs(RANK_WEIGHTS);
    const riskOff = knobs.find((k) => k.name === 'riskScale')?.apply(RANK_WEIGHTS, 0) as RankWeights;
    assert.match(describeWeights({ ...riskOff, revertedBefore: 1 }, RANK_WEIGHTS), /^risk \{"migration":0,.*\}, revertedBefore 1$/);
  });

  describe('dumps ranked again with other weights', () => {
    const temp = useTempDirs('warroom-judge-search-');

    it('reads a dump the judge wrote and ranks it with the weights given', () => {
      const dir = temp();
      // The culprit: small, in the hinted folder, shipped three days before the start; above it without
      // weight on the service, a larger change elsewhere shipped at the same time.
      const culprit = commit('c'.repeat(40), '2026-11-19T12:00:00Z', 'Lower the pool size', [file('pkg/pool/pool.go', 3, 1)]);
      const large = commit('d'.repeat(40), '2026-11-19T12:30:00Z', 'Rework the web UI', [file('web/ui/app.ts', 800, 200)]);
      const dump: JudgeDump = {
        repo: 'example/service',
        culprit: culprit.sha,
        revert: 'e'.repeat(40),
        mode: 'service hint',
        hint: 'pkg/**',
        startedAt: '2026-11-22T12:00:00Z',
        now: '2026-11-23T12:00:00Z',
        deploys: [],
        undeployed: [culprit.sha, large.sha],
        commits: [culprit, large],
      };
      fs.writeFileSync(path.join(dir, 'example+service-1-no.json'), JSON.stringify(dump));
      fs.writeFileSync(path.join(dir, 'notes.txt'), 'not a dump');
      const [loaded, ...rest] = loadDumps(dir);
      assert.equal(rest.length, 0);
      assert.deepEqual(rescoreDump(loaded).outcome, { rank: 1, baseline: 2, commitRank: 1 });
      assert.deepEqual(rescoreDump(loaded, { ...RANK_WEIGHTS, service: 0 }).outcome, { rank: 2, baseline: 2, commitRank: 2 });
    });
  });
});
