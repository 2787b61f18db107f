// Scenario time as the drills show it (T+3.5m). Apart from the scenario reader, so what runs a
// drill loads without the yaml library.
const MINUTE_MS = 60_000;

export const minutes = (ms: number): string => `T+${Math.round((ms / MINUTE_MS) * 10) / 10}m`;
