import * as assert from 'node:assert/strict';
import { parseSets, setLine, setRows } from '../../../scripts/judge/sets';

describe('judge: sets of repositories', () => {
  it('reads --set=NAME:owner/name,... in order and leaves other arguments alone', () => {
    assert.deepEqual(
      parseSets(['--dump=/tmp/d', '--set=dev:etcd-io/etcd, grafana/loki', '/work/etcd', '--set=held:containerd/containerd']),
      [
        { name: 'dev', repos: ['etcd-io/etcd', 'grafana/loki'] },
        { name: 'held', repos: ['containerd/containerd'] },
      ],
    );
    assert.deepEqual(parseSets(['/work/etcd']), []);
  });

  it('refuses a set it cannot read, quoting the argument', () => {
    for (const arg of ['--set=dev', '--set=:etcd-io/etcd', '--set=dev:etcd', '--set=dev:etcd-io/etcd,', '--set=dev:a/b/c']) {
      assert.throws(
        () => parseSets([arg]),
        (e: Error) => e.message.startsWith(`"${arg}"`),
        arg,
      );
    }
    assert.throws(() => parseSets(['--set=dev:a/b', '--set=dev:c/d']), /the set "dev" is named twice/);
  });

  it('pools the pairs of a set per mode, names what was not judged, and adds an "all" row', () => {
    const judged = [
      { repo: 'a/one', mode: 'no hints', outcome: { rank: 1, baseline: 4 }, ms: 100 },
      { repo: 'a/one', mode: 'no hints', outcome: { rank: 5, baseline: 1 }, ms: 300 },
      { repo: 'a/one', mode: 'no hints', outcome: { skipped: 'lacks an object' }, ms: 5 },
      { repo: 'b/two', mode: 'no hints', outcome: { rank: 3, baseline: 2 }, ms: 200 },
      { repo: 'b/two', mode: 'service hint', outcome: { rank: 1, baseline: 2 }, ms: 200 },
      { repo: 'c/three', mode: 'no hints', outcome: { miss: true as const }, ms: 50 },
    ];
    const rows = setRows(judged, [{ name: 'dev', repos: ['a/one', 'b/two', 'd/four'] }], ['no hints', 'service hint']);
    assert.deepEqual(
      rows.map((r) => [r.name, r.mode, r.summary.pairs, r.summary.at1, r.summary.at3, r.summary.skipped, r.medianMs, r.worstMs]),
      [
        ['dev', 'no hints', 3, 0.333, 0.667, 1, 200, 300],
        ['dev', 'service hint', 1, 1, 1, 0, 200, 200],
        ['all', 'no hints', 4, 0.25, 0.5, 1, 200, 300],
        ['all', 'service hint', 1, 1, 1, 0, 200, 200],
      ],
    );
    assert.deepEqual(rows[0].missing, ['d/four']);
    assert.equal(
      setLine(rows[0]),
      'dev (2)       no hints      pairs 3  @1 0.333  @3 0.667  @5 1  baseline @3 0.667  errors 0  misses 0  median 200 ms  worst 300 ms  (not judged in this run: d/four)',
    );
    // One repository judged: no "all" row, which would repeat its own.
    assert.deepEqual(
      setRows(
        judged.filter((j) => j.repo === 'b/two'),
        [],
        ['no hints'],
      ).map((r) => r.name),
      [],
    );
    // The re-scorer has no times and its own overall line.
    assert.deepEqual(
      setRows(judged, [], ['no hints'], false).map((r) => r.name),
      [],
    );
  });
});
