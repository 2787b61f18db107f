import * as assert from 'node:assert/strict';
import { onFocusChange, onPollDue, POLLING, PollPauseState } from '../../../src/core/alerts/pollPause';

const MIN = 60_000;

/** A clock the test moves by hand, and the state as the view keeps it. */
function player(pauseAfterMs: number) {
  let now = Date.parse('2026-12-04T09:00:00Z');
  let state: PollPauseState = POLLING;
  return {
    advance: (ms: number) => (now += ms),
    focus(focused: boolean): boolean {
      const got = onFocusChange(state, focused, now);
      state = got.state;
      return got.resume;
    },
    due() {
      const got = onPollDue(state, now, pauseAfterMs);
      state = got.state;
      return { poll: got.poll, justPaused: got.justPaused };
    },
    get paused() {
      return state.paused;
    },
  };
}

describe('alert polling pauses while the window is unfocused for long', () => {
  it('polls while focused, however long', () => {
    const p = player(5 * MIN);
    p.advance(60 * MIN);
    assert.deepEqual(p.due(), { poll: true, justPaused: false });
  });

  it('keeps polling for the setting minutes after focus is lost, then pauses once', () => {
    const p = player(5 * MIN);
    p.focus(false);
    p.advance(4 * MIN + 59_000);
    assert.deepEqual(p.due(), { poll: true, justPaused: false });
    p.advance(1000);
    assert.deepEqual(p.due(), { poll: false, justPaused: true });
    p.advance(MIN);
    assert.deepEqual(p.due(), { poll: false, justPaused: false }, 'said once');
    assert.equal(p.paused, true);
  });

  it('resumes with a sync on focus only when it had paused', () => {
    const p = player(5 * MIN);
    p.focus(false);
    p.advance(MIN);
    assert.equal(p.focus(true), false, 'a short absence never paused: nothing to resume');
    p.focus(false);
    p.advance(10 * MIN);
    p.due();
    assert.equal(p.focus(true), true, 'resumed, with a sync');
    assert.equal(p.paused, false);
    assert.deepEqual(p.due(), { poll: true, justPaused: false });
  });

  it('counts from the first unfocus when the window reports it twice', () => {
    const p = player(5 * MIN);
    p.focus(false);
    p.advance(3 * MIN);
    p.focus(false);
    p.advance(2 * MIN);
    assert.deepEqual(p.due(), { poll: false, justPaused: true });
  });

  it('with 0 minutes pauses at the first poll due while unfocused', () => {
    const p = player(0);
    p.focus(false);
    assert.deepEqual(p.due(), { poll: false, justPaused: true });
  });
});
