// Pause-on-unfocus for the alert sources' polling: once the window has been unfocused for the
// setting's minutes, the next poll due does not run and polling pauses; focus resumes it with a
// sync of every source at once. Pure: the times come in from the caller's clock.

export interface PollPauseState {
  /** Epoch ms the window lost focus; absent while it is focused. */
  readonly unfocusedSince?: number;
  readonly paused: boolean;
}

export const POLLING: PollPauseState = { paused: false };

/** The window gained or lost focus at `nowMs`. `resume`: polling was paused, sync everything now. */
export function onFocusChange(state: PollPauseState, focused: boolean, nowMs: number): { state: PollPauseState; resume: boolean } {
  if (focused) return { state: POLLING, resume: state.paused };
  // Losing focus twice (two unfocus events) keeps the first time.
  return { state: { paused: state.paused, unfocusedSince: state.unfocusedSince ?? nowMs }, resume: false };
}

/**
 * A source's poll is due at `nowMs`: run it, or pause (`paused` true, and `justPaused` the first
 * time, to say so once) when the window has been unfocused for `pauseAfterMs` or longer.
 */
export function onPollDue(
  state: PollPauseState,
  nowMs: number,
  pauseAfterMs: number,
): { state: PollPauseState; poll: boolean; justPaused: boolean } {
  const away = state.unfocusedSince !== undefined && nowMs - state.unfocusedSince >= pauseAfterMs;
  if (!away) return { state, poll: true, justPaused: false };
  return { state: { ...state, paused: true }, poll: false, justPaused: !state.paused };
}
