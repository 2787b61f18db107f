// An answer's citations checked against the incident: `[E:<event id>]`, `[C:<sha>]` and
// `[R:<runbook>#<step>]` become links to what they name; a reference to nothing the incident holds
// (a model's invention) is dropped, not shown as a fact.

import { ACTION_ITEM_KINDS, ActionItemKind } from '../learning/actionItems';
import { formatUtc } from '../time';
import { Grounding } from './grounding';
import { MarkdownCode, MarkdownPiece } from './markdownCode';

const isActionItemKind = (value: string): boolean => (ACTION_ITEM_KINDS as readonly string[]).includes(value);

export interface Reference {
  readonly kind: 'E' | 'C' | 'R';
  /** The full reference as the incident holds it (a short sha resolved to the full one). */
  readonly ref: string;
  readonly value: string;
}

export interface References {
  /** Every reference the incident holds (see Grounding.refs). */
  readonly known: ReadonlySet<string>;
  /** Markdown for a resolved reference (a link); the reference text itself when undefined. */
  readonly link?: (reference: Reference) => string | undefined;
  /** `strip`: drop every reference (a status draft goes to people who cannot open them). */
  readonly mode?: 'link' | 'strip';
  /**
   * Applied to the answer's own text around the references: where the links are command links in
   * trusted markdown (the chat), the model must not write links of its own (markdownText).
   */
  readonly escapeText?: (text: string) => string;
  /**
   * The answer is markdown whose code spans and fenced code blocks (MarkdownCode) are passed on as
   * written: neither escaped (markdown shows code literally, so `arr[0]` stays copyable) nor resolved
   * (a reference in code is text). Safe with markdownText as escapeText, and a link that writes no
   * backtick the reference did not have (one could pair with the answer's own).
   */
  readonly literalCode?: boolean;
}

/**
 * A model's text as literal markdown: no link, image or autolink of its own. Its words come from
 * alerts, evidence and teammates' notes, so a forged `[fix](command:warroom.openCommit?...)` would
 * otherwise be a working button among the answer's citation links.
 */
export function markdownText(text: string): string {
  return text.replace(/[\\[\]<>]/g, (ch) => `\\${ch}`);
}

/** markdownText for a whole answer: its code spans and fenced code (MarkdownCode) left as written. */
export function markdownAnswer(text: string): string {
  return literalCode(text, new MarkdownCode());
}

/**
 * markdownText for one line of the model's set after markdown of War Room's own (a suggested action
 * item): its code spans left as written. A line ending in it could start a block: all of it is escaped.
 */
export function markdownLine(text: string): string {
  return /[\r\n]/.test(text) ? markdownText(text) : literalCode(text, new MarkdownCode({ inline: true }));
}

function literalCode(text: string, code: MarkdownCode): string {
  return [...code.push(text), ...code.end()].map((p) => (p.code ? p.text : markdownText(p.text))).join('');
}

export interface ResolvedAnswer {
  readonly text: string;
  /** References resolved, in order of first use. */
  readonly cited: readonly string[];
  /** References dropped because the incident holds nothing by that name. */
  readonly dropped: readonly string[];
}

// A model's answer is outside input, so both stay linear: the blanks before a bracket are taken only
// from the start of their run (the lookbehind), and one reference's blanks belong to it alone (an
// `\s*` on each side of the separator made `[E:a E:a ... ` without `]` exponential).
export const CITATIONS = /(?<![ \t])([ \t]*)\[\s*((?:[ECR]:[^[\]\s,;:]{1,200}(?:\s*[,;])?\s*)+)\]/g;
const ONE = /([ECR]):([^[\]\s,;:]{1,200})/g;

/** A known reference for what the answer wrote: exact, or a commit cited by a unique abbreviation. */
function lookup(kind: string, value: string, known: ReadonlySet<string>, shas: readonly string[]): string | undefined {
  const exact = `${kind}:${value}`;
  if (known.has(exact)) {
    return exact;
  }
  if (kind === 'C' && /^[0-9a-f]{7,64}$/i.test(value)) {
    const lower = value.toLowerCase();
    const matches = shas.filter((s) => s.startsWith(lower) || lower.startsWith(s));
    return matches.length === 1 ? `C:${matches[0]}` : undefined;
  }
  return undefined;
}

export class ReferenceResolver {
  private readonly shas: string[];
  readonly cited: string[] = [];
  readonly dropped: string[] = [];

  constructor(private readonly refs: References) {
    this.shas = [...refs.known].filter((r) => r.startsWith('C:')).map((r) => r.slice(2).toLowerCase());
  }

  /** Resolves every complete reference in a text, escaping the rest (References.escapeText). */
  resolve(text: string): string {
    const escape = this.refs.escapeText;
    if (!escape) {
      return text.replace(CITATIONS, (_match, lead: string, inner: string) => this.replace(lead, inner));
    }
    let out = '';
    let last = 0;
    for (const m of text.matchAll(CITATIONS)) {
      const at = m.index ?? 0;
      out += escape(text.slice(last, at)) + this.replace(m[1], m[2]);
      last = at + m[0].length;
    }
    return out + escape(text.slice(last));
  }

  private replace(lead: string, inner: string): string {
    const parts: string[] = [];
    for (const [, kind, value] of inner.matchAll(ONE)) {
      const ref = lookup(kind, value, this.refs.known, this.shas);
      if (!ref) {
        this.dropped.push(`${kind}:${value}`);
        continue;
      }
      if (!this.cited.includes(ref)) {
        this.cited.push(ref);
      }
      if (this.refs.mode !== 'strip') {
        const reference: Reference = { kind: kind as Reference['kind'], ref, value: ref.slice(2) };
        parts.push(this.refs.link?.(reference) ?? `[${ref}]`);
      }
    }
    // A dropped reference takes its leading space with it, so no "word ." is left behind.
    return parts.length ? lead + parts.join(' ') : '';
  }
}

/**
 * References as a file in the repository shows them (a review, read on a forge too): a commit as a
 * code span (the review's links open its diff), an event as its time, a runbook step by its name.
 */
export function fileReferences(grounding: Grounding): (reference: Reference) => string {
  const times = new Map(grounding.lines.filter((l) => l.ref && l.ts).map((l) => [l.ref as string, l.ts as string]));
  return (reference) => {
    switch (reference.kind) {
      case 'C':
        return `\`${reference.value.slice(0, 12)}\``;
      case 'E': {
        const ts = times.get(reference.ref);
        return ts ? `(${formatUtc(ts).slice(0, 16)} UTC)` : '';
      }
      case 'R':
        return `_${reference.value.replace(/[\\`*_[\]<>]/g, '')}_`;
    }
  };
}

/** Resolves a whole answer at once. */
export function resolveReferences(answer: string, refs: References): ResolvedAnswer {
  if (refs.literalCode) {
    const stream = new ReferenceStream(refs);
    const text = stream.push(answer) + stream.end();
    return { text, cited: stream.cited, dropped: stream.dropped };
  }
  const resolver = new ReferenceResolver(refs);
  return { text: resolver.resolve(answer), cited: resolver.cited, dropped: resolver.dropped };
}

/** Longest stretch held back while streaming, waiting for a `]`: a reference is never that long. */
export const REFERENCE_HOLD_CHARS = 800;

/**
 * Resolves references in a streamed answer: text is passed on as soon as no reference can still be
 * open in it, so a citation split across two chunks is resolved whole.
 */
export class ReferenceStream {
  private pending = '';
  private readonly resolver: ReferenceResolver;
  private readonly code?: MarkdownCode;

  constructor(refs: References) {
    this.resolver = new ReferenceResolver(refs);
    this.code = refs.literalCode ? new MarkdownCode() : undefined;
  }

  get cited(): readonly string[] {
    return this.resolver.cited;
  }

  get dropped(): readonly string[] {
    return this.resolver.dropped;
  }

  /** Text ready to show after this chunk ('' while a reference or a code span may still be open). */
  push(chunk: string): string {
    return this.code ? this.pieces(this.code.push(chunk)) : this.text(chunk);
  }

  /** The rest, once the answer is complete. */
  end(): string {
    const last = this.code ? this.pieces(this.code.end()) : '';
    const rest = this.resolver.resolve(this.pending);
    this.pending = '';
    return last + rest;
  }

  /** Code as written; a reference cannot go on across it, so the text before it is resolved whole. */
  private pieces(pieces: readonly MarkdownPiece[]): string {
    let out = '';
    for (const piece of pieces) {
      if (piece.code) {
        out += this.resolver.resolve(this.pending) + piece.text;
        this.pending = '';
      } else {
        out += this.text(piece.text);
      }
    }
    return out;
  }

  private text(chunk: string): string {
    this.pending += chunk;
    const open = this.pending.lastIndexOf('[');
    const holdFrom =
      open >= 0 && !this.pending.includes(']', open) && this.pending.length - open < REFERENCE_HOLD_CHARS ? open : this.pending.length;
    const ready = this.pending.slice(0, holdFrom);
    this.pending = this.pending.slice(holdFrom);
    return this.resolver.resolve(ready);
  }
}

export interface SuggestedActionItem {
  readonly text: string;
  /** The kind the model gave, when it is one War Room knows. */
  readonly kind?: ActionItemKind;
  /** References the item rests on (known ones only). */
  readonly refs: readonly string[];
  /** Every suggestion is marked so until a human accepts it. */
  readonly ai_generated: true;
}

/** At most this many suggestions are taken from one answer (the prompt asks for 3-7). */
export const MAX_SUGGESTED_ITEMS = 10;

/**
 * The `- [ ] ...` lines of an action-items answer, each with its resolved references; at most
 * MAX_SUGGESTED_ITEMS, since each becomes a proposal on the shared timeline. Code spans and fenced
 * code (MarkdownCode, read over the whole answer) are kept as written: `grep '[E:1]' app.log` is what
 * the user would copy, and a reference in code is text, not a citation.
 */
export function parseActionItems(answer: string, known: ReadonlySet<string>): SuggestedActionItem[] {
  const items: SuggestedActionItem[] = [];
  const code = new MarkdownCode();
  const pieces = [...code.push(answer), ...code.end()];
  let piece = 0;
  let pieceStart = 0;
  let lineStart = 0;
  for (const line of answer.split('\n')) {
    const start = lineStart;
    lineStart += line.length + 1;
    if (items.length >= MAX_SUGGESTED_ITEMS) {
      break;
    }
    const match = /^\s*(?:[-*]|\d+[.)])\s*(?:\[[ xX]?\]\s*)?(.+)$/.exec(line);
    if (!match) {
      continue;
    }
    // "(prevent) Alert on ..." or "prevent: Alert on ...": the kind the prompt asks for, if given.
    const kinded = /^\(?\s*(\w+)\s*(?:\)|:)\s*(.*)$/.exec(match[1]);
    const kind = kinded && isActionItemKind(kinded[1].toLowerCase()) ? (kinded[1].toLowerCase() as ActionItemKind) : undefined;
    // Both captures run to the line's end: the item's text is the line's tail from here.
    const from = start + line.length - (kind && kinded ? kinded[2] : match[1]).length;
    const to = start + line.length;
    while (piece < pieces.length && pieceStart + pieces[piece].text.length <= from) {
      pieceStart += pieces[piece++].text.length;
    }
    const resolver = new ReferenceResolver({ known, mode: 'strip' });
    let text = '';
    let prose = '';
    for (let i = piece, at = pieceStart; i < pieces.length && at < to; at += pieces[i++].text.length) {
      const part = pieces[i].text.slice(Math.max(0, from - at), to - at);
      if (pieces[i].code) {
        text += resolver.resolve(prose) + part;
        prose = '';
      } else {
        prose += part;
      }
    }
    text = (text + resolver.resolve(prose)).trim();
    if (text) {
      items.push({ text, ...(kind ? { kind } : {}), refs: resolver.cited, ai_generated: true });
    }
  }
  return items;
}
