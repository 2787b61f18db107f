// The layers of docs/ARCHITECTURE.md are lint rules (eslint.config.mjs). These lint a small file placed in each layer
// and check that the rule refuses what crosses a layer, and allows what does not, so the rules cannot rot silently.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import type { ESLint as ESLintType } from 'eslint';

const root = path.resolve(__dirname, '../../../..');

async function problems(file: string, text: string): Promise<string[]> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded only by this test, not by the extension
  const { ESLint } = require('eslint') as { ESLint: typeof ESLintType };
  const eslint = new ESLint({ cwd: root });
  const [result] = await eslint.lintText(text, { filePath: path.join(root, file) });
  return result.messages.map((m) => `${m.ruleId}: ${m.message}`);
}

const imports = (line: string) => `${line}\nexport const used = x;\n`;

describe('layer rules (eslint.config.mjs)', function () {
  this.timeout(60_000);

  const refused: [string, string, RegExp][] = [
    ['src/core/probe.ts', "import * as x from 'vscode';", /Only src\/vscode and src\/extension.ts import vscode/],
    ['src/core/probe.ts', "import * as x from 'node:fs';", /src\/core does no I\/O/],
    ['src/core/probe.ts', "import * as x from 'child_process';", /src\/core does no I\/O/],
    ['src/core/probe.ts', "import * as x from 'axios';", /HTTP belongs in src\/adapters/],
    ['src/core/probe.ts', "import * as x from '../adapters/store/fileStore';", /innermost layer/],
    ['src/adapters/probe.ts', "import * as x from 'vscode';", /Only src\/vscode/],
    ['src/adapters/probe.ts', "import * as x from '../vscode/log';", /src\/adapters imports only src\/core/],
    ['src/protocol/probe.ts', "import * as x from '../adapters/git';", /import no adapters/],
    ['webview-ui/src/probe.ts', "import * as x from 'vscode';", /Only src\/vscode/],
    ['src/vscode/probe.ts', "import * as x from '../adapters/git';", /load on first use: import type here/],
    ['src/vscode/panels/probe.ts', "import { x } from '../../adapters/runbooks/runbookIndex';", /load on first use/],
  ];
  for (const [file, line, message] of refused) {
    it(`refuses ${line} in ${file}`, async () => {
      const found = await problems(file, imports(line));
      assert.ok(
        found.some((p) => p.startsWith('@typescript-eslint/no-restricted-imports') && message.test(p)),
        found.join('\n'),
      );
    });
  }

  const allowed: [string, string][] = [
    ['src/core/probe.ts', "import * as x from 'yaml';"],
    ['src/core/probe.ts', "import * as x from './fold';"],
    ['src/adapters/probe.ts', "import * as x from 'node:fs';"],
    ['src/vscode/probe.ts', "import type * as x from '../adapters/git';"],
    ['src/vscode/probe.ts', "import * as x from 'vscode';"],
  ];
  for (const [file, line] of allowed) {
    it(`allows ${line} in ${file}`, async () => {
      const found = (await problems(file, imports(line))).filter((p) => p.startsWith('@typescript-eslint/no-restricted-imports'));
      assert.deepEqual(found, []);
    });
  }
});
