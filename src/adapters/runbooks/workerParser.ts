// Parses runbook files in a worker thread with a time limit per file. The parsers are linear
// (issue #10), but a runbook comes from a teammate or a cloned repository: if one ever takes too
// long, the worker is terminated, the file is reported as a problem naming it, and the next file
// gets a fresh worker. The worker is started on first use and unref'd while idle.

import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { ParsedRunbookFile } from '../../core/runbooks/model';

/** Generous: a 500 KB runbook parses in tens of milliseconds; a busy machine may be ten times slower. */
export const PARSE_TIME_LIMIT_MS = 3_000;

/** Next to this module both in dist/ (esbuild entry `runbookParseWorker`) and in out/ (tsc). */
const WORKER_SCRIPT = path.join(__dirname, 'runbookParseWorker.js');

interface Pending {
  readonly resolve: (parsed: ParsedRunbookFile) => void;
  readonly reject: (error: Error) => void;
  readonly timer: NodeJS.Timeout;
}

export class WorkerParser {
  private worker: Worker | undefined;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;

  constructor(private readonly timeLimitMs = PARSE_TIME_LIMIT_MS, private readonly script = WORKER_SCRIPT) {}

  parse(file: string, text: string): Promise<ParsedRunbookFile> {
    const worker = this.started();
    const id = this.nextId++;
    return new Promise<ParsedRunbookFile>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        this.stop(new Error('stopped: another file took too long to parse'));
        const message = `took too long to parse (over ${this.timeLimitMs / 1000} s): left out`;
        resolve({ runbooks: [], alertLinks: [], problems: [{ file, line: 1, column: 1, message, severity: 'error' }] });
      }, this.timeLimitMs);
      this.pending.set(id, { resolve, reject, timer });
      worker.ref();
      worker.postMessage({ id, file, text });
    });
  }

  /** Terminates the worker; files waiting for it are rejected. */
  dispose(): void {
    this.stop(new Error('the runbook parser was disposed'));
  }

  private started(): Worker {
    if (!this.worker) {
      const worker = new Worker(this.script);
      worker.on('message', (m: { id: number; parsed: ParsedRunbookFile }) => {
        const waiting = this.pending.get(m.id);
        if (waiting) {
          this.pending.delete(m.id);
          clearTimeout(waiting.timer);
          waiting.resolve(m.parsed);
        }
        if (this.pending.size === 0) {
          worker.unref(); // idle: it must not keep a CLI or a test process alive
        }
      });
      worker.on('error', (error) => this.stop(error));
      worker.on('exit', () => {
        if (this.worker === worker) {
          this.stop(new Error('the runbook parser stopped'));
        }
      });
      this.worker = worker;
    }
    return this.worker;
  }

  private stop(error: Error): void {
    const worker = this.worker;
    this.worker = undefined;
    for (const [id, waiting] of this.pending) {
      clearTimeout(waiting.timer);
      waiting.reject(error);
      this.pending.delete(id);
    }
    void worker?.terminate();
  }
}
