// Finding runbook files in a workspace folder by the `warroom.runbooks.globs` setting's patterns.

import { promises as fsp } from 'node:fs';
import * as path from 'node:path';
import picomatch from 'picomatch';

import { DEFAULT_RUNBOOK_GLOBS } from '../../core/runbooks/globs';

export { DEFAULT_RUNBOOK_GLOBS };

/** Folders never worth walking: dependencies, VCS data, build output. */
const SKIPPED_DIRS = new Set(['node_modules', '.git', '.hg', '.svn', 'out', 'dist', '.vscode-test', '.warroom']);
/** JSON for SSM documents and Rundeck exports; the parser says which JSON files hold a runbook. */
const RUNBOOK_EXTENSIONS = /\.(md|markdown|ya?ml|json)$/i;

export interface FoundFile {
  /** Workspace-relative, with `/` separators. */
  readonly relative: string;
  readonly absolute: string;
}

export type RunbookFileFilter = (relative: string) => boolean;

/** A predicate over workspace-relative paths: matches a glob and has a runbook file extension. */
export function runbookFileFilter(globs: readonly string[] = DEFAULT_RUNBOOK_GLOBS): RunbookFileFilter {
  const isMatch = picomatch([...globs], { dot: false });
  return (relative) => RUNBOOK_EXTENSIONS.test(relative) && isMatch(relative);
}

/** Walks `root` (skipping node_modules, .git...) and returns the runbook files, sorted. */
export async function discoverRunbookFiles(root: string, globs: readonly string[] = DEFAULT_RUNBOOK_GLOBS): Promise<FoundFile[]> {
  const accept = runbookFileFilter(globs);
  const out: FoundFile[] = [];
  async function walk(dir: string, relDir: string): Promise<void> {
    let entries;
    try {
      entries = await fsp.readdir(dir, { withFileTypes: true });
    } catch {
      return; // unreadable or vanished while walking: the rest still counts
    }
    await Promise.all(
      entries.map(async (entry) => {
        const relative = relDir ? `${relDir}/${entry.name}` : entry.name;
        const absolute = path.join(dir, entry.name);
        if (entry.isDirectory()) {
          if (!SKIPPED_DIRS.has(entry.name)) {
            await walk(absolute, relative);
          }
        } else if (entry.isFile() && accept(relative)) {
          out.push({ relative, absolute });
        }
      }),
    );
  }
  await walk(root, '');
  return out.sort((a, b) => (a.relative < b.relative ? -1 : a.relative > b.relative ? 1 : 0));
}
