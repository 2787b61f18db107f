import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { FileIncidentStore } from '../../../src/adapters/store/fileStore';
import { declareCheckoutDown, runCli } from '../../support/cli';
import { useTempDir } from '../../support/tempDir';

describe('warroom options: a command takes only the options its usage shows', function () {
  this.timeout(60_000);
  const tmp = useTempDir();

  it("refuses another command's option, naming the command and the option, and writes nothing", async () => {
    const id = await declareCheckoutDown(tmp());
    const events = async () => (await new FileIncidentStore(path.join(tmp(), '.warroom')).load(id))!.incident.events.length;
    const before = await events();

    const json = await runCli(['note', id, 'pool', 'full', '--json'], tmp());
    assert.equal(json.code, 2, json.out);
    assert.match(
      json.err,
      /^warroom note: --json is not an option of warroom note \(to write it as text, put the text after --\)\nUsage: warroom note </,
    );
    // The option was a word of the note: it would have lost "prod" with it.
    const env = await runCli(['note', id, 'rolled', 'back', '--env', 'prod'], tmp());
    assert.equal(env.code, 2, env.out);
    assert.match(env.err, /--env is not an option of warroom note/);
    assert.equal(await events(), before, 'a refused note is not written');

    const window = await runCli(['list', '--window', '3h'], tmp());
    assert.equal(window.code, 2, window.out);
    assert.match(window.err, /^warroom list: --window is not an option of warroom list .*\nUsage: warroom list \[--json\]/);
    // A typo of the line's own option is named; a line that takes no text lists its options.
    const typo = await runCli(['list', '--jsn'], tmp());
    assert.equal(typo.code, 2);
    assert.match(typo.err, /^warroom list: --jsn is not an option of warroom list \(did you mean --json\?\)\n/);
    const metrics = await runCli(['metrics', '--foo'], tmp());
    assert.match(
      metrics.err,
      /^warroom metrics: --foo is not an option of warroom metrics \(its options: --json, --csv, --since, --recurrence, --dir\)\n/,
    );

    // After -- it is text, as the hint says.
    const noted = await runCli(['note', id, '--', 'rolled', 'back', '--env', 'prod'], tmp());
    assert.equal(noted.code, 0, noted.err);
    const last = (await new FileIncidentStore(path.join(tmp(), '.warroom')).load(id))!.incident.events.at(-1);
    assert.equal((last as { text?: string }).text, 'rolled back --env prod');
  });

  it('refuses a value written onto a flag with =', async () => {
    await declareCheckoutDown(tmp());
    const listed = await runCli(['list', '--json=false'], tmp());
    assert.equal(listed.code, 2, listed.out);
    assert.match(listed.err, /^warroom list: --json takes no value \(--json=false\)\nUsage: warroom list/);
    // A valued option still takes one that way.
    const dir = await runCli(['list', '--json', `--dir=${path.join(tmp(), '.warroom')}`], path.dirname(tmp()));
    assert.equal(dir.code, 0, dir.err);
    assert.equal(JSON.parse(dir.out).length, 1);
  });

  it('refuses an option that needs a value and has none, rather than using the default', async () => {
    await declareCheckoutDown(tmp());
    // At the end of the line, or followed by another option: the nearest .warroom would be listed.
    for (const argv of [
      ['list', '--dir'],
      ['list', '--dir', '--json'],
    ]) {
      const listed = await runCli(argv, tmp());
      assert.equal(listed.code, 2, `${argv.join(' ')}: ${listed.out}`);
      assert.match(listed.err, /^warroom list: --dir needs a value \(--dir VALUE, or --dir=VALUE for one that starts with --\)\nUsage:/);
    }
  });

  it("refuses another sub-command's option, naming the sub-command and showing its usage", async () => {
    await declareCheckoutDown(tmp());
    // Each was accepted and ignored: oncall showed who is on call now, list listed every runbook, pull pulled.
    // The error names who takes the option instead.
    for (const [argv, who, usage, takes] of [
      [['oncall', '--since', '30d'], 'oncall', 'oncall [--at TIME] [--service S] [--json] [--dir D]', 'oncall load takes'],
      [
        ['runbooks', 'list', '--alert', 'X'],
        'runbooks list',
        'runbooks list [--json] [--root D] [--globs "a/**,b/**"]',
        'runbooks match takes',
      ],
      [
        ['sync', 'pull', '--json', '--url', 'postgres://127.0.0.1:1/warroom'],
        'sync pull',
        'sync pull [--url U] [--dir D]',
        'sync status takes',
      ],
      // Before the sub-command's word too.
      [
        ['runbooks', '--alert', 'X', 'list'],
        'runbooks list',
        'runbooks list [--json] [--root D] [--globs "a/**,b/**"]',
        'runbooks match takes',
      ],
      [
        ['runbooks', 'lint', '--json'],
        'runbooks lint',
        'runbooks lint [--root D] [--globs "a/**,b/**"]',
        'runbooks list, show or match take',
      ],
    ] as const) {
      const refused = await runCli(argv, tmp());
      const option = argv.find((a) => a.startsWith('--') && a !== '--url')!;
      assert.equal(refused.code, 2, `${argv.join(' ')}: ${refused.out}`);
      assert.equal(
        refused.err,
        `warroom ${argv[0]}: ${option} is not an option of warroom ${who} (only warroom ${takes} it)\nUsage: warroom ${usage}\n`,
      );
    }
    // The sub-command that reads it takes it, wherever it stands.
    for (const argv of [
      ['oncall', 'load', '--since', '30d', '--json'],
      ['oncall', '--since', '30d', 'load', '--json'],
    ]) {
      const load = await runCli(argv, tmp());
      assert.equal(load.code, 0, `${argv.join(' ')}: ${load.err}`);
      assert.equal(JSON.parse(load.out).weeks, 4.29, '30 days, not the default 90');
    }
    // A needed option left out of a sub-command shows that sub-command's usage line.
    const match = await runCli(['runbooks', 'match', '--json'], tmp());
    assert.equal(match.code, 2);
    assert.match(
      match.err,
      /^warroom runbooks: warroom runbooks match needs one of --alert A, --service S or --text T\nUsage: warroom runbooks match \(--alert A \| --service S \| --text T\)[^\n]*\n$/,
    );
  });

  it('refuses --runbook-url without --alert, whose runbook_url it is, rather than dropping it', async () => {
    const refused = await runCli(['runbooks', 'match', '--text', 'disk', '--runbook-url', 'https://wiki/disk', '--json'], tmp());
    assert.equal(refused.code, 2, refused.out);
    assert.match(
      refused.err,
      /^warroom runbooks: --runbook-url is the runbook_url of the alert --alert names: give --alert too\nUsage: warroom runbooks match \(--alert A \| --service S \| --text T\)[^\n]*\n$/,
    );
    const taken = await runCli(['runbooks', 'match', '--alert', 'HostDisk', '--runbook-url', 'https://wiki/disk', '--json'], tmp());
    assert.equal(taken.code, 0, taken.err);
  });

  it('reads --since and --recurrence of metrics only with a period', async () => {
    await declareCheckoutDown(tmp());
    for (const name of ['--since', '--recurrence']) {
      const bare = await runCli(['metrics', name], tmp());
      assert.equal(bare.code, 2);
      assert.match(bare.err, new RegExp(`^warroom metrics: ${name} needs a value \\(`));
      const bad = await runCli(['metrics', name, 'soon'], tmp());
      assert.equal(bad.code, 2);
      assert.match(bad.err, new RegExp(`^warroom metrics: ${name} "soon" is not a period \\(90d, 12w, 6m, 1y\\)`));
    }
  });

  it('refuses an option given twice rather than taking the last value', async () => {
    await declareCheckoutDown(tmp());
    // No option collects values (a list is one comma-separated value: --paths a/**,b/**): the last one won.
    for (const [argv, shown] of [
      [['oncall', 'load', '--since', '1h', '--since', '30d'], '--since is given twice (1h and 30d)'],
      [['list', '--dir=.warroom', '--dir', '/nowhere'], '--dir is given twice (.warroom and /nowhere)'],
      [['runbooks', 'match', '--service', 'checkout', '--service=payments'], '--service is given twice (checkout and payments)'],
    ] as const) {
      const twice = await runCli(argv, tmp());
      assert.equal(twice.code, 2, `${argv.join(' ')}: ${twice.out}`);
      assert.match(
        twice.err,
        new RegExp(`^warroom ${argv[0]}: ${shown.replace(/[.*()]/g, '\\$&')}: give it once\nUsage: warroom ${argv[0]} `),
      );
    }
    // A flag given twice loses nothing, and is still taken.
    const json = await runCli(['list', '--json', '--json'], tmp());
    assert.equal(json.code, 0, json.err);
    assert.equal(JSON.parse(json.out).length, 1);
  });

  it('still answers --help and -h, whatever else argv holds', async () => {
    for (const asked of ['--help', '-h']) {
      const help = await runCli(['list', '--window', '3h', asked], tmp());
      assert.equal(help.code, 0, help.err);
      assert.match(help.out, /^Usage: warroom list \[--json\] \[--dir D\]\n/);
    }
  });
});
