// Low-level git failures turned into sentences a responder can act on at 3 a.m.

export type GitProblem = 'no-such-folder' | 'git-missing' | 'not-a-repo' | 'no-commits' | 'bad-revision' | 'git-failed';

export class GitCorrelationError extends Error {
  constructor(
    readonly problem: GitProblem,
    message: string,
  ) {
    super(message);
    this.name = 'GitCorrelationError';
  }
}

/** git's words when an object it needs is not in the repository (`log`, `diff`, a promisor's fetch, `blame`). */
const LACKS_OBJECT = /unable to read [0-9a-f]{40,64}|could not fetch [0-9a-f]{40,64} from promisor remote|Cannot read blob [0-9a-f]{40,64}/;

/** A git run that failed because the repository lacks an object (a partial clone, or a damaged one). */
export function lacksObject(error: unknown): boolean {
  return error instanceof GitCorrelationError && error.problem === 'git-failed' && LACKS_OBJECT.test(error.message);
}

export function explainGitError(error: unknown, repoDir: string, binary: string, command: string): GitCorrelationError {
  if (error instanceof GitCorrelationError) {
    return error;
  }
  const text = error instanceof Error ? error.message : String(error);
  if (/ENOENT/.test(text) && /spawn/.test(text)) {
    return new GitCorrelationError(
      'git-missing',
      `git is not installed or not on PATH (could not run "${binary}"); install git and try again`,
    );
  }
  if (/directory that does not exist/.test(text)) {
    return new GitCorrelationError('no-such-folder', `${repoDir} does not exist`);
  }
  if (/not a git repository/i.test(text)) {
    return new GitCorrelationError(
      'not-a-repo',
      `${repoDir} is not a git repository (nor is any folder above it); open the repository that was deployed`,
    );
  }
  if (/ambiguous argument 'HEAD'|does not have any commits|bad default revision 'HEAD'/.test(text)) {
    return new GitCorrelationError('no-commits', `${repoDir} has no commits yet`);
  }
  if (/unknown revision|bad revision|bad object|not a valid object name|malformed object name/i.test(text)) {
    return new GitCorrelationError('bad-revision', `git ${command}: ${firstLine(text)}`);
  }
  // A partial clone that may not fetch here (no transport is allowed), or a damaged repository.
  const lacking = LACKS_OBJECT.test(text)
    ? ': the repository lacks an object its history needs (a partial clone, or a damaged one); `git fsck` lists what is missing'
    : '';
  return new GitCorrelationError('git-failed', `git ${command} failed in ${repoDir}: ${firstLine(text)}${lacking}`);
}

/** git's reason in its first two lines that say something ("error: ...; fatal: ..."), without hints. */
function firstLine(text: string): string {
  const lines = text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('hint:'));
  return lines.length ? lines.slice(0, 2).join('; ') : text;
}
