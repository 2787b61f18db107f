// metrics.5000: every KPI, recurrence and its patterns over 5,000 incidents (a year of a busy
// organisation: 10 services, ~25 events each with milestones, causes, runbooks and action items),
// for the dashboard's 365-day period (the largest), incidents already folded as the model holds them.
import { IncidentEvent } from '../src/core/events';
import { foldIncident } from '../src/core/fold';
import { Incident } from '../src/core/incident';
import { computeMetrics } from '../src/core/learning/metrics';
import { medianMs, report } from './measure';

const NOW = Date.parse('2026-12-01T00:00:00Z');
const DAY = 86_400_000;
const SEVERITIES = ['SEV1', 'SEV2', 'SEV3', 'SEV4'];

// Deterministic, so every run measures the same history.
let seed = 42;
const random = (): number => {
  seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
  return seed / 2 ** 31;
};
const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)];
const hex = (n: number): string => n.toString(16).padStart(40, '0');

function incident(i: number): Incident {
  const started = NOW - random() * 365 * DAY;
  const iso = (minutes: number) => new Date(started + minutes * 60_000).toISOString();
  const service = `service-${i % 10}`;
  const event = (minutes: number, type: string, fields: Record<string, unknown>): IncidentEvent => ({
    id: `e${i}-${minutes}-${type}`,
    ts: iso(minutes),
    type,
    author: 'alice',
    ...fields,
  });
  const events: IncidentEvent[] = [
    event(5, 'declared', {
      title: `Incident ${i}`,
      severity: pick(SEVERITIES),
      urgency: 'high',
      service,
      startedAt: iso(0),
      detectedAt: iso(5 + Math.floor(random() * 20)),
      ...(i % 50 === 0 ? { drill: true } : {}),
    }),
  ];
  for (let m = 0; m < 15; m++) {
    events.push(event(6 + m, 'entry', { kind: 'note', text: `observation ${m}` }));
  }
  if (random() < 0.8) events.push(event(30, 'milestone_set', { milestone: 'acknowledged', at: iso(30) }));
  if (random() < 0.7) events.push(event(60, 'milestone_set', { milestone: 'mitigated', at: iso(60 + Math.floor(random() * 120)) }));
  events.push(event(10, 'suspect_marked', { sha: hex(Math.floor(random() * 400)), verdict: 'cause' }));
  events.push(event(11, 'runbook_linked', { runbook: `runbook-${Math.floor(random() * 30)}` }));
  for (let a = 0; a < 2; a++) {
    const itemId = `ACT-${(i * 2 + a).toString(36).padStart(8, '0')}`;
    events.push(
      event(200 + a, 'action_item_added', {
        itemId,
        title: 'Follow up',
        kind: 'prevent',
        due: new Date(started + (7 + Math.floor(random() * 30)) * DAY).toISOString().slice(0, 10),
        links: [`src/module${Math.floor(random() * 200)}/file.ts:${a + 1}`],
      }),
    );
    if (random() < 0.6) events.push(event(300 + a, 'action_item_closed', { itemId, outcome: 'done' }));
  }
  if (random() < 0.9) events.push(event(240 + Math.floor(random() * 600), 'resolved', { resolution: 'fixed' }));
  return foldIncident(`INC-bench-${i}`, events);
}

async function main(): Promise<void> {
  const incidents = Array.from({ length: 5000 }, (_, i) => incident(i));
  // Files of the 400 cause commits, as the git adapter would have read them.
  const files = new Map<string, string[]>();
  for (let c = 0; c < 400; c++) files.set(hex(c), [`src/module${c % 200}/file.ts`, `src/shared/util${c % 40}.ts`]);
  let patterns = 0;
  let runs = 0;
  const cpu = process.cpuUsage();
  const value = await medianMs(
    () => {
      const m = computeMetrics(incidents, { now: new Date(NOW), days: 365, filesOf: (sha) => files.get(sha) });
      patterns = m.patterns.length;
      runs++;
    },
    9,
    2,
  );
  // CPU time per run too (all threads, GC included): on a shared, loaded machine the wall time mostly measures the queue.
  const used = process.cpuUsage(cpu);
  const cpuMs = Math.round((used.user + used.system) / 1000 / runs);
  report({ bench: 'metrics.5000', value, unit: 'ms', cpuMs, incidents: incidents.length, patterns });
}

void main();
