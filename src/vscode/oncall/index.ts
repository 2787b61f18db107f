// On call in the editor: the rotation file's problems, "On call" under each incident (who was paged
// when it began) and the Who Is On Call command.
import * as vscode from 'vscode';
import { sourceConfig } from '../alerts/settings';
import { FeatureFactory } from '../feature';
import { alertsAdapter } from '../lazyAdapters';
import { whoIsOnCall, OncallDeps } from './commands';
import { OncallSection } from './section';

export interface OncallTestApi {
  /** The Problems entries of a folder's rotation file. */
  problems(folder: vscode.WorkspaceFolder): readonly vscode.Diagnostic[];
  /** Replaces the quick pick; returns what it was shown. */
  capturePicks(): vscode.QuickPickItem[][];
}

export const oncallFeature: FeatureFactory<unknown, OncallTestApi> = (context) => {
  const now = () => new Date();
  const files = context.rotations();
  const shown: vscode.QuickPickItem[][] = [];
  let capture = false;
  const deps: OncallDeps = {
    files,
    now,
    pick: (items, title) => {
      if (capture) {
        shown.push(items);
        return Promise.resolve(undefined);
      }
      return vscode.window.showQuickPick(items, { title, matchOnDescription: true });
    },
    pagerDuty: async (at) => {
      const adapter = alertsAdapter();
      const config = await sourceConfig('pagerduty', context.extension.secrets, adapter.DEFAULT_BASE_URLS);
      if (!config) return undefined;
      const { shifts, unread } = await new adapter.PagerDutyApi(config).oncalls(at);
      if (unread.length) context.log.warn(`PagerDuty /oncalls: could not read ${unread.join('; ')}`);
      return shifts;
    },
    warn: (message) => void vscode.window.showWarningMessage(message),
  };
  return {
    commands: { 'warroom.whoIsOnCall': () => whoIsOnCall(deps) },
    disposables: [context.tree.registerSection(new OncallSection(files)), files.onDidChange(() => context.tree.refresh())],
    testApi: {
      problems: (folder) => files.problems(folder),
      capturePicks: () => {
        capture = true;
        return shown;
      },
    },
  };
};
