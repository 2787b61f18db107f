// A runbook goes stale when what it points at changes under it: a script its commands run, a
// manifest it applies, a file it links to. The caller passes the repository changes since the
// runbook's own last edit (from git); this says whether any of them touch what the runbook uses.

import { Runbook } from './model';
import { normalizePath } from './references';

export interface RepoChange {
  readonly path: string;
  readonly kind: 'added' | 'modified' | 'deleted' | 'renamed';
  readonly renamedTo?: string;
  readonly commit?: string;
  readonly date?: string;
}

export interface StaleReason {
  readonly path: string;
  readonly change: RepoChange;
  /** The step that uses it, when it is a command's. */
  readonly step?: string;
  readonly message: string;
}

export interface Staleness {
  readonly stale: boolean;
  readonly reasons: readonly StaleReason[];
}

function describe(change: RepoChange): string {
  const what =
    change.kind === 'deleted'
      ? 'was deleted'
      : change.kind === 'renamed'
        ? `was renamed to ${change.renamedTo ?? '?'}`
        : change.kind === 'added'
          ? 'was added'
          : 'changed';
  const when = [change.commit && `in ${change.commit.slice(0, 8)}`, change.date && `on ${change.date.slice(0, 10)}`]
    .filter(Boolean)
    .join(' ');
  return when ? `${what} ${when}` : what;
}

/** Files whose change affects a command that does not name them: `make x` reads the Makefile... */
const IMPLIED: readonly { command: RegExp; file: RegExp }[] = [
  { command: /\bmake\b/, file: /(^|\/)(GNU)?[Mm]akefile$/ },
  { command: /\b(npm|yarn|pnpm)\s+(run\s+)?\w/, file: /(^|\/)package\.json$/ },
  { command: /\bdocker[- ]compose\b/, file: /(^|\/)(docker-)?compose\.ya?ml$/ },
  { command: /\bterraform\b/, file: /\.tf$/ },
  { command: /\bhelm\b/, file: /(^|\/)(Chart|values[\w.-]*)\.ya?ml$/ },
];

export function assessStaleness(runbook: Runbook, changes: readonly RepoChange[]): Staleness {
  const reasons: StaleReason[] = [];
  const own = normalizePath(runbook.file);
  const references = runbook.references.map(normalizePath);
  for (const change of changes) {
    const path = normalizePath(change.path);
    if (path === own) {
      continue;
    }
    const ref = references.find((r) => r === path || path.startsWith(`${r}/`));
    if (ref !== undefined) {
      reasons.push({ path, change, message: `refers to ${ref === path ? path : `${ref}/ (${path})`}, which ${describe(change)}` });
      continue;
    }
    const base = path.split('/').pop() ?? path;
    for (const step of runbook.steps) {
      const command = step.commands.find(
        (c) =>
          (base.length >= 5 &&
            /[./]/.test(base) &&
            (c.run.includes(path) || new RegExp(`(^|[\\s/'"])${escape(base)}($|[\\s'";|])`).test(c.run))) ||
          IMPLIED.some((i) => i.command.test(c.run) && i.file.test(path)),
      );
      if (command) {
        reasons.push({
          path,
          change,
          step: step.id,
          message: `step "${step.title}" runs \`${firstLine(command.run)}\`, which uses ${path}; it ${describe(change)}`,
        });
        break;
      }
    }
  }
  return { stale: reasons.length > 0, reasons };
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function firstLine(text: string): string {
  const line = text.split('\n')[0];
  return line.length > 80 ? `${line.slice(0, 77)}...` : line;
}
