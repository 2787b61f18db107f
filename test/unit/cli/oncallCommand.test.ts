import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { FileIncidentStore } from '../../../src/adapters/store/fileStore';
import { runCli } from '../../support/cli';
import { DeclaredEvent } from '../../../src/core/events';
import { repoRoot } from '../runbooks/paths';
import { useTempDir } from '../../support/tempDir';
import { fault, json, LoopbackServer, startLoopback } from '../../support/loopbackServer';

const run = (args: string[], cwd: string, env: NodeJS.ProcessEnv = {}) => runCli(args, cwd, { WARROOM_AUTHOR: 'ci', ...env });

describe('warroom oncall', function () {
  this.timeout(30_000);
  const tmp = useTempDir();
  const writeFile = (text: string) => {
    fs.mkdirSync(path.join(tmp(), '.warroom'), { recursive: true });
    fs.writeFileSync(path.join(tmp(), '.warroom/oncall.yaml'), text);
  };

  it('says who is on call at a time, per layer, with who follows and the escalation path', async () => {
    writeFile(fs.readFileSync(path.join(repoRoot, 'test/fixtures/oncall/oncall.yaml'), 'utf8'));
    const text = await run(['oncall', '--at', '2026-03-28T20:00:00Z', '--service', 'checkout'], tmp());
    assert.equal(text.err, '');
    assert.equal(text.code, 0);
    assert.equal(
      text.out,
      [
        'On call at 2026-03-28T20:00:00.000Z',
        '',
        'checkout',
        '  primary    dave (override) until 2026-03-29T07:00:00.000Z · next: alice  [checkout-primary]',
        '  secondary  erin until 2026-04-06T07:00:00.000Z · next: frank  [checkout-secondary]',
        '  escalation: 0m dave -> 15m erin -> 30m grace',
        '',
      ].join('\n'),
    );
    const json = JSON.parse((await run(['oncall', '--at', '2026-03-30T07:00:00Z', '--json'], tmp())).out) as {
      services: { service: string; layers: { shift: { person: string } }[] }[];
    };
    assert.deepEqual(
      json.services.map((s) => [s.service, s.layers.map((l) => l.shift.person)]),
      [
        ['checkout', ['bob', 'erin']],
        ['payments', ['bob']],
      ],
    );
  });

  it('blames one bad field once: its rotation shows as unreadable, its override and escalation are not called missing', async () => {
    const fixture = fs.readFileSync(path.join(repoRoot, 'test/fixtures/oncall/oncall.yaml'), 'utf8');
    writeFile(fixture.replace('length: 1w', 'length: 1 wek'));
    const text = await run(['oncall', '--at', '2026-03-28T20:00:00Z'], tmp());
    assert.equal(text.code, 1);
    assert.equal(text.err, '.warroom/oncall.yaml:9:13: error: "length" must be whole days or weeks, e.g. 1w or 3d (got "1 wek")\n');
    assert.equal(
      text.out,
      [
        'On call at 2026-03-28T20:00:00.000Z',
        '',
        'checkout',
        '  primary    no one shown: rotation "checkout-primary" (line 4) has an error',
        '  secondary  erin until 2026-04-06T07:00:00.000Z · next: frank  [checkout-secondary]',
        '  escalation: 0m (no one) -> 15m erin -> 30m grace',
        '',
        'payments',
        '  primary    no one shown: rotation "checkout-primary" (line 4) has an error',
        '',
      ].join('\n'),
    );
    const json = JSON.parse((await run(['oncall', '--at', '2026-03-28T20:00:00Z', '--json', '--service', 'payments'], tmp())).out) as {
      services: { service: string; unreadable?: { id: string; layer: string }[] }[];
    };
    assert.deepEqual(
      json.services.map((s) => [s.service, s.unreadable?.map((r) => `${r.layer} ${r.id}`)]),
      [['payments', ['primary checkout-primary']]],
    );
  });

  it('names the file and line of a mistake, and says so when there is no file', async () => {
    const missing = await run(['oncall'], tmp());
    assert.equal(missing.code, 1);
    assert.match(missing.err, /no \.warroom\/oncall\.yaml here/);
    writeFile(
      'rotations:\n  - id: a\n    services: [api]\n    members: [x]\n    start: 2026-01-05\n    length: 1w\n    timezone: Europe/Berlln\n',
    );
    const bad = await run(['oncall'], tmp());
    assert.equal(bad.code, 1);
    assert.match(bad.err, /^\.warroom\/oncall\.yaml:7:15: error: "timezone" "Europe\/Berlln" is not an IANA time zone/m);
    const unknown = await run(['oncall', '--service', 'nope'], tmp());
    assert.equal(unknown.code, 1);
    assert.match(unknown.err, /no rotation or escalation path names "nope"/);
  });

  it('load: pages per person from the store, drills left out', async () => {
    writeFile(
      'rotations:\n  - id: a\n    services: [checkout]\n    members: [alice]\n    start: 2020-01-06\n    length: 1w\n    timezone: UTC\n',
    );
    const store = new FileIncidentStore(path.join(tmp(), '.warroom'));
    const started = new Date(Date.now() - 2 * 86_400_000).toISOString();
    const declared: Omit<DeclaredEvent, 'id' | 'ts' | 'author'> = {
      type: 'declared',
      title: 'Checkout down',
      severity: 'SEV2',
      urgency: 'high',
      service: 'checkout',
      startedAt: started,
      detectedAt: started,
    };
    await store.declare(declared, 'bob');
    await store.declare({ ...declared, drill: true, scenario: 'drills/pool.drill.yaml' } as typeof declared, 'bob');
    const load = JSON.parse((await run(['oncall', 'load', '--since', '30d', '--json'], tmp())).out) as {
      people: { person: string; pages: number }[];
      drillsLeftOut: number;
    };
    assert.deepEqual(
      load.people.map((p) => [p.person, p.pages]),
      [['alice', 1]],
    );
    assert.equal(load.drillsLeftOut, 1);
    const text = await run(['oncall', 'load', '--since', '30d', '--limit', '0.1'], tmp());
    assert.match(text.out, /^alice +1 +0\.23 /m);
    assert.match(text.out, /Over 0\.1 pages a week: alice \(0\.23\/week/);
    assert.equal((await run(['oncall', 'load', '--since', 'soon'], tmp())).code, 2);
  });

  describe('with PagerDuty ($WARROOM_PAGERDUTY_TOKEN)', () => {
    let server: LoopbackServer;
    const fixture = (name: string) =>
      JSON.parse(fs.readFileSync(path.join(repoRoot, 'test/fixtures/oncall', name), 'utf8')) as Record<string, unknown[]>;
    const services = fixture('pagerduty-services.json').services;
    const oncalls = fixture('pagerduty-oncalls.json').oncalls;
    beforeEach(async () => {
      // Two pages of each, as PagerDuty pages while `more`.
      server = await startLoopback((req, res) => {
        const url = new URL(req.url, 'http://x');
        const offset = Number(url.searchParams.get('offset'));
        const list = url.pathname === '/services' ? services : url.pathname === '/oncalls' ? oncalls : undefined;
        if (!list) return json(res, 404, { error: { message: 'Not Found' } });
        const key = url.pathname.slice(1);
        const page = offset === 0 ? list.slice(0, 2) : list.slice(2);
        json(res, 200, { [key]: page, more: offset === 0, offset, limit: 2 });
      });
    });
    afterEach(() => server.close());
    const env = () => ({ WARROOM_PAGERDUTY_TOKEN: 'canary-pd-oncall-77', WARROOM_PAGERDUTY_URL: server.url });

    it('answers for the services the file does not name, the file winning where both do', async () => {
      writeFile(fs.readFileSync(path.join(repoRoot, 'test/fixtures/oncall/oncall.yaml'), 'utf8'));
      const result = await run(['oncall', '--at', '2026-03-25T12:00:00Z', '--json'], tmp(), env());
      assert.equal(result.code, 0, result.err);
      const answer = JSON.parse(result.out) as {
        services: { service: string; layers: { shift: { person: string; source: string } }[] }[];
        notes: string[];
      };
      assert.deepEqual(
        answer.services.map((s) => [s.service, s.layers.map((l) => `${l.shift.person}:${l.shift.source}`)]),
        [
          ['checkout', ['alice:file', 'erin:file']],
          ['payments', ['alice:file']],
          ['search', ['Dana Search:pagerduty']],
          ['search-indexer', ['Dana Search:pagerduty']],
        ],
      );
      assert.deepEqual(answer.notes, ["checkout: .warroom/oncall.yaml and PagerDuty both name it; the file's rotation is used"]);
      assert.match(result.err, /note: checkout: \.warroom\/oncall\.yaml and PagerDuty both name it/);
      const asked = server.received.map((r) => new URL(r.url, 'http://x'));
      assert.deepEqual(
        asked.map((u) => `${u.pathname}@${u.searchParams.get('offset')}`),
        ['/services@0', '/services@2', '/oncalls@0', '/oncalls@2'],
      );
      assert.equal(asked[2].searchParams.get('since'), '2026-03-25T12:00:00.000Z');
      assert.equal(server.received[0].headers.authorization, 'Token token=canary-pd-oncall-77');
      assert.ok(!result.out.includes('canary') && !result.err.includes('canary'));
    });

    it('answers from PagerDuty alone without a rotation file, and in words', async () => {
      const result = await run(['oncall', '--at', '2026-03-25T12:00:00Z', '--service', 'search'], tmp(), env());
      assert.equal(result.code, 0, result.err);
      assert.match(result.out, /search\n {2}primary {4}Dana Search until 2026-03-26T00:00:00\.000Z {2}\[PagerDuty: Search daily\]/);
    });

    it('says in plain words when PagerDuty refuses, and the file still answers', async () => {
      writeFile(fs.readFileSync(path.join(repoRoot, 'test/fixtures/oncall/oncall.yaml'), 'utf8'));
      server.handle((_req, res) => fault('401', res));
      const result = await run(['oncall', '--at', '2026-03-25T12:00:00Z', '--service', 'checkout'], tmp(), env());
      assert.equal(result.code, 1);
      assert.match(result.err, /PagerDuty rejected the API key \(401\)/);
      assert.match(result.out, /checkout\n {2}primary {4}alice/);
      assert.ok(!result.err.includes('canary'));
    });
  });
});
