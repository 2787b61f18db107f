// The walkthrough's pure parts: where a responder is on a runbook's path, the page's message
// validator, and the git log parser behind staleness (on output captured from git 2.39.5).
import * as assert from 'node:assert/strict';
import { parseNameStatusLog } from '../../../src/adapters/git/runbookChanges';
import { parseYamlRunbooks } from '../../../src/core/runbooks/yamlRunbook';
import { StepProgress } from '../../../src/core/runbooks/runbookEvents';
import { walkPosition } from '../../../src/core/runbooks/walk';
import { parseWalkthroughMessage } from '../../../src/protocol/walkthrough';

const RUNBOOK = parseYamlRunbooks(
  `id: x
title: X
steps:
  - {id: a, kind: diagnose, title: A}
  - id: decide
    kind: decide
    title: Decide
    branches:
      - {if: deploy, goto: rollback}
      - {if: no deploy, goto: dig}
  - {id: rollback, kind: rollback, title: Roll back}
  - {id: dig, kind: diagnose, title: Dig}
  - {id: verify, kind: verify, title: Verify}
`,
  'runbooks/x.runbook.yaml',
).runbooks[0];

const at = (status: StepProgress['status'], branch?: { if: string; goto: string }): StepProgress => ({
  status,
  by: 'ana',
  at: '2026-11-22T10:00:00Z',
  notes: [],
  ...(branch ? { branch } : {}),
});

describe('runbooks: walkthrough', () => {
  it('starts at the first step and walks every step when nothing is done', () => {
    assert.deepEqual(walkPosition(RUNBOOK, undefined), { path: ['a', 'decide', 'rollback', 'dig', 'verify'], current: 'a' });
  });

  it('jumps to the branch taken, leaving the steps in between off the path', () => {
    const progress = new Map([
      ['a', at('done')],
      ['decide', at('branch', { if: 'no deploy', goto: 'dig' })],
    ]);
    assert.deepEqual(walkPosition(RUNBOOK, progress), { path: ['a', 'decide', 'dig', 'verify'], current: 'dig' });
  });

  it('has no current step once everything on the path is done or skipped, and survives a branch loop', () => {
    const done = new Map([
      ['a', at('done')],
      ['decide', at('branch', { if: 'deploy', goto: 'rollback' })],
      ['rollback', at('skipped')],
      ['dig', at('done')],
      ['verify', at('done')],
    ]);
    assert.deepEqual(walkPosition(RUNBOOK, done), { path: ['a', 'decide', 'rollback', 'dig', 'verify'] });
    const loop = new Map([
      ['decide', at('branch', { if: 'deploy', goto: 'a' })],
      ['a', at('done')],
    ]);
    assert.deepEqual(walkPosition(RUNBOOK, loop).path, ['a', 'decide']);
  });

  it('accepts only well-formed page messages', () => {
    assert.ok(parseWalkthroughMessage({ type: 'setStep', requestId: 'r1', step: 'a', status: 'done' }).message);
    assert.ok(parseWalkthroughMessage({ type: 'runCommand', requestId: 'r1', step: 'a', command: 0 }).message);
    assert.match(parseWalkthroughMessage({ type: 'setStep', requestId: 'r1', step: 'a', status: 'branch' }).reason ?? '', /status/);
    assert.match(
      parseWalkthroughMessage({ type: 'runCommand', requestId: 'r1', step: 'a', command: 0, run: 'rm -rf /' }).reason ?? '',
      /unexpected field "run"/,
    );
    assert.match(parseWalkthroughMessage({ type: 'runCommand', requestId: 'r1', step: 'a', command: -1 }).reason ?? '', /command/);
    assert.match(parseWalkthroughMessage({ type: 'addNote', requestId: 'r1', step: 'a', note: '  ' }).reason ?? '', /note/);
    assert.match(parseWalkthroughMessage({ type: 'eval', code: '1' }).reason ?? '', /unknown message type/);
    assert.match(parseWalkthroughMessage('ready').reason ?? '', /not an object/);
  });

  it('parses git log --name-status -z, keeping the latest change of each path', () => {
    // git log --relative -M --format=%x01%H%x09%cI --name-status -z HEAD~2..HEAD
    const out =
      '\u000168d048372097d21c10294\t2026-11-22T18:06:05+00:00\u0000\nM\u0000new.txt\u0000' +
      '\u0001fbc850141b\t2026-11-22T18:06:04+00:00\u0000\nA\u0000new.txt\u0000R050\u0000scripts/fix.sh\u0000scripts/fix2.sh\u0000';
    assert.deepEqual(parseNameStatusLog(out), [
      { path: 'new.txt', kind: 'modified', commit: '68d048372097d21c10294', date: '2026-11-22T18:06:05+00:00' },
      { path: 'scripts/fix.sh', kind: 'renamed', renamedTo: 'scripts/fix2.sh', commit: 'fbc850141b', date: '2026-11-22T18:06:04+00:00' },
    ]);
    assert.deepEqual(parseNameStatusLog(''), []);
  });
});
