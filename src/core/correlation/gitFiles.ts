// Pure parsers of the few files inside a `.git` folder that correlation reads instead of starting git
// (a file is far cheaper than a process); the adapter reads them and asks git for layouts it does not know.

const SHA = /^[0-9a-f]{40}([0-9a-f]{24})?$/;

/** A ref file's (or HEAD's) content: a commit/tag id, or `ref: <other ref>` for a symbolic ref. */
export type RefFileContent = { readonly sha: string } | { readonly symref: string };

export function parseRefFile(text: string): RefFileContent | undefined {
  const line = text.split('\n')[0].trim();
  if (line.startsWith('ref:')) {
    const target = line.slice(4).trim();
    return target ? { symref: target } : undefined;
  }
  return SHA.test(line) ? { sha: line } : undefined;
}

export interface PackedRef {
  /** The object the ref names (a tag object for annotated tags). */
  readonly sha: string;
  /** The commit an annotated tag points to, when `git pack-refs` recorded it (`^<sha>` lines). */
  readonly peeled?: string;
}

/**
 * One ref of `packed-refs`: `<sha> <refname>` lines, each optionally followed by `^<peeled sha>`;
 * `#` lines are the header. Unknown lines are skipped (git itself rejects a corrupt file; we then
 * simply see fewer refs). Only the lines naming `ref` are read: correlation looks up two or three
 * branches in a file that lists every tag (1,144 lines on the bench repository).
 */
export function findPackedRef(text: string, ref: string): PackedRef | undefined {
  let found: PackedRef | undefined;
  for (let at = text.indexOf(ref); at >= 0; at = text.indexOf(ref, at + 1)) {
    const start = text.lastIndexOf('\n', at) + 1;
    let end = text.indexOf('\n', at);
    if (end < 0) {
      end = text.length;
    }
    const line = text.slice(start, end).trimEnd();
    const space = line.indexOf(' ');
    if (line.startsWith('#') || line.startsWith('^') || space <= 0 || line.slice(space + 1) !== ref || !SHA.test(line.slice(0, space))) {
      continue;
    }
    // The last such line wins, with the peeled lines that follow it (blank and # lines between are skipped).
    let entry: PackedRef = { sha: line.slice(0, space) };
    for (let next = end + 1; next < text.length;) {
      let stop = text.indexOf('\n', next);
      if (stop < 0) {
        stop = text.length;
      }
      const following = text.slice(next, stop).trimEnd();
      if (following.startsWith('^')) {
        if (SHA.test(following.slice(1))) {
          entry = { sha: entry.sha, peeled: following.slice(1) };
        }
      } else if (following !== '' && !following.startsWith('#')) {
        break;
      }
      next = stop + 1;
    }
    found = entry;
    at = end;
  }
  return found;
}

/**
 * Every ref of `packed-refs` under `prefix` (`refs/tags/`): name → the object it names. The last
 * line for a name wins, as in `findPackedRef`; `^` (peeled), `#` and unknown lines are skipped.
 */
export function packedRefsUnder(text: string, prefix: string): Map<string, string> {
  const refs = new Map<string, string>();
  for (let at = 0; at < text.length;) {
    let end = text.indexOf('\n', at);
    if (end < 0) {
      end = text.length;
    }
    const space = text.indexOf(' ', at);
    if (space > at && space < end && text.startsWith(prefix, space + 1)) {
      const sha = text.slice(at, space);
      if (SHA.test(sha)) {
        refs.set(text.slice(space + 1, end).trimEnd(), sha);
      }
    }
    at = end + 1;
  }
  return refs;
}

/**
 * git's order of ref names (what for-each-ref sorts by): the byte order of their UTF-8, which is
 * code point order. JavaScript compares UTF-16 units, which puts U+10000 and above (surrogates,
 * 0xD800-0xDFFF) before U+E000-U+FFFF; shifting those two ranges past each other fixes that.
 */
export function compareRefNames(a: string, b: string): number {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) {
      return codePointRank(x) - codePointRank(y);
    }
  }
  return a.length - b.length;
}

function codePointRank(unit: number): number {
  return unit >= 0xe000 ? unit - 0x800 : unit >= 0xd800 ? unit + 0x2000 : unit;
}

/** A `.git` *file* (worktrees, submodules): `gitdir: <path>`, relative to the file's folder or absolute. */
export function parseGitdirFile(text: string): string | undefined {
  const match = /^gitdir:\s*(.+?)\s*$/m.exec(text);
  return match ? match[1] : undefined;
}

/**
 * True when the repository's config moves the work tree (`core.worktree`) or makes it bare: then
 * "the folder holding .git" is not the top level, and the adapter asks git instead.
 */
export function configMovesWorkTree(config: string): boolean {
  let inCore = false;
  for (const raw of config.split('\n')) {
    const line = raw.trim();
    const section = /^\[\s*([^\]\s"]+)/.exec(line);
    if (section) {
      inCore = section[1].toLowerCase() === 'core';
      continue;
    }
    if (inCore && (/^worktree\s*=/i.test(line) || /^bare\s*=\s*(true|yes|on|1)\s*$/i.test(line))) {
      return true;
    }
  }
  return false;
}
