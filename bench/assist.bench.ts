// ai.prompt2000: build the grounded, redacted, budgeted prompt (read-in) for an incident of 2,000
// events and 30 suspects, under a 32,000-token limit (so the budget has to choose what to keep).
// ai.redactHostile: redactSecrets on the slowest of five 400-600 KB lines shaped against its patterns
// (runs of `a_`, `a/`, `x.` before `://`, `A1b`, `password`; a leading word pattern or an unbounded
// URL scheme would read each run again from every start). ai.answerHostile: a model's answer read for
// citations whole and streamed in 1,000-character chunks, the slowest of four 80-100 KB floods (an
// unclosed run of references, blanks before a separator, ` [` x 50,000, `[E:a` x 20,000, once quadratic).
import { estimateTokens, incidentPrompt, redactSecrets, ReferenceStream, resolveReferences, SuspectInput } from '../src/core/assist';
import { IncidentEvent } from '../src/core/events';
import { foldIncident } from '../src/core/fold';
import { medianMs, report } from './measure';

function incidentEvents(count: number, start: number): IncidentEvent[] {
  const iso = (i: number) => new Date(start + i * 30_000).toISOString();
  const out: IncidentEvent[] = [
    {
      id: 'declared',
      ts: iso(0),
      type: 'declared',
      author: 'alice',
      title: 'Checkout returns 500',
      severity: 'SEV1',
      urgency: 'high',
      service: 'checkout',
      startedAt: iso(0),
      detectedAt: iso(0),
    },
  ];
  const kinds = ['note', 'decision', 'action', 'hypothesis', 'alert'];
  for (let i = 1; i < count; i++) {
    const ts = iso(i);
    const base = { id: `e${i}`, ts, author: `responder${i % 9}` };
    if (i % 100 === 0) {
      out.push({ ...base, type: 'status_changed', status: i % 200 === 0 ? 'identified' : 'investigating' } as IncidentEvent);
    } else if (i % 50 === 0) {
      out.push({ ...base, type: 'pinned', target: `e${i - 1}` });
    } else if (i % 37 === 0) {
      // Pasted logs with a secret in them: the redaction has real work to do.
      out.push({
        ...base,
        type: 'evidence_added',
        text: `ERROR pool exhausted at checkout/pool.ts:${i}\n  Authorization: Bearer eyJhbGciOi${i}abcdefghijkl\n  password=hunter${i}\n`.repeat(
          3,
        ),
      });
    } else if (i % 23 === 0) {
      out.push({
        ...base,
        type: 'command_run',
        command: `kubectl -n checkout rollout restart deploy/checkout-${i}`,
        runbook: 'db-pool',
        step: 'restart',
      });
    } else {
      out.push({
        ...base,
        type: 'entry',
        kind: kinds[i % kinds.length],
        text: `observation ${i}: p99 latency ${i % 900} ms on checkout-api, error rate ${i % 40}% after deploy v2.${i % 13}`,
      } as IncidentEvent);
    }
  }
  out.push({ id: 'rl', ts: iso(5), author: 'bob', type: 'runbook_linked', runbook: 'db-pool', title: 'DB pool saturation' });
  for (let s = 0; s < 12; s++) {
    out.push({ id: `rs${s}`, ts: iso(6 + s), author: 'bob', type: 'runbook_step', runbook: 'db-pool', step: `step-${s}`, status: 'done' });
  }
  return out;
}

function suspects(count: number, start: number): SuspectInput[] {
  return Array.from({ length: count }, (_, i) => ({
    sha: (i.toString(16).padStart(4, '0') + 'a1b2c3d4e5f6a7b8c9d0').repeat(2).slice(0, 40),
    subject: `checkout: change ${i} to the connection pool and retry policy`,
    author: `dev${i % 5}`,
    committedAt: new Date(start - (i + 1) * 600_000).toISOString(),
    score: 100 - i * 3,
    reasons: ['shipped 20 min before impact', 'touches the service', 'changes a config file'],
    files: Array.from({ length: 12 }, (_f, j) => ({
      path: `services/checkout/src/module${j}/file${i}.ts`,
      additions: j * 3,
      deletions: j,
    })),
  }));
}

async function main(): Promise<void> {
  const start = Date.parse('2026-11-22T23:00:00Z');
  const incident = foldIncident('INC-20261122-2300-bench0', incidentEvents(2_000, start));
  const ranked = suspects(30, start);
  const options = { maxTokens: 32_000, countTokens: estimateTokens, suspects: ranked, excludeFields: ['customer'] };
  const built = incidentPrompt(incident, { purpose: 'readIn' }, options);
  const value = await medianMs(() => incidentPrompt(incident, { purpose: 'readIn' }, options));
  report({
    bench: 'ai.prompt2000',
    value,
    unit: 'ms',
    events: incident.events.length,
    suspects: ranked.length,
    budget: options.maxTokens,
    tokens: built.tokens,
    leftOutEvents: built.leftOut.events,
    redacted: [...built.redactions.values()].reduce((a, b) => a + b, 0),
  });
  await slowest(
    'ai.redactHostile',
    ['a_'.repeat(200_000), 'a/'.repeat(200_000), 'x.'.repeat(200_000) + '://', 'A1b'.repeat(150_000), 'password'.repeat(50_000)],
    (line) => redactSecrets(line),
  );
  const known = new Set(['E:h1']);
  const link = (r: { ref: string; value: string }) => `[${r.value}](warroom:${r.ref})`;
  await slowest(
    'ai.answerHostile',
    ['[' + 'E:E:'.repeat(20_000), '[' + 'E:a  ,'.repeat(20_000), ' ['.repeat(50_000) + 'E:h1]', '[E:a'.repeat(20_000)],
    (answer) => {
      resolveReferences(answer, { known, link });
      const stream = new ReferenceStream({ known, link });
      for (let i = 0; i < answer.length; i += 1000) {
        stream.push(answer.slice(i, i + 1000));
      }
      stream.end();
    },
  );
}

/** The median of the slowest input, named by its first characters. */
async function slowest(bench: string, inputs: readonly string[], run: (input: string) => void): Promise<void> {
  let worst = { ms: -1, input: '' };
  for (const input of inputs) {
    const ms = await medianMs(() => run(input), 9, 2);
    if (ms > worst.ms) worst = { ms, input: input.slice(0, 8) };
  }
  report({ bench, value: worst.ms, unit: 'ms', inputs: inputs.length, slowest: worst.input });
}

void main();
