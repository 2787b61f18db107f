// Parses runbook files in a worker thread with a time limit per file. The parsers are linear
// (issue #10), but a runbook comes from a teammate or a cloned repository: if one ever takes too
// long, the worker is terminated, the file is reported as a problem naming it, and the next file
// gets a fresh worker. The worker is started on first use and unref'd while idle. One parser can
// serve several indexes (a window's folders): one thread, warm after the first index.

import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { ParsedRunbookFile } from '../../core/runbooks/model';

/** Generous: a 500 KB runbook parses in tens of milliseconds; a busy machine may be ten times slower. */
export const PARSE_TIME_LIMIT_MS = 3_000;

/** Next to this module both in dist/ (esbuild entry `runbookParseWorker`) and in out/ (tsc). */
const WORKER_SCRIPT = path.join(__dirname, 'runbookParseWorker.js');

interface Pending {
  readonly file: string;
  readonly text: string;
  readonly resolve: (parsed: ParsedRunbookFile) => void;
  readonly reject: (error: Error) => void;
}

/**
 * Files are queued to the worker without waiting for each answer (a refresh of 1,000 files is one
 * burst of messages, not 1,000 round trips); the worker answers in order, so the time limit runs
 * for the oldest unanswered file only, from when the answer before it came.
 */
export class WorkerParser {
  private worker: Worker | undefined;
  private readonly queue: Pending[] = [];
  private timer: NodeJS.Timeout | undefined;
  /** Threads started so far: one for the parser's life, plus one after each file that took too long. */
  threadsStarted = 0;

  constructor(
    private readonly timeLimitMs = PARSE_TIME_LIMIT_MS,
    private readonly script = WORKER_SCRIPT,
  ) {}

  parse(file: string, text: string): Promise<ParsedRunbookFile> {
    return new Promise<ParsedRunbookFile>((resolve, reject) => {
      const pending = { file, text, resolve, reject };
      this.queue.push(pending);
      this.send(pending);
      if (this.queue.length === 1) {
        this.arm();
      }
    });
  }

  /** Terminates the worker; files waiting for it are rejected. */
  dispose(): void {
    this.fail(new Error('the runbook parser was disposed'));
  }

  private send(pending: Pending): void {
    const worker = this.started();
    worker.ref();
    worker.postMessage({ file: pending.file, text: pending.text });
  }

  private arm(): void {
    clearTimeout(this.timer);
    this.timer = this.queue.length ? setTimeout(() => this.tooLong(), this.timeLimitMs) : undefined;
  }

  /** The oldest file took too long: it becomes a problem, and a new worker takes the files after it. */
  private tooLong(): void {
    const stuck = this.queue.shift();
    void this.worker?.terminate();
    this.worker = undefined;
    if (stuck) {
      const message = `took too long to parse (over ${this.timeLimitMs / 1000} s): left out`;
      stuck.resolve({ runbooks: [], alertLinks: [], problems: [{ file: stuck.file, line: 1, column: 1, message, severity: 'error' }] });
    }
    this.queue.forEach((p) => this.send(p));
    this.arm();
  }

  private started(): Worker {
    if (!this.worker) {
      const worker = new Worker(this.script);
      this.threadsStarted++;
      worker.on('message', (m: { parsed: ParsedRunbookFile }) => {
        if (this.worker !== worker) {
          return; // an answer from a worker already replaced
        }
        this.queue.shift()?.resolve(m.parsed);
        this.arm();
        if (this.queue.length === 0) {
          worker.unref(); // idle: it must not keep a CLI or a test process alive
        }
      });
      worker.on('error', (error) => {
        if (this.worker === worker) {
          this.fail(error);
        }
      });
      worker.on('exit', () => {
        if (this.worker === worker) {
          this.fail(new Error('the runbook parser stopped'));
        }
      });
      this.worker = worker;
    }
    return this.worker;
  }

  private fail(error: Error): void {
    const worker = this.worker;
    this.worker = undefined;
    clearTimeout(this.timer);
    this.queue.splice(0).forEach((p) => p.reject(error));
    void worker?.terminate();
  }
}
