// One entry point for "read this captured payload from that source": the CLI's `alerts parse`,
// the adapters after each fetch, and the tests over the corpus.

import { AlertSource, ParsedAlerts } from './alert';
import { parseAlertmanager } from './alertmanager';
import { parseOpsgenie } from './opsgenie';
import { parsePagerDuty } from './pagerduty';

const PARSERS: Readonly<Record<AlertSource, (payload: unknown) => ParsedAlerts>> = {
  alertmanager: parseAlertmanager,
  pagerduty: parsePagerDuty,
  opsgenie: parseOpsgenie,
};

export function parseAlertPayload(source: AlertSource, payload: unknown): ParsedAlerts {
  return PARSERS[source](payload);
}
