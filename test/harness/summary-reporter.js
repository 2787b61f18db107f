// Mocha's spec reporter, plus the plain "N passed, N failed" closing line CI reads.
'use strict';
const Mocha = require('mocha');
const { Spec } = Mocha.reporters;
const { EVENT_RUN_END } = Mocha.Runner.constants;

class SummaryReporter extends Spec {
  constructor(runner, options) {
    super(runner, options);
    runner.once(EVENT_RUN_END, () => {
      const s = runner.stats;
      const label = (options && options.reporterOption && options.reporterOption.label) || process.env.WARROOM_SUITE_LABEL || 'unit';
      console.log(`${label}: ${s.passes} passed, ${s.failures} failed${s.pending ? `, ${s.pending} skipped` : ''}`);
    });
  }
}
module.exports = SummaryReporter;
