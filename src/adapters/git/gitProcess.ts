// git started with child_process directly, for correlation's hot path (the tags, the shipped log) and
// for blame, whose input (an editor's unsaved text) goes on stdin. simple-git (gitRunner.ts) stays for
// everything else. Why not simple-git here:
// - it spawns from its task queue a tick later, so a process cannot be started *now* while Node
//   has other work to do (the log is started before the tags are known and fed its revisions on
//   stdin once they are: git's ~2 ms start-up then overlaps ours);
// - it buffers the whole output, where the log is followed commit by commit as it streams in
//   (read by two processes from both ends, which stop where they meet: see shippedLog.ts);
// - its queue and plugins cost ~1 ms per call on top of the spawn itself.
// Spawned the way simple-git spawns (same -c settings, same environment filtering), and any
// failure is handed back to the caller, which reruns the command through simple-git so the
// error a responder sees is the one it always was.

import { ChildProcess, spawn } from 'node:child_process';
import { GIT_CONFIG } from './gitRunner';

const GIT_CONFIG_ARGS = GIT_CONFIG.flatMap((setting) => ['-c', setting]);

/** Ambient variables simple-git removes before it runs git (its allowEnvironment guard). */
const GUARDED_ENV = new Set(['editor', 'pager', 'prefix', 'ssh_askpass', 'visual']);

function gitEnvironment(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    const name = key.toLowerCase().trim();
    if (!name.startsWith('git_') && !GUARDED_ENV.has(name)) {
      env[key] = value;
    }
  }
  env.GIT_TEST_DISALLOW_ABBREVIATED_OPTIONS = 'true';
  return env;
}

export interface GitProcess {
  readonly child: ChildProcess;
  /** Resolves when the process has ended, with its exit code (null when killed or not started). */
  readonly ended: Promise<{ code: number | null }>;
}

/** Starts `git <config> <args>` in `repoDir` with stdout as UTF-8 text; never throws, never rejects. */
export function startGit(repoDir: string, binary: string, args: readonly string[]): GitProcess {
  const child = spawn(binary, [...GIT_CONFIG_ARGS, ...args], { cwd: repoDir, env: gitEnvironment(), windowsHide: true });
  child.stdout?.setEncoding('utf8');
  child.stdin?.on('error', () => {
    // EPIPE when git exits before reading its stdin (a bad argument): its exit code says so
  });
  child.stderr?.resume(); // the rerun through simple-git is what reports errors
  const ended = new Promise<{ code: number | null }>((resolve) => {
    child.on('error', () => resolve({ code: null }));
    child.on('close', (code) => resolve({ code }));
  });
  return { child, ended };
}

/** Stops a process we started and no longer need (no-op once it has ended). */
export function stopGit(git: GitProcess): void {
  if (git.child.exitCode === null && git.child.signalCode === null) {
    git.child.kill();
  }
}

export interface GitResult {
  /** Null when git was killed or could not start (then `error` says why). */
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly error?: Error;
}

/** Runs `git <args>` to completion, `input` on its stdin; never rejects. */
export async function runGit(repoDir: string, binary: string, args: readonly string[], input = ''): Promise<GitResult> {
  const git = startGit(repoDir, binary, args);
  let stdout = '';
  let stderr = '';
  let error: Error | undefined;
  git.child.on('error', (e) => {
    error = e;
  });
  git.child.stdout?.on('data', (text: string) => {
    stdout += text;
  });
  git.child.stderr?.setEncoding('utf8');
  git.child.stderr?.on('data', (text: string) => {
    stderr += text;
  });
  git.child.stdin?.end(input);
  const { code } = await git.ended;
  return { code, stdout, stderr, ...(error ? { error } : {}) };
}

/** Runs `git <args>` to completion: its stdout, or undefined when it failed in any way. */
export async function gitOutput(repoDir: string, binary: string, args: readonly string[]): Promise<string | undefined> {
  const result = await runGit(repoDir, binary, args);
  return result.code === 0 ? result.stdout : undefined;
}
