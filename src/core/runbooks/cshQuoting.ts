// Values for csh and tcsh (FreeBSD's root shell, and many an old-school admin's login shell), which
// quote otherwise than bash. What tcsh 6.24 does, as a terminal runs it (interactive) and as a script:
// - `!` is history expansion everywhere, inside single and double quotes too; `\!` is a plain `!`
//   whether history expansion is on or not.
// - Inside single quotes everything else is literal; a `'` cannot appear there (close, `\'`, reopen).
// - Inside double quotes `$` and backticks expand and no backslash stops them; a `"` cannot appear.
// - A backslash is literal inside quotes, unless `set backslash_quote`, where `\'`, `\"` and `\\`
//   are escapes there: a value's backslash goes outside the quotes as `\\`, read the same either way.
// - `#` starts a comment in a script only: a terminal's csh runs what follows it.
// - Its line editor, outside a UTF-8 locale, reads each byte of a non-ASCII character as a Meta key
//   (Meta-b moves back a word): the rest of the line is typed somewhere else, out of its quotes.
// So a value is written as single-quoted pieces with `'`, `!` and `\` between them backslashed, and
// is sent only where csh reads the runbook's (bash) command as plain words, single or double quotes.
// A secret is not typed at all: the line names the environment variable holding it (`cshReference`).
// History expansion reads the typed line only, before variables are substituted, and a variable's
// value inside double quotes is neither split, globbed nor read again (`!`, `$`, backticks, `\` and
// non-ASCII characters in it arrive as they are). Only a newline in it would not: csh refuses the
// whole line (`Unmatched '"'.`), and the filler refuses a newline in any value, for every shell.

/** What may follow a `$` that csh reads as bash does: a name, `${NAME}`, `$$`, `$?`, `$#`. */
const VARIABLE = /^(?:[\w?#$]|\{[A-Za-z_]\w*\})/;

/** Where a placeholder sits as csh reads the command. */
export type CshPlace = 'plain' | 'single' | 'double';

/** csh's reading of a command: each placeholder's place, or why csh's quoting cannot be written there. */
export type CshReading = (index: number) => CshPlace | { readonly refused: string };

/**
 * Reads `command` as an interactive csh would, up to the first thing it cannot be sure how csh reads
 * (or that csh does not have); every placeholder from there on is refused with that reason.
 * `placeholders` are replaced by text that restores the quoting it found, so their text is skipped.
 */
export function cshReading(command: string, placeholders: readonly { readonly index: number; readonly length: number }[]): CshReading {
  const places = new Map<number, CshPlace>();
  const starts = new Map(placeholders.map((p) => [p.index, p.length]));
  let place: CshPlace = 'plain';
  let stop: { at: number; reason: string } | undefined;
  let i = 0;
  const block = (reason: string) => {
    stop = { at: i, reason };
  };
  while (i < command.length && stop === undefined) {
    const skip = starts.get(i);
    if (skip !== undefined) {
      places.set(i, place);
      i += skip;
      continue;
    }
    const c = command[i];
    const next = command[i + 1] ?? '';
    if (c === '\\' && starts.has(i + 1)) {
      block('comes right after a backslash, which would take its quoting for a plain character');
    } else if (c === '!') {
      block('comes after a "!" in the command, which csh reads as history');
    } else if (c === '\n' && place !== 'plain') {
      block('comes after a quote that runs on to the next line, which csh does not read');
    } else if (place === 'single' || place === 'double') {
      const quote = place === 'single' ? "'" : '"';
      if (c === quote) {
        place = 'plain';
      } else if (c === '\\' && next === quote) {
        block(
          `comes after a backslash before a ${quote} inside quotes, which csh reads one way or the other by its backslash_quote setting`,
        );
      } else if (c === '\\' && (next === '\\' || next === '!')) {
        i++;
      } else if (place === 'double' && c === '`') {
        block('comes after a backtick, where quotes do not nest as in bash');
      } else if (place === 'double' && c === '$' && !VARIABLE.test(command.slice(i + 1, i + 200))) {
        block(`comes after "$${next}", bash's syntax, which csh does not have`);
      }
    } else if (c === '\\') {
      i++;
    } else if (c === "'" || c === '"') {
      place = c === "'" ? 'single' : 'double';
    } else if (c === '`') {
      block('comes after a backtick, where quotes do not nest as in bash');
    } else if (c === '$' && !VARIABLE.test(command.slice(i + 1, i + 200))) {
      block(`comes after "$${next}", bash's syntax, which csh does not have`);
    } else if (c === '<' && next === '<') {
      block('sits in or after a here-document, where csh expands $ and backticks');
    } else if ((c === '<' || c === '>' || c === '(') && next === '(') {
      block(`comes after "${c}(", bash's syntax, which csh does not have`);
    } else if (c === '#' && (i === 0 || /[\s;&|()<>]/.test(command[i - 1]))) {
      block('comes after a "#", a comment in a csh script but not in a csh terminal');
    }
    i++;
  }
  return (index) => {
    const found = places.get(index);
    if (found !== undefined) {
      return found;
    }
    return { refused: stop?.reason ?? 'sits where csh could not be read' };
  };
}

/**
 * How a csh line names the environment variable `name` where a value would sit at `place`, one
 * literal piece of its word: `"${NAME}"` (braced, so no `:h` or `[1]` after it reads as a modifier or a
 * subscript), bare inside double quotes, and between the runbook's single quotes closed and reopened.
 */
export function cshReference(name: string, place: CshPlace): string {
  switch (place) {
    case 'single':
      return `'"\${${name}}"'`;
    case 'double':
      return `\${${name}}`;
    default:
      return `"\${${name}}"`;
  }
}

/** A value that is more than printable ASCII: outside a UTF-8 locale tcsh's line editor takes it for keys. */
const NOT_PRINTABLE_ASCII = /[^\x20-\x7e]/;

/**
 * `value` written for `place` in csh, one literal piece of its word; or why it cannot be. A plain
 * word (`isPlainWord`) needs none of this and is not passed here.
 */
export function cshQuote(value: string, place: CshPlace): { text: string } | { refused: string } {
  const other = NOT_PRINTABLE_ASCII.exec(value);
  if (other) {
    return {
      refused: `holds "${other[0]}", which csh's line editor reads as key presses unless the terminal's locale is UTF-8 (War Room cannot tell)`,
    };
  }
  const word = value
    .split(/([\\'!])/)
    .filter((piece) => piece !== '')
    .map((piece) => (piece === '\\' || piece === "'" || piece === '!' ? `\\${piece}` : `'${piece}'`))
    .join('');
  switch (place) {
    case 'single':
      return { text: `'${word}'` };
    case 'double':
      return { text: `"${word}"` };
    default:
      return { text: word };
  }
}
