// Every send and every action at a source becomes an `update_sent` event with its outcome: sent,
// or failed and why. A failed one is recorded as failed before the error reaches the responder.
import { AlertSentEvent, scrubSecrets, SendRecord, sentEventInput } from '../../core/alerts/alertEvents';
import { UserFacingError } from '../commandRegistry';
import { IncidentModel, IncidentRef } from '../incidentModel';

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
  let result: T;
  try {
    result = await send();
  } catch (error) {
    const reason = scrubSecrets(error instanceof Error ? error.message : String(error), secrets);
    if (ref) await model.append<AlertSentEvent>(ref, sentEventInput(what, { outcome: 'failed', reason }, secrets));
    // Not the error itself as `cause`: the log prints causes, and a library's error may quote a secret.
    throw new UserFacingError(reason);
  }
  if (ref) {
    const externalId = typeof result === 'string' ? result : undefined;
    await model.append<AlertSentEvent>(ref, sentEventInput(what, { outcome: 'sent', externalId }, secrets));
  }
  return result;
}
