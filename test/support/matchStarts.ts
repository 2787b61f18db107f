// How many places in a text a pattern can match from: a copy of it made sticky, tried at each index.
// A pattern that scans far from each start is linear only if it can start once per run of what it
// scans, not at every character of the run; this counts that structure instead of timing a long run.

/** The indexes of `text` at which `pattern` matches when it must start exactly there. */
export function matchStarts(pattern: RegExp, text: string): number[] {
  const sticky = new RegExp(pattern.source, `${pattern.flags.replace(/[gy]/g, '')}y`);
  const starts: number[] = [];
  for (let i = 0; i < text.length; i++) {
    sticky.lastIndex = i;
    if (sticky.test(text)) {
      starts.push(i);
    }
  }
  return starts;
}
