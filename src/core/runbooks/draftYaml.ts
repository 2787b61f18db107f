// Writing a draft as YAML, apart from drafting it: the yaml library is heavy, and only the
// runbooks bundle (loaded on first use) should carry it.
import { Document } from 'yaml';
import { Incident } from '../incident';
import { RunbookDraft } from './draft';

/** The draft as a `.runbook.yaml` text, with a header saying where it came from. */
export function draftToYaml(draft: RunbookDraft, incident: Pick<Incident, 'id' | 'resolvedAt'>): string {
  const doc = new Document({
    id: draft.id,
    title: draft.title,
    services: draft.services,
    ...(draft.alerts.length ? { alerts: draft.alerts } : {}),
    symptoms: draft.symptoms,
    steps: draft.steps,
  });
  doc.commentBefore = ` Drafted from incident ${incident.id}${incident.resolvedAt ? ` (resolved ${incident.resolvedAt})` : ''}.\n Review every step and command before relying on it; add expectations and branches.`;
  return doc.toString({ lineWidth: 0 });
}
