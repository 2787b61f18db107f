// A number of things in words, as every label, log line and export says it: "1 event", "3 events".

/** `word` for exactly one, otherwise `plural` (the word and an "s" unless given). */
export function noun(n: number, word: string, plural = `${word}s`): string {
  return n === 1 ? word : plural;
}

/** The number and the word that goes with it: "1 event", "0 events", "12 days". */
export function count(n: number, word: string, plural?: string): string {
  return `${n} ${noun(n, word, plural)}`;
}
