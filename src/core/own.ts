// Lookups in constant tables by a key that came from outside (a teammate's event type, an API's status,
// a runbook's placeholder): `TABLE[key]` also finds what every object inherits, so `constructor`,
// `__proto__`, `toString` or `valueOf` would return a function or Object.prototype instead of nothing,
// and the caller would crash or print it. `own` answers only for the table's own keys.

/** `table[key]` when `key` is one of the table's own keys, else undefined. */
export function own<V>(table: Readonly<Record<string, V>>, key: string): V | undefined {
  return Object.hasOwn(table, key) ? table[key] : undefined;
}
