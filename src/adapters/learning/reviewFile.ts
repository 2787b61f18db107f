// Writes an incident's post-incident review into the repository: a new file the first time, and
// afterwards a merge that refreshes only War Room's blocks. A person's file is never overwritten:
// the file for another incident gets a suffix, and a file that is not War Room's is refused.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Incident } from '../../core/incident';
import { mergeReview, renderReview, reviewFileName, reviewIncidentId } from '../../core/learning/review';
import { readRegularFile, resolveInside } from '../insideFolder';

export const DEFAULT_REVIEWS_FOLDER = 'docs/incidents';
/** A review larger than this is not one War Room wrote; it is refused rather than read. */
const MAX_REVIEW_BYTES = 8 * 1024 * 1024;

export interface DraftedReview {
  readonly file: string;
  readonly created: boolean;
  /** Markers left alone in a merge, with their 1-based lines. */
  readonly problems: readonly { readonly line: number; readonly message: string }[];
}

export class ReviewFileError extends Error {}

/** The folder reviews go in, absolute; refused when the setting leads outside the repository. */
export function reviewsFolder(root: string, setting: string | undefined): string {
  const folder = setting?.trim() || DEFAULT_REVIEWS_FOLDER;
  const dir = resolveInside(root, folder);
  if (!dir) {
    throw new ReviewFileError(`The reviews folder "${folder}" leads outside ${root}.`);
  }
  return dir;
}

function readReview(file: string): string {
  const read = readRegularFile(file, MAX_REVIEW_BYTES);
  if ('problem' in read) {
    throw new ReviewFileError(`${file} ${read.problem}`);
  }
  return read.text;
}

function isLink(file: string): boolean {
  return fs.lstatSync(file, { throwIfNoEntry: false })?.isSymbolicLink() ?? false;
}

/** The incident's review in `dir`: the file that names it in its front matter, else a free name. */
export function findReviewFile(dir: string, incident: Incident): { readonly file: string; readonly exists: boolean } {
  const names = fs.existsSync(dir) ? fs.readdirSync(dir).filter((n) => n.endsWith('.md')) : [];
  const preferred = reviewFileName(incident);
  // The name it would get first (a renamed title still finds its file through the front matter).
  for (const name of [preferred, ...names.filter((n) => n !== preferred).sort()]) {
    const file = path.join(dir, name);
    if (fs.existsSync(file) && !isLink(file) && fs.statSync(file).isFile() && reviewIncidentId(headOf(file)) === incident.id) {
      return { file, exists: true };
    }
  }
  for (let n = 1; ; n++) {
    const file = path.join(dir, reviewFileName(incident, n));
    if (!fs.existsSync(file) && !isLink(file)) {
      return { file, exists: false };
    }
  }
}

function headOf(file: string): string {
  const fd = fs.openSync(file, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0));
  try {
    const buffer = Buffer.alloc(8192);
    return buffer.toString('utf8', 0, fs.readSync(fd, buffer, 0, buffer.length, 0));
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Drafts or re-drafts the review. `file` given (the CLI's --out): that file, which must be new or
 * this incident's review. `root` is the repository, so links from the review lead into the code.
 */
export function draftReview(root: string, dir: string, incident: Incident, file?: string): DraftedReview {
  const target = file ? { file, exists: fs.existsSync(file) || isLink(file) } : findReviewFile(dir, incident);
  const reviewDir = path.relative(root, path.dirname(target.file)).split(path.sep).join('/');
  if (!target.exists) {
    fs.mkdirSync(path.dirname(target.file), { recursive: true });
    // `wx`: a file that appeared since the check is not ours to replace.
    fs.writeFileSync(target.file, renderReview(incident, { reviewDir }), { flag: 'wx' });
    return { file: target.file, created: true, problems: [] };
  }
  if (isLink(target.file)) {
    throw new ReviewFileError(`${target.file} is a symbolic link; War Room writes reviews only to regular files.`);
  }
  const existing = readReview(target.file);
  const owner = reviewIncidentId(existing);
  if (owner !== incident.id) {
    throw new ReviewFileError(
      `${target.file} is ${owner ? `the review of ${owner}` : 'not a War Room review (no "incident:" in its front matter)'}; it was left as it is.`,
    );
  }
  const merged = mergeReview(existing, incident, { reviewDir });
  if (merged.text !== existing) {
    // Written beside and renamed over: a crash mid-write never leaves a truncated review.
    const temp = `${target.file}.${process.pid}.tmp`;
    fs.writeFileSync(temp, merged.text, { flag: 'wx' });
    fs.renameSync(temp, target.file);
  }
  return { file: target.file, created: false, problems: merged.problems };
}
