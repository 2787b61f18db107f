// Array helpers for lists whose length comes from outside data (a teammate's runbook, a review file).
// A spread call (`push(...items)`, `Math.min(...values)`) passes every item as an argument, and past
// about 120,000 of them V8 throws "Maximum call stack size exceeded": a 400 KB runbook whose one code
// block has 170,000 lines threw that from the parser thread, taking the files queued with it down.

/** Appends `items` to `target`, however many there are. */
export function appendAll<T>(target: T[], items: readonly T[]): void {
  for (const item of items) {
    target.push(item);
  }
}

/** The smallest of `values`, however many there are; undefined for none. */
export function smallest(values: readonly number[]): number | undefined {
  let min: number | undefined;
  for (const v of values) {
    if (min === undefined || v < min) {
      min = v;
    }
  }
  return min;
}

/** The last item that matches, looking from the end (`Array.prototype.findLast` is ES2023, past this project's lib). */
export function findLast<T>(items: readonly T[], matches: (item: T) => boolean): T | undefined {
  for (let i = items.length - 1; i >= 0; i--) {
    if (matches(items[i])) {
      return items[i];
    }
  }
  return undefined;
}
