// A separate writer process for the concurrency tests: appends COUNT notes to one incident.
// Usage: node appendWorker.js <dataDir> <incidentId> <count> <tag>
import { FileIncidentStore } from '../../src/adapters/store/fileStore';

async function main(): Promise<void> {
  const [dataDir, incidentId, count, tag] = process.argv.slice(2);
  const store = new FileIncidentStore(dataDir);
  process.send?.('started');
  for (let i = 0; i < Number(count); i++) {
    await store.append(incidentId, { type: 'entry', kind: 'note', text: `${tag} ${i} ${'x'.repeat(i % 300)}` }, tag);
  }
}

void main();
