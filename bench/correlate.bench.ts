// correlate.24h, correlate.24h.ratio, release.contains on a generated repository of 20,000+ commits
// and 500+ tags (made once with `git fast-import`, cached under the OS temp folder). correlate.24h is
// a repeat run, as the extension correlates again (evidence, a wider window, the next incident):
// the tags and commits earlier runs read are remembered by object id. correlate.24h.first is a run
// with nothing remembered (the first in a window, or the CLI), reported beside it, and
// correlate.24h.ratio.same compares that first run with the same git work done plainly (goal <= 1.3):
// the tags, the commits it read, and since the reverted-before reason the past reverts log (here
// the last 5,000 commits: all 20,000 are within the half year).

import { execFile, execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { promisify } from 'node:util';
import { findSuspects, releasesContaining } from '../src/adapters/git';
import { forgetHistories } from '../src/adapters/git/historyCache';
import { pastRevertsArgs, pastRevertsBoundArgs, REF_FORMAT } from '../src/core/correlation';
import { medianMs, report, round } from './measure';

const run = promisify(execFile);

const COMMITS = 20_000;
const RELEASE_EVERY = 35; // 519 release tags
const MERGE_EVERY = 10; // every 10th main commit merges a side commit
const STEP_S = 600; // a commit every 10 minutes: ~139 days, ~144 commits a day
const START_S = Date.parse('2026-01-01T00:00:00Z') / 1000;
const FILES = 2000;

const dir = path.join(os.tmpdir(), 'warroom-bench-correlate-v2');

function generate(): void {
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  execFileSync('git', ['init', '-q', '--initial-branch=main'], { cwd: dir });
  const chunks: string[] = [];
  // The LF after a data block is optional; inline file data ends with its own LF, so add none there.
  const data = (text: string) => `data ${Buffer.byteLength(text)}\n${text}${text.endsWith('\n') ? '' : '\n'}`;
  const who = (s: number) => `Bench <bench@example.com> ${s} +0000`;
  let mark = 0;
  let prevMain = 0;
  let made = 0;
  let tags = 0;
  for (let i = 0; made < COMMITS; i++) {
    const t = START_S + i * STEP_S;
    const file = (k: number) => `src/mod${k % 40}/file${k % FILES}.ts`;
    const edit = (k: number) => `M 100644 inline ${file(k)}\n${data(`export const v${k % FILES} = ${i};\n// change ${i}\n`)}`;
    if (i > 0 && i % MERGE_EVERY === 0) {
      const side = ++mark;
      chunks.push(
        `commit refs/heads/feature\nmark :${side}\nauthor ${who(t - 300)}\ncommitter ${who(t - 300)}\n${data(`Feature work ${i}`)}from :${prevMain}\n${edit(i * 7 + 3)}\n`,
      );
      const merge = ++mark;
      chunks.push(
        `commit refs/heads/main\nmark :${merge}\nauthor ${who(t)}\ncommitter ${who(t)}\n${data(`Merge feature ${i}`)}from :${prevMain}\nmerge :${side}\n\n`,
      );
      prevMain = merge;
      made += 2;
    } else {
      const m = ++mark;
      chunks.push(
        `commit refs/heads/main\nmark :${m}\nauthor ${who(t)}\ncommitter ${who(t)}\n${data(`Change ${i}: tune module ${i % 40}`)}${prevMain ? `from :${prevMain}\n` : ''}${edit(i)}${edit(i * 13 + 1)}\n`,
      );
      prevMain = m;
      made += 1;
    }
    if (i > 0 && i % RELEASE_EVERY === 0) {
      tags++;
      chunks.push(`tag v1.${Math.floor(tags / 100)}.${tags % 100}\nfrom :${prevMain}\ntagger ${who(t + 60)}\n${data(`release ${tags}`)}`);
      if (tags % 5 === 0) {
        chunks.push(`reset refs/tags/deploy/production/${tags}\nfrom :${prevMain}\n\n`);
      }
    }
  }
  execFileSync('git', ['fast-import', '--quiet'], { cwd: dir, input: chunks.join(''), maxBuffer: 1 << 30 });
  // What `git gc` leaves in a real clone: packed refs and a commit-graph.
  execFileSync('git', ['pack-refs', '--all'], { cwd: dir });
  execFileSync('git', ['commit-graph', 'write', '--reachable'], { cwd: dir });
  execFileSync('git', ['checkout', '-q', '-f', 'main'], { cwd: dir });
  fs.writeFileSync(path.join(dir, '.git', 'bench-complete'), `${made} commits, ${tags} release tags\n`);
}

async function main(): Promise<void> {
  if (!fs.existsSync(path.join(dir, '.git', 'bench-complete'))) {
    const t = performance.now();
    generate();
    process.stderr.write(`generated ${dir} in ${Math.round(performance.now() - t)} ms\n`);
  }
  const count = Number(execFileSync('git', ['rev-list', '--count', 'main'], { cwd: dir, encoding: 'utf8' }).trim());
  const tagCount = execFileSync('git', ['tag', '-l', 'v*'], { cwd: dir, encoding: 'utf8' }).split('\n').filter(Boolean).length;
  const tipTime = Number(execFileSync('git', ['log', '-1', '--format=%ct', 'main'], { cwd: dir, encoding: 'utf8' }).trim()) * 1000;
  // The incident began 2 h before the newest commit: the window has history on both sides.
  const at = new Date(tipTime - 2 * 3_600_000);
  const since = new Date(at.getTime() - 24 * 3_600_000).toISOString();
  const until = new Date(at.getTime() + 3_600_000).toISOString();

  const correlate = () => findSuspects(dir, { at, now: new Date(tipTime), windowMs: 24 * 3_600_000, title: 'module 7 latency' });
  const rawLog = () => run('git', ['log', `--since=${since}`, `--until=${until}`, '--name-only', 'main'], { cwd: dir, maxBuffer: 1 << 28 });

  const sample = await correlate();
  // Side by side: alternate the two so both see the same machine load. A repeat run (the figure
  // the issue names: what a responder waits for on "Add evidence", "Widen", the next incident)
  // finds the tags and commits earlier runs read; a first run (nothing read yet in this process:
  // the first correlation after the window opens, or the CLI) reads them all from git.
  // The same git work a first run does, done plainly: the tags as correlation lists them, then the
  // diffs of exactly the commits it read (no walk), one process after the other.
  const read = [...sample.commits.keys()];
  const tip = execFileSync('git', ['rev-parse', 'main'], { cwd: dir, encoding: 'utf8' }).trim();
  const sameWork = async () => {
    await run('git', ['for-each-ref', `--format=${REF_FORMAT}`, 'refs/tags'], { cwd: dir, maxBuffer: 1 << 28 });
    await run('git', ['log', '--no-walk=unsorted', '--numstat', '--format=%H', ...read, '--'], { cwd: dir, maxBuffer: 1 << 28 });
    // and the reverts before the start, which correlation reads beside them (the walk's bound, then the log)
    const bound = (await run('git', pastRevertsBoundArgs(tip, at.toISOString()), { cwd: dir })).stdout.trim();
    await run('git', pastRevertsArgs(tip, at.toISOString(), bound || undefined), { cwd: dir, maxBuffer: 1 << 28 });
  };
  const sideBySide = async (before: () => void, also?: () => Promise<void>) => {
    const ours: number[] = [];
    const raw: number[] = [];
    const same: number[] = [];
    for (let i = 0; i < 14; i++) {
      before();
      let t = performance.now();
      await correlate();
      const took = performance.now() - t;
      t = performance.now();
      await rawLog();
      const rawTook = performance.now() - t;
      t = performance.now();
      await also?.();
      if (i >= 3) {
        ours.push(took);
        raw.push(rawTook);
        same.push(performance.now() - t);
      }
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    return { oursMs: round(median(ours)), rawMs: round(median(raw)), sameMs: round(median(same)) };
  };
  const repeat = await sideBySide(() => undefined);
  const first = await sideBySide(forgetHistories, sameWork);
  report({
    bench: 'correlate.24h',
    value: repeat.oursMs,
    unit: 'ms',
    commits: count,
    tags: tagCount,
    deploys: sample.ranking.deploys.length,
    ranked: sample.ranking.commits.length,
  });
  report({ bench: 'correlate.24h.ratio', value: round(repeat.oursMs / repeat.rawMs), unit: 'x', rawGitLogMs: repeat.rawMs });
  report({ bench: 'correlate.24h.first', value: first.oursMs, unit: 'ms', note: 'nothing cached: every tag and commit read from git' });
  report({ bench: 'correlate.24h.first.ratio', value: round(first.oursMs / first.rawMs), unit: 'x', rawGitLogMs: first.rawMs });
  report({
    bench: 'correlate.24h.ratio.same',
    value: round(first.oursMs / first.sameMs),
    unit: 'x',
    target: 1.3,
    firstMs: first.oursMs,
    rawSameMs: first.sameMs,
    commitsRead: read.length,
    note: 'first run / (plain for-each-ref of the tags + git log --numstat of exactly the commits it read + the past reverts log), same loop',
  });

  const middle = execFileSync('git', ['rev-list', '-1', `--before=${new Date(tipTime - 60 * 86_400_000).toISOString()}`, 'main'], {
    cwd: dir,
    encoding: 'utf8',
  }).trim();
  const releases = await releasesContaining(dir, middle);
  report({
    bench: 'release.contains',
    value: await medianMs(() => releasesContaining(dir, middle), 9, 2),
    unit: 'ms',
    containing: releases.length,
    nearest: releases[0]?.tag,
  });
}

main().catch((error) => {
  process.stderr.write(`${(error as Error).stack ?? error}\n`);
  process.exit(1);
});
