// Severity, urgency and priority: how bad it is, how fast it must be handled, and what follows from both.

export const SEVERITIES = ['SEV1', 'SEV2', 'SEV3', 'SEV4'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const URGENCIES = ['high', 'medium', 'low'] as const;
export type Urgency = (typeof URGENCIES)[number];

export type Priority = 'P1' | 'P2' | 'P3' | 'P4' | 'P5';

export type Impact = 'extensive' | 'significant' | 'moderate' | 'minor';

export interface SeverityInfo {
  readonly severity: Severity;
  readonly impact: Impact;
  /** One line an on-call engineer can decide by. */
  readonly definition: string;
}

export const SEVERITY_INFO: Readonly<Record<Severity, SeverityInfo>> = {
  SEV1: { severity: 'SEV1', impact: 'extensive', definition: 'Complete outage or data loss for many customers' },
  SEV2: { severity: 'SEV2', impact: 'significant', definition: 'Major feature broken or badly degraded for many customers' },
  SEV3: { severity: 'SEV3', impact: 'moderate', definition: 'Partial degradation or a workaround exists; some customers affected' },
  SEV4: { severity: 'SEV4', impact: 'minor', definition: 'Minor issue, no customer impact' },
};

export const URGENCY_INFO: Readonly<Record<Urgency, string>> = {
  high: 'Getting worse or blocking customers right now',
  medium: 'Stable, but must be handled within hours',
  low: 'Can wait for working hours',
};

// Rows: impact (extensive .. minor); columns: urgency (high, medium, low).
const PRIORITY_MATRIX: Readonly<Record<Impact, readonly [Priority, Priority, Priority]>> = {
  extensive: ['P1', 'P2', 'P3'],
  significant: ['P2', 'P3', 'P3'],
  moderate: ['P3', 'P4', 'P4'],
  minor: ['P4', 'P5', 'P5'],
};

export function priorityOf(severity: Severity, urgency: Urgency): Priority {
  return PRIORITY_MATRIX[SEVERITY_INFO[severity].impact][URGENCIES.indexOf(urgency)];
}

export function isSeverity(value: unknown): value is Severity {
  return typeof value === 'string' && (SEVERITIES as readonly string[]).includes(value);
}

export function isUrgency(value: unknown): value is Urgency {
  return typeof value === 'string' && (URGENCIES as readonly string[]).includes(value);
}

/** Lower is worse: SEV1 sorts first. */
export function severityRank(severity: Severity): number {
  return SEVERITIES.indexOf(severity);
}
