import * as assert from 'node:assert/strict';
import { IncidentEvent } from '../../../src/core/events';
import { foldIncident } from '../../../src/core/fold';
import {
  emptyRequiredSections,
  generatedRanges,
  mergeReview,
  NOTHING_YET,
  renderReview,
  REVIEW_SECTIONS,
  reviewFileName,
  reviewIncidentId,
  reviewStatus,
} from '../../../src/core/learning/review';
import { at, declared } from '../../support/events';

const ID = 'INC-20261122-2300-abcdef';
const SHA = 'c0ffee1234567890c0ffee1234567890c0ffee12';
const e = (id: string, minute: number, type: string, fields: Record<string, unknown> = {}): IncidentEvent => ({
  id,
  ts: at(minute),
  type,
  author: 'bob',
  ...fields,
});
const ctx = { reviewDir: 'docs/incidents' };

function incident(...more: IncidentEvent[]) {
  return foldIncident(ID, [
    declared(),
    e('n1', 6, 'entry', { kind: 'alert', text: 'p99 latency > 2s on checkout' }),
    e('n2', 8, 'entry', { kind: 'note', text: 'pool exhausted', file: 'src/db/pool.ts', line: 42 }),
    e('p1', 9, 'pinned', { target: 'n2' }),
    e('m1', 10, 'milestone_set', { milestone: 'acknowledged', at: at(7) }),
    e('s1', 12, 'suspect_marked', { sha: SHA, verdict: 'cause', note: 'pool size halved', title: '#42 Cut the <pool> to *5*' }),
    e('rb', 13, 'runbook_linked', { runbook: 'db-pool', file: 'runbooks/db-pool.md', title: 'DB pool exhaustion' }),
    e('rs1', 13, 'runbook_step', { runbook: 'db-pool', step: 'confirm', status: 'done' }),
    e('rs2', 13, 'runbook_step', { runbook: 'db-pool', step: 'check-deploy', status: 'skipped' }),
    e('rs3', 13, 'runbook_step', { runbook: 'db-pool', step: 'decide', status: 'branch', branch: { if: 'no deploy', goto: 'scale' } }),
    e('rc1', 13, 'command_run', { runbook: 'db-pool', step: 'scale', command: 'kubectl scale deploy/checkout --replicas=6' }),
    e('rx1', 13, 'command_exited', { run: 'rc1', exitCode: 1 }),
    e('rb2', 13, 'runbook_linked', { runbook: 'disk-full', title: 'Disk full' }),
    e('a1', 14, 'action_item_added', { itemId: 'ACT-k3m9qz7p', title: 'Alert on pool saturation', kind: 'detect', owner: 'riley' }),
    e('m2', 20, 'milestone_set', { milestone: 'mitigated', at: at(20) }),
    ...more,
  ]);
}

/** Every section's heading followed by a line a person wrote into it. */
function editEverySection(text: string): string {
  let edited = text;
  for (const s of REVIEW_SECTIONS) {
    const heading = `${'#'.repeat(s.level)} ${s.heading}\n`;
    assert.ok(edited.includes(heading), s.heading);
    edited = edited.replace(heading, `${heading}\nHuman words in ${s.heading}: the pool ran dry.\n`);
  }
  return edited;
}

describe('post-incident review', () => {
  it('names the file from the day impact started and the title', () => {
    assert.equal(
      reviewFileName({ startedAt: '2026-11-22T23:00:00Z', title: 'Checkout returns 500!' }),
      '2026-11-22-checkout-returns-500.md',
    );
    assert.equal(reviewFileName({ startedAt: '2026-11-22T23:00:00Z', title: 'Checkout' }, 2), '2026-11-22-checkout-2.md');
    assert.equal(reviewFileName({ startedAt: '2026-11-22T23:00:00Z', title: '../../etc/passwd' }), '2026-11-22-etc-passwd.md');
    assert.equal(reviewFileName({ startedAt: '2026-11-22T23:00:00Z', title: '!!!' }), '2026-11-22-incident.md');
  });

  it("names a review in the title's own script, Latin in ASCII, within 120 bytes", () => {
    const name = (title: string) => reviewFileName({ startedAt: '2026-11-22T23:00:00Z', title });
    assert.equal(name('決済が失敗している'), '2026-11-22-決済が失敗している.md', 'が keeps its voicing mark');
    assert.equal(name('Café cache in Łódź: 503s'), '2026-11-22-cafe-cache-in-lodz-503s.md');
    assert.equal(name('Straße to Ærø down'), '2026-11-22-strasse-to-aero-down.md');
    assert.equal(name('İstanbul edge 502'), '2026-11-22-istanbul-edge-502.md', 'lower-case İ is i and a combining dot');
    assert.equal(name('भुगतान विफल'), '2026-11-22-भुगतान-विफल.md', 'vowel signs are marks and stay');
    assert.equal(name('Оплата не проходит'), '2026-11-22-оплата-не-проходит.md');
    assert.equal(name('결제 실패 (EU)'), '2026-11-22-결제-실패-eu.md');
    assert.equal(name('ＡＰＩ　５００'), '2026-11-22-api-500.md', 'full-width letters and space');
    assert.equal(name('🔥🔥 checkout 🔥'), '2026-11-22-checkout.md');
    const long = name('障'.repeat(100));
    assert.equal(long, `2026-11-22-${'障'.repeat(40)}.md`, '40 three-byte characters: 120 bytes');
    assert.equal(name('𠮷'.repeat(50)), `2026-11-22-${'𠮷'.repeat(30)}.md`, 'four bytes each, never half a pair');
    // A cut never leaves a letter without the marks that follow it: the 60th letter keeps its vowel sign
    // (61 code points), and one whose mark would pass 120 bytes goes with it.
    assert.equal(name(`${'a'.repeat(59)}कि more`), `2026-11-22-${'a'.repeat(59)}कि.md`);
    assert.equal(name(`${'a'.repeat(116)}कि`), `2026-11-22-${'a'.repeat(60)}.md`);
    assert.equal(name(`${'あ'.repeat(39)}がx`), `2026-11-22-${'あ'.repeat(39)}が.md`, 'が is one character in NFC');
    assert.equal(name(`${'ब'.repeat(39)}कि`), `2026-11-22-${'ब'.repeat(39)}.md`, 'क and its sign are 6 bytes: both go');
  });

  it('drafts every section, with front matter, milestones, durations, links and the action items table', () => {
    const text = renderReview(incident(), ctx);
    assert.equal(reviewIncidentId(text), ID);
    assert.equal(reviewStatus(text).status, 'draft');
    for (const s of REVIEW_SECTIONS) {
      assert.ok(text.includes(`\n${'#'.repeat(s.level)} ${s.heading}\n`), s.heading);
    }
    assert.match(text, /\| Acknowledged \| 2026-11-22 23:07:00 UTC \|/);
    assert.match(text, /\| Resolved \| _missing_ \|/);
    assert.match(text, /\| Time to detect \| detected - impact started \| 3m \|/);
    assert.match(text, /\| Time to acknowledge \| acknowledged - detected \| 4m \|/);
    assert.match(text, /\| Time to mitigate \| mitigated - impact started \| 20m \|/);
    assert.match(text, /\| Time to resolve \| resolved - impact started \| _missing: resolved_ \|/);
    // The pinned note is a key moment, linked back into the code from docs/incidents/.
    const keyMoments = text.slice(text.indexOf('**Key moments**'), text.indexOf('<details>'));
    assert.match(keyMoments, /pool exhausted \| \[src\/db\/pool\.ts:42\]\(\.\.\/\.\.\/src\/db\/pool\.ts#L42\)/);
    assert.ok(
      text.includes('Commit `c0ffee123456` (#42 Cut the &lt;pool&gt; to \\*5\\*) marked the cause by bob'),
      'named, its title escaped',
    );
    assert.match(text, /marked the cause by bob .*: pool size halved/);
    assert.match(text, /\| `ACT-k3m9qz7p` \| Alert on pool saturation \| detect \| riley \| - \| - \| open \|/);
    assert.match(
      text,
      /- Runbook: \[DB pool exhaustion\]\(\.\.\/\.\.\/runbooks\/db-pool\.md\): 2 steps done, 1 skipped; 1 command run, 1 failed\n/,
    );
    assert.match(text, /- Runbook: Disk full\n/, 'linked, not walked: nothing to add');
    assert.match(text, /Alert at 2026-11-22 23:06:00 UTC: p99 latency &gt; 2s on checkout/);
  });

  it('says which milestones are out of order instead of a negative or zero duration', () => {
    // Mitigated and detected set before impact started: typed on the wrong day, or in the wrong field.
    const odd = incident(
      e('m3', 21, 'milestone_set', { milestone: 'detected', at: at(-4) }),
      e('m4', 22, 'milestone_set', { milestone: 'mitigated', at: at(-2) }),
    );
    const text = renderReview(odd, ctx);
    assert.match(text, /- \*\*Duration:\*\* out of order: mitigated is before impact started \(see the milestones\)/);
    assert.match(text, /- \*\*Detected:\*\* 2026-11-22 22:56:00 UTC\n/, 'no "0s after impact started"');
    assert.match(
      text,
      /\| Time to detect \| detected - impact started \| _out of order: Detected \(2026-11-22 22:56:00 UTC\) is before impact started \(2026-11-22 23:00:00 UTC\)_ \|/,
    );
    assert.match(text, /\| Time to mitigate \| mitigated - impact started \| _out of order: Mitigated \(2026-11-22 22:58:00 UTC\)/);
  });

  it('re-drafting after more events refreshes the generated blocks and keeps every human edit', () => {
    const edited = editEverySection(renderReview(incident(), ctx)).replace('status: draft', 'status: in review');
    const later = incident(
      e('r1', 40, 'resolved', { resolution: 'pool size restored' }),
      e('a2', 41, 'action_item_added', { itemId: 'ACT-0000aaaa', title: 'Cap pool size in config', kind: 'prevent' }),
    );
    const { text, refreshed, problems } = mergeReview(edited, later, ctx);
    assert.deepEqual(problems, []);
    assert.equal(refreshed.length, 8);
    for (const s of REVIEW_SECTIONS) {
      assert.ok(text.includes(`Human words in ${s.heading}: the pool ran dry.`), s.heading);
    }
    assert.equal(reviewStatus(text).status, 'in review');
    assert.match(text, /Cap pool size in config/);
    assert.match(text, /\| Time to resolve \| resolved - impact started \| 40m \|/);
    // Outside the blocks the file is the same, line for line.
    const outside = (t: string) => t.split('\n').filter((_, i) => !generatedRanges(t).some((r) => i >= r.start && i <= r.end));
    assert.deepEqual(outside(text), outside(edited));
    // A second re-draft with nothing new changes nothing.
    assert.equal(mergeReview(text, later, ctx).text, text);
  });

  it("keeps a model's draft of 150,000 lines as it is (the copy overflowed the call stack)", () => {
    const draft = Array.from({ length: 150_000 }, (_, i) => `- line ${i}`).join('\n');
    const block = `<!-- warroom:begin ai-summary -->\n${draft}\n<!-- warroom:end ai-summary -->\n`;
    const huge = `${renderReview(incident(), ctx)}\n${block}`;
    assert.ok(huge.includes('line 149999'), 'the fixture has its draft block');
    assert.equal(mergeReview(huge, incident(), ctx).text, huge);
  });

  it('keeps CRLF line endings, a deleted block deleted, and text inside a broken block as it is', () => {
    const crlf = renderReview(incident(), ctx).replace(/\n/g, '\r\n');
    assert.equal(mergeReview(crlf, incident(), ctx).text, crlf);
    const noTimeline = renderReview(incident(), ctx).replace(/<!-- warroom:begin timeline -->[\s\S]*?<!-- warroom:end timeline -->\n/, '');
    assert.doesNotMatch(mergeReview(noTimeline, incident(), ctx).text, /warroom:begin timeline/);
    const broken = renderReview(incident(), ctx).replace('<!-- warroom:end causes -->', 'my notes, marker deleted by accident');
    const merged = mergeReview(broken, incident(), ctx);
    assert.ok(merged.text.includes('my notes, marker deleted by accident'));
    assert.equal(merged.problems.length, 1);
    assert.match(merged.problems[0].message, /begin causes" has no matching end/);
    assert.equal(broken.split('\n')[merged.problems[0].line - 1], '<!-- warroom:begin causes -->');
  });

  it("keeps each line's own ending in a file of mixed endings; refreshed blocks take the file's usual one", () => {
    // The editor saves LF, but a paragraph pasted from the chat log came with CRLF.
    const mixed = editEverySection(renderReview(incident(), ctx)).replace(
      '## Summary\n\n',
      '## Summary\n\nThe pool ran dry.\r\nPasted from the chat log.\r\n\n',
    );
    assert.equal(mergeReview(mixed, incident(), ctx).text, mixed, 'nothing new: not a byte changes');
    const later = incident(e('r1', 40, 'resolved', { resolution: 'pool size restored' }));
    const merged = mergeReview(mixed, later, ctx).text;
    assert.match(merged, /\| Time to resolve \| resolved - impact started \| 40m \|\n/, 'a refreshed line ends as most lines do (LF)');
    assert.equal((merged.match(/\r\n/g) ?? []).length, 2, 'the two pasted lines, and only they, end in CRLF');
    assert.ok(merged.includes('## Summary\n\nThe pool ran dry.\r\nPasted from the chat log.\r\n\n'));
    // Mostly CRLF, one LF line: the LF line stays, the refreshed block is CRLF, the file still ends as it did.
    const crlf = editEverySection(renderReview(incident(), ctx))
      .replace(/\n/g, '\r\n')
      .replace('Human words in Summary: the pool ran dry.\r\n', 'Human words in Summary: the pool ran dry.\n');
    const mergedCrlf = mergeReview(crlf, later, ctx).text;
    assert.match(mergedCrlf, /\| Time to resolve \| resolved - impact started \| 40m \|\r\n/);
    assert.equal(mergedCrlf.replace(/\r\n/g, '').split('\n').length, 2, 'one LF line: the one the person wrote');
    assert.ok(mergedCrlf.includes('Human words in Summary: the pool ran dry.\n'));
    assert.ok(mergedCrlf.endsWith('\r\n'));
  });

  it("keeps a teammate's text as text: no marker, comment or table break gets into the file", () => {
    const hostile = incident(e('x1', 30, 'entry', { kind: 'note', text: 'a | b <!-- warroom:end timeline --> `x`\n<script>' }));
    const text = renderReview(hostile, ctx);
    assert.equal(text.match(/^<!-- warroom:end timeline -->$/gm)?.length, 1);
    assert.match(text, /a \\\| b &lt;!-- warroom:end timeline --&gt; \\`x\\` &lt;script&gt;/);
    assert.equal(mergeReview(text, hostile, ctx).text, text);
  });

  it('refuses "complete" while a required section is empty, naming each one', () => {
    const draft = renderReview(incident(foldIncident(ID, [declared()]).events[0]), ctx);
    const emptyDraft = renderReview(foldIncident(ID, [declared()]), ctx);
    assert.deepEqual(
      emptyRequiredSections(emptyDraft).map((s) => s.heading),
      REVIEW_SECTIONS.filter((s) => s.required).map((s) => s.heading),
    );
    // The action items table counts as content; the other sections need a person's words.
    assert.deepEqual(
      emptyRequiredSections(draft).map((s) => s.heading),
      REVIEW_SECTIONS.filter((s) => s.required && s.heading !== 'Action items').map((s) => s.heading),
    );
    assert.deepEqual(emptyRequiredSections(editEverySection(draft)), []);
    const lines = draft.split('\n');
    const summary = emptyRequiredSections(draft).find((s) => s.heading === 'Summary');
    assert.equal(lines[(summary?.line ?? 0) - 1], '## Summary');
    const missing = emptyRequiredSections(editEverySection(draft).replace('## Five whys', 'Five whys'));
    assert.deepEqual(
      missing.map((s) => [s.heading, s.missing]),
      [['Five whys', true]],
    );
    assert.ok(emptyDraft.includes(NOTHING_YET));
  });

  it('reads the status line in its usual spellings', () => {
    assert.equal(reviewStatus('---\nstatus: "In-Review"\n---\n').status, 'in review');
    assert.equal(reviewStatus('---\nstatus: complete\n---\n').status, 'complete');
    assert.deepEqual(reviewStatus('---\nstatus: done\n---\n'), { line: 2, raw: 'done' });
    assert.deepEqual(reviewStatus('# no front matter\nstatus: complete'), {});
  });

  it('drafts an incident of 2,000 events and re-drafts it', () => {
    const many = Array.from({ length: 2000 }, (_, i) => e(`b${i}`, 30 + i / 100, 'entry', { kind: 'note', text: `step ${i}` }));
    const big = incident(...many);
    const text = renderReview(big, ctx);
    assert.match(text, /Every event \(2014\)/);
    assert.equal(mergeReview(text, big, ctx).text, text);
  });
});
