// Who Is On Call (palette): each service's layers now, with who follows, in a quick pick.
import * as vscode from 'vscode';
import { onCallSummary, ServiceOnCall } from '../../core/oncall/summary';
import { formatUtc } from '../../core/timelineView';
import { UserFacingError } from '../commandRegistry';
import { OncallFiles } from './oncallFiles';

export interface OncallDeps {
  readonly files: OncallFiles;
  readonly now: () => Date;
  /** Replaced in tests: the quick pick the user would see. */
  readonly pick: (items: vscode.QuickPickItem[], title: string) => Thenable<unknown>;
}

/** Shows who is on call now in every folder with a rotation file; resolves to what it showed. */
export async function whoIsOnCall(deps: OncallDeps): Promise<ServiceOnCall[]> {
  const now = deps.now();
  const summaries = (vscode.workspace.workspaceFolders ?? []).flatMap((folder) => {
    const oncall = deps.files.get(folder);
    return oncall ? onCallSummary(oncall.resolver, now) : [];
  });
  if (!summaries.length) {
    throw new UserFacingError('No rotations: add .warroom/oncall.yaml (rotations, overrides, escalation) to the folder.');
  }
  const items: vscode.QuickPickItem[] = summaries.flatMap((s) => [
    { label: s.service, kind: vscode.QuickPickItemKind.Separator },
    ...(s.layers.length
      ? s.layers.map(({ shift, next }) => ({
          label: `$(${shift.layer === 'primary' ? 'bell' : 'bell-dot'}) ${shift.person}`,
          description: `${shift.layer}${shift.override ? ' (override)' : ''}${shift.until ? ` until ${formatUtc(shift.until)}` : ''}`,
          detail: next ? `next: ${next.person}` : undefined,
        }))
      : [{ label: '$(warning) no one on call', description: s.service }]),
  ]);
  await deps.pick(items, `On call at ${formatUtc(now.toISOString())}`);
  return summaries;
}
