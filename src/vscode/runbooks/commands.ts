// The runbook commands, one function per command taking its services (registered in index.ts):
// link / unlink (recorded in the timeline), open the walkthrough (also on a given step, for the
// timeline panel), run a step's command, open beside code, draft a runbook.
import * as vscode from 'vscode';
import { Incident, isActive } from '../../core/incident';
import { foldRunbookActivity, Runbook } from '../../core/runbooks';
import { runbooksAdapter } from '../lazyAdapters';
import { CommandHandler, UserFacingError } from '../commandRegistry';
import { IncidentModel, IncidentRef } from '../incidentModel';
import { resolveIncident } from '../incidentTarget';
import { openNewDocument } from '../newDocument';
import { runbookArgs, RunbookArgs } from './args';
import { BesideCode } from './besideCode';
import { RunbookCatalog, runbookKey } from './catalog';
import { CommandRunner } from './commandRunner';
import { appendRunbookEvent } from './appendRunbookEvent';
import { matchesFor } from './runbooksSection';
import { WalkthroughPanels } from './walkthroughPanel';

export interface RunbookCommandServices {
  readonly model: IncidentModel;
  readonly catalog: RunbookCatalog;
  readonly panels: WalkthroughPanels;
  readonly runner: CommandRunner;
  readonly beside: BesideCode;
  readonly focused: () => string | undefined;
}

const anyIncident = (): boolean => true;

function targetOf(s: RunbookCommandServices, args: RunbookArgs, filter: (i: Incident) => boolean = isActive) {
  return resolveIncident(s.model, args.incidentId, { filter, preferred: s.focused() });
}

/** The runbook the arguments name, in the incident's folder. */
async function named(s: RunbookCommandServices, ref: IncidentRef, args: RunbookArgs): Promise<Runbook> {
  if (!args.runbook) {
    throw new UserFacingError("Which runbook? Pass {runbook, file} or pick one from the incident's Runbooks.");
  }
  const runbook = await s.catalog.find(ref.folder, args.runbook, args.file);
  if (!runbook) {
    throw new UserFacingError(`No runbook "${args.runbook}"${args.file ? ` in ${args.file}` : ''} in ${ref.folder.name}.`);
  }
  return runbook;
}

/** warroom.linkRunbook */
export function linkRunbook(s: RunbookCommandServices): CommandHandler {
  return async (arg?: unknown) => {
    const args = runbookArgs(arg);
    const ref = await targetOf(s, args, anyIncident);
    if (!ref) {
      return undefined;
    }
    const entry = await s.catalog.get(ref.folder);
    const matches = matchesFor(ref.incident, entry);
    let runbook: Runbook | undefined;
    if (args.runbook) {
      runbook = await named(s, ref, args);
    } else if (args.file) {
      // A file only (an alert's runbook annotation): linked when it is a runbook, else nothing to link.
      runbook = entry.index.runbooks.find((r) => r.file === args.file);
      if (!runbook) return undefined;
    } else {
      const linked = new Set(foldRunbookActivity(ref.incident.events).linked.map((l) => `${l.file ?? ''}#${l.runbook}`));
      const matchByKey = new Map(matches.map((m) => [runbookKey(m.runbook), m]));
      const ranked = [
        ...matches.map((m) => m.runbook),
        ...entry.index.runbooks.filter((r) => !matchByKey.has(runbookKey(r))).sort((a, b) => a.title.localeCompare(b.title)),
      ].filter((r) => !linked.has(runbookKey(r)));
      if (ranked.length === 0) {
        throw new UserFacingError(`No runbooks to link in ${ref.folder.name}. Add some under runbooks/ or set warroom.runbooks.globs.`);
      }
      const pick = await vscode.window.showQuickPick(
        ranked.map((r) => {
          const m = matchByKey.get(runbookKey(r));
          return { label: r.title, description: `${m ? `match ${m.score} · ` : ''}${r.file}`, detail: m?.reasons.join('; '), runbook: r };
        }),
        { placeHolder: `Link a runbook to "${ref.incident.title}" (best matches first)`, matchOnDescription: true, matchOnDetail: true },
      );
      runbook = pick?.runbook;
    }
    if (!runbook) {
      return undefined;
    }
    const reasons = matches.find((m) => runbookKey(m.runbook) === runbookKey(runbook))?.reasons;
    await appendRunbookEvent(s.model, ref, {
      type: 'runbook_linked',
      runbook: runbook.id,
      file: runbook.file,
      title: runbook.title,
      reason: args.reason ?? (reasons?.length ? reasons.join('; ') : 'manual'),
    });
    return runbookKey(runbook);
  };
}

/** warroom.unlinkRunbook */
export function unlinkRunbook(s: RunbookCommandServices): CommandHandler {
  return async (arg?: unknown) => {
    const args = runbookArgs(arg);
    const ref = await targetOf(s, args, anyIncident);
    if (!ref) {
      return undefined;
    }
    const linked = foldRunbookActivity(ref.incident.events).linked;
    let choice = args.runbook
      ? linked.find((l) => l.runbook === args.runbook && (!args.file || !l.file || l.file === args.file))
      : undefined;
    if (args.runbook && !choice) {
      throw new UserFacingError(`"${args.runbook}" is not linked to ${ref.incident.id}.`);
    }
    if (!choice) {
      if (linked.length === 0) {
        throw new UserFacingError(`No runbook is linked to "${ref.incident.title}".`);
      }
      const pick = await vscode.window.showQuickPick(
        linked.map((l) => ({ label: l.title ?? l.runbook, description: `${l.file ?? ''} · linked by ${l.linkedBy}`, link: l })),
        { placeHolder: 'Unlink which runbook?' },
      );
      choice = pick?.link;
    }
    if (!choice) {
      return undefined;
    }
    await appendRunbookEvent(s.model, ref, {
      type: 'runbook_unlinked',
      runbook: choice.runbook,
      ...(choice.file ? { file: choice.file } : {}),
    });
    return choice.runbook;
  };
}

/** A command on one runbook of an incident: the incident (named or picked), then the runbook it names. */
function onRunbook(s: RunbookCommandServices, act: (ref: IncidentRef, runbook: Runbook, args: RunbookArgs) => unknown): CommandHandler {
  return async (arg?: unknown) => {
    const args = runbookArgs(arg);
    const ref = await targetOf(s, args, anyIncident);
    if (!ref) {
      return undefined;
    }
    return act(ref, await named(s, ref, args), args);
  };
}

/** warroom.openRunbook */
export function openRunbook(s: RunbookCommandServices): CommandHandler {
  return onRunbook(s, (ref, runbook, args) => {
    s.panels.show(ref, runbook, args.step);
    return runbookKey(runbook);
  });
}

/** warroom.openRunbookStep: the timeline panel calls it with {incidentId, runbook, step} (file optional). */
export function openRunbookStep(s: RunbookCommandServices): CommandHandler {
  return onRunbook(s, (ref, runbook, args) => {
    if (args.step && !runbook.steps.some((st) => st.id === args.step)) {
      throw new UserFacingError(`"${runbook.title}" has no step ${args.step}.`);
    }
    s.panels.show(ref, runbook, args.step);
    return runbookKey(runbook);
  });
}

/** warroom.runRunbookCommand */
export function runRunbookCommand(s: RunbookCommandServices): CommandHandler {
  return onRunbook(s, (ref, runbook, args) => {
    if (!args.step) {
      throw new UserFacingError('Which step? Run commands from the walkthrough.');
    }
    return s.runner.run(ref, runbook, args.step, args.command ?? 0);
  });
}

/** warroom.openRunbookBesideCode */
export function openRunbookBesideCode(s: RunbookCommandServices): CommandHandler {
  return onRunbook(s, (ref, runbook, args) => s.beside.open(ref, runbook, args.step ?? runbook.steps[0]?.id ?? ''));
}

/** warroom.newRunbookFromIncident */
export function newRunbookFromIncident(s: RunbookCommandServices): CommandHandler {
  return async (arg?: unknown) => {
    const args = runbookArgs(arg);
    const ref = await resolveIncident(s.model, args.incidentId, {
      filter: (i) => i.status === 'resolved',
      placeHolder: 'Draft a runbook from which resolved incident?',
      preferred: s.focused(),
    });
    if (!ref) {
      return undefined;
    }
    if (isActive(ref.incident)) {
      throw new UserFacingError(`${ref.incident.title} is not resolved yet: draft its runbook once it is.`);
    }
    const { draftRunbookFromIncident, draftToYaml } = runbooksAdapter();
    const draft = draftRunbookFromIncident(ref.incident);
    const text = draftToYaml(draft, ref.incident);
    // An untitled document with a path: Save writes it there after the usual prompt, nothing before.
    const document = await openNewDocument(ref.folder.uri, `runbooks/${draft.id || 'incident'}`, '.runbook.yaml', text);
    await vscode.window.showTextDocument(document, { preview: false });
    return document.uri.toString();
  };
}
