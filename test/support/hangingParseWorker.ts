// A runbook parse worker that never answers for a file whose name holds "hang", standing in for a
// parser regression, so the index's time limit can be tested. Other files parse as usual.
import { parentPort } from 'node:worker_threads';
import { parseRunbookFile } from '../../src/core/runbooks/runbookFile';

parentPort?.on('message', (m: { file: string; text: string }) => {
  if (m.file.includes('hang')) {
    for (;;) {
      // spins until terminated
    }
  }
  parentPort?.postMessage({ parsed: parseRunbookFile(m.file, m.text) });
});
