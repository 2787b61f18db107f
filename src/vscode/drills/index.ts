// Game days in the editor: Start Drill runs a scenario file as a practice incident (marked drill
// everywhere, left out of every KPI and of on-call load), its injects arriving at 1x, 2x or 10x;
// Pause, Resume and Stop Drill; at the end the score sheet beside the reviews, opened with its preview.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { DrillClock, DRILL_SPEEDS } from '../../core/drills/run';
import { minutes } from '../../core/drills/time';
import { UserFacingError } from '../commandRegistry';
import { FeatureFactory } from '../feature';
import { drillsAdapter } from '../lazyAdapters';
import { reviewsFolderOf } from '../learning/commands';
import { DrillSession, DrillStatus, injectText } from './session';
import { count } from '../../core/text/count';

export interface DrillTestApi {
  /** The clock the next drills run on (undefined: real time), so a test drives scenario time itself. */
  useClock(clock: DrillClock | undefined): void;
  /** The current (or last) drill. */
  status(): DrillStatus | undefined;
  /** The drill status bar item's text, as shown. */
  statusBarText(): string | undefined;
  /** Settles with the score sheet when the current drill is over. */
  ended(): Promise<string | undefined>;
}

const SCENARIO_GLOB = '**/*.drill.{yaml,yml}';
const TICK_MS = 1000;

interface StartArgs {
  /** The scenario file: a Uri (explorer), an absolute path, or a path in the first folder. */
  readonly scenario?: unknown;
  readonly speed?: unknown;
}

export const drillsFeature: FeatureFactory<unknown, DrillTestApi> = (context) => {
  let clock: DrillClock | undefined;
  let session: DrillSession | undefined;
  const item = vscode.window.createStatusBarItem('warroom.drill', vscode.StatusBarAlignment.Left, 101);
  item.name = 'War Room: drill';
  let ticker: NodeJS.Timeout | undefined;
  let shownContext = '';

  const update = (): void => {
    const s = session?.status();
    const state = s && s.state !== 'ended' ? s.state : '';
    if (`${state}:${Boolean(s?.incidentId)}` !== shownContext) {
      shownContext = `${state}:${Boolean(s?.incidentId)}`;
      void vscode.commands.executeCommand('setContext', 'warroom.drillState', state);
      void vscode.commands.executeCommand('setContext', 'warroom.drillDeclared', Boolean(s?.incidentId));
    }
    if (!s || s.state === 'ended') {
      item.hide();
      if (ticker) clearInterval(ticker);
      ticker = undefined;
      return;
    }
    const paused = s.state === 'paused';
    item.text = `${paused ? '$(debug-pause)' : '$(beaker)'} DRILL ${paused ? 'paused ' : ''}${minutes(s.scenarioMs)} · ${s.speed}x`;
    item.tooltip = [
      `Drill (practice, not a real incident): ${s.title}`,
      `${s.scenario} at ${s.speed}x · ${s.state} at ${minutes(s.scenarioMs)} · ${count(s.delivered, 'inject')} so far`,
      s.incidentId ? 'Click to show the practice incident.' : 'Click to declare the practice incident.',
      'Pause, Resume or Stop Drill from the Command Palette.',
    ].join('\n');
    item.backgroundColor = new vscode.ThemeColor('statusBarItem.warningBackground');
    item.command = s.incidentId
      ? { command: 'warroom.focusIncident', title: 'Show drill incident', arguments: [{ incidentId: s.incidentId }] }
      : { command: 'warroom.drill.declare', title: 'Declare drill incident' };
    item.accessibilityInformation = { label: `Drill ${s.title}, ${s.state}, scenario time ${minutes(s.scenarioMs)}` };
    item.show();
    if (!paused && !ticker) ticker = setInterval(update, TICK_MS);
    if (paused && ticker) {
      clearInterval(ticker);
      ticker = undefined;
    }
  };

  const live = (): DrillSession => {
    if (!session || session.status().state === 'ended') throw new UserFacingError('No drill is running. Start one with Start Drill.');
    return session;
  };

  const pickScenario = async (): Promise<vscode.Uri | undefined> => {
    const files = await vscode.workspace.findFiles(SCENARIO_GLOB, '**/node_modules/**', 200);
    if (!files.length) throw new UserFacingError('No scenario files (*.drill.yaml) in this workspace.');
    const picked = await vscode.window.showQuickPick(
      files
        .sort((a, b) => a.fsPath.localeCompare(b.fsPath))
        .map((uri) => ({ label: path.basename(uri.fsPath), description: vscode.workspace.asRelativePath(uri), uri })),
      { title: 'Start Drill: which scenario?' },
    );
    return picked?.uri;
  };

  const scenarioUri = (arg: unknown): vscode.Uri | undefined => {
    if (arg instanceof vscode.Uri) return arg;
    if (typeof arg !== 'string' || !arg) return undefined;
    if (path.isAbsolute(arg)) return vscode.Uri.file(arg);
    const first = vscode.workspace.workspaceFolders?.[0];
    return first ? vscode.Uri.joinPath(first.uri, arg) : undefined;
  };

  const start = async (arg?: unknown): Promise<DrillStatus | undefined> => {
    if (session && session.status().state !== 'ended') {
      throw new UserFacingError(`A drill is already running (${session.status().title}). Stop it first.`);
    }
    const args = (arg instanceof vscode.Uri ? { scenario: arg } : typeof arg === 'object' && arg !== null ? arg : {}) as StartArgs;
    const uri = scenarioUri(args.scenario) ?? (await pickScenario());
    if (!uri) return undefined;
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    if (!folder) throw new UserFacingError(`${uri.fsPath} is not in a workspace folder.`);
    const id = path.relative(folder.uri.fsPath, uri.fsPath).split(path.sep).join('/');
    const read = drillsAdapter().readScenario(uri.fsPath, id);
    if (!read.scenario) {
      const first = read.problem ?? read.problems.map((p) => `${p.file}:${p.line}:${p.column}: ${p.message}`)[0] ?? 'not a scenario';
      throw new UserFacingError(`The scenario does not read: ${first}`);
    }
    let speed = typeof args.speed === 'number' ? args.speed : undefined;
    if (speed !== undefined && !(DRILL_SPEEDS as readonly number[]).includes(speed)) {
      throw new UserFacingError(`Drills run at ${DRILL_SPEEDS.join('x, ')}x (got ${String(args.speed)}).`);
    }
    if (speed === undefined) {
      const picked = await vscode.window.showQuickPick(
        DRILL_SPEEDS.map((s) => ({
          label: `${s}x`,
          description: s === 1 ? 'real time' : `${s} scenario minutes a minute`,
          speed: s,
        })),
        { title: `Start Drill: ${read.scenario.title}, at which speed?` },
      );
      if (!picked) return undefined;
      speed = picked.speed;
    }
    const scenario = read.scenario;
    session?.dispose();
    const current = new DrillSession({
      model: context.model,
      folder,
      scenario,
      speed,
      clock: clock ?? drillsAdapter().REAL_TIME,
      reviewsFolder: () => reviewsFolderOf(folder),
      onDidChange: update,
      log: context.log,
      page: (inject) => {
        void vscode.window
          .showInformationMessage(`War Room drill: ${injectText(inject)}`, 'Declare Drill Incident')
          .then((choice) => choice && vscode.commands.executeCommand('warroom.drill.declare'));
      },
      open: async (sheet) => {
        const uri = vscode.Uri.file(sheet);
        await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri), {
          viewColumn: vscode.ViewColumn.One,
          preview: false,
        });
        await vscode.commands.executeCommand('markdown.showPreviewToSide', uri);
      },
    });
    session = current;
    context.log.info(`Drill started: ${scenario.file} at ${speed}x`);
    update();
    return current.status();
  };

  return {
    commands: {
      'warroom.drill.start': start,
      'warroom.drill.declare': async () => {
        const id = await live().declare();
        void vscode.commands.executeCommand('warroom.focusIncident', { incidentId: id });
        return id;
      },
      'warroom.drill.pause': () => live().pause(),
      'warroom.drill.resume': () => live().resume(),
      'warroom.drill.stop': () => live().stop(),
    },
    disposables: [
      item,
      new vscode.Disposable(() => {
        if (ticker) clearInterval(ticker);
        session?.dispose();
      }),
    ],
    testApi: {
      useClock: (c) => void (clock = c),
      status: () => session?.status(),
      statusBarText: () => (session && session.status().state !== 'ended' ? item.text : undefined),
      ended: () => session?.done ?? Promise.resolve(undefined),
    },
  };
};
