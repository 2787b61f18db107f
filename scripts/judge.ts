// npm run judge -- <repo> [<repo> ...]: how well suspect ranking finds real culprits. Every revert
// pair in a repository's history (R "This reverts commit C", within 14 days, C on the default
// branch's first-parent history before the incident) becomes an incident declared 10 minutes before
// R was written; the same correlation as `warroom correlate` runs with a window reaching back to an
// hour before C, and C's rank is recorded, without hints and with the service hint (C's main
// top-level folder as service paths). A culprit below the top three is printed with what ranked above
// it and why, so misses can be grouped by cause. Not part of npm test: it needs large real repositories.
// --before-culprit=HOURS starts each window that long before C instead of an hour: C is then no longer
// the oldest candidate, so a time curve can be judged without the window favouring the oldest change.
// Each repository is cloned with --shared --no-checkout into a temporary folder (a bare mirror
// works; nothing is written to it), so there is no work tree: CODEOWNERS is not read.

import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { findSuspects } from '../src/adapters/git';
import { forgetHistories } from '../src/adapters/git/historyCache';
import { escapeControls } from '../src/core/text/controls';
import { branchAt, folderGlob, JUDGE_LOG_ARGS, mainFolder, parseJudgeLog, RevertPair, revertPairs, windowSlackMs } from './judge/pairs';
import { missLines, Outcome, outcomeOf, runtime, summarize } from './judge/recall';
import { parseSets, RepoSet, setLine, setRows } from './judge/sets';
import { JudgeDump } from './judge/dump';

const BEFORE_REVERT_MS = 10 * 60_000;
const MODES = ['no hints', 'service hint'] as const;
type Mode = (typeof MODES)[number];

function git(dir: string, args: readonly string[]): string {
  return execFileSync('git', args, { cwd: dir, encoding: 'utf8', maxBuffer: 1 << 30, stdio: ['ignore', 'pipe', 'pipe'] });
}

function isAncestor(dir: string, ancestor: string, of: string): boolean {
  try {
    execFileSync('git', ['merge-base', '--is-ancestor', ancestor, of], { cwd: dir, stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

function hasObject(dir: string, sha: string): boolean {
  try {
    execFileSync('git', ['cat-file', '-e', sha], { cwd: dir, stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

interface Judged {
  readonly pair: RevertPair;
  readonly mode: Mode;
  readonly outcome: Outcome;
  readonly windowMs: number;
  readonly ms: number;
  readonly hint?: string;
  /** When the culprit ranked below the top three: what ranked above it, and why (missLines). */
  readonly why: readonly string[];
}

async function judgeRepo(
  source: string,
  modes: readonly Mode[],
  dumpDir: string | undefined,
  slackMs: number,
): Promise<{ name: string; head: string; judged: Judged[] }> {
  const name = path.basename(source.replace(/\/(repo|\.git)\/?$/, '')).replace('+', '/');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'warroom-judge-'));
  try {
    git(dir, ['clone', '--quiet', '--shared', '--no-checkout', path.resolve(source), '.']);
    const head = git(dir, ['rev-parse', 'HEAD']).trim();
    const branch = git(dir, ['symbolic-ref', '--short', 'HEAD']).trim();
    const line = git(dir, ['rev-list', '--first-parent', '--format=%ct %H', '--no-commit-header', head])
      .split('\n')
      .filter(Boolean)
      .map((l) => {
        const [seconds, sha] = l.split(' ');
        return { sha, committedAt: Number(seconds) * 1000 };
      });
    const pairs = revertPairs(parseJudgeLog(git(dir, ['log', ...JUDGE_LOG_ARGS, head, '--'])));
    // "Now" is a day after the newest commit, so a run tomorrow ranks exactly as a run today.
    const now = new Date(line[0].committedAt + 86_400_000);
    const judged: Judged[] = [];
    for (const pair of pairs) {
      const at = pair.revertAt - BEFORE_REVERT_MS;
      const tip = branchAt(line, at);
      if (!tip || !isAncestor(dir, pair.culprit, tip)) {
        continue; // the culprit had not reached the default branch when the incident began
      }
      const windowMs = at - pair.culpritAt + slackMs;
      const files = git(dir, ['diff-tree', '-r', '--no-commit-id', '--name-only', `${pair.culprit}^`, pair.culprit])
        .split('\n')
        .filter(Boolean);
      const folder = mainFolder(files);
      for (const mode of modes) {
        const hint = mode === 'service hint' && folder ? folderGlob(folder, files) : undefined;
        // Every correlation starts cold: what the history cache kept from the pair before would
        // decide which objects git reads, so a snapshot lacking some could skip a pair in one run
        // and judge it in the next. Cold, the pair set is the same every run (and so is the time).
        forgetHistories();
        const started = performance.now();
        let outcome: Outcome;
        let why: string[] = [];
        try {
          const result = await findSuspects(dir, {
            at: new Date(at),
            now,
            windowMs,
            defaultBranch: branch,
            ...(hint ? { paths: [hint] } : {}),
            utcOffsetMinutes: 0,
          });
          if ([...result.commits.values()].some((c) => c.linesUnknown)) {
            // Ranked without line counts (the snapshot lacks objects its window's diffs need): that
            // says nothing about the ranking a full clone gives, so the pair is skipped as before.
            outcome = { skipped: 'the repository lacks objects its window needs: ranked without line counts' };
          } else {
            // A suspect is a change as merged: the pull request that brought C, or C when it came alone.
            outcome = outcomeOf(result.ranking, pair.culprit);
            why = missLines(result.ranking.changes, pair.culprit);
            if (dumpDir) {
              writeDump(dumpDir, name, pair, mode, hint, now, result);
            }
          }
        } catch (error) {
          const message = (error as Error).message;
          // A snapshot without some of its objects (a mirror that left its largest files out) cannot
          // be judged: that says nothing about the ranking, so it is counted apart from errors.
          const lacking = /unable to read ([0-9a-f]{40,64})/.exec(message)?.[1];
          outcome = lacking && !hasObject(dir, lacking) ? { skipped: `the repository lacks object ${lacking}` } : { error: message };
        }
        const ms = performance.now() - started;
        judged.push({ pair, mode, outcome, windowMs, ms, hint, why });
        // git's errors quote the repository's paths, and subjects are the repository's words
        for (const text of [pairLine(name, judged[judged.length - 1]), ...why]) {
          process.stdout.write(`${escapeControls(text)}\n`);
        }
      }
    }
    return { name, head, judged };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * --dump=DIR: what the ranking was given for one pair and mode (its deploys, candidates and their
 * commits), so scripts/judge/rescore.ts can rank it again with changed weights in milliseconds
 * instead of rereading git. Only what the ranking read at the incident's time, so no answer leaks in.
 */
function writeDump(
  dir: string,
  repo: string,
  pair: RevertPair,
  mode: Mode,
  hint: string | undefined,
  now: Date,
  result: Awaited<ReturnType<typeof findSuspects>>,
): void {
  fs.mkdirSync(dir, { recursive: true });
  const ranked = new Set(result.ranking.commits.map((c) => c.sha));
  const dump: JudgeDump = {
    repo,
    culprit: pair.culprit,
    revert: pair.revert,
    mode,
    ...(hint ? { hint } : {}),
    startedAt: result.window.startedAt,
    now: now.toISOString(),
    deploys: result.ranking.deploys.map((d) => d.deploy),
    undeployed: result.ranking.commits.filter((c) => !c.deploy).map((c) => c.sha),
    commits: [...result.commits.values()].filter((c) => ranked.has(c.sha)),
    pastReverts: result.pastReverts,
  };
  const file = `${repo.replace('/', '+')}-${pair.revert.slice(0, 12)}-${pair.culprit.slice(0, 8)}-${mode.replace(' ', '-')}.json`; // one revert can answer several culprits
  fs.writeFileSync(path.join(dir, file), JSON.stringify(dump));
}

function pairLine(repo: string, j: Judged): string {
  const o = j.outcome;
  const rank =
    'rank' in o
      ? `rank ${o.rank} (baseline ${o.baseline}${o.commitRank !== undefined ? `, commit ${o.commitRank}` : ''})`
      : 'miss' in o
        ? 'MISS (not a candidate)'
        : 'skipped' in o
          ? `SKIPPED ${o.skipped}`
          : `ERROR ${o.error}`;
  const hours = Math.round(j.windowMs / 360_000) / 10;
  return `${repo}  ${j.mode.padEnd(12)}  culprit ${j.pair.culprit.slice(0, 10)}  revert ${j.pair.revert.slice(0, 10)}  ${rank}  window ${hours}h${j.hint ? `  paths ${j.hint}` : ''}  ${Math.round(j.ms)}ms`;
}

async function main(): Promise<void> {
  const repos = process.argv.slice(2).filter((a) => !a.startsWith('--'));
  const dumpDir = process.argv.find((a) => a.startsWith('--dump='))?.slice('--dump='.length);
  let sets: RepoSet[];
  let slackMs: number;
  try {
    // before minutes of git: a mistyped set or width fails now
    sets = parseSets(process.argv.slice(2));
    slackMs = windowSlackMs(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    process.exit(2);
  }
  if (!repos.length) {
    process.stderr.write(
      'usage: npm run judge -- [--dump=DIR] [--before-culprit=HOURS] [--set=NAME:owner/name,owner/name ...] <repo> [<repo> ...]\n',
    );
    process.exit(2);
  }
  const results = [];
  for (const repo of repos) {
    results.push(await judgeRepo(repo, MODES, dumpDir, slackMs));
  }
  process.stdout.write(
    '\nrepository  commit  mode  pairs  recall@1  @3  @5  baseline@1  @3  @5  commits@1  @3  @5  errors  misses  skipped  median ms  worst ms\n',
  );
  for (const { name, head, judged } of results) {
    for (const mode of MODES) {
      const these = judged.filter((j) => j.mode === mode);
      const s = summarize(these.map((j) => j.outcome));
      const t = runtime(these.filter((j) => !('skipped' in j.outcome)).map((j) => j.ms)); // a skipped pair ran no ranking
      process.stdout.write(
        `${[name, head.slice(0, 12), mode, s.pairs, s.at1, s.at3, s.at5, s.baseline.at1, s.baseline.at3, s.baseline.at5, s.commits?.at1, s.commits?.at3, s.commits?.at5, s.errors, s.misses, s.skipped, t.medianMs, t.worstMs].join('  ')}\n`,
      );
      process.stdout.write(`JSON ${JSON.stringify({ repo: name, commit: head, mode, ...s, ...t })}\n`);
    }
  }
  const rows = setRows(
    results.flatMap(({ name, judged }) => judged.map((j) => ({ repo: name, mode: j.mode, outcome: j.outcome, ms: j.ms }))),
    sets,
    MODES,
  );
  if (rows.length) {
    process.stdout.write('\nsets (recall over the pooled pairs of their repositories)\n');
    for (const row of rows) {
      process.stdout.write(`${setLine(row)}\n`);
    }
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
