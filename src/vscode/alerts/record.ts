// Every send and every action at a source becomes an `update_sent` event with its outcome: sent,
// or failed and why. A failed one is recorded as failed before the error reaches the responder.
import { AlertSentEvent } from '../../core/alerts/alertEvents';
import { EventInput } from '../../core/events';
import { UserFacingError } from '../commandRegistry';
import { IncidentModel, IncidentRef } from '../incidentModel';

export interface SendRecord {
  readonly channel: string;
  readonly action: string;
  /** What was sent, as the preview or the confirmation showed it. */
  readonly text?: string;
}

/** Replaces each secret in `text`: an error from a library might quote a URL or a header. */
export function scrub(text: string, secrets: readonly (string | undefined)[]): string {
  let out = text;
  for (const secret of secrets) {
    if (secret && secret.length >= 4) out = out.split(secret).join('[secret]');
  }
  return out;
}

/**
 * Runs `send`, then records its outcome on `ref`'s timeline (when there is an incident to record
 * on). Resolves with what `send` returned; a failure is recorded, then rethrown with a scrubbed message.
 */
export async function recorded<T extends string | void>(
  model: IncidentModel,
  ref: IncidentRef | undefined,
  what: SendRecord,
  secrets: readonly (string | undefined)[],
  send: () => Promise<T>,
): Promise<T> {
  const base = {
    type: 'update_sent' as const,
    channel: what.channel,
    action: what.action,
    ...(what.text ? { text: scrub(what.text, secrets) } : {}),
  };
  let result: T;
  try {
    result = await send();
  } catch (error) {
    const reason = scrub(error instanceof Error ? error.message : String(error), secrets);
    if (ref) await model.append<AlertSentEvent>(ref, { ...base, outcome: 'failed', reason } satisfies EventInput<AlertSentEvent>);
    // Not the error itself as `cause`: the log prints causes, and a library's error may quote a secret.
    throw new UserFacingError(reason);
  }
  if (ref) {
    await model.append<AlertSentEvent>(ref, {
      ...base,
      outcome: 'sent',
      ...(typeof result === 'string' ? { externalId: result } : {}),
    } satisfies EventInput<AlertSentEvent>);
  }
  return result;
}
