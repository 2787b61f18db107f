// Files War Room writes into the repository from a teammate's text (the review, the dashboard's
// exports, a drill's score sheet) show a control character as its escape: `cat`, `less -R` or `git
// diff` of the file would otherwise obey it (ESC ]52 writes the clipboard, CSI recolours, a bidi
// override reorders what is read).
import * as assert from 'node:assert/strict';
import { readScoreSheet, scoreSheet } from '../../../src/core/drills/run';
import { foldIncident } from '../../../src/core/fold';
import { computeMetrics } from '../../../src/core/learning/metrics';
import { metricsCsv, metricsMarkdown } from '../../../src/core/learning/metricsExport';
import { mergeReview, placeAiDraft, renderReview } from '../../../src/core/learning/review';
import { at, declared } from '../../support/events';

const HOSTILE = 'Red \u001b[31mALERT\u001b[0m\u0007 \u001b]52;c;cm0gLXJmIH4=\u0007 \u202egnp.exe \u009b2J \u2028x';
/** Anything the control class of core/text/controls.ts holds, but tab and newline. */
const CONTROL = /(?![\t\n])[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]/;

function hostileIncident() {
  return foldIncident('INC-20261122-2300-abcdef', [
    declared({ title: HOSTILE, service: `checkout${'\u001b'}[2J` }),
    { id: 'n1', ts: at(8), type: 'entry', author: `eve\u001b]0;pwned\u0007`, kind: 'note', text: `pool ${HOSTILE}` },
    { id: 'r1', ts: at(9), type: 'role_assigned', author: 'alice', role: 'commander', person: `Dana\u202e` },
  ]);
}

describe('files written from incident text show control characters, never carry them', () => {
  const ctx = { reviewDir: 'docs/incidents' };

  it('the review: a new draft, a refreshed one and a model draft placed in it', () => {
    const incident = hostileIncident();
    const drafted = renderReview(incident, ctx);
    assert.doesNotMatch(drafted, CONTROL);
    // Markdown's own escapes too (`\\[`): the title reads as text.
    assert.ok(drafted.includes('# Post-incident review: Red \\u001b\\[31mALERT\\u001b\\[0m\\u0007'), drafted.slice(0, 400));
    assert.ok(drafted.includes('\\u202egnp.exe'));

    const stale = renderReview(foldIncident(incident.id, [declared()]), ctx);
    const merged = mergeReview(stale, incident, ctx);
    assert.ok(merged.refreshed.length > 0);
    assert.doesNotMatch(merged.text, CONTROL);
    assert.ok(merged.text.includes('pool Red \\u001b\\[31m'), merged.text);

    const placed = placeAiDraft(drafted, { block: 'ai-summary', model: 'm\u001b[2J', at: at(60), text: `The pool ran dry. ${HOSTILE}` });
    assert.doesNotMatch(placed, CONTROL);
    assert.ok(placed.includes('The pool ran dry. Red \\u001b[31m'), placed);
  });

  it('keeps what a person wrote outside the generated blocks byte for byte', () => {
    const incident = hostileIncident();
    const mine = `${renderReview(incident, ctx)}\nMy own line with a tab\there and a bell \u0007 I typed.\n`;
    assert.ok(mergeReview(mine, incident, ctx).text.endsWith('My own line with a tab\there and a bell \u0007 I typed.\n'));
  });

  it("the dashboard's Markdown and CSV exports", () => {
    const now = new Date(at(24 * 60));
    const metrics = computeMetrics([hostileIncident()], { now, days: 90 });
    for (const text of [metricsMarkdown(metrics), metricsCsv(metrics)]) {
      assert.doesNotMatch(text, CONTROL);
      assert.match(text, /checkout\\u001b\\?\[2J/);
    }
  });

  it("a drill's score sheet, which still reads back as the run it holds", () => {
    const run = {
      scenario: 'drills/pool.drill.yaml',
      title: HOSTILE,
      startedAt: '2026-11-01T10:00:00.000Z',
      speed: 10,
      results: [{ action: 'runbook' as const, runbook: `pool\u001b[8m`, withinMs: 600_000, tookMs: 300_000, met: true }],
    };
    const sheet = scoreSheet(run, []);
    assert.doesNotMatch(sheet, CONTROL);
    assert.ok(sheet.includes('# Drill score: Red \\u001b[31mALERT'));
    assert.deepEqual(readScoreSheet(sheet), run);
  });
});
