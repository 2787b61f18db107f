// Markdown ATX headings, read without a regex over the heading's text: "text, then blanks, then a
// closing run of #s" as one pattern backtracks quadratically (or worse) on a long line of blanks.
// Shared by the runbook scanner and the review checks.

import { isBlank } from './strings';

const HEADING_START = /^ {0,3}(#{1,6})(?=[ \t]|$)/;

/**
 * An ATX heading: up to three spaces, one to six `#`s, then a space, a tab or the end; the text
 * without its surrounding blanks or a closing run of `#`s that follows a blank. A line holding a
 * line terminator other than `\n` is no heading (as when this was one regex with `.`).
 */
export function headingOf(line: string): { level: number; text: string } | undefined {
  const start = HEADING_START.exec(line);
  if (!start || /[\r\u2028\u2029]/.test(line)) {
    return undefined;
  }
  let end = line.length;
  while (end > start[0].length && isBlank(line.charCodeAt(end - 1))) {
    end--;
  }
  let hashes = end;
  while (hashes > start[0].length && line.charCodeAt(hashes - 1) === 35 /* # */) {
    hashes--;
  }
  // A closing sequence needs a blank before it; `# C#` keeps its `#`, and `# ###` is text `###`.
  if (hashes < end && hashes > start[0].length && isBlank(line.charCodeAt(hashes - 1))) {
    let before = hashes;
    while (before > start[0].length && isBlank(line.charCodeAt(before - 1))) {
      before--;
    }
    if (before > start[0].length) {
      end = before;
    }
  }
  return { level: start[1].length, text: line.slice(start[0].length, end).trim() };
}
