// Reading a string field out of outside data (an event, a command's arguments) without a cast.

/** `value` when it is a string, empty included; otherwise undefined. */
export function asString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** `value` as written when it is a string with more than whitespace in it; otherwise undefined. */
export function nonBlank(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}
