import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { discoverRunbookFiles } from '../../../src/adapters/runbooks/discovery';
import { RunbookIndex } from '../../../src/adapters/runbooks/runbookIndex';
import { CliIo } from '../../../src/cli/command';
import { main } from '../../../src/cli/main';
import { useTempDirs } from '../../support/tempDir';
import { corpusDir, shippedDir } from './paths';

/** A workspace of runbooks in `root` (a fresh temp folder). */
function workspace(root: string): string {
  const write = (rel: string, text: string) => {
    fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    fs.writeFileSync(path.join(root, rel), text);
  };
  for (const f of fs.readdirSync(shippedDir)) write(`runbooks/${f}`, fs.readFileSync(path.join(shippedDir, f), 'utf8'));
  const crash = fs
    .readdirSync(corpusDir)
    .find((f) => f.startsWith('prometheus-operator') && f.endsWith('KubePodCrashLooping.md')) as string;
  write('docs/runbooks/KubePodCrashLooping.md', fs.readFileSync(path.join(corpusDir, crash), 'utf8'));
  write(
    'services/api/ops/api-down.runbook.md',
    '# API down\n\n## Diagnosis\n\nRun `curl -fsS https://api.internal/healthz -o /dev/null`.\n',
  );
  write('runbooks/broken.runbook.yaml', 'title: Broken\nsteps:\n  - kind: fix\n    title: nope\n');
  write('node_modules/pkg/runbooks/x.runbook.yaml', 'title: hidden\nsteps: [{kind: verify, title: x}]\n');
  write('docs/README.md', '# not a runbook\n');
  return root;
}

const cli = async (args: string[], cwd: string) => {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { out: (t) => out.push(t), err: (t) => err.push(t), cwd, env: {} };
  const code = await main(args, io);
  return { code, out: out.join('\n'), err: err.join('\n') };
};

describe('runbooks: discovery and the index', () => {
  const tempRoot = useTempDirs('warroom-runbooks-');
  it('finds runbooks by the default globs, skipping node_modules and non-runbook files', async () => {
    const root = workspace(tempRoot());
    const files = (await discoverRunbookFiles(root)).map((f) => f.relative);
    assert.ok(files.includes('docs/runbooks/KubePodCrashLooping.md'));
    assert.ok(files.includes('services/api/ops/api-down.runbook.md'));
    assert.ok(files.includes('runbooks/checkout-db-pool-exhaustion.runbook.yaml'));
    assert.ok(!files.some((f) => f.startsWith('node_modules') || f === 'docs/README.md'));
    assert.equal(files.length, 12);
  });

  it('keeps the other runbooks when one is broken, with its problem at file:line:col', async () => {
    const index = new RunbookIndex(workspace(tempRoot()));
    await index.refresh();
    assert.equal(index.runbooks.length, 11);
    assert.deepEqual(
      index.problems.map((p) => `${p.file}:${p.line}:${p.column}`),
      ['runbooks/broken.runbook.yaml:3:11'],
    );
  });

  it('re-parses only files whose size or mtime changed, and drops deleted ones', async () => {
    const root = workspace(tempRoot());
    const index = new RunbookIndex(root);
    const first = await index.refresh();
    assert.equal(first.parsed.length, 12);
    assert.equal(index.parseCount, 12);
    const again = await index.refresh();
    assert.deepEqual([again.parsed, again.unchanged, index.parseCount], [[], 12, 12]);
    const file = path.join(root, 'services/api/ops/api-down.runbook.md');
    fs.appendFileSync(file, '\n## Escalation\n\nPage the API team.\n');
    fs.rmSync(path.join(root, 'runbooks/disk-full.runbook.yaml'));
    const third = await index.refresh();
    assert.deepEqual(third.parsed, ['services/api/ops/api-down.runbook.md']);
    assert.deepEqual(third.removed, ['runbooks/disk-full.runbook.yaml']);
    assert.equal(index.parseCount, 13);
    assert.ok(index.runbooks.find((r) => r.title === 'API down')?.steps.some((s) => s.kind === 'escalate'));
    assert.equal(
      await index.updateFile('services/api/ops/api-down.runbook.md'),
      false,
      'a watcher event for an unchanged file costs no parse',
    );
  });
});

describe('runbooks: links a cloned repository brings', () => {
  const tempRoot = useTempDirs('warroom-runbooks-links-');
  it('reads no runbook through a link, from a watcher event either, file or folder', async () => {
    const root = tempRoot();
    const outside = tempRoot();
    fs.writeFileSync(path.join(outside, 'credentials.md'), '# AWS_SECRET=hunter2\n\n```bash\nkubectl get pods\n```\n');
    fs.mkdirSync(path.join(root, 'runbooks'));
    fs.symlinkSync(path.join(outside, 'credentials.md'), path.join(root, 'runbooks', 'linked.md'));
    fs.symlinkSync(outside, path.join(root, 'runbooks', 'linked-folder'));
    const index = new RunbookIndex(root, undefined, { worker: false });
    await index.refresh();
    assert.equal(index.runbooks.length, 0);
    assert.equal(await index.updateFile('runbooks/linked.md'), false);
    assert.equal(await index.updateFile('runbooks/linked-folder/credentials.md'), false);
    assert.deepEqual(
      index.runbooks.map((r) => r.title),
      [],
      'nothing from outside the folder',
    );
  });
});

describe('runbooks: the CLI', () => {
  const tempRoot = useTempDirs('warroom-runbooks-');
  it('list prints every runbook and notes problems', async () => {
    const r = await cli(['runbooks', 'list'], workspace(tempRoot()));
    assert.equal(r.code, 0);
    assert.match(
      r.out,
      /runbooks\/checkout-db-pool-exhaustion\.runbook\.yaml:2 +Checkout database connection pool exhausted after a deploy +\(8 steps, checkout\)/,
    );
    assert.match(r.out, /docs\/runbooks\/KubePodCrashLooping\.md:6 +Kube Pod Crash Looping/);
    assert.match(r.err, /1 problem/);
  });

  it('lint exits 1 with file:line:col lines when a runbook is broken, 0 when all are fine', async () => {
    const root = workspace(tempRoot());
    const broken = await cli(['runbooks', 'lint'], root);
    assert.equal(broken.code, 1);
    assert.equal(
      broken.out,
      'runbooks/broken.runbook.yaml:3:11: error: step kind "fix" is not one of diagnose, decide, remediate, rollback, escalate, verify',
    );
    fs.rmSync(path.join(root, 'runbooks/broken.runbook.yaml'));
    assert.equal((await cli(['runbooks', 'lint'], root)).code, 0);
    // A mistyped --root is no clean bill: CI would pass on a folder that is not there.
    const missing = await cli(['runbooks', 'lint', '--root', 'no-such-folder'], root);
    assert.equal(missing.code, 2);
    assert.match(missing.err, /--root no-such-folder: no such folder/);
  });

  it('match takes --limit as a whole number from 1', async () => {
    const root = workspace(tempRoot());
    for (const bad of ['0', 'abc', '-1']) {
      const r = await cli(['runbooks', 'match', '--service', 'checkout', `--limit=${bad}`], root);
      assert.equal(r.code, 2, bad);
      assert.match(r.err, /--limit ".*": a whole number of matches, 1 or more/);
    }
    const one = await cli(['runbooks', 'match', '--service', 'checkout', '--limit', '1', '--json'], root);
    assert.equal(JSON.parse(one.out).length, 1);
  });

  it('show --json prints the parsed runbook: title, steps with kind, text, commands, branches', async () => {
    const root = workspace(tempRoot());
    const r = await cli(['runbooks', 'show', 'runbooks/checkout-db-pool-exhaustion.runbook.yaml', '--json'], root);
    assert.equal(r.code, 0, r.err);
    const [runbook] = JSON.parse(r.out) as {
      title: string;
      steps: { id: string; kind: string; text: string; commands: { run: string; destructive?: string }[]; branches: { goto: string }[] }[];
    }[];
    assert.equal(runbook.title, 'Checkout database connection pool exhausted after a deploy');
    const rollback = runbook.steps.find((s) => s.id === 'rollback-release');
    assert.equal(rollback?.kind, 'rollback');
    assert.match(rollback?.commands[0].destructive ?? '', /rolls a deployment back/);
    assert.deepEqual(
      runbook.steps.find((s) => s.id === 'decide-cause')?.branches.map((b) => b.goto),
      ['rollback-release', 'find-long-transactions'],
    );
    const md = await cli(['runbooks', 'show', 'docs/runbooks/KubePodCrashLooping.md'], root);
    assert.match(md.out, /3\. \[diagnose\] Diagnosis/);
    assert.match(md.out, /\$ kubectl -n \$NAMESPACE describe pod \$POD/);
  });

  it('show reads each command in its own language for destructive steps, and never the prose around it', async () => {
    const root = workspace(tempRoot());
    fs.writeFileSync(
      path.join(root, 'runbooks/slow-orders.runbook.md'),
      [
        '# Slow orders',
        '',
        '## Mitigation',
        '',
        'If nothing else helps, reboot.',
        '',
        '```sql',
        '-- Never rm -rf the data directory: this only counts.',
        'select count(*) from orders where total > 100;',
        '```',
        '',
        '```shell',
        'kubectl -n prod get pods',
        '```',
        '',
      ].join('\n'),
    );
    const text = await cli(['runbooks', 'show', 'runbooks/slow-orders.runbook.md'], root);
    assert.equal(text.code, 0, text.err);
    assert.match(text.out, /select count\(\*\)/);
    assert.doesNotMatch(text.out, /!!/);
    const json = await cli(['runbooks', 'show', 'runbooks/slow-orders.runbook.md', '--json'], root);
    const [runbook] = JSON.parse(json.out) as { steps: { text: string; commands: { lang: string; destructive?: string }[] }[] }[];
    const commands = runbook.steps.flatMap((s) => s.commands);
    assert.deepEqual(
      commands.map((c) => [c.lang, c.destructive]),
      [
        ['sql', undefined],
        ['shell', undefined],
      ],
    );
    assert.ok(runbook.steps.some((s) => s.text.includes('reboot.')));
  });

  it('match --alert --service ranks with reasons, as text and JSON', async () => {
    const root = workspace(tempRoot());
    const text = await cli(['runbooks', 'match', '--alert', 'CheckoutDBPoolExhausted', '--service', 'checkout'], root);
    assert.match(text.out.split('\n')[0], /^ +\d+ +Checkout database connection pool exhausted after a deploy/);
    assert.match(text.out, /- handles alert CheckoutDBPoolExhausted/);
    const json = JSON.parse((await cli(['runbooks', 'match', '--alert', 'KubePodCrashLooping', '--json'], root)).out) as {
      file: string;
      reasons: string[];
    }[];
    assert.deepEqual(
      json
        .slice(0, 2)
        .map((m) => m.file)
        .sort(),
      ['docs/runbooks/KubePodCrashLooping.md', 'runbooks/crashloopbackoff.runbook.yaml'],
    );
    assert.equal((await cli(['runbooks', 'match'], root)).code, 2);
  });
});
