// What a runbook depends on in the repository: files it links to relatively and scripts/manifests
// its commands name. Staleness compares these with what changed since the runbook's last edit.

import { RunbookCommand, RunbookLink } from './model';

/** `a/b/../c/./d` -> `a/c/d`; keeps leading `..` that climb out of the root. */
export function normalizePath(path: string): string {
  const out: string[] = [];
  for (const part of path.replace(/\\/g, '/').split('/')) {
    if (part === '' || part === '.') {
      continue;
    }
    if (part === '..' && out.length && out[out.length - 1] !== '..') {
      out.pop();
    } else {
      out.push(part);
    }
  }
  return out.join('/');
}

function dirOf(file: string): string {
  const i = file.replace(/\\/g, '/').lastIndexOf('/');
  return i < 0 ? '' : file.slice(0, i);
}

/**
 * A link without its `#fragment` and `?query`, as `url.split('#')[0].split('?')[0]` cut it: every
 * link of every runbook comes here, and two splits cost two arrays a link.
 */
function linkPath(url: string): string {
  const hash = url.indexOf('#');
  const beforeHash = hash < 0 ? url : url.slice(0, hash);
  const query = beforeHash.indexOf('?');
  return query < 0 ? beforeHash : beforeHash.slice(0, query);
}

const FILE_IN_COMMAND =
  /(?:^|[\s'"=])((?:\.{1,2}\/)?(?:[\w@.-]+\/)*[\w@.-]+\.(?:sh|bash|py|rb|js|mjs|ts|go|ya?ml|json|tf|tfvars|sql|conf|cfg|ini|toml|env|jsonnet|libsonnet))(?=$|[\s'";|)])/g;
const DIR_FLAG = /(?:-f|--filename|-k|--kustomize|--values|-chdir=?)\s*=?\s*((?:\.{1,2}\/)?[\w.-]+(?:\/[\w.-]+)+)/g;

/** Repository-relative paths (posix) the runbook refers to, deduplicated. */
export function referencesIn(
  file: string,
  links: readonly RunbookLink[],
  commands: readonly RunbookCommand[],
  explicit: readonly string[],
): string[] {
  const out = new Set<string>(explicit.map(normalizePath));
  const base = dirOf(file);
  for (const link of links) {
    const url = linkPath(link.url);
    if (!url || /^[a-z][a-z0-9+.-]*:/i.test(url) || url.startsWith('/')) {
      continue; // absolute URLs and site-absolute paths are not files of this repository
    }
    out.add(normalizePath(`${base}/${url}`));
  }
  for (const command of commands) {
    if (command.lang !== 'shell') {
      continue;
    }
    // A file name needs a `.` and a directory flag a `-` and a `/`: most commands have neither pair
    // of patterns to try.
    const run = command.run;
    if (run.includes('.')) {
      for (const m of run.matchAll(FILE_IN_COMMAND)) {
        if (!m[1].startsWith('/')) {
          out.add(normalizePath(m[1]));
        }
      }
    }
    if (run.includes('-') && run.includes('/')) {
      for (const m of run.matchAll(DIR_FLAG)) {
        out.add(normalizePath(m[1]));
      }
    }
  }
  return [...out].filter((p) => p && !p.startsWith('..'));
}
