// commands.fillShipped: fill and check every command of the shipped runbooks, as a walkthrough
// render does (quote reading, control-character check, redaction, destructive rules).
// commands.worstDestructive: the destructive check on the longest command it still scans (10,000
// characters of `kubectl `, each a start for the rules). commands.tooLong: 20,000 continued lines,
// which it declines to scan.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { destructiveFindings } from '../src/core/runbooks/destructive';
import { RunbookCommand } from '../src/core/runbooks/model';
import { parseRunbookFile } from '../src/core/runbooks/runbookFile';
import { fillVariables } from '../src/core/runbooks/variables';
import { medianMs, report } from './measure';

const repoRoot = path.resolve(__dirname, '../..');

async function main(): Promise<void> {
  const dir = path.join(repoRoot, 'runbooks');
  const commands: RunbookCommand[] = fs
    .readdirSync(dir)
    .flatMap((file) =>
      parseRunbookFile(`runbooks/${file}`, fs.readFileSync(path.join(dir, file), 'utf8')).runbooks.flatMap((r) =>
        r.steps.flatMap((s) => s.commands),
      ),
    );
  const context = { service: 'checkout "api" $(x)', namespace: "prod'1", pod: 'checkout-7f9c', password: 's3cr3t!' };
  const fillShipped = await medianMs(() => {
    for (const c of commands) {
      const filled = fillVariables(c.run, context, c.lang);
      destructiveFindings(filled.command, c.lang);
    }
  });
  report({ bench: 'commands.fillShipped', value: fillShipped, unit: 'ms', commands: commands.length });

  const worst = `${'kubectl '.repeat(1249)}get`;
  report({
    bench: 'commands.worstDestructive',
    value: await medianMs(() => destructiveFindings(worst), 9, 2),
    unit: 'ms',
    chars: worst.length,
  });
  const tooLong = `${'kubectl \\\n'.repeat(20_000)}get pods`;
  report({ bench: 'commands.tooLong', value: await medianMs(() => destructiveFindings(tooLong), 9, 2), unit: 'ms', chars: tooLong.length });
}

void main();
