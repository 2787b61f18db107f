// Text from a teammate, a cloned repository or git (titles, notes, commit subjects, file names) is
// shown in terminals and dialogs: a control character in it must be seen, not obeyed (ESC ]52 writes
// the clipboard, CR overwrites a line, a bidi override reorders what is read).

/**
 * C0 controls but tab and newline, DEL, C1 controls, the bidi embeddings, overrides, isolates and
 * marks, and the Unicode line and paragraph separators.
 */
const CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]/g;

/**
 * `\x1b` becomes the six characters `\u001b`, and so on: the same escape JSON uses, so JSON text
 * stays valid and means the same after it. Tab and newline are kept.
 */
export function escapeControls(text: string): string {
  return text.replace(CONTROLS, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
