// A line scanner for the Markdown runbooks are written in: front matter, ATX headings, fenced code
// (also indented inside list items), HTML comments skipped. Not a full CommonMark parser: runbooks
// need structure and commands, and a small scanner indexes a thousand files in milliseconds.

import { parse as parseYaml } from 'yaml';
import { headingOf } from '../text/headings';
import { MAX_LINE_CHARS } from './text';

export interface HeadingBlock {
  readonly type: 'heading';
  readonly level: number;
  /** Raw inline Markdown of the heading, trailing `#`s removed. */
  readonly text: string;
  readonly line: number;
  readonly column: number;
}

export interface CodeBlock {
  readonly type: 'code';
  readonly lang: string;
  readonly lines: readonly string[];
  /** Line of the opening fence. */
  readonly line: number;
  readonly column: number;
  /**
   * The opening fence as written (dedented: the marker and its info string) and the closing marker:
   * with `lines`, the block as written, for putting non-command blocks back into text.
   */
  readonly fence: string;
  readonly marker: string;
  readonly closed: boolean;
}

export interface TextBlock {
  readonly type: 'text';
  readonly text: string;
  readonly line: number;
}

export type MarkdownBlock = HeadingBlock | CodeBlock | TextBlock;

export interface FrontMatter {
  readonly data: Readonly<Record<string, unknown>>;
  /** Lines the front matter takes, so positions after it stay right. */
  readonly endLine: number;
  readonly error?: { line: number; message: string };
}

export interface ScannedMarkdown {
  readonly frontMatter?: FrontMatter;
  readonly blocks: readonly MarkdownBlock[];
  /** `[ref]: https://...` definitions, for reference-style links. */
  readonly linkDefinitions: ReadonlyMap<string, string>;
  readonly problems: readonly { line: number; column: number; message: string }[];
}

// Every pattern here is linear: no two adjacent quantifiers can match the same characters. The
// heading's text and the fence's info string are trimmed in code (see headingOf), as a lazy `(.*?)`
// before `[ \t]*$` rescanned a run of spaces from every position (a 100 KB heading took seconds).
// The lookaheads keep the fence run whole, so it never trades characters with the info string.
const FENCE = /^(\s*)(`{3,}(?!`)|~{3,}(?!~))([^`]*)$/;
const LINK_DEF = /^ {0,3}\[([^\]]+)\]:\s*(\S+)/;

export function scanMarkdown(text: string): ScannedMarkdown {
  // Splitting on a string is several times faster than on a regex; CRLF files take the regex.
  const lines = text.includes('\r') ? text.split(/\r?\n/) : text.split('\n');
  const blocks: MarkdownBlock[] = [];
  const problems: { line: number; column: number; message: string }[] = [];
  for (let n = 0; n < lines.length; n++) {
    if (lines[n].length > MAX_LINE_CHARS) {
      // Left out rather than cut: a cut line in a code block would be a different command.
      problems.push({ line: n + 1, column: 1, message: `line is ${lines[n].length} characters long (over ${MAX_LINE_CHARS}): left out` });
      lines[n] = '';
    }
  }
  const linkDefinitions = new Map<string, string>();
  let i = 0;
  const frontMatter = readFrontMatter(lines);
  if (frontMatter) {
    i = frontMatter.endLine;
    if (frontMatter.error) {
      problems.push({ line: frontMatter.error.line, column: 1, message: frontMatter.error.message });
    }
  }
  for (; i < lines.length; i++) {
    const line = lines[i];
    if (isPlainTextLine(line)) {
      blocks.push({ type: 'text', text: line, line: i + 1 });
      continue;
    }
    if (/^\s*<!--/.test(line)) {
      while (i < lines.length && !lines[i].includes('-->')) {
        i++;
      }
      continue;
    }
    const fence = FENCE.exec(line);
    if (fence) {
      const indent = fence[1].length;
      const marker = fence[2];
      const start = i;
      const body: string[] = [];
      let closed = false;
      for (i++; i < lines.length; i++) {
        // A closing run holds the opening one (as long or longer): a line without it is content.
        const close = lines[i].includes(marker) ? /^(\s*)(`{3,}|~{3,})\s*$/.exec(lines[i]) : null;
        if (close && close[2][0] === marker[0] && close[2].length >= marker.length) {
          closed = true;
          break;
        }
        body.push(stripIndent(lines[i], indent));
      }
      if (!closed) {
        problems.push({ line: start + 1, column: indent + 1, message: `code block opened with ${marker} is never closed` });
      }
      const info = fence[3].trimStart();
      blocks.push({
        type: 'code',
        lang: info.trim(),
        lines: body,
        line: start + 1,
        column: indent + 1,
        fence: marker + info,
        marker,
        closed,
      });
      continue;
    }
    const heading = headingOf(line);
    if (heading) {
      const column = line.indexOf('#') + 1;
      blocks.push({ type: 'heading', level: heading.level, text: heading.text, line: i + 1, column });
      continue;
    }
    const def = LINK_DEF.exec(line);
    if (def) {
      linkDefinitions.set(def[1].toLowerCase(), def[2]);
      continue;
    }
    blocks.push({ type: 'text', text: line, line: i + 1 });
  }
  return { frontMatter, blocks, linkDefinitions, problems };
}

/**
 * True when a line can only be text: empty or only spaces and tabs, or after any spaces and tabs,
 * its first character is a visible ASCII one that opens no comment (`<`), fence (`` ` `` `~`),
 * heading (`#`) or link definition (`[`). Other first characters (Unicode spaces...) take the full
 * checks. Most lines are prose, indented list text or blank, so this skips four regexes per line.
 */
function isPlainTextLine(line: string): boolean {
  let i = 0;
  let c = line.charCodeAt(0);
  while (c === 32 || c === 9) {
    c = line.charCodeAt(++i);
  }
  if (i === line.length) {
    return true; // blank
  }
  return c > 32 && c < 127 && c !== 60 /* < */ && c !== 96 /* ` */ && c !== 126 /* ~ */ && c !== 35 /* # */ && c !== 91; /* [ */
}

function stripIndent(line: string, indent: number): string {
  let n = 0;
  while (n < indent && (line[n] === ' ' || line[n] === '\t')) {
    n++;
  }
  return line.slice(n);
}

/** Front matter past this size is reported, not parsed. */
export const MAX_FRONT_MATTER_CHARS = 8_192;

/** YAML (`---`) or Hugo TOML (`+++`) front matter at the very top of the file. */
function readFrontMatter(lines: readonly string[]): FrontMatter | undefined {
  const first = lines[0]?.trim();
  if (first !== '---' && first !== '+++') {
    return undefined;
  }
  const end = lines.findIndex((l, n) => n > 0 && l.trim() === first);
  if (end < 0) {
    return undefined; // a lone `---` is a thematic break, not front matter
  }
  const body = lines.slice(1, end);
  const size = body.reduce((n, l) => n + l.length + 1, 0);
  if (size > MAX_FRONT_MATTER_CHARS) {
    // Real front matter is a few hundred characters; the YAML parser's cost per error makes a huge one slow.
    const message = `front matter is ${size} characters long (over ${MAX_FRONT_MATTER_CHARS}): not read`;
    return { data: {}, endLine: end + 1, error: { line: 1, message } };
  }
  if (first === '+++') {
    return { data: parseTomlLite(body), endLine: end + 1 };
  }
  const simple = parseSimpleYaml(body);
  if (simple) {
    return { data: simple, endLine: end + 1 };
  }
  try {
    const data: unknown = parseYaml(body.join('\n'));
    if (data !== null && typeof data === 'object' && !Array.isArray(data)) {
      return { data: data as Record<string, unknown>, endLine: end + 1 };
    }
    return { data: {}, endLine: end + 1 };
  } catch (error) {
    const message = (error as Error).message.split('\n')[0];
    const at = /line (\d+)/.exec(message);
    return { data: {}, endLine: end + 1, error: { line: at ? Number(at[1]) + 1 : 1, message: `front matter: ${message}` } };
  }
}

/** Enough TOML for Hugo front matter: `key = "string"`, numbers, booleans and string arrays. */
function parseTomlLite(lines: readonly string[]): Record<string, unknown> {
  const data: Record<string, unknown> = {};
  for (const line of lines) {
    // The value is trimmed in code: `\s*(.+?)\s*$` rescanned a long run of spaces from each position.
    const m = /^\s*([A-Za-z_][\w-]*)\s*=([^]*)$/.exec(line);
    const raw = m?.[2].trim();
    if (!m || !raw || hasLineTerminator(raw)) {
      continue;
    }
    if (/^\[.*\]$/.test(raw)) {
      data[m[1]] = [...raw.matchAll(/"([^"]*)"|'([^']*)'/g)].map((x) => x[1] ?? x[2]);
    } else if (/^".*"$|^'.*'$/.test(raw)) {
      data[m[1]] = raw.slice(1, -1);
    } else if (/^(true|false)$/.test(raw)) {
      data[m[1]] = raw === 'true';
    } else if (!Number.isNaN(Number(raw))) {
      data[m[1]] = Number(raw);
    } else {
      data[m[1]] = raw;
    }
  }
  return data;
}

/**
 * Most front matter is flat `key: value` / `key: [a, b]` lines; reading those by hand keeps the
 * YAML parser (the dominant cost when indexing a thousand files) for the files that need it.
 * Returns undefined for anything else (nesting, block lists, quotes with escapes, anchors...).
 */
function parseSimpleYaml(lines: readonly string[]): Record<string, unknown> | undefined {
  const data: Record<string, unknown> = {};
  for (const line of lines) {
    if (!line.trim() || /^\s*#/.test(line)) {
      continue;
    }
    const m = /^([A-Za-z_][\w-]*):([^]*)$/.exec(line);
    const raw = m?.[2].trim();
    if (!m || raw === undefined || hasLineTerminator(raw)) {
      return undefined;
    }
    if (raw === '' || /^[|>&*!{]|^-\s|\\|\s#/.test(raw)) {
      return undefined;
    }
    if (raw.startsWith('[')) {
      const inner = /^\[([^[\]"']*)\]$/.exec(raw);
      if (!inner) {
        return undefined;
      }
      data[m[1]] = inner[1]
        .split(',')
        .map((x) => x.trim())
        .filter(Boolean);
    } else if (/^"[^"]*"$|^'[^']*'$/.test(raw)) {
      data[m[1]] = raw.slice(1, -1);
    } else if (/^["']/.test(raw) || /:\s/.test(raw)) {
      return undefined;
    } else if (/^-?\d+(\.\d+)?$/.test(raw)) {
      data[m[1]] = Number(raw);
    } else if (/^(true|false)$/.test(raw)) {
      data[m[1]] = raw === 'true';
    } else {
      data[m[1]] = raw;
    }
  }
  return data;
}

/** `.` stops at these: a value holding one inside was never read by the line patterns here. */
function hasLineTerminator(text: string): boolean {
  return /[\n\r\u2028\u2029]/.test(text);
}
