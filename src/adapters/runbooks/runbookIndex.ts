// The workspace's runbooks, parsed once and kept: a refresh re-parses only files whose size or mtime
// changed, and a file that does not parse never hides the others. Sync reads and a worker: docs/ARCHITECTURE.md.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseRunbookFile } from '../../core/runbooks/runbookFile';
import { AlertRunbookLink, ParsedRunbookFile, Runbook, RunbookProblem } from '../../core/runbooks/model';
import { MAX_RUNBOOK_CHARS } from '../../core/runbooks/text';
import { DEFAULT_RUNBOOK_GLOBS, discoverRunbookFiles, runbookFileFilter } from './discovery';
import { WorkerParser } from './workerParser';

/** Longest stretch of synchronous reading and parsing before a refresh lets other work run. */
const SLICE_MS = 12;

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/** What the getters return, worked out once per change rather than on every call. */
interface Views {
  readonly files: readonly string[];
  readonly runbooks: readonly Runbook[];
  readonly problems: readonly RunbookProblem[];
  readonly alertLinks: readonly AlertRunbookLink[];
}

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

/** A worker that could not start or crashed: the file says so rather than the whole refresh failing. */
function failedParse(file: string): (error: Error) => ParsedRunbookFile {
  return (error) => ({
    runbooks: [],
    alertLinks: [],
    problems: [{ file, line: 1, column: 1, message: `could not parse: ${error.message}`, severity: 'error' }],
  });
}

export interface RunbookIndexOptions {
  /** Parse in a worker thread with this time limit per file (ms); false: in this thread. Default: a worker, 3 s. */
  readonly worker?: false | { readonly timeLimitMs?: number; /** Tests: another worker script. */ readonly script?: string };
  /**
   * A parser shared with other indexes (the window's other folders, or the indexes a settings change
   * replaces): its thread is already warm. Its owner stops it; `dispose` here leaves it running.
   */
  readonly parser?: WorkerParser;
}

export class RunbookIndex {
  private readonly entries = new Map<string, Entry>();
  private readonly accept: (relative: string) => boolean;
  private readonly parser: WorkerParser | undefined;
  private readonly ownsParser: boolean;
  private views: Views | undefined;
  /** Total files parsed since creation (tests check that a refresh re-parses only what changed). */
  parseCount = 0;

  constructor(
    readonly root: string,
    readonly globs: readonly string[] = DEFAULT_RUNBOOK_GLOBS,
    options: RunbookIndexOptions = {},
  ) {
    this.accept = runbookFileFilter(globs);
    this.ownsParser = options.parser === undefined;
    this.parser =
      options.parser ?? (options.worker === false ? undefined : new WorkerParser(options.worker?.timeLimitMs, options.worker?.script));
  }

  /** Stops the parser's worker thread, if this index started it (a shared parser is its owner's to stop). */
  dispose(): void {
    if (this.ownsParser) {
      this.parser?.dispose();
    }
  }

  /** Walks the folder and brings every entry up to date. */
  async refresh(): Promise<RefreshResult> {
    const files = await discoverRunbookFiles(this.root, this.globs);
    const seen = new Set(files.map((f) => f.relative));
    const removed = [...this.entries.keys()].filter((k) => !seen.has(k));
    for (const k of removed) {
      this.forget(k);
    }
    const parsed: string[] = [];
    let unchanged = 0;
    let sliceEnd = performance.now() + SLICE_MS;
    // Loads are started without waiting for each parse, so a worker gets the files as one queue.
    const loads: Promise<void>[] = [];
    for (const f of files) {
      loads.push(
        this.load(f.relative, true).then((changed) => {
          if (changed) {
            parsed.push(f.relative);
          } else {
            unchanged++;
          }
        }),
      );
      if (performance.now() > sliceEnd) {
        await yieldToEventLoop();
        sliceEnd = performance.now() + SLICE_MS;
      }
    }
    await Promise.all(loads);
    return { parsed: parsed.sort(), removed, unchanged };
  }

  /**
   * Brings one file up to date (for a watcher's change/create/delete event). Returns true when it
   * was parsed (or removed), false when size and mtime say nothing changed or it is not a runbook.
   */
  async updateFile(relative: string): Promise<boolean> {
    return this.load(relative);
  }

  /** The root as the file system resolves it, for telling a file inside from one a link reaches. */
  private realRoot: string | undefined;

  /** updateFile's work: synchronous up to the parse, which waits for the worker when there is one. */
  private async load(relative: string, walked = false): Promise<boolean> {
    const rel = relative.split(path.sep).join('/');
    if (!this.accept(rel)) {
      return false;
    }
    const absolute = path.join(this.root, rel);
    let stat;
    try {
      // As the folder walk: a link (to ~/.aws/credentials, say, committed to a cloned repository), a
      // FIFO or a file reached through a linked folder is no runbook, whatever a watcher reports.
      stat = fs.lstatSync(absolute);
      // The walk enters no linked folder; a watcher's path is checked to be inside the root.
      if (!stat.isFile() || (!walked && !isInside((this.realRoot ??= fs.realpathSync(this.root)), fs.realpathSync(absolute)))) {
        return this.forget(rel);
      }
    } catch {
      return this.forget(rel);
    }
    const before = this.entries.get(rel);
    if (before && before.size === stat.size && before.mtimeMs === stat.mtimeMs) {
      return false;
    }
    this.views = undefined;
    if (stat.size > MAX_RUNBOOK_CHARS) {
      // Not even read: a runbook this size is a mistake or an attack (the core parser refuses it too).
      const message = `file is ${stat.size} bytes (over ${MAX_RUNBOOK_CHARS}): not read as a runbook`;
      this.entries.set(rel, {
        size: stat.size,
        mtimeMs: stat.mtimeMs,
        parsed: { runbooks: [], problems: [{ file: rel, line: 1, column: 1, message, severity: 'error' }], alertLinks: [] },
      });
      return true;
    }
    let text: string;
    try {
      text = readNoFollow(absolute);
    } catch (error) {
      const problem: RunbookProblem = {
        file: rel,
        line: 1,
        column: 1,
        message: `cannot read: ${(error as Error).message}`,
        severity: 'error',
      };
      this.entries.set(rel, { size: stat.size, mtimeMs: stat.mtimeMs, parsed: { runbooks: [], problems: [problem], alertLinks: [] } });
      return true;
    }
    this.parseCount++;
    const parsed = this.parser ? await this.parser.parse(rel, text).catch(failedParse(rel)) : parseRunbookFile(rel, text);
    this.entries.set(rel, { size: stat.size, mtimeMs: stat.mtimeMs, parsed });
    this.views = undefined;
    return true;
  }

  /** Forgets a deleted file without touching the disk. */
  remove(relative: string): boolean {
    return this.forget(relative.split(path.sep).join('/'));
  }

  private forget(rel: string): boolean {
    const had = this.entries.delete(rel);
    if (had) {
      this.views = undefined;
    }
    return had;
  }

  /**
   * The getters' arrays, built once per change. The runbooks array is frozen and stays the same
   * object until something changes, so matchRunbooks can keep its candidate index for it.
   */
  private currentViews(): Views {
    if (!this.views) {
      const files = [...this.entries.keys()].sort();
      const parsed = files.map((f) => (this.entries.get(f) as Entry).parsed);
      this.views = {
        files: Object.freeze(files),
        runbooks: Object.freeze(parsed.flatMap((p) => p.runbooks)),
        problems: Object.freeze(parsed.flatMap((p) => p.problems)),
        alertLinks: Object.freeze(parsed.flatMap((p) => p.alertLinks)),
      };
    }
    return this.views;
  }

  get files(): string[] {
    return [...this.currentViews().files];
  }

  /** The same frozen array until a file changes (see currentViews). */
  get runbooks(): readonly Runbook[] {
    return this.currentViews().runbooks;
  }

  get problems(): RunbookProblem[] {
    return [...this.currentViews().problems];
  }

  get alertLinks(): readonly AlertRunbookLink[] {
    return this.currentViews().alertLinks;
  }

  fileResult(relative: string): ParsedRunbookFile | undefined {
    return this.entries.get(relative)?.parsed;
  }
}

/** `file` is `root` or below it (both real paths). */
function isInside(root: string, file: string): boolean {
  const relative = path.relative(root, file);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

/** A file's text, refusing a link swapped in since it was checked, without blocking on a FIFO. */
function readNoFollow(file: string): string {
  const fd = fs.openSync(file, fs.constants.O_RDONLY | (fs.constants.O_NOFOLLOW ?? 0) | (fs.constants.O_NONBLOCK ?? 0));
  try {
    return fs.readFileSync(fd, 'utf8');
  } finally {
    fs.closeSync(fd);
  }
}
