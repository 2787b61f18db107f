// runbooks.formats: parse each fixture of test/fixtures/runbook-formats/ (SSM YAML/JSON, Rundeck
// YAML/JSON, moved Markdown) through parseRunbookFile, the index's entry point, and
// runbooks.formatsSniff.*: the cost a War Room YAML runbook and an unrelated JSON file pay for the
// content check that tells the formats apart.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseRunbookFile } from '../src/core/runbooks/runbookFile';
import { medianMs, report } from './measure';

const repoRoot = path.resolve(__dirname, '../..');
const fixtures = path.join(repoRoot, 'test/fixtures/runbook-formats');

function filesUnder(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) =>
      e.isDirectory()
        ? filesUnder(path.join(dir, e.name))
        : /\.(ya?ml|json|md)$/.test(e.name) && e.name !== 'README.md'
          ? [path.join(dir, e.name)]
          : [],
    );
}

async function main(): Promise<void> {
  const files = filesUnder(fixtures).map((f) => ({ rel: `runbooks/${path.relative(fixtures, f)}`, text: fs.readFileSync(f, 'utf8') }));
  let runbooks = 0;
  const all = await medianMs(
    () => {
      runbooks = 0;
      for (const f of files) runbooks += parseRunbookFile(f.rel, f.text).runbooks.length;
    },
    31,
    5,
  );
  report({
    bench: 'runbooks.formats',
    value: all,
    unit: 'ms',
    files: files.length,
    runbooks,
    note: 'all fixtures of every new format, parsed once',
  });

  const shipped = fs.readFileSync(path.join(repoRoot, 'runbooks/checkout-db-pool-exhaustion.runbook.yaml'), 'utf8');
  const unrelated = JSON.stringify({
    name: 'dashboard',
    panels: Array.from({ length: 200 }, (_, i) => ({ id: i, title: `panel ${i}`, targets: [{ expr: 'up' }] })),
  });
  const yamlOnly = await medianMs(
    () => {
      for (let i = 0; i < 100; i++) parseRunbookFile('runbooks/checkout.runbook.yaml', shipped);
    },
    15,
    3,
  );
  report({
    bench: 'runbooks.formatsSniff.yaml',
    value: yamlOnly,
    unit: 'ms',
    note: '100 parses of a shipped War Room YAML runbook (the content check is two string searches)',
  });
  const jsonOnly = await medianMs(
    () => {
      for (let i = 0; i < 100; i++) parseRunbookFile('runbooks/dashboard.json', unrelated);
    },
    15,
    3,
  );
  report({
    bench: 'runbooks.formatsSniff.json',
    value: jsonOnly,
    unit: 'ms',
    note: '100 unrelated 15 KB JSON files under the runbook globs: no parse',
  });
}

void main();
