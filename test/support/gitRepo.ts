// Real git repositories for tests and the demo, with controlled dates. Runs the real git
// synchronously (tests read better in straight lines); every commit's author and committer dates
// are set explicitly so history does not depend on when the test runs.

import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export interface CommitOptions {
  /** Author and committer date (ISO 8601 with zone, or a Date). */
  readonly date: string | Date;
  readonly message: string;
  /** Appended as a trailer block: `{ 'Deployed-to': 'production' }`. */
  readonly trailers?: Readonly<Record<string, string>>;
  /** Committer date when it differs from the author date (rebases, cherry-picks). */
  readonly committerDate?: string | Date;
  readonly author?: string;
  /** Paths to delete in this commit. */
  readonly remove?: readonly string[];
}

/** File contents by path; a Buffer for binary content. */
export type FileSet = Readonly<Record<string, string | Buffer>>;

function gitDate(date: string | Date): string {
  // `@<unix> +hhmm` is exact: git parses it without guessing the zone.
  if (date instanceof Date) {
    return `@${Math.floor(date.getTime() / 1000)} +0000`;
  }
  const ms = Date.parse(date);
  if (Number.isNaN(ms)) {
    throw new Error(`gitRepo: "${date}" is not a date`);
  }
  const zone = /([+-])(\d{2}):?(\d{2})$/.exec(date);
  return `@${Math.floor(ms / 1000)} ${zone ? `${zone[1]}${zone[2]}${zone[3]}` : '+0000'}`;
}

export class GitRepo {
  constructor(readonly dir: string) {}

  /** Runs git in the repo with a clean, fixed identity and no user config. */
  git(args: readonly string[], env: Readonly<Record<string, string>> = {}): string {
    return execFileSync('git', [...args], {
      cwd: this.dir,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...cleanEnv(), ...env },
      maxBuffer: 256 * 1024 * 1024,
    });
  }

  write(files: FileSet): void {
    for (const [file, content] of Object.entries(files)) {
      const full = path.join(this.dir, file);
      fs.mkdirSync(path.dirname(full), { recursive: true });
      fs.writeFileSync(full, content);
    }
  }

  /** Writes the files, stages them (and removals), commits with the given dates. Returns the sha. */
  commit(files: FileSet, options: CommitOptions): string {
    this.write(files);
    const paths = Object.keys(files);
    if (paths.length) {
      this.git(['add', '--', ...paths]);
    }
    if (options.remove?.length) {
      this.git(['rm', '-q', '--', ...options.remove]);
    }
    const message = options.trailers
      ? `${options.message}\n\n${Object.entries(options.trailers)
          .map(([k, v]) => `${k}: ${v}`)
          .join('\n')}`
      : options.message;
    this.git(
      ['commit', '-q', '--allow-empty', '-m', message, ...(options.author ? [`--author=${options.author}`] : [])],
      dateEnv(options.date, options.committerDate),
    );
    return this.head();
  }

  /** Stages a submodule pointer (a gitlink, mode 160000) without cloning anything; commit it next. */
  stageSubmodulePointer(file: string, sha: string): void {
    this.git(['update-index', '--add', '--cacheinfo', `160000,${sha},${file}`]);
  }

  head(): string {
    return this.git(['rev-parse', 'HEAD']).trim();
  }

  /** A lightweight tag, or an annotated one (dated `date`) when a message or date is given. */
  tag(name: string, options: { sha?: string; date?: string | Date; message?: string } = {}): void {
    if (options.date || options.message) {
      this.git(
        ['tag', '-a', name, '-m', options.message ?? name, ...(options.sha ? [options.sha] : [])],
        options.date ? dateEnv(options.date) : {},
      );
    } else {
      this.git(['tag', name, ...(options.sha ? [options.sha] : [])]);
    }
  }

  branch(name: string, from?: string): void {
    this.git(['branch', name, ...(from ? [from] : [])]);
  }

  checkout(ref: string): void {
    this.git(['checkout', '-q', ref]);
  }

  /** Detaches HEAD at a commit (as CI checkouts and `git checkout <tag>` do). */
  detach(ref: string): void {
    this.git(['checkout', '-q', '--detach', ref]);
  }

  /** A real merge commit (`--no-ff`) of `branch` into the current branch. Returns its sha. */
  merge(branch: string, options: Omit<CommitOptions, 'remove' | 'author'>): string {
    this.git(['merge', '-q', '--no-ff', '-m', options.message, branch], dateEnv(options.date, options.committerDate));
    return this.head();
  }

  /** A shallow clone of this repo (through file://, so --depth is honoured) into `target`. */
  shallowClone(target: string, depth: number): GitRepo {
    execFileSync('git', ['clone', '-q', `--depth=${depth}`, '--no-single-branch', `file://${this.dir}`, target], {
      env: cleanEnv(),
      stdio: 'ignore',
    });
    return new GitRepo(target);
  }
}

function dateEnv(date: string | Date, committer?: string | Date): Record<string, string> {
  return { GIT_AUTHOR_DATE: gitDate(date), GIT_COMMITTER_DATE: gitDate(committer ?? date) };
}

/** The process env without GIT_* variables (a test run from a git hook must not write to the outer repo). */
function cleanEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value !== undefined && !key.startsWith('GIT_')) {
      env[key] = value;
    }
  }
  return {
    ...env,
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: os.devNull,
    GIT_AUTHOR_NAME: 'Ada Tester',
    GIT_AUTHOR_EMAIL: 'ada@example.com',
    GIT_COMMITTER_NAME: 'Ada Tester',
    GIT_COMMITTER_EMAIL: 'ada@example.com',
  };
}

/** `git init` in `dir` (created if needed) on branch `main`. */
export function makeRepo(dir: string, options: { branch?: string } = {}): GitRepo {
  fs.mkdirSync(dir, { recursive: true });
  const repo = new GitRepo(dir);
  repo.git(['init', '-q', `--initial-branch=${options.branch ?? 'main'}`]);
  return repo;
}

/** A fresh temporary folder; remove it with `removeTempDir`. */
export function makeTempDir(prefix = 'warroom-git-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export function removeTempDir(dir: string): void {
  fs.rmSync(dir, { recursive: true, force: true });
}

/** A temporary folder for the enclosing mocha suite, made before its tests and removed after them. */
export function suiteTempDir(): () => string {
  let dir = '';
  before(() => {
    dir = makeTempDir();
  });
  after(() => removeTempDir(dir));
  return () => dir;
}

/**
 * A git that writes down each time it is started, in `dir`: how a test shows how often code under
 * test asked git (a cache that works asks once). `runs()`: each start's arguments, in order.
 */
export function countedGit(dir: string): { readonly binary: string; runs(): string[] } {
  const started = path.join(dir, 'git-started.txt');
  const binary = path.join(dir, 'git-counted');
  fs.writeFileSync(binary, `#!/bin/sh\necho "$*" >> '${started}'\nexec git "$@"\n`, { mode: 0o755 });
  return {
    binary,
    runs: () => (fs.existsSync(started) ? fs.readFileSync(started, 'utf8').split('\n').filter(Boolean) : []),
  };
}
