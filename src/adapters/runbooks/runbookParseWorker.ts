// The runbook parser's own thread (bundled as dist/runbookParseWorker.js): RunbookIndex sends
// each file's text here, so a file that parses slowly delays its own entry, never the extension
// host, and one that takes too long is stopped (see WorkerParser).
import { parentPort } from 'node:worker_threads';
import { parseRunbookFile } from '../../core/runbooks/runbookFile';

parentPort?.on('message', (m: { file: string; text: string }) => {
  parentPort?.postMessage({ parsed: parseRunbookFile(m.file, m.text) });
});
