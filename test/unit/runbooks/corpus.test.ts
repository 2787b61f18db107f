// Every runbook of the corpus (test/fixtures/corpus/runbooks, sources and licences in its SOURCES.txt) must
// parse into a title and useful steps with their commands. Each file is parsed under its upstream
// path (from SOURCES.txt), as it would sit in a team's repository.

import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseRunbookFile } from '../../../src/core/runbooks/runbookFile';
import { Runbook, StepKind } from '../../../src/core/runbooks/model';
import { corpusDir } from './paths';

interface Expectation {
  title: string;
  alerts?: string[];
  /** Minimum number of steps of each kind. */
  kinds: Partial<Record<StepKind, number>>;
  /** step id -> a command that step must hold (substring of `run`). */
  commands?: Record<string, string>;
  minCommands: number;
  extra?: (runbook: Runbook) => void;
}

const step = (r: Runbook, id: string) => {
  const s = r.steps.find((x) => x.id === id);
  assert.ok(s, `no step "${id}" in ${r.title}; steps: ${r.steps.map((x) => x.id).join(', ')}`);
  return s;
};

const EXPECTED: Record<string, Expectation> = {
  'content/runbooks/kubernetes/KubePodCrashLooping.md': {
    title: 'Kube Pod Crash Looping',
    alerts: ['KubePodCrashLooping'],
    kinds: { diagnose: 3, remediate: 1 },
    minCommands: 3,
    commands: { diagnosis: 'kubectl -n $NAMESPACE logs $POD -c $CONTAINER' },
    extra: (r) => {
      assert.deepEqual(
        r.steps.map((s) => s.title),
        ['Meaning', 'Impact', 'Diagnosis', 'Mitigation'],
      );
      assert.ok(step(r, 'mitigation').links.some((l) => l.url.includes('kubernetes.io')));
    },
  },
  'content/runbooks/kubernetes/KubePersistentVolumeFillingUp.md': {
    title: 'Kube Persistent Volume Filling Up',
    alerts: ['KubePersistentVolumeFillingUp'],
    kinds: { remediate: 6 },
    minCommands: 4,
    commands: { 'direct-volume-resizing': 'kubectl -n <my-namespace> edit pvc <my-pvc>' },
    extra: (r) => {
      const first = step(r, 'direct-volume-resizing').commands[0];
      assert.match(first.expect ?? '', /ALLOWVOLUMEEXPANSION/, 'the output after a $ line is the expectation');
      assert.equal(step(r, 'data-retention').kind, 'remediate', "a sub-section inherits Mitigation's kind");
    },
  },
  'content/runbooks/etcd/etcdMembersDown.md': {
    title: 'etcdMembersDown',
    alerts: ['etcdMembersDown'],
    kinds: { diagnose: 3, remediate: 1 },
    minCommands: 5,
    commands: { 'general-etcd-health': 'etcdctl endpoint health -w table' },
  },
  'content/runbooks/node/NodeFilesystemSpaceFillingUp.md': {
    title: 'Node Filesystem Space Filling Up',
    alerts: ['NodeFilesystemSpaceFillingUp'],
    kinds: { diagnose: 2, remediate: 1 },
    minCommands: 3,
    commands: { mitigation: 'kubectl -n default debug node/$NODE_NAME', diagnosis: 'node_filesystem_free_bytes' },
    extra: (r) =>
      assert.ok(
        !r.steps.flatMap((s) => s.commands).some((c) => c.run.includes('TODO')),
        'a block holding only a TODO comment is no command',
      ),
  },
  'content/runbooks/alertmanager/AlertmanagerFailedToSendAlerts.md': {
    title: 'Alertmanager Failed To Send Alerts',
    kinds: { diagnose: 2, remediate: 1 },
    minCommands: 2,
    commands: { mitigation: "kubectl -n monitoring logs -l 'alertmanager=main' -c alertmanager" },
    extra: (r) => assert.equal(step(r, 'diagnosis').commands[0].lang, 'promql'),
  },
  'content/runbooks/general/InfoInhibitor.md': {
    title: 'Info Inhibitor',
    alerts: ['InfoInhibitor'],
    kinds: { diagnose: 3, remediate: 1 },
    minCommands: 0,
    extra: (r) => assert.match(step(r, 'meaning').text, /Full context/),
  },
  'content/runbooks/prometheus/PrometheusRemoteWriteBehind.md': {
    title: 'Prometheus Remote Write Behind',
    alerts: ['PrometheusRemoteStorageFailures', 'PrometheusRemoteWriteBehind'],
    kinds: { diagnose: 3, remediate: 1 },
    minCommands: 0,
    extra: (r) => assert.match(step(r, 'diagnosis').text, /Check configs and credentials/),
  },
  'content/runbooks/kubernetes/KubeAPIErrorBudgetBurn.md': {
    title: 'Kube API Error Budget Burn',
    alerts: ['KubeAPIErrorBudgetBurn'],
    kinds: { decide: 2, diagnose: 3 },
    minCommands: 4,
    extra: (r) => {
      assert.deepEqual([step(r, 'critical').kind, step(r, 'warning').kind], ['decide', 'decide']);
      assert.ok(step(r, 'slow-read-requests').commands.every((c) => c.lang === 'promql'));
    },
  },
  'docs/uncategorized/gemnasium_is_down.md': {
    title: 'Gemnasium is down',
    kinds: { decide: 1, diagnose: 4, remediate: 2, verify: 2 },
    minCommands: 3,
    commands: { 'case-1-resolution': 'kubectl patch statefulset web', 'case-2-post-checks': 'curl -d' },
    extra: (r) => {
      const decide = step(r, 'which-case');
      assert.equal(decide.kind, 'decide');
      assert.deepEqual(
        decide.branches.map((b) => b.goto),
        ['case-1-symptoms', 'case-2-symptoms'],
      );
      assert.match(decide.branches[1].if, /^Case 2: the HTTP service returns a 5xx error/);
      assert.match(step(r, 'case-2-resolution').alternative ?? '', /^Case 2/);
      assert.ok(r.steps.indexOf(decide) < r.steps.indexOf(step(r, 'case-1-symptoms')));
    },
  },
  'docs/uncategorized/workers-high-load.md': {
    title: 'Workers under heavy load because of being used as a CDN',
    kinds: { diagnose: 2, remediate: 1, verify: 1 },
    minCommands: 3,
    commands: { 'possible-checks': "knife ssh 'role:<cluster-role>'", resolution: 'sudo gitlab-rails console' },
    extra: (r) => assert.ok(r.symptoms.includes('skyrocket increase of load in workers')),
  },
  'docs/registry/online-gc-high-overdue-tasks.md': {
    title: 'High Number of Overdue Online GC Tasks',
    kinds: { diagnose: 3, remediate: 1 },
    minCommands: 0,
    extra: (r) => {
      assert.ok(r.references.includes('docs/registry/app-db-conn-pool-saturation.md'), 'a relative link is a reference');
      assert.ok(step(r, 'troubleshooting').links.length >= 4);
    },
  },
  'docs/registry/app-db-conn-pool-saturation.md': {
    title: 'Database Connection Pool Saturation',
    alerts: ['ContainerRegistryDBConnPoolSaturationTooHigh'],
    kinds: { diagnose: 3, remediate: 1 },
    minCommands: 0,
    extra: (r) => assert.match(r.description, /connection pool/),
  },
  'docs/monitoring/prometheus-high-memory.md': {
    title: 'Prometheus High Memory Utilization',
    kinds: { diagnose: 2, remediate: 1 },
    minCommands: 2,
    commands: { 'possible-checks': 'rate(prometheus_tsdb_head_samples_appended_total[5m])' },
  },
  'docs/patroni/pg_xid_xmin_age_alert.md': {
    title: 'pg_txid_xmin_age Saturation Alert',
    kinds: { diagnose: 2, decide: 1, remediate: 1, verify: 1 },
    minCommands: 4,
    commands: { 'diagnostics-root-cause-of-pg-txid-xmin-age-spike': 'while sleep 1; do' },
    extra: (r) => assert.ok(step(r, 'diagnostics-root-cause-of-pg-txid-xmin-age-spike').commands.some((c) => c.lang === 'sql')),
  },
  'docs/redis/redis.md': {
    title: 'Redis',
    alerts: ['FailedToCollectRedisMetrics'],
    kinds: { diagnose: 30, remediate: 5 },
    minCommands: 40,
    commands: { 'start-redis': 'gitlab-ctl start redis', slowlog: 'slowlog get 10' },
    extra: (r) => {
      assert.equal(step(r, 'slowlog').commands[0].lang, 'repl', 'redis-cli prompt lines are not shell');
      assert.ok(!r.steps.some((s) => s.title.endsWith('#')), 'closing #s of headings are dropped');
    },
  },
  'docs/gitaly/git-high-cpu-and-memory-usage.md': {
    title: 'Problem: git processes spawned by Gitaly may consume significant CPU and memory',
    kinds: { diagnose: 5, remediate: 4 },
    minCommands: 12,
    commands: { 'kill-git-pack-objects-processes': './kill_git_pack_objects_processes_for_repo_path.sh "$TARGET_GIT_DIR"' },
    extra: (r) =>
      assert.ok(!r.steps.flatMap((s) => s.commands).some((c) => c.run === 'git fetch'), '"clients running `git fetch`" is prose'),
  },
  'docs/patroni/postgresql-locking.md': {
    title: 'About Locking and cancelling/terminating queries',
    kinds: { diagnose: 2, remediate: 1 },
    minCommands: 4,
    commands: { 'how-to-cancel-or-terminate-a-blocking-query': 'select pg_terminate_backend(<pid>);' },
    extra: (r) => {
      const cmds = step(r, 'how-to-see-locking-and-locked-activity').commands;
      assert.deepEqual(
        cmds.slice(0, 2).map((c) => [c.run, c.expect]),
        [
          ['begin;', 'BEGIN'],
          ['lock TABLE mytable ;', 'LOCK TABLE'],
        ],
      );
      assert.ok(!r.steps.flatMap((s) => s.commands).some((c) => /^2020-06-26/.test(c.run)), 'log excerpts are not commands');
    },
  },
  'docs/ci-runners/runners_manager_is_down.md': {
    title: 'Alerts that runners manager is down',
    kinds: { diagnose: 2, remediate: 1 },
    minCommands: 2,
    commands: { 'possible-checks': 'sudo gitlab-runner status', resolution: 'sudo service gitlab-runner restart' },
  },
  'on-call/checklists/eoc.md': {
    title: 'Engineer On Call (EOC)',
    kinds: { diagnose: 4 },
    minCommands: 0,
    extra: (r) =>
      assert.ok(
        r.links.some((l) => l.url === 'https://gitlab.com/gitlab-com/runbooks'),
        'reference-style links resolve',
      ),
  },
  'content.zh/runbooks/kubernetes/KubePodCrashLooping.md': {
    title: 'KubePodCrashLooping',
    alerts: ['KubePodCrashLooping'],
    kinds: { diagnose: 4 },
    minCommands: 2,
    commands: { 诊断: 'kubectl -n $NAMESPACE describe pod $POD' },
    extra: (r) =>
      assert.deepEqual(
        r.steps.map((s) => s.title),
        ['含义', '影响', '诊断', '缓解'],
      ),
  },
  'playbooks/IRP-DoS.md': {
    title: 'IRP-DoS: Denial of Service / Distributed Denial of Service',
    kinds: { decide: 1, escalate: 1, remediate: 3, verify: 1 },
    minCommands: 3,
    commands: {
      '3-2-containment-actions': 'aws shield describe-attack --attack-id <attack-id>',
      '4-3-recovery-actions': 'aws autoscaling update-auto-scaling-group',
    },
    extra: (r) => {
      assert.equal(step(r, '1-3-communication-escalation').kind, 'escalate');
      assert.equal(step(r, '4-4-resolution-confirmation').kind, 'verify');
      assert.ok(
        !r.steps.flatMap((s) => s.commands).some((c) => c.run.includes('"source": ["aws.shield"]')),
        'JSON examples are not commands',
      );
    },
  },
};

function sources(): { local: string; upstream: string }[] {
  return fs
    .readFileSync(path.join(corpusDir, 'SOURCES.txt'), 'utf8')
    .split('\n')
    .filter((l) => l.trim() && !l.startsWith('#'))
    .map((l) => l.split('|').map((s) => s.trim()))
    .map(([local, , upstream]) => ({ local, upstream }));
}

describe('runbooks: the corpus', () => {
  it('lists every corpus file in SOURCES.txt, and this test covers each', () => {
    const files = fs
      .readdirSync(corpusDir)
      .filter((f) => f !== 'SOURCES.txt')
      .sort();
    assert.deepEqual(
      sources()
        .map((s) => s.local)
        .sort(),
      files,
    );
    const covered = new Set([...Object.keys(EXPECTED), 'runbook.md', 'rules/registry-db.yml']);
    for (const { upstream } of sources()) {
      assert.ok(covered.has(upstream), `no expectation for ${upstream}`);
    }
  });

  for (const { local, upstream } of sources()) {
    const expected = EXPECTED[upstream];
    if (!expected) {
      continue;
    }
    it(`parses ${upstream}`, () => {
      const parsed = parseRunbookFile(upstream, fs.readFileSync(path.join(corpusDir, local), 'utf8'));
      assert.deepEqual(
        parsed.problems.filter((p) => p.severity === 'error'),
        [],
      );
      assert.equal(parsed.runbooks.length, 1);
      const r = parsed.runbooks[0];
      assert.equal(r.title, expected.title);
      for (const alert of expected.alerts ?? []) {
        assert.ok(
          r.alerts.some((a) => a.name === alert),
          `alert ${alert} in ${r.alerts.map((a) => a.name)}`,
        );
      }
      for (const [kind, min] of Object.entries(expected.kinds)) {
        const n = r.steps.filter((s) => s.kind === kind).length;
        assert.ok(n >= (min as number), `${kind} steps: ${n} < ${min}`);
      }
      const commands = r.steps.flatMap((s) => s.commands);
      assert.ok(commands.length >= expected.minCommands, `${commands.length} commands < ${expected.minCommands}`);
      for (const [id, run] of Object.entries(expected.commands ?? {})) {
        assert.ok(
          step(r, id).commands.some((c) => c.run.includes(run)),
          `step ${id} lacks "${run}": ${step(r, id).commands.map((c) => c.run)}`,
        );
      }
      for (const s of r.steps) {
        assert.ok(s.title && s.position.line >= 1 && s.position.column >= 1, `step ${s.id} has a title and a position`);
        assert.ok(s.text.trim() || s.commands.length || s.branches.length, `step ${s.id} is not empty`);
      }
      expected.extra?.(r);
    });
  }

  it('splits kubernetes-mixin runbook.md into its 61 "Alert Name" runbooks', () => {
    const local = sources().find((s) => s.upstream === 'runbook.md')?.local as string;
    const parsed = parseRunbookFile('runbook.md', fs.readFileSync(path.join(corpusDir, local), 'utf8'));
    assert.equal(parsed.runbooks.length, 61);
    const crash = parsed.runbooks.find((r) => r.title === 'KubePodCrashLooping');
    assert.ok(crash);
    assert.deepEqual(
      crash.alerts.map((a) => a.name),
      ['KubePodCrashLooping'],
    );
    assert.equal(crash.anchor, 'alert-name-kubepodcrashlooping');
    assert.match(crash.steps[0].text, /is restarting/);
    assert.equal(crash.steps[1].links[0].url, 'https://runbooks.prometheus-operator.dev/runbooks/kubernetes/kubepodcrashlooping/');
    const unquoted = parsed.runbooks.find((r) => r.title === 'KubeSchedulerDown');
    assert.ok(unquoted, 'names without quotes are read too');
    assert.equal(new Set(parsed.runbooks.map((r) => r.id)).size, 61, 'ids are unique within the file');
    for (const r of parsed.runbooks) {
      assert.ok(r.steps.length >= 1 && r.steps[0].text.trim(), `${r.title} has a meaning step`);
    }
  });

  it('reads the alert rule file as alert -> runbook links, not as a broken runbook', () => {
    const local = sources().find((s) => s.upstream === 'rules/registry-db.yml')?.local as string;
    const parsed = parseRunbookFile('rules/registry-db.yml', fs.readFileSync(path.join(corpusDir, local), 'utf8'));
    assert.deepEqual(parsed.problems, []);
    assert.deepEqual(
      parsed.alertLinks.map((l) => [l.alert, l.target, l.position.line]),
      [['ContainerRegistryDBConnPoolSaturationTooHigh', 'docs/registry/app-db-conn-pool-saturation.md', 4]],
    );
  });
});
