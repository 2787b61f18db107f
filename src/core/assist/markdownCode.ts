// Which stretches of a model's markdown answer markdown itself shows literally: code spans and fenced
// code blocks. The chat shows the answer as trusted markdown with the model's own `\ [ ] < >` escaped
// (markdownText), so it can make no link of its own; but markdown processes no escape inside code, so
// `kubectl get pods -l app=[checkout]` would show, and be copied, as `app=\[checkout\]`. Code is passed on
// as written, but only where a renderer must read it as code: whatever is less certain stays escaped. A
// stray backslash is harmless; a stretch taken for code that the renderer reads as markdown would let
// the model write working command links.
//
// What counts as code (CommonMark, read conservatively):
// - A fenced code block: a line of three or more ` or ~ with only blanks (at most 3 columns) before it,
//   its info string free of `|` (with a delimiter row under it, markdown-it reads a table's header) and,
//   for a ` fence, of backticks; its lines are code up to the closing fence (the same character, at
//   least as long, nothing else on the line but blanks).
//   A fence indented by 1-3 may be inside a list item, whose fence ends where the item does (at a line
//   indented less than the item) and whose closing fence may be indented 3 more than the item: a line
//   one reading takes for the end of the block and the other does not makes the scanner give up.
// - It also gives up on a line that may open a fence that it does not follow: after a list marker or a
//   quote (`- ````), or indented 4 or more (a nested list's fence). Giving up escapes all the rest.
// - A code span: a run of backticks closed by the next run of the same length on the same line, with no
//   `|` between (a table cell ends there). A run with no closer there is literal backticks, and after it
//   the renderer may pair runs differently (across lines of the paragraph, across table cells), so the
//   rest of the paragraph, up to a blank line, has no code spans.
// - VS Code's renderer is marked, which reads some text otherwise (checked with marked 14 and 18 and
//   markdown-it on random answers): a URL takes backticks up to a blank, `~` and backticks together are
//   text, emphasis or a strikethrough begun before a span may end at a `*`, `_` or `~` in it, a closing
//   fence with a tab closes nothing, a fence under a table's delimiter row may be a table row. Each of
//   these leaves no code span (or no fence) where it could apply.
//
// The scanner reads each character once, in a state machine, so where the chunks of a streamed answer
// split the text cannot change what it decides; it holds back at most CODE_HOLD_CHARS while deciding.

export interface MarkdownPiece {
  readonly text: string;
  /** Markdown shows it literally: pass it on as written. Otherwise it is markdown (escape it). */
  readonly code: boolean;
}

/**
 * Longest stretch held back while deciding: a code span's text until its closing run, a line begun by
 * ``` or ~~~ until its end. Past it, a span's text goes on escaped and such a line gives up.
 */
export const CODE_HOLD_CHARS = 1000;

type State =
  | 'lineStart' // outside a fence: a line's leading blanks and list or quote markers
  | 'lineRun' // a run of ` or ~ after them
  | 'lineInfo' // the rest of a line begun by ``` or ~~~ (for ```, a fence unless it holds another `)
  | 'inline' // the rest of a line of text
  | 'fenceInfo' // the rest of a fence's opening line
  | 'fenceStart' // in a fence: a line's leading blanks
  | 'fenceRun' // a run of the fence's character after them
  | 'fenceTail' // after a run long enough to close the fence
  | 'fenceText' // the rest of a line of code
  | 'lost'; // gave up: everything is markdown

const MARKERS = '>+*-.)0123456789';

interface Fence {
  readonly char: string;
  readonly len: number;
  readonly indent: number;
}

/** Splits a markdown text, pushed in chunks, into code and markdown (see the rules above). */
export class MarkdownCode {
  private state: State = 'lineStart';
  private out: { text: string; code: boolean }[] = [];
  private lastChar = '';
  /** Columns of blanks at the start of the current line. */
  private indent = 0;
  /** The current line has only blanks so far. */
  private plain = true;
  private runChar = '';
  private runLen = 0;
  private fence?: Fence;
  /** The paragraph has a backtick run without its closer: no code spans until a blank line. */
  private tainted = false;
  /** Length of the open code span's opening run (0: none open). */
  private open = 0;
  /** Length of the backtick run being read in a line of text. */
  private backticks = 0;
  /**
   * The paragraph has a `*`, `_` or `~` outside code: marked (before v15) may end emphasis or a
   * strikethrough begun there at one inside a code span, and read the span's text as markdown.
   */
  private delimiters = false;
  /** Since a blank line, a line like a table's delimiter row: marked may read a fence as a table row. */
  private table = false;
  /** The current line has only `|`, `-`, `:` and blanks (with a `-`, a table's delimiter row). */
  private rowOnly = true;
  private rowDash = false;
  /** The backtick run being read follows a `~`: marked (before v15) reads `~~``` as text, no code span. */
  private afterTilde = false;
  /** The fence line's blanks hold a tab: marked does not close a fence there, CommonMark may. */
  private tabbed = false;
  /** The last characters of the current word outside code, lower case. */
  private word = '';
  /** The current word holds a URL's start: a renderer's autolink (marked's) may take its backticks. */
  private urlWord = false;
  /** Text held back while deciding (undefined: none). */
  private held: string | undefined;
  /** Characters read, counting any read twice: the work done, at most twice the text's length. */
  examined = 0;

  /** `inline`: the text goes on a line after other markdown (a list item's), so it opens no fence. */
  constructor(options: { inline?: boolean } = {}) {
    if (options.inline) {
      this.state = 'inline';
      this.plain = false;
    }
  }

  push(chunk: string): MarkdownPiece[] {
    for (let i = 0; i < chunk.length; i++) {
      this.feed(chunk[i]);
    }
    return this.take();
  }

  /** The rest, once the text is complete; a fence left open is closed, so nothing after it is code. */
  end(): MarkdownPiece[] {
    switch (this.state) {
      case 'lineRun':
        if (this.runLen >= 3) {
          this.openingLine('');
        } else {
          this.state = 'inline';
          if (this.runChar === '`') {
            this.runEnded(this.runLen);
          }
        }
        break;
      case 'lineInfo': {
        const info = this.held ?? '';
        this.held = undefined;
        this.openingLine(info);
        break;
      }
      case 'fenceRun':
      case 'fenceTail':
        if (this.state === 'fenceTail' || (this.fence && this.runLen >= this.fence.len)) {
          this.closingLine('');
        } else {
          this.fenceLine();
        }
        break;
      default:
        break;
    }
    if (this.state === 'inline') {
      if (this.backticks) {
        this.runEnded(this.backticks);
        this.backticks = 0;
      }
      this.segmentEnded();
    }
    if (this.fence && this.state !== 'lost') {
      const { char, len, indent } = this.fence;
      this.emit(`${'\n\r'.includes(this.lastChar) ? '' : '\n'}${' '.repeat(indent)}${char.repeat(len)}`, true);
      this.fence = undefined;
    }
    this.state = 'lineStart';
    return this.take();
  }

  private take(): MarkdownPiece[] {
    const out = this.out;
    this.out = [];
    return out;
  }

  private emit(text: string, code: boolean): void {
    if (!text) {
      return;
    }
    const last = this.out[this.out.length - 1];
    if (last && last.code === code) {
      last.text += text;
    } else {
      this.out.push({ text, code });
    }
    this.lastChar = text[text.length - 1];
  }

  /** Markdown, or into the held text while a code span is open. */
  private put(c: string): void {
    if (this.held === undefined) {
      this.emit(c, false);
    } else {
      this.held += c;
    }
  }

  private giveUp(): void {
    if (this.held !== undefined) {
      this.emit(this.held, false);
      this.held = undefined;
    }
    this.state = 'lost';
    this.fence = undefined;
  }

  private newParagraph(): void {
    this.tainted = false;
    this.delimiters = false;
    this.table = false;
  }

  private newLine(state: State): void {
    this.state = state;
    this.word = '';
    this.urlWord = false;
    this.tabbed = false;
    this.indent = 0;
    this.plain = true;
  }

  private blank(c: string): void {
    this.indent = c === '\t' ? this.indent + 4 - (this.indent % 4) : this.indent + 1;
  }

  private feed(char: string): void {
    this.examined++;
    // A line ends at \n, \r or \r\n (CommonMark): each is passed on as one \n.
    if (char === '\n' && this.lastChar === '\r') {
      this.lastChar = '\n';
      return;
    }
    const c = char === '\r' ? '\n' : char;
    this.dispatch(c);
    if (char === '\r') {
      this.lastChar = '\r';
    }
  }

  private dispatch(c: string): void {
    if (this.state === 'lineStart' || this.state === 'lineRun' || this.state === 'lineInfo' || this.state === 'inline') {
      this.row(c);
    }
    switch (this.state) {
      case 'lost':
        this.emit(c, false);
        return;
      case 'lineStart':
        return this.lineStart(c);
      case 'lineRun':
        return this.lineRun(c);
      case 'lineInfo':
        return this.lineInfo(c);
      case 'inline':
        return this.inline(c);
      case 'fenceStart':
        return this.fenceStart(c);
      case 'fenceRun':
        return this.fenceRun(c);
      case 'fenceTail':
        return this.fenceTail(c);
      case 'fenceInfo':
      case 'fenceText':
        // The rest of a fence's opening line, or of a line of code: code up to its end.
        this.emit(c, true);
        if (c === '\n') {
          this.newLine('fenceStart');
        }
        return;
    }
  }

  private row(c: string): void {
    if (c === '\n') {
      this.table ||= this.rowOnly && this.rowDash;
      this.rowOnly = true;
      this.rowDash = false;
    } else if (c === '-') {
      this.rowDash = true;
    } else if (!'|: \t'.includes(c)) {
      this.rowOnly = false;
    }
  }

  private lineStart(c: string): void {
    if (c === ' ' || c === '\t') {
      this.blank(c);
      this.emit(c, false);
    } else if (c === '\n') {
      if (this.plain) {
        this.newParagraph();
      }
      this.emit(c, false);
      this.newLine('lineStart');
    } else if (MARKERS.includes(c)) {
      this.plain = false;
      this.delimiters ||= c === '*';
      this.emit(c, false);
    } else if (c === '`' || c === '~') {
      this.state = 'lineRun';
      this.runChar = c;
      this.runLen = 1;
      this.emit(c, false);
    } else {
      this.state = 'inline';
      this.inline(c);
    }
  }

  private lineRun(c: string): void {
    if (c === this.runChar) {
      this.runLen++;
      this.emit(c, false);
      return;
    }
    if (this.runLen < 3) {
      this.state = 'inline';
      if (this.runChar === '`') {
        this.runEnded(this.runLen);
      } else {
        this.delimiters = true;
      }
      this.inline(c);
    } else {
      this.state = 'lineInfo';
      this.held = '';
      this.lineInfo(c);
    }
  }

  private lineInfo(c: string): void {
    if (c === '`' && this.runChar === '`') {
      // A backtick in the info string: no fence, the run opens a code span (or is literal).
      const info = this.held ?? '';
      this.held = undefined;
      this.state = 'inline';
      this.runEnded(this.runLen);
      for (let i = 0; i < info.length; i++) {
        this.examined++;
        this.inline(info[i]);
      }
      this.inline(c);
    } else if (c === '\n') {
      const info = this.held ?? '';
      this.held = undefined;
      this.openingLine(info);
      this.dispatch(c);
    } else {
      this.held = (this.held ?? '') + c;
      if (this.held.length > CODE_HOLD_CHARS) {
        this.giveUp();
      }
    }
  }

  /** A line begun by a fence's run (already passed on) and this info string, before its end. */
  private openingLine(info: string): void {
    // With a `|`, and a delimiter row next, some renderers (markdown-it) read a table's header.
    if (this.plain && this.indent <= 3 && !info.includes('|') && !this.table) {
      this.fence = { char: this.runChar, len: this.runLen, indent: this.indent };
      this.newParagraph();
      this.emit(info, true);
      this.state = 'fenceInfo';
    } else {
      this.emit(info, false);
      this.giveUp();
    }
  }

  private inline(c: string): void {
    if (c === '`') {
      if (!this.backticks) {
        this.afterTilde = this.held === undefined && this.lastChar === '~';
      }
      this.backticks++;
      this.put(c);
      this.holdAtMost();
      return;
    }
    if (this.backticks) {
      const run = this.backticks;
      this.backticks = 0;
      this.runEnded(run);
    }
    if (c === '\n' || c === '|') {
      this.segmentEnded();
      this.emit(c, false);
      if (c === '\n') {
        this.newLine('lineStart');
      }
      return;
    }
    if (this.held === undefined) {
      this.words(c);
    }
    this.put(c);
    this.holdAtMost();
  }

  /** Outside code: what a renderer may read differently around the next backtick run. */
  private words(c: string): void {
    if (c === '*' || c === '_' || c === '~') {
      this.delimiters = true;
    }
    if (c === ' ' || c === '\t') {
      this.word = '';
      this.urlWord = false;
    } else if (!this.urlWord) {
      this.word = (this.word + c.toLowerCase()).slice(-8);
      this.urlWord = /(?:https?|ftp):\/\/$|www\.$/.test(this.word);
    }
  }

  private holdAtMost(): void {
    if (this.held !== undefined && this.held.length > CODE_HOLD_CHARS) {
      // Too long to hold: the span goes on escaped (visible backslashes), its closer still awaited.
      this.emit(this.held, false);
      this.held = undefined;
    }
  }

  private runEnded(run: number): void {
    if (this.tainted) {
      return;
    }
    if (!this.open && (this.urlWord || this.afterTilde)) {
      this.tainted = true;
    } else if (!this.open) {
      this.open = run;
      this.held = '';
    } else if (run === this.open) {
      this.open = 0;
      if (this.held !== undefined && this.delimiters && /[*_~]/.test(this.held)) {
        // Emphasis or a strikethrough begun before it may end inside: not sure it is code.
        this.emit(this.held, false);
        this.held = undefined;
        this.tainted = true;
      } else if (this.held !== undefined) {
        this.emit(this.held, true);
        this.held = undefined;
      }
    }
  }

  /** A line or table cell ends: a span still open was literal backticks. */
  private segmentEnded(): void {
    if (this.open) {
      this.open = 0;
      this.tainted = true;
      if (this.held !== undefined) {
        this.emit(this.held, false);
        this.held = undefined;
      }
    }
  }

  private fenceStart(c: string): void {
    if (c === ' ' || c === '\t') {
      this.tabbed ||= c === '\t';
      this.blank(c);
      this.emit(c, true);
    } else if (c === '\n') {
      this.emit(c, true);
      this.newLine('fenceStart');
    } else if (c === this.fence?.char) {
      this.state = 'fenceRun';
      this.runLen = 1;
      this.emit(c, true);
    } else {
      this.fenceLine();
      this.dispatch(c);
    }
  }

  private fenceRun(c: string): void {
    if (c === this.fence?.char) {
      this.runLen++;
      this.emit(c, true);
    } else if (this.fence && this.runLen >= this.fence.len) {
      this.state = 'fenceTail';
      this.fenceTail(c);
    } else {
      this.fenceLine();
      this.dispatch(c);
    }
  }

  private fenceTail(c: string): void {
    if (c === ' ') {
      this.emit(c, true);
    } else if (c === '\t') {
      // CommonMark closes on "```\t", marked does not.
      this.giveUp();
      this.emit(c, false);
    } else if (c === '\n') {
      this.closingLine(c);
    } else if (c === '`' || c === '~') {
      // Some renderers close a fence on "```~": this scanner cannot tell.
      this.giveUp();
      this.emit(c, false);
    } else {
      this.fenceLine();
      this.dispatch(c);
    }
  }

  /** A line of code (not blank, not a closing fence): one indented less than the fence may end it. */
  private fenceLine(): void {
    if (this.fence && this.indent < this.fence.indent) {
      this.giveUp();
    } else {
      this.state = 'fenceText';
    }
  }

  /** A line of a long enough run of the fence's character and blanks, ended by `end` ('' at the end). */
  private closingLine(end: string): void {
    const fence = this.fence as Fence;
    if (this.indent >= fence.indent && this.indent <= 3 && !this.tabbed) {
      this.emit(end, true);
      this.fence = undefined;
      this.newParagraph();
      this.newLine('lineStart');
    } else if (this.indent <= fence.indent + 3) {
      // Closes the fence inside a list item, not at the top level (or the other way round).
      this.giveUp();
      this.emit(end, false);
    } else {
      this.emit(end, true);
      this.newLine('fenceStart');
    }
  }
}
