// review.2000: draft the post-incident review of an incident of 2,000 events (mixed entries with
// code links, pins, runbook steps, milestones, suspects, action items), and re-draft it (merge).
// review.blamelessHostile: the blameless check (run on every open review as it is edited) on the
// slowest of hostile lines at the runbooks' 10,000-character cap (phrases repeated, each a walk back to
// its subject; runs of `he `, `<!--` and backticks) and one of 140,000 characters, over it.
import { IncidentEvent } from '../src/core/events';
import { foldIncident } from '../src/core/fold';
import { findBlame } from '../src/core/learning/blameless';
import { MAX_LINE_CHARS } from '../src/core/runbooks/text';
import { mergeReview, renderReview } from '../src/core/learning/review';
import { medianMs, report } from './measure';

function history(count: number, start: number): IncidentEvent[] {
  const at = (i: number) => new Date(start + i * 1000).toISOString();
  const out: IncidentEvent[] = [
    {
      id: 'declared',
      ts: at(0),
      type: 'declared',
      author: 'alice',
      title: 'Checkout pool exhausted',
      severity: 'SEV2',
      urgency: 'high',
      service: 'checkout',
      startedAt: at(0),
      detectedAt: at(60),
    },
  ];
  for (let i = 1; i < count; i++) {
    const base = { id: `e${i}`, ts: at(i), author: i % 3 ? 'bob' : 'carol' };
    switch (i % 10) {
      case 1:
        out.push({ ...base, type: 'entry', kind: 'note', text: `pool at ${i} connections`, file: 'src/db/pool.ts', line: 42 });
        break;
      case 2:
        out.push({ ...base, type: 'pinned', target: `e${i - 1}` });
        break;
      case 3:
        out.push({ ...base, type: 'runbook_step', runbook: 'db-pool', file: 'runbooks/db-pool.md', step: `s${i}`, status: 'done' });
        break;
      case 4:
        out.push({
          ...base,
          type: 'suspect_marked',
          sha: (i.toString(16) + 'a'.repeat(40)).slice(0, 40),
          verdict: i % 7 ? 'suspect' : 'cause',
        });
        break;
      case 5:
        out.push({
          ...base,
          type: 'action_item_added',
          itemId: `ACT-${String(i).padStart(8, '0')}`,
          title: `Follow-up ${i}`,
          kind: 'prevent',
        });
        break;
      default:
        out.push({
          ...base,
          type: 'entry',
          kind: 'decision',
          text: `decided step ${i} | see <dashboard>`,
          url: 'https://grafana.example.com/d/1',
        });
    }
  }
  out.push({ id: 'm1', ts: at(count), author: 'alice', type: 'milestone_set', milestone: 'mitigated', at: at(count - 100) });
  return out;
}

async function main(): Promise<void> {
  const incident = foldIncident('INC-20261122-2300-abcdef', history(2000, Date.parse('2026-11-22T23:00:00Z')));
  const ctx = { reviewDir: 'docs/incidents' };
  const text = renderReview(incident, ctx);
  // Ten warm-up runs: with three, whichever figure ran first still paid for the JIT (2x the second).
  report({ bench: 'review.2000', value: await medianMs(() => renderReview(incident, ctx), 15, 10), unit: 'ms', limit: 100 });
  report({ bench: 'review.2000.redraft', value: await medianMs(() => mergeReview(text, incident, ctx), 15, 10), unit: 'ms' });
  const atCap = (unit: string) => unit.repeat(Math.ceil(MAX_LINE_CHARS / unit.length)).slice(0, MAX_LINE_CHARS);
  const lines = [
    atCap('he caused '),
    atCap('Bob carelessly forgot to '),
    `Then he caused it. ${'he '.repeat(3_000)}x ${'<!--'.repeat(3_000)} ${'`'.repeat(20_001)}`.slice(0, MAX_LINE_CHARS),
    `${'he '.repeat(20_000)}x ${'<!--'.repeat(20_000)} ${'`'.repeat(20_001)}`,
  ];
  const people = ['alice', 'Bob Stone'];
  let slowest = { ms: -1, line: '' };
  for (const line of lines) {
    const ms = await medianMs(() => findBlame(line, { people }), 9, 2);
    if (ms > slowest.ms) slowest = { ms, line: line.slice(0, 12) };
  }
  report({ bench: 'review.blamelessHostile', value: slowest.ms, unit: 'ms', lines: lines.length, slowest: slowest.line });
}

void main();
