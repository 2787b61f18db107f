// The post-incident review: a Markdown file in the repository that people write and War Room keeps
// current. What War Room knows (milestones, timeline, causes, action items ...) sits between
// `<!-- warroom:begin NAME -->` and `<!-- warroom:end NAME -->`; re-drafting replaces only those
// blocks, so every word a person wrote stays as it was.

import { foldSuspectMarks } from '../correlation/suspectMarks';
import { Incident } from '../incident';
import { foldRunbookActivity, RunbookActivity, stepCounts } from '../runbooks/runbookEvents';
import { escapeControls } from '../text/controls';
import { count } from '../text/count';
import { headingOf } from '../text/headings';
import { cutSpans, trimBlanks } from '../text/strings';
import { formatDuration, formatUtc } from '../time';
import { isRefText, isWebUrl, recordedLater, TimelineRow, timelineRows } from '../timelineView';
import { actionItemsOf } from './actionItems';
import {
  DURATION_DEFINITIONS,
  DurationName,
  DURATIONS,
  durationsOf,
  DurationValue,
  MILESTONE_LABELS,
  MILESTONES,
  Milestones,
  milestonesOf,
  outOfOrderText,
} from './milestones';
import { appendAll } from '../arrays';

export const REVIEW_STATUSES = ['draft', 'in review', 'complete'] as const;
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];

/** The generated blocks, in the order they appear in a new draft. */
export const GENERATED_BLOCKS = ['impact', 'milestones', 'timeline', 'causes', 'detection', 'resolution', 'action-items', 'links'] as const;
export type GeneratedBlock = (typeof GENERATED_BLOCKS)[number];

/**
 * Blocks a language model drafted (Draft Review Sections with AI), in the section each belongs to.
 * A re-draft keeps them (only the AI command rewrites them), the blameless check reads them like a
 * person's text, and they count as nothing written until a person takes the draft as theirs by
 * deleting its two markers.
 */
export const AI_DRAFT_BLOCKS = ['ai-summary', 'ai-factors'] as const;
export type AiDraftBlock = (typeof AI_DRAFT_BLOCKS)[number];
export const AI_DRAFT_SECTIONS: Readonly<Record<AiDraftBlock, string>> = {
  'ai-summary': 'Summary',
  'ai-factors': 'Trigger and contributing factors',
};
const isAiDraftBlock = (name: string): name is AiDraftBlock => (AI_DRAFT_BLOCKS as readonly string[]).includes(name);

/** What an empty generated block says; the completeness check reads it as nothing written. */
export const NOTHING_YET = '_Nothing recorded yet._';

interface SectionSpec {
  readonly heading: string;
  /** `##` or, for the three under "Lessons learned", `###`. */
  readonly level: 2 | 3;
  readonly block?: GeneratedBlock;
  /** What the person is asked to write, as an HTML comment (invisible in the preview). */
  readonly prompt?: string;
  /** "Complete" is refused while this section says nothing. */
  readonly required: boolean;
}

/** The Google SRE postmortem template's sections, plus what a war room knows. */
export const REVIEW_SECTIONS: readonly SectionSpec[] = [
  { heading: 'Summary', level: 2, prompt: 'What happened, in two or three sentences a newcomer understands.', required: true },
  { heading: 'Impact', level: 2, block: 'impact', prompt: 'Customer impact: who was affected and how.', required: true },
  { heading: 'Milestones', level: 2, block: 'milestones', required: false },
  { heading: 'Timeline', level: 2, block: 'timeline', prompt: 'Context the timeline lacks.', required: false },
  {
    heading: 'Trigger and contributing factors',
    level: 2,
    block: 'causes',
    prompt: 'What triggered it, and which conditions let it become an incident. Systems and processes, not people.',
    required: true,
  },
  { heading: 'Detection', level: 2, block: 'detection', prompt: 'How we found out, and how we could find out sooner.', required: true },
  { heading: 'Resolution', level: 2, block: 'resolution', prompt: 'What stopped the impact, and what fixed it.', required: true },
  { heading: 'Five whys', level: 2, prompt: '1. Why ...? 2. Why ...? Follow the chain to a system or process.', required: true },
  { heading: 'Lessons learned', level: 2, required: false },
  { heading: 'What went well', level: 3, required: true },
  { heading: 'What went wrong', level: 3, required: true },
  { heading: 'Where we got lucky', level: 3, required: false },
  { heading: 'Action items', level: 2, block: 'action-items', required: true },
  { heading: 'Supporting links', level: 2, block: 'links', required: false },
];

export interface ReviewContext {
  /** The review file's folder relative to the repository root, `/`-separated (e.g. `docs/incidents`). */
  readonly reviewDir: string;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** Latin letters that have no ASCII letter inside them to keep (`ł` is no `l` with a mark to NFKD). */
const LATIN_LETTERS: Readonly<Record<string, string>> = {
  ł: 'l',
  ø: 'o',
  đ: 'd',
  ð: 'd',
  ħ: 'h',
  ı: 'i',
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  þ: 'th',
};

/**
 * `2026-11-22-checkout-returns-500.md`: the day impact started (UTC) and the title, in its own script
 * (`2026-11-22-決済が失敗.md`): a Latin letter is written in ASCII (`café` -> `cafe`, `łódź` ->
 * `lodz`), any other letter or digit is kept as written, and the rest separates words.
 * At most 60 characters and 120 bytes of title, so the name stays far under a file system's 255 bytes.
 */
export function reviewFileName(incident: Pick<Incident, 'startedAt' | 'title'>, suffix = 1): string {
  const d = new Date(incident.startedAt);
  const day = Number.isNaN(d.getTime()) ? 'undated' : `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  let words = '';
  for (const ch of incident.title.normalize('NFC').toLowerCase()) {
    const ascii = LATIN_LETTERS[ch] ?? ch.normalize('NFKD').replace(/\p{M}/gu, '');
    if (/^[a-z0-9]+$/.test(ascii)) {
      words += ascii;
    } else if (!/^\p{M}$/u.test(ch) || !/[a-z0-9]$/.test(words)) {
      words += ch; // a mark stays on its letter (Devanagari's vowel signs), not on an ASCII one (İ's dot)
    }
  }
  words = words.replace(/[^\p{L}\p{M}\p{N}]+/gu, '-').replace(/^-+/, '');
  // At most 60 characters and 120 bytes, cut between characters: a letter and the marks after it
  // (Devanagari's vowel signs) are one, kept or dropped together.
  const characters: string[] = [];
  for (const ch of words) {
    if (characters.length && /^\p{M}$/u.test(ch)) characters[characters.length - 1] += ch;
    else characters.push(ch);
  }
  let slug = '';
  let bytes = 0;
  for (const character of characters.slice(0, 60)) {
    bytes += UTF8.encode(character).length;
    if (bytes > 120) break;
    slug += character;
  }
  return `${day}-${slug.replace(/-+$/, '') || 'incident'}${suffix > 1 ? `-${suffix}` : ''}.md`;
}

const UTF8 = new TextEncoder();

const NEEDS_ESCAPE = /[\r\n\u2028\u2029\\`*_[\]|&<>]/;

// Text from events is a teammate's: in the file it must stay text. `<` could open a comment or a
// marker that breaks the next re-draft; `|` and line breaks would break a table row.
function cell(text: string): string {
  // Most text needs nothing: one scan instead of five replaces (a 2,000-event timeline has 8,000 cells).
  if (!NEEDS_ESCAPE.test(text)) {
    return text.trim();
  }
  return text
    .replace(/\r\n?|\n|\u2028|\u2029/g, ' ')
    .replace(/[\\`*_[\]|]/g, '\\$&')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .trim();
}

/** A link from the review's folder to a repository file (`../../src/db/pool.ts#L42`). */
export function repoLink(reviewDir: string, file: string, line?: number): string {
  const up = reviewDir
    .split('/')
    .filter((s) => s !== '' && s !== '.')
    .map(() => '..');
  const target = [...up, ...file.replace(/^\.?\//, '').split('/')].map(encodeURIComponent).join('/');
  return `${target}${line ? `#L${line}` : ''}`;
}

function fileLink(ctx: ReviewContext, file: string, line?: number): string {
  return `[${cell(file)}${line ? `:${line}` : ''}](${repoLink(ctx.reviewDir, file, line)})`;
}

/** A row's commit, file and page as links (its runbook is not a link in a review). */
function refsOf(row: TimelineRow, ctx: ReviewContext): string {
  const links: string[] = [];
  for (const ref of row.refs) {
    if (ref.kind === 'sha') {
      links.push(`\`${ref.sha.slice(0, 12)}\``);
    } else if (ref.kind === 'file') {
      links.push(fileLink(ctx, ref.file, ref.line));
    } else if (ref.kind === 'url') {
      links.push(`<${encodeURI(ref.url)}>`);
    }
  }
  return links.join(' ');
}

const dash = (s: string | undefined) => (s && s.trim() ? cell(s) : '-');
const table = (header: readonly string[], rows: readonly (readonly string[])[]): string[] => [
  `| ${header.join(' | ')} |`,
  `|${header.map(() => ' --- ').join('|')}|`,
  ...rows.map((r) => `| ${r.join(' | ')} |`),
];

const sinceStart = (ms: number): string => `${ms < 0 ? '-' : '+'}${formatDuration(Math.abs(ms))}`;

/** What several blocks read, folded once per draft. */
interface Facts {
  readonly milestones: Milestones;
  readonly durations: Readonly<Record<DurationName, DurationValue>>;
}

function factsOf(incident: Incident): Facts {
  const milestones = milestonesOf(incident);
  return { milestones, durations: durationsOf(milestones) };
}

type Renderer = (incident: Incident, ctx: ReviewContext, facts: Facts) => string[];

const RENDERERS: Readonly<Record<GeneratedBlock, Renderer>> = {
  impact(incident, _ctx, facts) {
    const { values } = facts.milestones;
    // Impact started to resolved, else to mitigated.
    const [end, span] = values.resolved ? ['resolved', facts.durations.timeToResolve] : ['mitigated', facts.durations.timeToMitigate];
    const severities = [
      ...new Set(
        incident.events
          .filter((e) => e.type === 'declared' || e.type === 'severity_changed')
          .map((e) => String((e as unknown as { severity: unknown }).severity)),
      ),
    ];
    return [
      `- **Duration:** ${
        'outOfOrder' in span
          ? `out of order: ${end} is before impact started (see the milestones)`
          : 'ms' in span
            ? `${formatDuration(span.ms)} (impact started to ${end})`
            : 'not over yet, or a milestone is missing'
      }`,
      `- **Severity:** ${incident.severity}${severities.length > 1 ? ` (was ${severities.slice(0, -1).join(', ')})` : ''}, priority ${incident.priority}`,
      `- **Services:** ${dash(incident.service)}`,
    ];
  },
  milestones(_incident, _ctx, facts) {
    const m = facts.milestones;
    const { durations } = facts;
    const label = (name: string) => MILESTONE_LABELS[name as keyof typeof MILESTONE_LABELS].toLowerCase();
    return [
      ...table(
        ['Milestone', 'Time (UTC)', 'Set by'],
        MILESTONES.map((name) => {
          const v = m.values[name];
          return [
            MILESTONE_LABELS[name],
            v ? formatUtc(v.at) : '_missing_',
            v ? `${cell(v.by || '?')} (${v.origin}${v.corrections ? `, corrected ${v.corrections}x` : ''})` : '-',
          ];
        }),
      ),
      '',
      ...table(
        ['Duration', 'Definition', 'Value'],
        DURATIONS.map((name) => {
          const def = DURATION_DEFINITIONS[name];
          const d = durations[name];
          const value =
            'outOfOrder' in d
              ? `_out of order: ${cell(outOfOrderText(d.outOfOrder))}_`
              : 'ms' in d
                ? formatDuration(d.ms)
                : `_missing: ${d.missing.map(label).join(', ')}_`;
          return [def.label, `${label(def.to)} - ${label(def.from)}`, value];
        }),
      ),
      ...(m.warnings.length ? ['', ...m.warnings.map((w) => `> **Warning:** ${cell(w.message)}`)] : []),
    ];
  },
  timeline(incident, ctx) {
    // The timeline panel's rows: in the order things happened, a correction's text in its row.
    const row = (r: TimelineRow) => {
      const later = recordedLater(r);
      return [
        `${formatUtc(r.ts)}${later ? ` (${later})` : ''}`,
        sinceStart(r.sinceStartMs),
        dash(r.author),
        cell(r.text),
        refsOf(r, ctx) || '-',
      ];
    };
    const shown = timelineRows(incident);
    const pinned = shown.filter((r) => r.pinned);
    const header = ['Time (UTC)', 'T', 'Who', 'What', 'Links'];
    return [
      '**Key moments** (pinned)',
      '',
      ...(pinned.length ? table(header, pinned.map(row)) : [NOTHING_YET]),
      '',
      `<details><summary>Every event (${shown.length})</summary>`,
      '',
      ...table(header, shown.map(row)),
      '',
      '</details>',
    ];
  },
  causes(incident) {
    const causes = [...foldSuspectMarks(incident.events).bySha.values()].filter((m) => m.verdict === 'cause');
    return causes.length
      ? causes.map(
          (c) =>
            `- Commit \`${c.sha.slice(0, 12)}\`${c.title ? ` (${cell(c.title)})` : ''} marked the cause by ${dash(c.by)} at ${formatUtc(c.at)}${c.note ? `: ${cell(c.note)}` : ''}`,
        )
      : [NOTHING_YET];
  },
  detection(incident, _ctx, facts) {
    const { values } = facts.milestones;
    const d = facts.durations;
    const alerts = incident.entries.filter((e) => e.kind === 'alert');
    return [
      `- **Detected:** ${values.detected ? formatUtc(values.detected.at) : '_missing_'}${'ms' in d.timeToDetect ? `, ${formatDuration(d.timeToDetect.ms)} after impact started` : ''}`,
      `- **Acknowledged:** ${values.acknowledged ? formatUtc(values.acknowledged.at) : '_missing_'}`,
      ...alerts.slice(0, 10).map((a) => `- Alert at ${formatUtc(a.ts)}: ${cell(a.text)}`),
    ];
  },
  resolution(incident, _ctx, facts) {
    const { values } = facts.milestones;
    return [
      `- **Mitigated:** ${values.mitigated ? formatUtc(values.mitigated.at) : '_missing_'}`,
      `- **Resolved:** ${values.resolved ? formatUtc(values.resolved.at) : '_missing_'}${incident.resolution ? `: ${cell(incident.resolution)}` : ''}`,
    ];
  },
  'action-items'(incident) {
    const { items } = actionItemsOf(incident);
    return items.length
      ? table(
          ['Id', 'Action', 'Type', 'Owner', 'Due', 'Priority', 'Status'],
          items.map((i) => [
            `\`${i.id}\``,
            cell(i.title),
            i.kind,
            dash(i.owner),
            i.due ?? '-',
            i.priority ?? '-',
            i.status === 'wont_do' ? "won't do" : i.status === 'done' && i.sha ? `done in \`${i.sha.slice(0, 12)}\`` : i.status,
          ]),
        )
      : [NOTHING_YET];
  },
  links(incident, ctx) {
    const activity = foldRunbookActivity(incident.events);
    const runbooks = activity.linked.map(
      (r) =>
        `- Runbook: ${r.file && isRefText(r.file) ? `[${cell(r.title ?? r.runbook)}](${repoLink(ctx.reviewDir, r.file)})` : cell(r.title ?? r.runbook)}${walked(activity, r.runbook)}`,
    );
    const urls = [...new Set(incident.events.map((e) => (e as unknown as Record<string, unknown>).url).filter(isWebUrl))].map(
      (u) => `- <${encodeURI(u)}>`,
    );
    return runbooks.length || urls.length ? [...runbooks, ...urls] : [NOTHING_YET];
  },
};

/** How far a runbook was walked, for the review: ": 3 steps done, 1 skipped; 2 commands run, 1 failed", or nothing. */
function walked(activity: RunbookActivity, runbook: string): string {
  const { done, skipped } = stepCounts(activity, runbook, [...(activity.steps.get(runbook)?.keys() ?? [])]);
  const runs = activity.commands.filter((c) => c.runbook === runbook);
  const failed = runs.filter((c) => c.exitCode !== undefined && c.exitCode !== 0).length;
  const stepText = [done ? `${count(done, 'step')} done` : '', skipped ? `${skipped} skipped` : ''].filter(Boolean).join(', ');
  const runText = runs.length ? `${count(runs.length, 'command')} run${failed ? `, ${failed} failed` : ''}` : '';
  const text = [stepText, runText].filter(Boolean).join('; ');
  return text ? `: ${text}` : '';
}

const begin = (name: string) => `<!-- warroom:begin ${name} -->`;
const end = (name: string) => `<!-- warroom:end ${name} -->`;

/**
 * A generated block. Titles, notes and names come from teammates and alerts: a control character in
 * them is written as its escape (`\u001b`), so `cat` or `git diff` of the review shows it rather than
 * obeying it (ESC ]52 writes the clipboard, a bidi override reorders what is read).
 */
function renderBlock(name: GeneratedBlock, incident: Incident, ctx: ReviewContext, facts: Facts): string {
  return escapeControls([begin(name), ...RENDERERS[name](incident, ctx, facts), end(name)].join('\n'));
}

/** A new review: front matter (incident, status), the sections, each with its generated block and prompt. */
export function renderReview(incident: Incident, ctx: ReviewContext): string {
  const facts = factsOf(incident);
  const lines = [
    '---',
    `incident: ${incident.id}`,
    'status: draft',
    '---',
    '',
    `# Post-incident review: ${cell(incident.title)}`,
    '',
    `${incident.severity} on ${dash(incident.service)}, ${formatUtc(incident.startedAt)}. Status is in the front matter: draft, in review or complete.`,
    '<!-- Blocks between warroom:begin and warroom:end are regenerated by Draft Post-Incident Review; write outside them. -->',
  ];
  for (const section of REVIEW_SECTIONS) {
    lines.push('', `${'#'.repeat(section.level)} ${section.heading}`, '');
    if (section.block) {
      lines.push(renderBlock(section.block, incident, ctx, facts), '');
    }
    if (section.prompt) {
      lines.push(`<!-- ${section.prompt} -->`, '');
    }
  }
  return `${escapeControls(lines.join('\n'))
    .replace(/\n{3,}/g, '\n\n')
    .trimEnd()}\n`;
}

export interface MergeResult {
  readonly text: string;
  /** Generated blocks found and refreshed. */
  readonly refreshed: readonly GeneratedBlock[];
  /** Markers that do not pair up: left as they are, said here. Lines are 1-based. */
  readonly problems: readonly { readonly line: number; readonly message: string }[];
}

const MARKER = /^[ \t]*<!--[ \t]*warroom:(begin|end)[ \t]+([a-z-]+)[ \t]*-->[ \t]*$/;

/**
 * A file's lines, each with the ending it had ('' for the last). One pasted CRLF paragraph in an LF
 * file must stay as it is, and the rest must not become CRLF: lines we write take the ending most of
 * the file's lines have (`eol`).
 */
interface FileLines {
  readonly lines: string[];
  readonly endings: string[];
  readonly eol: string;
}

function splitLines(text: string): FileLines {
  const lines: string[] = [];
  const endings: string[] = [];
  let crlf = 0;
  let start = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', start)) {
    const cr = i > start && text[i - 1] === '\r';
    lines.push(text.slice(start, cr ? i - 1 : i));
    endings.push(cr ? '\r\n' : '\n');
    crlf += cr ? 1 : 0;
    start = i + 1;
  }
  lines.push(text.slice(start));
  endings.push('');
  return { lines, endings, eol: crlf * 2 > endings.length - 1 ? '\r\n' : '\n' };
}

/**
 * The lines back into text. An ending of '' means a line we wrote: it takes the file's usual ending,
 * unless it is the last line (the file ends as it did). A line that was last and is no longer gets one too.
 */
function joinLines(lines: readonly string[], endings: readonly string[], eol: string): string {
  const parts: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    parts.push(lines[i], i === lines.length - 1 ? endings[i] : endings[i] || eol);
  }
  return parts.join('');
}

/**
 * Re-drafts an existing review: each well-formed generated block is replaced by a fresh render;
 * every other line (the human's) is kept byte for byte, line endings included. A block the person
 * deleted stays deleted; a marker without its pair is left alone and reported.
 */
export function mergeReview(existing: string, incident: Incident, ctx: ReviewContext): MergeResult {
  const facts = factsOf(incident);
  const { lines, endings, eol } = splitLines(existing);
  const out: string[] = [];
  const outEndings: string[] = [];
  const keep = (from: number, to: number) => {
    for (let k = from; k <= to; k++) {
      out.push(lines[k]);
      outEndings.push(endings[k]);
    }
  };
  const refreshed: GeneratedBlock[] = [];
  const problems: { line: number; message: string }[] = [];
  for (let i = 0; i < lines.length; i++) {
    const m = MARKER.exec(lines[i]);
    if (!m) {
      keep(i, i);
      continue;
    }
    const [, kind, name] = m;
    if (kind === 'end') {
      problems.push({ line: i + 1, message: `"warroom:end ${name}" has no begin above it; left as it is` });
      keep(i, i);
      continue;
    }
    if (!(GENERATED_BLOCKS as readonly string[]).includes(name) && !isAiDraftBlock(name)) {
      problems.push({ line: i + 1, message: `"${name}" is not a block War Room generates; left as it is` });
      keep(i, i);
      continue;
    }
    const close = closingLine(lines, i, name);
    if (close < 0) {
      problems.push({ line: i + 1, message: `"warroom:begin ${name}" has no matching end before the next marker; left as it is` });
      keep(i, i);
      continue;
    }
    if (isAiDraftBlock(name)) {
      // The incident cannot re-render a model's draft: it stays as it is.
      keep(i, close);
    } else {
      const block = renderBlock(name as GeneratedBlock, incident, ctx, facts).split('\n');
      appendAll(out, block);
      appendAll(
        outEndings,
        block.map(() => ''),
      );
      refreshed.push(name as GeneratedBlock);
    }
    i = close;
  }
  return { text: joinLines(out, outEndings, eol), refreshed, problems };
}

/** The line of the end marker that closes the block opened at `open`; -1 when another marker comes first. */
function closingLine(lines: readonly string[], open: number, name: string): number {
  for (let j = open + 1; j < lines.length; j++) {
    const n = MARKER.exec(lines[j]);
    if (n) {
      return n[1] === 'end' && n[2] === name ? j : -1;
    }
  }
  return -1;
}

export interface AiDraft {
  readonly block: AiDraftBlock;
  /** The model's answer, Markdown. */
  readonly text: string;
  /** The model's id, and when it drafted (ISO). */
  readonly model: string;
  readonly at: string;
}

// A model's text must not end the block early, open a comment that hides the end marker, or start
// a heading that splits the section: comments are escaped and headings become bold lines.
function draftLines(text: string): string[] {
  return escapeControls(text.replace(/\r\n?/g, '\n'))
    .replace(/<!--/g, '&lt;!--')
    .replace(/-->/g, '--&gt;')
    .trim()
    .split('\n')
    .map((l) => l.replace(/^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$/, '**$1**'));
}

/**
 * Puts a model's draft into its block: replaces the block's content when the review has it, else
 * adds the block at the end of its section (the section too, at the end, when the heading is gone).
 * Every line outside the block stays as it was, line endings included.
 */
export function placeAiDraft(existing: string, draft: AiDraft): string {
  const { lines, endings, eol } = splitLines(existing);
  const block = [
    begin(draft.block),
    `> **AI draft** by ${escapeControls(cell(draft.model))}, ${formatUtc(draft.at)}: check each claim against the timeline and edit it. It counts as written once you delete the two \`warroom\` markers around it.`,
    '',
    ...draftLines(draft.text),
    end(draft.block),
  ];
  const open = lines.findIndex((l) => MARKER.exec(l)?.slice(1, 3).join(' ') === `begin ${draft.block}`);
  const close = open >= 0 ? closingLine(lines, open, draft.block) : -1;
  if (close >= 0) {
    lines.splice(open, close - open + 1, ...block);
    endings.splice(open, close - open + 1, ...block.map(() => ''));
    return joinLines(lines, endings, eol);
  }
  const heading = AI_DRAFT_SECTIONS[draft.block].toLowerCase();
  const at = lines.findIndex((l) => /^##\s+(.*?)\s*#*\s*$/.exec(l)?.[1].toLowerCase() === heading);
  if (at < 0) {
    let kept = lines.length;
    while (kept > 0 && lines[kept - 1].trim() === '') {
      kept--;
    }
    const added = ['', `## ${AI_DRAFT_SECTIONS[draft.block]}`, '', ...block, ''];
    return joinLines([...lines.slice(0, kept), ...added], [...endings.slice(0, kept), ...added.map(() => '')], eol);
  }
  let next = lines.findIndex((l, i) => i > at && /^#{1,2}\s/.test(l));
  next = next < 0 ? lines.length : next;
  let insert = next;
  while (insert - 1 > at && lines[insert - 1].trim() === '') {
    insert--;
  }
  const added = ['', ...block, ...(insert === next ? [''] : [])];
  lines.splice(insert, 0, ...added);
  endings.splice(insert, 0, ...added.map(() => ''));
  return joinLines(lines, endings, eol);
}

/** The incident id in a review's front matter, if it has one (to tell one incident's file from another's). */
export function reviewIncidentId(text: string): string | undefined {
  return frontMatter(text).fields.get('incident');
}

export function reviewStatus(text: string): { readonly status?: ReviewStatus; readonly line?: number; readonly raw?: string } {
  const fm = frontMatter(text);
  const raw = fm.fields.get('status');
  if (raw === undefined) {
    return {};
  }
  const value = raw
    .replace(/^["']|["']$/g, '')
    .trim()
    .toLowerCase();
  const status = (REVIEW_STATUSES as readonly string[]).find(
    (s) => s === value || s.replace(' ', '-') === value || s.replace(' ', '_') === value,
  );
  return { ...(status ? { status: status as ReviewStatus } : {}), line: fm.lines.get('status'), raw };
}

function frontMatter(text: string): { fields: Map<string, string>; lines: Map<string, number> } {
  const fields = new Map<string, string>();
  const lines = new Map<string, number>();
  const all = text.split(/\r?\n/, 200);
  if (all[0]?.trim() !== '---') {
    return { fields, lines };
  }
  for (let i = 1; i < all.length && all[i].trim() !== '---'; i++) {
    const m = /^([A-Za-z_-]+):(.*)$/.exec(all[i]);
    if (m && !fields.has(m[1])) {
      fields.set(m[1], trimBlanks(m[2]));
      lines.set(m[1], i + 1);
    }
  }
  return { fields, lines };
}

export interface EmptySection {
  readonly heading: string;
  /** 1-based line of the heading, or of the front matter's status line when the heading is missing. */
  readonly line: number;
  readonly missing: boolean;
}

/**
 * The required sections that say nothing: no text outside comments, markers and NOTHING_YET (a
 * generated block alone counts as something only where it carries facts, like the action items).
 */
export function emptyRequiredSections(text: string): EmptySection[] {
  const lines = text.split(/\r?\n/);
  const headings: { level: number; title: string; line: number }[] = [];
  let fence = false;
  lines.forEach((l, i) => {
    if (/^\s*(```|~~~)/.test(l)) {
      fence = !fence;
    }
    // The runbook scanner's heading reader: linear, where a regex for "text, then a closing run of #s"
    // took minutes on a long heading of spaces in a teammate's review.
    const h = fence ? undefined : headingOf(l);
    if (h) {
      headings.push({ level: h.level, title: h.text.toLowerCase(), line: i });
    }
  });
  const statusLine = reviewStatus(text).line ?? 1;
  const empty: EmptySection[] = [];
  for (const spec of REVIEW_SECTIONS.filter((s) => s.required)) {
    const at = headings.findIndex((h) => h.title === spec.heading.toLowerCase());
    if (at < 0) {
      empty.push({ heading: spec.heading, line: statusLine, missing: true });
      continue;
    }
    const h = headings[at];
    const next = headings.slice(at + 1).find((n) => n.level <= h.level);
    const body = lines.slice(h.line + 1, next ? next.line : lines.length);
    if (!saysSomething(body, spec.block)) {
      empty.push({ heading: spec.heading, line: h.line + 1, missing: false });
    }
  }
  return empty;
}

// The generated blocks of Impact, Causes, Detection and Resolution are facts the tool knows, not the
// analysis the section asks for: only the action items' table counts as content by itself.
function saysSomething(body: readonly string[], block: GeneratedBlock | undefined): boolean {
  let text = body.join('\n');
  if (block && block !== 'action-items') {
    const from = text.indexOf(begin(block));
    const to = from < 0 ? -1 : text.indexOf(end(block), from);
    if (to >= 0) {
      text = text.slice(0, from) + text.slice(to + end(block).length);
    }
  }
  // A model's draft is not the review's word until a person takes it (deletes its markers).
  for (const draft of AI_DRAFT_BLOCKS) {
    const from = text.indexOf(begin(draft));
    const to = from < 0 ? -1 : text.indexOf(end(draft), from);
    if (to >= 0) {
      text = text.slice(0, from) + text.slice(to + end(draft).length);
    }
  }
  // indexOf, not a lazy regex: `<!--` repeated without `-->` made that one quadratic.
  text = cutSpans(text, '<!--', '-->').split(NOTHING_YET).join('');
  return text.trim().length > 0;
}

/**
 * Where the generated blocks are (0-based line ranges, markers included), so checks can leave them
 * out. A model's drafts are not among them: the blameless check reads those like a person's text.
 */
export function generatedRanges(text: string): { readonly start: number; readonly end: number }[] {
  const lines = text.split(/\r?\n/);
  const ranges: { start: number; end: number }[] = [];
  let open: { name: string; start: number } | undefined;
  lines.forEach((l, i) => {
    const m = MARKER.exec(l);
    if (!m) {
      return;
    }
    if (m[1] === 'begin') {
      open = { name: m[2], start: i };
    } else if (open && open.name === m[2]) {
      if (!isAiDraftBlock(open.name)) {
        ranges.push({ start: open.start, end: i });
      }
      open = undefined;
    }
  });
  return ranges;
}
