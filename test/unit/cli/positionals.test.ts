import * as assert from 'node:assert/strict';
import { usageLines, usagePositionals, usageRequired } from '../../../src/cli/args';
import { COMMANDS } from '../../../src/cli/registry';
import { declareCheckoutDown, runCli } from '../../support/cli';
import { useTempDir } from '../../support/tempDir';

/**
 * For each usage line, an argv (after the command) with every word that line shows, and no more. The
 * lines of `note` and `milestone` end in one that takes the rest (`<text...>`, `<time...|clear>`): none.
 */
const FULL: Record<string, readonly string[] | 'takes the rest'> = {
  'list [--json] [--dir D]': [],
  'show <id> [--json] [--dir D]': ['INC-1'],
  'note <id> <text...> [--kind note|decision|action|hypothesis] [--at TIME] [--author NAME] [--dir D]': 'takes the rest',
  'declare <title...> --severity <SEV> [--urgency high] [--service S] [--began TIME] [--detected TIME] [--commander NAME] [--json] [--author NAME] [--dir D]':
    'takes the rest',
  'severity <id> <SEV> [--author NAME] [--dir D]': ['INC-1', 'SEV1'],
  'status <id> <status> [--author NAME] [--dir D]': ['INC-1', 'monitoring'],
  'role <id> <role> <person...> [--author NAME] [--dir D]': 'takes the rest',
  'resolve <id> <resolution...> [--author NAME] [--dir D]': 'takes the rest',
  'reopen <id> [reason...] [--author NAME] [--dir D]': 'takes the rest',
  'deploy <id> <sha|tag> [--env production] [--at TIME] [--repo DIR] [--author NAME] [--dir D]': ['INC-1', 'v1.2'],
  'mark <id> <sha> <cause|suspect|cleared> [--note TEXT] [--repo DIR] [--author NAME] [--dir D]': ['INC-1', 'abc1234', 'cause'],
  'runbooks list [--json] [--root D] [--globs "a/**,b/**"]': ['list'],
  'runbooks lint [--root D] [--globs "a/**,b/**"]': ['lint'],
  'runbooks show <file> [--json] [--root D]': ['show', 'a.md'],
  'runbooks match (--alert A | --service S | --text T) [--runbook-url U] [--limit 10] [--json] [--root D] [--globs "a/**,b/**"]': [
    'match',
    '--text',
    'disk',
  ],
  'sync status [--url U] [--json] [--dir D]': ['status'],
  'sync push [--url U] [--dir D]': ['push'],
  'sync pull [--url U] [--dir D]': ['pull'],
  'milestone <id> <milestone> <time...|clear> [--note TEXT] [--long-ago] [--author NAME] [--dir D]': 'takes the rest',
  'review <id> [--out FILE] [--folder DIR] [--dir D]': ['INC-1'],
  'actions --close-from-git [--repo D] [--branch B] [--author NAME] [--dir D]': ['--close-from-git'],
  'actions add <id> <title...> [--kind prevent|mitigate|detect|process] [--owner NAME] [--due YYYY-MM-DD] [--priority high|medium|low] [--author NAME] [--dir D]':
    'takes the rest',
  'actions close <item> <how-or-why...> [--wont-do] [--author NAME] [--dir D]': 'takes the rest',
  'actions reopen <item> [reason...] [--author NAME] [--dir D]': 'takes the rest',
  'postmortem import <file.md> [--dry-run] [--again] [--json] [--author NAME] [--dir D]': ['import', 'pm.md'],
  'metrics [--since 90d] [--recurrence 90d] [--json|--csv] [--dir D]': [],
  'alerts parse <payload.json> --source pagerduty|alertmanager|opsgenie [--json]': ['parse', 'x.json', '--source', 'alertmanager'],
  'alerts ack <alert-id> --source pagerduty|opsgenie [--incident ID] [--author NAME] [--dir D]': ['ack', 'A-1', '--source', 'opsgenie'],
  'alerts resolve <alert-id> --source pagerduty|opsgenie [--incident ID] [--author NAME] [--dir D]': [
    'resolve',
    'A-1',
    '--source',
    'opsgenie',
  ],
  'oncall load [--since 90d] [--limit 5] [--json] [--dir D]': ['load'],
  'drill run <scenario.drill.yaml> [--speed 10] [--json]': ['run', 'a.drill.yaml'],
};

/** Lines without a sub-command, of commands with some: a word there is a mistyped sub-command. */
const BARE_OF_SUBCOMMANDS = [
  'actions [--overdue] [--json] [--dir D]',
  'alerts [--source pagerduty|alertmanager|opsgenie] [--json]',
  'oncall [--at TIME] [--service S] [--json] [--dir D]',
];

describe('usagePositionals: the words a usage line shows besides its options', () => {
  it('reads <needed>, [optional] and ... (every word left), past options, their values and the sub-command', () => {
    const read = (line: string) => {
      const { shown, min, max } = usagePositionals(line);
      return { shown: [...shown], min, max };
    };
    assert.deepEqual(read('list [--json] [--dir D]'), { shown: [], min: 0, max: 0 });
    assert.deepEqual(read('mark <id> <sha> <cause|suspect|cleared> [--note TEXT]'), {
      shown: ['<id>', '<sha>', '<cause|suspect|cleared>'],
      min: 3,
      max: 3,
    });
    assert.deepEqual(read('note <id> <text...> [--author NAME]'), { shown: ['<id>', '<text...>'], min: 2, max: Infinity });
    assert.deepEqual(read('runbooks show <file> [--json] [--root D]'), { shown: ['<file>'], min: 1, max: 1 });
    assert.deepEqual(read('tool get <id> [file] [--x A]'), { shown: ['<id>', '[file]'], min: 1, max: 2 });
    assert.deepEqual(read('correlate --repo <dir> (--at <time> | --incident <id>) [--globs "a/**,b/**"] [--json|--csv]'), {
      shown: [],
      min: 0,
      max: 0,
    });
    assert.deepEqual(read('actions --close-from-git [--repo D] [--branch B]'), { shown: [], min: 0, max: 0 });
    assert.deepEqual(read('alerts parse <payload.json> --source pagerduty|alertmanager|opsgenie [--json]'), {
      shown: ['<payload.json>'],
      min: 1,
      max: 1,
    });
  });

  it('refuses a line it cannot read, so a mistake in one fails here, not on a user', () => {
    assert.throws(() => usagePositionals('tool <id> file [--json]'), /shows "file": neither an option, <needed> nor \[optional\]/);
    assert.throws(() => usagePositionals('tool [a] <b>'), /shows <b>, needed, after an optional one/);
    assert.throws(() => usagePositionals('tool <a...> <b>'), /shows <b> after one that takes every word left/);
    for (const command of COMMANDS) for (const line of usageLines(command)) usagePositionals(line);
  });
});

/**
 * For each usage line that needs words, an argv (after the command) one word short of them, every other word
 * well formed, and what the parser says: before it checked, each command said it its own way, and some blamed
 * a word that was fine (`mark INC-1 abc1234`: "the verdict must be one of ...").
 */
const ONE_SHORT: Record<string, { readonly argv: readonly string[]; readonly message: string }> = {
  'show <id> [--json] [--dir D]': { argv: [], message: 'warroom show needs <id>' },
  'note <id> <text...> [--kind note|decision|action|hypothesis] [--at TIME] [--author NAME] [--dir D]': {
    argv: ['INC-1'],
    message: 'missing <text...>: warroom note needs <id> and <text...>',
  },
  'declare <title...> --severity <SEV> [--urgency high] [--service S] [--began TIME] [--detected TIME] [--commander NAME] [--json] [--author NAME] [--dir D]':
    {
      argv: ['--severity', 'SEV1', '--service', 'checkout'],
      message: 'missing <title...>: warroom declare needs <title...> and --severity <SEV>',
    },
  'severity <id> <SEV> [--author NAME] [--dir D]': { argv: ['INC-1'], message: 'missing <SEV>: warroom severity needs <id> and <SEV>' },
  'status <id> <status> [--author NAME] [--dir D]': {
    argv: ['INC-1'],
    message: 'missing <status>: warroom status needs <id> and <status>',
  },
  'role <id> <role> <person...> [--author NAME] [--dir D]': {
    argv: ['INC-1', 'IC'],
    message: 'missing <person...>: warroom role needs <id>, <role> and <person...>',
  },
  'resolve <id> <resolution...> [--author NAME] [--dir D]': {
    argv: ['INC-1'],
    message: 'missing <resolution...>: warroom resolve needs <id> and <resolution...>',
  },
  'reopen <id> [reason...] [--author NAME] [--dir D]': { argv: [], message: 'warroom reopen needs <id>' },
  'deploy <id> <sha|tag> [--env production] [--at TIME] [--repo DIR] [--author NAME] [--dir D]': {
    argv: ['INC-1', '--env', 'staging'],
    message: 'missing <sha|tag>: warroom deploy needs <id> and <sha|tag>',
  },
  'mark <id> <sha> <cause|suspect|cleared> [--note TEXT] [--repo DIR] [--author NAME] [--dir D]': {
    argv: ['INC-1', 'abc1234'],
    message: 'missing <cause|suspect|cleared>: warroom mark needs <id>, <sha> and <cause|suspect|cleared>',
  },
  'runbooks show <file> [--json] [--root D]': { argv: ['show'], message: 'warroom runbooks show needs <file>' },
  'milestone <id> <milestone> <time...|clear> [--note TEXT] [--long-ago] [--author NAME] [--dir D]': {
    argv: ['INC-1', 'detected'],
    message: 'missing <time...|clear>: warroom milestone needs <id>, <milestone> and <time...|clear>',
  },
  'review <id> [--out FILE] [--folder DIR] [--dir D]': { argv: [], message: 'warroom review needs <id>' },
  'actions add <id> <title...> [--kind prevent|mitigate|detect|process] [--owner NAME] [--due YYYY-MM-DD] [--priority high|medium|low] [--author NAME] [--dir D]':
    {
      argv: ['add', 'INC-1', '--owner', 'Riley'],
      message: 'missing <title...>: warroom actions add needs <id> and <title...>',
    },
  'actions close <item> <how-or-why...> [--wont-do] [--author NAME] [--dir D]': {
    argv: ['close', 'ACT-aaaa0001', '--wont-do'],
    message: 'missing <how-or-why...>: warroom actions close needs <item> and <how-or-why...>',
  },
  'actions reopen <item> [reason...] [--author NAME] [--dir D]': { argv: ['reopen'], message: 'warroom actions reopen needs <item>' },
  'postmortem import <file.md> [--dry-run] [--again] [--json] [--author NAME] [--dir D]': {
    argv: ['import', '--dry-run'],
    message: 'warroom postmortem import needs <file.md>',
  },
  'alerts parse <payload.json> --source pagerduty|alertmanager|opsgenie [--json]': {
    argv: ['parse', '--source', 'alertmanager'],
    message: 'missing <payload.json>: warroom alerts parse needs <payload.json> and --source pagerduty|alertmanager|opsgenie',
  },
  'alerts ack <alert-id> --source pagerduty|opsgenie [--incident ID] [--author NAME] [--dir D]': {
    argv: ['ack', '--source', 'opsgenie'],
    message: 'missing <alert-id>: warroom alerts ack needs <alert-id> and --source pagerduty|opsgenie',
  },
  'alerts resolve <alert-id> --source pagerduty|opsgenie [--incident ID] [--author NAME] [--dir D]': {
    argv: ['resolve', '--source', 'pagerduty'],
    message: 'missing <alert-id>: warroom alerts resolve needs <alert-id> and --source pagerduty|opsgenie',
  },
  'drill run <scenario.drill.yaml> [--speed 10] [--json]': {
    argv: ['run', '--speed', '10'],
    message: 'warroom drill run needs <scenario.drill.yaml>',
  },
};

describe('warroom: a word a usage line does not show is refused, not ignored', function () {
  this.timeout(60_000);
  const tmp = useTempDir();

  it('refuses a word too many on every command and sub-command, naming it, with the usage line', async () => {
    const correlate = COMMANDS.find((c) => c.name === 'correlate')!;
    const all = COMMANDS.flatMap((c) => usageLines(c).map((line) => ({ command: c.name, line })));
    assert.deepEqual(
      all.map((l) => l.line).filter((line) => !(line in FULL) && !BARE_OF_SUBCOMMANDS.includes(line) && line !== correlate.usage),
      [],
      'every usage line is in FULL',
    );
    for (const { command, line } of all) {
      const full = line === correlate.usage ? ['--repo', tmp(), '--at', '20m ago'] : FULL[line];
      if (full === 'takes the rest' || BARE_OF_SUBCOMMANDS.includes(line)) continue;
      const argv = [command, ...full, 'extra'];
      const { code, out, err } = await runCli(argv, tmp());
      assert.equal(code, 2, `warroom ${argv.join(' ')}: ${out}${err}`);
      assert.match(err, /: unexpected argument "extra": warroom [^\n]+ takes /, `warroom ${argv.join(' ')}`);
      assert.ok(err.endsWith(`\nUsage: warroom ${line}\n`), `warroom ${argv.join(' ')}: ${err}`);
    }
  });

  it('names what a line takes: only its words, or none', async () => {
    for (const [argv, message] of [
      [['list', 'extra'], 'warroom list: unexpected argument "extra": warroom list takes none'],
      [['metrics', '90d'], 'warroom metrics: unexpected argument "90d": warroom metrics takes none'],
      [['show', 'INC-1', 'INC-2'], 'warroom show: unexpected argument "INC-2": warroom show takes only <id>'],
      [['runbooks', 'show', 'a.md', 'b.md'], 'warroom runbooks: unexpected argument "b.md": warroom runbooks show takes only <file>'],
      [['oncall', 'load', 'x'], 'warroom oncall: unexpected argument "x": warroom oncall load takes none'],
      // After -- a word is still a word.
      [['actions', '--close-from-git', '--', 'x'], 'warroom actions: unexpected argument "x": warroom actions --close-from-git takes none'],
    ] as const) {
      const { code, err } = await runCli(argv, tmp());
      assert.equal(code, 2, argv.join(' '));
      assert.equal(err.split('\n')[0], message);
    }
  });

  it('still takes every word where a line takes the rest', async () => {
    const id = await declareCheckoutDown(tmp());
    const note = await runCli(['note', id, 'pool', 'full', 'again'], tmp(), { WARROOM_AUTHOR: 'ci' });
    assert.equal(note.code, 0, note.err);
    const milestone = await runCli(['milestone', id, 'detected', '1h', '30m', 'ago'], tmp(), { WARROOM_AUTHOR: 'ci' });
    assert.equal(milestone.code, 0, milestone.err);
  });

  it('refuses a mistyped sub-command, suggesting the one meant, instead of running another', async () => {
    const alerts = [
      'alerts [--source pagerduty|alertmanager|opsgenie] [--json]',
      'alerts parse <payload.json> --source pagerduty|alertmanager|opsgenie [--json]',
      'alerts ack <alert-id> --source pagerduty|opsgenie [--incident ID] [--author NAME] [--dir D]',
      'alerts resolve <alert-id> --source pagerduty|opsgenie [--incident ID] [--author NAME] [--dir D]',
    ];
    // Read as `alerts`, it fetched live alerts from WARROOM_ALERTMANAGER_URL instead of reading x.json.
    const typo = await runCli(['alerts', 'pase', 'x.json', '--source', 'alertmanager'], tmp(), {
      WARROOM_ALERTMANAGER_URL: 'http://127.0.0.1:1',
    });
    assert.equal(typo.code, 2, typo.err);
    assert.equal(typo.out, '');
    assert.equal(
      typo.err,
      `warroom alerts: "pase" is not a sub-command of warroom alerts (did you mean parse?)\nUsage: warroom ${alerts[0]}\n${alerts
        .slice(1)
        .map((line) => `       warroom ${line}\n`)
        .join('')}`,
    );
    for (const [argv, message] of [
      [['runbooks', 'lst'], '"lst" is not a sub-command of warroom runbooks (did you mean list?)'],
      [['runbooks', '--root', '.', 'mtach', '--text', 'x'], '"mtach" is not a sub-command of warroom runbooks (did you mean match?)'],
      [['sync', 'stauts'], '"stauts" is not a sub-command of warroom sync (did you mean status?)'],
      [['oncall', 'lod', '--since', '30d'], '"lod" is not a sub-command of warroom oncall (did you mean load?)'],
      [['drill', 'rn', 'a.drill.yaml'], '"rn" is not a sub-command of warroom drill (did you mean run?)'],
      [['postmortem', 'imprt', 'pm.md'], '"imprt" is not a sub-command of warroom postmortem (did you mean import?)'],
      [['alerts', 'now'], '"now" is not a sub-command of warroom alerts (its sub-commands: parse, ack or resolve)'],
      [['runbooks', 'delete'], '"delete" is not a sub-command of warroom runbooks (its sub-commands: list, lint, show or match)'],
      [['runbooks'], 'a sub-command is required: list, lint, show or match'],
    ] as const) {
      const { code, err } = await runCli(argv, tmp());
      assert.equal(code, 2, argv.join(' '));
      const command = COMMANDS.find((c) => c.name === argv[0])!;
      const usage = usageLines(command).map((line) => `warroom ${line}`);
      assert.equal(err, `warroom ${argv[0]}: ${message}\nUsage: ${usage.join('\n       ')}\n`, argv.join(' '));
    }
    const command = await runCli(['oncal'], tmp());
    assert.equal(command.code, 2);
    assert.equal(command.err, 'warroom: unknown command "oncal" (did you mean oncall?)\nwarroom help lists each with its options\n');
    const far = await runCli(['frobnicate'], tmp());
    assert.match(far.err, /^warroom: unknown command "frobnicate" \(the commands: list, show, note, declare, .*, drill\)\n/);
    assert.equal(far.err.split('\n').length, 3, 'the names, not every usage line');
  });
});

describe('warroom: a word a usage line needs is asked for by the parser, in one form', function () {
  this.timeout(60_000);
  const tmp = useTempDir();

  it('refuses a word too few on every command and sub-command that needs words, naming them, with the usage line', async () => {
    const all = COMMANDS.flatMap((c) => usageLines(c).map((line) => ({ command: c.name, line })));
    assert.deepEqual(
      all.filter(({ line }) => usagePositionals(line).min > 0 && !(line in ONE_SHORT)).map(({ line }) => line),
      [],
      'every usage line that needs words is in ONE_SHORT',
    );
    for (const { command, line } of all.filter(({ line }) => line in ONE_SHORT)) {
      const { argv, message } = ONE_SHORT[line];
      const { code, out, err } = await runCli([command, ...argv], tmp());
      assert.equal(code, 2, `warroom ${command} ${argv.join(' ')}: ${out}${err}`);
      assert.equal(out, '');
      assert.equal(err, `warroom ${command}: ${message}\nUsage: warroom ${line}\n`, `warroom ${command} ${argv.join(' ')}`);
    }
  });

  it('names every word missing, and takes a blank word for a missing one', async () => {
    for (const [argv, message] of [
      [['mark'], 'warroom mark needs <id>, <sha> and <cause|suspect|cleared>'],
      [['mark', 'INC-1'], 'missing <sha> and <cause|suspect|cleared>: warroom mark needs <id>, <sha> and <cause|suspect|cleared>'],
      // `warroom show "$ID"` with $ID unset: "" is a prefix of every id.
      [['show', ''], 'warroom show needs <id>'],
      [['note', 'INC-1', ' ', ''], 'missing <text...>: warroom note needs <id> and <text...>'],
      [['mark', ' ', 'abc1234', 'cause'], 'missing <id>: warroom mark needs <id>, <sha> and <cause|suspect|cleared>'],
    ] as const) {
      const { code, err } = await runCli(argv, tmp());
      assert.equal(code, 2, argv.join(' '));
      assert.equal(err.split('\n')[0], `warroom ${argv[0]}: ${message}`, argv.join(' '));
    }
  });

  it('records no milestone without its time: one left out is not now', async () => {
    const id = await declareCheckoutDown(tmp());
    const before = (await runCli(['show', id, '--json'], tmp())).out;
    const { code, err } = await runCli(['milestone', id, 'detected'], tmp(), { WARROOM_AUTHOR: 'ci' });
    assert.equal(code, 2, err);
    assert.equal(
      err.split('\n')[0],
      'warroom milestone: missing <time...|clear>: warroom milestone needs <id>, <milestone> and <time...|clear>',
    );
    assert.equal((await runCli(['show', id, '--json'], tmp())).out, before, 'nothing written');
  });
});

describe('usageRequired: the options a usage line needs', () => {
  it('reads an option outside [...] as needed, and a (... | ...) group as one of its options needed', () => {
    const read = (line: string) => usageRequired(line).map((r) => [[...r.names], r.shown]);
    assert.deepEqual(read('correlate --repo <dir> (--at <time> | --incident <id>) [--window 24h] [--json|--csv]'), [
      [['repo'], '--repo <dir>'],
      [['at', 'incident'], 'either --at <time> or --incident <id>'],
    ]);
    assert.deepEqual(read('alerts parse <payload.json> --source pagerduty|alertmanager|opsgenie [--json]'), [
      [['source'], '--source pagerduty|alertmanager|opsgenie'],
    ]);
    assert.deepEqual(read('tool (--a A | --b | --c C) [--d D [--e E] (--f | --g)] [--paths "a/**,b/**"]'), [
      [['a', 'b', 'c'], 'one of --a A, --b or --c C'],
    ]);
    assert.deepEqual(read('list [--json] [--dir D]'), []);
  });

  it('refuses a group it cannot read, so a mistake in one fails here, not on a user', () => {
    assert.throws(
      () => usageRequired('tool (--a A --b B | --c)'),
      /shows \(--a A --b B \| --c\): a group of options needs one option each side of \|/,
    );
    assert.throws(() => usageRequired('tool (<id> | --all)'), /a group of options needs one option each side/);
    for (const command of COMMANDS) for (const line of usageLines(command)) usageRequired(line);
  });
});

/**
 * For each usage line that needs an option besides the one that picks it (`actions --close-from-git`),
 * argv (after the command) with everything else it needs, and what the parser says: before, each command
 * asked in its own words, and `correlate` went ahead without --repo, in the current folder.
 */
const OPTION_LEFT_OUT: Record<string, readonly { readonly argv: readonly string[]; readonly message: string }[]> = {
  'declare <title...> --severity <SEV> [--urgency high] [--service S] [--began TIME] [--detected TIME] [--commander NAME] [--json] [--author NAME] [--dir D]':
    [
      {
        argv: ['Checkout', 'down', '--service', 'checkout'],
        message: 'missing --severity <SEV>: warroom declare needs <title...> and --severity <SEV>',
      },
    ],
  'alerts parse <payload.json> --source pagerduty|alertmanager|opsgenie [--json]': [
    {
      argv: ['parse', 'x.json'],
      message:
        'missing --source pagerduty|alertmanager|opsgenie: warroom alerts parse needs <payload.json> and --source pagerduty|alertmanager|opsgenie',
    },
    { argv: ['parse', '--json'], message: 'warroom alerts parse needs <payload.json> and --source pagerduty|alertmanager|opsgenie' },
  ],
  'alerts ack <alert-id> --source pagerduty|opsgenie [--incident ID] [--author NAME] [--dir D]': [
    {
      argv: ['ack', 'A-1'],
      message: 'missing --source pagerduty|opsgenie: warroom alerts ack needs <alert-id> and --source pagerduty|opsgenie',
    },
  ],
  'alerts resolve <alert-id> --source pagerduty|opsgenie [--incident ID] [--author NAME] [--dir D]': [
    {
      argv: ['resolve', 'A-1', '--incident', 'INC-1'],
      message: 'missing --source pagerduty|opsgenie: warroom alerts resolve needs <alert-id> and --source pagerduty|opsgenie',
    },
  ],
  [COMMANDS.find((c) => c.name === 'correlate')!.usage as string]: [
    {
      argv: ['--repo', '.', '--window', '2h'],
      message: 'warroom correlate needs either --at <time> or --incident <id>',
    },
    { argv: ['--json'], message: 'warroom correlate needs either --at <time> or --incident <id>' },
  ],
  'runbooks match (--alert A | --service S | --text T) [--runbook-url U] [--limit 10] [--json] [--root D] [--globs "a/**,b/**"]': [
    { argv: ['match', '--limit', '3'], message: 'warroom runbooks match needs one of --alert A, --service S or --text T' },
  ],
};

describe('warroom: an option a usage line needs is asked for by the parser, as a word is', function () {
  this.timeout(60_000);
  const tmp = useTempDir();

  it('refuses a needed option left out on every line that needs one, naming it, with the usage line', async () => {
    const all = COMMANDS.flatMap((c) => usageLines(c).map((line) => ({ command: c.name, line })));
    // The flag that picks a line is there whenever that line runs.
    const needsMore = ({ line }: { line: string }) =>
      usageRequired(line).some((r) => !new RegExp(`^\\S+ --${r.names[0]}(?= \\[|$)`).test(line));
    assert.deepEqual(
      all.filter((l) => needsMore(l) && !(l.line in OPTION_LEFT_OUT)).map(({ line }) => line),
      [],
      'every usage line that needs an option is in OPTION_LEFT_OUT',
    );
    for (const { command, line } of all.filter((l) => l.line in OPTION_LEFT_OUT)) {
      for (const { argv, message } of OPTION_LEFT_OUT[line]) {
        const { code, out, err } = await runCli([command, ...argv], tmp(), { WARROOM_ALERTMANAGER_URL: 'http://127.0.0.1:1' });
        assert.equal(code, 2, `warroom ${command} ${argv.join(' ')}: ${out}${err}`);
        assert.equal(out, '');
        assert.equal(err, `warroom ${command}: ${message}\nUsage: warroom ${line}\n`, `warroom ${command} ${argv.join(' ')}`);
      }
    }
  });

  it('refuses a blank value for an option that takes one, naming the option, rather than reading it as absent', async () => {
    const id = await declareCheckoutDown(tmp());
    for (const [argv, message] of [
      // `--incident "$ID"` with $ID unset: the empty id was dropped and --at asked for instead.
      [['correlate', '--repo', '.', '--incident', ''], '--incident "" is blank: it needs a value'],
      [['correlate', '--repo', '', '--at', '20m ago'], '--repo "" is blank: it needs a value'],
      [['correlate', '--repo=', '--at', '20m ago'], '--repo "" is blank: it needs a value'],
      [['alerts', 'parse', 'x.json', '--source', ' '], '--source " " is blank: it needs a value'],
      [['note', id, 'pool', 'full', '--author', ''], '--author "" is blank: it needs a value'],
      [['list', '--dir='], '--dir "" is blank: it needs a value'],
    ] as const) {
      const { code, out, err } = await runCli(argv, tmp());
      assert.equal(code, 2, `${argv.join(' ')}: ${out}${err}`);
      assert.equal(err.split('\n')[0], `warroom ${argv[0]}: ${message}`, argv.join(' '));
      assert.match(err, /\nUsage: warroom /);
    }
    // Given, the incident still stands for --at.
    const named = await runCli(['correlate', '--repo', tmp(), '--incident', id], tmp());
    assert.equal(named.code, 1, named.err);
    assert.match(named.err, /is not a git repository/);
  });
});
