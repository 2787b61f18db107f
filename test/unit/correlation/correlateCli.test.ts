import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runCli } from '../../support/cli';
import { makeTempDir, removeTempDir } from '../../support/gitRepo';
import { buildScenario, EVIDENCE, INCIDENT_AT, Scenario } from './scenario';

const run = (argv: string[], cwd: string) => runCli(argv, cwd);

describe('warroom correlate (end to end on a real repository)', function () {
  this.timeout(30_000);
  let dir: string;
  let s: Scenario;

  before(() => {
    dir = makeTempDir();
    s = buildScenario(path.join(dir, 'shop'));
    fs.writeFileSync(path.join(dir, 'trace.txt'), EVIDENCE);
  });
  after(() => removeTempDir(dir));

  it('prints ranked deploys and commits with reasons as JSON', async () => {
    const { code, out, err } = await run(
      [
        'correlate',
        '--repo',
        'shop',
        '--at',
        INCIDENT_AT,
        '--window',
        '24h',
        '--service',
        'payments',
        '--paths',
        'src/payments/**',
        '--evidence',
        'trace.txt',
        '--title',
        'Payment charge timeouts',
        '--deploy-log',
        'deploys.log',
        '--json',
      ],
      dir,
    );
    assert.equal(code, 0, err);
    const json = JSON.parse(out) as {
      deploys: { name: string; score: number; reasons: { text: string }[] }[];
      commits: { sha: string; score: number; reasons: { factor: string }[]; revertCommand: string }[];
      changes: { sha: string; kind: string; score: number; revertCommand: string; commits: { sha: string }[] }[];
    };
    assert.equal(json.commits[0].sha, s.culprit);
    assert.equal(json.commits[0].revertCommand, `git revert ${s.culprit}`);
    assert.ok(json.commits[0].reasons.some((r) => r.factor === 'evidence'));
    assert.ok(json.deploys.length >= 4);
    assert.ok(json.deploys.every((d) => typeof d.score === 'number' && d.reasons.length > 0));
    // The culprit came in through a merge: as merged, the suspect is that merge with its branch.
    const change = json.changes.find((c) => c.commits.some((m) => m.sha === s.culprit));
    assert.equal(change?.sha, s.merge);
    assert.equal(change?.kind, 'pull-request');
    assert.equal(change?.revertCommand, `git revert -m 1 ${s.merge}`);
    assert.equal(json.changes[0], change, 'the most suspect change holds the most suspect commit');
    assert.equal(json.changes.flatMap((c) => c.commits).length, json.commits.length);
    const scores = json.commits.map((c) => c.score);
    assert.deepEqual(
      scores,
      [...scores].sort((a, b) => b - a),
    );
  });

  it('prints a readable text form without --json', async () => {
    const { code, out } = await run(['correlate', '--repo', 'shop', '--at', INCIDENT_AT, '--title', 'payment timeouts'], dir);
    assert.equal(code, 0);
    assert.match(out, /Suspect deploys:/);
    assert.match(out, /Suspect changes \(as merged[^\n]*\n\s+[\d.]+ {2}\w{7} {2}Merge branch payments-retry {2}\(merge, \d+ commits?\)/);
    assert.match(out, /revert: git revert -m 1 /);
    assert.match(out, /v1\.1\.0/);
    assert.match(out, /revert: git revert/);
  });

  it('correlates the folder it runs in when --repo is left out', async () => {
    const { code, out, err } = await run(['correlate', '--at', INCIDENT_AT, '--json'], path.join(dir, 'shop'));
    assert.equal(err, '');
    assert.equal(code, 0);
    assert.equal(fs.realpathSync(JSON.parse(out).repo.topLevel), fs.realpathSync(path.join(dir, 'shop')));
  });

  it('explains an empty window', async () => {
    const { code, out } = await run(['correlate', '--repo', 'shop', '--at', '2026-11-19T14:15:00Z', '--window', '2h'], dir);
    assert.equal(code, 0);
    assert.match(out, /no deploys in the 2 h before \d\d:\d\d; widen the window\?/);
  });

  it('takes --after 0m (and 0) as nothing after the start; a zero window is refused', async () => {
    for (const after of ['0m', '0']) {
      const { code, out, err } = await run(['correlate', '--repo', 'shop', '--at', INCIDENT_AT, '--after', after, '--json'], dir);
      assert.equal(code, 0, err);
      const json = JSON.parse(out) as { window: { to: string; afterMs: number }; deploys: { name: string }[] };
      assert.equal(json.window.to, new Date(INCIDENT_AT).toISOString());
      assert.equal(json.window.afterMs, 0);
      assert.ok(
        json.deploys.some((d) => d.name === 'deploy/production/2026-11-22-1410'),
        'a deploy before the start still counts',
      );
    }
    const zeroWindow = await run(['correlate', '--repo', 'shop', '--at', INCIDENT_AT, '--window', '0h'], dir);
    assert.equal(zeroWindow.code, 2);
    assert.match(zeroWindow.err, /--window "0h" must be longer than zero/);
  });

  it('rejects bad arguments with usage, and a non-repo with a clear error', async () => {
    const noStart = await run(['correlate', '--repo', 'shop'], dir);
    assert.equal(noStart.code, 2);
    assert.match(noStart.err, /^warroom correlate: warroom correlate needs either --at <time> or --incident <id>\nUsage: /);
    const badWindow = await run(['correlate', '--repo', 'shop', '--at', INCIDENT_AT, '--window', 'soon'], dir);
    assert.equal(badWindow.code, 2);
    assert.match(badWindow.err, /--window "soon" is not a duration/);
    const notRepo = await run(['correlate', '--repo', '.', '--at', INCIDENT_AT], dir);
    assert.equal(notRepo.code, 1);
    assert.match(notRepo.err, /is not a git repository/);
    const noEvidence = await run(['correlate', '--repo', 'shop', '--at', INCIDENT_AT, '--evidence', 'missing.txt'], dir);
    assert.match(noEvidence.err, /cannot read the evidence file .*missing\.txt: ENOENT/);
  });
});
