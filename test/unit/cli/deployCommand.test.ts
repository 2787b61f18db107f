import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { recordedDeploys } from '../../../src/core/correlation/evidenceEvents';
import { EntryEvent, IncidentEvent } from '../../../src/core/events';
import { recordedLater } from '../../../src/core/timelineView';
import { declareCheckoutDown, runCli } from '../../support/cli';
import { GitRepo, makeRepo, makeTempDir, removeTempDir } from '../../support/gitRepo';

describe('warroom deploy: a deploy recorded from the terminal or CI, in a real git repository', () => {
  let dir: string;
  let repo: GitRepo;
  let id: string;
  let pool: string;

  beforeEach(async () => {
    dir = makeTempDir();
    repo = makeRepo(dir);
    pool = repo.commit({ 'config/pool.yaml': 'max: 5\n' }, { date: '2026-11-22T09:00:00Z', message: 'Cut the checkout DB pool to 5' });
    repo.tag('v2.4.1', { date: '2026-11-22T09:05:00Z', message: 'v2.4.1' });
    id = await declareCheckoutDown(dir, { utcOffsetMinutes: 60 });
  });

  afterEach(() => removeTempDir(dir));

  const events = async () => (JSON.parse((await runCli(['show', id, '--json'], dir)).out) as { events: IncidentEvent[] }).events;

  it('records a tag at the time given, on the incident clock, as a deploy correlation reads', async () => {
    const result = await runCli(['deploy', id, 'v2.4.1', '--at', '2026-11-22T11:20:00Z', '--author', 'ci'], dir);
    assert.equal(result.err, '');
    assert.equal(result.code, 0);
    assert.equal(result.out.trim(), `${id}: Deployed v2.4.1 to production at 12:20 (${pool.slice(0, 7)})`);
    const entry = (await events()).find((e) => e.type === 'entry') as unknown as Record<string, unknown>;
    assert.deepEqual([entry.kind, entry.sha, entry.deployedAt, entry.author], ['deploy', pool, '2026-11-22T11:20:00.000Z', 'ci']);
    assert.deepEqual(recordedDeploys(await events()), [
      { at: '2026-11-22T11:20:00.000Z', sha: pool, environment: 'production', name: 'Deployed v2.4.1 to production at 12:20' },
    ]);
  });

  it('is a deploy marker for warroom correlate --incident, which takes when it began from the incident', async () => {
    const late = repo.commit({ 'src/retry.ts': 'budget = 1\n' }, { date: '2026-11-22T11:00:00Z', message: 'Retry budget of one' });
    assert.equal((await runCli(['deploy', id, late.slice(0, 8), '--at', '2026-11-22T11:30:00Z'], dir)).code, 0);
    type Json = { window: { startedAt: string }; deploys: { kind: string; sha: string; name: string; commits: { sha: string }[] }[] };
    const correlate = async (...args: string[]) => {
      const result = await runCli(['correlate', '--repo', '.', ...args, '--json'], dir);
      assert.equal(result.code, 0, result.err);
      return JSON.parse(result.out) as Json;
    };
    const withIncident = await correlate('--incident', id);
    assert.equal(withIncident.window.startedAt, '2026-11-22T12:00:00.000Z');
    const recorded = withIncident.deploys.find((d) => d.kind === 'timeline');
    assert.deepEqual(
      [recorded?.sha, recorded?.name, recorded?.commits.map((c) => c.sha).sort()],
      // Only the commit since v2.4.1: the release tag to production shipped the pool cut already.
      [late, `Deployed ${late.slice(0, 7)} to production at 12:30`, [late]],
    );
    const without = await correlate('--at', '2026-11-22T12:00:00Z');
    assert.ok(!without.deploys.some((d) => d.kind === 'timeline'), 'the timeline is read only with --incident');
    assert.equal((await runCli(['correlate', '--repo', '.', '--incident', 'nope'], dir)).code, 1);
  });

  it('records a short sha now, in the environment named, without a time in its words', async () => {
    const result = await runCli(['deploy', id, pool.slice(0, 9), '--env', 'canary'], dir);
    assert.equal(result.code, 0, result.err);
    assert.equal(result.out.trim(), `${id}: Deployed ${pool.slice(0, 7)} to canary (${pool.slice(0, 7)})`);
    const [deploy] = recordedDeploys(await events());
    assert.deepEqual([deploy.sha, deploy.environment], [pool, 'canary']);
  });

  it("records an environment of the team's own by name, which its words alone would not say", async () => {
    assert.equal((await runCli(['deploy', id, 'v2.4.1', '--env', 'eu-west-1'], dir)).code, 0);
    const [deploy] = recordedDeploys(await events());
    assert.deepEqual([deploy.name, deploy.environment], ['Deployed v2.4.1 to eu-west-1', 'eu-west-1']);
  });

  it('refuses what it cannot record, writing nothing', async () => {
    const before = (await runCli(['show', id, '--json'], dir)).out;
    const none = await runCli(['deploy', id], dir);
    assert.equal(none.code, 2);
    assert.match(none.err, /: missing <sha\|tag>: warroom deploy needs <id> and <sha\|tag>\n/);
    const env = await runCli(['deploy', id, 'v2.4.1', '--env', 'Prod West'], dir);
    assert.equal(env.code, 2);
    assert.match(env.err, /--env Prod West: a lower-case name/);
    const at = await runCli(['deploy', id, 'v2.4.1', '--at', 'tomorrowish'], dir);
    assert.equal(at.code, 2);
    assert.match(at.err, /--at: /);
    assert.equal((await runCli(['deploy', id, '--output=x'], dir)).code, 2, 'an option is no revision');
    for (const revision of ['v9.9.9', 'v2.4.1..HEAD', 'HEAD@{1}']) {
      const unknown = await runCli(['deploy', id, revision], dir);
      assert.equal(unknown.code, 1, revision);
      assert.match(unknown.err, /is not a commit of the repository at /, revision);
    }
    assert.equal((await runCli(['show', id, '--json'], dir)).out, before);
  });

  it('refuses a deploy of a commit made after it (HEAD typed for an earlier deploy), and takes one within clock skew', async () => {
    const before = (await runCli(['show', id, '--json'], dir)).out;
    // The pool commit was made at 09:00 UTC (10:00 on the incident's clock, UTC+1).
    const early = await runCli(['deploy', id, 'HEAD', '--at', '2026-11-22T08:30:00Z'], dir);
    assert.equal(early.code, 1, early.err);
    assert.match(
      early.err,
      /HEAD \([0-9a-f]{7}\) was committed at 2026-11-22 10:00 UTC\+01:00, after the deploy at 2026-11-22 09:30 UTC\+01:00: a deploy cannot ship a commit made after it\. Name the commit that was deployed then \(git log --until "2026-11-22T08:30:00\.000Z"/,
    );
    assert.equal((await runCli(['show', id, '--json'], dir)).out, before, 'nothing written');
    const skewed = await runCli(['deploy', id, 'v2.4.1', '--at', '2026-11-22T08:57:00Z'], dir);
    assert.equal(skewed.code, 0, skewed.err);
  });
  it('is listed where it happened by show and in the review, saying it was recorded later', async () => {
    assert.equal((await runCli(['note', id, 'Rolled', 'back', 'the', 'gateway'], dir)).code, 0);
    const deployed = await runCli(['deploy', id, 'v2.4.1', '--at', '30m ago'], dir);
    assert.equal(deployed.code, 0, deployed.err);
    const written = (await events()).find((e) => e.type === 'entry' && (e as { kind?: string }).kind === 'deploy') as EntryEvent;
    // "recorded later at 23:30 UTC" (the date too when the half hour crossed midnight): worded in timelineView.test.ts.
    const recorded = recordedLater({ ts: written.deployedAt as string, recordedAt: written.ts });
    assert.ok(recorded);

    const timeline = (await runCli(['show', id], dir)).out.split('Timeline:\n')[1].split('\n');
    assert.match(timeline[0], new RegExp(`Deploy +\\S+: Deployed v2\\.4\\.1 to production at \\S+ {2}\\(${recorded}\\)$`));
    assert.match(timeline[1], /Declared /);
    assert.match(timeline[2], /Note +\S+: Rolled back the gateway$/);

    assert.equal((await runCli(['review', id], dir)).code, 0);
    const review = fs.readFileSync(path.join(dir, 'docs/incidents', fs.readdirSync(path.join(dir, 'docs/incidents'))[0]), 'utf8');
    const every = review
      .split('<summary>Every event')[1]
      .split('\n')
      .filter((l) => l.startsWith('| 20'));
    assert.match(every[0], new RegExp(`^\\| \\S+ \\S+ UTC \\(${recorded}\\) \\| [^|]+ \\| [^|]+ \\| Deployed v2\\.4\\.1`));
    assert.match(every[1], /\| Declared SEV2: Checkout down \|/);
    assert.match(every[2], /\| Rolled back the gateway \|/);
  });
});
