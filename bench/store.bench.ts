// store.fold10k: fold one incident of 10,000 events. store.open500: open a store of 500
// incidents x 50 events from disk (read, parse, fold).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { FileIncidentStore } from '../src/adapters/store/fileStore';
import { parseEventLog, serializeEvent } from '../src/core/eventLog';
import { IncidentEvent } from '../src/core/events';
import { foldIncident } from '../src/core/fold';
import { newIncidentId } from '../src/core/ids';
import { medianMs, report } from './measure';

function events(count: number, start: number): IncidentEvent[] {
  const out: IncidentEvent[] = [
    {
      id: 'declared',
      ts: new Date(start).toISOString(),
      type: 'declared',
      author: 'alice',
      title: 'Checkout down',
      severity: 'SEV1',
      urgency: 'high',
      service: 'checkout',
      startedAt: new Date(start).toISOString(),
      detectedAt: new Date(start).toISOString(),
    },
  ];
  const kinds = ['note', 'decision', 'action', 'hypothesis'];
  for (let i = 1; i < count; i++) {
    const ts = new Date(start + i * 1000).toISOString();
    out.push(
      i % 10 === 0
        ? { id: `e${i}`, ts, type: 'role_assigned', author: 'bob', role: 'commander', person: `p${i % 7}` }
        : { id: `e${i}`, ts, type: 'entry', author: 'bob', kind: kinds[i % 4], text: `observation ${i}: error rate ${i % 100}%` },
    );
  }
  return out;
}

async function main(): Promise<void> {
  const start = Date.parse('2026-11-22T23:00:00Z');
  const tenK = parseEventLog(events(10_000, start).map(serializeEvent).join('')).events;
  report({ bench: 'store.fold10k', value: await medianMs(() => foldIncident('INC-20261122-2300-aaaaaa', tenK), 30), unit: 'ms' });

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'warroom-bench-'));
  try {
    const store = new FileIncidentStore(dir);
    for (let i = 0; i < 500; i++) {
      const id = newIncidentId(new Date(start - i * 3_600_000), new Uint8Array([i % 256, i >> 8, 7, 7, 7, 7]));
      fs.mkdirSync(path.join(dir, id));
      fs.writeFileSync(
        store.eventsFile(id),
        events(50, start - i * 3_600_000)
          .map(serializeEvent)
          .join(''),
      );
    }
    let count = 0;
    const value = await medianMs(async () => {
      count = (await store.loadAll()).incidents.length;
    }, 10);
    report({ bench: 'store.open500', value, unit: 'ms', incidents: count, events: count * 50 });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

void main();
