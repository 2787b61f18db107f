// Reading a string field out of outside data (an event, a command's arguments) without a cast.

/** `value` when it is a string, empty included; otherwise undefined. */
export function asString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** `value` as written when it is a string with more than whitespace in it; otherwise undefined. */
export function nonBlank(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

/** A space or a tab, by char code. */
export const isBlank = (c: number): boolean => c === 32 || c === 9;

/**
 * Without leading and trailing spaces and tabs. A loop, not `/[ \t]*$/`: that regex rescans a run
 * of blanks from each of its characters, quadratic on a long line of them.
 */
export function trimBlanks(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && isBlank(text.charCodeAt(start))) start++;
  while (end > start && isBlank(text.charCodeAt(end - 1))) end--;
  return text.slice(start, end);
}

/** The text with every `open` ... `close` span cut out, in one pass; an unclosed `open` and what follows stay. */
export function cutSpans(text: string, open: string, close: string): string {
  let out = '';
  let from = 0;
  for (;;) {
    const start = text.indexOf(open, from);
    const stop = start < 0 ? -1 : text.indexOf(close, start + open.length);
    if (stop < 0) {
      return out + text.slice(from);
    }
    out += text.slice(from, start);
    from = stop + close.length;
  }
}

/** `a, b, c and 2 more`: the first `max` items, and how many were left out. */
export function listFirst(items: readonly string[], max: number): string {
  return items.length > max ? `${items.slice(0, max).join(', ')} and ${items.length - max} more` : items.join(', ');
}

/**
 * Text from outside (a commit subject, an alert label, a teammate's note) as Markdown that shows it
 * literally: every ASCII punctuation character backslash-escaped (no link, emphasis, HTML, command or
 * theme icon can come from it), each line break a paragraph break, no leading indentation (no code
 * block). Unlike VS Code's `MarkdownString.appendText`, which writes each space as `&nbsp;`, the text
 * still wraps at its spaces: a long reason in a hover breaks between words, not inside them.
 */
export function markdownLiteral(text: string): string {
  return text
    .replace(/^[ \t]+/gm, '')
    .replace(/[!-/:-@[-`{-~]/g, '\\$&')
    .replace(/\r?\n/g, '\n\n');
}
