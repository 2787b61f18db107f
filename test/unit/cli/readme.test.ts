import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { usageLines } from '../../../src/cli/args';
import { COMMANDS } from '../../../src/cli/registry';
import { repoRoot } from '../../harness/paths';

describe('README: the warroom CLI section', () => {
  it('lists every usage line warroom help shows, as it shows them, and no other', () => {
    const readme = fs.readFileSync(path.join(repoRoot, 'README.md'), 'utf8');
    const section = /^## The `warroom` CLI\n([\s\S]*?)(?=^## )/m.exec(readme);
    assert.ok(section, 'README.md has a "## The `warroom` CLI" section');
    const block = /^```sh\n([\s\S]*?)^```$/m.exec(section[1]);
    assert.ok(block, 'the section has a sh block');
    // The usage lines are the one declaration of each (sub-)command's options: a summary here once left
    // out --dir and --author, and showed runbooks' --alert on every sub-command.
    assert.deepEqual(
      block[1].split('\n').filter(Boolean),
      COMMANDS.flatMap((c) => usageLines(c)).map((line) => `warroom ${line}`),
    );
  });
});
