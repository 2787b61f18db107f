import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { FileIncidentStore } from '../../../src/adapters/store/fileStore';
import { runCli } from '../../support/cli';
import { useTempDir } from '../../support/tempDir';

const run = (args: string[], cwd: string) => runCli(args, cwd);

describe('warroom CLI: milestone, review, and milestones in show', () => {
  const tmp = useTempDir();

  async function seed(title = 'Checkout down'): Promise<string> {
    const store = new FileIncidentStore(path.join(tmp(), '.warroom'));
    return store.declare(
      {
        type: 'declared',
        title,
        severity: 'SEV2',
        urgency: 'high',
        service: 'checkout',
        startedAt: '2026-11-22T23:13:00.000Z',
        detectedAt: '2026-11-22T23:40:00.000Z',
      },
      'alice',
    );
  }

  it('sets a milestone from a typed time, shows it with the four durations, and warns when out of order', async () => {
    const id = await seed();
    const set = await run(['milestone', id, 'mitigated', '2026-11-23T00:13:00Z'], tmp());
    assert.equal(set.code, 0);
    // Said as show prints times, not as raw ISO with milliseconds.
    assert.equal(set.out, `${id}: mitigated set to 2026-11-23 00:13:00 UTC\n`);
    const unreadable = await run(['milestone', id, 'mitigated', 'around teatime'], tmp());
    assert.equal(unreadable.code, 2);
    assert.match(unreadable.err, /^warroom milestone: mitigated time: Cannot read "around teatime" as a time/);
    const shown = await run(['show', id], tmp());
    assert.match(shown.out, /Impact started +2026-11-22 23:13:00 UTC/);
    assert.match(shown.out, /Acknowledged +missing/);
    assert.match(shown.out, /Time to detect +27m/);
    assert.match(shown.out, /Time to mitigate +1h 00m/);
    assert.match(shown.out, /Time to acknowledge +missing \(no Acknowledged time\)/);
    const json = JSON.parse((await run(['show', id, '--json'], tmp())).out);
    assert.deepEqual(json.durations.timeToMitigate, { ms: 3_600_000 });

    const early = await run(['milestone', id, 'Acknowledged', '2026-11-22T23:30:00Z'], tmp());
    assert.equal(early.code, 0);
    assert.match(early.err, /warning: Acknowledged \(2026-11-22 23:30:00 UTC\) is before detected \(2026-11-22 23:40:00 UTC\)/);
    // No negative duration: which two milestones, and their times.
    const odd = (await run(['show', id], tmp())).out;
    assert.match(
      odd,
      /Time to acknowledge +out of order: Acknowledged \(2026-11-22 23:30:00 UTC\) is before detected \(2026-11-22 23:40:00 UTC\); correct one with warroom milestone$/m,
    );
    // A negative duration would read "-10m" or "-1h 05m" as a word of its own; the incident's id
    // (`INC-20261207-0942-3m9xyz`) can hold "-3m" by chance: about one declaration in seventy.
    assert.doesNotMatch(odd, /(?:^|[\s(])-\d+[smhd]\b/m);
    // Nor in the JSON: the two milestones, not a negative ms.
    assert.deepEqual(JSON.parse((await run(['show', id, '--json'], tmp())).out).durations.timeToAcknowledge, {
      outOfOrder: {
        from: { milestone: 'detected', at: '2026-11-22T23:40:00.000Z' },
        to: { milestone: 'acknowledged', at: '2026-11-22T23:30:00.000Z' },
      },
    });
    assert.equal((await run(['review', id], tmp())).code, 0);
    const review = fs.readFileSync(path.join(tmp(), 'docs/incidents/2026-11-22-checkout-down.md'), 'utf8');
    assert.match(
      review,
      /\| Time to acknowledge \| acknowledged - detected \| _out of order: Acknowledged \(2026-11-22 23:30:00 UTC\) is before detected \(2026-11-22 23:40:00 UTC\)_ \|/,
    );
    const cleared = await run(['milestone', id, 'acknowledged', 'clear'], tmp());
    assert.match(cleared.out, /acknowledged cleared/);
    assert.match((await run(['show', id], tmp())).out, /Acknowledged +missing/);
  });

  it('refuses a milestone more than 30 days before the incident began unless told --long-ago, writing nothing', async () => {
    const id = await seed();
    const store = new FileIncidentStore(path.join(tmp(), '.warroom'));
    const count = async () => (await store.load(id))?.incident.events.length;
    const before = await count();
    const typo = await run(['milestone', id, 'detected', '99999d ago'], tmp());
    assert.equal(typo.code, 1);
    assert.match(
      typo.err,
      /Detected at 17\d\d-\d\d-\d\d \S+ UTC would be \d+ days before this incident began \(2026-11-22 23:13:00 UTC\), more than the 30 days a milestone may be set back\. Check the time you typed; if it is right, run this again with --long-ago\. Nothing was written\./,
    );
    assert.equal(await count(), before);
    const absurd = await run(['milestone', id, 'detected', '999999999d ago'], tmp());
    assert.equal(absurd.code, 2);
    assert.match(absurd.err, /"999999999d ago" is too long ago to be a time/);
    assert.equal(await count(), before);

    // Three weeks back is a latent fault, not a typo: set, with the warning against its neighbour.
    const latent = await run(['milestone', id, 'impact_started', '2026-11-01T08:00:00Z'], tmp());
    assert.equal(latent.code, 0, latent.err);
    // ...and the bound moves with it: 39 days before the declared start, 18 before the corrected one.
    assert.equal((await run(['milestone', id, 'detected', '2026-10-14T00:00:00Z'], tmp())).code, 0);
    assert.equal((await run(['milestone', id, 'detected', '2026-09-30T00:00:00Z'], tmp())).code, 1);
    assert.equal((await run(['milestone', id, 'detected', '2026-09-30T00:00:00Z', '--long-ago'], tmp())).code, 0);
    assert.match((await run(['show', id], tmp())).out, /Detected +2026-09-30 00:00:00 UTC/);
  });

  it('refuses an unknown milestone and an unreadable time with the usage', async () => {
    const id = await seed();
    const bad = await run(['milestone', id, 'fixed', 'now'], tmp());
    assert.equal(bad.code, 2);
    assert.match(bad.err, /must be one of impact_started, detected/);
    const badTime = await run(['milestone', id, 'detected', 'teatime'], tmp());
    assert.equal(badTime.code, 2);
    assert.match(badTime.err, /Cannot read "teatime" as a time/);
  });

  it("drafts the review in docs/incidents, refreshes it keeping edits, and never takes another incident's file", async () => {
    const id = await seed();
    const first = await run(['review', id], tmp());
    assert.equal(first.code, 0, first.err);
    const file = path.join(tmp(), 'docs/incidents/2026-11-22-checkout-down.md');
    assert.match(first.out, /Drafted docs\/incidents\/2026-11-22-checkout-down\.md/);
    const edited = fs.readFileSync(file, 'utf8').replace('## Summary\n', '## Summary\n\nThe pool ran dry.\n');
    fs.writeFileSync(file, edited);
    await run(['milestone', id, 'resolved', '2026-11-23T01:13:00Z'], tmp());
    const again = await run(['review', id], tmp());
    assert.match(again.out, /Refreshed/);
    const text = fs.readFileSync(file, 'utf8');
    assert.ok(text.includes('## Summary\n\nThe pool ran dry.\n'));
    assert.match(text, /\| Time to resolve \| resolved - impact started \| 2h 00m \|/);

    // Another incident with the same title and day gets its own file.
    const other = await seed();
    await run(['review', other], tmp());
    assert.ok(fs.existsSync(path.join(tmp(), 'docs/incidents/2026-11-22-checkout-down-2.md')));
    assert.equal(fs.readFileSync(file, 'utf8'), text);

    // --out onto a file that is not this incident's review is refused, and the file stays as it was.
    fs.writeFileSync(path.join(tmp(), 'notes.md'), 'my notes\n');
    const refused = await run(['review', id, '--out', 'notes.md'], tmp());
    assert.equal(refused.code, 1);
    assert.match(refused.err, /not a War Room review/);
    assert.equal(fs.readFileSync(path.join(tmp(), 'notes.md'), 'utf8'), 'my notes\n');
  });

  it("names a review in its title's script, and refreshes one drafted under the old name (incident.md) in place", async () => {
    const id = await seed('決済が失敗している');
    const first = await run(['review', id], tmp());
    assert.equal(first.code, 0, first.err);
    assert.ok(fs.existsSync(path.join(tmp(), 'docs/incidents/2026-11-22-決済が失敗している.md')), first.out);
    // Before, every title without a Latin letter was named incident.md: such a review is still this
    // incident's (its front matter says so), refreshed where it is, with nothing drafted beside it.
    fs.renameSync(
      path.join(tmp(), 'docs/incidents/2026-11-22-決済が失敗している.md'),
      path.join(tmp(), 'docs/incidents/2026-11-22-incident.md'),
    );
    const again = await run(['review', id], tmp());
    assert.match(again.out, /Refreshed docs\/incidents\/2026-11-22-incident\.md/);
    assert.deepEqual(fs.readdirSync(path.join(tmp(), 'docs/incidents')), ['2026-11-22-incident.md']);
  });

  it('refuses a reviews folder outside the repository', async () => {
    const id = await seed();
    const out = await run(['review', id, '--folder', '../elsewhere'], tmp());
    assert.equal(out.code, 1);
    assert.match(out.err, /leads outside/);
  });
});
