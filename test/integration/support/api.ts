// Helpers for tests running inside the real extension host: the extension's API, tree walking,
// and waiting for what the user would see (with a generous limit, never a timed assertion).
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { WarRoomApi, WarRoomTestHooks, WarRoomUnderTest } from '../../../src/extension';
import type { TreeNode } from '../../../src/vscode/treeNodes';

export const EXTENSION_ID = 'warroom.war-room';

/** The extension's API with its test hooks (the harness runs it with WARROOM_TEST_SCENARIO set). */
export async function warRoom(): Promise<WarRoomUnderTest> {
  const extension = vscode.extensions.getExtension<WarRoomApi | WarRoomUnderTest>(EXTENSION_ID);
  if (!extension) {
    throw new Error(`${EXTENSION_ID} is not installed in this extension host`);
  }
  const api = await extension.activate();
  await api.ready;
  if (!('test' in api)) {
    throw new Error('War Room gave no test hooks: is WARROOM_TEST_SCENARIO set in the extension host?');
  }
  return api;
}

/** A feature's test hooks (its shipped API and more), failing when the feature did not start. */
export async function featureUnderTest<Name extends keyof WarRoomTestHooks['features']>(
  name: Name,
): Promise<NonNullable<WarRoomTestHooks['features'][Name]>> {
  const feature = (await warRoom()).test.features[name];
  if (!feature) {
    throw new Error(`features.${name} did not start (see the War Room log)`);
  }
  return feature;
}

export interface RenderedRow {
  readonly label: string;
  readonly description?: string;
  readonly contextValue?: string;
  readonly depth: number;
  readonly node: TreeNode;
}

/** A view's rows as data: the Incidents tree (`api.tree`) or a feature's view (`{ tree: view }`). */
export interface TreeSource {
  getChildren(node?: TreeNode): TreeNode[] | Promise<TreeNode[]>;
  getTreeItem(node: TreeNode): vscode.TreeItem;
}

/** A tooltip's text as the reader sees it: Markdown escapes (`\\.`) and `&nbsp;` undone. */
export function shownText(tooltip: unknown): string {
  const value = typeof tooltip === 'object' && tooltip !== null && 'value' in tooltip ? String(tooltip.value) : String(tooltip);
  return value.replace(/&nbsp;/g, ' ').replace(/\\([!-/:-@[-`{-~])/g, '$1');
}

/** The whole tree as the view would render it, every row expanded. */
export async function renderTree(api: { readonly tree: TreeSource } | WarRoomApi): Promise<RenderedRow[]> {
  const rows: RenderedRow[] = [];
  const walk = async (parent: TreeNode | undefined, depth: number): Promise<void> => {
    for (const node of await api.tree.getChildren(parent)) {
      const item = api.tree.getTreeItem(node);
      const label = typeof item.label === 'string' ? item.label : (item.label?.label ?? '');
      rows.push({
        label,
        description: typeof item.description === 'string' ? item.description : undefined,
        contextValue: item.contextValue,
        depth,
        node,
      });
      if (node.children) {
        await walk(node, depth + 1);
      }
    }
  };
  await walk(undefined, 0);
  return rows;
}

/**
 * Probes until it answers, for at most `limitMs`. A probe that never returns (a workbench command
 * awaited after the window lost its connection) fails at the limit with a message, instead of hanging
 * the suite until the harness gives up on it with none.
 */
export async function waitFor<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, limitMs = 10_000): Promise<T> {
  const deadline = Date.now() + limitMs;
  for (;;) {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const stuck = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`waited ${limitMs} ms for ${what}: the last check did not return`)),
        Math.max(0, deadline - Date.now()) + 1_000,
      );
    });
    const value = await Promise.race([Promise.resolve(probe()), stuck]).finally(() => clearTimeout(timer));
    if (value !== undefined && value !== false) {
      return value;
    }
    if (Date.now() > deadline) {
      throw new Error(`waited ${limitMs} ms for ${what}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * A teammate's incident arriving the way `git pull` checks it out: its folder under the folder's
 * `.warroom`, then the events file in it, holding only the declaration (by "Teammate").
 */
export function arriveAsPulled(
  folder: vscode.WorkspaceFolder,
  id: string,
  fields: { title: string; service: string; startedMsAgo: number },
): void {
  const started = new Date(Date.now() - fields.startedMsAgo).toISOString();
  const dir = path.join(folder.uri.fsPath, '.warroom', id);
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(
    path.join(dir, 'events.jsonl'),
    JSON.stringify({
      id: 'pulled-1',
      ts: started,
      type: 'declared',
      author: 'Teammate',
      title: fields.title,
      severity: 'SEV2',
      urgency: 'high',
      service: fields.service,
      startedAt: started,
      detectedAt: started,
    }) + '\n',
  );
}

/** Every regular file under `dir` (none when it does not exist). */
export function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? filesUnder(full) : e.isFile() ? [full] : [];
  });
}

/**
 * Waits for a line of the extension host's logs (the War Room log among them) to hold `text`: what a
 * command refused is logged as it is shown, and no extension code can read a notification.
 */
export async function waitForLogLine(text: string, limitMs = 10_000): Promise<string> {
  const logDir = path.dirname((await featureUnderTest('alerts')).logFolder.fsPath);
  return waitFor(
    `a log line with "${text}"`,
    () =>
      filesUnder(logDir)
        .flatMap((f) => fs.readFileSync(f, 'utf8').split('\n'))
        .find((l) => l.includes(text)),
    limitMs,
  );
}
