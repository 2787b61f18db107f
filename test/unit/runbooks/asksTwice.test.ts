// Which commands of a runbook file the editor marks as asking twice (core/runbooks/asksTwice.ts): the
// shipped disk-full runbook as users get it, and a file of the test's own with every way a command
// is written (a plain line, a block scalar, a quoted string, a SQL block, two runbooks in one file).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { commandsAskingTwice } from '../../../src/core/runbooks/asksTwice';
import { parseRunbookFile } from '../../../src/core/runbooks/runbookFile';
import { shippedDir } from './paths';

function parsed(file: string, text: string) {
  const result = parseRunbookFile(file, text);
  assert.deepEqual(result.problems, [], 'the runbook parses');
  return result.runbooks;
}

describe('runbooks: the commands a file asks twice for', () => {
  it("marks the shipped disk-full runbook's log vacuum and image prune, each on its own line", () => {
    const file = 'runbooks/disk-full.runbook.yaml';
    const text = fs.readFileSync(path.join(shippedDir, 'disk-full.runbook.yaml'), 'utf8');
    const { marked, next } = commandsAskingTwice(parsed(file, text), file);
    assert.equal(next, undefined);
    assert.deepEqual(
      marked.map((c) => [c.line, c.reasons[0]]),
      [
        [38, 'deletes archived journal files, and the logs they hold (journalctl --vacuum-size)'],
        [39, 'removes containers, images or volumes'],
      ],
    );
    const lines = text.split('\n');
    for (const c of marked) {
      assert.ok(lines[c.line - 1].includes(c.probe), `line ${c.line} holds ${c.probe}`);
    }
  });

  it('gives a block scalar its run: line, a quoted command its start, every reason in order, and skips SQL and other files', () => {
    const file = 'runbooks/cleanup.runbook.yaml';
    const text = [
      'id: cleanup',
      'title: Clean up after a failed deploy',
      'steps:',
      '  - id: stop',
      '    kind: remediate',
      '    title: Stop and clear',
      '    commands:',
      '      - run: |',
      '          kubectl -n prod delete pod checkout-0',
      '          rm -rf /var/cache/checkout',
      '      - run: "echo \\"draining\\" && kubectl drain node-3"',
      '      - run: kubectl get pods',
      '      - run: DROP TABLE sessions;',
      '        lang: sql',
      '---',
      'id: other',
      'title: Another runbook in the same file',
      'steps:',
      '  - id: reboot',
      '    kind: remediate',
      '    title: Reboot',
      '    commands:',
      '      - run: sudo reboot',
      '',
    ].join('\n');
    const runbooks = parsed(file, text);
    const { marked } = commandsAskingTwice(runbooks, file);
    assert.deepEqual(
      marked.map((c) => [c.line, c.probe, c.reasons]),
      [
        [8, 'kubectl -n prod delete p', ['deletes files (rm)', 'deletes Kubernetes resources (kubectl delete)']],
        [11, 'echo', ['evicts pods from a node (kubectl drain/cordon, nomad node drain)']],
        [23, 'sudo reboot', ['reboots or powers off the host']],
      ],
    );
    assert.deepEqual(commandsAskingTwice(runbooks, 'runbooks/another.runbook.yaml'), { marked: [] });
    // Told to stop after three commands (the first is always checked; the editor's slice of time),
    // it says where checking ended, and goes on from there.
    let asked = 0;
    const stopped = commandsAskingTwice(runbooks, file, () => ++asked > 2);
    assert.deepEqual(
      stopped.marked.map((c) => c.line),
      [8, 11],
    );
    assert.equal(stopped.next, 3);
    // Given that answer, it goes on with the fourth, one command a call when told to stop at once.
    const rest = commandsAskingTwice(runbooks, file, () => true, stopped);
    assert.deepEqual(
      rest.marked.map((c) => c.line),
      [8, 11, 23],
    );
    assert.equal(rest.next, undefined);
  });

  it('goes on by command, not by line: two commands on one line are both checked however often it stops', () => {
    const file = 'runbooks/clear.runbook.yaml';
    const text =
      'id: clear\ntitle: Clear\nsteps:\n  - id: a\n    kind: remediate\n    title: A\n    commands: [ls /srv/cache, rm -rf /srv/cache]\n';
    const runbooks = parsed(file, text);
    let answer = commandsAskingTwice(runbooks, file, () => true);
    assert.deepEqual(answer, { marked: [], next: 1 });
    answer = commandsAskingTwice(runbooks, file, () => true, answer);
    assert.deepEqual(answer, { marked: [{ line: 7, probe: 'rm -rf /srv/cache', reasons: ['deletes files (rm)'] }] });
  });
});
