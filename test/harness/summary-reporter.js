// Mocha's spec reporter, plus the plain "N passed, N failed" closing line CI reads, and a
// "<label> failed: <test> :: <error>" line per failure, which npm test repeats in its summary: CI keeps
// only the tail of a run's output, and a failure far above it must still be named there.
'use strict';
const Mocha = require('mocha');
const { Spec } = Mocha.reporters;
const { EVENT_RUN_END, EVENT_TEST_FAIL } = Mocha.Runner.constants;

/** The error's first line, short enough for a summary. */
function firstLine(error) {
  const text = String((error && error.message) || error || 'no message');
  const line = text.split('\n').find((l) => l.trim() !== '') || text;
  return line.length > 240 ? `${line.slice(0, 240)}…` : line;
}

class SummaryReporter extends Spec {
  constructor(runner, options) {
    super(runner, options);
    const failures = [];
    runner.on(EVENT_TEST_FAIL, (test, error) => {
      failures.push(`${test.fullTitle().replace(/\s+/g, ' ')} :: ${firstLine(error)}`);
    });
    runner.once(EVENT_RUN_END, () => {
      const s = runner.stats;
      const label = (options && options.reporterOption && options.reporterOption.label) || process.env.WARROOM_SUITE_LABEL || 'unit';
      console.log(`${label}: ${s.passes} passed, ${s.failures} failed${s.pending ? `, ${s.pending} skipped` : ''}`);
      for (const failure of failures) console.log(`${label} failed: ${failure}`);
    });
  }
}
module.exports = SummaryReporter;
