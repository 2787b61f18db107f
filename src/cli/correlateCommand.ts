// `warroom correlate`: the suspect deploys and commits before an incident's start, ranked, with
// the reasons for every score. The same adapter the extension uses.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { findSuspects, SuspectsResult } from '../adapters/git';
import { branchCommits, RankedChange, RankedCommit, Reason } from '../core/correlation';
import { evidenceText, incidentText, recordedDeploys } from '../core/correlation/evidenceEvents';
import { formatDuration, parseDuration } from '../core/time';
import { flag, ParsedArgs, stringOption, UsageError } from './args';
import { CliCommand, readTime, repoOf } from './command';
import { findIncident } from './incidentCommands';
import { count } from '../core/text/count';

/** `zero`: whether 0 is an answer (`--after 0m`: nothing after the start counts); a window needs length. */
function durationOption(args: ParsedArgs, name: string, zero: 'zero allowed' | 'positive'): number | undefined {
  const text = stringOption(args, name);
  if (text === undefined) {
    return undefined;
  }
  const ms = text.trim() === '0' ? 0 : parseDuration(text);
  if (ms === undefined) {
    throw new UsageError(`--${name} "${text}" is not a duration (try 24h, 90m, 2d${zero === 'zero allowed' ? ', 0m' : ''})`);
  }
  if (ms <= 0 && zero === 'positive') {
    throw new UsageError(`--${name} "${text}" must be longer than zero (try 24h, 90m, 2d)`);
  }
  return ms;
}

const list = (text: string | undefined) =>
  (text ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

/** `         +12.5  changes 40 lines in 2 files`, the same for deploys, changes and commits. */
function reasonLine(r: Reason, indent = ''): string {
  return `${indent}         ${r.points > 0 ? '+' : ''}${r.points}  ${r.text}`;
}

function commitLine(c: RankedCommit, indent: string): string[] {
  return [
    `${indent}${String(c.score).padStart(5)}  ${c.shortSha}  ${c.subject}  (${c.author})${c.futureDated ? '  [dated in the future]' : ''}`,
    ...c.reasons.filter((r) => r.points !== 0 || r.factor === 'future-dated').map((r) => reasonLine(r, indent)),
    `${indent}         revert: ${c.revertCommand}`,
  ];
}

/** A pull request's header, its reasons and what reverts it; a commit that came alone prints as a commit. */
function changeLines(c: RankedChange): string[] {
  if (c.kind === 'commit') {
    return commitLine(c.commits[0], '');
  }
  const label = c.pullRequest ? `pull request ${c.pullRequest}` : 'merge';
  return [
    `${String(c.score).padStart(5)}  ${c.shortSha}  ${c.title}  (${label}, ${branchCommits(c)})`,
    ...c.reasons.filter((r) => r.points !== 0 || r.factor === 'commits').map((r) => reasonLine(r)),
    `         revert: ${c.revertCommand}`,
  ];
}

function asText(result: SuspectsResult, top: number): string {
  const lines = [
    `Deploys from ${result.window.from} to ${result.window.to} (incident began ${result.window.startedAt}), branch ${result.repo.defaultBranch}`,
    ...result.warnings.map((w) => `warning: ${w}`),
  ];
  if (result.emptyMessage) {
    lines.push(result.emptyMessage);
  }
  lines.push('', 'Suspect deploys:');
  for (const d of result.ranking.deploys) {
    const delta = Date.parse(result.window.startedAt) - Date.parse(d.deploy.at);
    lines.push(
      `${String(d.score).padStart(5)}  ${d.deploy.name}  ${d.deploy.kind}  ${d.deploy.environment}  ${d.deploy.sha.slice(0, 7)}  ${d.deploy.at} (${delta >= 0 ? `${formatDuration(delta)} before` : `${formatDuration(-delta)} after`})  ${count(d.deploy.commits.length, 'commit')}`,
      ...d.reasons.map((r) => reasonLine(r)),
    );
  }
  lines.push('', 'Suspect changes (as merged: a pull request with its commits, or a commit that came alone):');
  for (const c of result.ranking.changes.slice(0, top)) {
    lines.push(...changeLines(c));
  }
  if (result.ranking.changes.length > top) {
    lines.push(`  ... ${result.ranking.changes.length - top} more (--top N or --json)`);
  }
  lines.push('', 'Suspect commits:');
  for (const c of result.ranking.commits.slice(0, top)) {
    lines.push(...commitLine(c, ''));
  }
  if (result.ranking.commits.length > top) {
    lines.push(`  ... ${result.ranking.commits.length - top} more (--top N or --json)`);
  }
  return lines.join('\n');
}

function asJson(result: SuspectsResult): unknown {
  return {
    window: result.window,
    repo: result.repo,
    warnings: result.warnings,
    ...(result.emptyMessage ? { message: result.emptyMessage } : {}),
    deploys: result.ranking.deploys.map((d) => ({
      ...d.deploy,
      score: d.score,
      reasons: d.reasons,
      commits: d.commits.map((c) => ({ sha: c.sha, score: c.score })),
    })),
    changes: result.ranking.changes.map((c) => ({
      sha: c.sha,
      kind: c.kind,
      ...(c.pullRequest ? { pullRequest: c.pullRequest } : {}),
      subject: c.subject,
      title: c.title,
      score: c.score,
      reasons: c.reasons,
      revertCommand: c.revertCommand,
      commits: c.commits.map((m) => ({ sha: m.sha, score: m.score })),
    })),
    commits: result.ranking.commits,
  };
}

export const correlateCommand: CliCommand = {
  name: 'correlate',
  usage:
    'correlate [--repo DIR] (--at <time> | --incident <id>) [--window 24h] [--after 1h] [--service s] [--paths glob,glob] [--evidence file] [--title text] [--deploy-log file] [--release-tags v*] [--deploy-tags deploy/*,prod-*] [--branch B] [--top N] [--json] [--dir D]',
  summary: 'suspect deploys and commits before an incident began, ranked with reasons',
  async run(args, io) {
    // An incident of the data dir gives what the editor's correlation takes from it: when it began,
    // its title and alerts, its evidence, its service, and the deploys recorded on its timeline.
    const incidentId = stringOption(args, 'incident');
    const incident = incidentId ? (await findIncident(args, io, incidentId)).incident : undefined;
    // The parser has asked for --at or --incident (the usage line needs one), and a declared
    // incident always has its start.
    const atText = (stringOption(args, 'at') ?? incident?.startedAt) as string;
    const now = new Date();
    const at = readTime(atText, now, io, '--at');
    const repo = repoOf(args, io);
    const evidenceFile = stringOption(args, 'evidence');
    let evidence = incident && evidenceText(incident.events);
    if (evidenceFile) {
      const file = path.resolve(io.cwd, evidenceFile);
      try {
        evidence = [evidence, fs.readFileSync(file, 'utf8')].filter(Boolean).join('\n');
      } catch (error) {
        throw new Error(`cannot read the evidence file ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`, {
          cause: error,
        });
      }
    }
    const topText = stringOption(args, 'top');
    const top = topText === undefined ? 10 : Number(topText);
    if (!Number.isInteger(top) || top < 1) {
      throw new UsageError(`--top "${topText}" must be a positive whole number`);
    }
    const release = list(stringOption(args, 'release-tags'));
    const deployTags = list(stringOption(args, 'deploy-tags'));
    const result = await findSuspects(repo, {
      at,
      now,
      windowMs: durationOption(args, 'window', 'positive'),
      afterMs: durationOption(args, 'after', 'zero allowed'),
      service: stringOption(args, 'service') ?? (incident?.service || undefined),
      paths: list(stringOption(args, 'paths')),
      evidence,
      title: stringOption(args, 'title') ?? (incident && incidentText(incident.title, incident.events)),
      deployLogPath: stringOption(args, 'deploy-log'),
      ...(incident ? { recordedDeploys: recordedDeploys(incident.events) } : {}),
      ...(incident?.utcOffsetMinutes !== undefined ? { utcOffsetMinutes: incident.utcOffsetMinutes } : {}),
      ...(release.length ? { releaseTagPatterns: release } : {}),
      ...(deployTags.length ? { deployTagPatterns: deployTags } : {}),
      defaultBranch: stringOption(args, 'branch'),
    });
    io.out(flag(args, 'json') ? JSON.stringify(asJson(result), null, 2) : asText(result, top));
    return 0;
  },
};
