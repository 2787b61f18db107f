// Markdown runbooks as teams already write them, read into the runbook model: front matter,
// sections mapped to step kinds by their names, "Case 1 / Case 2" alternatives as a decide step with
// branches, code blocks and inline commands, and files holding many runbooks (`##### Alert Name:`).

import { commandsFromCodeBlock, commandsFromInline } from './codeCommands';
import { HeadingBlock, MarkdownBlock, scanMarkdown, ScannedMarkdown } from './markdownBlocks';
import {
  ParsedRunbookFile,
  Runbook,
  RunbookAlert,
  RunbookBranch,
  RunbookCommand,
  RunbookLink,
  RunbookProblem,
  RunbookStep,
  SourcePosition,
  StepKind,
} from './model';
import { movedNoticeOf } from './movedNotice';
import { referencesIn } from './references';
import { alternativeOf, isMeaningHeading, isSymptomsHeading, kindForHeading } from './sectionKinds';
import { fileStem, humanize, IdAllocator, plainInline, slugify } from './text';
import { appendAll } from '../arrays';

interface Section {
  readonly heading?: HeadingBlock;
  readonly body: MarkdownBlock[];
  parent: number;
}

interface Body {
  readonly text: string;
  readonly commands: readonly RunbookCommand[];
  readonly links: readonly RunbookLink[];
  readonly listItems: () => string[];
  readonly firstParagraph: () => string;
  /** Inline code spans of the text lines, in order; on demand like listItems (symptom sections). */
  readonly codeSpans: () => string[];
}

/**
 * One frozen empty list shared by every empty field (most steps have no branches, many no links or
 * commands): an index of thousands of runbooks then keeps tens of thousands fewer objects, which
 * the garbage collector would otherwise copy while the index is built. The model's lists are readonly.
 */
const NONE: readonly never[] = Object.freeze([]);

/** How much of a first paragraph is read: more than a description (500) or a symptom keeps. */
const PARAGRAPH_CHARS = 2_000;

const ALERT_NAME_HEADING = /^alert\s*name\s*:\s*(.+)$/i;
const DETAILS_LINE = /^\s*<\/?(details|summary)\b[^>]*>\s*$/i;
const RULE_LINE = /^\s*(-{3,}|\*{3,}|={3,})\s*$/;

export function parseMarkdownRunbooks(text: string, file: string): ParsedRunbookFile {
  const scanned = scanMarkdown(text);
  const problems: RunbookProblem[] = scanned.problems.map((p) => ({ file, ...p, severity: 'warning' }));
  // The pattern needs a `:`, which plainInline never adds: most headings skip it.
  const alertHeadings = scanned.blocks.filter(
    (b): b is HeadingBlock => b.type === 'heading' && b.text.includes(':') && ALERT_NAME_HEADING.test(plainInline(b.text)),
  );
  const runbooks = alertHeadings.length >= 2 ? perAlertRunbooks(scanned, file) : [withMovedNotice(singleRunbook(scanned, file), scanned)];
  for (const runbook of runbooks) {
    if (runbook.steps.length === 0 && !runbook.notice) {
      problems.push({
        file,
        ...runbook.position,
        message: `"${runbook.title}" has no steps: no section with text or commands was found`,
        severity: 'warning',
      });
    }
  }
  return { runbooks, problems, alertLinks: [] };
}

/** A page that only says where the runbook went carries that notice (see movedNotice.ts). */
function withMovedNotice(runbook: Runbook, scanned: ScannedMarkdown): Runbook {
  const notice = movedNoticeOf(scanned.blocks, runbook.file, scanned.linkDefinitions);
  return notice ? { ...runbook, notice } : runbook;
}

function sectionsOf(blocks: readonly MarkdownBlock[]): Section[] {
  const sections: Section[] = [{ body: [], parent: -1 }];
  for (const block of blocks) {
    if (block.type === 'heading') {
      let parent = sections.length - 1;
      while (parent > 0 && (sections[parent].heading?.level ?? 0) >= block.level) {
        parent = sections[parent].parent;
      }
      sections.push({ heading: block, body: [], parent: Math.max(parent, 0) });
    } else {
      sections[sections.length - 1].body.push(block);
    }
  }
  return sections;
}

function readBody(blocks: readonly MarkdownBlock[], defs: ReadonlyMap<string, string>): Body {
  const textLines: string[] = [];
  const commands: RunbookCommand[] = [];
  const spanLines: string[] = [];
  for (const block of blocks) {
    if (block.type === 'code') {
      const found = commandsFromCodeBlock({ lang: block.lang, lines: block.lines, firstLine: block.line + 1, column: block.column });
      if (found.length) {
        appendAll(commands, found);
      } else if (block.lines.some((l) => l.trim())) {
        textLines.push(block.fence);
        appendAll(textLines, block.lines);
        textLines.push(block.marker);
      }
    } else if (block.type === 'text') {
      // Most lines hold no `<`, rule or backtick: the cheap `includes` checks skip regexes that
      // cannot match (they were most of the parse time on a thousand files).
      const line = block.text;
      const hasTag = line.includes('<');
      const c0 = line.charCodeAt(0);
      // A rule starts with `-`, `*` or `=` after optional whitespace (ASCII or not).
      const maybeRule = c0 === 45 || c0 === 42 || c0 === 61 || c0 <= 32 || c0 > 126;
      if ((hasTag && DETAILS_LINE.test(line)) || (maybeRule && RULE_LINE.test(line))) {
        continue;
      }
      textLines.push(hasTag ? unwrapSummaries(line) : line);
      if (line.includes('`')) {
        const inline = commandsFromInline(line, block.line, 0);
        for (const c of inline) {
          commands.push(c);
        }
        spanLines.push(line);
      }
    }
  }
  while (textLines.length && !textLines[0].trim()) {
    textLines.shift();
  }
  while (textLines.length && !textLines[textLines.length - 1].trim()) {
    textLines.pop();
  }
  // A run of blank lines reads as one (`\n{3,}` -> `\n\n`). No line holds a `\n`, so the joined text
  // has three in a row only where two empty lines follow each other: cheaper to look for than to
  // search the text for.
  const joined = textLines.join('\n');
  const text = hasEmptyPair(textLines) ? joined.replace(/\n{3,}/g, '\n\n') : joined;
  // Only symptom and meaning sections need these: computed on demand, as most sections never ask.
  const listItems = () =>
    textLines
      .filter((l) => /^ {0,1}(?:[-*+]|\d+[.)])\s+/.test(l))
      .map((l) => plainInline(l.replace(/^\s*(?:[-*+]|\d+[.)])\s+(?:\[[ xX]\]\s+)?/, '')))
      .filter(Boolean);
  const firstParagraph = () => {
    const paragraph: string[] = [];
    let length = 0;
    for (const line of textLines) {
      if (!line.trim()) {
        if (paragraph.length) {
          break;
        }
        continue;
      }
      if (/^\s*(?:[-*+>|]|\d+[.)]|```)/.test(line) && paragraph.length === 0) {
        continue;
      }
      paragraph.push(line);
      length += line.length;
      if (length > PARAGRAPH_CHARS) {
        break; // descriptions keep 500 characters: a 500 KB paragraph need not be cleaned whole
      }
    }
    return plainInline(paragraph.join(' '));
  };
  const codeSpans = () => spanLines.flatMap((line) => [...line.matchAll(/`([^`]+)`/g)].map((m) => m[1]));
  return { text, commands: commands.length ? commands : NONE, links: linksIn(text, defs), listItems, firstParagraph, codeSpans };
}

/**
 * `<summary>x</summary>` -> `x`, as `/<summary>(.*?)<\/summary>/gi` did, with one forward scan:
 * the lazy pattern rescanned the rest of the line from every unclosed `<summary>`.
 */
function unwrapSummaries(line: string): string {
  if (!/<summary>/i.test(line)) {
    return line; // most lines with a `<` hold another tag, or a comparison
  }
  if (/[\n\r\u2028\u2029]/.test(line)) {
    // `.` never crossed a line terminator: each piece on its own, the terminators kept.
    return line
      .split(/([\n\r\u2028\u2029])/)
      .map((piece, n) => (n % 2 ? piece : unwrapSummaries(piece)))
      .join('');
  }
  const open = /<summary>/gi;
  const close = /<\/summary>/gi;
  let out = '';
  let last = 0;
  let end: RegExpExecArray | null = null;
  for (let m = open.exec(line); m; m = open.exec(line)) {
    if (!end || end.index < open.lastIndex) {
      // The first closing tag after this opening one; kept while later openings come before it.
      close.lastIndex = open.lastIndex;
      end = close.exec(line);
    }
    if (!end) {
      break; // no closing tag after this one: none after a later one either
    }
    out += line.slice(last, m.index) + line.slice(open.lastIndex, end.index);
    last = open.lastIndex = end.index + end[0].length;
  }
  return last === 0 ? line : out + line.slice(last);
}

/** True when two empty lines follow each other. */
function hasEmptyPair(lines: readonly string[]): boolean {
  for (let i = 1; i < lines.length; i++) {
    if (lines[i] === '' && lines[i - 1] === '') {
      return true;
    }
  }
  return false;
}

function linksIn(text: string, defs: ReadonlyMap<string, string>): readonly RunbookLink[] {
  const out: RunbookLink[] = [];
  const seen = new Set<string>();
  const add = (title: string, url: string) => {
    if (!url || url.startsWith('#') || seen.has(url)) {
      return;
    }
    seen.add(url);
    out.push({ title: plainInline(title) || url, url });
  };
  // Each pattern needs a literal (`](`, `]` with definitions, `://`): sections without one skip the scan.
  if (text.includes('](')) {
    // No class here matches `[` or `(`, so each attempt ends at the next one: `[x](` repeated, or
    // `[` alone, was rescanned to the end of the text from every bracket.
    for (const m of text.matchAll(/(!?)\[([^[\]]*)\]\(\s*<?([^()[\]\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)) {
      if (m[1] !== '!') {
        add(m[2], m[3]);
      }
    }
  }
  if (defs.size > 0 && text.includes(']')) {
    for (const m of text.matchAll(/\[([^[\]]+)\](?:\[([^[\]]*)\])?(?!\()/g)) {
      const url = defs.get((m[2] || m[1]).toLowerCase());
      if (url) {
        add(m[1], url);
      }
    }
  }
  if (text.includes('://')) {
    for (const m of text.matchAll(/(?<![(<"'=])\bhttps?:\/\/[^\s)<>\]"'`]+/g)) {
      add(m[0], m[0].replace(/[.,;:]+$/, ''));
    }
  }
  return out.length ? out : NONE;
}

// CamelCase with an upper-case letter after the first character. Written as `(?:[A-Z][A-Za-z0-9]*)+`
// it backtracked exponentially on a long name that fails at its last character (`aAAAA…A!`).
const ALERT_LIKE = /^[A-Za-z][a-z0-9]*[A-Z][A-Za-z0-9]*$/;

function isAlertName(text: string): boolean {
  return ALERT_LIKE.test(text) && (text.match(/[A-Z]/g)?.length ?? 0) >= 2 && text.length >= 6;
}

function stringsOf(value: unknown): string[] {
  if (typeof value === 'string') {
    return value
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
  }
  if (Array.isArray(value)) {
    return value
      .filter((v): v is string => typeof v === 'string')
      .map((s) => s.trim())
      .filter(Boolean);
  }
  return [];
}

function pos(block: { line: number; column?: number } | undefined): SourcePosition {
  return { line: block?.line ?? 1, column: block?.column ?? 1 };
}

function singleRunbook(scanned: ScannedMarkdown, file: string): Runbook {
  const fm = scanned.frontMatter?.data ?? {};
  const sections = sectionsOf(scanned.blocks);
  const titleIndex = titleSectionIndex(sections);
  const titleHeading = titleIndex > 0 ? sections[titleIndex].heading : undefined;
  const stem = fileStem(file);
  const title = (typeof fm.title === 'string' && fm.title.trim()) || (titleHeading && plainInline(titleHeading.text)) || humanize(stem);
  const read: ReadSection[] = sections.map((section, index) => {
    const body = readBody(section.body, scanned.linkDefinitions);
    return {
      section,
      plain: section.heading ? plainInline(section.heading.text) : '',
      body,
      // The preamble and the title's own text describe the runbook; they are a step only if they hold commands.
      introOnly: (index === 0 || index === titleIndex) && body.commands.length === 0,
    };
  });

  const alertNames = new Set<string>([...stringsOf(fm.alert), ...stringsOf(fm.alerts), ...stringsOf(fm.alertname)]);
  if (titleHeading && isAlertName(plainInline(titleHeading.text))) {
    alertNames.add(plainInline(titleHeading.text));
  }
  if (isAlertName(stem)) {
    alertNames.add(stem);
  }
  const symptoms = [...stringsOf(fm.symptoms), ...symptomsIn(read, alertNames)];
  const description = (typeof fm.description === 'string' ? fm.description : '') || descriptionIn(read, titleIndex);
  const ids = new IdAllocator();
  const finalSteps = insertCaseDecisions(stepsOf(read, titleIndex, ids), sections, ids);
  // appendAll, not flatMap: these run for every runbook, and flatMap's generic path costs more than the copying.
  const allLinks: RunbookLink[] = [];
  for (const r of read) {
    appendAll(allLinks, r.body.links);
  }
  const alerts: RunbookAlert[] = [...alertNames].map((name) => ({ name, matchers: NONE }));
  const commands: RunbookCommand[] = [];
  for (const step of finalSteps) {
    appendAll(commands, step.commands);
  }
  // Variables whose names do not say they are secret (`vault_root`, `pin`): masked, redacted, and
  // passed in the terminal's environment like a password or token.
  const secrets = stringsOf(fm.secrets);
  return {
    id: (typeof fm.id === 'string' && fm.id.trim()) || slugify(stem),
    title,
    format: 'markdown',
    file,
    description: description.slice(0, 500),
    services: [...stringsOf(fm.service), ...stringsOf(fm.services)],
    alerts,
    symptoms: symptoms.slice(0, 20),
    steps: finalSteps,
    links: dedupeLinks(allLinks),
    references: referencesIn(file, allLinks, commands, stringsOf(fm.references)),
    position: pos(titleHeading ?? sections[1]?.heading),
    ...(secrets.length ? { secrets } : {}),
  };
}

/** A section with its heading as plain text and its body read once. */
interface ReadSection {
  readonly section: Section;
  readonly plain: string;
  readonly body: Body;
  /** The preamble or the title's section without commands: description, never a step. */
  readonly introOnly: boolean;
}

/** The runbook's title section: the one H1, or the first heading when no H1 and only blank text before it; -1 if none. */
function titleSectionIndex(sections: readonly Section[]): number {
  const h1 = sections.filter((s) => s.heading?.level === 1);
  if (h1.length === 1) {
    return sections.indexOf(h1[0]);
  }
  if (h1.length === 0 && sections.length > 1 && !sections[0].body.some((b) => b.type !== 'text' || b.text.trim())) {
    return 1;
  }
  return -1;
}

/** The first paragraph of the preamble, the title's section or a "what this means" section, whichever comes first. */
function descriptionIn(read: readonly ReadSection[], titleIndex: number): string {
  for (const [index, { section, plain, body }] of read.entries()) {
    if (index === 0 || index === titleIndex || (section.heading && isMeaningHeading(plain))) {
      const paragraph = body.firstParagraph();
      if (paragraph) {
        return paragraph;
      }
    }
  }
  return '';
}

/** The items (or first paragraph) of "Symptoms" sections; alert-like code spans in them go to `alertNames`. */
function symptomsIn(read: readonly ReadSection[], alertNames: Set<string>): string[] {
  const symptoms: string[] = [];
  for (const { section, plain, body, introOnly } of read) {
    if (introOnly || !section.heading || !isSymptomsHeading(plain)) {
      continue;
    }
    const items = body.listItems();
    const paragraph = items.length ? '' : body.firstParagraph();
    appendAll(symptoms, items.length ? items : paragraph ? [paragraph] : []);
    for (const span of body.codeSpans()) {
      if (isAlertName(span)) {
        alertNames.add(span);
      }
    }
  }
  return symptoms;
}

/** A step, and the index of the "Case N" section it belongs to (beside it, so the step is final as made). */
interface CaseStep {
  readonly step: RunbookStep;
  readonly caseOf: number | undefined;
}

/**
 * A step per section with text or commands. Its kind comes from its heading or, failing that, its
 * parent's; a section under a "Case N" heading belongs to that case (`caseOf`, its index).
 */
function stepsOf(read: readonly ReadSection[], titleIndex: number, ids: IdAllocator): CaseStep[] {
  const steps: CaseStep[] = [];
  const kinds: (StepKind | undefined)[] = [];
  const caseOf: (number | undefined)[] = [];
  for (const [index, { section, plain, body, introOnly }] of read.entries()) {
    const heading = section.heading;
    const alternative = heading ? alternativeOf(plain) : undefined;
    const own = heading && index !== titleIndex && !alternative ? kindForHeading(plain) : undefined;
    kinds[index] = own ?? (section.parent >= 0 && section.parent !== titleIndex ? kinds[section.parent] : undefined);
    caseOf[index] = alternative ? index : section.parent >= 0 ? caseOf[section.parent] : undefined;
    if (introOnly || (!body.text.trim() && body.commands.length === 0)) {
      continue;
    }
    const caseIndex = caseOf[index];
    const caseHeading = caseIndex !== undefined ? read[caseIndex].plain : '';
    const caseLabel = caseIndex !== undefined ? alternativeOf(caseHeading)?.label : undefined;
    const stepTitle = heading && index !== titleIndex ? plain || 'Section' : 'Overview';
    const step: RunbookStep = {
      id: ids.take(slugify(caseLabel && caseIndex !== index ? `${caseLabel} ${stepTitle}` : stepTitle)),
      kind: kinds[index] ?? 'diagnose',
      title: stepTitle,
      text: body.text,
      commands: body.commands,
      branches: NONE,
      links: body.links,
      ...(caseLabel ? { alternative: caseHeading } : {}),
      position: pos(heading ?? section.body[0]),
    };
    steps.push({ step, caseOf: caseIndex });
  }
  return steps;
}

/** Before the first of a group of "Case N" sections, a decide step whose branches go to each case. */
function insertCaseDecisions(steps: readonly CaseStep[], sections: readonly Section[], ids: IdAllocator): RunbookStep[] {
  const out: RunbookStep[] = [];
  const groupsDone = new Set<number>();
  for (const { step, caseOf: caseIndex } of steps) {
    if (caseIndex !== undefined) {
      const parent = sections[caseIndex].parent;
      if (!groupsDone.has(parent)) {
        groupsDone.add(parent);
        const caseIndexes = sections
          .map((s, i) => ({ s, i }))
          .filter(({ s, i }) => s.parent === parent && s.heading && alternativeOf(plainInline(s.heading.text)) && i >= 0)
          .map(({ i }) => i);
        const branches: RunbookBranch[] = [];
        for (const c of caseIndexes) {
          const first = steps.find((s) => s.caseOf === c);
          const alt = alternativeOf(plainInline(sections[c].heading?.text ?? ''));
          if (first && alt) {
            branches.push({ if: `${alt.label}: ${alt.condition}`, goto: first.step.id });
          }
        }
        if (branches.length >= 2) {
          const at = sections[caseIndexes[0]].heading;
          out.push({
            id: ids.take('which-case'),
            kind: 'decide',
            title: 'Which case applies?',
            text: branches.map((b) => `- ${b.if}`).join('\n'),
            commands: NONE,
            branches,
            links: NONE,
            position: pos(at),
          });
        }
      }
    }
    out.push(step);
  }
  return out;
}

function dedupeLinks(links: readonly RunbookLink[]): RunbookLink[] {
  const seen = new Set<string>();
  return links.filter((l) => (seen.has(l.url) ? false : (seen.add(l.url), true)));
}

/** GitHub's heading anchor: lower case, punctuation dropped, spaces to dashes. */
export function githubAnchor(heading: string): string {
  return plainInline(heading)
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .trim()
    .replace(/\s/g, '-');
}

/** One runbook per `Alert Name:` section (kubernetes-mixin's runbook.md shape). */
function perAlertRunbooks(scanned: ScannedMarkdown, file: string): Runbook[] {
  const sections = sectionsOf(scanned.blocks);
  const out: Runbook[] = [];
  const ids = new IdAllocator();
  let group = '';
  for (const section of sections) {
    const heading = section.heading;
    if (!heading) {
      continue;
    }
    const plain = plainInline(heading.text);
    const groupMatch = /^group\s*name\s*:\s*(.+)$/i.exec(plain);
    if (groupMatch) {
      group = groupMatch[1].replace(/^["']|["']$/g, '').trim();
      continue;
    }
    const alertMatch = ALERT_NAME_HEADING.exec(plain);
    if (!alertMatch) {
      continue;
    }
    const name = alertMatch[1].replace(/^["'`]|["'`]$/g, '').trim();
    const fields = new Map<string, { value: string; line: number }>();
    const other: string[] = [];
    for (const block of section.body) {
      if (block.type !== 'text') {
        continue;
      }
      const field = /^\s*[-+*]\s*\*{1,2}([^*]+)\*{1,2}\s*:([^]*)$/.exec(block.text);
      if (field) {
        fields.set(field[1].trim().toLowerCase(), { value: field[2].trim(), line: block.line });
      } else if (block.text.trim()) {
        other.push(block.text);
      }
    }
    const message = plainInline(fields.get('message')?.value ?? '');
    const severity = plainInline(fields.get('severity')?.value ?? '');
    const runbookField = fields.get('runbook');
    const links = runbookField
      ? linksIn(runbookField.value, scanned.linkDefinitions).map((l) => ({ ...l, title: `${name} runbook` }))
      : NONE;
    const steps: RunbookStep[] = [
      {
        id: 'meaning',
        kind: 'diagnose',
        title: `What ${name} means`,
        text: [message, severity && `Severity: ${severity}`, group && `Group: ${group}`, ...other].filter(Boolean).join('\n\n'),
        commands: NONE,
        branches: NONE,
        links: NONE,
        position: pos(heading),
      },
    ];
    if (links.length) {
      steps.push({
        id: 'follow-runbook',
        kind: 'diagnose',
        title: 'Follow the linked runbook',
        text: `Open the ${name} runbook for diagnosis and mitigation steps.`,
        commands: NONE,
        branches: NONE,
        links,
        position: { line: runbookField?.line ?? heading.line, column: 1 },
      });
    }
    out.push({
      id: ids.take(slugify(name)),
      title: name,
      format: 'markdown',
      file,
      anchor: githubAnchor(heading.text),
      description: message,
      services: NONE,
      alerts: [{ name, matchers: NONE }],
      symptoms: message ? [message] : NONE,
      steps,
      links,
      references: NONE,
      position: pos(heading),
    });
  }
  return out;
}
