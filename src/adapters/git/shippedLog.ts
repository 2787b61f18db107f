// The shipped-commits log (`git log --raw --numstat ...` of a few hundred commits), read as fast as
// this machine allows. It is most of correlation's time, and the git work dominates it, so:
// - the processes start before the revisions are known (`--stdin`): git's start-up overlaps the
//   tag work, and the revisions are written to it when ready;
// - with two cores, two processes read the same log from both ends (one with `--reverse`) and stop
//   where they meet, each doing about half of the diffs; the commits keep git's order exactly
//   (both processes list the same commits in the same order, one of them backwards);
// - while git works, Node only cuts the streams into records and reads their shas (to see where
//   the two meet), leaving both cores to git; the records are parsed once the list is complete.
// If anything goes wrong (a process fails or cannot start), the same log is run once more through
// the ordinary runner (simple-git), so results and errors are exactly what they always were.

import * as os from 'node:os';
import { Commit, parseGitLog, parseGitLogRecord } from '../../core/correlation';
import { GitProcess, startGit, stopGit } from './gitSpawn';
import { GitRunner } from './simpleGitRunner';

export interface ShippedLogOptions {
  readonly binary: string;
  /** `log` and its options, without revisions. */
  readonly args: readonly string[];
  readonly maxFilesPerCommit: number;
  /** Runs the command the ordinary way when the fast way fails. */
  readonly fallback: GitRunner;
  /** Read from both ends with two processes; default: when this machine has two cores or more. */
  readonly twoEnded?: boolean;
}

export interface ShippedLog {
  /** `git log <args> <revs> --` parsed, in git's order. `revs` must not be empty. */
  read(revs: readonly string[]): Promise<Commit[]>;
  /** Stops the processes started ahead and never used. */
  dispose(): void;
}

/** Starts the log processes now, so that they are up by the time the revisions are known. */
export function startShippedLog(repoDir: string, options: ShippedLogOptions): ShippedLog {
  const twoEnded = options.twoEnded ?? cores() >= 2;
  const start = (): GitProcess[] => [
    startGit(repoDir, options.binary, [...options.args, '--stdin', '--']),
    ...(twoEnded ? [startGit(repoDir, options.binary, [...options.args, '--reverse', '--stdin', '--'])] : []),
  ];
  let ahead: GitProcess[] | undefined = start();
  return {
    async read(revs) {
      if (revs.length === 0) {
        throw new Error('shippedLog.read needs at least one revision'); // git would read HEAD instead
      }
      const processes = ahead ?? start();
      ahead = undefined;
      const commits = await readBothEnds(processes, revs, options.maxFilesPerCommit);
      return (
        commits ??
        parseGitLog(await options.fallback.run([...options.args, ...revs, '--']), { maxFilesPerCommit: options.maxFilesPerCommit })
      );
    },
    dispose() {
      for (const git of ahead ?? []) {
        stopGit(git);
      }
      ahead = undefined;
    },
  };
}

function cores(): number {
  return typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
}

/**
 * The records of a stream, each (after its 0x1e separator) as soon as the next one begins. The
 * last one is held back: it is whole only if git ended well. A git that dies on a commit (an object
 * it cannot read) has printed that commit's first lines, and when both ends died on it, their two
 * halves of it met and the log looked whole. The returned function hands on the rest: call it once
 * the process has ended with 0.
 */
function onRecords(git: GitProcess, each: (record: string) => void): () => void {
  let pending = '';
  git.child.stdout?.on('data', (text: string) => {
    pending += text;
    const last = pending.lastIndexOf('\x1e');
    if (last > 0) {
      const complete = pending.slice(0, last);
      pending = pending.slice(last);
      for (const record of complete.split('\x1e')) {
        each(record);
      }
    }
  });
  return () => {
    const rest = pending;
    pending = '';
    for (const record of rest.split('\x1e')) {
      each(record);
    }
  };
}

/** A commit's record as git printed it, and its sha (the first field). */
interface LogRecord {
  readonly sha: string;
  readonly text: string;
}

function record(text: string): LogRecord | undefined {
  return text.trim() === '' ? undefined : { sha: text.slice(0, text.indexOf('\x1f')), text };
}

/**
 * Feeds `revs` to the forward process (and the backward one, if any) and collects the commits.
 * Undefined when a process failed before the answer was complete, or a record did not parse.
 */
function readBothEnds(processes: readonly GitProcess[], revs: readonly string[], maxFilesPerCommit: number): Promise<Commit[] | undefined> {
  const [forward, backward] = processes;
  const input = revs.join('\n') + '\n';
  return new Promise((resolve) => {
    let settled = false;
    const finish = (records: LogRecord[] | undefined) => {
      if (settled) {
        return;
      }
      settled = true;
      processes.forEach(stopGit);
      let commits: Commit[] | undefined;
      try {
        commits = records?.map((r) => parseGitLogRecord(r.text, { maxFilesPerCommit }) as Commit);
      } catch {
        commits = undefined; // let the ordinary run report it
      }
      resolve(commits);
    };
    const ahead: LogRecord[] = []; // git's order, from the newest
    const behind: LogRecord[] = []; // git's order backwards, from the oldest
    const aheadAt = new Map<string, number>();
    const behindAt = new Map<string, number>();
    const forwardRest = onRecords(forward, (text) => {
      const commit = settled ? undefined : record(text);
      if (!commit) {
        return;
      }
      const met = behindAt.get(commit.sha);
      if (met !== undefined) {
        finish([...ahead, ...behind.slice(0, met + 1).reverse()]);
        return;
      }
      aheadAt.set(commit.sha, ahead.length);
      ahead.push(commit);
    });
    let backwardRest = () => {};
    if (backward) {
      backwardRest = onRecords(backward, (text) => {
        const commit = settled ? undefined : record(text);
        if (!commit) {
          return;
        }
        const met = aheadAt.get(commit.sha);
        if (met !== undefined) {
          finish([...ahead.slice(0, met + 1), ...behind.reverse()]);
          return;
        }
        behindAt.set(commit.sha, behind.length);
        behind.push(commit);
      });
    }
    // A process that ends well has listed every commit: its list is the answer. One that fails
    // before the two met leaves the answer to the ordinary run.
    // ('close' comes after the output's end: the rest is all there.)
    void forward.ended.then(({ code }) => {
      if (code === 0) {
        forwardRest();
      }
      finish(code === 0 ? ahead : undefined);
    });
    void backward?.ended.then(({ code }) => {
      if (code === 0) {
        backwardRest();
      }
      finish(code === 0 ? behind.reverse() : undefined);
    });
    for (const git of processes) {
      git.child.stdin?.end(input);
    }
  });
}
