// oncall.resolve: who is on call (every layer) for 50 services at each of the 8,760 hourly instants
// of a year, rotations in four time zones (two DST rules), a resolver built afresh each run.
// oncall.load: on-call load over 5,000 incidents (a year; alerts linked, roles held) with that file.
import { IncidentEvent } from '../src/core/events';
import { foldIncident } from '../src/core/fold';
import { Incident } from '../src/core/incident';
import { oncallLoad } from '../src/core/oncall/load';
import { OncallConfig, Override, Rotation } from '../src/core/oncall/model';
import { OncallResolver } from '../src/core/oncall/resolve';
import { medianMs, report, round } from './measure';

const YEAR_START = Date.parse('2026-01-01T00:00:00Z');
const HOUR = 3_600_000;
const DAY = 86_400_000;
const ZONES = ['Europe/Berlin', 'America/New_York', 'Asia/Tokyo', 'UTC'];
const SERVICES = Array.from({ length: 50 }, (_, i) => `service-${i}`);
const PEOPLE = Array.from({ length: 40 }, (_, i) => `person-${i}`);

let seed = 7;
const random = (): number => {
  seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
  return seed / 2 ** 31;
};

const rotations: Rotation[] = SERVICES.flatMap((service, i) =>
  (['primary', 'secondary'] as const).map((layer, j) => ({
    id: `${service}-${layer}`,
    layer,
    services: [service],
    members: Array.from({ length: 4 + (i % 3) }, (_, k) => PEOPLE[(i + j * 7 + k) % PEOPLE.length]),
    start: '2025-12-29',
    lengthDays: j ? 14 : 7,
    handoff: j ? '10:00' : '09:00',
    timeZone: ZONES[i % ZONES.length],
  })),
);
const overrides: Override[] = SERVICES.flatMap((service, i) =>
  Array.from({ length: 6 }, (_, k) => {
    const from = YEAR_START + (k * 60 + i) * DAY;
    return {
      rotation: `${service}-primary`,
      who: PEOPLE[(i + k) % PEOPLE.length],
      from: new Date(from).toISOString(),
      to: new Date(from + 14 * HOUR).toISOString(),
    };
  }),
);
const config: OncallConfig = { rotations, overrides, escalation: [] };

function resolveYear(): number {
  const resolver = new OncallResolver(config);
  let held = 0;
  for (let h = 0; h < 8_760; h++) {
    const at = YEAR_START + h * HOUR;
    for (const service of SERVICES) held += resolver.holdersAt(service, at).length;
  }
  return held;
}

function incident(i: number): Incident {
  const started = YEAR_START + random() * 364 * DAY;
  const iso = (minutes: number) => new Date(started + minutes * 60_000).toISOString();
  const service = SERVICES[i % SERVICES.length];
  const event = (minutes: number, type: string, fields: Record<string, unknown>): IncidentEvent => ({
    id: `e${i}-${minutes}-${type}`,
    ts: iso(minutes),
    type,
    author: PEOPLE[i % PEOPLE.length],
    ...fields,
  });
  const events: IncidentEvent[] = [
    event(5, 'declared', { title: `Incident ${i}`, severity: 'SEV2', urgency: 'high', service, startedAt: iso(0), detectedAt: iso(5) }),
    event(1, 'alert_linked', { source: 'pagerduty', sourceId: `P${i}a`, dedupKey: `k${i}a`, title: 'a', startsAt: iso(1) }),
    event(3, 'alert_linked', { source: 'pagerduty', sourceId: `P${i}b`, dedupKey: `k${i}b`, title: 'b', startsAt: iso(3) }),
    event(6, 'role_assigned', { role: 'commander', person: PEOPLE[(i * 3) % PEOPLE.length] }),
    event(8, 'role_assigned', { role: 'scribe', person: PEOPLE[(i * 5) % PEOPLE.length] }),
    event(90, 'resolved', { resolution: 'fixed' }),
  ];
  return foldIncident(`INC-${i}`, events);
}

/** The machine is shared: CPU time per run (mean) says what the code costs when wall time waits for a core. */
async function withCpu(fn: () => unknown, runs: number, warmup: number): Promise<{ value: number; cpuMs: number }> {
  const start = process.cpuUsage();
  const value = await medianMs(fn, runs, warmup);
  const used = process.cpuUsage(start);
  return { value, cpuMs: round((used.user + used.system) / 1000 / (runs + warmup)) };
}

async function main(): Promise<void> {
  report({ bench: 'oncall.resolve', ...(await withCpu(resolveYear, 7, 2)), unit: 'ms', services: 50, instants: 8_760, budgetMs: 200 });
  const incidents = Array.from({ length: 5_000 }, (_, i) => incident(i));
  const resolver = new OncallResolver(config);
  const now = new Date(YEAR_START + 365 * DAY);
  report({
    bench: 'oncall.load',
    ...(await withCpu(() => oncallLoad(incidents, { now, days: 365, resolver }), 15, 3)),
    unit: 'ms',
    incidents: 5_000,
    budgetMs: 100,
  });
}

void main();
