// Correlation hands git full object ids only, whatever the repository or its config holds: a short
// id that is unique today becomes ambiguous as the repository grows ("short object ID is ambiguous",
// exit 128), and then the whole run failed. And when git does fail, the reason shown is git's own
// message (stderr), never the log it printed before failing.
import * as assert from 'node:assert/strict';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { findSuspects, GitCorrelationError } from '../../../src/adapters/git';
import { forgetHistories } from '../../../src/adapters/git/historyCache';
import { gitRunner } from '../../../src/adapters/git/simpleGitRunner';
import { makeTempDir, removeTempDir } from '../../support/gitRepo';
import { buildScenario, INCIDENT_AT, NOW, Scenario } from './scenario';

/** How many hex digits the deploy log below writes: short enough to find a twin in a moment. */
const SHORT = 4;

/** Git's id of an object of `type` holding `body`. */
function objectId(type: string, body: string): string {
  return crypto
    .createHash('sha1')
    .update(`${type} ${Buffer.byteLength(body)}\0`)
    .update(body)
    .digest('hex');
}

/** The body of an object of `type` (made by `make(n)`) whose id starts as `prefix` does, by trying n = 0, 1, ... */
function twin(type: string, prefix: string, make: (n: number) => string): string {
  for (let n = 0; ; n++) {
    const body = make(n);
    if (objectId(type, body).startsWith(prefix)) {
      return body;
    }
  }
}

describe('correlation hands git full ids only', function () {
  this.timeout(30_000);
  let dir: string;
  let s: Scenario;

  before(() => {
    dir = makeTempDir();
    s = buildScenario(path.join(dir, 'shop'));
    const store = (type: string, body: string) => {
      const file = path.join(s.repo.dir, 'body.tmp');
      fs.writeFileSync(file, body);
      const id = s.repo.git(['hash-object', '-t', type, '-w', file]).trim();
      fs.rmSync(file);
      return id;
    };
    // Another commit starting like the lockfile commit: its short id is ambiguous between two commits.
    const tree = s.repo.git(['rev-parse', `${s.root}^{tree}`]).trim();
    const otherCommit = store(
      'commit',
      twin(
        'commit',
        s.lockfile.slice(0, SHORT),
        (n) => `tree ${tree}\nauthor A <a@example.com> 0 +0000\ncommitter A <a@example.com> 0 +0000\n\nunreachable ${n}\n`,
      ),
    );
    assert.equal(otherCommit.slice(0, SHORT), s.lockfile.slice(0, SHORT));
    // A blob starting like the search commit: ambiguous among all objects, not among commits.
    const blob = store(
      'blob',
      twin('blob', s.search.slice(0, SHORT), (n) => `blob ${n}\n`),
    );
    assert.equal(blob.slice(0, SHORT), s.search.slice(0, SHORT));
    s.repo.write({
      'short.log':
        [
          '# time sha env',
          `2026-11-22T13:45:00Z ${s.lockfile.slice(0, SHORT)} production`,
          `2026-11-22T14:12:00Z ${s.search.slice(0, SHORT).toUpperCase()} canary`,
          `2026-11-22T14:13:00Z ${'0'.repeat(SHORT)}1 canary`,
        ].join('\n') + '\n',
    });
  });
  after(() => removeTempDir(dir));
  afterEach(() => forgetHistories());

  it("resolves the deploy log's short shas first, and names the ambiguous or unknown ones by file:line", async () => {
    const result = await findSuspects(s.repo.dir, { at: new Date(INCIDENT_AT), now: new Date(NOW), deployLogPath: 'short.log' });
    assert.ok(
      result.warnings.includes(
        `short.log:2: ${s.lockfile.slice(0, SHORT)} is ambiguous in this repository (more than one object starts with it); write more of the sha`,
      ),
      result.warnings.join('\n'),
    );
    assert.ok(
      result.warnings.includes(`short.log:4: ${'0'.repeat(SHORT)}1 is not a commit in this repository`),
      result.warnings.join('\n'),
    );
    const canary = result.ranking.deploys.find((d) => d.deploy.kind === 'deploy-log');
    assert.equal(canary?.deploy.sha, s.search, 'a short sha shared with a blob still names its commit, in full');
    assert.equal(canary?.deploy.environment, 'canary');
    assert.ok(
      result.ranking.deploys.some((d) => d.deploy.name === 'v1.1.0'),
      'the other deploys are still ranked',
    );
  });

  it('reads full ids where the repository config abbreviates (core.abbrev, log.abbrevCommit)', async () => {
    s.repo.git(['config', 'core.abbrev', '4']);
    s.repo.git(['config', 'log.abbrevCommit', 'true']);
    try {
      for (const run of ['first', 'repeat']) {
        const result = await findSuspects(s.repo.dir, {
          at: new Date(INCIDENT_AT),
          now: new Date(NOW),
          deployLogPath: 'deploys.log',
          windowMs: 72 * 3_600_000,
        });
        const ids = [
          ...[...result.commits.values()].flatMap((c) => [c.sha, ...c.parents]),
          ...result.ranking.deploys.flatMap((d) => [d.deploy.sha, ...d.deploy.commits]),
        ];
        assert.ok(ids.length > 10, run);
        assert.deepEqual(
          ids.filter((id) => !/^[0-9a-f]{40}$/.test(id)),
          [],
          `${run} run: every id in full`,
        );
        assert.equal(result.ranking.deploys.find((d) => d.deploy.kind === 'deploy-log')?.deploy.sha, s.lockfile);
      }
    } finally {
      s.repo.git(['config', '--unset', 'core.abbrev']);
      s.repo.git(['config', '--unset', 'log.abbrevCommit']);
    }
  });

  it('explains a failing git with its own words (stderr), not the log it printed first', async () => {
    const copy = path.join(dir, 'broken');
    fs.cpSync(s.repo.dir, copy, { recursive: true });
    // The first charge.ts is gone (and not checked out, where git could read it instead): git log
    // prints the newer commits, then dies diffing the culprit against it.
    const blob = s.repo.git(['rev-parse', `${s.root}:src/payments/charge.ts`]).trim();
    fs.rmSync(path.join(copy, '.git', 'objects', blob.slice(0, 2), blob.slice(2)));
    // Through the runner the shipped log falls back to, the way it reports failures.
    const error = await gitRunner(copy)
      .run(['log', '--numstat', '--format=%x1e%H%x1f%s', 'main', '--'])
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    assert.ok(error instanceof GitCorrelationError, String(error));
    assert.match(error.message, new RegExp(`^git log failed in ${copy.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: (fatal|error): .*${blob}`));
    assert.ok(!/[\x1e\x1f]|Tweak search ranking/.test(error.message), `no log output in the reason: ${JSON.stringify(error.message)}`);
  });
});
