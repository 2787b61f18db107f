// Parses one generated hostile postmortem in a thread of its own, so a test can stop it if it hangs.
import { parentPort, workerData } from 'node:worker_threads';
import { parsePostmortem } from '../../src/core/learning/postmortemImport';

const { text } = workerData as { text: string };
const result = parsePostmortem(text);
parentPort?.postMessage({ events: result.events.length, unplaced: result.unplaced.length });
