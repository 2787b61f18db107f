import * as assert from 'node:assert/strict';
import { main } from '../../../src/cli/main';
import { COMMANDS } from '../../../src/cli/registry';

describe('warroom help', () => {
  it('lists every subcommand with what it does on the line under its usage, within a terminal', async () => {
    let out = '';
    const code = await main(['help'], { out: (t) => (out += t + '\n'), err: () => undefined, cwd: process.cwd(), env: {} });
    assert.equal(code, 0);
    const lines = out.split('\n');
    for (const command of COMMANDS) {
      const at = lines.indexOf(`  ${command.usage}`);
      assert.ok(at > 0, `${command.name}'s usage is listed`);
      assert.equal(lines[at + 1], `      ${command.summary}`, `${command.name}'s summary follows its usage`);
      assert.ok(lines[at + 1].length <= 100, `${command.name}'s summary fits a terminal: ${lines[at + 1]}`);
      assert.match(command.summary, /^[a-z]/, `${command.name}'s summary starts as the others do, in lower case`);
    }
  });
});
