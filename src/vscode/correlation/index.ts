// Deploy correlation in VS Code: the "Suspect deploys" tree section, the commands, suspect-line
// decorations, and diffs. Git is reached only through the lazy adapter, on first use.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { FeatureFactory } from '../feature';
import { isActive } from '../../core/incident';
import { IncidentRef } from '../incidentModel';
import {
  addEvidence,
  recordDeploy,
  copyRevertCommand,
  correlate,
  CorrelationCommandDeps,
  markCommit,
  openChangedLines,
  openCommit,
  openSuspectFileDiff,
  showReleases,
} from './commands';
import { DecoratedRange, SuspectLineDecorations } from './decorations';
import { GitShowProvider, SHOW_SCHEME } from './gitDocuments';
import { CorrelationRuns, RunOptions, RunState } from './runs';
import { SuspectsSection } from './suspectsSection';
import { topSuspectFile } from './topSuspect';

/** What the feature exposes under `features.correlation`. */
export interface CorrelationApi {
  state(incidentId: string): RunState | undefined;
  /** The suspect file to show beside a runbook step (runbooks' "Open beside code" reads it at call time). */
  topSuspectFile(incidentId: string): Promise<vscode.Uri | undefined>;
}

/** What the integration tests reach under `test.features.correlation`. */
export interface CorrelationTestApi extends CorrelationApi {
  /** Resolves when the incident's current run (if any) has finished. */
  idle(incidentId: string): Promise<RunState | undefined>;
  decorated(uri: vscode.Uri): readonly DecoratedRange[];
  /** Why the document's suspect lines are not marked (blame failed for a missing object), if so. */
  unmarked(uri: vscode.Uri): string | undefined;
  refreshDecorations(): Promise<void>;
  /** The last text Copy Revert Command put on the clipboard. */
  lastCopied(): string | undefined;
}

/** How many of the newest active incidents correlate on their own when the window opens. */
const AUTO_CORRELATED = 3;

/** A folder inside a git work tree (found without running git, so Declare stays instant). */
function inGitWorkTree(dir: string): boolean {
  for (let current = dir; ; current = path.dirname(current)) {
    if (fs.existsSync(path.join(current, '.git'))) {
      return true;
    }
    if (path.dirname(current) === current) {
      return false;
    }
  }
}

export const correlationFeature: FeatureFactory<CorrelationApi, CorrelationTestApi> = (context) => {
  const { model, log } = context;
  const runs = new CorrelationRuns(log);
  const decorations = new SuspectLineDecorations(runs, model, context.extension.globalStorageUri, log);
  const inFlight = new Map<string, Promise<RunState>>();
  let lastCopied: string | undefined;

  const track = (ref: IncidentRef, run: Promise<RunState>): Promise<RunState> => {
    inFlight.set(ref.incident.id, run);
    void run.finally(() => {
      if (inFlight.get(ref.incident.id) === run) {
        inFlight.delete(ref.incident.id);
      }
      rerunForDeploys(); // one recorded while it ran
    });
    return run;
  };
  const runWithProgress = (ref: IncidentRef, options: RunOptions): Promise<RunState> =>
    track(
      ref,
      Promise.resolve(
        vscode.window.withProgress(
          { location: vscode.ProgressLocation.Notification, title: `Correlating ${ref.incident.id} with deploys…` },
          () => runs.run(ref, options),
        ),
      ),
    );
  // Automatic runs (after Declare, on first expanding the section) show progress in the status bar
  // only and never pop up: the user did not ask for them.
  const runQuietly = (ref: IncidentRef): void => {
    if (!vscode.workspace.isTrusted || !inGitWorkTree(ref.folder.uri.fsPath) || inFlight.has(ref.incident.id)) {
      return;
    }
    void track(
      ref,
      Promise.resolve(
        vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: `War Room: correlating ${ref.incident.id}` }, () =>
          runs.run(ref),
        ),
      ),
    );
  };

  // Active incidents already there when the window opens, or arriving later (a teammate's, with a
  // pull), are correlated once, quietly: of those the window has not seen before, the newest few, so
  // a workspace with many open incidents does not start a git run for each (the others correlate
  // when their section is expanded). Not in an untrusted workspace, where nothing runs git on its own.
  const attempted = new Set<string>();
  const seen = new Set<string>();
  const correlateActive = (): void => {
    if (!vscode.workspace.isTrusted) {
      return;
    }
    const unseen = model.all().filter((ref) => isActive(ref.incident) && !seen.has(ref.incident.id));
    for (const ref of unseen) {
      seen.add(ref.incident.id);
    }
    const newest = unseen.sort((a, b) => Date.parse(b.incident.startedAt) - Date.parse(a.incident.startedAt)).slice(0, AUTO_CORRELATED);
    for (const ref of newest) {
      if (!attempted.has(ref.incident.id) && !runs.state(ref.incident.id)) {
        attempted.add(ref.incident.id);
        runQuietly(ref);
      }
    }
  };
  correlateActive();

  // A deploy recorded on the timeline (warroom.recordDeploy, or a teammate's entry arriving with a
  // pull) is a deploy marker: an incident already correlated runs again, quietly, with it.
  const rerunForDeploys = (): void => {
    for (const ref of model.all()) {
      if (isActive(ref.incident) && runs.deploysChanged(ref.incident)) {
        runQuietly(ref);
      }
    }
  };

  const section = new SuspectsSection(
    (id) => runs.state(id),
    (id) => runs.latest(id),
    (id) => {
      const ref = model.find(id);
      if (ref) {
        runQuietly(ref);
      }
    },
  );

  const api: CorrelationApi = {
    state: (id) => runs.state(id),
    topSuspectFile: (id) => topSuspectFile(runs, model, id),
  };
  const testApi: CorrelationTestApi = {
    ...api,
    idle: async (id) => {
      await inFlight.get(id)?.catch(() => undefined);
      return runs.state(id);
    },
    decorated: (uri) => decorations.decorated(uri),
    unmarked: (uri) => decorations.unmarked(uri),
    refreshDecorations: () => decorations.refresh(),
    lastCopied: () => lastCopied,
  };

  const deps: CorrelationCommandDeps = {
    model,
    runs,
    decorations,
    focused: () => context.currentIncident()?.incident.id,
    runWithProgress,
    copied: (text) => {
      lastCopied = text;
    },
  };
  return {
    commands: {
      'warroom.correlate': correlate(deps),
      'warroom.openCommit': openCommit(deps),
      'warroom.openSuspectFileDiff': openSuspectFileDiff(deps),
      'warroom.openChangedLines': openChangedLines(deps),
      'warroom.markSuspect': markCommit(deps, 'suspect'),
      'warroom.markCleared': markCommit(deps, 'cleared'),
      'warroom.markCause': markCommit(deps, 'cause'),
      'warroom.copyRevertCommand': copyRevertCommand(deps),
      'warroom.addEvidence': addEvidence(deps),
      'warroom.recordDeploy': recordDeploy(deps),
      'warroom.showReleases': showReleases(deps),
    },
    disposables: [
      runs,
      decorations,
      context.tree.registerSection(section),
      runs.onDidChange((incidentId) => context.tree.refreshIncident(incidentId)),
      context.onDidDeclare((ref) => runQuietly(ref)),
      model.onDidChange(() => {
        correlateActive();
        rerunForDeploys();
      }),
      // Sections said "trust this workspace"; now they can correlate.
      vscode.workspace.onDidGrantWorkspaceTrust(() => {
        correlateActive();
        context.tree.refresh();
      }),
      vscode.workspace.registerTextDocumentContentProvider(SHOW_SCHEME, new GitShowProvider()),
    ],
    api,
    testApi,
  };
};
