// What the Get started walkthrough's steps complete on (see gettingStarted.ts), without `vscode`, so
// the manifest's test reads the same names in plain Node.

/**
 * The outcomes set from commands and panels, under `warroom.` (`warroom.opened.timeline`); what the
 * incident model wrote adds `wrote.<event type>`, and `wrote.entry.<kind>` for a timeline entry.
 */
export const OUTCOMES = ['opened.timeline', 'opened.updates', 'opened.runbook', 'correlated', 'reviewDrafted', 'alerts.keyStored'] as const;
export type Outcome = (typeof OUTCOMES)[number] | `wrote.${string}`;

/**
 * The outcomes of events written: their type, and an entry's kind (`wrote.entry.note`). A postmortem
 * read in (Import Postmortem: its declaration names the file) is nothing the responder did here, and a
 * drill's declaration is the scenario's, not theirs; what they write during the drill counts.
 */
export function writtenOutcomes(events: readonly { readonly type: string }[]): Outcome[] {
  const field = (event: { readonly type: string }, name: string): unknown => (event as Readonly<Record<string, unknown>>)[name];
  if (events.some((event) => event.type === 'declared' && field(event, 'importedFrom') !== undefined)) return [];
  return events.flatMap((event): Outcome[] => {
    if (event.type === 'declared' && field(event, 'drill') === true) return [];
    const kind = (event as { readonly kind?: unknown }).kind;
    return [`wrote.${event.type}`, ...(event.type === 'entry' && typeof kind === 'string' ? [`wrote.entry.${kind}` as const] : [])];
  });
}
