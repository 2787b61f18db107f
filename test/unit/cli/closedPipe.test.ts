import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { useTempDir } from '../../support/tempDir';

const CLI = path.resolve(__dirname, '../../../src/cli/main.js');

/**
 * The CLI as `warroom list | head -1` runs it once `head` has gone: its stdout is a pipe whose reader
 * is closed before the CLI writes a byte (the process takes far longer to start than the close).
 */
function runWithReaderGone(args: string[], cwd: string): Promise<{ code: number | null; err: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.destroy();
    let err = '';
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, err }));
  });
}

describe('warroom CLI: a reader that stops reading', function () {
  // Real processes: well under a second each, several seconds beside other suites on two cores.
  this.timeout(120_000);
  const tmp = useTempDir();

  it('stops printing quietly when the pipe closes, with no stack trace', async () => {
    const { code, err } = await runWithReaderGone(['help'], tmp());
    assert.equal(err, '');
    assert.equal(code, 0);
  });

  it('still finishes what it was doing: the incident is declared in full', async () => {
    const { code, err } = await runWithReaderGone(['declare', 'Checkout', 'down', '--severity', 'SEV2', '--author', 'alice'], tmp());
    assert.equal(err, '');
    assert.equal(code, 0);
    const ids = fs.readdirSync(path.join(tmp(), '.warroom')).filter((name) => name.startsWith('INC-'));
    assert.equal(ids.length, 1);
    const events = fs.readFileSync(path.join(tmp(), '.warroom', ids[0], 'events.jsonl'), 'utf8');
    assert.match(events, /"title":"Checkout down"/);
  });
});
