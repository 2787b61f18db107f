import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { adversarialCases } from '../../support/adversarial';
import { parseRunbookFile } from '../../../src/core/runbooks/runbookFile';
import { matcherMatches, parseMatcher } from '../../../src/core/runbooks/matchers';
import { parseDuration, parseWhen } from '../../../src/core/time';
import { parseEvidence } from '../../../src/core/correlation/evidence';

const WORKER = path.resolve(__dirname, '../../support/adversarialWorker.js');
/**
 * Per input. Each finishes in milliseconds when the machine is idle, and 2 s was once missed beside
 * other suites on two cores; a regression to quadratic or exponential takes minutes to hours, so a
 * generous budget still catches it.
 */
const BUDGET_MS = 15_000;

describe('parsing takes bounded time (issue #10)', function () {
  // The whole corpus, not one input: mocha's own timeout is the sum of the budgets.
  this.timeout(adversarialCases().length * BUDGET_MS);

  it('every parser finishes on every adversarial input', async () => {
    const worker = new Worker(WORKER);
    let current = '';
    let timer: NodeJS.Timeout | undefined;
    const arm = () => {
      clearTimeout(timer);
      timer = setTimeout(() => void worker.terminate(), BUDGET_MS);
    };
    try {
      await new Promise<void>((resolve, reject) => {
        worker.on('message', (m: { start?: string; done?: string; finished?: boolean }) => {
          if (m.start !== undefined) {
            current = m.start;
            arm();
          } else if (m.finished) {
            resolve();
          }
        });
        worker.on('error', reject);
        worker.on('exit', () => reject(new Error(`"${current}" did not finish within ${BUDGET_MS} ms`)));
      });
    } finally {
      clearTimeout(timer);
      await worker.terminate();
    }
  });

  it('reads what the linear patterns replaced as before', () => {
    const parsed = parseRunbookFile(
      'runbooks/CheckoutDown.md',
      [
        '---',
        'title:   Checkout   down  ',
        '---',
        '# Checkout down #',
        '',
        '## Symptoms',
        '',
        '- `CheckoutHighErrorRate` fires',
        '',
        '## C# notes ##',
        '',
        'See [the dashboard](https://grafana.example/d/1 "title") and <summary>More</summary> <summary>open',
        '',
        '~~~  sh',
        'kubectl get pods',
        '~~~',
      ].join('\n'),
    );
    const [runbook] = parsed.runbooks;
    assert.equal(runbook.title, 'Checkout   down');
    assert.deepEqual(runbook.alerts.map((a) => a.name).sort(), ['CheckoutDown', 'CheckoutHighErrorRate']);
    const notes = runbook.steps.find((s) => s.title === 'C# notes');
    assert.ok(notes, runbook.steps.map((s) => s.title).join(', '));
    assert.match(notes.text, /and More <summary>open/);
    assert.deepEqual(
      notes.links.map((l) => l.url),
      ['https://grafana.example/d/1'],
    );
    assert.deepEqual(
      notes.commands.map((c) => c.run),
      ['kubectl get pods'],
    );
  });

  it('leaves out an over-long line and refuses an over-large file, naming them', () => {
    const long = parseRunbookFile('runbooks/long.md', `# T\n\ntext\n\n${'x'.repeat(20_000)}\n`);
    const cut = long.problems.filter((p) => /characters long/.test(p.message));
    assert.deepEqual(
      cut.map((p) => [p.file, p.line, p.message]),
      [['runbooks/long.md', 5, 'line is 20000 characters long (over 10000): left out']],
    );
    const big = parseRunbookFile('runbooks/big.md', 'x'.repeat(512_001));
    assert.equal(big.runbooks.length, 0);
    assert.deepEqual(
      big.problems.map((p) => [p.file, p.message]),
      [['runbooks/big.md', 'file is 512001 characters long (over 512000): not read as a runbook']],
    );
  });

  it('keeps times, durations and traces read as before', () => {
    const now = new Date('2026-11-22T23:43:00Z');
    assert.equal(parseDuration('1h 30m'), 5_400_000);
    assert.equal(parseDuration('1.5h'), 5_400_000);
    assert.equal(parseDuration('1h,30m'), undefined);
    assert.equal(parseDuration('h1h'), undefined);
    assert.deepEqual(parseWhen('20m   ago', now), { time: new Date(now.getTime() - 20 * 60_000) });
    const frames = parseEvidence(
      [
        'Error: x at a.b.c',
        '    at charge (/app/src/pay/charge.ts:42:13)',
        '    at   Foo.bar   (/app/x.js:1:2)',
        'see src/a/b.ts:12 and //c.java:3 and lib/x.ts.map:4, then ./y.py:5',
      ].join('\n'),
    ).frames;
    assert.deepEqual(
      frames.map((f) => [f.path, f.line, f.symbols.join('.')]),
      [
        ['app/src/pay/charge.ts', 42, 'charge'],
        ['app/x.js', 1, 'Foo.bar'],
        ['src/a/b.ts', 12, ''],
        ['c.java', 3, ''],
        ['y.py', 5, ''],
      ],
    );
  });

  it('reads a runbook whose code block or symptom list holds more lines than a call takes arguments', () => {
    // Under the size cap, each threw "Maximum call stack size exceeded" (spread pushes, Math.min(...)).
    const block = parseRunbookFile('runbooks/big.md', `# Big\n\n## Steps\n\n\`\`\`json\n${'1,\n'.repeat(170_000)}\`\`\`\n`);
    assert.deepEqual(block.problems, []);
    assert.equal(block.runbooks.length, 1);
    const textLines = block.runbooks[0].steps.map((s) => s.text.split('\n').length).reduce((a, b) => a + b, 0);
    assert.ok(textLines >= 170_000, `the block's lines are the step's text: ${textLines}`);
    const symptoms = parseRunbookFile('runbooks/symptoms.md', `# Many\n\n## Symptoms\n\n${'- x\n'.repeat(127_000)}`);
    assert.ok(symptoms.runbooks[0].symptoms.length > 0);
    // One shell command of 130,000 indented lines, dedented as one.
    const shell = parseRunbookFile('runbooks/shell.md', `# Shell\n\n## Steps\n\n\`\`\`bash\n${' x\n'.repeat(130_000)}\`\`\`\n`);
    const commands = shell.runbooks[0].steps.flatMap((s) => s.commands);
    assert.equal(commands.length, 1);
    assert.equal(commands[0].run, Array(130_000).fill('x').join('\n'));
  });

  it('refuses runbook regex matchers that can backtrack badly, and never runs one', () => {
    // `{12}` and `{2,}` repeat as `+` does: `(a+){12}` took 3 s on a 33-character label before it was refused.
    for (const bad of ['(a+)+$', '(a|aa)*', '(.*)\\1', '.*a.*b.*c.*d', '(a+){12}', '([a-z0-9-]+){12}', '(a|aa){2,}', '(a*){3,5}']) {
      const parsed = parseMatcher(`alertname=~'${bad}'`);
      assert.ok('error' in parsed && /refused/.test(parsed.error), `${bad}: ${JSON.stringify(parsed)}`);
    }
    assert.deepEqual(parseMatcher('severity=~"critical|page"'), { name: 'severity', op: '=~', value: 'critical|page' });
    assert.deepEqual(parseMatcher('service=~"(api|web)-.*"'), { name: 'service', op: '=~', value: '(api|web)-.*' });
    assert.deepEqual(parseMatcher('pod=~"api-[a-z0-9]{5}"'), { name: 'pod', op: '=~', value: 'api-[a-z0-9]{5}' });
    assert.deepEqual(parseMatcher('team =  payments   '), { name: 'team', op: '=', value: 'payments' });
    // A matcher built elsewhere (not through parseMatcher) is still never run.
    assert.equal(matcherMatches({ name: 'a', op: '=~', value: '(a+)+$' }, { a: 'a'.repeat(40) + '!' }), false);
    assert.equal(matcherMatches({ name: 'a', op: '=~', value: 'a.*' }, { a: 'a'.repeat(600) }), false);
    assert.equal(matcherMatches({ name: 'a', op: '=~', value: 'a.*' }, { a: 'abc' }), true);
  });
});
