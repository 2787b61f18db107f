// "New runbook from incident": a YAML runbook drafted from what responders did during a resolved
// incident (hypotheses checked, decisions, actions, commands run), for a human to edit and keep.

import { Incident } from '../incident';
import { CommandRun, foldRunbookActivity } from './runbookEvents';
import { StepKind } from './model';
import { IdAllocator, slugify } from './text';

export interface DraftStep {
  id: string;
  kind: StepKind;
  title: string;
  text?: string;
  commands?: { run: string; expect?: string }[];
}

export interface RunbookDraft {
  readonly id: string;
  readonly title: string;
  readonly services: string[];
  readonly alerts: string[];
  readonly symptoms: string[];
  readonly steps: DraftStep[];
}

const ROLLBACK = /\b(roll(ed|ing)?[- ]?back|revert(ed)?|undo|downgrad(e|ed))\b/i;
const ESCALATE = /\b(paged|page[ds]?|escalat(e|ed)|called in|looped in)\b/i;
const VERIFY = /\b(verif(y|ied)|confirm(ed)?|recovered|back to normal|error rate (is )?(back|normal)|green again)\b/i;

function kindOfEntry(kind: string, text: string): StepKind | undefined {
  if (kind === 'hypothesis') return 'diagnose';
  if (kind === 'decision') return 'decide';
  if (kind !== 'action') return undefined;
  if (ROLLBACK.test(text)) return 'rollback';
  if (ESCALATE.test(text)) return 'escalate';
  if (VERIFY.test(text)) return 'verify';
  return 'remediate';
}

function titleOf(text: string): string {
  const first = text.split(/(?<=[.!?])\s|\n/)[0].trim();
  return first.length > 90 ? `${first.slice(0, 87)}...` : first;
}

export function draftRunbookFromIncident(incident: Incident): RunbookDraft {
  const ids = new IdAllocator();
  const steps: DraftStep[] = [];
  const symptoms: string[] = [];
  const alerts = new Set<string>();
  let current: DraftStep | undefined;
  // Commands with their exit codes (which follow the command as their own event).
  const runs = new Map<string, CommandRun>(foldRunbookActivity(incident.events).commands.map((c) => [c.eventId, c]));
  for (const event of incident.events) {
    if (event.type === 'entry') {
      const entry = incident.entries.find((e) => e.id === event.id);
      if (!entry) continue;
      if (entry.kind === 'alert') {
        symptoms.push(entry.text);
        for (const m of entry.text.matchAll(/\b([A-Z][a-z0-9]+(?:[A-Z][A-Za-z0-9]+)+)\b/g)) alerts.add(m[1]);
        continue;
      }
      const kind = kindOfEntry(entry.kind, entry.text);
      if (!kind) continue;
      const title = entry.kind === 'hypothesis' ? `Check: ${titleOf(entry.text)}` : titleOf(entry.text);
      current = {
        id: ids.take(slugify(title).slice(0, 48).replace(/-+$/, '')),
        kind,
        title,
        ...(entry.text !== title ? { text: entry.text } : {}),
      };
      steps.push(current);
    } else if (runs.has(event.id)) {
      const run = runs.get(event.id) as CommandRun;
      if (!current || current.kind === 'decide') {
        current = { id: ids.take('run-command'), kind: 'diagnose', title: `Run ${titleOf(run.command)}` };
        steps.push(current);
      }
      const commands = (current.commands ??= []);
      if (!commands.some((c) => c.run === run.command)) {
        commands.push({
          run: run.command,
          ...(run.exitCode !== undefined && run.exitCode !== 0 ? { expect: `exited ${run.exitCode} during ${incident.id}` } : {}),
        });
      }
    }
  }
  steps.push({
    id: ids.take('verify-recovery'),
    kind: 'verify',
    title: 'Confirm the service has recovered',
    text: incident.resolution
      ? `How ${incident.id} was resolved: ${incident.resolution}`
      : 'Check the error rate and latency are back to their baseline.',
  });
  return {
    id: slugify(incident.title).slice(0, 60).replace(/-+$/, ''),
    title: incident.title,
    services: incident.service ? [incident.service] : [],
    alerts: [...alerts],
    symptoms: symptoms.length ? symptoms : [incident.title],
    steps,
  };
}
