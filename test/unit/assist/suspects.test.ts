// The suspects a prompt is grounded in, from a real ranking of a pull request and a direct push.
import * as assert from 'node:assert/strict';
import { groundIncident, suspectInputs } from '../../../src/core/assist';
import { Commit, Deploy, rankSuspects } from '../../../src/core/correlation';
import { foldIncident } from '../../../src/core/fold';
import { at, declared } from '../../support/events';
import { commit, file } from '../correlation/commits';

const sha = (ch: string) => ch.repeat(40);
const START = '2026-11-22T14:00:00Z';

function ranking() {
  const base = sha('0');
  const budget = commit(
    sha('1'),
    '2026-11-22T11:00:00Z',
    'Read the retry budget from the environment',
    [file('src/retry.ts', 4, 1)],
    [base],
  );
  const config = commit(sha('2'), '2026-11-22T11:30:00Z', 'Retry budget of one', [file('config/payments.yaml', 2, 2)], [budget.sha]);
  const direct = commit(sha('3'), '2026-11-22T12:00:00Z', 'Fix a typo in the README', [file('README.md', 1, 1)], [base]);
  const merge: Commit = {
    ...commit(sha('4'), '2026-11-22T13:30:00Z', 'Merge pull request #42 from dev/retry', [], [direct.sha, config.sha]),
    body: 'Cut the payment retry budget to one',
  };
  const deploy: Deploy = {
    at: merge.committedAt,
    sha: merge.sha,
    environment: 'production',
    kind: 'merge',
    name: merge.subject,
    commits: [merge.sha, direct.sha, config.sha, budget.sha],
    commitsTruncated: false,
  };
  return rankSuspects({
    startedAt: START,
    now: START,
    commits: new Map([budget, config, direct, merge].map((c) => [c.sha, c])),
    deploys: [deploy],
    undeployed: [],
  });
}

describe('assist: suspects as they were merged', () => {
  it('offers a pull request as one suspect cited by its merge: its title, its commits, all its files, one revert', () => {
    const inputs = suspectInputs(ranking(), 30);
    assert.deepEqual(
      inputs.map((s) => s.sha),
      [sha('4'), sha('3')],
      'the pull request first, the direct push alone',
    );
    const [pr, alone] = inputs;
    assert.equal(pr.subject, 'Cut the payment retry budget to one');
    assert.match(pr.pullRequest ?? '', /^pull request #42 of 2 commits: /);
    assert.ok(
      pr.pullRequest?.includes('2222222 "Retry budget of one"') && pr.pullRequest.includes('1111111 "Read the retry'),
      pr.pullRequest,
    );
    assert.deepEqual(new Set(pr.members), new Set([sha('1'), sha('2')]));
    assert.deepEqual(
      pr.files?.map((f) => f.path),
      ['config/payments.yaml', 'src/retry.ts'],
    );
    assert.equal(pr.revert, `git revert -m 1 ${sha('4')}`);
    assert.equal(alone.pullRequest, undefined);
    assert.equal(alone.revert, `git revert ${sha('3')}`);
    assert.equal(suspectInputs(ranking(), 1).length, 1, 'at most max');
  });

  it("grounds the pull request's line in words, with a responder's mark on any of its commits as its verdict", () => {
    const incident = foldIncident('inc-1', [
      declared({ id: 'd1' }),
      { id: 'm1', ts: at(5), author: 'bob', type: 'suspect_marked', sha: sha('2'), verdict: 'cause', note: 'budget of one' } as never,
    ]);
    const lines = groundIncident(incident, suspectInputs(ranking(), 30)).lines.filter((l) => l.kind === 'suspect');
    assert.equal(lines.length, 2, 'the marked commit is not listed again on its own line');
    assert.equal(lines[0].ref, `C:${sha('4')}`);
    assert.match(lines[0].text, /^#1 444444444444 "Cut the payment retry budget to one", pull request #42 of 2 commits/);
    assert.match(lines[0].text, /revert: git revert -m 1 4{40}/);
    assert.match(lines[0].text, /responders' verdict: cause \(budget of one\) by bob/);
  });

  it('names a file a commit moved once, from its old path to its new one, with what the move changed', () => {
    const moved = {
      ...commit(sha('5'), '2026-11-22T13:00:00Z', 'Move the retries under http', [
        { ...file('src/retries.ts', 0, 40), status: 'deleted' as const },
        { ...file('src/http/retries.ts', 42, 0), status: 'added' as const },
      ]),
      moves: [{ from: 'src/retries.ts', to: 'src/http/retries.ts', additions: 2, deletions: 0 }],
    };
    const ranked = rankSuspects({
      startedAt: START,
      now: START,
      commits: new Map([[moved.sha, moved]]),
      deploys: [
        {
          at: '2026-11-22T13:30:00Z',
          sha: moved.sha,
          environment: 'production',
          kind: 'deploy-tag',
          name: 'v2',
          commits: [moved.sha],
          commitsTruncated: false,
        },
      ],
      undeployed: [],
    });
    assert.deepEqual(suspectInputs(ranked, 30)[0].files, [{ path: 'src/retries.ts → src/http/retries.ts', additions: 2, deletions: 0 }]);
  });
});
