import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { main } from '../../../src/cli/main';
import { repoRoot } from '../runbooks/paths';
import { useTempDir } from '../../support/tempDir';

async function run(args: string[], cwd: string): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(args, { out: (t) => (out += t + '\n'), err: (t) => (err += t + '\n'), cwd, env: {} });
  return { code, out, err };
}

describe('warroom drill run', function () {
  this.timeout(30_000);
  const tmp = useTempDir();

  it('replays the injects in order and lists what is expected', async () => {
    // 6 minutes of scenario at 2000x: under 0.2 s.
    const result = await run(['drill', 'run', 'drills/db-pool-cut.drill.yaml', '--speed', '2000'], repoRoot);
    assert.equal(result.err, '');
    assert.equal(result.code, 0);
    assert.deepEqual(result.out.split('\n').slice(0, 5), [
      'Drill: Checkout database pool cut (SEV2, checkout) at 2000x',
      'T+0m     deploy  [v2.4.1] Deploy v2.4.1: db.pool.max 50 -> 25',
      'T+2m     alert   [alertmanager] CheckoutDBPoolExhausted: 25/25 connections in use for 2m',
      'T+3m     log     ERROR checkout-api: timeout acquiring connection from pool after 5000ms',
      'T+6m     message [sam (support)] Customers say payment spins forever since a few minutes ago',
    ]);
    assert.match(result.out, /^ {2}runbook \(checkout-db-pool-exhaustion\) by T\+10m$/m);
    const json = JSON.parse(
      (await run(['drill', 'run', 'drills/dependency-outage.drill.yaml', '--speed', '5000', '--json'], repoRoot)).out,
    ) as {
      injects: { at: string }[];
      expected: { action: string }[];
    };
    assert.deepEqual(
      json.injects.map((i) => i.at),
      ['T+0m', 'T+2m', 'T+4m', 'T+10m'],
    );
    assert.equal(json.expected.length, 3);
  });

  it('names the line of a broken scenario and exits 1; bad speed is a usage error', async () => {
    fs.writeFileSync(path.join(tmp(), 'x.drill.yaml'), 'title: X\nservice: api\ninjects:\n  - at: 1m\n    kind: alert\nexpect: []\n');
    const bad = await run(['drill', 'run', 'x.drill.yaml'], tmp());
    assert.equal(bad.code, 1);
    assert.match(bad.err, /^x\.drill\.yaml:4:5: error: missing "text"$/m);
    assert.equal((await run(['drill', 'run', 'x.drill.yaml', '--speed', 'fast'], tmp())).code, 2);
    assert.equal((await run(['drill', 'run', 'missing.drill.yaml'], tmp())).code, 1);
  });
});
