// Paths from settings and other outside input (a workspace's settings.json travels with the
// repository) must stay in the folder they are relative to. The real path is what counts: a symlink
// on the way may lead out, and a path not created yet lands where its deepest existing parent is.

import * as fs from 'node:fs';
import * as path from 'node:path';

/** True when `target` is `base` or below it (both absolute). */
export function within(base: string, target: string): boolean {
  const relative = path.relative(base, target);
  return relative === '' || (relative !== '..' && !relative.startsWith(`..${path.sep}`) && !path.isAbsolute(relative));
}

/**
 * `target` resolved against `root` (absolute, symlinks kept), or undefined when it or its real path
 * lies outside `root`'s real path, or a dangling symlink on the way could lead anywhere.
 */
export function resolveInside(root: string, target: string): string | undefined {
  const absolute = path.resolve(root, target);
  let realRoot: string;
  try {
    realRoot = fs.realpathSync(root);
  } catch {
    return undefined;
  }
  if (!within(path.resolve(root), absolute)) {
    return undefined;
  }
  const rest: string[] = [];
  for (let existing = absolute; ; existing = path.dirname(existing)) {
    try {
      return within(realRoot, path.join(fs.realpathSync(existing), ...rest)) ? absolute : undefined;
    } catch {
      if (!missing(existing) || path.dirname(existing) === existing) {
        return undefined; // there but unresolvable: a dangling symlink, a loop, a file as a folder
      }
      rest.unshift(path.basename(existing));
    }
  }
}

function missing(file: string): boolean {
  try {
    return fs.lstatSync(file, { throwIfNoEntry: false }) === undefined;
  } catch {
    return false;
  }
}

/**
 * A regular file's text, at most `maxBytes`; otherwise why not. Opened without blocking, so a FIFO
 * (or a device) named by a setting cannot hold the caller up before it is refused.
 */
export function readRegularFile(file: string, maxBytes: number): { readonly text: string } | { readonly problem: string } {
  let fd: number;
  try {
    fd = fs.openSync(file, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0));
  } catch (error) {
    return { problem: (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'not found' : `cannot be opened (${String(error)})` };
  }
  try {
    const stat = fs.fstatSync(fd);
    if (!stat.isFile()) {
      return { problem: 'is not a regular file' };
    }
    if (stat.size > maxBytes) {
      return { problem: `is larger than ${Math.round(maxBytes / 1024 / 1024)} MB` };
    }
    const buffer = Buffer.alloc(stat.size);
    const read = fs.readSync(fd, buffer, 0, stat.size, 0);
    return { text: buffer.toString('utf8', 0, read) };
  } finally {
    fs.closeSync(fd);
  }
}
