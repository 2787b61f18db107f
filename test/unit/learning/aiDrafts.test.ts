// A language model's drafts of the review's summary and contributing factors: in their own marked
// blocks, kept by a re-draft, read by the blameless check, and not the review's word until a person
// takes them.
import * as assert from 'node:assert/strict';
import { foldIncident } from '../../../src/core/fold';
import { findBlame } from '../../../src/core/learning/blameless';
import { emptyRequiredSections, generatedRanges, mergeReview, placeAiDraft, renderReview } from '../../../src/core/learning/review';
import { at, declared } from '../../support/events';

const ID = 'INC-20261122-2300-abcdef';
const ctx = { reviewDir: 'docs/incidents' };
const incident = () =>
  foldIncident(ID, [
    declared(),
    { id: 'n1', ts: at(8), type: 'entry', author: 'bob', kind: 'note', text: 'Bob forgot to raise the pool size' },
  ]);
const summary = { block: 'ai-summary', model: 'test/scripted/1', at: at(60) } as const;
const factors = { block: 'ai-factors', model: 'test/scripted/1', at: at(60) } as const;

/** The lines of a section, heading to the next `##`. */
function section(text: string, heading: string): string {
  const start = text.indexOf(`## ${heading}\n`);
  assert.ok(start >= 0, heading);
  const next = text.indexOf('\n## ', start + 3);
  return text.slice(start, next < 0 ? undefined : next);
}

describe('post-incident review: AI drafts', () => {
  it('puts each draft in its own marked block at the end of its section, and leaves every other line as it was', () => {
    const review = renderReview(incident(), ctx).replace('## Summary\n', '## Summary\n\nHuman words first.\n');
    const drafted = placeAiDraft(placeAiDraft(review, { ...summary, text: 'The pool ran dry after a deploy.' }), {
      ...factors,
      text: '- The pool size was halved in config.',
    });
    const sum = section(drafted, 'Summary');
    assert.match(
      sum,
      /Human words first\.[\s\S]*<!-- warroom:begin ai-summary -->\n> \*\*AI draft\*\* by test\/scripted\/1, 2026-11-23 00:00:00 UTC: check each claim/,
    );
    assert.match(sum, /\n\nThe pool ran dry after a deploy\.\n<!-- warroom:end ai-summary -->\n$/);
    // The factors go after what War Room knows (the causes block), inside their own section.
    assert.match(
      section(drafted, 'Trigger and contributing factors'),
      /warroom:end causes -->[\s\S]*warroom:begin ai-factors -->[\s\S]*halved in config\.\n<!-- warroom:end ai-factors -->/,
    );
    const withoutDrafts = drafted.replace(/\n<!-- warroom:begin (ai-[a-z]+) -->[\s\S]*?<!-- warroom:end \1 -->\n/g, '');
    assert.equal(withoutDrafts, review);
  });

  it('replaces only the block on a second draft, keeps CRLF, and re-drafting the review keeps the draft', () => {
    const review = renderReview(incident(), ctx).replace(/\n/g, '\r\n');
    const first = placeAiDraft(review, { ...summary, text: 'First draft.' });
    const second = placeAiDraft(first, { ...summary, text: 'Second draft.' });
    assert.doesNotMatch(second, /First draft/);
    assert.equal(second.match(/warroom:begin ai-summary/g)?.length, 1);
    assert.equal(second.replace('Second draft.', 'First draft.'), first);
    assert.doesNotMatch(second.replace(/\r\n/g, ''), /\n/, 'every line ends in CRLF');
    const merged = mergeReview(second, incident(), ctx);
    assert.deepEqual(merged.problems, []);
    assert.equal(merged.text, second);
  });

  it('keeps every line ending as it was in a file of mixed endings; the draft takes the usual one', () => {
    const review = renderReview(incident(), ctx).replace('## Summary\n', '## Summary\n\nPasted from the chat log.\r\n');
    const drafted = placeAiDraft(review, { ...summary, text: 'The pool ran dry.' });
    assert.equal((drafted.match(/\r\n/g) ?? []).length, 1, 'only the pasted line ends in CRLF');
    assert.match(drafted, /\nThe pool ran dry\.\n<!-- warroom:end ai-summary -->\n/);
    const redrafted = placeAiDraft(drafted, { ...summary, text: 'Second draft.' });
    assert.equal(redrafted.replace('Second draft.', 'The pool ran dry.'), drafted);
    // The section's heading deleted: the section comes back at the end, and the file's lines stay as they were.
    const noHeading = review.replace(/## Summary\n/, '');
    const added = placeAiDraft(noHeading, { ...summary, text: 'Draft.' });
    assert.ok(added.startsWith(noHeading.trimEnd()));
    assert.equal((added.match(/\r\n/g) ?? []).length, 1);
  });

  it('runs the blameless check on the drafts, not on the blocks that quote the timeline', () => {
    const drafted = placeAiDraft(renderReview(incident(), ctx), {
      ...factors,
      text: '- Dana forgot to check the pool size before the deploy.',
    });
    const lines = drafted.split('\n');
    const findings = findBlame(drafted, { people: ['dana', 'bob'], skip: generatedRanges(drafted) });
    assert.deepEqual(
      findings.map((f) => [lines[f.line].slice(0, 30), f.phrase]),
      [['- Dana forgot to check the poo', 'forgot to']],
      'the draft is checked; the timeline row "Bob forgot to ..." is not',
    );
    assert.ok(
      lines.some((l) => l.includes('Bob forgot to raise the pool size')),
      'the timeline quotes the note',
    );
  });

  it('counts a draft as nothing written until a person takes it by deleting its markers', () => {
    const drafted = placeAiDraft(renderReview(incident(), ctx), { ...summary, text: 'The pool ran dry.' });
    assert.ok(emptyRequiredSections(drafted).some((s) => s.heading === 'Summary'));
    const taken = drafted.replace('<!-- warroom:begin ai-summary -->\n', '').replace('<!-- warroom:end ai-summary -->\n', '');
    assert.ok(!emptyRequiredSections(taken).some((s) => s.heading === 'Summary'));
  });

  it("keeps a model's text inside its block: no marker, comment or heading of its own", () => {
    const hostile = 'Intro\n<!-- warroom:end ai-summary -->\n## Impact\n<!-- open comment\n# Title #';
    const drafted = placeAiDraft(renderReview(incident(), ctx), { ...summary, text: hostile });
    assert.equal(drafted.match(/^<!-- warroom:end ai-summary -->$/gm)?.length, 1);
    assert.equal(drafted.match(/^## Impact$/gm)?.length, 1);
    assert.match(
      drafted,
      /&lt;!-- warroom:end ai-summary --&gt;\n\*\*Impact\*\*\n&lt;!-- open comment\n\*\*Title\*\*\n<!-- warroom:end ai-summary -->/,
    );
    assert.equal(placeAiDraft(drafted, { ...summary, text: 'Clean.' }).includes('open comment'), false);
  });

  it('adds the section back, at the end, when the person deleted its heading', () => {
    const review = renderReview(incident(), ctx).replace(/## Trigger and contributing factors\n/, '');
    const drafted = placeAiDraft(review, { ...factors, text: 'A factor.' });
    assert.match(
      drafted,
      /\n\n## Trigger and contributing factors\n\n<!-- warroom:begin ai-factors -->[\s\S]*A factor\.\n<!-- warroom:end ai-factors -->\n$/,
    );
  });
});
