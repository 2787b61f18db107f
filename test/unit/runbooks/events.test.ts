import * as assert from 'node:assert/strict';
import { IncidentEvent } from '../../../src/core/events';
import { foldIncident } from '../../../src/core/fold';
import { draftRunbookFromIncident } from '../../../src/core/runbooks/draft';
import { draftToYaml } from '../../../src/core/runbooks/draftYaml';
import { parseYamlRunbooks } from '../../../src/core/runbooks/yamlRunbook';
import { foldRunbookActivity, linkDecided, stepCounts } from '../../../src/core/runbooks/runbookEvents';
import { assessStaleness } from '../../../src/core/runbooks/staleness';
import { Runbook } from '../../../src/core/runbooks/model';

let n = 0;
const ev = (minute: number, type: string, fields: Record<string, unknown>, author = 'ana'): IncidentEvent =>
  ({
    id: `e${String(++n).padStart(3, '0')}`,
    ts: `2026-11-22T23:${String(minute).padStart(2, '0')}:00.000Z`,
    type,
    author,
    ...fields,
  }) as IncidentEvent;

describe('runbooks: events and their fold', () => {
  it('knows a runbook the responder linked or unlinked, which walking it leaves alone', () => {
    const events = [
      ev(1, 'runbook_linked', { runbook: 'disk-full' }),
      ev(2, 'runbook_unlinked', { runbook: 'redis-memory-high' }),
      ev(3, 'runbook_step', { runbook: 'terminal-check', step: 'a', status: 'done' }),
      ev(4, 'runbook_linked', { runbook: '' }),
      ev(5, 'runbook_linked', { runbook: 'bad-file', file: 42 }),
    ];
    assert.equal(linkDecided(events, 'disk-full'), true);
    assert.equal(linkDecided(events, 'redis-memory-high'), true, 'unlinked is a decision too');
    assert.equal(linkDecided(events, 'terminal-check'), false, 'walked, never linked');
    assert.equal(linkDecided(events, 'bad-file'), false, 'a malformed event, which the fold skips');
    assert.equal(linkDecided([], 'disk-full'), false);
  });

  it('folds links, unlinks, step progress with notes and branches, and audited commands', () => {
    const events = [
      ev(1, 'runbook_linked', {
        runbook: 'checkout-db-pool-exhaustion',
        file: 'runbooks/checkout-db-pool-exhaustion.runbook.yaml',
        reason: 'handles alert CheckoutDBPoolExhausted',
      }),
      ev(2, 'runbook_linked', { runbook: 'disk-full' }, 'bo'),
      ev(3, 'runbook_unlinked', { runbook: 'disk-full' }, 'bo'),
      ev(4, 'runbook_step', {
        runbook: 'checkout-db-pool-exhaustion',
        step: 'confirm-saturation',
        status: 'done',
        note: 'pool 100/100 on all pods',
      }),
      ev(5, 'command_run', {
        runbook: 'checkout-db-pool-exhaustion',
        step: 'rollback-release',
        command: 'kubectl -n prod rollout undo deploy/checkout',
        exitCode: 0,
        destructive: 'rolls a deployment back',
      }),
      ev(6, 'runbook_step', {
        runbook: 'checkout-db-pool-exhaustion',
        step: 'decide-cause',
        status: 'branch',
        branch: { if: 'deploy', goto: 'rollback-release' },
      }),
      ev(7, 'runbook_step', { runbook: 'checkout-db-pool-exhaustion', step: 'confirm-saturation', note: 'also on replica' }, 'bo'),
      ev(8, 'runbook_step', { runbook: 'checkout-db-pool-exhaustion', step: 'escalate-dba', status: 'skipped' }),
      ev(9, 'runbook_step', { runbook: 'x', step: 'y', status: 'finished' }),
      ev(10, 'command_run', { command: '' }),
      ev(11, 'entry', { kind: 'note', text: 'unrelated' }),
    ];
    const activity = foldRunbookActivity(foldIncident('INC-20261122-2300-aaaaaa', events).events);
    assert.deepEqual(
      activity.linked.map((l) => [l.runbook, l.linkedBy]),
      [['checkout-db-pool-exhaustion', 'ana']],
    );
    const steps = activity.steps.get('checkout-db-pool-exhaustion');
    const confirm = steps?.get('confirm-saturation');
    assert.equal(confirm?.status, 'done');
    assert.equal(confirm?.by, 'ana', 'a note does not change who checked the step');
    assert.deepEqual(
      confirm?.notes.map((x) => [x.by, x.text]),
      [
        ['ana', 'pool 100/100 on all pods'],
        ['bo', 'also on replica'],
      ],
    );
    assert.deepEqual(steps?.get('decide-cause')?.branch, { if: 'deploy', goto: 'rollback-release' });
    assert.deepEqual(
      activity.commands.map((c) => [c.by, c.command, c.exitCode]),
      [['ana', 'kubectl -n prod rollout undo deploy/checkout', 0]],
    );
    assert.equal(activity.problems.length, 2);
    assert.match(activity.problems[0].message, /status/);
    assert.deepEqual(
      stepCounts(activity, 'checkout-db-pool-exhaustion', ['confirm-saturation', 'decide-cause', 'escalate-dba', 'verify-recovery']),
      { done: 2, skipped: 1, total: 4 },
    );
  });

  it('gives a command the exit code its command_exited event reports, however much later', () => {
    const run = ev(1, 'command_run', { runbook: 'db', step: 'watch', command: 'kubectl -n prod rollout status deploy/checkout' });
    const other = ev(2, 'command_run', { runbook: 'db', step: 'watch', command: 'kubectl -n prod get pods' });
    const events = [
      ev(0, 'declared', {
        title: 'Checkout down',
        severity: 'SEV2',
        urgency: 'high',
        startedAt: '2026-11-22T22:58:00Z',
        detectedAt: '2026-11-22T23:00:00Z',
      }),
      run,
      other,
      ev(40, 'command_exited', { run: run.id, command: 'kubectl -n prod rollout status deploy/checkout', exitCode: 1 }),
      ev(41, 'command_exited', { run: 'e-never-ran', exitCode: 0 }),
      ev(42, 'command_exited', { run: other.id, exitCode: 'zero' }),
    ];
    const activity = foldRunbookActivity(foldIncident('INC-20261122-2300-cccccc', events).events);
    assert.deepEqual(
      activity.commands.map((c) => [c.command, c.exitCode, c.exitedAt]),
      [
        ['kubectl -n prod rollout status deploy/checkout', 1, '2026-11-22T23:40:00.000Z'],
        ['kubectl -n prod get pods', undefined, undefined],
      ],
    );
    assert.deepEqual(
      activity.problems.map((p) => p.message),
      ['command_exited: no command_run "e-never-ran" before it', 'command_exited: "exitCode" must be an integer'],
    );
  });
});

describe('runbooks: new runbook from a resolved incident', () => {
  it('drafts diagnose/decide/rollback steps with the commands run, as valid YAML of our format', () => {
    const status = ev(7, 'command_run', { command: 'kubectl -n prod rollout status deploy/checkout' }) as IncidentEvent & {
      command: string;
    };
    const events = [
      ev(0, 'declared', {
        title: 'Checkout DB pool exhausted',
        severity: 'SEV1',
        urgency: 'high',
        service: 'checkout',
        startedAt: '2026-11-22T22:58:00Z',
        detectedAt: '2026-11-22T23:00:00Z',
      }),
      ev(1, 'entry', { kind: 'alert', text: 'CheckoutDBPoolExhausted firing for checkout in prod' }),
      ev(2, 'entry', { kind: 'hypothesis', text: 'Deploy 4f2a changed the pool size. Checking the diff.' }),
      ev(3, 'command_run', { command: 'kubectl -n prod rollout history deploy/checkout', exitCode: 0 }),
      ev(4, 'entry', { kind: 'decision', text: 'Roll back rather than hotfix' }),
      ev(5, 'entry', { kind: 'action', text: 'Rolled back checkout to 3.41.2' }),
      ev(6, 'command_run', { command: 'kubectl -n prod rollout undo deploy/checkout', exitCode: 0 }),
      ev(7, 'entry', { kind: 'note', text: 'coffee' }),
      status,
      ev(9, 'command_exited', { run: status.id, command: status.command, exitCode: 1 }),
      ev(10, 'resolved', { resolution: 'Rolled back; pool wait time back to 0' }),
    ];
    const incident = foldIncident('INC-20261122-2300-bbbbbb', events);
    const draft = draftRunbookFromIncident(incident);
    assert.deepEqual(draft.services, ['checkout']);
    assert.deepEqual(draft.alerts, ['CheckoutDBPoolExhausted']);
    assert.deepEqual(
      draft.steps.map((s) => s.kind),
      ['diagnose', 'decide', 'rollback', 'verify'],
    );
    assert.equal(draft.steps[0].title, 'Check: Deploy 4f2a changed the pool size.');
    assert.deepEqual(
      draft.steps[0].commands?.map((c) => c.run),
      ['kubectl -n prod rollout history deploy/checkout'],
    );
    // A command's exit code follows it as its own event; a failed one is kept as what to expect.
    assert.deepEqual(draft.steps[2].commands, [
      { run: 'kubectl -n prod rollout undo deploy/checkout' },
      { run: 'kubectl -n prod rollout status deploy/checkout', expect: 'exited 1 during INC-20261122-2300-bbbbbb' },
    ]);
    const yaml = draftToYaml(draft, incident);
    assert.match(yaml, /^# Drafted from incident INC-20261122-2300-bbbbbb/);
    const parsed = parseYamlRunbooks(yaml, 'runbooks/draft.runbook.yaml');
    assert.deepEqual(parsed.problems, []);
    assert.equal(parsed.runbooks[0].steps.length, 4);
    assert.match(parsed.runbooks[0].steps[3].text, /pool wait time back to 0/);
  });
});

describe('runbooks: staleness', () => {
  const runbook: Runbook = {
    id: 'deploy',
    title: 'Deploy rollback',
    format: 'yaml',
    file: 'runbooks/deploy.runbook.yaml',
    description: '',
    services: [],
    alerts: [],
    symptoms: [],
    links: [],
    references: ['deploy/k8s', 'docs/architecture.md'],
    position: { line: 1, column: 1 },
    steps: [
      {
        id: 'run-script',
        kind: 'remediate',
        title: 'Run the rollback script',
        text: '',
        branches: [],
        links: [],
        position: { line: 5, column: 3 },
        commands: [
          { run: './scripts/rollback.sh --env prod', lang: 'shell', position: { line: 7, column: 9 } },
          { run: 'make smoke-test', lang: 'shell', position: { line: 8, column: 9 } },
        ],
      },
    ],
  };

  it('is stale when a referenced folder, a script a command runs, or an implied Makefile changed, and says why', () => {
    const result = assessStaleness(runbook, [
      { path: 'deploy/k8s/checkout.yaml', kind: 'modified', commit: 'a1b2c3d4e5', date: '2026-11-20T10:00:00Z' },
      { path: 'scripts/rollback.sh', kind: 'renamed', renamedTo: 'scripts/rollback-release.sh' },
      { path: 'Makefile', kind: 'modified' },
      { path: 'runbooks/deploy.runbook.yaml', kind: 'modified' },
      { path: 'src/unrelated.ts', kind: 'modified' },
    ]);
    assert.equal(result.stale, true);
    assert.deepEqual(
      result.reasons.map((r) => r.path),
      ['deploy/k8s/checkout.yaml', 'scripts/rollback.sh', 'Makefile'],
    );
    assert.equal(result.reasons[0].message, 'refers to deploy/k8s/ (deploy/k8s/checkout.yaml), which changed in a1b2c3d4 on 2026-11-20');
    assert.match(result.reasons[1].message, /runs `\.\/scripts\/rollback\.sh --env prod`.*was renamed to scripts\/rollback-release\.sh/);
    assert.equal(result.reasons[2].step, 'run-script');
  });

  it('is not stale when nothing it uses changed', () => {
    assert.deepEqual(
      assessStaleness(runbook, [
        { path: 'src/app.ts', kind: 'modified' },
        { path: 'docs/other.md', kind: 'deleted' },
      ]),
      { stale: false, reasons: [] },
    );
  });
});
