// The zone of the machine the editor runs on: read here, at the edge, and handed to the core as a
// number (the core is pure and never asks the process for its zone).

/** The UTC offset of this process's zone at `at`, in minutes east of UTC. */
export function localUtcOffsetMinutes(at: Date): number {
  return -at.getTimezoneOffset();
}
