// Blame for the suspect-line marks: one file of 400 lines changed by 300 commits, blamed with an
// editor's unsaved text on stdin. blame.filters is the part that switches the repository's filter
// drivers off (one `git config` before each blame), included in blame.unsaved.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { blameFile } from '../src/adapters/git';
import { noFilterArgs } from '../src/adapters/git/gitSpawn';
import { makeRepo } from '../test/support/gitRepo';
import { medianMs, report } from './measure';

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'warroom-bench-blame-'));
  try {
    const repo = makeRepo(dir);
    const lines = Array.from({ length: 400 }, (_, i) => `line ${i}`);
    for (let c = 0; c < 300; c++) {
      lines[(c * 37) % lines.length] = `line ${(c * 37) % lines.length} changed by ${c}`;
      repo.commit(
        { 'src/app.ts': lines.join('\n') + '\n' },
        { date: new Date(Date.UTC(2026, 10, 1) + c * 60_000), message: `change ${c}` },
      );
    }
    const contents = `// unsaved\n${lines.join('\n')}\n`;
    report({
      bench: 'blame.unsaved',
      value: await medianMs(() => blameFile(dir, 'src/app.ts', { contents }), 15, 3),
      unit: 'ms',
      commits: 300,
      lines: 400,
    });
    report({ bench: 'blame.filters', value: await medianMs(() => noFilterArgs(dir, 'git'), 15, 3), unit: 'ms' });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

void main();
