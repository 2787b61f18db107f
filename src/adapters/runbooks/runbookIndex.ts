// The workspace's runbooks, parsed once and kept: a refresh stats every file and re-parses only
// those whose size or mtime changed, so a watcher event costs one file's parse. A file that does
// not parse contributes its problems and never hides the other runbooks.

import { promises as fsp } from 'node:fs';
import * as path from 'node:path';
import { parseRunbookFile } from '../../core/runbooks/runbookFile';
import { AlertRunbookLink, ParsedRunbookFile, Runbook, RunbookProblem } from '../../core/runbooks/model';
import { DEFAULT_RUNBOOK_GLOBS, discoverRunbookFiles, runbookFileFilter } from './discovery';

interface Entry {
  readonly size: number;
  readonly mtimeMs: number;
  readonly parsed: ParsedRunbookFile;
}

export interface RefreshResult {
  /** Files parsed this time (new or changed). */
  readonly parsed: readonly string[];
  readonly removed: readonly string[];
  readonly unchanged: number;
}

export class RunbookIndex {
  private readonly entries = new Map<string, Entry>();
  private readonly accept: (relative: string) => boolean;
  /** Total files parsed since creation (tests check that a refresh re-parses only what changed). */
  parseCount = 0;

  constructor(readonly root: string, readonly globs: readonly string[] = DEFAULT_RUNBOOK_GLOBS) {
    this.accept = runbookFileFilter(globs);
  }

  /** Walks the folder and brings every entry up to date. */
  async refresh(): Promise<RefreshResult> {
    const files = await discoverRunbookFiles(this.root, this.globs);
    const seen = new Set(files.map((f) => f.relative));
    const removed = [...this.entries.keys()].filter((k) => !seen.has(k));
    for (const k of removed) {
      this.entries.delete(k);
    }
    const parsed: string[] = [];
    let unchanged = 0;
    await Promise.all(
      files.map(async (f) => {
        const changed = await this.updateFile(f.relative);
        if (changed) {
          parsed.push(f.relative);
        } else {
          unchanged++;
        }
      }),
    );
    return { parsed: parsed.sort(), removed, unchanged };
  }

  /**
   * Brings one file up to date (for a watcher's change/create/delete event). Returns true when it
   * was parsed (or removed), false when size and mtime say nothing changed or it is not a runbook.
   */
  async updateFile(relative: string): Promise<boolean> {
    const rel = relative.split(path.sep).join('/');
    if (!this.accept(rel)) {
      return false;
    }
    const absolute = path.join(this.root, rel);
    let stat;
    try {
      stat = await fsp.stat(absolute);
    } catch {
      return this.entries.delete(rel);
    }
    const before = this.entries.get(rel);
    if (before && before.size === stat.size && before.mtimeMs === stat.mtimeMs) {
      return false;
    }
    let text: string;
    try {
      text = await fsp.readFile(absolute, 'utf8');
    } catch (error) {
      const problem: RunbookProblem = { file: rel, line: 1, column: 1, message: `cannot read: ${(error as Error).message}`, severity: 'error' };
      this.entries.set(rel, { size: stat.size, mtimeMs: stat.mtimeMs, parsed: { runbooks: [], problems: [problem], alertLinks: [] } });
      return true;
    }
    this.parseCount++;
    this.entries.set(rel, { size: stat.size, mtimeMs: stat.mtimeMs, parsed: parseRunbookFile(rel, text) });
    return true;
  }

  /** Forgets a deleted file without touching the disk. */
  remove(relative: string): boolean {
    return this.entries.delete(relative.split(path.sep).join('/'));
  }

  get files(): string[] {
    return [...this.entries.keys()].sort();
  }

  get runbooks(): Runbook[] {
    return this.files.flatMap((f) => this.entries.get(f)?.parsed.runbooks ?? []);
  }

  get problems(): RunbookProblem[] {
    return this.files.flatMap((f) => this.entries.get(f)?.parsed.problems ?? []);
  }

  get alertLinks(): AlertRunbookLink[] {
    return this.files.flatMap((f) => this.entries.get(f)?.parsed.alertLinks ?? []);
  }

  fileResult(relative: string): ParsedRunbookFile | undefined {
    return this.entries.get(relative)?.parsed;
  }
}
