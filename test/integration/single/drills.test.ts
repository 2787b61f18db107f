// A game day in a real VS Code: Start Drill at 10x on a clock the test moves, injects arriving as
// pages and then on the drill incident's timeline, expected actions done through the real commands
// (some late, some never), and the score sheet written beside the reviews with met, late and missed.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { DrillClock } from '../../../src/core/drills/run';
import { featureUnderTest, renderTree, waitFor, warRoom } from '../support/api';

const LIMIT_MS = 60_000;
const SCENARIO = [
  'title: Drill pool cut',
  'severity: SEV2',
  'service: checkout',
  'injects:',
  '  - at: 0m',
  '    kind: alert',
  '    from: alertmanager',
  '    text: "CheckoutDBPoolExhausted: 25/25 connections"',
  '  - at: 2m',
  '    kind: message',
  '    from: sam (support)',
  '    text: "Payment spins forever"',
  'expect:',
  '  - action: declare',
  '    within: 5m',
  '  - action: commander',
  '    within: 3m',
  '  - action: status_update',
  '    within: 10m',
  '  - action: cause',
  '    within: 20m',
  '',
].join('\n');

// A deploy inject naming a commit of the workspace (HEAD), and one naming none (a flag file).
const DEPLOY_SCENARIO = [
  'title: Drill deploy',
  'severity: SEV3',
  'service: checkout',
  'injects:',
  '  - at: 0m',
  '    kind: deploy',
  '    from: HEAD',
  '    text: "Deploy: pool 50 -> 25"',
  '  - at: 0m',
  '    kind: deploy',
  '    from: flags',
  '    text: "flags.yaml: new-pricing 1% -> 100%"',
  'expect:',
  '  - action: declare',
  '    within: 5m',
  '',
].join('\n');

/** Real ms moved by the test alone: a sleeper wakes when `advance` passes its time. */
function handClock(): DrillClock & { advance(ms: number): void } {
  let now = 0;
  const sleepers: { until: number; wake: () => void }[] = [];
  return {
    now: () => now,
    sleep: (ms) => new Promise<void>((wake) => sleepers.push({ until: now + ms, wake })),
    advance(ms) {
      now += ms;
      for (const s of sleepers.filter((x) => x.until <= now)) {
        sleepers.splice(sleepers.indexOf(s), 1);
        s.wake();
      }
    },
  };
}

/** Start Drill on a scenario of drills-it/ at 10x, on a clock the test moves. */
async function startDrill(scenario: string) {
  const api = await warRoom();
  const drills = await featureUnderTest('drills');
  const clock = handClock();
  drills.useClock(clock);
  await vscode.commands.executeCommand('warroom.drill.start', { scenario: `drills-it/${scenario}`, speed: 10 });
  return { api, drills, clock };
}

function folder(): vscode.WorkspaceFolder {
  const first = vscode.workspace.workspaceFolders?.[0];
  assert.ok(first, 'the test workspace has a folder');
  return first;
}

describe('a drill in a real VS Code', function () {
  this.timeout(3 * LIMIT_MS);
  const dir = () => path.join(folder().uri.fsPath, 'drills-it');
  const reviews = () => path.join(folder().uri.fsPath, 'docs', 'incidents');
  let sheets: string[] = [];

  before(() => {
    fs.mkdirSync(dir(), { recursive: true });
    fs.writeFileSync(path.join(dir(), 'pool.drill.yaml'), SCENARIO);
    fs.writeFileSync(path.join(dir(), 'deploy.drill.yaml'), DEPLOY_SCENARIO);
    sheets = fs.existsSync(reviews()) ? fs.readdirSync(reviews()) : [];
  });

  after(async () => {
    const drills = await featureUnderTest('drills');
    if (drills.status() && drills.status()?.state !== 'ended') await vscode.commands.executeCommand('warroom.drill.stop');
    drills.useClock(undefined);
    fs.rmSync(dir(), { recursive: true, force: true });
    for (const name of fs.existsSync(reviews()) ? fs.readdirSync(reviews()) : []) {
      if (!sheets.includes(name)) fs.rmSync(path.join(reviews(), name), { force: true });
    }
  });

  it('runs at 10x from Start Drill to the score sheet, with met, late and missed actions', async () => {
    const { api, drills, clock } = await startDrill('pool.drill.yaml');
    await waitFor('the first inject delivered', () => (drills.status()?.delivered === 1 ? true : undefined), LIMIT_MS);
    assert.equal(drills.statusBarText(), '$(beaker) DRILL T+0m · 10x');

    // 6 s of real time at 10x is T+1m: the responder declares the drill incident.
    clock.advance(6_000);
    // Every state of the drill incident the editor saw: the alert paged before it was declared is
    // on its timeline from the first (one write, as an import; the timeline once showed it without).
    const known = new Set(api.model.all().map((r) => r.incident.id));
    const seen: number[] = [];
    const watching = api.model.onDidChange(() => {
      for (const r of api.model.all()) {
        if (!known.has(r.incident.id)) seen.push(r.incident.events.filter((e) => e.type === 'entry').length);
      }
    });
    let id: string;
    try {
      id = (await vscode.commands.executeCommand('warroom.drill.declare')) as string;
    } finally {
      watching.dispose();
    }
    assert.ok(seen.length > 0, 'the declaration was seen');
    assert.deepEqual([...new Set(seen)], [1]);
    const inject = await waitFor(
      'the held inject on the drill timeline',
      () =>
        api.model
          .find(id)
          ?.incident.events.find((e) => e.type === 'entry' && String((e as { text?: unknown }).text).includes('CheckoutDBPoolExhausted')),
      LIMIT_MS,
    );
    assert.equal(
      (inject as unknown as { text: string }).text,
      'Drill inject T+0m · alert from alertmanager: CheckoutDBPoolExhausted: 25/25 connections',
    );
    const row = await waitFor(
      'the drill row in the tree',
      async () => (await renderTree(api)).find((r) => r.node.incidentId === id),
      LIMIT_MS,
    );
    assert.equal(row.label, 'Drill: Drill pool cut');
    assert.match(row.description ?? '', /^drill · SEV2 · investigating/);

    // Paused, scenario time stands still: the T+2m message waits for Resume.
    await vscode.commands.executeCommand('warroom.drill.pause');
    clock.advance(60_000);
    assert.equal(drills.status()?.state, 'paused');
    assert.equal(drills.statusBarText(), '$(debug-pause) DRILL paused T+1m · 10x');
    await vscode.commands.executeCommand('warroom.drill.resume');
    clock.advance(6_000);
    await waitFor('the T+2m message on the timeline', () => (drills.status()?.delivered === 2 ? true : undefined), LIMIT_MS);
    await waitFor(
      'the message written',
      () => api.model.find(id)?.incident.events.some((e) => String((e as { text?: unknown }).text).includes('Payment spins forever')),
      LIMIT_MS,
    );

    // T+4m: the commander comes a minute late, the status update in time; no one marks a cause.
    clock.advance(12_000);
    await vscode.commands.executeCommand('warroom.assignRole', { incidentId: id, role: 'commander', person: 'Dana' });
    await vscode.commands.executeCommand('warroom.addNote', { incidentId: id, kind: 'comms', text: 'Checkout degraded, investigating' });

    // The last deadline is T+20m: 16 more scenario minutes end the drill by itself.
    const ended = drills.ended();
    clock.advance(96_000);
    const sheet = await ended;
    assert.ok(sheet, 'a score sheet was written');
    assert.equal(path.dirname(sheet), reviews());
    assert.match(path.basename(sheet), /^drill-pool-\d{8}-\d{4}(-\d+)?\.md$/);
    const text = fs.readFileSync(sheet, 'utf8');
    assert.match(text, /^# Drill score: Drill pool cut$/m);
    assert.match(text, new RegExp(`^- Run: .* at 10x \\(practice incident ${id}\\)$`, 'm'));
    assert.match(text, /^- Met 2 of 4 expected actions$/m);
    assert.match(text, /^\| declare \| T\+5m \| T\+1m \| met \|$/m);
    assert.match(text, /^\| commander \| T\+3m \| T\+4m \| late \|$/m);
    assert.match(text, /^\| status_update \| T\+10m \| T\+4m \| met \|$/m);
    assert.match(text, /^\| cause \| T\+20m \| - \| missed \|$/m);
    assert.match(text, /^## Missed\n\n- commander by T\+3m \(took T\+4m\)\n- cause by T\+20m$/m);
    assert.match(text, /^The first run of this scenario\.$/m);

    // Opened beside its preview; the drill incident resolved, naming the sheet; the status bar item gone.
    await waitFor(
      'the sheet open in an editor',
      () => vscode.window.visibleTextEditors.some((e) => e.document.uri.fsPath === sheet) || undefined,
      LIMIT_MS,
    );
    await waitFor('the drill incident resolved', () => (api.model.find(id)?.incident.status === 'resolved' ? true : undefined), LIMIT_MS);
    assert.equal(drills.statusBarText(), undefined);
  });

  it('compares a second run of the same scenario with the first, and Stop ends it at once', async () => {
    const { clock } = await startDrill('pool.drill.yaml');
    clock.advance(12_000);
    const id = (await vscode.commands.executeCommand('warroom.drill.declare')) as string;
    const sheet = (await vscode.commands.executeCommand('warroom.drill.stop')) as string;
    // The practice incident is resolved after the sheet is written: wait, so nothing of this drill
    // is still happening when the next suite starts.
    const api = await warRoom();
    await waitFor('the drill incident resolved', () => (api.model.find(id)?.incident.status === 'resolved' ? true : undefined), LIMIT_MS);
    const text = fs.readFileSync(sheet, 'utf8');
    assert.match(text, new RegExp(`practice incident ${id}`));
    assert.match(text, /^- Met 1 of 4 expected actions$/m);
    assert.match(text, /^1 earlier run; the last on .*\.$/m);
    assert.match(text, /^\| declare \| T\+2m \| T\+1m \| T\+1m \|$/m);
    assert.match(text, /^\| commander \| - \| T\+4m \| T\+4m \|$/m);
  });

  it('records a deploy inject that names a commit of the workspace as a deploy of it, when it came due', async () => {
    const { api, drills } = await startDrill('deploy.drill.yaml');
    await waitFor('both injects delivered', () => (drills.status()?.delivered === 2 ? true : undefined), LIMIT_MS);
    const id = (await vscode.commands.executeCommand('warroom.drill.declare')) as string;
    type Deploy = { text: string; sha?: string; deployedAt?: string };
    const deploys = await waitFor(
      'the two deploy injects on the drill timeline',
      () => {
        const found = api.model.find(id)?.incident.events.filter((e) => e.type === 'entry' && (e as { kind?: unknown }).kind === 'deploy');
        return found?.length === 2 ? (found as unknown as Deploy[]) : undefined;
      },
      LIMIT_MS,
    );
    const head = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: folder().uri.fsPath, encoding: 'utf8' }).trim();
    const named = deploys.find((d) => d.text.includes('from HEAD'));
    assert.equal(named?.sha, head, 'resolved by git, in full');
    const incident = api.model.find(id)?.incident;
    assert.equal(named?.deployedAt, new Date(Date.parse(incident?.startedAt ?? '')).toISOString(), 'due at T+0m: when the drill began');
    const flags = deploys.find((d) => d.text.includes('from flags'));
    assert.deepEqual([flags?.sha, flags?.deployedAt], [undefined, undefined], 'no commit named: the words only');

    await vscode.commands.executeCommand('warroom.drill.stop');
    await waitFor('the drill incident resolved', () => (api.model.find(id)?.incident.status === 'resolved' ? true : undefined), LIMIT_MS);
  });
});
