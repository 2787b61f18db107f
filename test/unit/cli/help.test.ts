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

  it('shows each command with the options it reads, those its usage once left out too', async () => {
    let out = '';
    await main(['help'], { out: (t) => (out += t + '\n'), err: () => undefined, cwd: process.cwd(), env: {} });
    const usage = (name: string) => out.split('\n').find((line) => line.startsWith(`  ${name} `)) ?? '';
    // correlate passes --branch to the adapter and finds --incident in --dir; closing actions from git and
    // importing a postmortem write as --author; match reads --text, --runbook-url and --limit.
    assert.match(usage('correlate'), /\[--branch B\].*\[--dir D\]/);
    assert.match(usage('actions'), /--close-from-git \[--repo D\] \[--branch B\] \[--author NAME\]\]/);
    assert.match(usage('postmortem'), /\[--author NAME\]/);
    assert.match(usage('runbooks'), /match \[--alert A\] \[--service S\] \[--text T\] \[--runbook-url U\] \[--limit 10\]/);
  });
});
