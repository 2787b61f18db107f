// Text from a teammate, a cloned repository or git (titles, notes, commit subjects, file names, runbook
// commands) is shown in terminals and dialogs: a control character in it must be seen, not obeyed (ESC ]52
// writes the clipboard, CR overwrites a line, U+0015 erases readline's typed line, a bidi override reorders
// what is read). One list of such characters, for the CLI's output and the runbook command filler alike.

/**
 * C0 controls, DEL, C1 controls, the bidi embeddings, overrides, isolates and marks, and the Unicode
 * line and paragraph separators, as the body of a character class.
 */
const CONTROL_CLASS = '\\u0000-\\u001f\\u007f-\\u009f\\u061c\\u200e\\u200f\\u2028-\\u202e\\u2066-\\u2069';

/** Which ordinary white space is kept as it is: none, newlines (a command's own lines), or tab and newline (text). */
export type KeptWhitespace = 'none' | 'newline' | 'tabNewline';

const PATTERNS: Readonly<Record<KeptWhitespace, RegExp>> = {
  none: new RegExp(`[${CONTROL_CLASS}]`, 'g'),
  newline: new RegExp(`(?!\\n)[${CONTROL_CLASS}]`, 'g'),
  tabNewline: new RegExp(`(?![\\t\\n])[${CONTROL_CLASS}]`, 'g'),
};

const codePoint = (ch: string): string => ch.charCodeAt(0).toString(16).padStart(4, '0');

/**
 * `\x1b` becomes the six characters `\u001b`, and so on: the same escape JSON uses, so JSON text
 * stays valid and means the same after it.
 */
export function escapeControls(text: string, keep: KeptWhitespace = 'tabNewline'): string {
  return text.replace(PATTERNS[keep], (ch) => `\\u${codePoint(ch)}`);
}

/** The distinct control characters in the text, as `U+0015`, for a plain explanation. */
export function controlsIn(text: string, keep: KeptWhitespace = 'none'): string[] {
  return [...new Set(text.match(PATTERNS[keep]) ?? [])].map((ch) => `U+${codePoint(ch).toUpperCase()}`);
}
