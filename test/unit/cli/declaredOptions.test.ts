import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ParsedArgs, usageFor, usageLines, usageOptions } from '../../../src/cli/args';
import { FileIncidentStore } from '../../../src/adapters/store/fileStore';
import { CliCommand } from '../../../src/cli/command';
import { ActionItemAddedEvent } from '../../../src/core/learning/actionItems';
import { COMMANDS } from '../../../src/cli/registry';
import { repoRoot } from '../../harness/paths';
import { declareCheckoutDown, runCli } from '../../support/cli';
import { makeRepo } from '../../support/gitRepo';
import { useTempDirs } from '../../support/tempDir';

describe('usageOptions: the options a usage line shows', () => {
  const options = (usage: string) => {
    const { flags, valued } = usageOptions(usage);
    return { flags: [...flags].sort(), valued: [...valued].sort() };
  };

  it('reads a word after an option as its value, and ], |, ), the end or a group after it as a flag', () => {
    assert.deepEqual(options('actions [--overdue] [--json] [--close-from-git [--repo D] [--branch B]] [--dir D]'), {
      flags: ['close-from-git', 'json', 'overdue'],
      valued: ['branch', 'dir', 'repo'],
    });
    assert.deepEqual(options('metrics [--since 90d] [--json|--csv]'), { flags: ['csv', 'json'], valued: ['since'] });
    assert.deepEqual(options('correlate --repo <dir> (--at <time> | --incident <id>) [--globs "a/**,b/**"] --json'), {
      flags: ['json'],
      valued: ['at', 'globs', 'incident', 'repo'],
    });
    assert.deepEqual(options('alerts [--source a|b] [--json] | alerts parse <f> --source S --dry-run --top N'), {
      flags: ['dry-run', 'json'],
      valued: ['source', 'top'],
    });
  });

  it('refuses a usage that shows one option both with a value and without', () => {
    assert.throws(() => usageOptions('x [--json] | x y --json FILE'), /the usage "x \[--json\] \| x y --json FILE" shows --json both/);
  });
});

interface Fixture {
  readonly root: string;
  readonly repo: string;
  readonly dataDir: string;
  readonly id: string;
  readonly sha: string;
}
/** A value each valued option accepts, so a refusal can only be of the option itself. */
const VALUES: Readonly<Record<string, (f: Fixture) => string>> = {
  after: () => '30m',
  alert: () => 'HostDiskMoved',
  at: () => '20m ago',
  author: () => 'alice',
  began: () => '10m ago',
  commander: () => 'Dana',
  detected: () => '5m ago',
  branch: () => 'main',
  'deploy-log': (f) => path.join(f.repo, 'deploys.log'),
  'deploy-tags': () => 'deploy/*',
  dir: (f) => f.dataDir,
  due: () => '2030-01-31',
  env: () => 'staging',
  evidence: (f) => path.join(f.root, 'evidence.txt'),
  folder: () => 'docs/reviews',
  globs: () => 'runbooks/**',
  incident: (f) => f.id,
  kind: () => 'decision',
  limit: () => '3',
  note: () => 'the pool filled',
  out: (f) => path.join(f.root, 'review.md'),
  owner: () => 'Riley',
  priority: () => 'high',
  paths: () => 'src/**',
  recurrence: () => '30d',
  'release-tags': () => 'v*',
  repo: (f) => f.repo,
  root: (f) => f.repo,
  'runbook-url': () => 'https://runbooks.example/disk',
  service: () => 'checkout',
  severity: () => 'SEV2',
  since: () => '30d',
  source: () => 'alertmanager',
  speed: () => '50',
  text: () => 'disk',
  title: () => 'Checkout down',
  top: () => '3',
  // Nothing listens on port 1: the connection is refused at once.
  url: () => 'postgres://127.0.0.1:1/warroom',
  urgency: () => 'low',
  window: () => '2h',
};

/** Where one option takes other values on another command: an action item's --kind is no timeline entry's. */
const COMMAND_VALUES: Readonly<Record<string, Readonly<Record<string, (f: Fixture) => string>>>> = {
  actions: { kind: () => 'detect' },
};

/** Each command (and subcommand) with the arguments it needs, to which one option at a time is added. */
const PATHS: readonly { readonly command: string; readonly argv: (f: Fixture) => string[] }[] = [
  { command: 'list', argv: () => [] },
  { command: 'show', argv: (f) => [f.id] },
  { command: 'note', argv: (f) => [f.id, 'pool', 'full'] },
  { command: 'declare', argv: () => ['Checkout', 'down', '--severity', 'SEV2'] },
  { command: 'severity', argv: (f) => [f.id, 'SEV1'] },
  { command: 'status', argv: (f) => [f.id, 'monitoring'] },
  { command: 'role', argv: (f) => [f.id, 'IC', 'Dana'] },
  // The first run resolves, the next ones exit 1 (already resolved) after reading their options; reopen
  // then makes it active again for the commands after it.
  { command: 'resolve', argv: (f) => [f.id, 'rolled', 'back'] },
  { command: 'reopen', argv: (f) => [f.id, 'errors', 'again'] },
  { command: 'correlate', argv: (f) => ['--repo', f.repo, '--at', '20m ago'] },
  { command: 'deploy', argv: (f) => [f.id, 'HEAD'] },
  { command: 'mark', argv: (f) => [f.id, f.sha, 'suspect'] },
  { command: 'runbooks', argv: () => ['list'] },
  { command: 'runbooks', argv: () => ['lint'] },
  { command: 'runbooks', argv: (f) => ['show', path.join(f.repo, 'runbooks', 'HostDiskMoved.md')] },
  { command: 'runbooks', argv: () => ['match', '--alert', 'HostDiskMoved'] },
  { command: 'sync', argv: (f) => ['status', '--url', VALUES.url(f)] },
  { command: 'sync', argv: (f) => ['push', '--url', VALUES.url(f)] },
  { command: 'sync', argv: (f) => ['pull', '--url', VALUES.url(f)] },
  { command: 'milestone', argv: (f) => [f.id, 'detected', '10m ago'] },
  { command: 'review', argv: (f) => [f.id] },
  { command: 'actions', argv: () => [] },
  { command: 'actions', argv: () => ['--close-from-git'] },
  { command: 'actions', argv: (f) => ['add', f.id, 'Cap', 'the', 'pool'] },
  // The first run closes the item, the next ones exit 1 (already closed); reopen opens it again.
  { command: 'actions', argv: () => ['close', 'ACT-aaaa0001', 'pool', 'capped'] },
  { command: 'actions', argv: () => ['reopen', 'ACT-aaaa0001', 'not', 'yet'] },
  { command: 'postmortem', argv: () => ['import', path.join(repoRoot, 'test', 'fixtures', 'postmortems', 'table-offsets-multiday.md')] },
  { command: 'metrics', argv: () => [] },
  { command: 'alerts', argv: () => [] },
  { command: 'alerts', argv: (f) => ['parse', path.join(f.root, 'payload.json'), '--source', 'alertmanager'] },
  // No key in the environment: each says the source is not configured (exit 1), after reading its options.
  { command: 'alerts', argv: () => ['ack', 'A-1', '--source', 'opsgenie'] },
  { command: 'alerts', argv: () => ['resolve', 'A-1', '--source', 'pagerduty'] },
  { command: 'oncall', argv: () => [] },
  { command: 'oncall', argv: () => ['load'] },
  // A scenario replays in real time at the default speed: an absent one stops after --speed is read.
  { command: 'drill', argv: (f) => ['run', path.join(f.root, 'absent.drill.yaml')] },
];

/** Lets the command run as main runs it, and notes every option it asks argv for. */
class AskedOptions extends Map<string, string | true> {
  constructor(
    given: ReadonlyMap<string, string | true>,
    private readonly asked: Set<string>,
  ) {
    super(given);
  }
  override get(name: string): string | true | undefined {
    this.asked.add(name);
    return super.get(name);
  }
  override has(name: string): boolean {
    this.asked.add(name);
    return super.has(name);
  }
}

function noteAsked(command: CliCommand, asked: Set<string>): () => void {
  const run = command.run;
  command.run = (args: ParsedArgs, io) =>
    run.call(command, { positionals: args.positionals, options: new AskedOptions(args.options, asked) }, io);
  return () => {
    command.run = run;
  };
}

describe('warroom: every command (and sub-command) takes every option its usage shows, and reads no other', function () {
  // Some 160 runs, a few starting git: seconds on an idle machine, far more beside other suites.
  this.timeout(240_000);
  const tmpDir = useTempDirs('warroom-options-');
  let fixture: Fixture;

  before(async () => {
    const root = tmpDir();
    const repo = makeRepo(path.join(root, 'repo'));
    repo.write({
      'runbooks/HostDiskMoved.md': fs.readFileSync(path.join(repoRoot, 'test/fixtures/runbook-formats/markdown/alerts/HostDiskMoved.md')),
    });
    const sha = repo.commit(
      { 'src/app.ts': 'export const a = 1;\n', 'deploys.log': '' },
      { date: new Date(Date.now() - 3_600_000), message: 'Pool size 10' },
    );
    fs.writeFileSync(path.join(root, 'evidence.txt'), 'pool exhausted\n');
    fs.writeFileSync(path.join(root, 'payload.json'), '{"alerts": []}\n');
    const id = await declareCheckoutDown(repo.dir);
    await new FileIncidentStore(path.join(repo.dir, '.warroom')).append<ActionItemAddedEvent>(
      id,
      { type: 'action_item_added', itemId: 'ACT-aaaa0001', title: 'Alert on saturation', kind: 'detect' },
      'alice',
    );
    fs.copyFileSync(path.join(repoRoot, 'test/fixtures/oncall/oncall.yaml'), path.join(repo.dir, '.warroom', 'oncall.yaml'));
    fixture = { root, repo: repo.dir, dataDir: path.join(repo.dir, '.warroom'), id, sha };
  });

  it('covers every command and every usage line', () => {
    assert.deepEqual([...new Set(PATHS.map((p) => p.command))].sort(), COMMANDS.map((c) => c.name).sort());
    const covered = PATHS.map(({ command, argv }) =>
      usageFor(
        argv(fixture),
        COMMANDS.find((c) => c.name === command)!,
      ),
    );
    assert.ok(
      covered.every((lines) => lines.length === 1),
      'each path runs one usage line',
    );
    assert.deepEqual([...new Set(covered.flat())].sort(), COMMANDS.flatMap((c) => usageLines(c)).sort());
  });

  for (const command of COMMANDS) {
    it(`${command.name}: each usage line's own options are taken, another line's are refused, and none other is read`, async () => {
      const all = usageOptions(usageLines(command).join(' | '));
      const modes = new Set(usageLines(command).flatMap((l) => /^\S+ --([a-z][a-z-]*)(?= \[|$)/.exec(l)?.slice(1) ?? []));
      for (const { argv } of PATHS.filter((p) => p.command === command.name)) {
        const base = argv(fixture);
        const [line] = usageFor(base, command);
        const { flags, valued } = usageOptions(line);
        const asked = new Set<string>();
        const restore = noteAsked(command, asked);
        try {
          for (const name of [undefined, ...all.flags, ...all.valued]) {
            if (name && base.includes(`--${name}`)) continue;
            // The flag a line's mode is called by (`actions --close-from-git`) runs that line: its own path.
            if (name && modes.has(name)) continue;
            const value = name && all.valued.has(name) ? (COMMAND_VALUES[command.name]?.[name] ?? VALUES[name]) : undefined;
            assert.ok(!name || !all.valued.has(name) || value, `a value for --${name} in VALUES`);
            const args = [command.name, ...base, ...(name ? [`--${name}`] : []), ...(value ? [value(fixture)] : [])];
            const { code, err } = await runCli(args, fixture.repo, { WARROOM_DATA_DIR: fixture.dataDir });
            if (!name || flags.has(name) || valued.has(name)) {
              assert.notEqual(code, 2, `warroom ${args.join(' ')}: ${err}`);
            } else {
              // Another sub-command's option: refused, naming this sub-command, with its usage line.
              assert.equal(code, 2, `warroom ${args.join(' ')} is refused: ${err}`);
              // The command, and its sub-command's word or the flag of its mode (`actions --close-from-git`).
              const who = /^[a-z-]+(?: [a-z][a-z-]*(?= |$)| --[a-z][a-z-]*(?= \[|$))?/.exec(line)![0];
              assert.ok(
                err.includes(`--${name} is not an option of warroom ${who} (`) && err.endsWith(`\nUsage: warroom ${line}\n`),
                `warroom ${args.join(' ')}: ${err}`,
              );
            }
          }
        } finally {
          restore();
        }
        assert.deepEqual(
          // Each line may ask whether a mode's flag is there: that is how the command tells its lines apart.
          [...asked].filter((name) => !flags.has(name) && !valued.has(name) && !modes.has(name)),
          [],
          `warroom ${command.name} ${base.join(' ')} reads options its usage line (${line}) does not show`,
        );
      }
    });
  }
});
