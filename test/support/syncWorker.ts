// A separate team sync client process for the fault and load tests.
// Usage: node syncWorker.js kill <url> <dataDir> <incidentId>
//          connects, appends one note locally and dies by SIGKILL before it can be inserted.
//        node syncWorker.js load <url> <dataDir> <incidentId> <count> <tag> <total>
//          appends <count> notes while connected, then waits until the local log holds <total> events.
import { FileIncidentStore } from '../../src/adapters/store/fileStore';
import { WatchedClient } from './syncHelpers';

async function main(): Promise<void> {
  const [mode, url, dataDir, incidentId, count, tag, total] = process.argv.slice(2);
  const store = new FileIncidentStore(dataDir);
  const watched = new WatchedClient(store, url);
  watched.client.start();
  // Generous: four of these start at once on a machine other tests share.
  await watched.untilLive(300_000);
  if (mode === 'kill') {
    await store.append(incidentId, { type: 'entry', kind: 'note', text: 'written just before the crash' }, 'victim');
    watched.client.localAppend(incidentId);
    // Synchronously, before the queued insert can run.
    process.kill(process.pid, 'SIGKILL');
    return;
  }
  await watched.until(async () => (await store.load(incidentId)) !== undefined, 'the incident to arrive', 300_000);
  for (let i = 0; i < Number(count); i++) {
    await store.append(incidentId, { type: 'entry', kind: 'note', text: `${tag} ${i}` }, tag);
    watched.client.localAppend(incidentId);
  }
  await watched.until(async () => (await store.load(incidentId))?.incident.events.length === Number(total), `${total} events`, 600_000);
  await watched.client.stop();
}

main().then(
  () => process.exit(0),
  (error: Error) => {
    process.stderr.write(`${error.stack}\n`);
    process.exit(1);
  },
);
