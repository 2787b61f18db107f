// "Declare from alert": the declaration an alert gives, before the responder edits it.

import { DeclaredEvent, EventInput } from '../events';
import { Severity, Urgency } from '../severity';
import { own } from '../own';
import { Alert } from './alert';

const BY_PRIORITY: Readonly<Record<string, Severity>> = { P1: 'SEV1', P2: 'SEV2', P3: 'SEV3', P4: 'SEV4', P5: 'SEV4' };
const BY_LABEL: Readonly<Record<string, Severity>> = {
  critical: 'SEV1',
  page: 'SEV2',
  high: 'SEV2',
  error: 'SEV2',
  warning: 'SEV3',
  low: 'SEV4',
  info: 'SEV4',
};

/** The severity an alert suggests: its priority, else its severity label (or PagerDuty urgency), else SEV3. */
export function severityOfAlert(alert: Alert): Severity {
  // The labels come from the team's alert rules: `own`, so `constructor` is no severity.
  return (alert.priority && own(BY_PRIORITY, alert.priority)) || own(BY_LABEL, (alert.severity ?? '').toLowerCase()) || 'SEV3';
}

/**
 * Detection is when the source noticed (the alert's time), impact start its `startsAt`: for every
 * source here both are the alert's start, the earliest time it knows of.
 */
export function declarationFromAlert(alert: Alert): EventInput<DeclaredEvent> {
  const severity = severityOfAlert(alert);
  const urgency: Urgency = alert.severity === 'low' || severity === 'SEV4' ? 'low' : 'high';
  return {
    type: 'declared',
    title: alert.title.slice(0, 200),
    severity,
    urgency,
    service: alert.service ?? '',
    startedAt: alert.startsAt,
    detectedAt: alert.startsAt,
  };
}
