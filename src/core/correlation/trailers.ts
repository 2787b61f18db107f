// Commit message trailers (`Deployed-to: production`, `Co-authored-by: ...`), read the way
// `git interpret-trailers` does: the last paragraph of the message, when every line in it is a
// `Key: value` line (or a continuation of one).

import { Trailer } from './model';

const TRAILER_LINE = /^([A-Za-z0-9][A-Za-z0-9-]*)\s*:\s?(.*)$/;

export function parseTrailers(message: string): Trailer[] {
  const paragraphs = message
    .replace(/\r\n/g, '\n')
    .trimEnd()
    .split(/\n\s*\n/);
  if (paragraphs.length < 2) {
    return []; // a one-paragraph message is all subject/body, never trailers
  }
  const lines = paragraphs[paragraphs.length - 1].split('\n');
  const trailers: { key: string; value: string }[] = [];
  for (const line of lines) {
    const match = TRAILER_LINE.exec(line);
    if (match) {
      trailers.push({ key: match[1], value: match[2].trim() });
    } else if (/^\s+\S/.test(line) && trailers.length > 0) {
      trailers[trailers.length - 1].value += ` ${line.trim()}`;
    } else {
      return []; // a prose line: the paragraph is body text, not a trailer block
    }
  }
  return trailers;
}

/** The environments a commit says it was deployed to (`Deployed-to: production`), lower-cased. */
export function deployTrailerEnvironments(trailers: readonly Trailer[]): string[] {
  return trailers.filter((t) => /^deployed-to$/i.test(t.key) && t.value.trim() !== '').map((t) => t.value.trim().toLowerCase());
}
