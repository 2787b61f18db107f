// Reads both versions of each dependency manifest the candidate commits changed (package.json, go.mod,
// Cargo.toml, pyproject.toml...), in one `git cat-file --batch`, so the ranking can say which
// dependency moved, or that none did (core/correlation/manifests.ts).

import {
  dependencyChanges,
  dependencyFileMaxBytes,
  isReadableLockfile,
  LOCKFILE_MAX_BYTES,
  lockfilesLast,
  readsDependencies,
} from '../../core/correlation/manifests';
import type { Commit, FileChange } from '../../core/correlation/model';
import { runGit, runGitBytes } from './gitSpawn';

/** Manifest versions read per correlation at most (two per changed manifest), newest commits first. */
export const MANIFEST_READS_MAX = 400;

/**
 * Manifests read per commit at most. A bump across a monorepo's modules changes the same line in
 * each of its go.mod files; a module moved to another folder deletes one go.mod, adds another, and
 * points each go.mod that replaced it at the new folder (etcd's #15591 rewrote four): each is read,
 * so one that only follows the move is not called a dependency change. The rest are judged by
 * their path; MANIFEST_READS_MAX still bounds a correlation.
 */
export const MANIFESTS_PER_COMMIT = 8;

/**
 * Lockfile versions read per correlation at most (of the MANIFEST_READS_MAX), newest commits first:
 * one can be megabytes. The rest say "changes dependencies" by their path, as before they were read.
 */
export const LOCKFILE_READS_MAX = 16;

/** What `git cat-file` may print in all; past it nothing is read (a lockfile far larger than any real one). */
const BATCH_MAX_BYTES = 64 * 1024 * 1024;

interface Wanted {
  readonly commit: number;
  readonly file: number;
  readonly before?: string;
  readonly after?: string;
}

/**
 * `commits` with `dependencies` set on each readable manifest they changed (those that have it
 * already are not read again). A file git cannot give
 * (a snapshot lacking the object, a path holding a newline) is left as it was: its path decides.
 * Never rejects: without git's answer the commits come back unchanged.
 */
export async function withDependencyChanges(repoDir: string, binary: string, commits: readonly Commit[]): Promise<Commit[]> {
  const wanted: Wanted[] = [];
  let reads = 0;
  let lockReads = 0;
  commits.forEach((commit, c) => {
    let inCommit = 0;
    // Manifests before lockfiles (lockfilesLast), among the files that can be read at all.
    const readable: number[] = [];
    commit.files.forEach((file, f) => (readsDependencies(file.path) ? readable.push(f) : undefined));
    readable.sort((a, b) => lockfilesLast(commit.files[a], commit.files[b]));
    readable.forEach((f) => {
      const file = commit.files[f];
      if (inCommit >= MANIFESTS_PER_COMMIT || file.path.includes('\n') || !['added', 'modified', 'deleted'].includes(file.status)) {
        return;
      }
      const parent = commit.parents[0];
      const before = file.status === 'added' || !parent ? undefined : `${parent}:${file.path}`;
      const after = file.status === 'deleted' ? undefined : `${commit.sha}:${file.path}`;
      const cost = (before ? 1 : 0) + (after ? 1 : 0);
      const lock = isReadableLockfile(file.path);
      if (lock && lockReads + cost > LOCKFILE_READS_MAX) {
        return;
      }
      if (reads + cost <= MANIFEST_READS_MAX && (before || after)) {
        reads += cost;
        lockReads += lock ? cost : 0;
        inCommit++;
        // Read by an earlier correlation (a remembered commit): counted, so the same files are read
        // on every run, but not asked for again.
        if (file.dependencies === undefined) {
          wanted.push({ commit: c, file: f, ...(before ? { before } : {}), ...(after ? { after } : {}) });
        }
      }
    });
  });
  const read = await withinSizes(repoDir, binary, wanted, commits);
  if (!read.length) {
    return [...commits];
  }
  const specs = read.flatMap((w) => [w.before, w.after].filter((s): s is string => s !== undefined));
  const result = await runGitBytes(repoDir, binary, ['cat-file', '--batch'], `${specs.join('\n')}\n`, BATCH_MAX_BYTES);
  if (result.code !== 0) {
    return [...commits];
  }
  const blobs = parseBatch(result.stdout, specs);
  const files = commits.map((c) => [...c.files]);
  for (const w of read) {
    // A side git did not answer for (missing, too large, output cut short) is unknown, not absent.
    const before = w.before === undefined ? undefined : (blobs.get(w.before) ?? null);
    const after = w.after === undefined ? undefined : (blobs.get(w.after) ?? null);
    if (before === null || after === null) {
      continue; // the path decides
    }
    const file: FileChange = files[w.commit][w.file];
    const changes = dependencyChanges(file.path, before, after);
    if (changes) {
      files[w.commit][w.file] = { ...file, dependencies: changes };
    }
  }
  return commits.map((c, i) => (files[i].every((f, j) => f === c.files[j]) ? c : { ...c, files: files[i] }));
}

/**
 * The wanted files worth reading: a lockfile is first asked its size (`cat-file --batch-check`, a few
 * milliseconds), and one past LOCKFILE_MAX_BYTES is left to its path rather than piped through whole
 * (prometheus's web/ui/package-lock.json is 1.2 MB, and a window can hold a dozen bumps of it).
 */
async function withinSizes(repoDir: string, binary: string, wanted: readonly Wanted[], commits: readonly Commit[]): Promise<Wanted[]> {
  const locks = wanted.filter((w) => isReadableLockfile(commits[w.commit].files[w.file].path));
  if (!locks.length) {
    return [...wanted];
  }
  const specs = locks.flatMap((w) => [w.before, w.after].filter((s): s is string => s !== undefined));
  const result = await runGit(repoDir, binary, ['cat-file', '--batch-check=%(objectsize)'], `${specs.join('\n')}\n`);
  const sizes = result.code === 0 ? result.stdout.split('\n') : [];
  const tooLarge = new Set(specs.filter((_, i) => !/^\d+$/.test(sizes[i] ?? '') || Number(sizes[i]) > LOCKFILE_MAX_BYTES));
  return wanted.filter((w) => !(w.before && tooLarge.has(w.before)) && !(w.after && tooLarge.has(w.after)));
}

/**
 * `git cat-file --batch` output, in the order of `specs`: `<oid> blob <size>\n<bytes>\n` or
 * `<spec> missing\n`. Each spec maps to its text (UTF-8), or null when git had no blob for it or
 * it is larger than a manifest can be.
 */
function parseBatch(out: Buffer, specs: readonly string[]): Map<string, string | null> {
  const blobs = new Map<string, string | null>();
  let at = 0;
  for (const spec of specs) {
    const eol = out.indexOf(0x0a, at);
    if (eol < 0) {
      break;
    }
    const header = /^[0-9a-f]+ (\w+) (\d+)$/.exec(out.subarray(at, eol).toString('utf8'));
    at = eol + 1;
    if (!header) {
      blobs.set(spec, null); // `<spec> missing`, `ambiguous`
      continue;
    }
    const size = Number(header[2]);
    const max = dependencyFileMaxBytes(spec.slice(spec.indexOf(':') + 1));
    blobs.set(spec, header[1] === 'blob' && size <= max ? out.subarray(at, at + size).toString('utf8') : null);
    at += size + 1;
  }
  return blobs;
}
