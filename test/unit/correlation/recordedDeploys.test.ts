// Deploys recorded on the incident's timeline (`deploy` entries naming a commit) as deploy markers:
// read from untrusted events, resolved by git like the deploy log's, ranked with their own words; and
// what "Record a Deploy" offers and accepts, on real repositories.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { commitTime, findSuspects, recentCommits, resolveCommit } from '../../../src/adapters/git';
import { parseRecentCommits } from '../../../src/adapters/git/deployedCommits';
import { environmentOfText, markersFromTimeline } from '../../../src/core/correlation';
import { environmentWeight, isProduction } from '../../../src/core/correlation/rank';
import { assembleDeploys, DeployMarker } from '../../../src/core/correlation/deploys';
import { commit, file } from './commits';
import {
  deployBeforeCommit,
  deployEntriesKey,
  deployEntry,
  environmentChoices,
  environmentsOffered,
  MAX_RECORDED_DEPLOYS,
  recordedDeploys,
} from '../../../src/core/correlation/evidenceEvents';
import { IncidentEvent } from '../../../src/core/events';
import { GitRepo, makeRepo, makeTempDir, removeTempDir } from '../../support/gitRepo';

const SHA = 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678';

function entry(id: string, fields: Record<string, unknown>): IncidentEvent {
  return { id, ts: '2026-11-20T11:00:00Z', type: 'entry', author: 'CI', kind: 'deploy', text: 'Deployed', ...fields } as IncidentEvent;
}

describe('deploys recorded on the timeline', () => {
  it('reads deploy entries that name a commit, and nothing else', () => {
    const events: IncidentEvent[] = [
      entry('ok', { text: 'Deployed v2.4.1 to production', sha: SHA.toUpperCase() }),
      entry('note', { kind: 'note', sha: SHA }),
      entry('no-sha', { text: 'Deployed something' }),
      entry('bad-sha', { sha: 'HEAD~1' }),
      entry('option', { sha: '--output=/tmp/x' }),
      entry('short', { sha: 'abc12' }),
      entry('bad-time', { ts: 'yesterday', sha: SHA }),
      { id: 'other', ts: '2026-11-20T11:00:00Z', type: 'evidence_added', author: 'x', sha: SHA, kind: 'deploy' } as IncidentEvent,
    ];
    assert.deepEqual(recordedDeploys(events), [
      { at: '2026-11-20T11:00:00.000Z', sha: SHA, environment: 'production', name: 'Deployed v2.4.1 to production' },
    ]);
  });

  it('takes a deploy recorded after the fact at its deployedAt, never after it was written', () => {
    const at = (fields: Record<string, unknown>) => recordedDeploys([entry('e', { sha: SHA, ...fields })])[0].at;
    assert.equal(at({ deployedAt: '2026-11-20T10:15:00Z' }), '2026-11-20T10:15:00.000Z');
    assert.equal(at({ deployedAt: '2026-11-20T11:30:00Z' }), '2026-11-20T11:00:00.000Z', 'after the entry: its own time');
    assert.equal(at({ deployedAt: 'last night' }), '2026-11-20T11:00:00.000Z');
    assert.equal(at({ deployedAt: 42 }), '2026-11-20T11:00:00.000Z');
  });

  it('names the environment its words name, production when they name it or none', () => {
    assert.equal(environmentOfText('Deployed v2.4.1 to production'), 'production');
    assert.equal(environmentOfText('canary 5% of checkout'), 'canary');
    assert.equal(environmentOfText('rolled out to Staging'), 'staging');
    assert.equal(environmentOfText('promoted from staging to prod'), 'production');
    assert.equal(environmentOfText('hotfix by the dev team'), 'production', 'a word that only looks like one');
    assert.equal(environmentOfText(''), 'production');
  });

  it("takes the environment an entry was recorded to before its words, when it is an environment's name", () => {
    const env = (fields: Record<string, unknown>) => recordedDeploys([entry('e', { sha: SHA, ...fields })])[0].environment;
    // "eu-west" is no word environmentOfText knows: without the field it would be production.
    assert.equal(env({ text: 'Deployed v2 to eu-west', environment: 'eu-west' }), 'eu-west');
    assert.equal(env({ text: 'Deployed v2 to preview', environment: 'preview' }), 'preview');
    assert.equal(env({ text: 'Deployed v2 to staging', environment: 'Prod West' }), 'staging', 'not a name: the words decide');
    assert.equal(env({ text: 'Deployed v2 to staging', environment: 42 }), 'staging');
    assert.equal(env({ text: 'Deployed v2 to staging', environment: `x${'y'.repeat(40)}` }), 'staging');
    const written = deployEntry({
      name: 'v2',
      sha: SHA,
      environment: 'prod-eu',
      deployedAt: new Date('2026-11-20T11:00:00Z'),
      now: new Date('2026-11-20T11:00:00Z'),
      utcOffsetMinutes: 0,
    });
    assert.deepEqual([written.text, written.environment], ['Deployed v2 to prod-eu', 'prod-eu']);
    assert.equal(env(written as unknown as Record<string, unknown>), 'prod-eu');
  });

  it('counts production and the parts of it a team names as production, anything else as half', () => {
    for (const name of ['production', 'prod', 'prod-eu', 'production-us-east', 'PROD']) {
      assert.ok(isProduction(name), name);
      assert.equal(environmentWeight(name), 1, name);
    }
    for (const name of ['staging', 'preprod', 'products', 'eu-west', 'canary', 'preview']) {
      assert.ok(!isProduction(name), name);
      assert.equal(environmentWeight(name), 0.5, name);
    }
  });

  it('ships with a recorded deploy only what no earlier release tag to its environment shipped', () => {
    const sha = (n: number) => `c${n}`.padEnd(40, '0');
    const c = (n: number) => commit(sha(n), `2026-11-22T0${n}:00:00Z`, `change ${n}`, [file('a.ts')], n > 1 ? [sha(n - 1)] : []);
    const [c1, c2, c3] = [c(1), c(2), c(3)];
    const commits = new Map([c1, c2, c3].map((x) => [x.sha, x]));
    const marker = (kind: DeployMarker['kind'], sha: string, at: string, environment = 'production'): DeployMarker => ({
      kind,
      sha,
      at,
      environment,
      name: `${kind} ${environment}`,
    });
    const shipped = (markers: DeployMarker[]) =>
      Object.fromEntries(
        assembleDeploys(markers, commits, { from: '2026-11-22T00:00:00Z', to: '2026-11-23T00:00:00Z' }).map((d) => [d.name, d.commits]),
      );
    const release = marker('release-tag', c2.sha, '2026-11-22T02:30:00Z');
    assert.deepEqual(shipped([release, marker('timeline', c3.sha, '2026-11-22T04:00:00Z')])['timeline production'], [c3.sha]);
    assert.deepEqual(
      shipped([release, marker('timeline', c3.sha, '2026-11-22T04:00:00Z', 'staging')])['timeline staging'],
      [c3.sha, c2.sha, c1.sha],
      'a release to production bounds nothing in staging',
    );
    assert.deepEqual(
      shipped([release, marker('deploy-log', c3.sha, '2026-11-22T04:00:00Z')])['deploy-log production'],
      [c3.sha, c2.sha, c1.sha],
      "a deploy log is the team's own record, as before",
    );
    assert.deepEqual(
      shipped([marker('timeline', c3.sha, '2026-11-22T04:00:00Z'), marker('release-tag', c3.sha, '2026-11-22T05:00:00Z')])[
        'timeline production'
      ],
      [c3.sha, c2.sha, c1.sha],
      'a release after it bounds nothing',
    );
    // The timeline's deploy of the very commit a release tag names is that release going out: one deploy,
    // at the recorded time, still bounded by the release before.
    const named = (m: DeployMarker, name: string): DeployMarker => ({ ...m, name });
    assert.deepEqual(
      shipped([
        named(marker('release-tag', c1.sha, '2026-11-22T01:30:00Z'), 'v1'),
        named(marker('release-tag', c3.sha, '2026-11-22T03:30:00Z'), 'v3'),
        named(marker('timeline', c3.sha, '2026-11-22T04:00:00Z'), 'Deployed v3 to production'),
      ]),
      { 'Deployed v3 to production': [c3.sha, c2.sha], v1: [c1.sha] },
    );
    assert.deepEqual(
      Object.keys(
        shipped([
          named(marker('release-tag', c3.sha, '2026-11-22T03:30:00Z'), 'v3'),
          marker('timeline', c3.sha, '2026-11-22T04:00:00Z', 'staging'),
        ]),
      ).sort(),
      ['timeline staging', 'v3'],
      'a deploy of it to staging is not the release to production',
    );
  });

  it('offers the environments deployed to, most often first, then the usual ones', () => {
    assert.deepEqual(environmentChoices([]), ['production', 'staging', 'canary']);
    assert.deepEqual(environmentChoices(['eu-west', 'production', 'eu-west', 'preview', 'Bad Name', '../x']), [
      'eu-west',
      'production',
      'preview',
      'staging',
      'canary',
    ]);
    const many = Array.from({ length: 12 }, (_, i) => `region-${i}`);
    assert.deepEqual(environmentChoices(many), many.slice(0, 8), 'at most eight');
  });

  it("offers too the environments the folder's other incidents recorded deploys to", () => {
    const deploy = (id: string, environment: unknown) => entry(id, { sha: SHA, environment });
    const offered = environmentsOffered(
      [deploy('a', 'staging')],
      ['canary'],
      [[deploy('b', 'eu-west-1'), deploy('c', 'eu-west-1')], [deploy('d', 'eu-west-1'), deploy('e', 'Bad Name')], []],
    );
    // eu-west-1 three times (teammates'), then once each in the order seen: this incident's, the
    // correlation's, and production, which the entry with a bad name says in its words.
    assert.deepEqual(offered, ['eu-west-1', 'staging', 'canary', 'production']);
    assert.deepEqual(environmentsOffered([], [], []), ['production', 'staging', 'canary']);
  });

  it('keeps its words to one short line, and at most the newest hundred', () => {
    const [long] = recordedDeploys([entry('long', { text: `Deployed\n\u0000${'x'.repeat(200)}`, sha: SHA })]);
    assert.equal(long.name.length, 80);
    assert.ok(long.name.startsWith('Deployed x') && long.name.endsWith('…'), long.name);
    assert.equal(recordedDeploys([entry('blank', { text: '  ', sha: SHA })])[0].name, 'deploy a1b2c3d');
    const many = Array.from({ length: MAX_RECORDED_DEPLOYS + 5 }, (_, i) => entry(`e${i}`, { text: `deploy ${i}`, sha: SHA }));
    const kept = recordedDeploys(many);
    assert.equal(kept.length, MAX_RECORDED_DEPLOYS);
    assert.equal(kept[0].name, 'deploy 5');
    assert.equal(deployEntriesKey(many.slice(0, 2)), 'e0,e1');
    const mixed = [
      ...many.slice(0, 2),
      entry('n', { kind: 'note', sha: SHA }),
      entry('x', {}),
      entry('y', { sha: 'not a sha' }),
      entry('z', { sha: SHA, ts: 'yesterday' }),
    ];
    assert.equal(deployEntriesKey(mixed), 'e0,e1', 'a deploy entry without a commit, with a sha that is none or with no time, or a note');
    assert.equal(recordedDeploys(mixed).length, 2, 'the same entries recordedDeploys reads');
  });

  it('makes markers of them, and a warning naming the entry for a commit git cannot name', () => {
    const deploys = recordedDeploys([
      entry('a', { text: 'Deployed v1 to production', sha: 'abc1234' }),
      entry('b', { text: 'Rolled back', sha: 'def5678' }),
      entry('c', { text: 'Canary', sha: 'fff0000' }),
    ]);
    const { markers, warnings } = markersFromTimeline(
      deploys,
      new Map([
        ['abc1234', SHA],
        ['def5678', 'missing'],
        ['fff0000', 'ambiguous'],
      ]),
    );
    assert.deepEqual(markers, [
      { at: '2026-11-20T11:00:00.000Z', sha: SHA, environment: 'production', kind: 'timeline', name: 'Deployed v1 to production' },
    ]);
    assert.deepEqual(warnings, [
      `The timeline's deploy entry "Rolled back" names def5678, which is not a commit in this repository`,
      `The timeline's deploy entry "Canary" names fff0000, which is ambiguous in this repository (more than one object starts with it); write more of the sha`,
    ]);
  });

  it('parses the pick from git log, tags by name', () => {
    const out =
      `${SHA}\u001f2026-11-20T10:00:00+01:00\u001fHEAD -> refs/heads/main, tag: refs/tags/v2.4.1, tag: refs/tags/deploy/prod\u001fTune the pool\u001e\n` +
      `${'b'.repeat(40)}\u001f2026-11-19T09:00:00+01:00\u001f\u001fInitial\u001e\n`;
    assert.deepEqual(parseRecentCommits(out), [
      { sha: SHA, committedAt: '2026-11-20T10:00:00+01:00', subject: 'Tune the pool', tags: ['v2.4.1', 'deploy/prod'] },
      { sha: 'b'.repeat(40), committedAt: '2026-11-19T09:00:00+01:00', subject: 'Initial', tags: [] },
    ]);
    assert.deepEqual(parseRecentCommits(''), []);
  });
});

describe('deploys recorded on the timeline, in a real repository', function () {
  this.timeout(30_000);
  let dir: string;
  let repo: GitRepo;
  let base: string;
  let pool: string;

  before(() => {
    dir = makeTempDir();
    repo = makeRepo(path.join(dir, 'repo'));
    base = repo.commit({ 'src/app.ts': 'v1\n' }, { date: '2026-11-18T09:00:00Z', message: 'Initial' });
    repo.tag('v2.4.0', { date: '2026-11-18T10:00:00Z', message: 'v2.4.0' });
    pool = repo.commit({ 'src/pool.ts': 'export const max = 5;\n' }, { date: '2026-11-20T09:00:00Z', message: 'Lower the pool size' });
    repo.commit({ 'src/cache.ts': 'export const ttl = 1;\n' }, { date: '2026-11-20T09:30:00Z', message: 'Cache for a second' });
  });
  after(() => removeTempDir(dir));

  const at = new Date('2026-11-20T12:00:00Z');

  it('ranks what a recorded deploy shipped as shipped by it, in its own words', async () => {
    const without = await findSuspects(repo.dir, { at, now: at });
    assert.equal(without.ranking.deploys.filter((d) => d.deploy.kind === 'timeline').length, 0);
    assert.match(without.emptyMessage ?? '', /^no deploys in the 24 h before/, 'v2.4.0 is older than the window');

    const deploys = recordedDeploys([
      entry('d', { ts: '2026-11-20T11:00:00Z', text: 'Deployed the pool change to production', sha: pool.slice(0, 7) }),
    ]);
    const result = await findSuspects(repo.dir, { at, now: at, recordedDeploys: deploys });
    const recorded = result.ranking.deploys.find((d) => d.deploy.kind === 'timeline');
    assert.equal(recorded?.deploy.sha, pool, 'the short sha resolved to the commit');
    assert.equal(recorded?.deploy.name, 'Deployed the pool change to production');
    assert.deepEqual(
      recorded?.commits.map((c) => c.sha),
      [pool],
      'shipped the pool change since v2.4.0, not the later cache commit',
    );
    const ranked = result.ranking.commits.find((c) => c.sha === pool);
    assert.equal(
      ranked?.reasons.find((r) => r.factor === 'time')?.text,
      `shipped by the timeline's deploy "Deployed the pool change to production" (production) 1h 00m before the incident began`,
    );
    assert.equal(result.emptyMessage, undefined);
    assert.deepEqual(result.warnings, []);
  });

  it('warns of a recorded deploy whose commit is not in the repository, and goes on', async () => {
    const deploys = recordedDeploys([entry('x', { text: 'Deployed from another repository', sha: 'feedface00' })]);
    const result = await findSuspects(repo.dir, { at, now: at, recordedDeploys: deploys });
    assert.ok(
      result.warnings.includes(
        `The timeline's deploy entry "Deployed from another repository" names feedface00, which is not a commit in this repository`,
      ),
      result.warnings.join('\n'),
    );
    assert.ok(result.ranking.commits.length > 0);
  });

  it('offers the newest commits with their tags, and resolves a typed sha or tag, nothing else', async () => {
    const recent = await recentCommits(repo.dir);
    assert.deepEqual(
      recent.map((c) => [c.subject, c.tags]),
      [
        ['Cache for a second', []],
        ['Lower the pool size', []],
        ['Initial', ['v2.4.0']],
      ],
    );
    assert.equal(await resolveCommit(repo.dir, 'v2.4.0'), base, 'an annotated tag, to its commit');
    assert.equal(await resolveCommit(repo.dir, pool.slice(0, 8)), pool);
    assert.equal(await resolveCommit(repo.dir, ` ${pool} `), pool);
    for (const refused of ['--output=/tmp/x', 'v2.4.0..HEAD', 'HEAD@{1}', 'no-such-tag', '', ':/Lower']) {
      assert.equal(await resolveCommit(repo.dir, refused), undefined, refused);
    }
    assert.deepEqual(await recentCommits(makeRepo(path.join(dir, 'empty')).dir), [], 'a repository without commits');
  });

  it('reads when a commit was made, and nothing for what is not a full sha', async () => {
    const made = await commitTime(repo.dir, pool);
    assert.equal(Date.parse(made ?? ''), Date.parse('2026-11-20T09:00:00Z'));
    for (const refused of [pool.slice(0, 8), '--all', 'HEAD', 'f'.repeat(40)]) {
      assert.equal(await commitTime(repo.dir, refused), undefined, refused);
    }
  });
});

describe('deployBeforeCommit: a deploy cannot ship a commit made after it', () => {
  const sha = 'c37c0de4f1a2b3c4d5e6f708192a3b4c5d6e7f80';
  const deployed = new Date('2026-11-22T18:38:00Z');

  it('says so, on the incident clock, naming the commit behind a moving name', () => {
    assert.equal(
      deployBeforeCommit({ name: 'HEAD', sha, committedAt: '2026-11-22T21:35:00+01:00' }, deployed, 60),
      'HEAD (c37c0de) was committed at 2026-11-22 21:35 UTC+01:00, after the deploy at 2026-11-22 19:38 UTC+01:00: a deploy ' +
        'cannot ship a commit made after it. Name the commit that was deployed then (git log --until "2026-11-22T18:38:00.000Z" ' +
        'shows the ones made before it).',
    );
    assert.match(
      deployBeforeCommit({ name: 'c37c0de', sha, committedAt: '2026-11-22T20:35:00Z' }, deployed, 0) ?? '',
      /^c37c0de was committed/,
    );
  });

  it('takes a commit made before the deploy, or up to five minutes after it (clocks disagree), or of no known time', () => {
    for (const committedAt of ['2026-11-22T18:00:00Z', '2026-11-22T18:38:00Z', '2026-11-22T18:43:00Z', 'not a time']) {
      assert.equal(deployBeforeCommit({ name: 'v2.4.1', sha, committedAt }, deployed, 0), undefined, committedAt);
    }
    assert.ok(deployBeforeCommit({ name: 'v2.4.1', sha, committedAt: '2026-11-22T18:43:01Z' }, deployed, 0));
  });
});
