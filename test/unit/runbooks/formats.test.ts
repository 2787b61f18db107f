// Runbooks as teams already keep them in other tools: AWS SSM documents, Rundeck job exports, and
// Markdown pages that only say where the runbook moved. Each goes through parseRunbookFile, the entry
// point the index uses, on the fixtures in test/fixtures/runbook-formats/ (see its README).

import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { RunbookIndex } from '../../../src/adapters/runbooks/runbookIndex';
import * as checks from '../../../src/adapters/runbooks';
import { CliIo } from '../../../src/cli/command';
import { main } from '../../../src/cli/main';
import { foldIncident } from '../../../src/core/fold';
import { fillVariables, findVariables, noticeTargetIn, secretsOf } from '../../../src/core/runbooks';
import { Runbook } from '../../../src/core/runbooks/model';
import { parseRunbookFile } from '../../../src/core/runbooks/runbookFile';
import { rundeckPlaceholders } from '../../../src/core/runbooks/rundeckJob';
import { awsCliLine } from '../../../src/core/runbooks/ssmDocument';
import { StructuredSource } from '../../../src/core/runbooks/structuredSource';
import { parseWalkthroughMessage } from '../../../src/protocol/walkthrough';
import { buildWalkthroughState, rememberingReasons } from '../../../src/vscode/runbooks/walkthroughState';
import { declared } from '../../support/events';
import { useTempDirs } from '../../support/tempDir';
import { repoRoot } from './paths';

const fixtures = path.join(repoRoot, 'test/fixtures/runbook-formats');

function parse(rel: string) {
  return parseRunbookFile(`runbooks/${rel}`, fs.readFileSync(path.join(fixtures, rel), 'utf8'));
}

function only(rel: string): Runbook {
  const parsed = parse(rel);
  assert.deepEqual(parsed.problems, []);
  assert.equal(parsed.runbooks.length, 1);
  return parsed.runbooks[0];
}

const step = (runbook: Runbook, id: string) => {
  const found = runbook.steps.find((s) => s.id === id);
  assert.ok(found, `no step ${id} in ${runbook.steps.map((s) => s.id).join(', ')}`);
  return found;
};

describe('runbook formats: AWS SSM Automation documents', () => {
  it('reads a YAML Automation document: title, description, parameters as variables, a step per main step', () => {
    const runbook = only('ssm/restart-unhealthy-instance.yaml');
    assert.equal(runbook.format, 'ssm');
    assert.equal(runbook.title, 'Restart an unhealthy web instance');
    assert.match(runbook.description, /^### Restart an unhealthy web instance\n\nUse when \*\*WebInstanceUnhealthy\*\*/);
    assert.deepEqual(
      runbook.variables?.map((v) => v.name),
      ['InstanceId', 'AutomationAssumeRole', 'Approver', 'Mode'],
    );
    assert.deepEqual(
      runbook.variables?.find((v) => v.name === 'Mode'),
      {
        name: 'Mode',
        description: 'Restart, or only collect diagnostics.',
        default: 'Restart',
        allowedValues: ['Restart', 'DiagnoseOnly'],
        required: false,
        secret: false,
      },
    );
    assert.equal(runbook.variables?.find((v) => v.name === 'InstanceId')?.required, true);
    assert.deepEqual(
      runbook.steps.map((s) => `${s.id}:${s.kind}`),
      [
        'DescribeInstanceState:diagnose',
        'CollectSystemLogs:diagnose',
        'ChooseMode:decide',
        'ApproveRestart:escalate',
        'StopInstance:remediate',
        'WaitForStopped:verify',
        'StartInstance:remediate',
        'SummarizeFindings:remediate',
      ],
    );
    assert.equal(step(runbook, 'StopInstance').position.line, 77);
    assert.match(
      step(runbook, 'StopInstance').text,
      /Action: `aws:executeAwsApi`[\s\S]*- Api: `StopInstances`[\s\S]*On failure: go to SummarizeFindings\./,
    );
  });

  it('turns aws:executeAwsApi into the equivalent aws CLI line, with {{ Param }} left for the filler', () => {
    const runbook = only('ssm/restart-unhealthy-instance.yaml');
    const describe = step(runbook, 'DescribeInstanceState').commands;
    assert.deepEqual(
      describe.map((c) => [c.run, c.lang, c.position.line]),
      [['aws ec2 describe-instance-status --instance-ids {{ InstanceId }} --include-all-instances', 'shell', 35]],
    );
    assert.deepEqual(
      findVariables(describe[0].run).map((v) => v.key),
      ['instanceid'],
    );
    assert.equal(
      fillVariables(describe[0].run, { InstanceId: 'i-0abc; rm -rf /' }).command,
      "aws ec2 describe-instance-status --instance-ids 'i-0abc; rm -rf /' --include-all-instances",
    );
    const wait = step(runbook, 'WaitForStopped').commands[0];
    assert.equal(
      wait.run,
      "aws ec2 describe-instances --instance-ids {{ InstanceId }} --query 'Reservations[0].Instances[0].State.Name' --output text",
    );
    assert.equal(wait.expect, 'one of: stopped');
  });

  it('gives aws:runCommand scripts as shell commands and aws:executeScript code to read, not to run', () => {
    const runbook = only('ssm/restart-unhealthy-instance.yaml');
    assert.deepEqual(
      step(runbook, 'CollectSystemLogs').commands.map((c) => c.lang),
      ['shell'],
    );
    assert.match(step(runbook, 'CollectSystemLogs').commands[0].run, /^journalctl -u checkout-web .*\ndf -h \/var$/);
    const script = step(runbook, 'SummarizeFindings');
    assert.deepEqual(
      script.commands.map((c) => c.lang),
      ['python'],
    );
    assert.match(script.commands[0].run, /^def summarize\(events, context\):/);
    assert.doesNotMatch(script.text, /def summarize/, 'the script is the command, not repeated in the text');
    assert.match(script.text, /The automation ends after this step\./);
  });

  it('makes aws:branch choices branches, with And/Not in words and Default as "otherwise"', () => {
    const yaml = only('ssm/restart-unhealthy-instance.yaml');
    assert.deepEqual(step(yaml, 'ChooseMode').branches, [
      { if: '{{ Mode }} is "Restart"', goto: 'ApproveRestart' },
      { if: '{{ Mode }} is "DiagnoseOnly" and {{ DescribeInstanceState.State }} is "running"', goto: 'SummarizeFindings' },
      { if: 'otherwise (default)', goto: 'SummarizeFindings' },
    ]);
    const json = only('ssm/rds-failover.json');
    assert.deepEqual(step(json, 'CheckMultiAz').branches, [
      { if: '{{ ReadInstance.MultiAZ }} is true', goto: 'ConfirmFailover' },
      { if: 'not ({{ ReadInstance.MultiAZ }} is true)', goto: 'EscalateToDba' },
    ]);
  });

  it('reads the same from JSON, with line numbers, and a Command document (2.2) with aws:runShellScript', () => {
    const json = only('ssm/rds-failover.json');
    assert.equal(json.title, 'Fail over the orders database');
    assert.equal(step(json, 'RebootWithFailover').position.line, 55);
    assert.equal(
      step(json, 'RebootWithFailover').commands[0].run,
      'aws rds reboot-db-instance --db-instance-identifier {{ DBInstanceIdentifier }} --force-failover',
    );
    assert.equal(
      step(json, 'EscalateToDba').commands[0].run,
      "aws sns publish --topic-arn arn:aws:sns:eu-west-1:111122223333:dba-pager --message '{{ DBInstanceIdentifier }} is not Multi-AZ: manual failover needed'",
    );
    assert.equal(json.variables?.find((v) => v.name === 'MaxReplicaLagSeconds')?.default, '30');
    const command = only('ssm/clean-tmp-command.yml');
    assert.equal(command.title, 'Clean tmp command', 'a first sentence is a description, not a title');
    assert.deepEqual(
      command.steps.map((s) => s.commands[0]?.run),
      [
        'df -h\ndu -xh /var/log | sort -h | tail -n 20',
        "find /tmp -type f -mtime +{{ OlderThanDays }} -delete\nfind /var/log -name '*.gz' -mtime +{{ OlderThanDays }} -delete",
      ],
    );
  });

  it('builds CLI lines from structured API parameters: kebab-case names, lists as words, structures as JSON', () => {
    const source = new StructuredSource(
      'x.yaml',
      'Service: ec2\nApi: DescribeDBInstances\nFilters:\n  - Name: tag:team\n    Values: [orders]\nDryRun: false\n',
    );
    assert.equal(
      awsCliLine(source.roots[0]),
      `aws ec2 describe-db-instances --filters '[{"Name":"tag:team","Values":["orders"]}]' --no-dry-run`,
    );
  });

  it('turns aws:changeInstanceState into the EC2 call it stands for, or a state check in CheckStateOnly mode', () => {
    // The shape of awslabs/aws-systems-manager's StopEC2InstanceWithApproval (read for reference, written anew).
    const doc = (
      inputs: string,
    ) => `{"schemaVersion": "0.3", "description": "Stop web instances", "parameters": {"InstanceIds": {"type": "StringList"}},
      "mainSteps": [{"name": "stopInstances", "action": "aws:changeInstanceState", "inputs": ${inputs}}]}`;
    const stop = parseRunbookFile('runbooks/stop.json', doc('{"InstanceIds": "{{ InstanceIds }}", "DesiredState": "stopped"}')).runbooks[0];
    assert.deepEqual(
      stop.steps.map((s) => [s.title, s.kind, s.commands.map((c) => c.run)]),
      [['Stop Instances', 'remediate', ['aws ec2 stop-instances --instance-ids {{ InstanceIds }}']]],
    );
    const check = parseRunbookFile(
      'runbooks/stop.json',
      doc('{"InstanceIds": ["i-1", "i-2"], "DesiredState": "running", "CheckStateOnly": true}'),
    ).runbooks[0];
    assert.equal(check.steps[0].kind, 'verify');
    assert.deepEqual(
      check.steps[0].commands.map((c) => [c.run, c.expect]),
      [["aws ec2 describe-instances --instance-ids i-1 i-2 --query 'Reservations[].Instances[].State.Name' --output text", 'running']],
    );
  });

  it('reports a step that branches to no step, at its line', () => {
    const parsed = parseRunbookFile(
      'runbooks/bad.yaml',
      "schemaVersion: '0.3'\nmainSteps:\n  - name: Pick\n    action: aws:branch\n    inputs:\n      Choices:\n        - NextStep: Nowhere\n          Variable: '{{ X }}'\n          StringEquals: a\n",
    );
    assert.deepEqual(
      parsed.problems.map((p) => `${p.line}:${p.column} ${p.message}`),
      ['7:21 step "Pick" goes to "Nowhere", which is not a step in "mainSteps"'],
    );
  });
});

describe('runbook formats: Rundeck job exports', () => {
  it('reads every job of a YAML export: options as variables (secure ones secret), steps from exec, script, jobref and plugins', () => {
    const parsed = parse('rundeck/web-tier-jobs.yaml');
    assert.deepEqual(parsed.problems, []);
    assert.deepEqual(
      parsed.runbooks.map((r) => [r.id, r.title, r.format, r.position.line]),
      [
        ['checkout-web-restart-web-node', 'Restart web node', 'rundeck', 10],
        ['checkout-web-verify-web-node-health', 'Verify web node health', 'rundeck', 60],
      ],
    );
    const restart = parsed.runbooks[0];
    assert.match(restart.description, /^Drain a web node and restart the app service\n/);
    assert.deepEqual(
      restart.variables?.map((v) => [v.name, v.required, v.secret, v.default ?? null]),
      [
        ['node', true, false, null],
        ['drain-seconds', false, false, '30'],
        ['lb_token', true, true, null],
      ],
    );
    assert.deepEqual(
      restart.steps.map((s) => [s.title, s.kind]),
      [
        ['Check the service state', 'diagnose'],
        ['Take the node out of the load balancer', 'remediate'],
        ['Restart the app service', 'remediate'],
        ['Run job checkout/web/Verify web node health', 'remediate'],
      ],
    );
    assert.equal(restart.steps[0].commands[0].run, 'systemctl status checkout-web --no-pager');
    assert.match(restart.steps[3].text, /Runs the Rundeck job "checkout\/web\/Verify web node health" with `-node \{\{ node \}\}`/);
    const verify = parsed.runbooks[1];
    assert.deepEqual(
      verify.steps.map((s) => s.commands[0]?.run ?? s.text),
      [
        'curl -fsS http://{{ node }}:8080/healthz',
        '/opt/ops/bin/lb-undrain.sh {{ node }}',
        'Rundeck step plugin `slack-notify`:\n\n- url: `https://chat.internal/hooks/checkout`\n- message: `node {{ node }} is back`',
      ],
    );
  });

  it('turns ${option.x}, @option.x@ and $RD_OPTION_X into {{ x }}, which the filler fills and quotes', () => {
    const script = parse('rundeck/web-tier-jobs.yaml').runbooks[0].steps[1];
    assert.equal(
      script.commands[0].run,
      [
        '#!/bin/bash',
        'set -euo pipefail',
        'curl -fsS -X POST -H "Authorization: Bearer {{ lb_token }}" \\',
        '  "https://lb.internal/api/pools/checkout/members/{{ node }}/drain"',
        'sleep {{ drain-seconds }}',
      ].join('\n'),
    );
    assert.match(
      script.text,
      /arguments: `\{\{ node \}\} \{\{ drain-seconds \}\}`[\s\S]*If it fails, Rundeck runs: `echo "drain failed for \{\{ node \}\}"`/,
    );
    assert.deepEqual(
      findVariables(script.commands[0].run).map((v) => v.key),
      ['lb_token', 'node', 'drain_seconds'],
    );
    assert.equal(
      rundeckPlaceholders('echo ${option.a.value} $RD_OPTION_MY_OPT ${RD_OPTION_OTHER} ${node.name}', ['my.opt']),
      'echo {{ a }} {{ my.opt }} {{ other }} ${node.name}',
    );
  });

  it('reads a JSON export the same way, with the script interpreter as the language', () => {
    const parsed = parse('rundeck/db-maintenance.json');
    assert.deepEqual(parsed.problems, []);
    assert.deepEqual(
      parsed.runbooks.map((r) => r.title),
      ['Kill long running queries', 'Vacuum orders tables'],
    );
    const [kill, vacuum] = parsed.runbooks;
    assert.deepEqual(
      kill.variables?.filter((v) => v.secret).map((v) => v.name),
      ['db_password'],
    );
    assert.match(
      kill.steps[1].commands[0].run,
      /^#!\/bin\/sh\nPGPASSWORD="\{\{ db_password \}\}" psql .*interval '\{\{ max_minutes \}\} minutes'/,
    );
    assert.equal(kill.steps[0].position.line, 15);
    assert.deepEqual(
      vacuum.steps.map((s) => [s.title, s.commands[0].lang]),
      [
        ["psql -h orders-primary -U ops -c 'vacuum analyze orders, order_items'", 'shell'],
        ['Report', 'python'],
      ],
    );
  });
});

describe('runbook formats: telling files apart', () => {
  it('leaves War Room YAML runbooks to their parser, even when they say "sequence" and have commands', () => {
    const parsed = parseRunbookFile(
      'runbooks/x.runbook.yaml',
      'title: Restart in sequence\nsteps:\n  - kind: remediate\n    title: Restart\n    commands: [systemctl restart api]\n',
    );
    assert.deepEqual(parsed.problems, []);
    assert.deepEqual(
      parsed.runbooks.map((r) => [r.format, r.title]),
      [['yaml', 'Restart in sequence']],
    );
  });

  it('takes a JSON file for a runbook only when its content is one, and reports broken JSON that looks like one', () => {
    assert.deepEqual(parseRunbookFile('runbooks/package.json', '{"name": "x", "scripts": {"test": "mocha"}}'), {
      runbooks: [],
      problems: [],
      alertLinks: [],
    });
    const broken = parseRunbookFile(
      'runbooks/doc.json',
      '{\n  "schemaVersion": "0.3",\n  "mainSteps": [\n    {"name": "A" "action": "aws:sleep"}\n  ]\n}',
    );
    assert.equal(broken.runbooks.length, 0);
    assert.deepEqual(broken.problems[0], {
      file: 'runbooks/doc.json',
      line: 4,
      column: 18,
      severity: 'error',
      message: 'JSON: Unexpected double-quoted-scalar token',
    });
  });
});

describe("runbook formats: War Room's own format written as JSON", () => {
  const runbook = {
    title: 'Drain a node',
    services: ['checkout'],
    steps: [
      { kind: 'diagnose', title: 'Look at the node', commands: ['kubectl describe node {{node}}'] },
      { kind: 'remediate', title: 'Drain it', commands: ['kubectl drain {{node}} --ignore-daemonsets'] },
    ],
  };

  it('reads a *.runbook.json (the name its schema is offered for) as the YAML runbook it also is, tabs and all', () => {
    const parsed = parseRunbookFile('ops/drain.runbook.json', JSON.stringify(runbook, null, '\t'));
    assert.deepEqual(parsed.problems, []);
    assert.deepEqual(
      parsed.runbooks.map((r) => [r.format, r.title, r.services, r.steps.map((s) => s.title)]),
      [['yaml', 'Drain a node', ['checkout'], ['Look at the node', 'Drain it']]],
    );
    assert.equal(parsed.runbooks[0].steps[1].position.line, 14);
  });

  it('reports a broken *.runbook.json, and a missing field, with file, line and column', () => {
    const broken = parseRunbookFile(
      'ops/drain.runbook.json',
      '{\n  "title": "Drain a node",\n  "steps": [\n    {"kind": "verify" "title": "x"}\n  ]\n}\n',
    );
    assert.equal(broken.runbooks.length, 0);
    assert.ok(broken.problems.length > 0);
    assert.deepEqual(new Set(broken.problems.map((p) => `${p.file}:${p.line} ${p.severity}`)), new Set(['ops/drain.runbook.json:4 error']));
    const untitled = parseRunbookFile('ops/drain.runbook.json', '{\n  "steps": [{"kind": "verify", "title": "x"}]\n}\n');
    assert.deepEqual(
      untitled.problems.map((p) => [p.line, p.message]),
      [[1, 'missing "title"']],
    );
  });

  it('reads any other JSON file as one only when its top level has a title and steps', () => {
    assert.deepEqual(
      parseRunbookFile('runbooks/drain.json', JSON.stringify(runbook)).runbooks.map((r) => r.title),
      ['Drain a node'],
    );
    // A Grafana dashboard has a title and threshold "steps", but not side by side at its top level.
    const dashboard = {
      title: 'Checkout',
      panels: [{ fieldConfig: { defaults: { thresholds: { steps: [{ color: 'red', value: 80 }] } } } }],
    };
    assert.deepEqual(parseRunbookFile('runbooks/dashboard.json', JSON.stringify(dashboard)), {
      runbooks: [],
      problems: [],
      alertLinks: [],
    });
    assert.deepEqual(parseRunbookFile('runbooks/broken.json', '{"title": "x", "steps": ['), { runbooks: [], problems: [], alertLinks: [] });
  });

  it('finds *.runbook.json anywhere in the workspace by default, and lint names its problems', async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'warroom-jsonrb-'));
    try {
      fs.mkdirSync(path.join(root, 'services', 'checkout'), { recursive: true });
      fs.writeFileSync(path.join(root, 'services', 'checkout', 'drain.runbook.json'), JSON.stringify(runbook, null, 2));
      fs.writeFileSync(path.join(root, 'services', 'checkout', 'broken.runbook.json'), '{ "title": "x",\n  oops\n');
      const index = new RunbookIndex(root);
      await index.refresh();
      assert.deepEqual(
        index.runbooks.map((r) => `${r.file} ${r.title}`),
        ['services/checkout/drain.runbook.json Drain a node'],
      );
      assert.deepEqual(
        index.problems.map((p) => `${p.file}:${p.line} ${p.severity}`),
        ['services/checkout/broken.runbook.json:3 error'],
      );
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});

describe('runbook formats: Markdown runbooks that only point elsewhere', () => {
  it('carries the notice and its link, resolved to a workspace file when relative, and no "no steps" warning', () => {
    const moved = only('markdown/alerts/KubeletTooManyPodsOld.md');
    assert.deepEqual(moved.notice, {
      text: 'This runbook has been moved to KubeletTooManyPods.',
      link: { title: 'KubeletTooManyPods', url: '../nodes/KubeletTooManyPods.md' },
      target: 'runbooks/markdown/nodes/KubeletTooManyPods.md',
    });
    const external = only('markdown/alerts/PaymentsLatencyHigh.md');
    assert.deepEqual(external.notice, {
      text: "This alert has been moved to the payments team's handbook: Payments latency runbook.",
      link: { title: 'Payments latency runbook', url: 'https://handbook.example.com/payments/runbooks/latency' },
    });
  });

  it('gives no notice to a runbook that only mentions a move among its steps, nor a link that leaves the workspace', () => {
    assert.equal(only('markdown/alerts/HostDiskMoved.md').notice, undefined);
    const outside = parseRunbookFile('runbooks/A.md', '# A\n\nThis runbook has moved to [B](../../elsewhere/B.md).\n').runbooks[0];
    assert.deepEqual(outside.notice, { text: 'This runbook has moved to B.', link: { title: 'B', url: '../../elsewhere/B.md' } });
    const empty = parseRunbookFile('runbooks/C.md', '# C\n\nTODO\n');
    assert.equal(empty.runbooks[0].notice, undefined);
    assert.match(empty.problems[0]?.message ?? '', /has no steps/);
  });
});

describe('runbook formats: following a moved notice', () => {
  const moved = () => only('markdown/alerts/KubeletTooManyPodsOld.md');
  const target = () => only('markdown/nodes/KubeletTooManyPods.md');

  it('finds the indexed runbook a notice names, also when the link drops the extension; none for outside links', () => {
    const runbooks = [moved(), target()];
    assert.equal(noticeTargetIn(runbooks, moved().notice!)?.title, 'KubeletTooManyPods');
    const bare = {
      text: 't',
      link: { title: 'x', url: '../nodes/KubeletTooManyPods' },
      target: 'runbooks/markdown/nodes/KubeletTooManyPods',
    };
    assert.equal(noticeTargetIn(runbooks, bare)?.file, 'runbooks/markdown/nodes/KubeletTooManyPods.md');
    assert.equal(noticeTargetIn(runbooks, only('markdown/alerts/PaymentsLatencyHigh.md').notice!), undefined);
    assert.equal(noticeTargetIn([moved()], moved().notice!), undefined, 'a target that is not indexed is not followed');
  });

  it('says on the page why a shell command offers no Run, and nothing of the kind for one that runs', () => {
    const parsed = parseRunbookFile(
      'runbooks/scale.md',
      '# Scale up\n\n## Scale\n\n```shell\necho $(( {{service}} + 1 ))\n```\n\n```shell\nkubectl rollout restart deploy/{{service}}\n```\n',
    );
    assert.deepEqual(parsed.problems, []);
    const incident = foldIncident('INC-20261122-2300-aaaaaa', [declared()]);
    const [refused, runs] = buildWalkthroughState(incident, parsed.runbooks[0], checks, { trusted: true }).steps.flatMap((s) => s.commands);
    assert.equal(refused.runnable, false);
    assert.match(refused.refused ?? '', /sits inside \$\(\(\.\.\.\)\), where only a plain number can be filled in safely/);
    assert.equal(runs.runnable, true);
    assert.equal(runs.refused, undefined);
  });

  it('gives the walkthrough page the notice, and a target only when it resolves; the page may ask to follow it', () => {
    const incident = foldIncident('INC-20261122-2300-aaaaaa', [declared()]);
    const state = buildWalkthroughState(incident, moved(), checks, { trusted: true, noticeTarget: target() });
    assert.deepEqual(state.runbook.notice, {
      text: 'This runbook has been moved to KubeletTooManyPods.',
      title: 'KubeletTooManyPods',
      url: '../nodes/KubeletTooManyPods.md',
      target: 'KubeletTooManyPods',
    });
    assert.equal(buildWalkthroughState(incident, moved(), checks, { trusted: true }).runbook.notice?.target, undefined);
    assert.equal(buildWalkthroughState(incident, target(), checks, { trusted: true }).runbook.notice, undefined);
    assert.deepEqual(parseWalkthroughMessage({ type: 'followNotice', requestId: 'r1' }).message, { type: 'followNotice', requestId: 'r1' });
    assert.equal(parseWalkthroughMessage({ type: 'followNotice', requestId: 'r1', url: 'file:///etc/passwd' }).message, undefined);
  });
});

describe('runbook formats: the index and the CLI', () => {
  const tempRoot = useTempDirs('warroom-formats-');
  function workspace(): string {
    const root = tempRoot();
    fs.cpSync(fixtures, path.join(root, 'runbooks'), { recursive: true });
    fs.rmSync(path.join(root, 'runbooks', 'README.md'));
    fs.writeFileSync(path.join(root, 'runbooks', 'package.json'), '{"name": "ops-scripts", "private": true}\n');
    return root;
  }
  const cli = async (args: string[], cwd: string) => {
    const out: string[] = [];
    const err: string[] = [];
    const io: CliIo = { out: (t) => out.push(t), err: (t) => err.push(t), cwd, env: {} };
    const code = await main(args, io);
    return { code, out: out.join('\n'), err: err.join('\n') };
  };

  it('indexes SSM, Rundeck (YAML and JSON) and Markdown runbooks side by side; other JSON files add nothing', async () => {
    const index = new RunbookIndex(workspace());
    await index.refresh();
    assert.deepEqual(index.problems, []);
    assert.ok(index.files.includes('runbooks/package.json'));
    assert.deepEqual(index.runbooks.map((r) => `${r.format} ${r.title}`).sort(), [
      'markdown HostDiskMoved',
      'markdown Kubelet Too Many Pods (old)',
      'markdown KubeletTooManyPods',
      'markdown PaymentsLatencyHigh',
      'rundeck Kill long running queries',
      'rundeck Restart web node',
      'rundeck Vacuum orders tables',
      'rundeck Verify web node health',
      'ssm Clean tmp command',
      'ssm Fail over the orders database',
      'ssm Restart an unhealthy web instance',
    ]);
  });

  it('list and show print them; show --json carries variables and the moved notice', async () => {
    const root = workspace();
    const list = await cli(['runbooks', 'list'], root);
    assert.equal(list.code, 0, list.err);
    assert.match(list.out, /runbooks\/ssm\/rds-failover\.json:1 +Fail over the orders database {2}\(6 steps\)/);
    assert.match(list.out, /runbooks\/rundeck\/web-tier-jobs\.yaml:60 +Verify web node health {2}\(3 steps\)/);
    const show = await cli(['runbooks', 'show', 'runbooks/ssm/restart-unhealthy-instance.yaml'], root);
    assert.equal(show.code, 0, show.err);
    assert.match(show.out, /variable Mode \(default "Restart"\): Restart, or only collect diagnostics\./);
    assert.match(show.out, /3\. \[decide\] Choose Mode {2}:55\n +-> if \{\{ Mode \}\} is "Restart": go to ApproveRestart/);
    assert.match(show.out, /\$ aws ec2 stop-instances --instance-ids \{\{ InstanceId \}\}/);
    const rundeck = await cli(['runbooks', 'show', 'runbooks/rundeck/web-tier-jobs.yaml'], root);
    assert.match(rundeck.out, /variable lb_token \(required, secret\): Load balancer API token/);
    const moved = JSON.parse(
      (await cli(['runbooks', 'show', 'runbooks/markdown/alerts/KubeletTooManyPodsOld.md', '--json'], root)).out,
    ) as { notice: { target: string } }[];
    assert.equal(moved[0].notice.target, 'runbooks/markdown/nodes/KubeletTooManyPods.md');
    const text = await cli(['runbooks', 'show', 'runbooks/markdown/alerts/KubeletTooManyPodsOld.md'], root);
    assert.match(
      text.out,
      /moved: This runbook has been moved to KubeletTooManyPods\. -> runbooks\/markdown\/nodes\/KubeletTooManyPods\.md/,
    );
  });
});

describe("runbook formats: the walkthrough page's command checks", () => {
  it('checks each command once however often the walkthrough is built again, and gives the same answers', () => {
    const parsed = parseRunbookFile(
      'runbooks/clear.md',
      '# Clear\n\n## Clear\n\n```shell\nrm -rf /var/cache/{{service}}\n```\n\n```shell\nls /var/cache\n```\n\n```sql\nDROP TABLE t;\n```\n',
    );
    assert.deepEqual(parsed.problems, []);
    const asked: string[] = [];
    const counting = { ...checks, destructiveReason: (command: string) => (asked.push(command), checks.destructiveReason(command)) };
    const remembering = rememberingReasons(counting, 2);
    const incident = foldIncident('INC-20261122-2300-aaaaaa', [declared()]);
    const first = buildWalkthroughState(incident, parsed.runbooks[0], remembering, { trusted: true });
    const again = buildWalkthroughState(incident, parsed.runbooks[0], remembering, { trusted: true });
    assert.deepEqual(again, first);
    assert.deepEqual(
      first.steps.flatMap((s) => s.commands.map((c) => c.destructive)),
      ['deletes files (rm)', undefined, undefined],
    );
    // The two shell commands, once each (SQL is never checked); past its limit it forgets and asks again.
    assert.deepEqual(asked, ['rm -rf /var/cache/checkout', 'ls /var/cache']);
    remembering.destructiveReason('reboot');
    remembering.destructiveReason('rm -rf /var/cache/checkout');
    assert.equal(asked.length, 4);
  });

  it('checks for a bounded time per build, one command at least, and the next build goes on from there', () => {
    const blocks = ['ls /srv', 'du -sh /srv', 'df -h', 'rm -rf /srv/cache', 'ls /srv'].map((c) => `\`\`\`shell\n${c}\n\`\`\`\n`);
    const parsed = parseRunbookFile(
      'runbooks/clear.md',
      `# Clear\n\n## Look\n\n${blocks.slice(0, 3).join('\n')}\n## Clear\n\n${blocks.slice(3).join('\n')}`,
    );
    assert.deepEqual(parsed.problems, []);
    const incident = foldIncident('INC-20261122-2300-aaaaaa', [declared()]);
    const asked: string[] = [];
    const remembering = rememberingReasons({
      ...checks,
      destructiveReason: (command: string) => (asked.push(command), checks.destructiveReason(command)),
    });
    const shown = () => {
      const state = buildWalkthroughState(incident, parsed.runbooks[0], remembering, { trusted: true });
      return state.steps.flatMap((s) => s.commands.map((c) => (c.checking ? 'checking' : (c.destructive ?? 'once'))));
    };
    // Time is up after two new checks in each build (the first is always checked).
    const budget = (n: number) => () => asked.length - before >= n;
    let before = asked.length;
    remembering.begin(budget(2));
    assert.deepEqual(shown(), ['once', 'once', 'checking', 'checking', 'once'], 'the last is the first command again, remembered');
    assert.equal(remembering.unchecked, 2);
    before = asked.length;
    remembering.begin(() => true);
    assert.deepEqual(shown(), ['once', 'once', 'once', 'checking', 'once'], 'no time at all still checks one');
    assert.equal(remembering.unchecked, 1);
    before = asked.length;
    remembering.begin(budget(2));
    assert.deepEqual(shown(), ['once', 'once', 'once', 'deletes files (rm)', 'once']);
    assert.equal(remembering.unchecked, 0);
    assert.deepEqual(asked, ['ls /srv', 'du -sh /srv', 'df -h', 'rm -rf /srv/cache'], 'each command checked once');
    const unbounded = rememberingReasons(checks);
    assert.deepEqual(
      buildWalkthroughState(incident, parsed.runbooks[0], remembering, { trusted: true }),
      buildWalkthroughState(incident, parsed.runbooks[0], unbounded, { trusted: true }),
      'the same page as one built without a bound',
    );
  });
});

describe('runbook formats: declared secret inputs', () => {
  it('redacts a Rundeck secure option whose name does not look secret, as secret: true does', () => {
    const text = [
      '- name: Rotate',
      '  options:',
      '    - name: dbhost',
      '      secure: true',
      '  sequence:',
      '    commands:',
      '      - exec: psql -h ${option.dbhost} -c "select 1"',
    ].join('\n');
    const [runbook] = parseRunbookFile('runbooks/rotate.yaml', text).runbooks;
    assert.deepEqual(secretsOf(runbook), ['dbhost']);
    const filled = fillVariables(runbook.steps[0].commands[0].run, { dbhost: 'db-7.internal' }, 'shell', secretsOf(runbook));
    assert.ok(filled.command.includes('db-7.internal'), filled.command);
    assert.ok(!filled.redacted.includes('db-7.internal') && filled.redacted.includes('<redacted:dbhost>'), filled.redacted);
  });
});
