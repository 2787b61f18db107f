// One place that runs git (through simple-git) and maps its failures to GitCorrelationError.

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
}

/**
 * Settings every git we start gets (`-c`): paths stay as written (we also use -z where paths are
 * printed), and no signature checks in logs. gitProcess.ts starts git with the same.
 */
export const GIT_CONFIG: readonly string[] = ['core.quotepath=off', 'log.showSignature=false'];

export function gitRunner(repoDir: string, options: GitRunnerOptions = {}): GitRunner {
  const binary = options.binary ?? 'git';
  if (!fs.existsSync(repoDir)) {
    throw new GitCorrelationError('no-such-folder', `${repoDir} does not exist`);
  }
  let git: SimpleGit;
  try {
    git = simpleGit({
      baseDir: repoDir, binary, maxConcurrentProcesses: 4, trimmed: false, config: [...GIT_CONFIG],
      // git's own words (stderr): simple-git's message starts with stdout, a log printed before failing.
      errors: (error, result) => (result.exitCode && result.stdErr.length ? Buffer.concat(result.stdErr) : error),
    });
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
  };
}
