import * as assert from 'node:assert/strict';
import { describeEvent } from '../../../src/core/timeline';
import { other } from '../../support/events';

describe('describeEvent', () => {
  it('words feature events instead of naming their type', () => {
    assert.deepEqual(describeEvent(other('suspect_marked', { sha: 'a1b2c3d4e5f6', verdict: 'cause', note: 'pool cut to 5' })), {
      kind: 'decision',
      text: 'Marked a1b2c3d as the cause: pool cut to 5',
    });
    // Marked from the tree, the mark names what was marked (a pull request by its number and title).
    assert.equal(
      describeEvent(other('suspect_marked', { sha: 'a1b2c3d4e5f6', verdict: 'cause', title: '#42 Cut the payment retry budget to one' }))
        .text,
      'Marked a1b2c3d (#42 Cut the payment retry budget to one) as the cause',
    );
    assert.deepEqual(describeEvent(other('command_run', { command: 'kubectl -n shop get pods\n', exitCode: 0 })), {
      kind: 'action',
      text: 'Ran `kubectl -n shop get pods` (exit 0)',
    });
    assert.deepEqual(
      describeEvent(other('command_exited', { run: 'e1', command: 'kubectl -n shop rollout status deploy/cart\n', exitCode: 1 })),
      { kind: 'action', text: '`kubectl -n shop rollout status deploy/cart` exited 1' },
    );
    assert.equal(describeEvent(other('command_exited', { run: 'e1', exitCode: 0 })).text, 'A command exited 0');
    assert.deepEqual(describeEvent(other('runbook_step', { runbook: 'db-pool', step: 'confirm', status: 'done' })), {
      kind: 'runbook',
      text: 'Runbook step confirm done',
    });
    assert.deepEqual(
      describeEvent(
        other('runbook_step', { runbook: 'db-pool', step: 'decide', status: 'branch', branch: { if: 'No recent deploy', goto: 'x' } }),
      ),
      { kind: 'runbook', text: 'Runbook step decide chose "No recent deploy"' },
    );
    assert.deepEqual(describeEvent(other('evidence_added', { text: '\nError: timeout acquiring connection\n  at Pool.acquire' })), {
      kind: 'note',
      text: 'Added evidence: Error: timeout acquiring connection',
    });
    assert.equal(
      describeEvent(other('runbook_linked', { runbook: 'db-pool', title: 'DB pool exhaustion' })).text,
      'Linked runbook DB pool exhaustion',
    );
  });

  it('survives feature events with missing or odd fields (hand edits, newer versions)', () => {
    assert.equal(describeEvent(other('suspect_marked', {})).text, 'Marked ? as suspect');
    assert.equal(describeEvent(other('command_run', { command: 42 })).text, 'Ran ``');
    assert.deepEqual(describeEvent(other('teleported', { text: 'x' })), { kind: 'other', text: 'teleported event' });
  });
});
