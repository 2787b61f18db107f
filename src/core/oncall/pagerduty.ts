// PagerDuty's GET /oncalls (already fetched and JSON-parsed) into on-call shifts. PagerDuty answers
// per escalation policy and level; the caller says which services a policy pages for (a service's
// `escalation_policy` in /services). Level 1 is the primary layer, level 2 the secondary.

import { FieldReader } from '../alerts/alert';
import { Layer, OnCallShift } from './model';

const LEVEL_LAYERS: Readonly<Record<number, Layer>> = { 1: 'primary', 2: 'secondary' };

export interface PolicyRef {
  readonly id: string;
  readonly summary?: string;
}

export interface ParsedOncalls {
  readonly shifts: readonly OnCallShift[];
  /** Fields that could not be read, with their path ("oncalls[2].user: missing"). */
  readonly unread: readonly string[];
}

export function parsePagerDutyOncalls(payload: unknown, servicesOf: (policy: PolicyRef) => readonly string[]): ParsedOncalls {
  const unread: string[] = [];
  const read = new FieldReader(unread);
  const body = read.object(payload, '$');
  if (!body || !Array.isArray(body.oncalls)) {
    unread.push('$: not a PagerDuty /oncalls answer (no "oncalls" list)');
    return { shifts: [], unread };
  }
  const shifts: OnCallShift[] = [];
  body.oncalls.forEach((item, i) => {
    const at = `oncalls[${i}]`;
    const entry = read.object(item, at);
    if (!entry) return;
    const policy = read.object(entry.escalation_policy, `${at}.escalation_policy`);
    const policyId = read.string(policy?.id, `${at}.escalation_policy.id`, true);
    const user = read.object(entry.user, `${at}.user`);
    const person = read.string(user?.summary, `${at}.user.summary`, true);
    const level = typeof entry.escalation_level === 'number' ? entry.escalation_level : undefined;
    const layer = level === undefined ? undefined : LEVEL_LAYERS[level];
    if (level === undefined) unread.push(`${at}.escalation_level: not a number`);
    // `start` and `end` are null for someone always on call (no schedule).
    const from = read.time(entry.start, `${at}.start`);
    const until = read.time(entry.end, `${at}.end`);
    if (!policyId || !person || !layer) return;
    const schedule = read.object(entry.schedule, `${at}.schedule`);
    const rotation =
      read.string(schedule?.summary, `${at}.schedule.summary`) ??
      read.string(policy?.summary, `${at}.escalation_policy.summary`) ??
      policyId;
    const summary = read.string(policy?.summary, `${at}.escalation_policy.summary`);
    for (const service of servicesOf({ id: policyId, ...(summary ? { summary } : {}) })) {
      shifts.push({
        service,
        layer,
        person,
        rotation,
        from: from ?? new Date(0).toISOString(),
        ...(until ? { until } : {}),
        override: false,
        source: 'pagerduty',
      });
    }
  });
  return { shifts, unread };
}

export interface MergedOncall {
  readonly shifts: readonly OnCallShift[];
  /** Services both name: the rotation file's answer is kept, and this says so. */
  readonly notes: readonly string[];
}

/** The file's shifts and PagerDuty's held at `at`: where both name a service, the file wins. */
export function mergeOncallSources(
  file: readonly OnCallShift[],
  pagerduty: readonly OnCallShift[],
  at: Date,
  /** Services the file names though no one holds them at `at` (a coverage gap is still the file's). */
  fileNames: Iterable<string> = [],
): MergedOncall {
  const ms = at.getTime();
  const fileServices = new Set([...file.map((s) => s.service), ...fileNames]);
  const notes = new Set<string>();
  const held = pagerduty.filter((s) => Date.parse(s.from) <= ms && (s.until === undefined || ms < Date.parse(s.until)));
  const kept = held.filter((s) => {
    if (!fileServices.has(s.service)) return true;
    notes.add(`${s.service}: .warroom/oncall.yaml and PagerDuty both name it; the file's rotation is used`);
    return false;
  });
  return { shifts: [...file, ...kept], notes: [...notes] };
}

export interface ParsedServices {
  /** Escalation policy id to the names of the services it pages for. */
  readonly byPolicy: ReadonlyMap<string, readonly string[]>;
  readonly more: boolean;
  readonly sent: number;
  readonly unread: readonly string[];
}

/** One page of PagerDuty's GET /services: which services each escalation policy pages for. */
export function parsePagerDutyServices(payload: unknown): ParsedServices {
  const unread: string[] = [];
  const read = new FieldReader(unread);
  const body = read.object(payload, '$');
  const byPolicy = new Map<string, string[]>();
  if (!body || !Array.isArray(body.services)) {
    unread.push('$: not a PagerDuty /services answer (no "services" list)');
    return { byPolicy, more: false, sent: 0, unread };
  }
  body.services.forEach((item, i) => {
    const entry = read.object(item, `services[${i}]`);
    const name = read.string(entry?.name, `services[${i}].name`, true);
    const policy = read.object(entry?.escalation_policy, `services[${i}].escalation_policy`);
    const policyId = read.string(policy?.id, `services[${i}].escalation_policy.id`, true);
    if (!name || !policyId) return;
    byPolicy.set(policyId, [...(byPolicy.get(policyId) ?? []), name]);
  });
  return { byPolicy, more: body.more === true, sent: body.services.length, unread };
}
