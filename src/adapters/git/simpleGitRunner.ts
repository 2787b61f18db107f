// One place that runs git through simple-git (buffered, queued) and maps its failures to GitCorrelationError;
// gitSpawn.ts starts the hot path's processes itself.

import * as fs from 'node:fs';
import { simpleGit, SimpleGit } from 'simple-git';
import { explainGitError, GitCorrelationError } from './gitErrors';

export interface GitRunnerOptions {
  /** The git executable, default `git` (tests point it at a missing one). */
  readonly binary?: string;
}

export interface GitRunner {
  readonly repoDir: string;
  run(args: readonly string[]): Promise<string>;
  /** `git show <args>` with its output as bytes (a file in whatever encoding it was written). */
  showBytes(args: readonly string[]): Promise<Buffer>;
}

/**
 * Settings every git we start gets (`-c`): paths stay as written (we also use -z where paths are
 * printed), and no signature checks in logs. And nothing a repository's own config names runs: no
 * fsmonitor hook (any command that reads the index would start it). Commands that could diff add
 * `--no-ext-diff --no-textconv`; blame switches off the repository's filters (blame.ts).
 * gitSpawn.ts starts git with the same.
 */
export const GIT_CONFIG: readonly string[] = ['core.quotepath=off', 'log.showSignature=false', 'core.fsmonitor=false'];

/**
 * GIT_ALLOW_PROTOCOL set (to no protocol) overrides every `protocol.*.allow`: no transport at all. We
 * never fetch, but git does on its own in a partial clone (a promisor remote) when an object is
 * missing, and that runs whatever `core.sshCommand`, `remote.*.uploadpack` or an `ext::` URL say.
 */
const GIT_ENV: Readonly<Record<string, string>> = { GIT_ALLOW_PROTOCOL: '', GIT_TEST_DISALLOW_ABBREVIATED_OPTIONS: 'true' };

/** How long after git exits its output may take to close before the run ends anyway. */
const EXIT_GRACE_MS = 2_000;

/** Ambient variables simple-git removes before it runs git (its allowEnvironment guard). */
const GUARDED_ENV = new Set(['editor', 'pager', 'prefix', 'ssh_askpass', 'visual']);

/** The environment every git we start gets: ours without GIT_* and the guarded variables, plus GIT_ENV. */
export function gitEnvironment(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    const name = key.toLowerCase().trim();
    if (!name.startsWith('git_') && !GUARDED_ENV.has(name)) {
      env[key] = value;
    }
  }
  return { ...env, ...GIT_ENV };
}

export function gitRunner(repoDir: string, options: GitRunnerOptions = {}): GitRunner {
  const binary = options.binary ?? 'git';
  if (!fs.existsSync(repoDir)) {
    throw new GitCorrelationError('no-such-folder', `${repoDir} does not exist`);
  }
  let git: SimpleGit;
  try {
    git = simpleGit({
      baseDir: repoDir,
      binary,
      maxConcurrentProcesses: 4,
      trimmed: false,
      config: [...GIT_CONFIG],
      // Its guards stop arguments from turning these on; ours turn them off.
      unsafe: { allowUnsafeFsMonitor: true },
      allowEnvironment: Object.keys(GIT_ENV),
      // Done when git's output has closed, not 50 ms after it exited (simple-git's default): a busy
      // event loop ran that timer before git's last words arrived, and the run looked silent. The
      // exit still ends a run whose pipes a stray child holds open.
      completion: { onClose: true, onExit: EXIT_GRACE_MS },
      // git's own words (stderr): simple-git's message starts with stdout, a log printed before failing.
      // A git that failed is a failure even when it said nothing: simple-git would hand back what it
      // printed before dying (a log cut short, read as the whole window: suspects silently missing).
      errors: (error, result) =>
        result.exitCode
          ? result.stdErr.length
            ? Buffer.concat(result.stdErr)
            : (error ?? new Error(`git exited with code ${result.exitCode} without saying why`))
          : error,
    }).env(gitEnvironment());
  } catch (error) {
    throw explainGitError(error, repoDir, binary, '');
  }
  return {
    repoDir,
    async run(args) {
      try {
        return await git.raw([...args]);
      } catch (error) {
        throw explainGitError(error, repoDir, binary, args[0] ?? '');
      }
    },
    async showBytes(args) {
      try {
        return await git.showBuffer([...args]);
      } catch (error) {
        throw explainGitError(error, repoDir, binary, 'show');
      }
    },
  };
}
