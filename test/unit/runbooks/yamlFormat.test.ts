import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { parseRunbookFile } from '../../../src/core/runbooks/runbookFile';
import { parseYamlRunbooks } from '../../../src/core/runbooks/yamlRunbook';
import { destructiveReason } from '../../../src/core/runbooks/destructive';
import { repoRoot, shippedDir } from './paths';
import { checkSchema, Schema } from './schemaCheck';

const schema = JSON.parse(fs.readFileSync(path.join(repoRoot, 'schemas/runbook.schema.json'), 'utf8')) as Schema;
const shipped = fs.readdirSync(shippedDir).sort();

describe('runbooks: shipped samples and the YAML format', () => {
  it('ships eight YAML runbooks and one in Markdown', () => {
    assert.equal(shipped.filter((f) => f.endsWith('.runbook.yaml')).length, 8);
    assert.equal(shipped.filter((f) => f.endsWith('.md')).length, 1);
  });

  for (const file of shipped) {
    it(`${file} parses without problems into a walkable runbook`, () => {
      const text = fs.readFileSync(path.join(shippedDir, file), 'utf8');
      const parsed = parseRunbookFile(`runbooks/${file}`, text);
      assert.deepEqual(parsed.problems, []);
      assert.equal(parsed.runbooks.length, 1);
      const r = parsed.runbooks[0];
      assert.ok(r.steps.length >= 5, 'at least five steps');
      assert.ok(r.alerts.length >= 1, 'names the alerts it handles');
      assert.ok(
        r.steps.some((s) => s.kind === 'diagnose') && r.steps.some((s) => s.kind === 'decide' || s.branches.length),
        'diagnoses and decides',
      );
      assert.ok(
        r.steps.some((s) => s.commands.length),
        'has commands',
      );
      const ids = new Set(r.steps.map((s) => s.id));
      for (const b of r.steps.flatMap((s) => s.branches)) assert.ok(ids.has(b.goto), `branch to ${b.goto}`);
      if (file.endsWith('.yaml')) {
        for (const doc of parseAllDocuments(text)) {
          assert.deepEqual(checkSchema(doc.toJS(), schema), [], `${file} against schemas/runbook.schema.json`);
        }
      }
    });
  }

  it('the checkout pool runbook matches the brief: service, alert, rollback branch, destructive commands flagged', () => {
    const r = parseRunbookFile(
      'runbooks/x.runbook.yaml',
      fs.readFileSync(path.join(shippedDir, 'checkout-db-pool-exhaustion.runbook.yaml'), 'utf8'),
    ).runbooks[0];
    assert.deepEqual(r.services, ['checkout']);
    assert.equal(r.alerts[0].name, 'CheckoutDBPoolExhausted');
    assert.deepEqual(r.alerts[1].matchers, [{ name: 'service', op: '=', value: 'checkout' }]);
    const decide = r.steps.find((s) => s.id === 'decide-cause');
    assert.deepEqual(
      decide?.branches.map((b) => b.goto),
      ['rollback-release', 'find-long-transactions'],
    );
    const rollback = r.steps.find((s) => s.id === 'rollback-release');
    assert.equal(rollback?.kind, 'rollback');
    assert.match(destructiveReason(rollback?.commands[0].run ?? '') ?? '', /rolls a deployment back/);
    assert.deepEqual(rollback?.commands[1].expect, 'successfully rolled out');
    assert.equal(rollback?.position.line, 46);
    assert.ok(r.references.includes('deploy/checkout/deployment.yaml'));
  });

  it('the schema itself rejects what the parser rejects', () => {
    assert.notDeepEqual(checkSchema({ title: 'x', steps: [{ kind: 'fix', title: 'y' }] }, schema), []);
    assert.notDeepEqual(checkSchema({ title: 'x', steps: [] }, schema), []);
    assert.deepEqual(
      checkSchema({ title: 'x', steps: [{ kind: 'verify', title: 'y', commands: ['ls', { run: 'df -h', expect: 'ok' }] }] }, schema),
      [],
    );
  });

  it('reports YAML syntax errors with line and column, and keeps other documents', () => {
    const parsed = parseYamlRunbooks('title: Broken\nsteps:\n  - kind: diagnose\n    title: a: b\n', 'runbooks/broken.runbook.yaml');
    assert.equal(parsed.runbooks.length, 0);
    assert.equal(parsed.problems.length, 1);
    assert.deepEqual([parsed.problems[0].line, parsed.problems[0].column], [4, 12]);
    assert.match(parsed.problems[0].message, /^YAML: /);
  });

  it('reports model errors at the offending node: bad kind, missing title, unknown goto, bad matcher', () => {
    const text = [
      'title: Bad',
      'alerts:',
      '  - name: X',
      '    matchers: ["severity=~(unclosed"]',
      'steps:',
      '  - kind: fix',
      '    title: one',
      '  - kind: decide',
      '    branches:',
      '      - if: yes',
      '        goto: nowhere',
      '',
    ].join('\n');
    const problems = parseYamlRunbooks(text, 'bad.yaml').problems.map((p) => `${p.line}:${p.column} ${p.message}`);
    assert.equal(problems.length, 4, problems.join('\n'));
    assert.match(problems[0], /^4:16 .*regular expression/);
    assert.match(problems[1], /^6:11 step kind "fix" is not one of/);
    assert.match(problems[2], /^8:5 step 2 is missing "title"/);
    assert.match(problems[3], /^11:15 branch goes to "nowhere"/);
  });

  it('reads several runbooks from one multi-document file, each with its own id', () => {
    const parsed = parseYamlRunbooks(
      'title: A\nsteps: [{kind: verify, title: ok}]\n---\ntitle: B\nsteps: [{kind: verify, title: ok}]\n',
      'two.runbook.yaml',
    );
    assert.deepEqual(
      parsed.runbooks.map((r) => [r.id, r.title]),
      [
        ['two', 'A'],
        ['two-2', 'B'],
      ],
    );
  });
});
