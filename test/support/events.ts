// Builders for events in tests: real shapes, controlled ids and times.
import { CoreEvent, DeclaredEvent, IncidentEvent } from '../../src/core/events';

let counter = 0;

export function at(minutes: number, base = Date.parse('2026-11-22T23:00:00Z')): string {
  return new Date(base + minutes * 60_000).toISOString();
}

export function ev<E extends CoreEvent>(fields: Omit<E, 'id' | 'ts' | 'author'> & { id?: string; ts?: string; author?: string }): E {
  counter++;
  return { id: `e${String(counter).padStart(6, '0')}`, ts: at(counter), author: 'alice', ...fields } as unknown as E;
}

export function declared(overrides: Partial<DeclaredEvent> = {}): DeclaredEvent {
  return {
    id: 'declared-1',
    ts: at(5),
    type: 'declared',
    author: 'alice',
    title: 'Checkout returns 500',
    severity: 'SEV1',
    urgency: 'high',
    service: 'checkout',
    startedAt: at(0),
    detectedAt: at(3),
    ...overrides,
  };
}

export function other(type: string, fields: Record<string, unknown> = {}): IncidentEvent {
  counter++;
  return { id: `o${counter}`, ts: at(counter), author: 'bob', type, ...fields };
}
