// Incidents for the timeline tests and the webview bench: many events of every kind, with the XSS
// corpus spread through titles, notes, alert text, authors, runbook steps and corrections.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { IncidentEvent } from '../../../src/core/events';

/** The repository root, from `out/test/unit/timeline` (compiled) or `test/unit/timeline`. */
export const REPO_ROOT = path.resolve(__dirname, __dirname.includes(`${path.sep}out${path.sep}`) ? '../../../..' : '../../..');

export function loadXssPayloads(): string[] {
  const file = path.join(REPO_ROOT, 'test/fixtures/xss-payloads.json');
  const parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as { payloads: string[] };
  return parsed.payloads;
}

export const FIXTURE_START = Date.parse('2026-11-22T12:00:00.000Z');
const iso = (ms: number): string => new Date(ms).toISOString();

const KINDS = ['note', 'decision', 'action', 'hypothesis', 'alert', 'deploy', 'comms'] as const;
const AUTHORS = ['alice', 'bob', 'chen', 'dana', 'eve'];

/**
 * `count` events after a declaration (3 s apart), payloads spread evenly through them. Every event
 * id is `ev-<n>`, except one hostile id, so tests can address rows.
 */
export function bigIncidentEvents(count: number, payloads: readonly string[] = []): IncidentEvent[] {
  // Each payload appears about three times, evenly spread, so some land on screen at any scroll.
  const step = Math.max(1, Math.floor(count / Math.max(1, payloads.length * 3)));
  const pick = (i: number): string | undefined => (payloads.length && i % step === 0 ? payloads[(i / step) % payloads.length] : undefined);
  const events: IncidentEvent[] = [
    {
      id: 'ev-declared',
      ts: iso(FIXTURE_START),
      type: 'declared',
      author: 'alice',
      title: `${payloads[0] ?? ''}Checkout failing for EU customers`,
      severity: 'SEV1',
      urgency: 'high',
      service: 'checkout-api',
      startedAt: iso(FIXTURE_START - 5 * 60_000),
      detectedAt: iso(FIXTURE_START - 60_000),
    } as IncidentEvent,
    {
      id: 'ev-ic',
      ts: iso(FIXTURE_START + 1000),
      type: 'role_assigned',
      author: 'alice',
      role: 'commander',
      person: 'alice',
    } as IncidentEvent,
  ];
  for (let i = 0; i < count; i++) {
    const ts = iso(FIXTURE_START + 2000 + i * 3000);
    const payload = pick(i);
    const kind = KINDS[i % KINDS.length];
    const author = payload && i % 2 === 0 ? payload : AUTHORS[i % AUTHORS.length];
    const text = payload ? `${payload} (event ${i})` : `${kind} number ${i}: checked the p99 latency of the payment gateway`;
    const refs: Record<string, unknown> = {};
    if (kind === 'deploy') {
      refs.sha = (0x1000000 + i).toString(16).padStart(7, '0') + 'abcdef0123456789abcdef0123456789a'.slice(0, 33);
    }
    if (kind === 'alert') {
      refs.url = payload ? `javascript:window.__xss=${i}` : `https://alerts.example.com/a/${i}`;
    }
    if (kind === 'action' && i % 3 === 0) {
      refs.file = 'src/payments/gateway.ts';
      refs.line = 40 + (i % 100);
    }
    if (kind === 'decision' && i % 5 === 0) {
      refs.runbook = 'checkout-degraded';
      refs.step = payload ?? 'fail-over-to-secondary';
    }
    const id = i === 7 ? '<img src=x onerror=window.__xss=99>' : `ev-${i}`;
    const extra = kind === 'comms' ? { audience: 'engineering' } : {};
    events.push({ id, ts, type: 'entry', author, kind, text, ...refs, ...extra } as IncidentEvent);
    if (i % 500 === 11) {
      events.push({
        id: `amend-${i}`,
        ts: iso(FIXTURE_START + 2500 + i * 3000),
        type: 'amended',
        author: 'bob',
        target: `ev-${i}`,
        text: payload ?? `corrected ${i}`,
      } as IncidentEvent);
    }
    if (i % 700 === 3) {
      events.push({
        id: `pin-${i}`,
        ts: iso(FIXTURE_START + 2600 + i * 3000),
        type: 'pinned',
        author: 'chen',
        target: `ev-${i}`,
      } as IncidentEvent);
    }
    if (i % 1000 === 500) {
      events.push({
        id: `rb-${i}`,
        ts: iso(FIXTURE_START + 2700 + i * 3000),
        type: 'runbook_step',
        author: 'dana',
        runbook: 'checkout-degraded',
        step: payload ?? 'drain-eu-west',
        ...(payload ? { note: payload } : { status: 'done' }),
      } as IncidentEvent);
    }
  }
  return events;
}
