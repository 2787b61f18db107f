import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { FileIncidentStore } from '../../../src/adapters/store/fileStore';
import { main } from '../../../src/cli/main';
import { DeclaredEvent } from '../../../src/core/events';
import { repoRoot } from '../runbooks/paths';
import { useTempDir } from '../../support/tempDir';

async function run(args: string[], cwd: string): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(args, { out: (t) => (out += t + '\n'), err: (t) => (err += t + '\n'), cwd, env: { WARROOM_AUTHOR: 'ci' } });
  return { code, out, err };
}

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
});
