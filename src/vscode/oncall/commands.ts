// Who Is On Call (palette): each service's layers now, with who follows, in a quick pick; from the
// rotation files and, where a PagerDuty key is set, PagerDuty's on-calls for the services they do not name.
import * as vscode from 'vscode';
import { OnCallShift } from '../../core/oncall/model';
import { layerRows, onCallSummary, ServiceOnCall, unreadableText, withPagerDuty } from '../../core/oncall/summary';
import { formatUtc } from '../../core/time';
import { UserFacingError } from '../commandRegistry';
import { OncallFiles } from './oncallFiles';

export interface OncallDeps {
  readonly files: OncallFiles;
  readonly now: () => Date;
  /** Replaced in tests: the quick pick the user would see. */
  readonly pick: (items: vscode.QuickPickItem[], title: string) => Thenable<unknown>;
  /** PagerDuty's on-calls at a time, when a PagerDuty key is set; undefined when it is not. */
  readonly pagerDuty: (at: Date) => Promise<readonly OnCallShift[] | undefined>;
  readonly warn: (message: string) => void;
}

/** Shows who is on call now in every folder with a rotation file; resolves to what it showed. */
export async function whoIsOnCall(deps: OncallDeps): Promise<ServiceOnCall[]> {
  const now = deps.now();
  const fromFiles = (vscode.workspace.workspaceFolders ?? []).flatMap((folder) => {
    const oncall = deps.files.get(folder);
    return oncall ? onCallSummary(oncall.resolver, now) : [];
  });
  let pagerduty: readonly OnCallShift[] | undefined;
  try {
    pagerduty = await deps.pagerDuty(now);
  } catch (error) {
    // The rotation files still answer; PagerDuty's failure is said, in its own words.
    deps.warn(`War Room: PagerDuty on-calls not read: ${(error as Error).message}`);
  }
  const { summary: summaries, notes } = withPagerDuty(fromFiles, pagerduty ?? [], now);
  if (!summaries.length) {
    throw new UserFacingError(
      pagerduty
        ? 'No one on call: neither .warroom/oncall.yaml nor PagerDuty names a service.'
        : 'No rotations: add .warroom/oncall.yaml (rotations, overrides, escalation) to the folder, or set a PagerDuty API key.',
    );
  }
  const items: vscode.QuickPickItem[] = summaries.flatMap((s) => [
    { label: s.service, kind: vscode.QuickPickItemKind.Separator },
    ...layerRows(s).map((row): vscode.QuickPickItem => {
      if ('unreadable' in row) return { label: '$(warning) no one shown', description: `${row.layer} · ${unreadableText(row.unreadable)}` };
      const { shift, next } = row.held;
      return {
        label: `$(${shift.layer === 'primary' ? 'bell' : 'bell-dot'}) ${shift.person}`,
        description: `${shift.layer}${shift.override ? ' (override)' : ''}${shift.until ? ` until ${formatUtc(shift.until)}` : ''}${shift.source === 'pagerduty' ? ' · PagerDuty' : ''}`,
        detail: next ? `next: ${next.person}` : undefined,
      };
    }),
    ...(s.layers.length || s.unreadable?.length ? [] : [{ label: '$(warning) no one on call', description: s.service }]),
  ]);
  if (notes.length) {
    items.push({ label: 'Notes', kind: vscode.QuickPickItemKind.Separator }, ...notes.map((n) => ({ label: `$(info) ${n}` })));
  }
  await deps.pick(items, `On call at ${formatUtc(now.toISOString())}`);
  return summaries;
}
