import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { FileIncidentStore } from '../../../src/adapters/store/fileStore';
import { runCli } from '../../support/cli';
import { actionItemsOf } from '../../../src/core/learning/actionItems';
import { durationsOf, milestonesOf } from '../../../src/core/learning/milestones';
import { repoRoot } from '../../harness/paths';
import { useTempDir } from '../../support/tempDir';

const FIXTURE = path.join(repoRoot, 'test', 'fixtures', 'postmortems', 'table-offsets-multiday.md');

const run = (args: string[], cwd: string) => runCli(args, cwd, { WARROOM_AUTHOR: 'importer' });

describe('warroom postmortem import', function () {
  this.timeout(20_000);
  const tmp = useTempDir();

  it("--dry-run --json prints the reading in the issue's shape and writes nothing", async () => {
    const { code, out } = await run(['postmortem', 'import', FIXTURE, '--dry-run', '--json'], tmp());
    assert.equal(code, 0);
    const json = JSON.parse(out) as Record<string, unknown>;
    assert.deepEqual(Object.keys(json), ['title', 'startedAt', 'milestones', 'events', 'unplaced', 'actionItems', 'warnings']);
    assert.equal(json.title, 'Search index corruption');
    assert.deepEqual((json.events as unknown[])[0], {
      ts: '2023-11-14T08:15:00.000Z',
      text: 'Nightly reindex started; impact began for EU users',
      line: 11,
    });
    assert.deepEqual(json.unplaced, [{ line: 16, text: 'n/a Weekly review', reason: 'no time' }]);
    assert.equal(fs.existsSync(path.join(tmp(), '.warroom')), false);
  });

  it('counts rows and action items in words that agree with the number', async () => {
    const one = path.join(repoRoot, 'test', 'fixtures', 'postmortems', 'new-year-eve.md');
    const { code, out } = await run(['postmortem', 'import', one, '--dry-run'], tmp());
    assert.equal(code, 0);
    assert.equal(out.split('\n')[0], 'Outage on 2024-12-31: 6 timeline rows, 1 action item');
  });

  it('creates a resolved incident: entries at their times, the stated milestones, the action items', async () => {
    const { code, out } = await run(['postmortem', 'import', FIXTURE], tmp());
    assert.equal(code, 0);
    assert.match(out, /table-offsets-multiday\.md:16: not placed \(no time\): n\/a Weekly review/);
    const id = /Imported as (INC-\S+)/.exec(out)?.[1];
    assert.ok(id, out);
    assert.match(id, /^INC-20231114-0815-/, "the id reads as the incident's own day");
    const loaded = await new FileIncidentStore(path.join(tmp(), '.warroom')).load(id);
    const incident = loaded!.incident;
    assert.deepEqual(loaded!.problems, []);
    assert.equal(incident.status, 'resolved');
    assert.equal(incident.resolvedAt, '2023-11-16T10:00:00.000Z');
    assert.deepEqual(
      incident.entries.map((e) => [e.ts, e.text]),
      [
        ['2023-11-14T08:15:00.000Z', 'Nightly reindex started; impact began for EU users'],
        ['2023-11-14T22:58:00.000Z', 'Reindex finished with warnings'],
        ['2023-11-14T23:20:00.000Z', 'Support noticed stale results'],
        ['2023-11-15T07:00:00.000Z', 'Reindex rerun by hand, mitigated'],
        ['2023-11-16T10:00:00.000Z', 'Index verified, resolved'],
      ],
    );
    const milestones = milestonesOf(incident);
    assert.deepEqual(Object.fromEntries(Object.entries(milestones.values).map(([k, v]) => [k, v.at])), {
      impact_started: '2023-11-14T08:15:00.000Z',
      detected: '2023-11-14T23:20:00.000Z',
      mitigated: '2023-11-15T07:00:00.000Z',
      resolved: '2023-11-16T10:00:00.000Z',
    });
    // Detect 15h05m, mitigate 22h45m, resolve 49h45m after impact, by hand; no acknowledgement stated.
    const d = durationsOf(milestones);
    assert.deepEqual(d.timeToDetect, { ms: (15 * 60 + 5) * 60_000 });
    assert.deepEqual(d.timeToMitigate, { ms: (22 * 60 + 45) * 60_000 });
    assert.deepEqual(d.timeToResolve, { ms: (49 * 60 + 45) * 60_000 });
    assert.deepEqual(d.timeToAcknowledge, { missing: ['acknowledged'] });
    assert.deepEqual(
      actionItemsOf(incident).items.map((i) => [i.title, i.kind, i.status]),
      [
        ['Monitor index freshness', 'detect', 'open'],
        ['Make the reindex job idempotent', 'prevent', 'open'],
      ],
    );
  });

  it('leaves a milestone the postmortem does not state missing, not guessed', async () => {
    const file = path.join(tmp(), 'pm.md');
    fs.writeFileSync(file, '# Short one\n\n## Timeline\n\n- 2024-05-01 10:00 UTC deploy went out\n- 2024-05-01 10:30 UTC rolled back\n');
    const { out } = await run(['postmortem', 'import', file], tmp());
    const id = /Imported as (INC-\S+)/.exec(out)?.[1] as string;
    const incident = (await new FileIncidentStore(path.join(tmp(), '.warroom')).load(id))!.incident;
    assert.equal(incident.status, 'resolved');
    const values = milestonesOf(incident).values;
    assert.deepEqual(Object.keys(values).sort(), ['mitigated']);
  });

  it('groups the rows not placed by reason in its text, and lists every one in --json', async () => {
    const file = path.join(tmp(), 'undated.md');
    // Lines 5-304: a time but no date anywhere; line 305: no time at all.
    const rows = Array.from({ length: 300 }, (_, i) => `- 10:${String(i % 60).padStart(2, '0')} step ${i}`);
    fs.writeFileSync(file, ['# T', '', '## Timeline', '', ...rows, '- later: emails answered', ''].join('\n'));
    // No row has a date, so nothing can be imported: the dry run reports every row, then fails as the import would.
    const text = await run(['postmortem', 'import', 'undated.md', '--dry-run'], tmp());
    assert.equal(text.code, 1, text.err);
    assert.match(text.err, /undated\.md: no timeline row could be placed in time/);
    assert.deepEqual(
      text.out.split('\n').filter((l) => l.includes('not placed')),
      [
        'undated.md:5: not placed (no date in the row or above it): - 10:00 step 0',
        'undated.md:6: not placed (no date in the row or above it): - 10:01 step 1',
        'undated.md:7: not placed (no date in the row or above it): - 10:02 step 2',
        'undated.md:8: not placed (no date in the row or above it): 297 more like line 5, lines 8–304',
        'undated.md:305: not placed (no time): - later: emails answered',
      ],
    );
    // The JSON is data for a script: every row, with its line, text and reason.
    const json = await run(['postmortem', 'import', 'undated.md', '--dry-run', '--json'], tmp());
    const unplaced = (JSON.parse(json.out) as { unplaced: { line: number }[] }).unplaced;
    assert.deepEqual(
      unplaced.map((u) => u.line),
      Array.from({ length: 301 }, (_, i) => i + 5),
    );
  });

  it('reads bold lines used as headings as the editor does: the timeline with its zone, the items under sub-headings', async () => {
    fs.writeFileSync(
      path.join(tmp(), 'issue.md'),
      [
        '# Checkout outage',
        '',
        '**Timeline (PST)**',
        '',
        '- 2024-03-13 01:58 Config pushed',
        '- 2024-03-13 02:40 Config rolled back',
        '',
        '**Follow-up actions**',
        '',
        '### Short term',
        '',
        '- Add a canary stage',
        '',
        '## Lessons learned',
        '',
        '- The runbook was stale',
        '',
      ].join('\n'),
    );
    const { code, out, err } = await run(['postmortem', 'import', 'issue.md', '--dry-run', '--json'], tmp());
    assert.equal(code, 0, err);
    const json = JSON.parse(out) as { events: { ts: string }[]; actionItems: { title: string }[]; warnings: string[] };
    assert.deepEqual(
      [json.events.map((e) => e.ts), json.actionItems.map((a) => a.title), json.warnings],
      [['2024-03-13T09:58:00.000Z', '2024-03-13T10:40:00.000Z'], ['Add a canary stage'], []],
    );
  });

  it('refuses what it cannot read, naming the file', async () => {
    const { code, err } = await run(['postmortem', 'import', 'missing.md'], tmp());
    assert.equal(code, 1);
    assert.match(err, /missing\.md: not found/);
    // Over 2 MB is no postmortem: refused before it is read, nothing declared.
    const big = path.join(tmp(), 'big.md');
    fs.writeFileSync(big, `# Outage\n## Timeline\n${'- 10:00 x\n'.repeat(210_000)}`);
    const refused = await run(['postmortem', 'import', 'big.md'], tmp());
    assert.equal(refused.code, 1, refused.out);
    assert.match(refused.err, /big\.md: is larger than 2 MB/);
    assert.equal(fs.existsSync(path.join(tmp(), '.warroom')), false, 'no incident declared');
  });

  it('writes every place in a file as file:line:, the rows it could not place and its warnings alike', async () => {
    fs.writeFileSync(
      path.join(tmp(), 'offsets.md'),
      '# Offsets\n\n## Timeline\n\n- 2024-05-01 10:00 +15:00 deploy went out\n- 2024-05-01 10:30 UTC rolled back\n- later: customers told\n',
    );
    const { code, out, err } = await run(['postmortem', 'import', 'offsets.md', '--dry-run'], tmp());
    assert.equal(code, 0, err);
    assert.match(out, /^offsets\.md:7: not placed \(no time\): - later: customers told$/m);
    assert.deepEqual(err.split('\n').filter(Boolean), [
      'offsets.md:5: "+15:00" is no offset a clock uses (-12:00 to +14:00), so it is left out.',
      'offsets.md: No time zone is named for some rows; their times are read as UTC.',
    ]);
  });

  it('--dry-run of a file with nothing to import fails as the import does', async () => {
    fs.writeFileSync(path.join(tmp(), 'notes.md'), '# Notes\n\nSome thoughts, no timeline.\n');
    for (const argv of [['--dry-run'], [], ['--dry-run', '--json']]) {
      const { code, err } = await run(['postmortem', 'import', 'notes.md', ...argv], tmp());
      assert.equal(code, 1, argv.join(' '));
      assert.match(err, /^warroom postmortem: notes\.md: no timeline row could be placed in time, so there is nothing to import$/m);
    }
    assert.equal(fs.existsSync(path.join(tmp(), '.warroom')), false, 'no incident declared');
  });

  it('refuses to import the same postmortem twice, naming the incident, unless --again', async () => {
    const store = new FileIncidentStore(path.join(tmp(), '.warroom'));
    fs.mkdirSync(path.join(tmp(), 'docs'));
    fs.copyFileSync(FIXTURE, path.join(tmp(), 'docs', 'pm.md'));
    const first = await run(['postmortem', 'import', 'docs/pm.md'], tmp());
    assert.equal(first.code, 0, first.err);
    const id = /Imported as (INC-\S+)/.exec(first.out)![1];
    // The declared event records where it came from, as teammates share the file, and its text.
    const declared = (await store.load(id))!.incident.events[0] as unknown as { importedFrom: unknown };
    assert.deepEqual(declared.importedFrom, {
      file: 'docs/pm.md',
      sha256: createHash('sha256').update(fs.readFileSync(FIXTURE, 'utf8')).digest('hex'),
    });

    const refusal = (extra = '') =>
      `warroom postmortem: docs/pm.md was imported already as ${id} ("Search index corruption"${extra}); ` +
      `see it with warroom show ${id}, or add --again to import it as another incident\n`;
    const again = await run(['postmortem', 'import', 'docs/pm.md'], tmp());
    assert.deepEqual([again.code, again.err], [1, refusal()]);
    // The dry run says what the import would.
    const dry = await run(['postmortem', 'import', 'docs/pm.md', '--dry-run'], tmp());
    assert.deepEqual([dry.code, dry.err], [1, refusal()]);
    // The same text under another name is the same postmortem.
    fs.copyFileSync(FIXTURE, path.join(tmp(), 'copy.md'));
    const copy = await run(['postmortem', 'import', 'copy.md'], tmp());
    assert.equal(copy.code, 1);
    assert.match(copy.err, new RegExp(`copy\\.md was imported already as ${id} `));
    // The file edited since: still the one imported.
    fs.appendFileSync(path.join(tmp(), 'docs', 'pm.md'), '\nOne more thought.\n');
    const edited = await run(['postmortem', 'import', 'docs/pm.md'], tmp());
    assert.deepEqual([edited.code, edited.err], [1, refusal(', from this file before it was last changed')]);
    assert.deepEqual(await store.listIds(), [id]);

    const meant = await run(['postmortem', 'import', 'docs/pm.md', '--again'], tmp());
    assert.equal(meant.code, 0, meant.err);
    assert.equal((await store.listIds()).length, 2);
  });

  it('knows an incident imported before the source was recorded, by its file name and title', async () => {
    const store = new FileIncidentStore(path.join(tmp(), '.warroom'));
    const id = await store.declare(
      {
        type: 'declared',
        title: 'Search index corruption',
        severity: 'SEV3',
        urgency: 'low',
        service: '',
        startedAt: '2023-11-14T08:15:00.000Z',
        detectedAt: '2023-11-14T23:20:00.000Z',
      },
      'importer',
    );
    await store.append(id, { type: 'resolved', resolution: 'Imported from table-offsets-multiday.md' }, 'importer');
    const refused = await run(['postmortem', 'import', FIXTURE], tmp());
    assert.equal(refused.code, 1);
    assert.match(refused.err, new RegExp(`was imported already as ${id} \\("Search index corruption", from a file of this name\\)`));
  });
});
