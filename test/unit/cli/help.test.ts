import * as assert from 'node:assert/strict';
import { usageLines } from '../../../src/cli/args';
import { main } from '../../../src/cli/main';
import { runCli } from '../../support/cli';
import { COMMANDS } from '../../../src/cli/registry';

describe('warroom help', () => {
  it('lists every subcommand with what it does on the line under its usage, within a terminal', async () => {
    let out = '';
    const code = await main(['help'], { out: (t) => (out += t + '\n'), err: () => undefined, cwd: process.cwd(), env: {} });
    assert.equal(code, 0);
    const lines = out.split('\n');
    for (const command of COMMANDS) {
      const usage = usageLines(command);
      const at = lines.indexOf(`  ${usage[0]}`);
      assert.ok(at > 0, `${command.name}'s usage is listed`);
      assert.deepEqual(
        lines.slice(at, at + usage.length),
        usage.map((line) => `  ${line}`),
        `${command.name}'s usage lines, one for each sub-command, follow each other`,
      );
      assert.equal(lines[at + usage.length], `      ${command.summary}`, `${command.name}'s summary follows its usage`);
      assert.ok(lines[at + usage.length].length <= 100, `${command.name}'s summary fits a terminal: ${lines[at + usage.length]}`);
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
    assert.match(usage('actions --close-from-git'), /--close-from-git \[--repo D\] \[--branch B\] \[--author NAME\] \[--dir D\]$/);
    assert.match(usage('postmortem'), /\[--author NAME\]/);
    assert.match(usage('runbooks match'), /match \(--alert A \| --service S \| --text T\) \[--runbook-url U\] \[--limit 10\]/);
  });

  it("shows each sub-command's own options, in warroom help and warroom help <command>", async () => {
    const oncall = ['  oncall [--at TIME] [--service S] [--json] [--dir D]', '  oncall load [--since 90d] [--limit 5] [--json] [--dir D]'];
    const all = await runCli(['help'], process.cwd());
    assert.ok(all.out.includes(oncall.join('\n') + '\n'), all.out);
    assert.ok(all.out.includes('\n  sync push [--url U] [--dir D]\n'), all.out);
    // help <command> is <command> --help: every sub-command's line, not the whole list.
    const summary = '      who is on call (.warroom/oncall.yaml or PagerDuty), or on-call load per person\n';
    for (const argv of [
      ['help', 'oncall'],
      ['oncall', '--help'],
    ]) {
      const one = await runCli(argv, process.cwd());
      assert.equal(one.code, 0, argv.join(' '));
      assert.equal(one.out, `Usage: warroom ${oncall[0].trim()}\n       warroom ${oncall[1].trim()}\n${summary}`, argv.join(' '));
    }
    // help <command> <sub-command>: that sub-command's line.
    const load = await runCli(['help', 'oncall', 'load'], process.cwd());
    assert.equal(load.out, `Usage: warroom ${oncall[1].trim()}\n${summary}`);
    const unknown = await runCli(['help', 'oncal'], process.cwd());
    assert.equal(unknown.code, 2);
    assert.match(unknown.err, /^warroom: unknown command "oncal"/);
  });
});
