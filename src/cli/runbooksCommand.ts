// `warroom runbooks list|lint|show|match`: the runbook index over a folder, from a terminal or CI.

import { promises as fsp } from 'node:fs';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { RunbookIndex } from '../adapters/runbooks/runbookIndex';
import { destructiveReason } from '../core/runbooks/destructive';
import { matchRunbooks } from '../core/runbooks/match';
import { Runbook, RunbookProblem } from '../core/runbooks/model';
import { parseRunbookFile } from '../core/runbooks/runbookFile';
import { flag, ParsedArgs, stringOption, UsageError } from './args';
import { CliCommand, CliIo } from './command';
import { count } from '../core/text/count';

const USAGE = [
  'runbooks list [--json] [--root D] [--globs "a/**,b/**"]',
  'runbooks lint [--root D] [--globs "a/**,b/**"]',
  'runbooks show <file> [--json] [--root D]',
  'runbooks match (--alert A | --service S | --text T) [--runbook-url U] [--limit 10] [--json] [--root D] [--globs "a/**,b/**"]',
];

/** The folder to read: `--root` must name one, or `lint` in CI would pass on a mistyped path. */
function rootOf(args: ParsedArgs, io: CliIo): string {
  const root = path.resolve(io.cwd, stringOption(args, 'root') ?? '.');
  if (!fs.statSync(root, { throwIfNoEntry: false })?.isDirectory()) {
    throw new UsageError(`--root ${stringOption(args, 'root') ?? '.'}: no such folder (${root})`);
  }
  return root;
}

async function loadIndex(args: ParsedArgs, io: CliIo): Promise<RunbookIndex> {
  const globs = stringOption(args, 'globs')
    ?.split(',')
    .map((g) => g.trim())
    .filter(Boolean);
  // The CLI parses in its own thread: a slow file delays only this command, and Ctrl+C stops it.
  const index = new RunbookIndex(rootOf(args, io), globs?.length ? globs : undefined, { worker: false });
  await index.refresh();
  return index;
}

function problemLine(p: RunbookProblem): string {
  return `${p.file}:${p.line}:${p.column}: ${p.severity}: ${p.message}`;
}

/** What `show --json` and `match --json` print for a runbook: the parsed model, positions included. */
function runbookJson(runbook: Runbook) {
  return {
    id: runbook.id,
    title: runbook.title,
    file: runbook.file,
    ...(runbook.anchor ? { anchor: runbook.anchor } : {}),
    format: runbook.format,
    description: runbook.description,
    services: runbook.services,
    alerts: runbook.alerts,
    symptoms: runbook.symptoms,
    links: runbook.links,
    references: runbook.references,
    position: runbook.position,
    ...(runbook.variables?.length ? { variables: runbook.variables } : {}),
    ...(runbook.notice ? { notice: runbook.notice } : {}),
    steps: runbook.steps.map((s) => ({
      id: s.id,
      kind: s.kind,
      title: s.title,
      text: s.text,
      commands: s.commands.map((c) => {
        // Read as its own language: a shell reading of SQL finds `rm` in a `--` comment.
        const destructive = destructiveReason(c.run, c.lang);
        return { ...c, ...(destructive ? { destructive } : {}) };
      }),
      branches: s.branches,
      links: s.links,
      ...(s.alternative ? { alternative: s.alternative } : {}),
      position: s.position,
    })),
  };
}

function showText(runbook: Runbook): string {
  const lines = [`${runbook.title}  (${runbook.file}:${runbook.position.line}, id ${runbook.id})`];
  if (runbook.services.length) lines.push(`services: ${runbook.services.join(', ')}`);
  if (runbook.alerts.length) lines.push(`alerts: ${runbook.alerts.map((a) => a.name || '(by labels)').join(', ')}`);
  if (runbook.notice) lines.push(`moved: ${runbook.notice.text} -> ${runbook.notice.target ?? runbook.notice.link.url}`);
  for (const v of runbook.variables ?? []) {
    const about = [
      v.required ? 'required' : '',
      v.secret ? 'secret' : '',
      v.default !== undefined && !v.secret ? `default ${JSON.stringify(v.default)}` : '',
    ].filter(Boolean);
    lines.push(`variable ${v.name}${about.length ? ` (${about.join(', ')})` : ''}${v.description ? `: ${v.description}` : ''}`);
  }
  runbook.steps.forEach((s, i) => {
    lines.push('', `${i + 1}. [${s.kind}] ${s.title}${s.alternative ? `  (${s.alternative})` : ''}  :${s.position.line}`);
    for (const c of s.commands) {
      const danger = destructiveReason(c.run, c.lang);
      lines.push(
        `     $ ${c.run.split('\n').join('\n       ')}${c.lang !== 'shell' ? `   [${c.lang}]` : ''}${danger ? `   !! ${danger}` : ''}`,
      );
    }
    for (const b of s.branches) lines.push(`     -> if ${b.if}: go to ${b.goto}`);
  });
  return lines.join('\n');
}

async function list(args: ParsedArgs, io: CliIo): Promise<number> {
  const index = await loadIndex(args, io);
  const runbooks = index.runbooks;
  if (flag(args, 'json')) {
    io.out(
      JSON.stringify(
        runbooks.map((r) => ({
          id: r.id,
          title: r.title,
          file: r.file,
          line: r.position.line,
          steps: r.steps.length,
          services: r.services,
          alerts: r.alerts.map((a) => a.name),
        })),
        null,
        2,
      ),
    );
  } else if (runbooks.length === 0) {
    io.out(`No runbooks under ${index.root} (globs: ${index.globs.join(', ')}).`);
  } else {
    for (const r of runbooks) {
      io.out(
        `${`${r.file}:${r.position.line}`.padEnd(48)} ${r.title}  (${count(r.steps.length, 'step')}${r.services.length ? `, ${r.services.join(', ')}` : ''})`,
      );
    }
  }
  const broken = index.problems.filter((p) => p.severity === 'error').length;
  if (broken) {
    io.err(`${count(broken, 'problem')}; run "warroom runbooks lint" for details`);
  }
  return 0;
}

async function lint(args: ParsedArgs, io: CliIo): Promise<number> {
  const index = await loadIndex(args, io);
  const problems = index.problems;
  for (const p of problems) {
    io.out(problemLine(p));
  }
  const errors = problems.filter((p) => p.severity === 'error').length;
  io.err(
    `${count(index.files.length, 'file')}, ${count(index.runbooks.length, 'runbook')}, ${count(errors, 'error')}, ${count(problems.length - errors, 'warning')}`,
  );
  return errors ? 1 : 0;
}

async function show(args: ParsedArgs, io: CliIo): Promise<number> {
  const file = args.positionals[1];
  const absolute = path.resolve(io.cwd, file);
  const text = await fsp.readFile(absolute, 'utf8');
  const relative = path.relative(rootOf(args, io), absolute).split(path.sep).join('/');
  const parsed = parseRunbookFile(relative.startsWith('..') ? file : relative, text);
  for (const p of parsed.problems) {
    io.err(problemLine(p));
  }
  if (flag(args, 'json')) {
    io.out(JSON.stringify(parsed.runbooks.map(runbookJson), null, 2));
  } else {
    io.out(parsed.runbooks.map(showText).join('\n\n' + '-'.repeat(60) + '\n\n') || 'No runbook in this file.');
  }
  return parsed.problems.some((p) => p.severity === 'error') ? 1 : 0;
}

/** `--limit N`: how many matches to print, a whole number from 1. */
function limitOf(args: ParsedArgs): number {
  const text = stringOption(args, 'limit') ?? '10';
  if (!/^[1-9]\d{0,3}$/.test(text)) {
    throw new UsageError(`--limit "${text}": a whole number of matches, 1 or more`);
  }
  return Number(text);
}

async function match(args: ParsedArgs, io: CliIo): Promise<number> {
  const alert = stringOption(args, 'alert');
  const service = stringOption(args, 'service');
  const text = stringOption(args, 'text');
  // The link is the alert's runbook_url annotation: with no alert to carry it, it was dropped unread.
  if (stringOption(args, 'runbook-url') !== undefined && !alert) {
    throw new UsageError('--runbook-url is the runbook_url of the alert --alert names: give --alert too');
  }
  const index = await loadIndex(args, io);
  const runbookUrl = stringOption(args, 'runbook-url');
  const matches = matchRunbooks(
    { service, text, alerts: alert ? [{ name: alert, annotations: runbookUrl ? { runbook_url: runbookUrl } : {} }] : [] },
    index.runbooks,
    { alertLinks: index.alertLinks, limit: limitOf(args) },
  );
  if (flag(args, 'json')) {
    io.out(
      JSON.stringify(
        matches.map((m) => ({
          score: m.score,
          reasons: m.reasons,
          id: m.runbook.id,
          title: m.runbook.title,
          file: m.runbook.file,
          line: m.runbook.position.line,
        })),
        null,
        2,
      ),
    );
    return 0;
  }
  if (matches.length === 0) {
    io.out('No matching runbook.');
    return 0;
  }
  for (const m of matches) {
    io.out(`${String(m.score).padStart(4)}  ${m.runbook.title}  (${m.runbook.file}:${m.runbook.position.line})`);
    for (const reason of m.reasons) io.out(`        - ${reason}`);
  }
  return 0;
}

export const runbooksCommand: CliCommand = {
  name: 'runbooks',
  usage: USAGE,
  summary: 'list, check, show and match runbooks in this folder',
  async run(args, io) {
    switch (args.positionals[0]) {
      case 'list':
        return list(args, io);
      case 'lint':
        return lint(args, io);
      case 'show':
        return show(args, io);
      default:
        // `match`: the parser has refused any other word (usage lines).
        return match(args, io);
    }
  },
};
