// On call in a real VS Code: the rotation file written into the folder is read (watched), its
// problems reach the Problems view at their lines, the incident shows who was on call when it began,
// and Who Is On Call lists each layer's holder.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ServiceOnCall } from '../../../src/core/oncall/summary';
import { json, startLoopback } from '../../support/loopbackServer';
import { featureUnderTest, renderTree, waitFor, warRoom } from '../support/api';

const LIMIT_MS = 60_000;
const ROTATIONS = [
  'people: [alice, erin]',
  'rotations:',
  '  - id: checkout-primary',
  '    services: [checkout]',
  '    members: [alice]',
  '    start: 2026-01-05',
  '    length: 1w',
  '    timezone: Europe/Berlin',
  '  - id: checkout-secondary',
  '    layer: secondary',
  '    services: [checkout]',
  '    members: [erin]',
  '    start: 2026-01-05',
  '    length: 2w',
  '    timezone: Europe/Berlin',
  'overrides:',
  '  - rotation: checkout-primary',
  '    who: mallory',
  '    from: 2030-01-01T00:00:00Z',
  '    to: 2030-01-02T00:00:00Z',
  'escalation:',
  '  - service: checkout',
  '    levels:',
  '      - notify: [primary]',
  '      - after: 15m',
  '        notify: [secondary]',
  '',
].join('\n');

function folder(): vscode.WorkspaceFolder {
  const first = vscode.workspace.workspaceFolders?.[0];
  assert.ok(first, 'the test workspace has a folder');
  return first;
}

describe('on call in a real VS Code', function () {
  let id = '';
  const file = () => path.join(folder().uri.fsPath, '.warroom', 'oncall.yaml');

  before(async () => {
    const api = await warRoom();
    const now = new Date();
    const started = new Date(now.getTime() - 3_600_000).toISOString();
    id = await api.model.declare(
      folder(),
      {
        type: 'declared',
        title: 'Checkout paging',
        severity: 'SEV2',
        urgency: 'high',
        service: 'checkout',
        startedAt: started,
        detectedAt: started,
      },
      now,
    );
    fs.mkdirSync(path.dirname(file()), { recursive: true });
    fs.writeFileSync(file(), ROTATIONS);
  });

  after(async () => {
    fs.rmSync(file(), { force: true });
    // Other suites count rows under incidents: wait until the section is gone again.
    const api = await warRoom();
    await waitFor(
      'the On call section gone',
      async () => ((await renderTree(api)).some((r) => r.label === 'On call') ? undefined : true),
      LIMIT_MS,
    );
  });

  it('shows who was on call when the incident began, with the escalation path, under the incident', async () => {
    const api = await warRoom();
    const rows = await waitFor(
      'the On call section',
      async () => {
        const mine = (await renderTree(api)).filter((r) => r.node.incidentId === id);
        return mine.some((r) => r.label === 'On call') ? mine : undefined;
      },
      LIMIT_MS,
    );
    assert.equal(rows.find((r) => r.label === 'On call')?.description, 'at start: alice, erin');
    assert.equal(rows.find((r) => r.contextValue === 'oncall;primary')?.label, 'alice');
    assert.equal(rows.find((r) => r.contextValue === 'oncall;secondary')?.label, 'erin');
    assert.equal(rows.find((r) => r.label === 'Escalation')?.description, '0m alice → 15m erin');
  });

  it('puts the rotation file problems in the Problems view at their lines', async () => {
    const oncall = await featureUnderTest('oncall');
    const problems = await waitFor(
      'the unknown member problem',
      async () => (oncall.problems(folder()).length ? oncall.problems(folder()) : undefined),
      LIMIT_MS,
    );
    assert.deepEqual(
      problems.map((d) => [d.range.start.line + 1, d.message]),
      [[17, 'override: "mallory" is not in people']],
    );
  });

  it('Who Is On Call lists each layer holder now', async () => {
    const oncall = await featureUnderTest('oncall');
    const shown = oncall.capturePicks();
    const summary = (await vscode.commands.executeCommand('warroom.whoIsOnCall')) as ServiceOnCall[];
    assert.deepEqual(
      summary.map((s) => [s.service, s.layers.map((l) => `${l.shift.layer}:${l.shift.person}`)]),
      [['checkout', ['primary:alice', 'secondary:erin']]],
    );
    assert.deepEqual(
      shown[shown.length - 1].map((i) => i.label),
      ['checkout', '$(bell) alice', '$(bell-dot) erin'],
    );
  });

  it('Who Is On Call adds PagerDuty for services the file does not name, once a PagerDuty key is set', async () => {
    const oncall = await featureUnderTest('oncall');
    const shown = oncall.capturePicks();
    const now = Date.now();
    const pagerduty = await startLoopback((req, res) => {
      const url = new URL(req.url, 'http://x');
      if (url.pathname === '/services') {
        return json(res, 200, {
          services: [
            { id: 'PS1', name: 'checkout', escalation_policy: { id: 'EP1' } },
            { id: 'PS2', name: 'search', escalation_policy: { id: 'EP2' } },
          ],
          more: false,
        });
      }
      if (url.pathname === '/oncalls') {
        const held = (policy: string, person: string) => ({
          escalation_policy: { id: policy, summary: policy },
          escalation_level: 1,
          schedule: { id: `S${policy}`, summary: `${policy} weekly` },
          user: { id: `U${person}`, summary: person },
          start: new Date(now - 3_600_000).toISOString(),
          end: new Date(now + 3_600_000).toISOString(),
        });
        return json(res, 200, { oncalls: [held('EP1', 'Paged Person'), held('EP2', 'Dana Search')], more: false });
      }
      json(res, 404, { error: { message: 'Not Found' } });
    });
    const settings = vscode.workspace.getConfiguration('warroom.alerts');
    try {
      await settings.update('pagerduty.baseUrl', pagerduty.url, vscode.ConfigurationTarget.Global);
      await vscode.commands.executeCommand('warroom.alerts.setPagerDutyKey', 'canary-oncall-key-31');
      const summary = (await vscode.commands.executeCommand('warroom.whoIsOnCall')) as ServiceOnCall[];
      assert.deepEqual(
        summary.map((s) => [s.service, s.layers.map((l) => `${l.shift.layer}:${l.shift.person}:${l.shift.source}`)]),
        [
          ['checkout', ['primary:alice:file', 'secondary:erin:file']],
          ['search', ['primary:Dana Search:pagerduty']],
        ],
      );
      const labels = shown[shown.length - 1].map((i) => i.label);
      assert.deepEqual(labels.slice(0, 5), ['checkout', '$(bell) alice', '$(bell-dot) erin', 'search', '$(bell) Dana Search']);
      assert.deepEqual(labels.slice(5), [
        'Notes',
        "$(info) checkout: .warroom/oncall.yaml and PagerDuty both name it; the file's rotation is used",
      ]);
      assert.equal(pagerduty.received[0].headers.authorization, 'Token token=canary-oncall-key-31');
    } finally {
      await vscode.commands.executeCommand('warroom.alerts.forgetPagerDutyKey');
      await settings.update('pagerduty.baseUrl', undefined, vscode.ConfigurationTarget.Global);
      await pagerduty.close();
    }
  });

  it('shows a rotation with a bad field as unreadable, not as no one on call, and blames only that field', async () => {
    fs.writeFileSync(file(), ROTATIONS.replace('length: 1w', 'length: one week'));
    const api = await warRoom();
    const row = await waitFor(
      'the unreadable primary row',
      async () => (await renderTree(api)).find((r) => r.node.incidentId === id && r.contextValue === 'oncall-unreadable'),
      LIMIT_MS,
    );
    assert.equal(row.label, 'no one shown');
    assert.equal(row.description, 'primary · rotation "checkout-primary" (line 3) has an error');
    const oncall = await featureUnderTest('oncall');
    assert.deepEqual(
      oncall.problems(folder()).map((d) => [d.range.start.line + 1, d.message]),
      [
        [7, '"length" must be whole days or weeks, e.g. 1w or 3d (got "one week")'],
        [17, 'override: "mallory" is not in people'],
      ],
    );
    const shown = oncall.capturePicks();
    await vscode.commands.executeCommand('warroom.whoIsOnCall');
    const items = shown[shown.length - 1];
    assert.deepEqual(
      items.map((i) => i.label),
      ['checkout', '$(warning) no one shown', '$(bell-dot) erin'],
    );
    assert.equal(items[1].description, 'primary · rotation "checkout-primary" (line 3) has an error');
  });
});
