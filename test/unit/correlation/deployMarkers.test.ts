import * as assert from 'node:assert/strict';
import {
  branchAtStartMarker,
  Commit,
  correlationWindow,
  Deploy,
  DeployMarker,
  HUGE_DEPLOY_COMMITS,
  latestBefore,
  markersFromDeployLog,
  markersFromTags,
  oldestOf,
  RefInfo,
  shallowCloneWarning,
  sizeWarnings,
  tagClassifier,
  DEFAULT_TAG_PATTERNS,
  undeployedCommits,
} from '../../../src/core/correlation';

// findSuspects' decisions about markers, bounds and warnings, with no git: each input is what the
// adapter would have read from a repository.
const sha = (n: number): string => n.toString(16).padStart(40, '0');

const ref = (name: string, n: number, at: string): RefInfo => ({ ref: name, sha: sha(n), at, annotated: false, object: sha(n) });

const commit = (n: number, committedAt: string, extra: Partial<Commit> = {}): Commit => ({
  sha: sha(n),
  parents: [],
  authorName: 'A',
  authorEmail: 'a@x',
  authoredAt: committedAt,
  authorUtcOffsetMinutes: 0,
  committedAt,
  committerUtcOffsetMinutes: 0,
  subject: `commit ${n}`,
  body: '',
  trailers: [],
  files: [],
  filesOmitted: 0,
  refs: [],
  ...extra,
});

const deploy = (n: number, commits: readonly string[]): Deploy => ({
  at: '2026-11-22T12:00:00.000Z',
  sha: sha(n),
  environment: 'production',
  kind: 'release-tag',
  name: `v${n}`,
  commits,
  commitsTruncated: false,
});

describe('deploy markers and bounds (core, no git)', () => {
  it('makes markers of release and deploy tags only, with the deploy tag environment', () => {
    const markers = markersFromTags(
      [
        ref('refs/tags/v1.2.0', 1, '2026-11-22T10:00:00.000Z'),
        ref('refs/tags/deploy/staging/2026-11-22', 2, '2026-11-22T11:00:00.000Z'),
        ref('refs/tags/experiment', 3, '2026-11-22T11:30:00.000Z'),
        ref('refs/heads/v2', 4, '2026-11-22T12:00:00.000Z'),
      ],
      tagClassifier(DEFAULT_TAG_PATTERNS),
    );
    assert.deepEqual(markers, [
      { at: '2026-11-22T10:00:00.000Z', sha: sha(1), environment: 'production', kind: 'release-tag', name: 'v1.2.0' },
      { at: '2026-11-22T11:00:00.000Z', sha: sha(2), environment: 'staging', kind: 'deploy-tag', name: 'deploy/staging/2026-11-22' },
    ]);
  });

  it('names deploy log entries by their full id and warns, with file and line, of one git cannot name', () => {
    const entries = [
      { at: '2026-11-22T10:00:00.000Z', sha: 'abc1234', environment: 'production', line: 1 },
      { at: '2026-11-22T11:00:00.000Z', sha: 'abd', environment: 'production', name: 'hotfix', line: 3 },
      { at: '2026-11-22T12:00:00.000Z', sha: 'fee1', environment: 'staging', line: 4 },
    ];
    const full = new Map([
      ['abc1234', sha(7)],
      ['abd', 'ambiguous'],
      ['fee1', 'missing'],
    ]);
    const { markers, warnings } = markersFromDeployLog(entries, full, 'deploys.log');
    assert.deepEqual(markers, [
      { at: '2026-11-22T10:00:00.000Z', sha: sha(7), environment: 'production', kind: 'deploy-log', name: 'production deploy abc1234' },
    ]);
    assert.deepEqual(warnings, [
      'deploys.log:3: abd is ambiguous in this repository (more than one object starts with it); write more of the sha',
      'deploys.log:4: fee1 is not a commit in this repository',
    ]);
  });

  it('bounds the history by the last marker of each kind and environment before the window', () => {
    const from = Date.parse('2026-11-22T12:00:00.000Z');
    const marker = (n: number, at: string, kind: DeployMarker['kind'], environment = 'production'): DeployMarker => ({
      at,
      sha: sha(n),
      environment,
      kind,
      name: `m${n}`,
    });
    const previous = latestBefore(
      [
        marker(1, '2026-11-22T08:00:00.000Z', 'release-tag'),
        marker(2, '2026-11-22T09:00:00.000Z', 'release-tag'),
        marker(3, '2026-11-22T07:00:00.000Z', 'deploy-tag', 'staging'),
        marker(4, '2026-11-22T13:00:00.000Z', 'release-tag'), // in the window: not a bound
        { ...marker(5, '2026-11-22T10:00:00.000Z', 'deploy-log'), sha: 'abc1234' }, // not a full id
      ],
      from,
    );
    assert.deepEqual(previous, [
      { sha: sha(2), at: '2026-11-22T09:00:00.000Z' },
      { sha: sha(3), at: '2026-11-22T07:00:00.000Z' },
    ]);
    assert.deepEqual(oldestOf(previous), { sha: sha(3), at: '2026-11-22T07:00:00.000Z' });
  });

  it('puts the branch at the window start just before it, as a merge', () => {
    const from = Date.parse('2026-11-22T12:00:00.000Z');
    assert.deepEqual(branchAtStartMarker({ sha: sha(9) }, from), [
      { at: '2026-11-22T11:59:59.999Z', sha: sha(9), environment: 'production', kind: 'merge', name: 'branch at window start' },
    ]);
    assert.deepEqual(branchAtStartMarker(undefined, from), []);
  });

  it('lists commits no deploy shipped, in the window or dated in the future, as not deployed', () => {
    const window = { from: Date.parse('2026-11-22T10:00:00.000Z'), to: Date.parse('2026-11-22T13:00:00.000Z') };
    const now = Date.parse('2026-11-22T14:00:00.000Z');
    const commits = [
      commit(1, '2026-11-22T11:00:00.000Z'), // shipped
      commit(2, '2026-11-22T12:00:00.000Z'), // in the window, not shipped
      commit(3, '2026-11-22T09:00:00.000Z'), // before the window
      commit(4, '2026-11-22T14:03:00.000Z'), // after the window, within the clock skew grace
      commit(5, '2026-11-22T15:00:00.000Z'), // dated in the future
    ];
    assert.deepEqual(undeployedCommits(commits, [deploy(1, [sha(1)])], window, now), [sha(2), sha(5)]);
  });
});

describe('correlation warnings (core, no git)', () => {
  it('names huge deploys and commits whose files were cut', () => {
    const many = Array.from({ length: HUGE_DEPLOY_COMMITS + 1 }, (_, i) => sha(100 + i));
    const cut = commit(2, '2026-11-22T12:00:00.000Z', {
      files: [{ path: 'a', status: 'modified', additions: 1, deletions: 0, binary: false, submodule: false }],
      filesOmitted: 4,
    });
    assert.deepEqual(sizeWarnings([deploy(1, many), deploy(3, [sha(2)])], [commit(1, '2026-11-22T12:00:00.000Z'), cut]), [
      `v1 (0000000) ships ${HUGE_DEPLOY_COMMITS + 1} commits; each is ranked on its own`,
      '0000000 touches 5 files; only the first 1 are ranked',
    ]);
  });

  it('says when a shallow clone cuts into the window', () => {
    const window = correlationWindow(new Date('2026-11-22T12:00:00.000Z'));
    assert.equal(
      shallowCloneWarning('2026-11-22T00:00:00.000Z', 2, window),
      'shallow clone: history before 2026-11-22T00:00:00.000Z is missing (2 cut-off points); older deploys and commits are not seen. ' +
        'The window starts at 2026-11-21T12:00:00.000Z, so part of it is missing. Run `git fetch --unshallow` for the full history.',
    );
    assert.equal(
      shallowCloneWarning('2026-11-01T00:00:00.000Z', 1, window),
      'shallow clone: history before 2026-11-01T00:00:00.000Z is missing (1 cut-off point); older deploys and commits are not seen. Run `git fetch --unshallow` for the full history.',
    );
    assert.equal(
      shallowCloneWarning(undefined, 0, window),
      'shallow clone: older history is missing; run `git fetch --unshallow` for the full history.',
    );
  });
});
