// git started with child_process directly, for correlation's hot path (the tags, the shipped log) and
// for blame, whose input goes on stdin; simple-git (simpleGitRunner.ts) for the rest. Why: docs/ARCHITECTURE.md.

import { ChildProcess, spawn } from 'node:child_process';
import { GIT_CONFIG, gitEnvironment } from './simpleGitRunner';

const GIT_CONFIG_ARGS = GIT_CONFIG.flatMap((setting) => ['-c', setting]);

export interface GitProcess {
  readonly child: ChildProcess;
  /** Resolves when the process has ended, with its exit code (null when killed or not started). */
  readonly ended: Promise<{ code: number | null }>;
}

/**
 * Starts `git <config> <args>` in `repoDir` with stdout as UTF-8 text (as Buffers with `bytes`: a
 * file's contents in its own encoding); never throws, never rejects.
 */
export function startGit(repoDir: string, binary: string, args: readonly string[], options: { bytes?: boolean } = {}): GitProcess {
  const child = spawn(binary, [...GIT_CONFIG_ARGS, ...args], { cwd: repoDir, env: gitEnvironment(), windowsHide: true });
  if (!options.bytes) {
    child.stdout?.setEncoding('utf8');
  }
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

/**
 * Runs `git <args>` to completion, `input` on its stdin; never rejects. Past `maxBytes` of output
 * git is stopped (code null): a repository's content can make any command's output huge.
 */
export async function runGit(
  repoDir: string,
  binary: string,
  args: readonly string[],
  input: string | Uint8Array = '',
  maxBytes = Infinity,
): Promise<GitResult> {
  const result = await runGitBytes(repoDir, binary, args, input, maxBytes);
  return { ...result, stdout: result.stdout.toString('utf8') };
}

/** `runGit` with stdout as bytes (a file as git stores it, in whatever encoding it was written). */
export async function runGitBytes(
  repoDir: string,
  binary: string,
  args: readonly string[],
  input: string | Uint8Array = '',
  maxBytes = Infinity,
): Promise<Omit<GitResult, 'stdout'> & { readonly stdout: Buffer }> {
  const git = startGit(repoDir, binary, args, { bytes: true });
  const chunks: Buffer[] = [];
  let size = 0;
  let stderr = '';
  let error: Error | undefined;
  git.child.on('error', (e) => {
    error = e;
  });
  git.child.stdout?.on('data', (chunk: Buffer) => {
    size += chunk.length;
    if (size > maxBytes) {
      error ??= new Error(`git printed more than ${maxBytes} bytes; stopped`);
      stopGit(git);
      return;
    }
    chunks.push(chunk);
  });
  git.child.stderr?.setEncoding('utf8');
  git.child.stderr?.on('data', (text: string) => {
    stderr += text;
  });
  git.child.stdin?.end(input);
  const { code } = await git.ended;
  return { code: size > maxBytes ? null : code, stdout: Buffer.concat(chunks), stderr, ...(error ? { error } : {}) };
}

/** Runs `git <args>` to completion: its stdout, or undefined when it failed in any way. */
export async function gitOutput(repoDir: string, binary: string, args: readonly string[]): Promise<string | undefined> {
  const result = await runGit(repoDir, binary, args);
  return result.code === 0 ? result.stdout : undefined;
}

/**
 * `-c` settings that switch off every filter driver the repository's config names. Blame runs the
 * clean filter (or `process`) of the blamed file's `filter` attribute, which the repository's own
 * .gitattributes picks, so drivers cannot be switched off by a fixed list. Rejects a driver name
 * `-c` cannot spell (an `=` in it).
 */
export async function noFilterArgs(repoDir: string, binary: string): Promise<string[]> {
  // Exit 1 (no filter set) and failures alike give nothing: the command that follows reports failures.
  const out = (await gitOutput(repoDir, binary, ['config', '-z', '--get-regexp', '^filter\\.'])) ?? '';
  const names = new Set<string>();
  for (const entry of out.split('\0')) {
    const name = /^filter\.(.+)\.[^.\n]+(\n|$)/.exec(entry)?.[1];
    if (name !== undefined) {
      names.add(name);
    }
  }
  return [...names].flatMap((name) => {
    if (name.includes('=')) {
      throw new Error(`the repository's config has a filter named "${name}", which cannot be switched off; not running git on its files`);
    }
    return ['clean=', 'smudge=', 'process=', 'required=false'].flatMap((setting) => ['-c', `filter.${name}.${setting}`]);
  });
}
