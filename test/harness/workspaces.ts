// Throw-away workspaces for the real-VS Code tests: each folder is a real git repository with one
// commit, because the extension reads git (author name, deploy history) as it would in a user's checkout.
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { repoRoot } from './paths';
import { WorkbenchTarget } from './workbenchUrl';

export type Scenario = 'single' | 'multi' | 'untrusted' | 'assist' | 'plain-shell' | 'fish-shell' | 'csh-shell';
export const scenarios: readonly Scenario[] = ['single', 'multi', 'untrusted', 'assist', 'plain-shell', 'fish-shell', 'csh-shell'];

/** What a scenario needs from the workbench besides its folders. */
export interface ScenarioOptions {
  /** Leave workspace trust on (code-server then starts without --disable-workspace-trust). */
  readonly workspaceTrust?: boolean;
  readonly settings?: Readonly<Record<string, unknown>>;
  /** Test-only extensions (folders) installed beside War Room, each with its proposed APIs enabled. */
  readonly testExtensions?: readonly { readonly id: string; readonly dir: string }[];
}

/**
 * `untrusted`: the single folder opened with workspace trust enabled and never granted, so the
 * extension host runs in restricted mode (vscode.workspace.isTrusted false). No start-up prompt:
 * it is a modal nobody would answer.
 */
export function scenarioOptions(scenario: Scenario): ScenarioOptions {
  if (scenario === 'assist') {
    // `assist`: the single folder, with a scripted language model (test/extensions/scripted-lm).
    return { testExtensions: [{ id: 'warroom-test.scripted-lm', dir: path.join(repoRoot, 'test', 'extensions', 'scripted-lm') }] };
  }
  if (scenario === 'plain-shell') {
    // `plain-shell`: the single folder, its terminals without shell integration (a responder who turned
    // it off), each bash appending the lines it runs to bash-history.txt in the folder as it runs them.
    // Set at start-up: a change of terminal environment later makes VS Code relaunch new terminals.
    return {
      settings: {
        'terminal.integrated.shellIntegration.enabled': false,
        'terminal.integrated.defaultProfile.linux': 'bash',
        'terminal.integrated.env.linux': { HISTFILE: 'bash-history.txt', PROMPT_COMMAND: 'history -a' },
      },
    };
  }
  if (scenario === 'fish-shell') {
    // `fish-shell`: the single folder, its terminals fish (Debian's, installed by install.mjs) with
    // VS Code's shell integration, keeping fish's history under fish-data/ in the folder.
    return {
      settings: {
        'terminal.integrated.defaultProfile.linux': 'fish',
        'terminal.integrated.env.linux': { XDG_DATA_HOME: '${workspaceFolder}/fish-data' },
      },
    };
  }
  if (scenario === 'csh-shell') {
    // `csh-shell`: the single folder, its terminals csh (Debian's tcsh, installed by install.mjs, run
    // by that name so VS Code names it): a shell without VS Code's integration, quoting otherwise than
    // bash, and handed secrets by name in its environment (typed, after a question, where csh reads
    // the command otherwise than bash).
    return {
      settings: {
        'terminal.integrated.profiles.linux': { csh: { path: 'csh' } },
        'terminal.integrated.defaultProfile.linux': 'csh',
      },
    };
  }
  return scenario === 'untrusted'
    ? { workspaceTrust: true, settings: { 'security.workspace.trust.enabled': true, 'security.workspace.trust.startupPrompt': 'never' } }
    : {};
}

export function isScenario(value: string): value is Scenario {
  return (scenarios as readonly string[]).includes(value);
}

export interface TestWorkspace {
  readonly target: WorkbenchTarget;
  /** The workspace folders, in order. */
  readonly folders: readonly string[];
  readonly rootDir: string;
  remove(): void;
}

/** The responder the test repositories are configured with (repo-local, so no global git config is needed). */
export const testAuthor = { name: 'Test Responder', email: 'responder@example.test' };

function git(cwd: string, args: string[]): void {
  execFileSync('git', args, { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
}

export function makeGitFolder(dir: string, serviceName: string): string {
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'README.md'), `# ${serviceName}\n\nA service used by the War Room tests.\n`);
  git(dir, ['init', '-q', '-b', 'main']);
  git(dir, ['config', 'user.name', testAuthor.name]);
  git(dir, ['config', 'user.email', testAuthor.email]);
  git(dir, ['add', 'README.md']);
  git(dir, ['commit', '-q', '-m', `Initial commit of ${serviceName}`]);
  return dir;
}

export function makeWorkspace(scenario: Scenario): TestWorkspace {
  const rootDir = fs.mkdtempSync(path.join(os.tmpdir(), `wr-${scenario}-`));
  const remove = (): void => fs.rmSync(rootDir, { recursive: true, force: true });
  if (scenario !== 'multi') {
    const folder = makeGitFolder(path.join(rootDir, 'checkout-service'), 'checkout-service');
    return { target: { kind: 'folder', path: folder }, folders: [folder], rootDir, remove };
  }
  const folders = [
    makeGitFolder(path.join(rootDir, 'checkout-service'), 'checkout-service'),
    makeGitFolder(path.join(rootDir, 'payments-service'), 'payments-service'),
  ];
  const workspaceFile = path.join(rootDir, 'war-room.code-workspace');
  fs.writeFileSync(workspaceFile, JSON.stringify({ folders: folders.map((f) => ({ path: path.basename(f) })), settings: {} }, null, 2));
  return { target: { kind: 'workspace', path: workspaceFile }, folders, rootDir, remove };
}
