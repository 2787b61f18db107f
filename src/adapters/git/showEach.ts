// `git show` of many commits in one process, cut back into one piece per commit: how the correlation
// reads what its log does not carry (comment-only patches, moves) for the candidates that need it.

import { runGit } from './gitSpawn';

export interface ShowEachOptions {
  /** Past this much output git is stopped and nothing is read. */
  readonly maxBytes: number;
  /** Only these files (taken literally: no glob, no pathspec magic); every file when absent. */
  readonly paths?: readonly string[];
  /**
   * git leaves out a commit with nothing to show (under `--diff-filter`): its piece is then empty.
   * Otherwise every commit asked must be there.
   */
  readonly leavesOutEmpty?: boolean;
}

/**
 * `git show <args> --format=%x01%H <shas> -- <paths>`: each commit's output after its header line, by
 * sha. Undefined when git fails, cannot start or prints too much, or when the pieces do not line up with the
 * commits asked (output holding the separator itself, a file with control characters in it): then
 * nothing is trusted.
 */
export async function showEach(
  repoDir: string,
  binary: string,
  args: readonly string[],
  shas: readonly string[],
  options: ShowEachOptions,
): Promise<Map<string, string> | undefined> {
  const pathspecs = (options.paths ?? []).map((p) => `:(literal)${p}`);
  // A command line too long for the system makes spawn throw (E2BIG): nothing read, as for any failure.
  const result = await runGit(
    repoDir,
    binary,
    ['show', ...args, '--format=%x01%H', ...shas, '--', ...pathspecs],
    '',
    options.maxBytes,
  ).catch(() => undefined);
  if (result?.code !== 0) {
    return undefined;
  }
  // git shows the commits in the order asked; the header ends with a newline, or a NUL under -z.
  const chunks = result.stdout.split('\x01').slice(1);
  const aligned = (chunk: string, sha: string) => chunk.startsWith(sha) && (chunk[sha.length] === '\n' || chunk[sha.length] === '\0');
  if (!options.leavesOutEmpty && chunks.length !== shas.length) {
    return undefined;
  }
  const pieces = new Map(shas.map((sha) => [sha, '']));
  let next = 0;
  for (const chunk of chunks) {
    while (next < shas.length && !aligned(chunk, shas[next]) && options.leavesOutEmpty) {
      next++;
    }
    if (next >= shas.length || !aligned(chunk, shas[next])) {
      return undefined;
    }
    pieces.set(shas[next], chunk.slice(shas[next].length + 1));
    next++;
  }
  return pieces;
}
